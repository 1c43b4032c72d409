"""Which clauses are events, of which side, and which are decided against and why."""

import datetime as dt

import pytest

from analysis.extract.mentions import read_clause, read_munitions

PUB = dt.date(2024, 10, 3)


@pytest.mark.parametrize(
    ("clause", "reason"),
    [
        ("Iran refuted any connections to the fighters who attacked the base", "denial"),
        ("Israel has not taken responsibility for Haniyeh's killing", "denial"),
        ("they would target all American bases and interests", "threat"),
        ("Iran vowed to avenge the strike", "threat"),
        ("Iran and its allied militias have launched over 160 attacks on U.S. troops", "aggregate"),
        ("The groups have carried hundreds of attacks on US troops", "aggregate"),
        ("factions have targeted bases housing US troops over the years", "background"),
        ("US-led forces invaded Iraq in 2003 and struck Baghdad", "background"),
        ("the base was hit by rockets in 2019", "older"),
    ],
)
def test_mentions_decided_against_with_their_reason(clause, reason):
    reading = read_clause(clause, PUB, us_casualties=False)
    assert reading.is_event
    assert reading.reason_against == reason


@pytest.mark.parametrize(
    ("clause", "category", "perpetrator"),
    [
        ("two Katyusha rockets were fired at a US diplomatic facility", "attack_on_us", "unknown"),
        ("the US Air Force launched a large air raid", "us_strike", "US military"),
        ("a suspected Israeli air strike on the Iranian Embassy compound", "regional", "Israel (suspected)"),
        ("Iran attacked Israel with more than 300 drones and missiles", "regional", "Iran"),
    ],
)
def test_side_and_actor(clause, category, perpetrator):
    reading = read_clause(clause, PUB, us_casualties=False)
    assert (reading.category, reading.perpetrator) == (category, perpetrator)


def test_us_casualties_make_an_attack_on_us():
    assert read_clause("a drone strike killed three soldiers", PUB, us_casualties=True).category == "attack_on_us"


def test_a_claim_is_kept_apart_from_the_perpetrator():
    reading = read_clause("a rocket attack claimed by pro-Iran fighters on a base housing US troops", PUB, False)
    assert reading.claimed_by == "pro-Iran fighters"
    assert reading.perpetrator == "unknown"


@pytest.mark.parametrize(
    ("clause", "weapon", "outcome"),
    [
        ("Rockets fired from Lebanon are intercepted by Iron Dome", "rocket", "intercepted"),
        ("more than 300 drones and missiles which caused limited damage", "missiles_and_drones", "partial"),
        ("officials said the base itself had not been struck", None, "missed"),
        ("it remains unclear whether the rockets hit the base or were intercepted", "rocket", "unknown"),
    ],
)
def test_weapon_and_outcome(clause, weapon, outcome):
    reading = read_clause(clause, PUB, us_casualties=False)
    assert (reading.weapon, reading.outcome) == (weapon, outcome)


def test_munitions_take_the_figure_next_to_the_weapon():
    assert read_munitions("around 12:20 am two Katyusha rockets fell")[:3] == (2, 2, 2)
    assert read_munitions("at least five rockets were launched")[:3] == (5, None, None)
    assert read_munitions("Multiple rockets were launched")[:3] == (2, None, None)
    assert read_munitions("a strike on the base") is None


def test_a_us_speaker_is_not_a_us_attacker():
    reading = read_clause("U.S. Army Col. Wayne Marotto said Tuesday a contractor was killed", PUB, False)
    assert reading.category != "us_strike"
    assert read_clause("The U.S. military launched airstrikes on a depot", PUB, False).category == "us_strike"


@pytest.mark.parametrize(
    "clause",
    [
        "killed last year alongside Iranian Gen. Qassem Soleimani in a Trump administration-ordered strike",
        "a strike ordered by President Biden hit a depot",
    ],
)
def test_a_strike_a_us_president_ordered_is_a_us_strike(clause):
    assert read_clause(clause, PUB, False).category == "us_strike"


@pytest.mark.parametrize(
    "clause",
    [
        # the US defended against the munitions: an attack on US forces, not a US strike
        "United States military forces combatted three drones that flew near U.S. and allied forces in Iraq",
        "US forces shot down two one-way attack drones over the base",
        # a US military statement reports the attack; CENTCOM is the speaker, not the attacker
        "United States Central Command (CENTCOM) has confirmed that no U.S. troops were injured in a rocket attack "
        "against a coalition base in al-Shaddadi, Syria.",
        "According to CENTCOM: “ Two rockets targeted coalition forces at the US patrol base in al-Shaddadi",
    ],
)
def test_a_us_statement_or_defence_keeps_an_attack_on_us_forces(clause):
    reading = read_clause(clause, PUB, us_casualties=False)
    assert reading.category == "attack_on_us", reading.rules


def test_a_us_strike_is_still_a_us_strike():
    reading = read_clause("US jets struck a weapons depot near Abu Kamal, the Pentagon said", PUB, False)
    assert reading.category == "us_strike"


@pytest.mark.parametrize(
    "clause",
    [
        "This attack constitutes the 26th against US bases in Syria since October 19.",
        "it marks at least the 32nd attack on US and coalition military facilities in Iraq and Syria since October 17",
    ],
)
def test_an_ordinal_count_since_a_date_is_an_aggregate(clause):
    """'the 26th ... since October 19' counts attacks: a reported total, never an event on October 19."""
    assert read_clause(clause, PUB, us_casualties=False).reason_against == "aggregate"


@pytest.mark.parametrize(
    "clause",
    [
        "An F-15E Strike Eagle refuels over the Gulf during a patrol, May 2, 2025.",
        "The carrier strike group sailed into the Red Sea on Monday.",
    ],
)
def test_the_name_of_an_aircraft_or_a_unit_is_no_strike(clause):
    assert read_clause(clause, PUB, False).is_event is False


def test_an_infinitive_attack_on_us_forces_names_them_as_the_target():
    reading = read_clause("the militia used drones to attack U.S. forces at the airport", PUB, False)
    assert reading.category == "attack_on_us"


@pytest.mark.parametrize(
    "clause",
    [
        "American troops at a desert outpost were attacked by two drones on Sunday",  # passive, where they are between
        "Coalition forces near the airport have been targeted by rockets",
        "A U.S. base in eastern Syria came under rocket fire overnight",
    ],
)
def test_us_forces_named_with_where_they_are_stay_the_target(clause):
    assert read_clause(clause, PUB, False).category == "attack_on_us"


@pytest.mark.parametrize(
    ("clause", "category"),
    [
        ("Rocket hits US troops' base in eastern Syria", "attack_on_us"),  # a headline's present tense
        ("Drone strikes coalition forces near the border", "attack_on_us"),
        ("The U.S. retaliated with airstrikes on militia depots", "us_strike"),
        ("Washington said the U.S. responded with strikes on two depots", "us_strike"),
    ],
)
def test_a_headline_verb_or_a_response_names_the_side(clause, category):
    assert read_clause(clause, PUB, False).category == category


def test_munitions_shot_down_by_us_forces_were_an_attack_on_them():
    reading = read_clause("three rockets were intercepted by the U.S. at the airfield overnight", PUB, False)
    assert reading.category == "attack_on_us"
