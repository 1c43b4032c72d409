"""Tests of analysis.reporting.charts.comparison: two selections side by side, each with its own coverage."""

import pandas as pd
import pytest

from analysis.metrics.frequency import NOT_COVERED, count_per_period
from analysis.reporting import charts


def _spans(a: str, b: str) -> pd.DataFrame:
    return pd.DataFrame({"period_start": pd.to_datetime([a]), "period_end": pd.to_datetime([b])})


def test_two_selections_are_grouped_in_distinct_colours(incidents):
    attacks = incidents[incidents["category"] == "attack_on_us"]
    strikes = incidents[incidents["category"] == "us_strike"]
    fig = charts.plot_frequency_comparison(
        {"attacks": count_per_period(attacks, "week"), "strikes": count_per_period(strikes, "week")}
    )
    assert fig.layout.barmode == "group"
    assert [t.name for t in fig.data] == ["attacks", "strikes"]
    assert len({t.marker.color for t in fig.data}) == 2
    assert list(fig.data[0].y) == [1, 1, 0, 1]  # weeks of 01-01, 01-08, 01-15, 01-22


def test_each_series_keeps_its_own_coverage(incidents):
    full_claim, partial_claim = _spans("2024-01-01", "2024-02-29"), _spans("2024-01-22", "2024-02-29")
    fig = charts.plot_frequency_comparison(
        {
            "full": count_per_period(incidents, "week", coverage=full_claim),
            "partial": count_per_period(incidents, "week", coverage=partial_claim),
        }
    )
    full, partial = fig.data
    assert pd.isna(list(partial.y)[2]) and list(full.y)[2] == 0  # week of 01-15: not covered vs a covered 0
    assert NOT_COVERED in partial.hovertext[2] and "0 incidents" in full.hovertext[2]
    notes = fig.layout.meta["notes"]
    assert f"no bar ({NOT_COVERED}, not 0)" in notes[1] and NOT_COVERED not in notes[0]


def test_counts_by_a_column_or_a_single_series_are_refused(incidents):
    weekly = count_per_period(incidents, "week")
    with pytest.raises(ValueError, match="series 'b': found column 'category', expected count_per_period output"):
        charts.plot_frequency_comparison({"a": weekly, "b": count_per_period(incidents, "week", by="category")})
    with pytest.raises(ValueError, match="found 1 series, expected 2 to 6"):
        charts.plot_frequency_comparison({"a": weekly})
