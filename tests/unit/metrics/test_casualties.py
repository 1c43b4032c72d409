"""Tests of analysis.metrics.casualties: ranges, open ranges and unknowns, counted by hand."""

import pandas as pd
import pytest

from analysis.metrics.casualties import group_columns, tally_casualties, widen_tally
from tests.fixtures.tables import make_incidents, make_toll_totals


@pytest.fixture
def incidents() -> pd.DataFrame:
    # us_killed: A 0-0, B 1-2, C >=3 (open), D unknown
    # other_killed: A 2-4, B 5 (min=max), C unknown, D unknown
    return make_incidents(
        {
            "incident_id": "A",
            "event_date": "2024-01-02",
            "country": "Iraq",
            "us_killed_min": 0,
            "us_killed_max": 0,
            "other_killed_min": 2,
            "other_killed_max": 4,
            "fatalities": 2,
        },
        {
            "incident_id": "B",
            "event_date": "2024-01-09",
            "country": "Iraq",
            "us_killed_min": 1,
            "us_killed_max": 2,
            "other_killed_min": 5,
            "other_killed_max": 5,
            "fatalities": 6,
        },
        {
            "incident_id": "C",
            "event_date": "2024-01-28",
            "country": "Jordan",
            "location": "Tower 22",
            "us_killed_min": 3,
            "us_injured_min": 40,
            "us_injured_max": 47,
        },
        {
            "incident_id": "D",
            "event_date": "2024-02-02",
            "country": "Syria",
            "location": "Al-Tanf",
            "category": "us_strike",
        },
    )


def row(tally: pd.DataFrame, measure: str, **group) -> pd.Series:
    mask = tally["measure"] == measure
    for k, v in group.items():
        mask &= tally[k] == v
    assert mask.sum() == 1
    return tally.loc[mask].iloc[0]


def test_columns_of_the_long_format(incidents):
    out = tally_casualties(incidents)
    assert list(out.columns) == [
        "measure",
        "low",
        "best",
        "high",
        "high_open",
        "incidents",
        "incidents_with_figure",
        "incidents_open",
        "incidents_unknown",
        "incidents_approximate",
        "incidents_not_applicable",
        "toll_low",
        "toll_high",
        "toll_high_open",
        "toll_approximate",
        "toll_ids",
        "incidents_in_tolls",
    ]
    assert out["measure"].tolist() == ["us_killed", "us_injured", "other_killed", "other_injured", "fatalities"]
    assert str(out["low"].dtype) == "Int64" and str(out["high"].dtype) == "Int64"


def test_open_max_makes_the_high_open(incidents):
    r = row(tally_casualties(incidents), "us_killed")
    assert r["low"] == 0 + 1 + 3
    assert pd.isna(r["high"]) and bool(r["high_open"])
    # D is a US strike with no US figure: not applicable, so neither counted nor unknown
    assert (r["incidents"], r["incidents_with_figure"], r["incidents_open"], r["incidents_unknown"]) == (3, 3, 1, 0)
    assert r["incidents_not_applicable"] == 1


def test_us_figures_count_only_attacks_on_us_forces_and_incidents_with_a_stated_us_figure():
    df = make_incidents(
        {"category": "attack_on_us"},
        {"category": "regional"},
        {"category": "us_strike", "us_injured_min": 0, "us_injured_max": 0},
        {"category": "regional", "other_killed_best": 1200},
    )
    out = tally_casualties(df).set_index("measure")
    assert (out.loc["us_killed", "incidents"], out.loc["us_killed", "incidents_unknown"]) == (1, 1)
    assert out.loc["us_killed", "incidents_not_applicable"] == 3
    assert (out.loc["us_injured", "incidents"], out.loc["us_injured", "incidents_unknown"]) == (2, 1)
    assert (out.loc["other_killed", "incidents"], out.loc["other_killed", "incidents_unknown"]) == (4, 3)
    by = tally_casualties(df, by="category")
    strikes = row(by, "us_killed", category="us_strike")
    assert strikes["incidents"] == 0 and pd.isna(strikes["low"]) and strikes["incidents_unknown"] == 0


def test_closed_ranges_add_up(incidents):
    r = row(tally_casualties(incidents), "other_killed")
    assert (r["low"], r["high"], bool(r["high_open"])) == (7, 9, False)
    assert (r["incidents_with_figure"], r["incidents_unknown"]) == (2, 2)


def test_all_unknown_is_never_zero(incidents):
    r = row(tally_casualties(incidents), "other_injured")
    assert pd.isna(r["low"]) and pd.isna(r["high"])
    assert r["incidents_unknown"] == 4


def test_fatalities_is_the_acled_sum(incidents):
    r = row(tally_casualties(incidents), "fatalities")
    assert (r["low"], r["high"], r["incidents_with_figure"], r["incidents_unknown"]) == (8, 8, 2, 2)
    assert "fatalities" not in tally_casualties(incidents, include_fatalities=False)["measure"].tolist()


def test_by_country_in_vocabulary_order(incidents):
    out = tally_casualties(incidents, by="country")
    assert group_columns(out) == ["country"]
    assert out["country"].drop_duplicates().tolist() == ["Iraq", "Syria", "Jordan"]
    iraq = row(out, "us_killed", country="Iraq")
    assert (iraq["low"], iraq["high"], iraq["incidents"]) == (1, 2, 2)
    jordan = row(out, "us_injured", country="Jordan")
    assert (jordan["low"], jordan["high"]) == (40, 47)
    syria = row(out, "us_killed", country="Syria")
    assert pd.isna(syria["low"]) and syria["incidents_unknown"] == 0 and syria["incidents_not_applicable"] == 1


def test_by_month_and_week(incidents):
    months = tally_casualties(incidents, by="month")
    assert months["period"].drop_duplicates().tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    jan = row(months, "us_killed", period=pd.Timestamp("2024-01-01"))
    assert (jan["low"], bool(jan["high_open"]), jan["incidents"]) == (4, True, 3)
    weeks = tally_casualties(incidents, by="week")
    # 2024-01-02 -> week of Mon 2024-01-01; 01-09 -> 01-08; 01-28 (a Sunday) -> 01-22; 02-02 -> 01-29
    assert weeks["period"].drop_duplicates().dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-01",
        "2024-01-08",
        "2024-01-22",
        "2024-01-29",
    ]


def test_by_incident_keeps_table_order(incidents):
    out = tally_casualties(incidents, by="incident", include_fatalities=False)
    assert out["incident_id"].drop_duplicates().tolist() == ["A", "B", "C", "D"]
    c = row(out, "us_killed", incident_id="C")
    assert c["low"] == 3 and bool(c["high_open"])


def test_max_without_min_counts_zero_low():
    df = make_incidents({"us_injured_max": 5})
    r = row(tally_casualties(df), "us_injured")
    assert (r["low"], r["high"], r["incidents_with_figure"]) == (0, 5, 1)


def test_empty_table_gives_empty_tallies(incidents):
    assert len(tally_casualties(incidents.iloc[0:0])) == 0
    assert len(tally_casualties(incidents.iloc[0:0], by="month")) == 0


def test_unknown_by_is_an_error(incidents):
    with pytest.raises(ValueError, match="by must be one of"):
        tally_casualties(incidents, by="year")


def test_widen_tally_one_row_per_group(incidents):
    wide = widen_tally(tally_casualties(incidents, by="country"), measures=["us_killed", "other_killed"])
    assert wide["country"].tolist() == ["Iraq", "Syria", "Jordan"]
    assert wide["us_killed_low"].tolist()[0] == 1 and wide["us_killed_low"].tolist()[2] == 3
    assert wide["other_killed_high"].tolist()[0] == 9
    assert "us_injured_low" not in wide.columns


def test_best_estimates_sum_best_else_lowest_and_best_only_counts_at_both_ends_as_approximate():
    df = make_incidents(
        {"us_killed_min": 2, "us_killed_best": 3, "us_killed_max": 4},
        {"us_killed_min": 1, "us_killed_max": 1},
        {"us_killed_best": 1200},
    )
    row = tally_casualties(df).set_index("measure").loc["us_killed"]
    # "about 1,200" has no stated bound: it is approximate at both ends, not "at least 1,200"
    assert (row["low"], row["best"], row["high"], row["high_open"]) == (1203, 1204, 1205, False)
    assert row["incidents_approximate"] == 1
    without = tally_casualties(df.iloc[[1]]).set_index("measure").loc["us_killed"]
    assert pd.isna(without["best"]) and (without["low"], without["high"]) == (1, 1)


def test_several_weapons_in_one_incident_follow_the_rule_of_count_by():
    from analysis.metrics.counts import count_by

    df = make_incidents(
        {"weapon": "rocket;drone", "us_injured_min": 2, "us_injured_max": 3},
        {"weapon": "drone", "us_injured_min": 1, "us_injured_max": 1},
    )
    tally = tally_casualties(df, by="weapon", include_fatalities=False)
    injured = tally.loc[tally["measure"] == "us_injured"]
    assert injured["weapon"].astype(str).tolist() == ["rocket", "drone"]  # vocabulary order, never "rocket;drone"
    assert injured["low"].tolist() == [2, 3] and injured["high"].tolist() == [3, 4]
    counted = count_by(df, "weapon").set_index("weapon")["incidents"]
    assert injured.set_index(injured["weapon"].astype(str))["incidents"].to_dict() == counted.to_dict()


def test_an_operation_toll_counts_its_rows_once_under_the_toll_never_as_unknown_or_twice():
    from analysis.metrics.tolls import link_operation_tolls

    wave = "strike wave"
    df = make_incidents(
        {"incident_id": "S1", "category": "us_strike", "country": "Syria", "operation": wave},
        {"incident_id": "S2", "category": "us_strike", "country": "Syria", "operation": wave, "other_killed_min": 5},
        {"incident_id": "I1", "category": "us_strike", "country": "Iraq", "operation": wave, "other_killed_min": 4},
        {"incident_id": "I2", "category": "us_strike", "country": "Iraq"},
    )
    totals = make_toll_totals("SOHR", wave, "Syria", 18, "S001")
    links = link_operation_tolls(df, totals)
    assert sorted(links["incident_id"]) == ["S1", "S2"]
    r = row(tally_casualties(df, tolls=links), "other_killed")
    # S2's own 5 is inside the toll's 18: not added again; S1 is covered by the toll, not unknown
    assert (r["low"], r["incidents"], r["incidents_unknown"]) == (4, 2, 1)
    assert (r["toll_low"], bool(r["toll_high_open"]), r["toll_ids"], r["incidents_in_tolls"]) == (18, True, "SOHR", 2)
    by_country = tally_casualties(df, by="country", tolls=links)
    assert pd.isna(row(by_country, "other_killed", country="Iraq")["toll_ids"])
    assert row(by_country, "other_killed", country="Syria")["toll_low"] == 18
    without = row(tally_casualties(df), "other_killed")
    assert (without["low"], without["incidents_unknown"], without["toll_ids"] is pd.NA) == (9, 2, True)
