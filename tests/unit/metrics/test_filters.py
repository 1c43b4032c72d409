"""Tests of analysis.metrics.filters on a five-incident table checkable by hand."""

import pandas as pd
import pytest

from analysis import schema
from analysis.metrics.filters import filter_incidents
from tests.fixtures.tables import make_incidents


@pytest.fixture
def incidents() -> pd.DataFrame:
    return make_incidents(
        {
            "incident_id": "A",
            "event_date": "2024-01-01",
            "perpetrator": "Kata'ib Hezbollah",
            "claimed_by": "Islamic Resistance in Iraq",
            "weapon": "rocket",
        },
        {
            "incident_id": "B",
            "event_date": "2024-01-05",
            "country": "Syria",
            "location": "Al-Tanf",
            "perpetrator": "Islamic Resistance in Iraq",
            "claimed_by": "Islamic Resistance in Iraq",
        },
        {
            "incident_id": "C",
            "event_date": "2024-01-28",
            "country": "Jordan",
            "location": "Tower 22",
            "perpetrator": "Kata'ib Hezbollah",
        },
        {
            "incident_id": "D",
            "event_date": "2024-02-02",
            "country": "Iraq",
            "location": "Jurf al-Sakhar",
            "category": "us_strike",
            "perpetrator": "United States",
            "weapon": "airstrike",
        },
        {
            "incident_id": "E",
            "event_date": "2024-02-10",
            "country": "Syria",
            "location": "Al-Tanf",
            "category": "regional",
            "perpetrator": "unknown",
            "claimed_by": "Harakat al-Nujaba",
        },
    )


def ids(df: pd.DataFrame) -> list[str]:
    return df["incident_id"].tolist()


def test_no_filter_keeps_every_row(incidents):
    assert ids(filter_incidents(incidents)) == ["A", "B", "C", "D", "E"]


def test_date_range_is_inclusive_at_both_ends(incidents):
    assert ids(filter_incidents(incidents, start="2024-01-05", end="2024-01-28")) == ["B", "C"]
    assert ids(filter_incidents(incidents, start=pd.Timestamp("2024-02-02"))) == ["D", "E"]
    assert ids(filter_incidents(incidents, end="2024-01-01")) == ["A"]


def test_one_value_or_a_list(incidents):
    assert ids(filter_incidents(incidents, countries="Syria")) == ["B", "E"]
    assert ids(filter_incidents(incidents, countries=["Syria", "Jordan"])) == ["B", "C", "E"]
    assert ids(filter_incidents(incidents, categories=("us_strike", "regional"))) == ["D", "E"]
    assert ids(filter_incidents(incidents, weapons="rocket")) == ["A"]


def test_filters_combine_with_and(incidents):
    out = filter_incidents(incidents, countries="Syria", categories="attack_on_us", start="2024-01-02")
    assert ids(out) == ["B"]


def test_value_outside_vocabulary_is_an_error(incidents):
    with pytest.raises(ValueError, match="'Irak' not in the vocabulary"):
        filter_incidents(incidents, countries=["Irak"])


def test_perpetrator_is_a_case_insensitive_substring(incidents):
    assert ids(filter_incidents(incidents, perpetrators="KATA'IB")) == ["A", "C"]
    assert ids(filter_incidents(incidents, perpetrators=["kata'ib", "united"])) == ["A", "C", "D"]


def test_exact_actor_matches_whole_names_only(incidents):
    assert ids(filter_incidents(incidents, perpetrators="kata'ib", exact_actor=True)) == []
    assert ids(filter_incidents(incidents, perpetrators="kata'ib hezbollah", exact_actor=True)) == ["A", "C"]


def test_claimed_by_never_matches_unclaimed(incidents):
    assert ids(filter_incidents(incidents, claimed_by="iraq")) == ["A", "B"]
    assert ids(filter_incidents(incidents, claimed_by="")) == ["A", "B", "E"]


def test_locations_match_whole_names_case_insensitively(incidents):
    assert ids(filter_incidents(incidents, locations="al-tanf")) == ["B", "E"]
    assert ids(filter_incidents(incidents, locations="Tanf")) == []


def test_keeps_index_and_columns(incidents):
    out = filter_incidents(incidents, countries="Jordan")
    assert list(out.index) == [2]
    assert list(out.columns) == schema.INCIDENTS.column_names


def test_empty_table_gives_empty_table(incidents):
    out = filter_incidents(incidents.iloc[0:0], countries="Iraq", perpetrators="x", start="2024-01-01")
    assert len(out) == 0 and list(out.columns) == schema.INCIDENTS.column_names


def test_bad_date_names_the_argument(incidents):
    with pytest.raises(ValueError, match="start='soon' is not a date"):
        filter_incidents(incidents, start="soon")


def test_weapon_filter_matches_any_of_several_weapons():
    df = make_incidents({"weapon": "rocket;drone"}, {"weapon": "drone"}, {"weapon": "rocket"})
    assert len(filter_incidents(df, weapons="rocket")) == 2
    assert len(filter_incidents(df, weapons=["drone"])) == 2


def test_grades_filter_the_graded_selection_and_are_checked_against_the_vocabulary():
    graded = make_incidents({"incident_id": "A"}, {"incident_id": "B"}).assign(grade=["weak", "confirmed"])
    assert filter_incidents(graded, grades="confirmed")["incident_id"].tolist() == ["B"]
    assert filter_incidents(graded, grades=["weak", "confirmed"])["incident_id"].tolist() == ["A", "B"]
    with pytest.raises(ValueError, match="filter on grade: 'strong' not in the vocabulary"):
        filter_incidents(graded, grades="strong")
