"""Tests of analysis.reporting.charts: one look, fixed colours, escaping, determinism, offline map."""

import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import schema
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import NOT_COVERED, count_per_period
from analysis.reporting import charts
from analysis.reporting.links import build_card_hrefs
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


def test_timeline_bars_name_their_incidents_and_carry_their_cards(incidents):
    many = make_incidents(*[{"incident_id": f"W{i:02d}", "event_date": "2024-01-02"} for i in range(12)])
    cards = build_card_hrefs(many)
    fig = charts.plot_frequency_timeline(
        count_per_period(many, "week", by="category"), incidents=many, card_hrefs=cards, freq="week"
    )
    (bar,) = fig.data
    hover = bar.hovertext[0]
    assert hover.startswith("week of 2024-01-01<br>attacks on US forces: 12 incidents")
    assert "W00 · 2024-01-02 · Al-Asad Airbase" in hover and "W09" in hover and "W10" not in hover
    assert hover.endswith("… and 2 more")
    hrefs, more = bar.customdata[0]
    assert hrefs.split() == [cards[f"W{i:02d}"] for i in range(10)] and more == 2


def test_a_timeline_of_many_bars_names_fewer_incidents_per_bar_so_its_weight_stays_bounded():
    days = pd.date_range("2020-01-06", periods=400, freq="W-MON")
    rows = [
        {"incident_id": f"M{i:03d}-{k}", "event_date": d.strftime("%Y-%m-%d")}
        for i, d in enumerate(days)
        for k in (1, 2)
    ]
    many = make_incidents(*rows)
    fig = charts.plot_frequency_timeline(count_per_period(many, "week", by="category"), incidents=many, freq="week")
    (bar,) = fig.data
    named = [h.count(" · ") // 2 for h in bar.hovertext]  # one "id · date · place" line per incident named
    assert charts.find_hover_limit(400) == 1 and set(named) == {1}
    assert bar.hovertext[0].endswith("… and 1 more")  # the count stays whole


def test_count_bars_name_their_incidents(incidents):
    fig = charts.plot_counts(count_by(incidents, "weapon"), "weapon", incidents=incidents)
    bar = fig.data[0]
    assert "A · 2024-01-02" in bar.hovertext[0] and "C · 2024-01-28" in bar.hovertext[0]
    assert bar.customdata[0][0] == ""  # no card hrefs given: nothing to open


def test_cumulative_lines(incidents):
    fig = charts.plot_cumulative(count_per_period(incidents, "week"))
    assert len(fig.data) == 1 and list(fig.data[0].y) == [1, 2, 2, 3, 4]
    by = charts.plot_cumulative(count_per_period(incidents, "week", by="category"), by="category")
    assert [t.name for t in by.data] == ["attacks on US forces", "US strikes"]
    assert by.data[0].line.color == charts.CATEGORY_COLORS["attack_on_us"]


def test_casualty_ranges_show_open_and_unknown(incidents):
    fig = charts.plot_casualty_ranges(tally_casualties(incidents, by="country"), measures=["us_killed", "other_killed"])
    us, us_arrow, other, other_none, other_arrow, unknown = fig.data
    assert list(us.y) == ["Iraq · US personnel killed", "Jordan · US personnel killed"]
    # Iraq: A 0-0, B >=1, D unknown -> ">=1", open: a dashed arrow from 1; Jordan: exactly 3
    assert list(us.text) == ["at least 1", "3"] and list(us.x) == [1.0, 3.0]
    assert list(us.error_x.array) == [0.0, 0.0] and us_arrow.line.dash == "dash"
    assert us_arrow.x[0] == 1.0 and us_arrow.x[1] > 1.0 and "triangle-right" in us_arrow.marker.symbol
    # Iraq: A 2-4, D >=16 -> ">=18"; Jordan: no figure at all -> the word "unknown", never a 0
    assert list(other.text) == ["at least 18"] and list(other_none.text) == ["unknown"]
    assert other_none.mode == "text" and list(other_none.y) == ["Jordan · others killed"]
    assert "0" not in other_none.hovertext[0].split("<br>")[1].split()
    # the right panel counts the incidents whose figure no source gives; D, a US strike with no US figure,
    # is not applicable to US personnel, so Iraq has no unknown US figure
    assert unknown.xaxis == "x2" and list(unknown.x) == [0, 0, 1, 1]


def test_casualty_range_bar_reaches_high():
    df = make_incidents({"us_injured_min": 3, "us_injured_max": 8})
    fig = charts.plot_casualty_ranges(tally_casualties(df), measures=["us_injured"])
    marks = fig.data[0]
    assert list(marks.x) == [3.0] and list(marks.error_x.array) == [5.0] and list(marks.error_x.arrayminus) == [0.0]
    assert list(marks.text) == ["3–8"] and list(marks.y) == ["US personnel<br>injured"]


def test_us_casualties_have_their_own_chart_and_others_a_log_scale_when_one_figure_dwarfs_the_rest():
    df = make_incidents(
        {
            "incident_id": "OCT7",
            "country": "Israel",
            "event_date": "2023-10-07",
            "other_killed_best": 1200,
            "other_killed_min": 1200,
            "other_killed_max": 1200,
        },
        {
            "incident_id": "T22",
            "event_date": "2024-01-28",
            "us_killed_min": 3,
            "us_killed_max": 3,
            "other_killed_min": 2,
            "other_killed_max": 2,
        },
    )
    tally = tally_casualties(df)
    us = charts.plot_us_casualties(tally, df, build_card_hrefs(df))
    assert {t.name for t in us.data} >= {"US personnel killed"} and "others" not in all_text(us)
    assert us.layout.xaxis.type != "log" and us.layout.xaxis.dtick == 1
    killed = next(t for t in us.data if t.name == "US personnel killed")
    assert "T22" in killed.hovertext[0] and killed.customdata[0][0] == build_card_hrefs(df)["T22"]
    others = charts.plot_other_casualties(tally_casualties(df, by="country"), df)
    assert others.layout.xaxis.type == "log" and "logarithmic" in others.layout.meta["notes"][0]
    assert "logarithmic" in charts.build_figure_bundle(others, "o")["text/html"]


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


def _marker_traces(fig):
    return [t for t in fig.data if t.mode == "markers" and t.x is not None and len(t.x) and t.x[0] is not None]


def test_map_groups_by_place_and_category(incidents):
    fig = charts.plot_incident_map(incidents, outlines=OUTLINES)
    markers = {t.name: t for t in _marker_traces(fig) if t.xaxis is None}
    assert list(markers) == ["attacks on US forces", "US strikes"]
    attack = markers["attacks on US forces"]
    # Al-Asad (A, B) and the evil-named place (C)
    assert len(attack.x) == 2
    hover = attack.hovertext[0]
    assert "2 incidents" in hover and "A · 2024-01-02" in hover and "B · 2024-01-09" in hover
    assert "US personnel killed at least 1" in hover
    assert "deaths:" in hover and "deaths: 0" not in hover
    assert "<img" not in all_text(fig) and "&lt;img" in attack.hovertext[1]
    # sizes grow with deaths: Al-Asad 2 (A's fatalities; B none), place C 3, Jurf al-Sakhar 16 (the largest)
    assert markers["US strikes"].marker.size[0] == pytest.approx(charts.MARKER_MIN + charts.MARKER_SPAN)
    assert attack.marker.color == charts.CATEGORY_COLORS["attack_on_us"]


def test_map_marks_geo_precision_labels_places_and_lists_country_only_rows():
    df = make_incidents(
        {"incident_id": "SITE", "event_date": "2024-01-01", "geo_precision": 1},
        {
            "incident_id": "TOWN",
            "event_date": "2024-01-02",
            "location": "Akashat",
            "latitude": 33.67,
            "longitude": 39.97,
            "geo_precision": 2,
        },
        {
            "incident_id": "ISR",
            "event_date": "2024-01-03",
            "country": "Israel",
            "location": "Israel",
            "latitude": 31.0,
            "longitude": 34.8,
            "geo_precision": 3,
        },
        {
            "incident_id": "NOWHERE",
            "event_date": "2024-01-04",
            "location": None,
            "latitude": None,
            "longitude": None,
            "geo_precision": None,
        },
    )
    cards = build_card_hrefs(df)
    fig = charts.plot_incident_map(df, outlines=OUTLINES, card_hrefs=cards)
    drawn = [t for t in _marker_traces(fig) if t.xaxis is None]
    # the country-only rows are not drawn: two points, a filled site and a hollow town
    assert sorted(x for t in drawn for x in t.x) == [39.97, 42.44]
    site = next(t for t in drawn if 42.44 in t.x)
    town = next(t for t in drawn if 39.97 in t.x)
    assert site.marker.color == charts.CATEGORY_COLORS["attack_on_us"]
    assert town.marker.color.startswith("rgba(255,255,255") and town.marker.line.width > 1
    assert site.customdata[0][0] == cards["SITE"]
    note = fig.layout.meta["notes"][0]
    assert note.startswith("2 incidents placed only to the country, not drawn on the map:")
    assert f'href="{cards["ISR"]}"' in note and "NOWHERE" in note
    places = next(t for t in fig.data if t.name == "places")
    assert set(places.text) == {"Al-Asad Airbase", "Akashat"}
    assert "IRAQ" in next(t for t in fig.data if t.name == "countries").text
    legend = [t.name for t in fig.data if t.showlegend is not False and t.x == (None,)]
    assert "place: the site itself" in legend and "place: a nearby town or part of a region" in legend
    size_legend = next(t for t in fig.data if t.name == "circle size")
    assert size_legend.xaxis == "x2"


def test_map_lists_at_most_n_incidents(incidents):
    many = make_incidents(*[{"incident_id": f"X{i}", "event_date": "2024-01-01"} for i in range(7)])
    hover = _marker_traces(charts.plot_incident_map(many, outlines=OUTLINES, hover_incidents=3))[0].hovertext[0]
    assert "X2 ·" in hover and "X3 ·" not in hover and "and 4 more" in hover


def test_empty_inputs_still_give_titled_figures(incidents):
    empty = incidents.iloc[0:0]
    figs = [
        charts.plot_frequency_timeline(count_per_period(empty, by="category")),
        charts.plot_cumulative(count_per_period(empty)),
        charts.plot_casualty_ranges(tally_casualties(empty)),
        charts.plot_us_casualties(tally_casualties(empty), empty, build_card_hrefs(empty)),
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
    assert list(marks.y) == [160] and list(marks.text) == ["at least 160 reported by 2024-02-03"]
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
    labels = [a for a in fig.layout.annotations if a.text == NOT_COVERED]
    assert len(labels) == 1 and labels[0].x == spans[0].x0
    assert fig.layout.meta["context"][0]["label"] == "talks", "the context event is kept in the numbered list"
    hole = {pd.Timestamp("2024-01-15")}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y):
            if pd.Timestamp(x) in hole:
                assert y is None or pd.isna(y), f"{trace.name} draws {y} in a period not covered"


def test_fully_covered_counts_get_no_span(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"))
    assert not [a for a in fig.layout.annotations if a.text == NOT_COVERED]
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
    assert (hole[["incidents in this table", "cumulative", "rolling mean"]] == NOT_COVERED).all().all()
    assert f">{NOT_COVERED}</td>" in build_table_html(table) and ">0</td>" not in build_table_html(hole)
