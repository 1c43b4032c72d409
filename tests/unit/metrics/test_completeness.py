"""Tests of analysis.metrics.completeness: the table's count set against reported totals."""

import numpy as np
import pandas as pd
import pytest

from analysis import schema
from analysis.metrics.completeness import compare_with_reported_totals
from tests.fixtures.tables import make_incidents


def make_totals(*rows: dict) -> pd.DataFrame:
    """reported_totals typed as analysis.data.read returns it."""
    cols = {c.name: [r.get(c.name) for r in rows] for c in schema.REPORTED_TOTALS.columns}
    out = pd.DataFrame(cols)
    for c in schema.REPORTED_TOTALS.columns:
        if c.kind == "date":
            out[c.name] = pd.to_datetime(out[c.name]).astype("datetime64[us]")
        elif c.kind == "int":
            out[c.name] = out[c.name].astype("Int64")
        elif c.kind == "category":
            out[c.name] = out[c.name].astype(pd.CategoricalDtype(c.allowed))
        else:
            out[c.name] = out[c.name].astype("string")
    return out


@pytest.fixture
def incidents() -> pd.DataFrame:
    return make_incidents(
        {"event_date": "2023-10-17", "country": "Iraq"},
        {"event_date": "2023-10-18", "country": "Syria"},
        {"event_date": "2023-11-01", "country": "Syria"},
        {"event_date": "2024-01-28", "country": "Jordan"},
        {"event_date": "2024-02-02", "country": "Iraq", "category": "us_strike"},
        {"event_date": "2024-02-04", "country": "Iraq"},
    )


@pytest.fixture
def totals() -> pd.DataFrame:
    base = {"scope": "attacks on US forces", "source_id": "S1", "quote": "q", "as_of": "2024-02-04"}
    return make_totals(
        {
            **base,
            "total_id": "T1",
            "metric": "attacks_on_us",
            "period_start": "2023-10-17",
            "as_of": "2023-11-01",
            "value_min": 4,
            "value_max": 6,
            "countries": "Iraq;Syria",
        },
        {**base, "total_id": "T2", "metric": "us_troops_deployed", "value_min": 2500},
        {**base, "total_id": "T3", "metric": "attacks_on_us", "value_min": 160},
        {
            **base,
            "total_id": "T4",
            "metric": "attacks_on_us",
            "period_start": "2024-01-01",
            "value_min": 2,
            "value_max": 2,
            "countries": "Jordan",
        },
    )


def test_only_attack_totals_in_order(incidents, totals):
    out = compare_with_reported_totals(incidents, totals)
    assert out["total_id"].tolist() == ["T1", "T3", "T4"]
    assert list(out.columns) == [
        "total_id",
        "scope",
        "period_start",
        "as_of",
        "countries",
        "reported_min",
        "reported_max",
        "incidents_in_table",
        "share_low",
        "share_high",
    ]


def test_range_total(incidents, totals):
    t1 = compare_with_reported_totals(incidents, totals).iloc[0]
    # 2023-10-17 .. 2023-11-01 in Iraq or Syria: 3 attacks; 3/6 .. 3/4
    assert t1["incidents_in_table"] == 3
    assert (t1["share_low"], t1["share_high"]) == (0.5, 0.75)


def test_open_total_without_period_start(incidents, totals):
    t3 = compare_with_reported_totals(incidents, totals).iloc[1]
    # every attack up to 2024-02-04, any country, us_strike excluded: 5
    assert t3["incidents_in_table"] == 5
    assert np.isnan(t3["share_low"]) and t3["share_high"] == pytest.approx(5 / 160)


def test_country_filter(incidents, totals):
    t4 = compare_with_reported_totals(incidents, totals).iloc[2]
    assert (t4["incidents_in_table"], t4["share_low"], t4["share_high"]) == (1, 0.5, 0.5)


def test_unknown_country_names_the_total(incidents, totals):
    bad = totals.copy()
    bad.loc[0, "countries"] = "Irak"
    with pytest.raises(ValueError, match="total_id T1: countries 'Irak'"):
        compare_with_reported_totals(incidents, bad)


def test_no_totals(incidents, totals):
    out = compare_with_reported_totals(incidents, totals.iloc[0:0])
    assert len(out) == 0 and "share_high" in out.columns


def test_the_display_table_words_ranges_and_open_totals(incidents, totals):
    from analysis.reporting.tables import build_coverage_table

    shown = build_coverage_table(compare_with_reported_totals(incidents, totals))
    assert shown["reported"].tolist() == ["4–6", "at least 160", "2"]
    assert shown["share held"].tolist() == ["50–75%", "≤3%", "50%"]


def test_only_totals_overlapping_the_selection_are_kept_and_none_for_one_place(totals):
    from analysis.metrics.completeness import select_overlapping_totals

    every = select_overlapping_totals(totals)
    assert every["total_id"].tolist() == ["T1", "T3", "T4"]  # attacks on US forces only, not troop numbers
    assert select_overlapping_totals(totals, start="2023-12-01")["total_id"].tolist() == ["T3", "T4"]
    assert select_overlapping_totals(totals, countries=["Iraq"])["total_id"].tolist() == ["T1", "T3"]  # T4: Jordan
    assert len(select_overlapping_totals(totals, categories=["us_strike"])) == 0
    assert len(select_overlapping_totals(totals, locations=["Ain al-Asad air base"])) == 0


def test_a_total_is_drawn_on_a_running_count_only_when_it_counts_that_very_series(incidents, totals):
    from analysis.metrics.completeness import find_series_totals

    compared = compare_with_reported_totals(incidents, totals)
    assert find_series_totals(compared, "2023-10-17", ["Iraq", "Syria"]).tolist() == [True, False, False]
    assert find_series_totals(compared, "2023-10-17").tolist() == [False, False, False]  # T1 is of two countries
    assert not find_series_totals(compared, None, ["Iraq", "Syria"]).any()


def _claims(*rows: tuple[str, str, str | None]) -> pd.DataFrame:
    """coverage.csv rows (start, end, countries) as claimed_coverage types them."""
    return pd.DataFrame(
        {
            "period_start": pd.to_datetime([r[0] for r in rows]),
            "period_end": pd.to_datetime([r[1] for r in rows]),
            "countries": pd.array([r[2] for r in rows], dtype="string"),
        }
    )


def _days(spans: pd.DataFrame) -> list[list[str]]:
    return spans.astype(str).values.tolist()


def test_one_country_claim_does_not_cover_an_all_countries_or_a_wider_view():
    from analysis.metrics.completeness import select_covered_spans

    iraq_only = _claims(("2024-01-01", "2024-06-30", "Iraq"))
    assert _days(select_covered_spans(iraq_only)) == []  # every country in scope: Syria, Jordan ... not claimed
    assert _days(select_covered_spans(iraq_only, ["Iraq", "Syria"])) == []
    assert _days(select_covered_spans(iraq_only, ["Iraq"])) == [["2024-01-01", "2024-06-30"]]


def test_a_span_is_covered_where_claims_cover_every_country_in_scope():
    from analysis.metrics.completeness import select_covered_spans

    claims = _claims(
        ("2024-01-01", "2024-06-30", "Iraq"),
        ("2024-03-01", "2024-09-30", "Syria"),
        ("2024-05-01", "2024-05-31", None),  # every country
    )
    assert _days(select_covered_spans(claims, ["Iraq", "Syria"])) == [["2024-03-01", "2024-06-30"]]
    assert _days(select_covered_spans(claims)) == [["2024-05-01", "2024-05-31"]]
    every = _claims(*[("2024-02-01", "2024-02-29", c) for c in schema.COUNTRIES])
    assert _days(select_covered_spans(every)) == [["2024-02-01", "2024-02-29"]]
