"""Tests of analysis.reporting.charts.timeline: bars per period, running totals, periods not covered."""

import pandas as pd
import pytest

from analysis.metrics.frequency import NOT_CLAIMED, NOT_COVERED, count_per_period
from analysis.reporting import charts
from analysis.reporting.links import build_card_hrefs
from tests.fixtures.tables import make_incidents


def test_timeline_stacks_in_vocabulary_order_with_fixed_colours(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="weapon"), stack="weapon")
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == ["rockets", "drones", "air strike"]  # plain labels, vocabulary order
    assert [t.marker.color for t in bars] == ["#E69F00", "#56B4E9", "#009E73"]
    assert fig.layout.barmode == "stack"
    assert fig.layout.title.text == "Incidents per period"
    assert fig.layout.xaxis.title.text == "Period" and fig.layout.yaxis.title.text == "Incidents"
    assert fig.layout.height == charts.HEIGHT


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


def test_cumulative_lines(incidents):
    fig = charts.plot_cumulative(count_per_period(incidents, "week"))
    assert len(fig.data) == 1 and list(fig.data[0].y) == [1, 2, 2, 3, 4]
    by = charts.plot_cumulative(count_per_period(incidents, "week", by="category"), by="category")
    assert [t.name for t in by.data] == ["attacks on US forces", "US strikes"]
    assert by.data[0].line.color == charts.CATEGORY_COLORS["attack_on_us"]


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
    labels = [a for a in fig.layout.annotations if a.text == NOT_CLAIMED]
    assert len(labels) == 1 and labels[0].x == spans[0].x0
    assert fig.layout.meta["context"][0]["label"] == "talks", "the context event is kept in the numbered list"
    hole = {pd.Timestamp("2024-01-15")}
    for trace in fig.data:
        for x, y in zip(trace.x, trace.y):
            if pd.Timestamp(x) in hole:
                assert y is None or pd.isna(y), f"{trace.name} draws {y} in a period not covered"


def test_fully_covered_counts_get_no_span(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"))
    assert not [a for a in fig.layout.annotations if a.text == NOT_CLAIMED]
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


def test_stack_by_a_column_without_colours_is_refused_with_what_to_use(incidents):
    weekly = count_per_period(incidents, "week")
    two = pd.concat([weekly.assign(dataset="a"), weekly.assign(dataset="b")], ignore_index=True)
    with pytest.raises(ValueError, match="found stack='dataset'.*use plot_frequency_comparison"):
        charts.plot_frequency_timeline(two, stack="dataset")
    with pytest.raises(ValueError, match="found stack='dataset'"):
        charts.plot_frequency_timeline(two)  # its extra column is what it would stack by


def test_stack_the_counts_do_not_hold_is_refused(incidents):
    with pytest.raises(ValueError, match="found stack='weapon', but the counts hold no column 'weapon'"):
        charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category"), stack="weapon")


def test_stack_defaults_to_the_column_the_counts_were_made_by(incidents):
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="weapon"))
    assert {t.marker.color for t in fig.data if t.type == "bar"} > {charts.WEAPON_COLORS["rocket"]}
    single = charts.plot_frequency_timeline(count_per_period(incidents, "week"))
    assert [t.showlegend for t in single.data if t.type == "bar"] == [False]


def test_a_zero_is_marked_only_where_the_data_claims_the_period_complete(incidents):
    claimed = pd.DataFrame(
        {"period_start": pd.to_datetime(["2024-01-08"]), "period_end": pd.to_datetime(["2024-01-21"])}
    )
    fig = charts.plot_frequency_timeline(count_per_period(incidents, "week", by="category", coverage=claimed))
    zeros = [t for t in fig.data if t.type == "scatter" and t.name.startswith("0 (")]
    empty_claimed = count_per_period(incidents, "week", coverage=claimed).query("covered and incidents == 0")
    assert len(zeros) == 1 and list(pd.to_datetime(zeros[0].x)) == list(empty_claimed["period"])
    assert list(zeros[0].y) == [0] * len(empty_claimed) and len(empty_claimed) > 0
    unclaimed = charts.plot_frequency_timeline(
        count_per_period(incidents, "week", by="category", coverage=claimed.iloc[0:0])
    )
    assert not [t for t in unclaimed.data if t.type == "scatter"], "no claim, no zero"


def test_a_level_with_none_recorded_inside_a_bar_keeps_the_stack_whole(incidents):
    # plotly stops stacking at a missing value: the bar of a period with incidents must reach their sum
    counts = count_per_period(
        incidents, "week", by="category", coverage=pd.DataFrame(columns=["period_start", "period_end"])
    )
    fig = charts.plot_frequency_timeline(counts)
    bars = [t for t in fig.data if t.type == "bar"]
    per_period = counts.groupby("period")["incidents"].sum()
    for period, total in per_period.items():
        drawn = [y for t in bars for x, y in zip(t.x, t.y) if pd.Timestamp(x) == period]
        has_bar = counts.loc[counts["period"] == period, "incidents"].notna().any()
        assert all(pd.notna(drawn)) == bool(has_bar), period
        if has_bar:
            assert sum(drawn) == total
