"""Tests of analysis.reporting.charts.casualties: ranges, open ends, unknown never a 0, log axis."""

from analysis.metrics.casualties import tally_casualties
from analysis.reporting import charts
from analysis.reporting.links import build_card_hrefs
from tests.fixtures.tables import make_incidents
from tests.unit.reporting.charts.shared import all_text


def test_casualty_ranges_show_open_and_unknown(incidents):
    fig = charts.plot_casualty_ranges(tally_casualties(incidents, by="country"), measures=["us_killed", "other_killed"])
    us, us_arrow, other, other_none, other_arrow, unknown = fig.data
    assert list(us.y) == ["Iraq ·<br>US personnel killed", "Jordan ·<br>US personnel killed"]
    # Iraq: A 0-0, B >=1, D unknown -> ">=1", open: a dashed arrow from 1; Jordan: exactly 3
    assert list(us.text) == ["at least 1", "3"] and list(us.x) == [1.0, 3.0]
    assert list(us.error_x.array) == [0.0, 0.0] and us_arrow.line.dash == "dash"
    assert us_arrow.x[0] == 1.0 and us_arrow.x[1] > 1.0 and "triangle-right" in us_arrow.marker.symbol
    # Iraq: A 2-4, D >=16 -> ">=18"; Jordan: no figure at all -> the word "unknown", never a 0
    assert list(other.text) == ["at least 18"] and list(other_none.text) == ["unknown"]
    assert other_none.mode == "text" and list(other_none.y) == ["Jordan ·<br>others killed"]
    assert "0" not in other_none.hovertext[0].split("<br>")[1].split()
    # the right panel counts the incidents whose figure no source gives
    # D, a US strike with no US figure, is not applicable to US personnel: Iraq has no unknown US figure
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


def _wave_chart(by=None):
    from analysis.metrics.tolls import link_operation_tolls
    from tests.fixtures.tables import make_toll_totals

    wave = "the wave"
    df = make_incidents(
        {
            "incident_id": "S1",
            "category": "us_strike",
            "country": "Syria",
            "operation": wave,
            "event_date": "2024-02-02",
        },
        {
            "incident_id": "S2",
            "category": "us_strike",
            "country": "Syria",
            "operation": wave,
            "event_date": "2024-02-03",
        },
        {
            "incident_id": "S3",
            "category": "us_strike",
            "country": "Syria",
            "other_killed_min": 7,
            "event_date": "2024-03-01",
        },
        {
            "incident_id": "I1",
            "category": "us_strike",
            "country": "Iraq",
            "other_killed_min": 4,
            "event_date": "2024-03-02",
        },
    )
    links = link_operation_tolls(df, make_toll_totals("T", wave, "Syria", 18, "SOHR"))
    tally = tally_casualties(df, by=by, tolls=links)
    return charts.plot_casualty_ranges(tally, measures=["other_killed"], incidents=df, card_hrefs=build_card_hrefs(df))


def test_an_operation_toll_is_its_own_mark_in_a_row_under_its_rows_never_added_to_them():
    fig = _wave_chart(by="country")
    toll = next(t for t in fig.data if t.name == "others killed: operation toll")
    own = next(t for t in fig.data if t.name == "others killed")
    rows = list(fig.layout.yaxis.categoryarray)[::-1]  # top to bottom
    assert rows.index("Syria ·<br>others killed:<br>operation toll") == rows.index("Syria ·<br>others killed") + 1
    assert list(toll.y) == ["Syria ·<br>others killed:<br>operation toll"] and list(toll.x) == [18]
    assert list(toll.text) == ["operation toll:<br>at least 18"]
    # the Syrian row keeps its own figure (S3's 7), the toll is not added to it nor split between S1 and S2
    assert dict(zip(own.y, own.text))["Syria ·<br>others killed"] == "at least 7"
    hover = toll.hovertext[0]
    assert "whole operation" in hover and "not split between its 2 rows" in hover and "not added" in hover
    assert (
        "source: SOHR" in hover
        and "2024-02-02 to 2024-02-03" in hover
        and "the wave<br>in Syria, 2024-02-02 to 2024-02-03<br>" in hover
    )
    assert "S1" in hover and "S2" in hover and "S3" not in hover
    assert toll.customdata[0][0].count("cards/") == 2
    bracket = next(t for t in fig.data if t.name == "others killed: operation toll range")
    assert bracket.line.dash == "dot" and "triangle-right" in bracket.marker.symbol  # open-ended: an arrow
    assert fig.layout.xaxis.range[1] > 18  # the axis reaches the toll's arrow


def test_an_operation_toll_in_an_ungrouped_chart_has_its_row_too():
    fig = _wave_chart()
    toll = next(t for t in fig.data if t.name == "others killed: operation toll")
    assert list(toll.y) == ["others<br>killed:<br>operation toll"]
    assert "operation toll" not in " ".join(next(t for t in fig.data if t.name == "others killed").text)


def test_the_toll_tooltip_names_its_source_as_the_cards_do_outlet_and_day_then_the_id(monkeypatch):
    """The bundled Tower 22 strikes: the tooltip named the source by its id alone ("source: S001")."""
    from analysis.reporting import page
    from analysis.reporting.card_sources import build_source_refs, name_source_copies

    monkeypatch.setattr(page, "display", lambda bundle, raw=False: None)
    report = page.open_report(title="Tolls")
    tally = tally_casualties(report.selected, by="country", tolls=report.tolls)
    fig = charts.plot_casualty_ranges(tally, measures=["other_killed"], incidents=report.selected)
    toll = next(t for t in fig.data if t.name == "others killed: operation toll")
    source_id = str(report.tolls["source_id"].iloc[0])
    card = build_source_refs(report.dataset.sources, name_source_copies(report.dataset.sources))[source_id]
    assert f"<br>source: {card.outlet}<br>published {card.published} ({source_id})<br>" in toll.hovertext[0]
