"""Plotly figures of the reports, all with one look.

- One layout (:func:`style_figure`): white template, fixed fonts, margins
  and height, title and axis titles always set.
- Fixed colours per category, weapon, outcome and casualty measure
  (:data:`CATEGORY_COLORS`, ...), so a colour means the same in every report.
- Deterministic: no random ids, traces in vocabulary order.
- Safe: every piece of text taken from the data is HTML-escaped
  (:func:`escape_text`) before it enters hover text, labels or annotations.
- Offline: the map draws country outlines as plain line traces on a
  cartesian lon/lat plot; no topojson, no tiles, no network.
- Shown so they survive papermill, nbconvert and nbval (:func:`show_figure`):
  plotly's default renderer under papermill writes only the plotly JSON
  mimetype, which nbconvert drops from HTML (``shared/guide/STACK.md``);
  we emit the JSON (JupyterLab draws it) and a ``text/html`` div with a
  stable id (kept by nbconvert, deterministic for nbval).
"""

from __future__ import annotations

import html
import json
import math
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

from analysis import schema
from analysis.metrics.casualties import group_columns
from analysis.metrics.frequency import NOT_COVERED
from analysis.metrics.places import aggregate_places
from analysis.reporting.formatting import format_day, format_range, format_share

_PLOTLY_MIME = "application/vnd.plotly.v1+json"

# --- one look ----------------------------------------------------------------

HEIGHT = 420
MAP_HEIGHT = 600
FONT = "Helvetica, Arial, sans-serif"
NEUTRAL_COLOR = "#4C72B0"
OUTLINE_COLOR = "#9A9A9A"
EMPTY_COLOR = "#B0B0B0"  # unclaimed, not stated and "(other)" rows

CATEGORY_COLORS: dict[str, str] = {
    "attack_on_us": "#C0392B",
    "us_strike": "#1F5FA8",
    "regional": "#E69F00",
}
WEAPON_COLORS: dict[str, str] = {
    "rocket": "#E69F00",
    "drone": "#56B4E9",
    "ballistic_missile": "#D55E00",
    "cruise_missile": "#0072B2",
    "missiles_and_drones": "#CC79A7",
    "airstrike": "#009E73",
    "explosive_device": "#8C564B",
    "small_arms": "#BCBD22",
    "unknown": "#999999",
}
OUTCOME_COLORS: dict[str, str] = {
    "hit": "#B2182B",
    "partial": "#EF8A62",
    "intercepted": "#2166AC",
    "missed": "#67A9CF",
    "unknown": "#999999",
}
MEASURE_COLORS: dict[str, str] = {
    "us_killed": "#B2182B",
    "us_injured": "#EF8A62",
    "other_killed": "#2166AC",
    "other_injured": "#67A9CF",
    "fatalities": "#444444",
}
COLOR_MAPS: dict[str, dict[str, str]] = {
    "category": CATEGORY_COLORS,
    "weapon": WEAPON_COLORS,
    "outcome": OUTCOME_COLORS,
    "measure": MEASURE_COLORS,
}


def escape_text(value) -> str:
    """Text from the data made safe for plotly's HTML-like labels.

    >>> escape_text("<script>alert(1)</script> & co")
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'
    >>> escape_text(pd.NA)
    ''
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=False)


def shorten(text: str, limit: int = 28) -> str:
    """Cut a label to ``limit`` characters with an ellipsis.

    >>> shorten("Ceasefire announced in Gaza and Lebanon", 20)
    'Ceasefire announced…'
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pick_color(dimension: str, value) -> str:
    """The fixed colour of ``value`` in ``dimension`` (a neutral blue when none is fixed).

    >>> pick_color("category", "attack_on_us")
    '#C0392B'
    >>> pick_color("country", "Iraq")
    '#4C72B0'
    """
    return COLOR_MAPS.get(dimension, {}).get(str(value), NEUTRAL_COLOR)


def make_layout(title: str, xaxis_title: str, yaxis_title: str, height: int = HEIGHT) -> dict:
    """The layout shared by every figure (a plain dict for ``fig.update_layout``)."""
    return {
        "template": "plotly_white",
        "title": {"text": escape_text(title), "x": 0.01, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": FONT, "size": 13, "color": "#222222"},
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 60, "b": 110},
        "xaxis": {"title": {"text": escape_text(xaxis_title)}},
        "yaxis": {"title": {"text": escape_text(yaxis_title)}},
        "legend": {
            "orientation": "h",
            "yanchor": "top",
            "y": -0.2,
            "xanchor": "left",
            "x": 0.0,
            "traceorder": "normal",
        },
        "hoverlabel": {"font": {"family": FONT}},
    }


def style_figure(fig: go.Figure, title: str, xaxis_title: str, yaxis_title: str, height: int = HEIGHT) -> go.Figure:
    """Apply :func:`make_layout` to ``fig`` and return it."""
    fig.update_layout(**make_layout(title, xaxis_title, yaxis_title, height))
    return fig


def _ordered_levels(values: pd.Series, dimension: str) -> list[str]:
    """Distinct values in vocabulary order (categories) or sorted (text)."""
    present = set(values.dropna().astype(str))
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(c) for c in values.cat.categories if str(c) in present]
    vocab = schema.FILTER_VOCABULARIES.get(dimension)
    if vocab:
        return [v for v in vocab if v in present] + sorted(present - set(vocab))
    return sorted(present)


# --- time --------------------------------------------------------------------


def _span(periods: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day covered by a column of period starts (one step past the last start)."""
    starts = pd.Series(pd.to_datetime(periods).unique()).sort_values()
    step = starts.iloc[-1] - starts.iloc[-2] if len(starts) > 1 else pd.Timedelta(days=1)
    return starts.iloc[0], starts.iloc[-1] + step - pd.Timedelta(days=1)


_LABEL_LEVELS = (0, 1)  # label heights: the top of the plot, and half-way down
_CROWDED = -1  # no free level: the event keeps its line and a small hover-only mark


def _stagger_levels(dates: pd.Series, first, last, min_gap_share: float = 0.03) -> list[int]:
    """Height level of each (sorted) context label: a label closer than ``min_gap_share``
    of the span to the previous label on its level moves down a level, so labels do not overlap.

    >>> d = pd.to_datetime(pd.Series(["2024-01-01", "2024-01-02", "2024-01-03", "2024-06-01"]))
    >>> _stagger_levels(d, "2024-01-01", "2024-12-31")
    [0, 1, -1, 0]
    """
    if len(dates) == 0:
        return []
    start = pd.Timestamp(first) if first is not None else dates.min()
    end = pd.Timestamp(last) if last is not None else dates.max()
    min_gap = max((end - start).days, 1) * min_gap_share
    last_on_level: dict[int, pd.Timestamp] = {}
    levels = []
    for date in dates:
        free = [lv for lv in _LABEL_LEVELS if lv not in last_on_level or (date - last_on_level[lv]).days >= min_gap]
        level = free[0] if free else _CROWDED
        if level != _CROWDED:
            last_on_level[level] = date
        levels.append(level)
    return levels


def _add_context(fig: go.Figure, context: pd.DataFrame | None, first, last) -> None:
    """Context events as dotted vertical lines with short vertical labels."""
    if context is None or len(context) == 0:
        return
    dates = pd.to_datetime(context["date"])
    keep = (dates >= pd.Timestamp(first)) & (dates <= pd.Timestamp(last)) if first is not None else dates.notna()
    ctx = (
        context.loc[keep.to_numpy(dtype=bool, na_value=False)]
        .assign(plot_date=dates[keep])
        .sort_values("plot_date", kind="stable")
    )
    shapes, annotations = [], []
    levels = _stagger_levels(ctx["plot_date"], first, last)
    for row, level in zip(ctx.itertuples(index=False), levels):
        x = format_day(row.plot_date)
        full_label = escape_text(str(row.label))
        label = escape_text(shorten(str(row.label), 20)) if level != _CROWDED else "⋯"
        description = escape_text(getattr(row, "description", "") or "")
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": 1,
                "line": {"color": "#555555", "width": 1, "dash": "dot"},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "x": x,
                "y": 1 - max(level, 0) / len(_LABEL_LEVELS),
                "xref": "x",
                "yref": "paper",
                "text": label,
                "showarrow": False,
                "textangle": -90,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": 10, "color": "#555555"},
                "bgcolor": "rgba(255,255,255,0.75)",
                "hovertext": f"{x}<br>{full_label}" + (f"<br>{description}" if description else ""),
            }
        )
    fig.update_layout(shapes=shapes, annotations=annotations)


def plot_frequency_timeline(
    counts_by_period: pd.DataFrame,
    stack: str | None = "category",
    context: pd.DataFrame | None = None,
    title: str = "Incidents per period",
    period_label: str = "Period",
) -> go.Figure:
    """Bars of incidents per period, stacked by ``stack`` (``"category"`` or ``"weapon"``).

    ``counts_by_period`` is :func:`analysis.metrics.frequency.count_per_period` output
    (with ``by=stack``; without that column the bars are not stacked).
    ``context`` (columns ``date``, ``label``, optional ``description``, as
    in ``context.csv``) adds a dotted vertical line with a short label per
    development inside the plotted span.
    """
    fig = go.Figure()
    data = counts_by_period
    if stack is not None and stack in data.columns:
        for level in _ordered_levels(data[stack], stack):
            part = data.loc[(data[stack].astype(str) == level).to_numpy()]
            name = escape_text(schema.value_label(stack, level))
            fig.add_trace(
                go.Bar(
                    x=part["period"],
                    y=part["incidents"],
                    name=name,
                    marker_color=pick_color(stack, level),
                    hovertext=[
                        f"{period_label} from {format_day(p)}<br>{name}: {n}"
                        for p, n in zip(part["period"], part["incidents"])
                    ],
                    hoverinfo="text",
                )
            )
    else:
        fig.add_trace(
            go.Bar(
                x=data["period"],
                y=data["incidents"],
                name="incidents",
                marker_color=NEUTRAL_COLOR,
                hovertext=[
                    f"{period_label} from {format_day(p)}<br>incidents: {n}"
                    for p, n in zip(data["period"], data["incidents"])
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    style_figure(fig, title, period_label, "Incidents")
    fig.update_layout(barmode="stack", bargap=0.1)
    totals = data.groupby("period")["incidents"].sum() if len(data) else pd.Series(dtype="int64")
    set_integer_axis(fig, "y", int(totals.max()) if len(totals) else 0)
    if len(data):
        _add_context(fig, context, *_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


def plot_cumulative(
    counts_by_period: pd.DataFrame,
    by: str | None = None,
    title: str = "Cumulative incidents",
    period_label: str = "Period",
    context: pd.DataFrame | None = None,
    reported: pd.DataFrame | None = None,
) -> go.Figure:
    """Lines of the running total of incidents, one per value of ``by`` (one line without it).

    ``counts_by_period`` is :func:`analysis.metrics.frequency.count_per_period`
    output (columns ``period``, ``cumulative``, optionally ``by``).
    ``reported`` (:func:`analysis.metrics.coverage.compare_with_reported_totals`
    output) adds what the sources report of attacks on US forces: one
    labelled marker per total at its as-of date and its lowest value, so the
    gap between the table and the sources shows at a glance.
    """
    fig = go.Figure()
    data = counts_by_period
    groups = (
        [(level, data.loc[(data[by].astype(str) == level).to_numpy()]) for level in _ordered_levels(data[by], by)]
        if by is not None and by in data.columns
        else [("all incidents", data)]
    )
    for level, part in groups:
        name = escape_text(schema.value_label(by or "", level))
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["cumulative"],
                name=name,
                mode="lines",
                line_shape="hv",
                line={"color": pick_color(by or "", level), "width": 2},
                hovertext=[
                    f"up to {period_label.lower()} from {format_day(p)}<br>{name}: {n}"
                    for p, n in zip(part["period"], part["cumulative"])
                ],
                hoverinfo="text",
                showlegend=len(groups) > 1,
            )
        )
    top = int(data["cumulative"].max()) if len(data) else 0
    if reported is not None and len(reported):
        top = max(top, _add_reported_totals(fig, reported))
    style_figure(fig, title, period_label, "Incidents (cumulative)")
    set_integer_axis(fig, "y", top)
    if len(data):
        _add_context(fig, context, *_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


NOT_COVERED_COLOR = "#9A9A9A"


def shade_not_covered(fig: go.Figure, counts_by_period: pd.DataFrame) -> None:
    """Shade each run of periods the data does not cover and label it "not covered".

    ``counts_by_period`` is :func:`analysis.metrics.frequency.count_per_period`
    output; its ``covered`` column says which periods the data covers (none
    shaded without it). The span runs over the periods' bar slots; added
    last, so no other layout update removes it.
    """
    if "covered" not in counts_by_period.columns or counts_by_period["covered"].all():
        return
    covered = counts_by_period.groupby("period", sort=True)["covered"].all()
    periods = pd.to_datetime(covered.index)
    half = (periods.to_series().diff().min() if len(periods) > 1 else pd.Timedelta(days=1)) / 2
    flags = covered.to_numpy(dtype=bool)
    starts = np.flatnonzero(~flags & np.r_[True, flags[:-1]])
    ends = np.flatnonzero(~flags & np.r_[flags[1:], True])
    for first, last in zip(starts, ends):
        fig.add_vrect(
            x0=(periods[first] - half).isoformat(),
            x1=(periods[last] + half).isoformat(),
            fillcolor=NOT_COVERED_COLOR,
            opacity=0.18,
            line_width=0,
            layer="below",
            annotation_text=NOT_COVERED,
            annotation_position="top left",
            annotation_font={"size": 10, "color": "#555555"},
        )


def _add_reported_totals(fig: go.Figure, reported: pd.DataFrame) -> int:
    """Markers for the sources' own totals of attacks on US forces; returns the highest value drawn."""
    shown = reported.loc[reported["reported_min"].notna() & (reported["reported_min"] > 0)]
    if shown.empty:
        return 0
    values = shown["reported_min"].astype("int64")
    texts = [
        f"{format_range(lo, hi)} reported by {format_day(d)}"
        for lo, hi, d in zip(values, shown["reported_max"], shown["as_of"])
    ]
    fig.add_trace(
        go.Scatter(
            x=shown["as_of"],
            y=values,
            mode="markers+text",
            name="attacks on US forces reported by the sources",
            marker={"symbol": "diamond", "size": 11, "color": CATEGORY_COLORS["attack_on_us"]},
            text=texts,
            textposition="top center",
            textfont={"size": 11, "color": CATEGORY_COLORS["attack_on_us"]},
            hovertext=[escape_text(f"{t}: {s}") for t, s in zip(texts, shown["scope"])],
            hoverinfo="text",
            cliponaxis=False,
        )
    )
    return int(values.max())


def set_integer_axis(fig: go.Figure, axis: str, max_value: int) -> None:
    """Count axes tick at whole numbers: one tick per unit up to 10, plotly's own (integer) steps above.

    >>> fig = go.Figure(); set_integer_axis(fig, "y", 3); fig.layout.yaxis.dtick, fig.layout.yaxis.rangemode
    (1, 'tozero')
    """
    settings = {"rangemode": "tozero", "tickformat": ",d"}
    if max_value <= 10:
        settings.update(dtick=1, tick0=0, range=[0, max(max_value, 1) * 1.05])
    fig.update_layout({f"{axis}axis": settings})


# --- casualties --------------------------------------------------------------


def _group_labels(tally: pd.DataFrame, keys: list[str]) -> list[str]:
    if not keys:
        return ["all"] * len(tally)
    labels = []
    for values in zip(*(tally[k] for k in keys)):
        parts = []
        for v in values:
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                parts.append(schema.NOT_STATED)
            elif isinstance(v, pd.Timestamp):
                parts.append(format_day(v))
            else:
                parts.append(str(v))
        labels.append(" / ".join(parts))
    return labels


def plot_casualty_ranges(
    tally: pd.DataFrame,
    measures=schema.CASUALTY_PREFIXES,
    title: str = "Killed and injured (range of reported figures)",
) -> go.Figure:
    """Solid bars up to the low figure, a pale floating bar from low to high.

    ``tally`` is :func:`analysis.metrics.casualties.tally_casualties` output.  One
    bar group per tally group, one bar per measure (fixed colours), each
    labelled with its range (``"3–5"``).  An open-ended range (some incident
    says "at least") is hatched, has no pale part and is labelled ``≥low``;
    a group with no figure at all is labelled ``unknown`` instead of a 0.
    """
    keys = group_columns(tally)
    fig = go.Figure()
    for m in [m for m in measures if (tally["measure"] == m).any()]:
        part = tally.loc[(tally["measure"] == m).to_numpy(dtype=bool, na_value=False)]
        name = schema.MEASURE_LABELS.get(m, escape_text(m))
        x = [escape_text(v) for v in _group_labels(part, keys)] if keys else [name]
        low = part["low"].to_numpy(dtype="float64", na_value=np.nan)
        high = part["high"].to_numpy(dtype="float64", na_value=np.nan)
        is_open = part["high_open"].to_numpy(dtype=bool)
        low0 = np.nan_to_num(low, nan=0.0)
        spread = np.where(np.isnan(high) | is_open, 0.0, high - low0)
        texts = [format_range(lo, np.nan if op else hi) for lo, hi, op in zip(low, high, is_open)]
        hover = [
            f"{lab}<br>{name}: {txt}<br>incidents: {n} (with a figure {f}, of them open-ended {o}; unknown {u})"
            for lab, txt, n, f, o, u in zip(
                x * len(part) if not keys else x,
                texts,
                part["incidents"],
                part["incidents_with_figure"],
                part["incidents_open"],
                part["incidents_unknown"],
            )
        ]
        color = MEASURE_COLORS.get(m, NEUTRAL_COLOR)
        common = {"x": x, "offsetgroup": m, "legendgroup": m, "hovertext": hover, "hoverinfo": "text"}
        fig.add_trace(
            go.Bar(
                y=low0,
                name=name,
                marker={"color": color, "pattern": {"shape": ["/" if op else "" for op in is_open]}},
                **common,
            )
        )
        fig.add_trace(
            go.Bar(
                y=spread,
                base=low0,
                name=f"{name} (range)",
                showlegend=False,
                marker={"color": color, "opacity": 0.35},
                text=texts,
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
                textfont={"size": 11},
                **common,
            )
        )
    style_figure(fig, title, " / ".join(keys) if keys else "Measure", "People")
    fig.update_layout(barmode="group")
    return fig


# --- counts ------------------------------------------------------------------


def plot_counts(count_table: pd.DataFrame, dimension: str, title: str | None = None, top: int | None = 25) -> go.Figure:
    """Horizontal bars of :func:`analysis.metrics.counts.count_by` output, largest on top.

    Bars of categories and weapons take their fixed colour; ``top`` keeps
    the first rows only (the table is already sorted).
    """
    data = count_table if top is None else count_table.iloc[:top]
    labels = [escape_text(schema.value_label(dimension, v)) for v in data[dimension]]
    fig = go.Figure(
        go.Bar(
            x=data["incidents"],
            y=labels,
            orientation="h",
            marker_color=[EMPTY_COLOR if str(v).startswith("(") else pick_color(dimension, v) for v in data[dimension]],
            text=[f"{n} ({format_share(s)})" for n, s in zip(data["incidents"], data["share"])],
            textposition="auto",
            hovertext=[
                f"{lab}<br>incidents: {n}<br>share: {format_share(s, 1)}"
                for lab, n, s in zip(labels, data["incidents"], data["share"])
            ],
            hoverinfo="text",
            showlegend=False,
        )
    )
    title = title or f"Incidents by {dimension.replace('_', ' ')}"
    height = max(HEIGHT, 120 + 26 * len(data))
    style_figure(fig, title, "Incidents", dimension.replace("_", " ").capitalize(), height=height)
    fig.update_yaxes(autorange="reversed", type="category")
    set_integer_axis(fig, "x", int(data["incidents"].max()) if len(data) else 0)
    return fig


# --- map ---------------------------------------------------------------------


def _outline_trace(outlines: dict) -> go.Scatter:
    """Every ring of every country as one line trace, rings separated by gaps (NaN)."""
    parts = []
    for country in sorted(outlines):
        for ring in outlines[country]:
            parts.append(np.asarray(ring, dtype="float64").reshape(-1, 2))
            parts.append(np.full((1, 2), np.nan))
    xy = np.concatenate(parts) if parts else np.empty((0, 2))
    return go.Scatter(
        x=xy[:, 0],
        y=xy[:, 1],
        mode="lines",
        line={"color": OUTLINE_COLOR, "width": 1},
        hoverinfo="skip",
        showlegend=False,
        name="borders",
        connectgaps=False,
    )


def _incident_line(row) -> str:
    parts = [
        f"{schema.MEASURE_LABELS[m]} {format_range(getattr(row, m + '_min'), getattr(row, m + '_max'))}"
        for m in ("us_killed", "us_injured", "other_killed")
    ]
    return f"{escape_text(row.incident_id)} · {format_day(row.event_date)} · " + ", ".join(parts)


def _deaths_text(deaths: int, with_figure: int, incidents: int) -> str:
    """The deaths line of a map tooltip: unknown stays unknown.

    >>> _deaths_text(0, 0, 2)
    '<br>deaths: unknown (no source gives a figure)'
    >>> _deaths_text(5, 1, 3)
    '<br>deaths: at least 5 (figures for 1 of 3 incidents)'
    """
    if with_figure == 0:
        return "<br>deaths: unknown (no source gives a figure)"
    if with_figure < incidents:
        return f"<br>deaths: at least {deaths} (figures for {with_figure} of {incidents} incidents)"
    return f"<br>deaths: {deaths}"


def plot_incident_map(
    df: pd.DataFrame,
    outlines: dict | None = None,
    title: str = "Where the incidents happened",
    hover_incidents: int = 5,
) -> go.Figure:
    """Incidents on a plain lon/lat plot with country outlines, no network needed.

    Incidents are grouped by place and category: one marker each, coloured
    by category, its area growing with the deaths at that place (per
    incident ``fatalities``, else US plus others killed, each its max or
    else its min, else 0).  Hover text names the place, country,
    number of incidents, date span, deaths, and up to ``hover_incidents``
    incidents (id, date, casualty ranges).  ``outlines`` is
    ``{country: [[(lon, lat), ...], ...]}``; ``None`` loads
    :func:`analysis.data.geo.load_country_outlines`.
    """
    if outlines is None:
        from analysis.data.geo import load_country_outlines

        outlines = load_country_outlines()
    fig = go.Figure()
    fig.add_trace(_outline_trace(outlines))
    lon_all, lat_all = [], []
    if len(df):
        g = aggregate_places(df, hover_incidents)
        lines: dict[int, list[str]] = {}
        for grp, row in zip(g["sample_group"], df.iloc[g["sample_rows"]].itertuples(index=False)):
            lines.setdefault(int(grp), []).append(_incident_line(row))
        lon, lat, place, country, category = g["lon"], g["lat"], g["place"], g["country"], g["category"]
        n_incidents, deaths, first_day, last_day = g["incidents"], g["deaths"], g["first_day"], g["last_day"]
        max_deaths = deaths.max() if len(deaths) else 0.0
        size = 7 + (26 * np.sqrt(deaths / max_deaths) if max_deaths > 0 else 0 * deaths)
        lon_all, lat_all = list(lon), list(lat)
        for c in list(schema.CATEGORIES) + [schema.NOT_STATED]:
            idx = np.flatnonzero(category == c)
            if len(idx) == 0:
                continue
            hover = []
            category_label = escape_text(schema.value_label("category", c))
            for i in idx:
                head = (
                    f"<b>{escape_text(place[i])}</b> ({escape_text(country[i])})<br>{category_label}: "
                    f"{n_incidents[i]} incident{'s' if n_incidents[i] != 1 else ''}, "
                    f"{format_day(np.datetime64(int(first_day[i]), 'D'))} to "
                    f"{format_day(np.datetime64(int(last_day[i]), 'D'))}"
                    + _deaths_text(int(deaths[i]), int(g["incidents_with_deaths"][i]), int(n_incidents[i]))
                )
                more = n_incidents[i] - len(lines.get(int(i), []))
                body = "<br>".join(lines.get(int(i), []))
                hover.append(head + "<br>" + body + (f"<br>… and {more} more" if more > 0 else ""))
            fig.add_trace(
                go.Scatter(
                    x=lon[idx],
                    y=lat[idx],
                    mode="markers",
                    name=category_label,
                    marker={
                        "size": size[idx],
                        "color": CATEGORY_COLORS.get(c, NEUTRAL_COLOR),
                        "opacity": 0.75,
                        "line": {"color": "white", "width": 0.8},
                    },
                    hovertext=hover,
                    hoverinfo="text",
                )
            )
    style_figure(fig, title, "Longitude", "Latitude", height=MAP_HEIGHT)
    x_range, y_range = _map_ranges(lon_all, lat_all, outlines)
    mid_lat = (y_range[0] + y_range[1]) / 2
    fig.update_xaxes(range=x_range, showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(
        range=y_range,
        showgrid=False,
        zeroline=False,
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(mid_lat)),
        constrain="domain",
    )
    return fig


def _map_ranges(lons: list, lats: list, outlines: dict) -> tuple[list[float], list[float]]:
    """Axis ranges: the incidents with a margin (at least 6 degrees wide), else the outlines."""
    if lons:
        x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    else:
        pts = [p for rings in outlines.values() for ring in rings for p in ring]
        if not pts:
            return [34.0, 50.0], [28.0, 38.0]
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_x = max((x1 - x0) / 2 + 1.0, 3.0)
    half_y = max((y1 - y0) / 2 + 1.0, 3.0)
    return [round(cx - half_x, 4), round(cx + half_x, 4)], [round(cy - half_y, 4), round(cy + half_y, 4)]


# --- showing a figure in a notebook and in the HTML report ----------------


def make_div_id(name: str) -> str:
    """Turn a chart name into a stable, valid HTML id.

    >>> make_div_id("Attacks per week / category")
    'chart-attacks-per-week-category'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"chart-{slug or 'figure'}"


FIGURE_CONFIG: dict = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}
"""plotly.js options: no logo link, no button that sends the chart off the machine."""


def build_figure_bundle(fig: go.Figure, name: str) -> dict:
    """Return the mimebundle that :func:`show_figure` displays.

    Keys: the plotly JSON mimetype, ``text/html`` and ``text/plain``.
    """
    div_id = make_div_id(name)
    fig_json = json.loads(fig.to_json(validate=False, engine="json"))
    chart_html = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={**FIGURE_CONFIG, "responsive": True},
    )
    return {
        _PLOTLY_MIME: {
            "data": fig_json.get("data", []),
            "layout": fig_json.get("layout", {}),
            "config": FIGURE_CONFIG,
        },
        "text/html": f'<div class="report-figure">{chart_html}</div>',
        "text/plain": f"<figure {div_id}>",
    }


def show_figure(fig: go.Figure, name: str) -> None:
    """Display ``fig`` for JupyterLab and for the HTML report alike."""
    display(build_figure_bundle(fig, name), raw=True)
