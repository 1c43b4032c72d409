"""Tests of analysis.reporting.casualty_text: tally cells, casualty tables and operation tolls as the reports word them."""

import pandas as pd

from analysis.metrics.casualties import tally_casualties
from analysis.reporting.casualty_text import format_casualty_table, format_tally_cell
from tests.fixtures.tables import make_incidents, make_toll_totals


def test_format_tally_cell_reports_unknown_incidents():
    assert format_tally_cell(4, pd.NA, True, 1) == "at least 4 (1 unknown)"
    assert format_tally_cell(pd.NA, pd.NA, False, 0, incidents=0) == "not applicable"
    assert format_tally_cell(7, 9, False, 0) == "7–9"


def test_format_casualty_table():
    df = make_incidents(
        {"country": "Iraq", "us_killed_min": 0, "us_killed_max": 0, "other_killed_min": 2, "other_killed_max": 4},
        {"country": "Iraq", "us_killed_min": 1, "us_killed_max": 2},
        {"country": "Jordan", "us_killed_min": 3},
        {"country": "Syria"},
    )
    out = format_casualty_table(
        tally_casualties(df, by="country"),
        measures=["us_killed", "other_killed"],
        labels={"us_killed": "US killed", "other_killed": "Others killed"},
    )
    assert list(out.columns) == ["country", "US killed", "Others killed"]
    assert out["country"].tolist() == ["Iraq", "Syria", "Jordan"]
    assert out["US killed"].tolist() == ["1–2", "unknown", "at least 3"]
    assert out["Others killed"].tolist() == ["2–4 (1 unknown)", "unknown", "unknown"]


def test_format_casualty_table_without_groups():
    df = make_incidents({"us_killed_min": 0, "us_killed_max": 0}, {"us_killed_min": 3})
    out = format_casualty_table(tally_casualties(df), measures=["us_killed", "us_injured"])
    assert out.to_dict("records") == [{"US personnel killed": "at least 3", "US personnel injured": "unknown"}]


def test_a_tally_with_an_operation_toll_reads_toll_whose_it_is_and_the_rest_never_added_twice():
    from analysis.metrics.tolls import link_operation_tolls

    wave = "the wave"
    df = make_incidents(
        {"incident_id": "S1", "category": "us_strike", "country": "Syria", "operation": wave},
        {"incident_id": "S2", "category": "us_strike", "country": "Syria", "operation": wave},
        {"incident_id": "I1", "category": "us_strike", "country": "Iraq", "other_killed_min": 4},
        {"incident_id": "I2", "category": "us_strike", "country": "Iraq"},
    )
    totals = make_toll_totals("T", wave, "Syria", 18, "SOHR")
    links = link_operation_tolls(df, totals)
    table = format_casualty_table(tally_casualties(df, tolls=links), measures=["other_killed"], tolls=links)
    assert table.iloc[0, 0] == (
        "at least 18 (SOHR, for the wave in Syria, not split between its 2 rows) + at least 4 elsewhere (1 unknown)"
    )
    by_country = format_casualty_table(
        tally_casualties(df, by="country", tolls=links), measures=["other_killed"], labels={}, tolls=links
    ).set_index("country")
    assert by_country.loc["Iraq", "other_killed"] == "at least 4 (1 unknown)"
    assert (
        by_country.loc["Syria", "other_killed"]
        == "at least 18 (SOHR, for the wave in Syria, not split between its 2 rows)"
    )
