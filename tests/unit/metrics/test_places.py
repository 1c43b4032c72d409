"""Tests of analysis.metrics.places: grouping by place and category, deaths per incident."""

import numpy as np

from analysis.metrics.places import aggregate_places, estimate_incident_deaths, find_country_only
from tests.fixtures.tables import make_incidents


def test_deaths_prefer_fatalities_then_killed_max_then_min_and_unknown_stays_unknown():
    df = make_incidents(
        {"fatalities": 5, "us_killed_min": 1, "us_killed_max": 9},
        {"us_killed_min": 1, "us_killed_max": 3, "other_killed_min": 2},
        {},
    )
    deaths = estimate_incident_deaths(df)
    assert deaths[:2].tolist() == [5.0, 5.0] and np.isnan(deaths[2])


def test_groups_by_place_and_category_with_counts_spans_and_samples():
    df = make_incidents(
        {"incident_id": "A", "event_date": "2024-01-02", "location": "Base", "fatalities": 2},
        {"incident_id": "B", "event_date": "2024-01-09", "location": "Base", "fatalities": 1},
        {"incident_id": "C", "event_date": "2024-02-01", "location": "Town", "category": "us_strike"},
        {"incident_id": "D", "event_date": "2024-03-01", "location": "Base"},
    )
    g = aggregate_places(df, sample_size=2)
    assert list(g["place"]) == ["Base", "Town"] and list(g["category"]) == ["attack_on_us", "us_strike"]
    assert g["incidents"].tolist() == [3, 1] and g["deaths"].tolist() == [3.0, 0.0]
    assert g["incidents_with_deaths"].tolist() == [2, 0]
    first = np.datetime64("2024-01-02", "D").astype("int64")
    assert g["first_day"][0] == first and g["last_day"][0] == np.datetime64("2024-03-01", "D").astype("int64")
    # two samples from Base (its first two rows in table order), one from Town
    assert list(zip(g["sample_group"].tolist(), g["sample_rows"].tolist())) == [(0, 0), (0, 1), (1, 2)]
    # a budget of 2 samples for 2 groups: one each, whatever sample_size asks
    g = aggregate_places(df, sample_size=2, sample_budget=2)
    assert list(zip(g["sample_group"].tolist(), g["sample_rows"].tolist())) == [(0, 0), (1, 2)]
    g = aggregate_places(df, sample_size=2, sample_budget=1)  # never fewer than one per group
    assert g["sample_group"].tolist() == [0, 1]


def test_country_only_rows_and_the_coarsest_precision_of_a_group():
    df = make_incidents(
        {"incident_id": "A", "event_date": "2024-01-02", "location": "Base", "geo_precision": 1},
        {"incident_id": "B", "event_date": "2024-01-03", "location": "Base", "geo_precision": 2},
        {"incident_id": "C", "event_date": "2024-01-04", "country": "Iraq", "location": "Iraq", "geo_precision": 3},
        {"incident_id": "D", "event_date": "2024-01-05", "latitude": None, "longitude": None, "geo_precision": None},
    )
    assert find_country_only(df).tolist() == [False, False, True, True]
    g = aggregate_places(df.loc[~find_country_only(df)])
    assert g["geo_precision"].tolist() == [2.0]
