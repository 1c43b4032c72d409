"""Tests of the one look: fixed colours for every vocabulary value, whole-number count axes."""

import pandas as pd

from analysis import schema
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import count_per_period
from analysis.reporting import charts


def test_colour_maps_cover_every_vocabulary_value():
    assert set(charts.CATEGORY_COLORS) == set(schema.CATEGORIES)
    assert set(charts.WEAPON_COLORS) == set(schema.WEAPONS)
    assert set(charts.OUTCOME_COLORS) == set(schema.OUTCOMES)
    assert set(charts.MEASURE_COLORS) >= set(schema.CASUALTY_PREFIXES)


def test_count_axes_tick_at_whole_numbers(incidents):
    """Few incidents: one tick per incident, never 0.2; many: plotly's steps, shown as integers."""
    few = charts.plot_frequency_timeline(count_per_period(incidents, freq="week", by="category"))
    assert few.layout.yaxis.dtick == 1 and few.layout.yaxis.tickformat == ",d"
    bars = charts.plot_counts(count_by(incidents, "category"), "category")
    assert bars.layout.xaxis.dtick == 1
    many = charts.plot_cumulative(
        pd.DataFrame({"period": pd.date_range("2024-01-01", periods=3, freq="W-MON"), "cumulative": [5, 40, 90]})
    )
    assert many.layout.yaxis.dtick is None and many.layout.yaxis.tickformat == ",d"
