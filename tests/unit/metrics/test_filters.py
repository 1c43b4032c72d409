"""Tests of analysis.metrics.filters on a five-incident table checkable by hand."""

import datetime as dt

import pandas as pd
import pytest

from analysis import paths, schema
from analysis.data.dataset import load_dataset
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
    with pytest.raises(
        ValueError,
        match="found 'Irak' \\(did you mean 'Iraq', 'Iran' or 'Israel'\\?\\); expected one of the vocabulary: Iraq, ",
    ):
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


def test_a_part_of_a_place_name_is_an_error_not_zero_rows(incidents):
    with pytest.raises(ValueError, match="filter on location: found 'Tanf' \\(did you mean 'Al-Tanf'\\?\\)"):
        filter_incidents(incidents, locations="Tanf")


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_places_match_their_aliases_in_any_case(dataset):
    by_name = filter_incidents(dataset, locations="Ain al-Asad air base")
    assert len(by_name) == 3
    aliases = dataset.places.set_index("name").loc["Ain al-Asad air base", "aliases"]
    assert "Ain al-Asad" in schema.split_values(aliases)
    for alias in schema.split_values(aliases):
        assert ids(filter_incidents(dataset, locations=alias.upper())) == ids(by_name)
        assert ids(filter_incidents(dataset, locations=alias.lower())) == ids(by_name)
    assert ids(filter_incidents(dataset.incidents, places=dataset.places, locations="Ain al-Asad")) == ids(by_name)


def test_an_unknown_place_raises_like_an_unknown_country_with_close_names(dataset):
    with pytest.raises(ValueError, match="filter on location: found 'Ain al-Assad' \\(did you mean 'Ain al-Asad'"):
        filter_incidents(dataset, locations="Ain al-Assad")
    with pytest.raises(ValueError, match="filter on country: found 'Irak' \\(did you mean 'Iraq'"):
        filter_incidents(dataset, countries="Irak")


def test_an_alias_without_the_gazetteer_says_to_pass_the_dataset(dataset):
    with pytest.raises(ValueError, match="did you mean 'Ain al-Asad air base'.*pass the Dataset"):
        filter_incidents(dataset.incidents, locations="Ain al-Asad")


def test_a_place_of_the_gazetteer_without_incidents_gives_zero_rows(dataset):
    quiet = filter_incidents(dataset, locations="Ain al-Asad air base", countries="Syria")
    assert len(quiet) == 0
    assert len(filter_incidents(quiet, locations="Tower 22", places=dataset.places)) == 0


def test_relative_periods_as_in_the_cli(incidents):
    today = dt.date(2024, 2, 10)
    assert ids(filter_incidents(incidents, start="last 1 month", today=today)) == ["C", "D", "E"]
    assert ids(filter_incidents(incidents, start="last 1 week", end="today", today=today)) == ["E"]
    assert ids(filter_incidents(incidents, start="Last 6 Days", today=today)) == ["E"]


def test_relative_period_defaults_to_the_real_today(incidents):
    assert ids(filter_incidents(incidents, end="today")) == ["A", "B", "C", "D", "E"]


def test_an_end_before_the_start_is_an_error(incidents):
    with pytest.raises(ValueError, match="end='2024-01-01' \\(2024-01-01\\) is before start='2024-02-01'"):
        filter_incidents(incidents, start="2024-02-01", end="2024-01-01")


def test_a_frame_read_with_plain_pandas_is_refused_with_what_to_do():
    raw = pd.read_csv(paths.DATA_DIR / "incidents.csv")
    with pytest.raises(ValueError, match="column 'event_date' holds text .*use analysis.load_dataset"):
        filter_incidents(raw, start="2024-01-01")


def test_something_else_than_a_table_is_refused():
    with pytest.raises(TypeError, match="filter_incidents: found str, expected the incident table"):
        filter_incidents("data/incidents.csv")


def test_a_selection_carries_nothing_hidden(dataset):
    selected = filter_incidents(dataset, countries="Iraq", start="2024-01-01")
    assert selected.attrs == {} and dataset.incidents.attrs == {}


def test_weapon_filter_matches_any_of_several_weapons():
    df = make_incidents({"weapon": "rocket;drone"}, {"weapon": "drone"}, {"weapon": "rocket"})
    assert len(filter_incidents(df, weapons="rocket")) == 2
    assert len(filter_incidents(df, weapons=["drone"])) == 2


def test_grades_filter_the_graded_selection_and_are_checked_against_the_vocabulary():
    graded = make_incidents({"incident_id": "A"}, {"incident_id": "B"}).assign(grade=["weak", "confirmed"])
    assert filter_incidents(graded, grades="confirmed")["incident_id"].tolist() == ["B"]
    assert filter_incidents(graded, grades=["weak", "confirmed"])["incident_id"].tolist() == ["A", "B"]
    with pytest.raises(ValueError, match="filter on grade: found 'strong'"):
        filter_incidents(graded, grades="strong")
