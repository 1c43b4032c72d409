"""Tests of analysis.reporting.charts: one look, fixed colours, escaping, determinism, offline map."""

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import schema
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import count_per_period
from analysis.reporting import charts
from tests.fixtures.tables import make_incidents

OUTLINES = {
    "Iraq": [[(39.0, 29.0), (48.0, 29.0), (48.0, 37.0), (39.0, 37.0), (39.0, 29.0)]],
    "Jordan": [
        [(35.0, 29.0), (39.0, 29.0), (39.0, 33.0), (35.0, 33.0), (35.0, 29.0)],
        [(36.0, 30.0), (36.5, 30.0), (36.5, 30.5), (36.0, 30.0)],
    ],
}
EVIL = "<img src=x onerror=alert(1)>"


@pytest.fixture
def incidents() -> pd.DataFrame:
    return make_incidents(
        {
            "incident_id": "A",
            "event_date": "2024-01-02",
            "fatalities": 2,
            "other_killed_min": 2,
            "other_killed_max": 4,
            "us_killed_min": 0,
            "us_killed_max": 0,
        },
        {"incident_id": "B", "event_date": "2024-01-09", "weapon": "rocket", "us_killed_min": 1},
        {
            "incident_id": "C",
            "event_date": "2024-01-28",
            "country": "Jordan",
            "location": EVIL,
            "latitude": 33.32,
            "longitude": 38.70,
            "us_killed_min": 3,
            "us_killed_max": 3,
        },
        {
            "incident_id": "D",
            "event_date": "2024-02-02",
            "category": "us_strike",
            "weapon": "airstrike",
            "location": "Jurf al-Sakhar",
            "latitude": 32.87,
            "longitude": 44.16,
            "other_killed_min": 16,
        },
    )


def all_text(fig: go.Figure) -> str:
    return fig.to_json()


def test_colour_maps_cover_every_vocabulary_value():
    assert set(charts.CATEGORY_COLORS) == set(schema.CATEGORIES)
    assert set(charts.WEAPON_COLORS) == set(schema.WEAPONS)
    assert set(charts.OUTCOME_COLORS) == set(schema.OUTCOMES)
    assert set(charts.MEASURE_COLORS) >= set(schema.CASUALTY_PREFIXES)


def test_timeline_stacks_in_vocabulary_order_with_fixed_colours(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="weapon"), stack="weapon")
    assert [t.name for t in fig.data] == ["rockets", "drones", "air strike"]  # plain labels, vocabulary order
    assert [t.marker.color for t in fig.data] == ["#E69F00", "#56B4E9", "#009E73"]
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == "Incidents per period"
    assert fig.layout.xaxis.title.text == "Period" and fig.layout.yaxis.title.text == "Incidents"
    assert fig.layout.height == charts.HEIGHT


def test_timeline_context_lines_are_escaped_and_inside_the_span(incidents):
    context = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-15", "2023-01-01"]),
            "label": [EVIL, "too early"],
            "description": ["talks & more", "x"],
        }
    )
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"), context=context)
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].x0 == "2024-01-15"
    text = fig.layout.annotations[0].text
    assert "<img" not in text and text.startswith("&lt;img")
    assert "talks &amp; more" in fig.layout.annotations[0].hovertext


def test_cumulative_lines(incidents):
    fig = charts.plot_cumulative(count_per_period(incidents, "week"))
    assert len(fig.data) == 1 and list(fig.data[0].y) == [1, 2, 2, 3, 4]
    by = charts.plot_cumulative(count_per_period(incidents, "week", by="category"), by="category")
    assert [t.name for t in by.data] == ["attacks on US forces", "US strikes"]
    assert by.data[0].line.color == charts.CATEGORY_COLORS["attack_on_us"]


def test_casualty_ranges_show_open_and_unknown(incidents):
    fig = charts.plot_casualty_ranges(tally_casualties(incidents, by="country"), measures=["us_killed", "other_killed"])
    us_low, us_range, other_low, other_range = fig.data
    assert list(us_low.x) == ["Iraq", "Jordan"]
    # Iraq: A 0-0, B >=1, D unknown -> low 1, open (hatched, no range part); Jordan: 3
    assert list(us_low.y) == [1.0, 3.0]
    assert list(us_low.marker.pattern.shape) == ["/", ""]
    assert list(us_range.y) == [0.0, 0.0] and list(us_range.text) == ["≥1", "3"]
    # Iraq: A 2-4, D >=16 -> "≥18"; Jordan: unknown, drawn as 0 but labelled
    assert list(other_range.text) == ["≥18", "unknown"]
    assert list(other_low.y) == [18.0, 0.0]
    assert us_low.offsetgroup == us_range.offsetgroup == "us_killed"


def test_casualty_range_bar_reaches_high():
    df = make_incidents({"us_injured_min": 3, "us_injured_max": 8})
    fig = charts.plot_casualty_ranges(tally_casualties(df), measures=["us_injured"])
    low, spread = fig.data
    assert list(low.y) == [3.0] and list(spread.base) == [3.0] and list(spread.y) == [5.0]
    assert list(spread.text) == ["3–8"] and list(low.x) == ["US personnel injured"]


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


def test_map_draws_outlines_as_lines_and_needs_no_network(incidents):
    fig = charts.plot_incident_map(incidents, outlines=OUTLINES)
    assert all(t.type == "scatter" for t in fig.data)
    layout = fig.layout.to_plotly_json()
    assert "geo" not in layout and "mapbox" not in layout and "map" not in layout
    outline = fig.data[0]
    # Iraq: 5 points + break, Jordan: 5 + break + 4 + break
    assert len(outline.x) == 17 and outline.hoverinfo == "skip"
    assert fig.layout.yaxis.scaleanchor == "x"


def test_map_groups_by_place_and_category(incidents):
    fig = charts.plot_incident_map(incidents, outlines=OUTLINES)
    markers = {t.name: t for t in fig.data[1:]}
    assert list(markers) == ["attacks on US forces", "US strikes"]
    attack = markers["attacks on US forces"]
    # Al-Asad (A, B) and the evil-named place (C)
    assert len(attack.x) == 2
    hover = attack.hovertext[0]
    assert "2 incidents" in hover and "A · 2024-01-02" in hover and "B · 2024-01-09" in hover
    assert "US personnel killed ≥1" in hover
    assert "deaths:" in hover and "deaths: 0" not in hover
    assert "<img" not in all_text(fig) and "&lt;img" in attack.hovertext[1]
    # sizes grow with deaths: Al-Asad 2 (A's fatalities; B none), place C 3, Jurf al-Sakhar 16 (the largest)
    assert markers["US strikes"].marker.size[0] == pytest.approx(7 + 26)
    assert attack.marker.color == charts.CATEGORY_COLORS["attack_on_us"]


def test_map_lists_at_most_n_incidents(incidents):
    many = make_incidents(*[{"incident_id": f"X{i}", "event_date": "2024-01-01"} for i in range(7)])
    hover = charts.plot_incident_map(many, outlines=OUTLINES, hover_incidents=3).data[1].hovertext[0]
    assert "X2 ·" in hover and "X3 ·" not in hover and "and 4 more" in hover


def test_empty_inputs_still_give_titled_figures(incidents):
    empty = incidents.iloc[0:0]
    figs = [
        charts.plot_frequency_timeline(count_per_period(empty, by="category")),
        charts.plot_cumulative(count_per_period(empty)),
        charts.plot_casualty_ranges(tally_casualties(empty)),
        charts.plot_counts(count_by(empty, "weapon"), "weapon"),
        charts.plot_incident_map(empty, outlines=OUTLINES),
    ]
    for fig in figs:
        assert fig.layout.title.text and fig.layout.height


def test_figures_are_deterministic(incidents):
    def build():
        return [
            charts.plot_frequency_timeline(count_per_period(incidents, by="category")),
            charts.plot_casualty_ranges(tally_casualties(incidents, by="month")),
            charts.plot_incident_map(incidents, outlines=OUTLINES),
        ]

    first, second = build(), build()
    for a, b in zip(first, second):
        assert a.to_json() == b.to_json()
        assert "uid" not in json.loads(a.to_json())["data"][0]


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


def test_cumulative_chart_marks_what_the_sources_report():
    per_period = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-01-08"]), "cumulative": [1, 2]})
    reported = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2024-02-03", "2024-04-20"]),
            "reported_min": pd.array([160, 0], dtype="Int64"),
            "reported_max": pd.array([pd.NA, 0], dtype="Int64"),
            "scope": ["attacks since 7 October", "none since February"],
        }
    )
    fig = charts.plot_cumulative(per_period, reported=reported)
    marks = fig.data[-1]
    assert list(marks.y) == [160] and list(marks.text) == ["≥160 reported by 2024-02-03"]
    assert fig.layout.yaxis.dtick is None  # the axis reaches the reported figure


# --- periods the data does not cover: shaded and labelled, never bars or a line at 0 -----------


def _with_hole(incidents):
    """Weekly counts by category with the week of 2024-01-15 outside coverage."""
    covered = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2024-01-01", "2024-01-22"]),
            "period_end": pd.to_datetime(["2024-01-14", "2024-03-31"]),
        }
    )
    counts = count_per_period(incidents, "week", by="category", coverage=covered)
    assert not counts["covered"].all() and counts.loc[counts["covered"], "incidents"].sum() == len(incidents)
    return counts


@pytest.mark.parametrize("plot", [charts.plot_frequency_timeline, charts.plot_cumulative])
def test_periods_not_covered_are_one_labelled_shaded_span_and_no_zero(incidents, plot):
    counts = _with_hole(incidents)
    context = pd.DataFrame({"date": pd.to_datetime(["2024-01-10"]), "label": ["talks"], "description": [""]})
    fig = plot(counts, context=context)
    spans = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(spans) == 1
    assert (spans[0].x0, spans[0].x1) == ("2024-01-11T12:00:00", "2024-01-18T12:00:00")  # half a week either side
    labels = [a for a in fig.layout.annotations if a.text == "not covered"]
    assert len(labels) == 1 and labels[0].x == spans[0].x0
    assert any(a.text == "talks" for a in fig.layout.annotations), "the context label is kept"
    hole = {pd.Timestamp("2024-01-15")}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y):
            if pd.Timestamp(x) in hole:
                assert y is None or pd.isna(y), f"{trace.name} draws {y} in a period not covered"


def test_fully_covered_counts_get_no_span(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"))
    assert not [a for a in fig.layout.annotations if a.text == "not covered"]
    assert not [s for s in fig.layout.shapes if s.type == "rect"]


def test_period_table_says_not_covered_never_zero(incidents):
    from analysis.reporting.tables import build_period_table, build_table_html

    covered = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2024-01-01", "2024-01-22"]),
            "period_end": pd.to_datetime(["2024-01-14", "2024-03-31"]),
        }
    )
    table = build_period_table(count_per_period(incidents, "week", coverage=covered), "week")
    hole = table[table["period"] == "week of 2024-01-15"]
    assert len(hole) == 1
    assert (hole[["incidents", "cumulative", "rolling mean"]] == "not covered").all().all()
    assert ">not covered</td>" in build_table_html(table) and ">0</td>" not in build_table_html(hole)
