"""Tests of analysis.reporting.charts.counts: horizontal bars of counts, escaped labels, named incidents."""

from analysis.metrics.counts import count_by
from analysis.reporting import charts
from tests.fixtures.tables import make_incidents
from tests.unit.reporting.charts.shared import EVIL, all_text


def test_count_bars_name_their_incidents(incidents):
    fig = charts.plot_counts(count_by(incidents, "weapon"), "weapon", incidents=incidents)
    bar = fig.data[0]
    assert "A · 2024-01-02" in bar.hovertext[0] and "C · 2024-01-28" in bar.hovertext[0]
    assert bar.customdata[0][0] == ""  # no card hrefs given: nothing to open


def test_counts_bars(incidents):
    fig = charts.plot_counts(count_by(incidents, "category"), "category")
    bar = fig.data[0]
    assert list(bar.y) == ["attacks on US forces", "US strikes"] and list(bar.x) == [3, 1]
    assert list(bar.text) == ["3 (75%)", "1 (25%)"]
    assert list(bar.marker.color) == ["#C0392B", "#1F5FA8"]
    unclaimed = charts.plot_counts(count_by(incidents, "claimed_by"), "claimed_by").data[0]
    assert list(unclaimed.y) == ["(unclaimed)"] and list(unclaimed.marker.color) == [charts.EMPTY_COLOR]
    assert fig.layout.yaxis.autorange == "reversed"


def test_counts_escape_labels():
    df = make_incidents({"claimed_by": EVIL})
    fig = charts.plot_counts(count_by(df, "claimed_by"), "claimed_by")
    assert "<img" not in all_text(fig)
