"""Tests of analysis.metrics.counts on a six-incident table checkable by hand."""

import math

import pandas as pd
import pytest

from analysis import schema
from analysis.metrics.counts import count_by
from tests.fixtures.tables import make_incidents


@pytest.fixture
def incidents() -> pd.DataFrame:
    return make_incidents(
        {"country": "Iraq", "weapon": "rocket", "claimed_by": "Islamic Resistance in Iraq"},
        {"country": "Iraq", "weapon": "drone", "claimed_by": "Islamic Resistance in Iraq"},
        {"country": "Iraq", "weapon": "drone"},
        {"country": "Syria", "weapon": "drone", "location": "Al-Tanf", "claimed_by": "Harakat al-Nujaba"},
        {"country": "Syria", "weapon": "rocket", "location": "Al-Tanf"},
        {"country": "Jordan", "weapon": "drone", "location": "Tower 22", "outcome": "hit"},
    )


def test_counts_sorted_largest_first_with_shares(incidents):
    out = count_by(incidents, "country")
    assert list(out.columns) == ["country", "incidents", "share"]
    assert out["country"].tolist() == ["Iraq", "Syria", "Jordan"]
    assert out["incidents"].tolist() == [3, 2, 1]
    assert out["share"].tolist() == pytest.approx([0.5, 1 / 3, 1 / 6])
    assert out["share"].sum() == pytest.approx(1.0)


def test_unclaimed_is_its_own_row(incidents):
    out = count_by(incidents, "claimed_by")
    assert out["claimed_by"].tolist() == ["(unclaimed)", "Islamic Resistance in Iraq", "Harakat al-Nujaba"]
    assert out["incidents"].tolist() == [3, 2, 1]


def test_ties_follow_vocabulary_order(incidents):
    # hit 1, unknown 5; then equal counts of zero in vocabulary order
    out = count_by(incidents, "outcome", include_empty=True)
    assert out["outcome"].tolist() == ["unknown", "hit", "partial", "intercepted", "missed"]
    assert out["incidents"].tolist() == [5, 1, 0, 0, 0]


def test_zero_categories_only_on_request(incidents):
    assert count_by(incidents, "weapon")["weapon"].tolist() == ["drone", "rocket"]
    full = count_by(incidents, "weapon", include_empty=True)
    assert len(full) == len(schema.WEAPONS)
    assert full["incidents"].sum() == 6


def test_text_ties_are_alphabetical(incidents):
    out = count_by(incidents, "location")
    assert out["location"].tolist() == ["Al-Asad Airbase", "Al-Tanf", "Tower 22"]
    assert out["incidents"].tolist() == [3, 2, 1]


def test_top_sums_the_rest(incidents):
    out = count_by(incidents, "country", top=1)
    assert out["country"].tolist() == ["Iraq", "(other)"]
    assert out["incidents"].tolist() == [3, 3]


def test_empty_table(incidents):
    out = count_by(incidents.iloc[0:0], "category")
    assert len(out) == 0 and list(out.columns) == ["category", "incidents", "share"]
    full = count_by(incidents.iloc[0:0], "category", include_empty=True)
    assert full["incidents"].tolist() == [0, 0, 0]
    assert all(math.isnan(s) for s in full["share"])


def test_unknown_dimension_names_the_columns(incidents):
    with pytest.raises(KeyError, match="no column 'colour'"):
        count_by(incidents, "colour")


def test_an_incident_with_several_weapons_counts_under_each():
    df = make_incidents({"weapon": "rocket;drone"}, {"weapon": "drone"}, {"weapon": "unknown"})
    out = count_by(df, "weapon")
    assert out["weapon"].tolist() == ["drone", "rocket", "unknown"]
    assert out["incidents"].tolist() == [2, 1, 1]
    assert out["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 1 / 3])  # of incidents: sums to more than 1
