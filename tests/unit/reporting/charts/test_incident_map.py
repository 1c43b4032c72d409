"""Tests of analysis.reporting.charts.incident_map: offline outlines, places, geo precision, country-only rows."""

import pytest

from analysis.reporting import charts
from analysis.reporting.links import build_card_hrefs
from tests.fixtures.tables import make_incidents
from tests.unit.reporting.charts.shared import OUTLINES, all_text


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


def test_map_sizes_by_incidents_so_the_most_attacked_place_is_the_largest(incidents):
    by_deaths = {t.name: t for t in _marker_traces(charts.plot_incident_map(incidents, outlines=OUTLINES))}
    fig = charts.plot_incident_map(incidents, outlines=OUTLINES, size_by="incidents")
    markers = {t.name: t for t in _marker_traces(fig) if t.xaxis is None}
    attack_sizes = list(markers["attacks on US forces"].marker.size)  # Al-Asad: 2 incidents, place C: 1
    assert attack_sizes[0] == pytest.approx(charts.MARKER_MIN + charts.MARKER_SPAN)
    assert attack_sizes[0] > markers["US strikes"].marker.size[0]  # Jurf al-Sakhar: 1 incident, 16 deaths
    assert by_deaths["US strikes"].marker.size[0] > by_deaths["attacks on US forces"].marker.size[0]
    assert "Circle area: incidents" in all_text(fig)


def test_map_sizes_by_a_casualty_measure_named_in_the_legend_and_the_tooltip(incidents):
    fig = charts.plot_incident_map(incidents, outlines=OUTLINES, size_by="us_killed")
    assert "Circle area: US personnel killed (smallest: none or unknown)" in all_text(fig)
    attack = next(t for t in _marker_traces(fig) if t.name == "attacks on US forces")
    assert "US personnel killed: 1" in attack.hovertext[0]  # A 0, B at least 1: each incident's max, else min
    assert list(attack.marker.size)[1] == pytest.approx(charts.MARKER_MIN + charts.MARKER_SPAN)  # C: 3 killed


def test_map_refuses_an_unknown_size(incidents):
    with pytest.raises(ValueError, match="size_by='wounded', expected one of deaths, incidents, us_killed"):
        charts.plot_incident_map(incidents, outlines=OUTLINES, size_by="wounded")


def test_map_takes_the_dataset_and_refuses_a_frame_the_loader_did_not_type(incidents):
    from analysis.data.dataset import load_dataset

    dataset = load_dataset()
    assert charts.plot_incident_map(dataset, outlines=OUTLINES).to_json() == (
        charts.plot_incident_map(dataset.incidents, outlines=OUTLINES).to_json()
    )
    with pytest.raises(ValueError, match="plot_incident_map: column 'event_date' holds text"):
        charts.plot_incident_map(incidents.astype({"event_date": "str"}), outlines=OUTLINES)
