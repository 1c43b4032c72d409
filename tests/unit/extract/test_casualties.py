"""Who was killed or injured (US personnel or others) and how many."""

import pytest

from analysis.extract.casualties import find_casualties


@pytest.mark.parametrize(
    ("passage", "pair", "figures"),
    [
        ("Regrettably, three US servicemen were lost in the incident.", "us_killed", (3, 3, 3)),
        ("a drone strike that claimed the lives of three US soldiers in Jordan", "us_killed", (3, 3, 3)),
        ("Initial indications are that several U.S. personnel were injured.", "us_injured", (2, None, None)),
        ("a spokesperson confirmed that “several” American personnel were injured", "us_injured", (2, None, None)),
        ("two US contractors were wounded", "other_injured", (2, 2, 2)),
        ("a U.S. air strike killed at least four pro-Iran extremists in Iraq", "other_killed", (4, None, None)),
        ("five Iran-backed fighters were killed", "other_killed", (5, 5, 5)),
        ("an attack that killed some 1,200 people", "other_killed", (None, 1200, None)),
        ("an air strike that killed seven Iranian commanders", "other_killed", (7, None, None)),  # a subgroup
        ("resulting in the death of a member of the Iraqi security forces", "other_killed", (1, None, None)),
        ("no US personnel were injured in the incident", "us_injured", (0, 0, 0)),
    ],
)
def test_casualty_phrases(passage, pair, figures):
    found = find_casualties(passage)
    assert [(c.pair, c.quantity[:3]) for c in found] == [(pair, figures)]


def test_no_casualties_covers_every_pair():
    found = find_casualties("with no damage or casualties reported")
    assert {c.pair for c in found} == {"us_killed", "us_injured", "other_killed", "other_injured"}
    assert {c.quantity[:3] for c in found} == {(0, 0, 0)}


def test_a_number_that_is_not_a_casualty_figure_is_ignored():
    assert find_casualties("two days after a summit, 2,500 troops remain deployed") == []


def test_two_groups_sharing_one_verb_are_counted_apart():
    found = find_casualties("five U.S. service members and one U.S. contractor were wounded Thursday")
    assert [(c.pair, c.quantity[:3]) for c in found] == [("us_injured", (5, 5, 5)), ("other_injured", (1, 1, 1))]


def test_digits_of_a_date_or_a_time_are_not_a_figure():
    found = find_casualties("2023-03-24 A U.S. contractor was killed at 12:20 pm")
    assert [(c.pair, c.quantity[:3]) for c in found] == [("other_killed", (1, 1, 1))]


@pytest.mark.parametrize(
    ("passage", "pair", "figures"),
    [
        ("a U.S. contractor did die after suffering a cardiac episode", "other_killed", (1, 1, 1)),
        ("the assassination of Hezbollah leader Hassan Nasrallah in an airstrike", "other_killed", (1, None, None)),
        ("the attack did not cause any casualties or damage", "us_killed", (0, 0, 0)),
    ],
)
def test_more_casualty_wordings(passage, pair, figures):
    found = {c.pair: c.quantity[:3] for c in find_casualties(passage)}
    assert found[pair] == figures


@pytest.mark.parametrize(
    ("passage", "pairs"),
    [
        ("the attack resulted in no injuries or damage to the base", {"us_injured", "other_injured"}),
        ("there were no deaths among the troops", {"us_killed", "other_killed"}),
    ],
)
def test_no_injuries_covers_only_the_injured_pairs(passage, pairs):
    """The codebook gives 0 only for the pairs a phrase covers: "no injuries" says nothing of the dead."""
    found = find_casualties(passage)
    assert {c.pair for c in found} == pairs
    assert {c.quantity[:3] for c in found} == {(0, 0, 0)}


@pytest.mark.parametrize(
    ("passage", "pair", "figures"),
    [
        ("By evening the death toll had risen to nine, a hospital official said.", "other_killed", (9, 9, 9)),
        ("The American death toll stood at two on Friday.", "us_killed", (2, 2, 2)),
    ],
)
def test_a_stated_death_toll_is_a_killed_figure(passage, pair, figures):
    assert [(c.pair, c.quantity[:3]) for c in find_casualties(passage)] == [(pair, figures)]


@pytest.mark.parametrize(
    ("passage", "expected"),
    [
        (
            "an American serviceman and three local guards were hurt",
            [("us_injured", (1, 1, 1)), ("other_injured", (3, 3, 3))],
        ),
        ("one U.S. servicewoman died of her wounds", [("us_killed", (1, 1, 1))]),
    ],
)
def test_one_service_member_is_a_us_figure(passage, expected):
    assert [(c.pair, c.quantity[:3]) for c in find_casualties(passage)] == expected


def test_no_human_losses_is_no_casualties_for_every_pair():
    found = find_casualties("the shells fell without causing any human or material losses")
    assert {c.pair for c in found} == {"us_killed", "us_injured", "other_killed", "other_injured"}
    assert {c.quantity[:3] for c in found} == {(0, 0, 0)}


def test_the_killing_of_a_contractor_is_a_killed_figure():
    found = find_casualties("The 2022 killing of a U.S. civilian contractor near the airport led to airstrikes")
    assert [(c.pair, c.quantity[:3]) for c in found] == [("other_killed", (1, 1, 1))]


def test_a_headline_in_the_present_tense_gives_its_figure():
    found = find_casualties("Rocket attack kills three guards, wounds two US soldiers")
    assert [(c.pair, c.quantity[:3]) for c in found] == [("other_killed", (3, 3, 3)), ("us_injured", (2, 2, 2))]


def test_no_service_members_were_injured_covers_only_that_pair():
    found = find_casualties("Officials said no U.S. service members were injured.")
    assert [(c.pair, c.quantity[:3]) for c in found] == [("us_injured", (0, 0, 0))]
