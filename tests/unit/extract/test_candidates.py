"""Candidates built from whole articles: one per event, place and day; references joined; the rest decided against."""

import datetime as dt

import pytest

from analysis import paths
from analysis.extract.candidates import extract_candidates
from analysis.extract.places import load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _seed(number: str) -> str:
    return next((paths.DATA_DIR / "raw" / "articles").glob(f"{number}_*.txt")).read_text(encoding="utf-8")


def _summary(result):
    return [
        (c.event_date.isoformat(), c.category, c.country, c.place.name if c.place else None) for c in result.candidates
    ]


def test_two_attacks_on_one_base_are_two_candidates_and_references_join_them(gazetteer):
    result = extract_candidates(_seed("000"), dt.date(2024, 7, 26), gazetteer)
    assert _summary(result) == [
        ("2024-07-25", "attack_on_us", "Iraq", "Ain al-Asad air base"),
        ("2024-07-23", "attack_on_us", "Iraq", "Ain al-Asad air base"),  # "on Tuesday", read literally
    ]
    first = result.candidates[0]
    assert first.outcome == "missed"  # "the base itself had not been struck in the attack"
    assert first.munitions[:3] == (2, None, None)  # "Multiple rockets"
    assert first.casualties["us_killed"][:3] == (0, 0, 0)  # "with no damage or casualties reported"
    assert [t.quantity[:3] for t in result.totals] == [(2, None, None)]  # "a handful of attacks since February"
    assert result.totals[0].period_start == dt.date(2024, 2, 1)


def test_strikes_on_two_countries_are_one_row_per_country(gazetteer):
    result = extract_candidates(_seed("001"), dt.date(2024, 2, 3), gazetteer)
    strikes = [(c.country, c.event_date.isoformat()) for c in result.candidates if c.category == "us_strike"]
    assert ("Syria", "2024-02-03") in strikes and ("Iraq", "2024-02-03") in strikes
    assert ("2024-01-28", "attack_on_us", "Jordan", None) in _summary(result)
    assert "aggregate" in {d.reason for d in result.decided_against}
    (total,) = [t for t in result.totals if t.metric == "attacks_on_us"]
    assert (total.quantity[:3], total.period_start) == ((160, None, None), dt.date(2023, 10, 7))


def test_a_later_sentence_names_the_place_and_the_launch_point_is_not_the_place(gazetteer):
    result = extract_candidates(_seed("003"), dt.date(2024, 4, 22), gazetteer)
    rumalan = result.candidates[0]
    assert (rumalan.event_date.isoformat(), rumalan.category, rumalan.place.name) == (
        "2024-04-21",
        "attack_on_us",
        "Rumalan landing zone",
    )
    assert rumalan.munitions[:3] == (5, None, None)
    kalsu = result.candidates[1]
    assert (kalsu.event_date.isoformat(), kalsu.country, kalsu.casualties["other_killed"][:3]) == (
        "2024-04-20",
        "Iraq",
        (1, None, None),
    )


def test_threats_and_aggregates_are_never_candidates(gazetteer):
    result = extract_candidates(_seed("004"), dt.date(2024, 10, 3), gazetteer)
    reasons = [d.reason for d in result.decided_against]
    assert reasons.count("threat") >= 4
    assert ("2024-10-01", "attack_on_us", "Iraq", "Baghdad International Airport") in _summary(result)
    assert all(c.category != "attack_on_us" or c.country == "Iraq" for c in result.candidates)


def test_every_evidence_span_lies_inside_the_article(gazetteer):
    text = _seed("002")
    result = extract_candidates(text, dt.date(2024, 8, 5), gazetteer)
    spans = [(e.start, e.end) for c in result.candidates for e in c.evidence]
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)


def test_an_article_without_violence_gives_no_candidate(gazetteer):
    text = "The minister met his counterpart in Baghdad on Monday to discuss trade."
    result = extract_candidates(text, dt.date(2024, 7, 26), gazetteer)
    assert result.candidates == [] and result.decided_against == []


def test_a_later_day_refines_a_week_and_general_attacks_are_not_the_event(gazetteer):
    text = (
        "The rocket attack on Ain al-Asad is likely a response to airstrikes the US launched in Iraq last week. "
        "On July 30, the US launched airstrikes in Iraq that killed four members of the PMF. "
        "The US bombed the PMF after rocket attacks targeted US bases in Iraq, which caused no damage or casualties."
    )
    result = extract_candidates(text, dt.date(2024, 8, 5), gazetteer)
    (strike,) = [c for c in result.candidates if c.category == "us_strike"]
    assert (strike.event_date.isoformat(), strike.date_precision, strike.country) == ("2024-07-30", "day", "Iraq")
    assert strike.casualties == {"other_killed": strike.casualties["other_killed"]}  # no "no casualties" from attacks


def test_a_lead_without_a_place_is_placed_by_the_next_sentence(gazetteer):
    text = (
        "On Monday, CENTCOM confirmed that the forces of the US-led coalition had been targeted by a rocket attack. "
        "The rockets landed near Al-Tanf in Syria, causing no damage."
    )
    (candidate,) = extract_candidates(text, dt.date(2023, 4, 11), gazetteer).candidates
    assert (candidate.event_date.isoformat(), candidate.category, candidate.place.name) == (
        "2023-04-10",
        "attack_on_us",
        "Al-Tanf",
    )


def test_an_event_never_placed_is_decided_against(gazetteer):
    result = extract_candidates("On Monday, a drone attack hit a US base.", dt.date(2023, 4, 11), gazetteer)
    assert result.candidates == [] and [d.reason for d in result.decided_against] == ["no place"]


def test_a_place_named_as_a_us_target_keeps_that_side_for_its_older_attacks(gazetteer):
    text = "Drones attacked U.S. forces at Al-Tanf in Syria on Monday. In October 2021, Al-Tanf was hit by drones."
    result = extract_candidates(text, dt.date(2022, 8, 15), gazetteer)
    assert [(c.event_date.isoformat(), c.category) for c in result.candidates] == [
        ("2022-08-15", "attack_on_us"),
        ("2021-10-01", "attack_on_us"),
    ]


def test_a_dateline_is_not_a_place_and_two_places_struck_are_two_rows(gazetteer):
    text = (
        "ERBIL (Kurdistan 24) – Iran launched a dozen ballistic missiles at bases in Iraq that house US forces, "
        "the Pentagon confirmed on Tuesday. The missiles landed at the Ain al-Asad airbase as well as near "
        "the US Consulate in Erbil."
    )
    result = extract_candidates(text, dt.date(2020, 1, 8), gazetteer)
    assert sorted(c.place.name for c in result.candidates) == ["Ain al-Asad air base", "Erbil"]
    assert {(c.event_date.isoformat(), c.category) for c in result.candidates} == {("2020-01-07", "attack_on_us")}


def test_a_town_outside_the_province_named_is_not_the_place(gazetteer):
    text = "K1 military base, which houses US troops in Kirkuk province in northern Baghdad, was attacked on Friday."
    (candidate,) = extract_candidates(text, dt.date(2019, 12, 28), gazetteer).candidates
    assert (candidate.place.name, candidate.place.admin1) == ("K-1 Air Base", "Kirkuk")  # not Baghdad


def test_a_day_earlier_counts_from_the_passage_before(gazetteer):
    text = (
        "Rockets hit Ain al-Asad air base housing US troops on Wednesday. "
        "A day earlier, drones struck a base housing US forces at Al-Tanf in Syria."
    )
    result = extract_candidates(text, dt.date(2021, 7, 8), gazetteer)
    assert [(c.event_date.isoformat(), c.place.name) for c in result.candidates] == [
        ("2021-07-07", "Ain al-Asad air base"),
        ("2021-07-06", "Al-Tanf"),
    ]


def test_report_of_the_last_event_and_us_losses_join_it(gazetteer):
    text = (
        "A drone hit a US outpost in Jordan on Sunday. The US Air Force launched a raid against militias. "
        "Regrettably, three US servicemen were lost in the incident."
    )
    (jordan,) = extract_candidates(text, dt.date(2024, 1, 30), gazetteer).candidates
    assert jordan.casualties["us_killed"][:3] == (3, 3, 3)  # the raid came between: no event at hand
    text = "A drone hit a US outpost in Jordan on Sunday. Col. Smith said Monday a contractor was killed."
    (jordan,) = extract_candidates(text, dt.date(2024, 1, 30), gazetteer).candidates
    assert (jordan.event_date.isoformat(), jordan.casualties["other_killed"][:3]) == ("2024-01-28", (1, 1, 1))


def test_an_undated_sentence_about_the_base_joins_the_event_there(gazetteer):
    text = "Five US personnel were injured in a rocket attack on Ain al-Asad airbase on Monday. " + (
        "The Iraqi sources said two Katyusha rockets were fired at the base."
    )
    (candidate,) = extract_candidates(text, dt.date(2024, 8, 5), gazetteer).candidates
    assert candidate.munitions[:3] == (2, 2, 2)


RETALIATION = (
    "On Monday, CENTCOM confirmed that a rocket attack targeted US forces at the Conoco gas field in Syria.\n\n"
    "Earlier, the defenses at the Conoco base shot down a drone.\n\n"
    "In retaliation, the Coalition targeted areas of Khasham."
)


def test_an_undated_retaliation_takes_the_week_from_the_attack_it_answers(gazetteer):
    result = extract_candidates(RETALIATION, dt.date(2023, 4, 11), gazetteer)  # a Tuesday
    strikes = [c for c in result.candidates if c.category == "us_strike"]
    assert [(c.event_date.isoformat(), c.date_precision, c.place.name) for c in strikes] == [
        ("2023-04-05", "week", "Khasham")  # the week from the drone attack "Earlier" (5-11 April)
    ]
    assert any(r.startswith("date: retaliation for the attack of 2023-04-05") for r in strikes[0].rules)


def test_an_undated_retaliation_too_long_after_the_attack_is_not_dated(gazetteer):
    text = RETALIATION.replace("On Monday", "On March 1").replace(
        "Earlier, the defenses at the Conoco base shot down a drone.\n\n", ""
    )
    result = extract_candidates(text, dt.date(2023, 4, 11), gazetteer)
    assert not [c for c in result.candidates if c.category == "us_strike"]
    assert "no date" in [d.reason for d in result.decided_against]


def test_an_event_told_as_earlier_is_not_the_event_before(gazetteer):
    result = extract_candidates(RETALIATION, dt.date(2023, 4, 11), gazetteer)
    attacks = [(c.event_date.isoformat(), c.date_precision) for c in result.candidates if c.category == "attack_on_us"]
    assert attacks == [("2023-04-10", "day"), ("2023-04-05", "week")]


def test_an_undated_sentence_naming_no_place_goes_on_about_the_event_before(gazetteer):
    text = (
        "On Monday, rockets struck the Ain al-Asad air base in Iraq, which houses US troops.\n\n"
        "A US contractor was killed when rockets struck outside the gate."
    )
    result = extract_candidates(text, dt.date(2024, 8, 6), gazetteer)
    assert len(result.candidates) == 1
    assert result.candidates[0].casualties["other_killed"][:3] == (1, 1, 1)


def test_an_unplaced_event_takes_the_country_of_the_event_told_before(gazetteer):
    text = (
        "On Monday, rockets struck the Ain al-Asad air base in Iraq, which houses US troops.\n\n"
        "In December, a similar rocket fusillade killed a U.S. contractor at a base housing US troops."
    )
    result = extract_candidates(text, dt.date(2024, 8, 6), gazetteer)
    assert _summary(result) == [
        ("2024-08-05", "attack_on_us", "Iraq", "Ain al-Asad air base"),
        ("2023-12-01", "attack_on_us", "Iraq", None),  # its sentence names no country
    ]
    december = result.candidates[1]
    assert december.rules[-1] == "place: the country of the event told before (its own sentences name none)"
    where = [e for e in december.evidence if e.field == "location"][-1]
    assert "Iraq" in text[where.start : where.end]


def test_an_attack_naming_no_side_on_a_base_hosting_us_forces_is_an_attack_on_them(gazetteer):
    hosting = extract_candidates("On Sunday, a drone struck Tower 22 in Jordan.", dt.date(2024, 1, 29), gazetteer)
    assert _summary(hosting) == [("2024-01-28", "attack_on_us", "Jordan", "Tower 22")]
    elsewhere = extract_candidates(
        "On Sunday, a drone struck Nevatim Airbase in Israel.", dt.date(2024, 4, 15), gazetteer
    )
    assert _summary(elsewhere) == [("2024-04-14", "regional", "Israel", "Nevatim Airbase")]


def _claim(weekday: str, base: str) -> str:
    return (
        f"An Iraqi Shiite paramilitary group on {weekday} claimed responsibility for a drone attack on a U.S. "
        f"military base in northeastern Syria.\n\nThe group claimed that its fighters launched a booby-trapped drone "
        f"on {base} near Syria's al-Hasakeh governorate."
    )


def test_a_province_named_next_to_a_base_is_no_second_candidate(gazetteer):
    result = extract_candidates(_claim("Monday", "al-Shaddadi military base"), dt.date(2024, 1, 1), gazetteer)
    assert _summary(result) == [("2024-01-01", "attack_on_us", "Syria", "Shaddadi")]


def test_a_province_named_later_gives_an_unplaced_event_its_admin1(gazetteer):
    text = _claim("Saturday", "a military base")
    (candidate,) = extract_candidates(text, dt.date(2023, 12, 16), gazetteer).candidates
    assert (candidate.country, candidate.place, candidate.admin1) == ("Syria", None, "Hasakah")


def test_an_event_told_first_without_a_side_takes_the_side_a_later_sentence_gives(gazetteer):
    text = (
        "Militia members stand outside the headquarters after it was hit by an airstrike in Baghdad Thursday.\n\n"
        "The U.S. military has carried out a strike in Baghdad against an Iraqi militia leader, a U.S. official said "
        "Thursday."
    )
    result = extract_candidates(text, dt.date(2024, 1, 4), gazetteer)
    assert _summary(result) == [("2024-01-04", "us_strike", "Iraq", "Baghdad")]


def test_a_later_higher_figure_gives_the_max_of_a_stated_minimum(gazetteer):
    """ "at least two" then "five": min 2, max 5 (the highest figure the wording supports); a smaller count of
    others afterwards ("one other fighter") changes nothing."""
    text = (
        "A US drone strike in Baghdad on Tuesday killed at least two militia fighters. "
        "Hospital staff later said the strike had killed five fighters. "
        "One other fighter was killed in the strike, a commander said."
    )
    result = extract_candidates(text, dt.date(2025, 3, 5), gazetteer)
    assert _summary(result) == [("2025-03-04", "us_strike", "Iraq", "Baghdad")]
    assert result.candidates[0].casualties["other_killed"][:3] == (2, None, 5)


def test_an_article_that_dates_nothing_gives_its_lead_event_the_week_before_publication(gazetteer):
    text = (
        "A militia has claimed responsibility for a drone attack on a US base at al-Tanf in Syria. "
        "The group said in a statement that the drone struck the base."
    )
    result = extract_candidates(text, dt.date(2025, 3, 9), gazetteer)
    assert _summary(result) == [("2025-03-03", "attack_on_us", "Syria", "Al-Tanf")]
    assert result.candidates[0].date_precision == "week"


def test_an_article_with_a_dated_event_leaves_its_undated_events_decided_against(gazetteer):
    text = (
        "Rockets hit a US base at al-Tanf in Syria on Friday. "
        "A militia has claimed responsibility for a drone attack on a US base in Erbil."
    )
    result = extract_candidates(text, dt.date(2025, 3, 9), gazetteer)
    assert _summary(result) == [("2025-03-07", "attack_on_us", "Syria", "Al-Tanf")]
    assert [d.reason for d in result.decided_against] == ["no date"]


def test_an_aftermath_dated_the_next_day_is_the_attack_told_before(gazetteer):
    """A caption of the day after ("in the aftermath of the rocket attack in Erbil, Wednesday") is not a second
    attack: its date is the aftermath's."""
    text = (
        "Rockets struck a base hosting US troops in Erbil late Tuesday, officials said. "
        "Firefighters work in the aftermath of a rocket attack in Erbil, Iraq, Wednesday, May 14, 2025."
    )
    result = extract_candidates(text, dt.date(2025, 5, 14), gazetteer)
    assert _summary(result) == [("2025-05-13", "attack_on_us", "Iraq", "Erbil")]


def test_a_retaliation_told_after_an_older_attack_is_not_dated_by_the_latest_one(gazetteer):
    """ "then ... retaliatory airstrikes" after a passage on an older, undated attack answers that attack, not the
    attack of the week: its date is unknown."""
    text = (
        "A rocket hit a US base at al-Tanf in Syria on Sunday, the military said. "
        "A series of drone attacks on US bases had killed an American contractor in the past. "
        "The U.S. military then conducted retaliatory airstrikes in Syria."
    )
    result = extract_candidates(text, dt.date(2025, 6, 10), gazetteer)
    assert _summary(result) == [("2025-06-08", "attack_on_us", "Syria", "Al-Tanf")]


def test_a_retaliation_told_just_after_the_attack_is_dated_by_its_week(gazetteer):
    text = (
        "A rocket hit a US base at al-Tanf in Syria on Sunday, the military said. "
        "In retaliation, US aircraft struck militia depots in Syria."
    )
    result = extract_candidates(text, dt.date(2025, 6, 10), gazetteer)
    assert _summary(result) == [
        ("2025-06-08", "attack_on_us", "Syria", "Al-Tanf"),
        ("2025-06-08", "us_strike", "Syria", None),
    ]


def _summary_of(text: str, published: dt.date, gazetteer) -> tuple[list, object]:
    result = extract_candidates(text, published, gazetteer)
    return _summary(result), result


def test_a_conditional_sentence_gives_no_figure(gazetteer):
    """ "the death of an American would be a red line" states no death."""
    text = (
        "Drones struck a US base at al-Tanf in Syria on Monday. "
        "Officials had said the death of one American soldier would bring a swift response."
    )
    summary, result = _summary_of(text, dt.date(2025, 2, 4), gazetteer)
    assert summary == [("2025-02-03", "attack_on_us", "Syria", "Al-Tanf")]
    assert result.candidates[0].casualties == {}


def test_a_headline_told_before_the_dated_event_adds_what_it_says_to_it(gazetteer):
    """The headline dates nothing; the body dates the event: the headline's figure joins it, never rounding the
    body's stated minimum into a maximum."""
    text = (
        "Drone attack on US base in Syria kills two guards\n\n"
        "At least one American soldier was wounded when a drone hit a base at al-Tanf in Syria on Monday."
    )
    summary, result = _summary_of(text, dt.date(2025, 2, 4), gazetteer)
    assert summary == [("2025-02-03", "attack_on_us", "Syria", "Al-Tanf")]
    figures = {pair: q[:3] for pair, q in result.candidates[0].casualties.items()}
    assert figures == {"us_injured": (1, None, None), "other_killed": (2, 2, 2)}
    assert result.decided_against == []


def test_a_us_speaker_that_names_its_own_forces_is_the_attacker_and_an_earlier_cause_keeps_no_side(gazetteer):
    text = "Central Command said its aircraft struck a depot in Syria on Friday after a drone attacked an oil field."
    summary, result = _summary_of(text, dt.date(2025, 4, 12), gazetteer)
    assert summary == [("2025-04-11", "us_strike", "Syria", None)]
    assert [d.reason for d in result.decided_against] == ["no date"]


def test_a_headline_that_adds_nothing_stays_decided_against(gazetteer):
    text = "Rocket attack in Syria\n\nRockets hit a US base at al-Tanf in Syria on Monday, wounding two US soldiers."
    summary, result = _summary_of(text, dt.date(2025, 2, 4), gazetteer)
    assert summary == [("2025-02-03", "attack_on_us", "Syria", "Al-Tanf")]
    assert [(d.reason, text[d.start : d.end]) for d in result.decided_against] == [
        ("no date", "Rocket attack in Syria")
    ]
