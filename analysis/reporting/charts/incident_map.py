"""Where the incidents happened: an offline map (country outlines as line traces on a lon/lat plot,
no topojson, no tiles, no network), one marker per place and category.

Markers and legends are in :mod:`._map_marks`, outlines, ranges and labels in :mod:`._map_geometry`.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.inputs import take_incidents
from analysis.metrics.places import MAP_SIZES, aggregate_places, find_country_only
from analysis.reporting.casualty_text import format_incident_casualty
from analysis.reporting.charts._map_geometry import (
    find_map_ranges,
    make_country_label_trace,
    make_outline_trace,
    pick_label_position,
    pick_place_labels,
)
from analysis.reporting.charts._map_marks import (
    GEO_PRECISION_STYLES,
    add_map_legend,
    add_size_legend,
    find_marker_size,
    style_precision_marker,
)
from analysis.reporting.charts._members import (
    HOVER_INCIDENTS,
    HOVER_INCIDENTS_PER_CHART,
    build_card_data,
    format_member_text,
)
from analysis.reporting.charts._show import add_meta
from analysis.reporting.charts._style import CATEGORY_COLORS, MAP_HEIGHT, NEUTRAL_COLOR, escape_text, style_figure
from analysis.reporting.formatting import format_day
from analysis.reporting.links import format_incident_link


def _format_incident_line(row) -> str:
    """Id, date and casualty figures of an incident for a place's tooltip (escaped), worded as everywhere else."""

    def figure(m: str) -> str:
        best = getattr(row, m + "_best", None)
        return format_incident_casualty(row.category, m, getattr(row, m + "_min"), best, getattr(row, m + "_max"))

    parts = [f"{schema.MEASURE_LABELS[m]} {figure(m)}" for m in ("us_killed", "us_injured", "other_killed")]
    return f"{escape_text(row.incident_id)} · {format_day(row.event_date)} · " + ", ".join(parts)


def _format_deaths(deaths: int, with_figure: int, incidents: int, label: str = "deaths") -> str:
    """The deaths (or ``label``) line of a map tooltip: unknown stays unknown.

    >>> _format_deaths(0, 0, 2)
    '<br>deaths: unknown (no source gives a figure)'
    >>> _format_deaths(5, 1, 3, "US personnel injured")
    '<br>US personnel injured: at least 5 (figures for 1 of 3 incidents)'
    """
    if with_figure == 0:
        return f"<br>{label}: unknown (no source gives a figure)"
    if with_figure < incidents:
        return f"<br>{label}: at least {deaths} (figures for {with_figure} of {incidents} incidents)"
    return f"<br>{label}: {deaths}"


def _link_unplaced(only: pd.DataFrame, card_hrefs: pd.Series | None) -> list[str]:
    """Each incident's id, linked to its card when it has one (escaped)."""
    ids = only["incident_id"].astype(str).tolist()
    if card_hrefs is None:
        return [html.escape(i) for i in ids]
    hrefs = card_hrefs.reindex(only["incident_id"].astype(str)).tolist()
    return [format_incident_link(i, h) if isinstance(h, str) and h else html.escape(i) for i, h in zip(ids, hrefs)]


def describe_unplaced(df: pd.DataFrame, card_hrefs: pd.Series | None = None, limit: int = 20) -> str:
    """HTML sentence listing the incidents placed only to their country (not drawn on the map).

    >>> df = pd.DataFrame({"incident_id": ["ISR-1"], "country": ["Israel"], "location": ["Israel"],
    ...                    "latitude": [31.0], "longitude": [34.8], "geo_precision": [3]})
    >>> describe_unplaced(df)
    '1 incident placed only to the country, not drawn on the map: Israel: ISR-1.'
    """
    only = df.loc[find_country_only(df)]
    if only.empty:
        return ""
    countries = only["country"].astype("string").fillna("country unknown").tolist()
    by_country: dict[str, list[str]] = {}
    for country, link in zip(countries, _link_unplaced(only, card_hrefs)):
        by_country.setdefault(country, []).append(link)
    shown, parts = 0, []
    for country in sorted(by_country):
        listed = by_country[country][: max(limit - shown, 0)]
        shown += len(listed)
        if listed:
            parts.append(f"{html.escape(country)}: {', '.join(listed)}")
    more = len(only) - shown
    n = len(only)
    return (
        f"{n} incident{'s' if n != 1 else ''} placed only to the country, not drawn on the map: "
        + "; ".join(parts)
        + (f"; and {more} more" if more > 0 else "")
        + "."
    )


def _describe_places(drawn: pd.DataFrame, places: dict, card_hrefs) -> tuple[dict, dict]:
    """Tooltip lines and card hrefs of the sampled incidents, keyed by place (group) number."""
    lines: dict[int, list[str]] = {}
    links: dict[int, list[str]] = {}
    sampled = drawn.iloc[places["sample_rows"]]
    hrefs = (
        card_hrefs.reindex(sampled["incident_id"].astype(str)).fillna("").astype(str).tolist()
        if card_hrefs is not None
        else [""] * len(sampled)
    )
    for grp, row, href in zip(places["sample_group"], sampled.itertuples(index=False), hrefs):
        lines.setdefault(int(grp), []).append(_format_incident_line(row))
        if href:
            links.setdefault(int(grp), []).append(href)
    return lines, links


def _format_place_hover(places: dict, i: int, level: int, category_label: str, lines: list[str]) -> str:
    """A place's tooltip: name, country, how well it is located, incidents, dates, deaths and the incidents."""
    n = int(places["incidents"][i])
    first, last = (format_day(np.datetime64(int(places[k][i]), "D")) for k in ("first_day", "last_day"))
    measure = places.get("size_by", "deaths")
    measured = (
        _format_deaths(int(places["size"][i]), int(places["incidents_with_size"][i]), n, schema.MEASURE_LABELS[measure])
        if measure in schema.MEASURE_LABELS
        else ""
    )
    return (
        f"<b>{escape_text(places['place'][i])}</b> ({escape_text(places['country'][i])}; located to "
        f"{GEO_PRECISION_STYLES[level][0]})<br>{category_label}: "
        f"{places['incidents'][i]} incident{'s' if places['incidents'][i] != 1 else ''}, {first} to {last}"
        + _format_deaths(int(places["deaths"][i]), int(places["incidents_with_deaths"][i]), n)
        + measured
        + format_member_text(lines, n)
    )


def _add_place_markers(fig: go.Figure, places: dict, lines: dict, links: dict, max_size: float) -> None:
    """One marker trace per category and geo precision, in vocabulary order; area by ``places["size"]``."""
    size = find_marker_size(places["size"], max_size)
    precision = np.minimum(np.nan_to_num(places["geo_precision"], nan=3.0), 3)
    for c in list(schema.CATEGORIES) + [schema.NOT_STATED]:
        category_label = escape_text(schema.value_label("category", c))
        color = CATEGORY_COLORS.get(c, NEUTRAL_COLOR)
        for level in sorted(GEO_PRECISION_STYLES):
            idx = np.flatnonzero((places["category"] == c) & (precision == level))
            if len(idx) == 0:
                continue
            fig.add_trace(
                go.Scatter(
                    x=places["lon"][idx],
                    y=places["lat"][idx],
                    mode="markers",
                    name=category_label,
                    legendgroup=c,
                    showlegend=False,
                    marker={"size": size[idx], **style_precision_marker(level, color)},
                    hovertext=[
                        _format_place_hover(places, i, level, category_label, lines.get(int(i), [])) for i in idx
                    ],
                    hoverinfo="text",
                    customdata=[build_card_data(links.get(int(i), []), int(places["incidents"][i])) for i in idx],
                )
            )


def _make_place_label_trace(lon, lat, names: list[str], picked: list[int], x_range) -> go.Scatter:
    """The names of the places picked for a label, above their markers (to one side at the map's edges)."""
    return go.Scatter(
        x=lon[picked],
        y=lat[picked],
        mode="text",
        text=[escape_text(names[i]) for i in picked],
        textposition=[pick_label_position(lon[i], lat[i], names[i], x_range) for i in picked],
        textfont={"size": 10, "color": "#333333"},
        cliponaxis=False,
        hoverinfo="skip",
        showlegend=False,
        name="places",
    )


def _add_places(
    fig: go.Figure, drawn: pd.DataFrame, outlines: dict, hover_incidents: int, card_hrefs, size_by: str
) -> tuple:
    """Markers and name labels of the places of ``drawn``; returns their lons, lats, the largest ``size_by``
    figure at one place and the boxes the labels take."""
    places = aggregate_places(drawn, hover_incidents, sample_budget=HOVER_INCIDENTS_PER_CHART, size_by=size_by)
    places["size_by"] = size_by
    lines, links = _describe_places(drawn, places, card_hrefs)
    lon, lat, sizes = places["lon"], places["lat"], places["size"]
    max_size = float(sizes.max()) if len(sizes) else 0.0
    _add_place_markers(fig, places, lines, links, max_size)
    x_range, _ = find_map_ranges(list(lon), list(lat), outlines)
    names = [str(p) for p in places["place"]]
    picked, label_boxes = pick_place_labels(lon, lat, names, places["incidents"], x_range)
    fig.add_trace(_make_place_label_trace(lon, lat, names, picked, x_range))
    return list(lon), list(lat), max_size, label_boxes


def _fit_map_axes(fig: go.Figure, x_range: list[float], y_range: list[float]) -> None:
    """Axes that show lon/lat at the right aspect for the map's middle latitude, no degree ticks."""
    mid_lat = (y_range[0] + y_range[1]) / 2
    # no degree ticks: the outlines and names place the reader; the axes titles stay for the notebook
    fig.update_xaxes(range=x_range, showgrid=False, zeroline=False, constrain="domain", visible=False)
    fig.update_yaxes(
        range=y_range,
        showgrid=False,
        zeroline=False,
        visible=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(mid_lat)),
        constrain="domain",
        domain=[0.16, 1],
    )


def plot_incident_map(
    df: pd.DataFrame,
    outlines: dict | None = None,
    title: str = "Where the incidents happened",
    hover_incidents: int = HOVER_INCIDENTS,
    card_hrefs: pd.Series | None = None,
    size_by: str = "deaths",
) -> go.Figure:
    """Incidents (the table, a selection of it, or the Dataset) on a plain lon/lat plot with country outlines
    and place names, no network needed.

    Incidents are grouped by place and category: one marker each, coloured
    by category, its area growing with ``size_by`` at that place, named in
    the legend under the map: ``"deaths"`` (per incident ``fatalities``,
    else US plus others killed, each its max or else its min),
    ``"incidents"`` (how many), or a casualty measure (``"us_killed"``,
    ``"us_injured"``, ``"other_killed"``, ``"other_injured"``: each
    incident's max, else its min); unknown figures add nothing and are said
    to be unknown in the tooltip,
    its style saying how well the place is known (``geo_precision``: filled
    circle the site, hollow circle a nearby town, pale disc a region).
    Incidents placed only to their country (:func:`analysis.metrics.places.find_country_only`)
    are not drawn: :func:`describe_unplaced` lists them under the chart
    (``fig.layout.meta["notes"]``). Hover text names the place, country,
    number of incidents, date span, deaths, and up to ``hover_incidents``
    incidents (id, date, casualty ranges); ``customdata`` carries their cards
    (``card_hrefs``). A strip under the map shows three reference circles.
    ``outlines`` is ``{country: [[(lon, lat), ...], ...]}``; ``None`` loads
    :func:`analysis.data.geo.load_country_outlines`.
    """
    df = take_incidents(df, "plot_incident_map")
    if outlines is None:
        from analysis.data.geo import load_country_outlines

        outlines = load_country_outlines()
    fig = go.Figure()
    fig.add_trace(make_outline_trace(outlines))
    country_only = find_country_only(df) if len(df) else np.zeros(0, dtype=bool)
    drawn = df.loc[~country_only] if country_only.any() else df
    if size_by not in MAP_SIZES:
        raise ValueError(f"plot_incident_map: found size_by={size_by!r}, expected one of {', '.join(MAP_SIZES)}")
    lons, lats, max_size, label_boxes = [], [], 0.0, []
    if len(drawn):
        lons, lats, max_size, label_boxes = _add_places(fig, drawn, outlines, hover_incidents, card_hrefs, size_by)
    add_map_legend(fig, {str(c) for c in df["category"].dropna().unique()} if len(df) else set())
    style_figure(fig, title, "Longitude", "Latitude", height=MAP_HEIGHT)
    x_range, y_range = find_map_ranges(lons, lats, outlines)
    fig.add_trace(make_country_label_trace(outlines, x_range, y_range, label_boxes))
    _fit_map_axes(fig, x_range, y_range)
    add_size_legend(fig, max_size, schema.MEASURE_LABELS.get(size_by, size_by))
    fig.update_layout(legend={"yref": "paper", "y": -0.02, "yanchor": "top"}, margin={"l": 10, "r": 10, "b": 40})
    unplaced = describe_unplaced(df.loc[country_only], card_hrefs) if country_only.any() else ""
    if unplaced:
        add_meta(fig, notes=[unplaced])
    return fig
