"""Tests of the numbered context markers (analysis.reporting.charts._context) and their list under the chart."""

import pandas as pd

from analysis.metrics.frequency import count_per_period
from analysis.reporting import charts
from tests.unit.reporting.charts.shared import EVIL


def test_timeline_context_events_are_numbered_markers_listed_under_the_chart(incidents):
    context = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-15", "2023-01-01", "2024-01-16"]),
            "label": [EVIL, "too early", "next day"],
            "description": ["talks & more", "x", "y"],
        }
    )
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"), context=context)
    assert [s.x0 for s in fig.layout.shapes] == ["2024-01-15", "2024-01-16"]  # inside the span only
    # two events a day apart share one marker: no overlapping labels, no rotated text
    (marker,) = fig.layout.annotations
    assert marker.text == "1,2" and marker.textangle is None and marker.yref == "paper" and marker.y == 1
    assert "&lt;img" in marker.hovertext and "talks &amp; more" in marker.hovertext and "<img" not in marker.hovertext
    html = charts.build_figure_bundle(fig, "t")["text/html"]
    assert '<li value="1"><span class="context-date">2024-01-15</span> &lt;img' in html
    assert '<li value="2"><span class="context-date">2024-01-16</span> next day</li>' in html
    assert "<img" not in html
