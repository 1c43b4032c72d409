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
from analysis.metrics.members import sample_members
from analysis.metrics.places import aggregate_places, find_country_only
from analysis.reporting.formatting import format_day, format_period, format_range, format_share
from analysis.reporting.links import format_incident_link

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


CONTEXT_PLOT_PX = 300
"""Numbered context markers are spaced for a plot this wide (a 390 px phone), so they never overlap."""
CONTEXT_CHAR_PX = 7.5  # width of one character of a marker's number, border included


def _context_date_text(date, precision) -> str:
    """A context event's date as precise as it is known.

    >>> _context_date_text(pd.Timestamp("2024-02-01"), "month"), _context_date_text(pd.Timestamp("2023-01-01"), "year")
    ('Feb 2024', '2023')
    """
    precision = "" if precision is None or (not isinstance(precision, str) and pd.isna(precision)) else str(precision)
    if precision == "year":
        return pd.Timestamp(date).strftime("%Y")
    if precision == "month":
        return pd.Timestamp(date).strftime("%b %Y")
    if precision == "week":
        return f"week of {format_day(date)}"
    return format_day(date)


def _number_label(first: int, last: int) -> str:
    """The text of a marker standing for context events ``first`` to ``last``.

    >>> _number_label(3, 3), _number_label(1, 2), _number_label(6, 13)
    ('3', '1,2', '6–13')
    """
    if first == last:
        return str(first)
    return f"{first},{last}" if last == first + 1 else f"{first}\u2013{last}"


def _cluster_dates(dates: pd.Series, first, last, plot_px: float = CONTEXT_PLOT_PX) -> list[int]:
    """Cluster number of each (sorted) date: an event whose numbered marker would overlap the
    previous marker on a plot ``plot_px`` wide joins that marker ("6–9") instead.

    >>> d = pd.to_datetime(pd.Series(["2024-01-01", "2024-01-02", "2024-02-15", "2024-06-01"]))
    >>> _cluster_dates(d, "2024-01-01", "2024-12-31")
    [0, 0, 1, 2]
    """
    if len(dates) == 0:
        return []
    start = pd.Timestamp(first) if first is not None else dates.min()
    end = pd.Timestamp(last) if last is not None else dates.max()
    px_per_day = plot_px / max((end - start).days, 1)
    clusters: list[int] = []
    anchor_px, right_px, first_number = None, None, 1
    for number, date in enumerate(dates, start=1):
        x = (date - start).days * px_per_day
        half = (len(str(number)) * CONTEXT_CHAR_PX + 8) / 2
        if right_px is not None and x - half < right_px + 2:
            width = len(_number_label(first_number, number)) * CONTEXT_CHAR_PX + 8
            right_px = anchor_px + width / 2
            clusters.append(clusters[-1])
            continue
        anchor_px, right_px, first_number = x, x + half, number
        clusters.append(clusters[-1] + 1 if clusters else 0)
    return clusters


def _add_context(fig: go.Figure, context: pd.DataFrame | None, first, last) -> None:
    """Context events as dotted vertical lines with numbered markers along the top of the plot.

    The numbered list itself (date, label, description) goes to ``fig.layout.meta["context"]``
    (text already escaped); :func:`build_figure_bundle` shows it under the chart, where it
    stays readable in print.
    """
    if context is None or len(context) == 0:
        return
    dates = pd.to_datetime(context["date"])
    keep = (dates >= pd.Timestamp(first)) & (dates <= pd.Timestamp(last)) if first is not None else dates.notna()
    ctx = (
        context.loc[keep.to_numpy(dtype=bool, na_value=False)]
        .assign(plot_date=dates[keep])
        .sort_values("plot_date", kind="stable")
        .reset_index(drop=True)
    )
    if ctx.empty:
        return
    entries = []
    for number, row in enumerate(ctx.itertuples(index=False), start=1):
        entries.append(
            {
                "number": number,
                "date": escape_text(_context_date_text(row.plot_date, getattr(row, "date_precision", None))),
                "label": escape_text(str(row.label)),
                "description": escape_text(getattr(row, "description", "") or ""),
            }
        )
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": format_day(d),
            "x1": format_day(d),
            "y0": 0,
            "y1": 1,
            "line": {"color": "#555555", "width": 1, "dash": "dot"},
            "layer": "below",
        }
        for d in ctx["plot_date"]
    ]
    annotations = []
    clusters = _cluster_dates(ctx["plot_date"], first, last)
    for cluster in sorted(set(clusters)):
        members = [i for i, c in enumerate(clusters) if c == cluster]
        annotations.append(
            {
                "x": format_day(ctx["plot_date"].iloc[members[0]]),
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "yshift": 4,
                "text": _number_label(entries[members[0]]["number"], entries[members[-1]]["number"]),
                "showarrow": False,
                "font": {"size": 11, "color": "#333333"},
                "bgcolor": "#FFFFFF",
                "bordercolor": "#555555",
                "borderwidth": 1,
                "borderpad": 2,
                "hovertext": "<br>".join(
                    f"{entries[i]['number']}. {entries[i]['date']}: {entries[i]['label']}"
                    + (f"<br>{entries[i]['description']}" if entries[i]["description"] else "")
                    for i in members
                ),
            }
        )
    fig.update_layout(shapes=shapes, annotations=annotations, margin={"t": 90})
    _add_meta(fig, context=entries)


def _add_meta(fig: go.Figure, **items) -> None:
    """Merge ``items`` into ``fig.layout.meta`` (a dict): what the report shows under the chart."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    for key, value in items.items():
        meta[key] = list(meta.get(key, [])) + list(value) if isinstance(value, list) else value
    fig.update_layout(meta=meta)


# --- which incidents a mark stands for ---------------------------------------

HOVER_INCIDENTS = 10
"""Most incidents a tooltip names (then "and N more"); their cards are one click away."""
HOVER_INCIDENTS_PER_CHART = 600
"""Most incidents a chart of many bars names in all, so its weight does not grow with the data's span."""


def find_hover_limit(bars: int) -> int:
    """Incidents each of ``bars`` bars names: :data:`HOVER_INCIDENTS`, fewer (at least 1) when the
    chart has so many bars that it would name more than :data:`HOVER_INCIDENTS_PER_CHART`.

    >>> find_hover_limit(20), find_hover_limit(300), find_hover_limit(5000)
    (10, 2, 1)
    """
    return max(1, min(HOVER_INCIDENTS, HOVER_INCIDENTS_PER_CHART // max(bars, 1)))


def _incident_label(row) -> str:
    """Id, date and place of an incident for a tooltip (escaped)."""
    place = row.location if isinstance(row.location, str) and row.location else row.country
    place = place if isinstance(place, str) and place else "place unknown"
    return f"{escape_text(row.incident_id)} · {format_day(row.event_date)} · {escape_text(place)}"


def describe_members(
    incidents: pd.DataFrame, members: pd.DataFrame, keys: list[str], card_hrefs: pd.Series | None = None
) -> dict[tuple, tuple[list[str], list[str]]]:
    """Tooltip lines and card hrefs of the incidents behind each group of ``members``
    (:func:`analysis.metrics.members.sample_members` output), keyed by the values of ``keys``."""
    if members.empty:
        return {}
    rows = incidents.iloc[members["row"].to_numpy()]
    labels = [_incident_label(r) for r in rows[["incident_id", "event_date", "location", "country"]].itertuples()]
    ids = members["incident_id"].astype(str)
    hrefs = card_hrefs.reindex(ids).fillna("").astype(str).tolist() if card_hrefs is not None else [""] * len(members)
    out: dict[tuple, tuple[list[str], list[str]]] = {}
    group_values = [members[k].tolist() for k in keys]
    for i, (label, href) in enumerate(zip(labels, hrefs)):
        key = tuple(_key_text(v[i]) for v in group_values)
        lines, links = out.setdefault(key, ([], []))
        lines.append(label)
        if href:
            links.append(href)
    return out


def _key_text(value) -> str:
    if isinstance(value, pd.Timestamp | np.datetime64):
        return format_day(value)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _member_text(lines: list[str], total: int) -> str:
    """The incidents part of a tooltip: up to :data:`HOVER_INCIDENTS` lines, then "and N more".

    >>> _member_text(["A · 2024-01-02 · Base"], 3)
    '<br>A · 2024-01-02 · Base<br>… and 2 more'
    """
    if not lines:
        return ""
    more = total - len(lines)
    return "<br>" + "<br>".join(lines) + (f"<br>… and {more} more" if more > 0 else "")


def _card_data(links: list[str], total: int) -> list:
    """``customdata`` of a mark: its cards' hrefs (space-separated) and how many incidents are not listed."""
    return [" ".join(links), max(int(total) - len(links), 0)]


def _infer_freq(periods: pd.Series) -> str:
    """The period of a column of period starts: month, week or day.

    >>> _infer_freq(pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"])))
    'month'
    >>> _infer_freq(pd.Series(pd.to_datetime(["2024-01-01", "2024-01-08"])))
    'week'
    """
    starts = pd.Series(pd.to_datetime(periods).unique()).sort_values()
    if len(starts) > 1:
        step = (starts.iloc[1] - starts.iloc[0]).days
        if step >= 28:
            return "month"
        if step == 7:
            return "week"
        return "day"
    if len(starts) == 1 and starts.iloc[0].day == 1:
        return "month"
    return "week"


def plot_frequency_timeline(
    counts_by_period: pd.DataFrame,
    stack: str | None = "category",
    context: pd.DataFrame | None = None,
    title: str = "Incidents per period",
    period_label: str = "Period",
    incidents: pd.DataFrame | None = None,
    card_hrefs: pd.Series | None = None,
    freq: str | None = None,
) -> go.Figure:
    """Bars of incidents per period, stacked by ``stack`` (``"category"`` or ``"weapon"``).

    ``counts_by_period`` is :func:`analysis.metrics.frequency.count_per_period` output
    (with ``by=stack``; without that column the bars are not stacked).
    ``context`` (columns ``date``, ``label``, optional ``description`` and
    ``date_precision``, as in ``context.csv``) adds a dotted line and a numbered
    marker per development inside the plotted span, listed under the chart.
    With ``incidents`` (the frame counted), each bar's tooltip names its
    incidents and, with ``card_hrefs`` (:func:`analysis.reporting.links.build_card_hrefs`),
    its ``customdata`` carries their cards for the click script.
    ``freq`` is the period of the counts (inferred from the periods when not given).
    """
    fig = go.Figure()
    data = counts_by_period
    freq = freq or (period_label.lower() if period_label.lower() in schema.FREQUENCIES else None)
    freq = freq or (_infer_freq(data["period"]) if len(data) else "week")
    stacked = stack is not None and stack in data.columns
    described = {}
    if incidents is not None and len(incidents):
        bars = int((data["incidents"].fillna(0) > 0).sum())
        limit = find_hover_limit(bars)
        members = sample_members(incidents, by=stack if stacked else None, freq=freq, limit=limit)
        described = describe_members(incidents, members, ["period", "key"] if stacked else ["period"], card_hrefs)
    groups = (
        [(lv, data.loc[(data[stack].astype(str) == lv).to_numpy()]) for lv in _ordered_levels(data[stack], stack)]
        if stacked
        else [(None, data)]
    )
    for level, part in groups:
        name = escape_text(schema.value_label(stack, level)) if level is not None else "incidents"
        hover, custom = [], []
        for p, n in zip(part["period"], part["incidents"]):
            key = (format_day(p), level) if level is not None else (format_day(p),)
            if pd.isna(n):  # a period the data does not cover: no bar, no count
                hover.append(f"{format_period(p, freq)}<br>{NOT_COVERED}")
                custom.append(_card_data([], 0))
                continue
            lines, links = described.get(key, ([], []))
            hover.append(
                f"{format_period(p, freq)}<br>{name}: {n} incident{'s' if n != 1 else ''}" + _member_text(lines, n)
            )
            custom.append(_card_data(links, n))
        fig.add_trace(
            go.Bar(
                x=part["period"],
                y=part["incidents"],
                name=name,
                marker_color=pick_color(stack, level) if level is not None else NEUTRAL_COLOR,
                hovertext=hover,
                hoverinfo="text",
                customdata=custom,
                showlegend=level is not None,
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
    >>> set_integer_axis(fig, "x2", 40); fig.layout.xaxis2.tickformat
    ',d'
    """
    settings = {"rangemode": "tozero", "tickformat": ",d"}
    if max_value <= 10:
        settings.update(dtick=1, tick0=0, range=[0, max(max_value, 1) * 1.05])
    fig.update_layout({f"{axis[0]}axis{axis[1:]}": settings})


# --- casualties --------------------------------------------------------------


def _group_labels(tally: pd.DataFrame, keys: list[str]) -> list[str]:
    if not keys:
        return ["all"] * len(tally)
    labels = []
    for values in zip(*(tally[k] for k in keys)):
        parts = []
        for k, v in zip(keys, values):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                parts.append(schema.NOT_STATED)
            elif isinstance(v, pd.Timestamp):
                parts.append(format_day(v))
            else:
                parts.append(schema.value_label(k, v))
        labels.append(" / ".join(parts))
    return labels


US_MEASURES = ("us_killed", "us_injured")
OTHER_MEASURES = ("other_killed", "other_injured")
LOG_SPREAD = 100
"""A people axis turns logarithmic when its largest figure is this many times its smallest non-zero one."""
UNKNOWN_COLOR = "#8A8A8A"


def _figure_known(incidents: pd.DataFrame, measure: str) -> np.ndarray:
    """True where an incident gives any figure (min, max or best) for ``measure``."""
    known = np.zeros(len(incidents), dtype=bool)
    for suffix in ("min", "max", "best"):
        column = f"{measure}_{suffix}"
        if column in incidents.columns:
            known |= incidents[column].notna().to_numpy()
    return known


class _CasualtyMembers:
    """The incidents behind each row of a casualty chart, found with integer codes (cheap at a million rows)."""

    def __init__(self, incidents: pd.DataFrame | None, keys: list[str], card_hrefs: pd.Series | None):
        self.incidents, self.keys, self.card_hrefs = incidents, keys, card_hrefs
        self.usable = incidents is not None and len(incidents) > 0 and all(k in incidents.columns for k in keys)
        self.codes: dict[str, tuple[np.ndarray, dict[str, int]]] = {}
        self.known: dict[str, np.ndarray] = {}
        if self.usable:
            for k in keys:
                codes, uniques = pd.factorize(incidents[k], use_na_sentinel=True)
                self.codes[k] = (codes, {str(u): i for i, u in enumerate(uniques)})
            self.days = incidents["event_date"].to_numpy(dtype="datetime64[D]").astype("int64")

    def _first(self, mask: np.ndarray) -> tuple[list[str], list[str]]:
        positions = np.flatnonzero(mask)
        rows = positions[np.argsort(self.days[positions], kind="stable")[:HOVER_INCIDENTS]]
        part = self.incidents.iloc[rows]
        ids = part["incident_id"].astype("string").to_numpy()
        members = pd.DataFrame({"incident_id": ids, "row": np.arange(len(rows))})
        return describe_members(part, members, [], self.card_hrefs).get((), ([], []))

    def find(self, tally_row, measure: str) -> tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]]:
        """(lines, hrefs) of the incidents with a figure and of those without, for one row of a tally."""
        if not self.usable:
            return ([], []), ([], [])
        in_group = np.ones(len(self.incidents), dtype=bool)
        for k in self.keys:
            value = getattr(tally_row, k)
            codes, lookup = self.codes[k]
            missing = value is None or (not isinstance(value, str) and pd.isna(value))
            in_group &= codes == (-1 if missing else lookup.get(str(value), -2))
        if measure not in self.known:
            self.known[measure] = _figure_known(self.incidents, measure)
        known = self.known[measure]
        with_figure, without = in_group & known, in_group & ~known
        return self._first(with_figure), self._first(without)


def plot_casualty_ranges(
    tally: pd.DataFrame,
    measures=schema.CASUALTY_PREFIXES,
    title: str = "Killed and injured (range of reported figures)",
    incidents: pd.DataFrame | None = None,
    card_hrefs: pd.Series | None = None,
    log_axis: bool | None = None,
) -> go.Figure:
    """Each figure as a range from its lowest to its highest reported value, in two panels.

    ``tally`` is :func:`analysis.metrics.casualties.tally_casualties` output;
    one row of the chart per group and measure (fixed colours). Left panel,
    people: an error bar from low to high with the best estimate as a diamond
    when given (a dot when low equals high); an open-ended figure ("at least
    N") is a dashed line from N ending in an arrow, labelled ``≥N``; a row with
    no figure at all reads "unknown" (never a 0). Right panel: the incidents
    whose figure no source gives, a grey bar labelled "N unknown".

    ``log_axis`` None chooses a logarithmic people axis when the largest figure
    is :data:`LOG_SPREAD` times the smallest non-zero one, and says so in a note
    under the chart (``fig.layout.meta["notes"]``). With ``incidents`` (the
    frame tallied), each mark's tooltip names its incidents and its
    ``customdata`` carries their cards (``card_hrefs``).
    """
    keys = group_columns(tally)
    fig = go.Figure()
    present = [m for m in measures if (tally["measure"] == m).any()]
    parts = [
        (m, tally.loc[(tally["measure"] == m).to_numpy(dtype=bool, na_value=False)].reset_index(drop=True))
        for m in present
    ]
    rows: list[str] = []
    for m, part in parts:
        name = schema.MEASURE_LABELS.get(m, escape_text(m))
        if keys:
            rows += [f"{escape_text(g)} · {escape_text(name)}" for g in _group_labels(part, keys)]
        else:
            rows.append(escape_text(name).rsplit(" ", 1)[0] + "<br>" + escape_text(name).rsplit(" ", 1)[-1])
    values = [
        float(v)
        for _, part in parts
        for col in ("low", "best", "high")
        for v in part[col].to_numpy(dtype="float64", na_value=np.nan)
        if not np.isnan(v)
    ]
    positive = [v for v in values if v > 0]
    top = max(values) if values else 0.0
    if log_axis is None:
        log_axis = bool(positive) and max(positive) >= LOG_SPREAD * min(positive)
    floor = 0.5 if log_axis else 0.0

    def open_end(low: float) -> float:
        return max(low, 1.0) * 2.5 if log_axis else low + max(top, 1.0) * 0.3

    axis_top = max([top] + [open_end(float(v)) for _, p in parts for v in p.loc[p["high_open"], "low"].dropna()])
    members = _CasualtyMembers(incidents, keys, card_hrefs)
    row_index = 0
    unknown_x, unknown_y, unknown_text, unknown_hover, unknown_custom = [], [], [], [], []
    for m, part in parts:
        name = schema.MEASURE_LABELS.get(m, escape_text(m))
        color = MEASURE_COLORS.get(m, NEUTRAL_COLOR)
        group_text = _group_labels(part, keys)
        xs, ys, minus, plus, symbols, texts, hover, custom = [], [], [], [], [], [], [], []
        none_y, none_hover, none_custom = [], [], []  # rows with no figure: the word "unknown", no mark at 0
        arrow_x, arrow_y = [], []
        for i, row in enumerate(part.itertuples(index=False)):
            y = rows[row_index + i]
            low, high, best = row.low, row.high, row.best
            (known_lines, known_links), (unknown_lines, unknown_links) = members.find(row, m)
            where = f"{escape_text(group_text[i])}<br>" if keys else ""
            n_fig, n_unknown = int(row.incidents_with_figure), int(row.incidents_unknown)
            unknown_x.append(n_unknown)
            unknown_y.append(y)
            unknown_text.append(f"{n_unknown} unknown")
            unknown_hover.append(
                f"{where}{name}: no source gives a figure for {n_unknown} of {int(row.incidents)} incident"
                f"{'s' if int(row.incidents) != 1 else ''}" + _member_text(unknown_lines, n_unknown)
            )
            unknown_custom.append(_card_data(unknown_links, n_unknown))
            if pd.isna(low):
                none_y.append(y)
                none_hover.append(
                    f"{where}{name}: unknown (no source gives a figure for any of its {int(row.incidents)} incident"
                    f"{'s' if int(row.incidents) != 1 else ''})" + _member_text(unknown_lines, n_unknown)
                )
                none_custom.append(_card_data(unknown_links, n_unknown))
                continue
            low = float(low)
            anchor = float(best) if not pd.isna(best) else low
            if row.high_open:
                end = open_end(low)
                arrow_x += [max(low, floor), end, None]
                arrow_y += [y, y, None]
                top_value = anchor
            else:
                top_value = float(high)
            shown = max(anchor, floor)
            xs.append(shown)
            ys.append(y)
            minus.append(shown - max(low, floor))
            plus.append(0.0 if row.high_open else max(top_value - shown, 0.0))
            symbols.append("diamond" if not pd.isna(best) else ("circle" if low == top_value else "line-ns-open"))
            label = format_range(low, np.nan if row.high_open else high)
            if not pd.isna(best) and float(best) not in (low, top_value):
                label = f"{label} (best {format_range(best, best)})"
            texts.append(label)
            hover.append(
                f"{where}{name}: {label}<br>{n_fig} incident{'s' if n_fig != 1 else ''} with a figure"
                + (f", {int(row.incidents_open)} of them open-ended" if row.incidents_open else "")
                + f"; {n_unknown} unknown"
                + _member_text(known_lines, n_fig)
            )
            custom.append(_card_data(known_links, n_fig))
        row_index += len(part)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers+text",
                name=name,
                marker={
                    "symbol": symbols,
                    "size": 12,
                    "color": color,
                    "line": {"color": color, "width": 2},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": plus,
                    "arrayminus": minus,
                    "color": color,
                    "thickness": 3,
                    "width": 7,
                },
                text=texts,
                textposition="top center",
                textfont={"size": 12, "color": color},
                cliponaxis=False,
                hovertext=hover,
                hoverinfo="text",
                customdata=custom,
                xaxis="x",
                yaxis="y",
            )
        )
        if none_y:
            fig.add_trace(
                go.Scatter(
                    x=[floor] * len(none_y),
                    y=none_y,
                    mode="text",
                    name=f"{name}: unknown",
                    text=["unknown"] * len(none_y),
                    textposition="middle right",
                    textfont={"size": 12, "color": color},
                    cliponaxis=False,
                    hovertext=none_hover,
                    hoverinfo="text",
                    customdata=none_custom,
                )
            )
        if arrow_x:
            fig.add_trace(
                go.Scatter(
                    x=arrow_x,
                    y=arrow_y,
                    mode="lines+markers",
                    name=f"{name}: no upper bound",
                    line={"color": color, "width": 3, "dash": "dash"},
                    marker={"symbol": ["line-ns", "triangle-right", "line-ns"] * (len(arrow_x) // 3), "size": 12},
                    hoverinfo="skip",
                    showlegend=False,
                    connectgaps=False,
                )
            )
    if rows:
        fig.add_trace(
            go.Bar(
                x=unknown_x,
                y=unknown_y,
                orientation="h",
                name="incidents with no figure",
                marker={"color": UNKNOWN_COLOR, "pattern": {"shape": "/", "fgcolor": "#FFFFFF"}},
                text=unknown_text,
                textposition="outside",
                textfont={"size": 10, "color": "#555555"},
                cliponaxis=False,
                hovertext=unknown_hover,
                hoverinfo="text",
                customdata=unknown_custom,
                xaxis="x2",
                yaxis="y",
                width=0.35,
                showlegend=False,
            )
        )
    height = max(280, 160 + 52 * len(rows))
    style_figure(fig, title, "People: lowest to highest figure", "", height=height)
    fig.update_layout(
        xaxis={"domain": [0, 0.7], "title": {"font": {"size": 12}}},
        xaxis2={
            "domain": [0.78, 1],
            "anchor": "y",
            "title": {"text": "Incidents with<br>no figure", "font": {"size": 12}},
            "showgrid": False,
            "showticklabels": False,
        },
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows[::-1], "automargin": True},
        showlegend=False,
        margin={"l": 20, "r": 50, "t": 60, "b": 60},
    )
    max_unknown = max(unknown_x) if unknown_x else 0
    set_integer_axis(fig, "x2", max_unknown)
    x2_top = max(max_unknown, 1) * 2.4
    fig.update_layout(xaxis2={"range": [0, x2_top], "dtick": max(1, math.ceil(x2_top / 3))})
    if log_axis:
        fig.update_layout(
            xaxis={
                "type": "log",
                "range": [math.log10(floor) - 0.05, math.log10(max(axis_top, 1.0)) + 0.15],
                "dtick": 1,
                "tickformat": ",d",
                "title": {"text": "People (log scale): lowest to highest figure", "font": {"size": 12}},
            }
        )
        _add_meta(
            fig,
            notes=[
                "The people axis is logarithmic (1, 10, 100, 1,000: each step ten times the last), so the largest "
                f"figure ({int(top):,}) does not flatten the small ones; "
                "a figure of 0 sits at the left edge."
            ],
        )
    else:
        set_integer_axis(fig, "x", int(math.ceil(axis_top)))
        fig.update_layout(xaxis={"range": [0, max(axis_top, 1.0) * 1.15]})
    return fig


def plot_us_casualties(
    tally: pd.DataFrame, incidents: pd.DataFrame | None = None, card_hrefs: pd.Series | None = None
) -> go.Figure:
    """US personnel killed and injured (:func:`plot_casualty_ranges` of the US measures), on their own scale."""
    return plot_casualty_ranges(
        tally,
        measures=US_MEASURES,
        title="US personnel killed and injured",
        incidents=incidents,
        card_hrefs=card_hrefs,
    )


def plot_other_casualties(
    tally: pd.DataFrame, incidents: pd.DataFrame | None = None, card_hrefs: pd.Series | None = None
) -> go.Figure:
    """Everyone else killed and injured (:func:`plot_casualty_ranges` of the other measures).

    A logarithmic axis when one figure (7 October's ~1,200 killed) dwarfs the rest; the note under the chart says so.
    """
    return plot_casualty_ranges(
        tally,
        measures=OTHER_MEASURES,
        title="Others killed and injured",
        incidents=incidents,
        card_hrefs=card_hrefs,
    )


# --- counts ------------------------------------------------------------------


def plot_counts(
    count_table: pd.DataFrame,
    dimension: str,
    title: str | None = None,
    top: int | None = 25,
    incidents: pd.DataFrame | None = None,
    card_hrefs: pd.Series | None = None,
) -> go.Figure:
    """Horizontal bars of :func:`analysis.metrics.counts.count_by` output, largest on top.

    Bars of categories and weapons take their fixed colour; ``top`` keeps
    the first rows only (the table is already sorted). With ``incidents``
    (the frame counted), each bar's tooltip names its incidents and its
    ``customdata`` carries their cards (``card_hrefs``).
    """
    data = count_table if top is None else count_table.iloc[:top]
    labels = [escape_text(schema.value_label(dimension, v)) for v in data[dimension]]
    described = {}
    if incidents is not None and len(incidents):
        empty_label = schema.UNCLAIMED if dimension == "claimed_by" else schema.NOT_STATED
        named = incidents.assign(_value=incidents[dimension].astype("string").fillna(empty_label))
        members = sample_members(named, by="_value", limit=HOVER_INCIDENTS)
        described = describe_members(named, members, ["key"], card_hrefs)
    members = [described.get((str(v),), ([], [])) for v in data[dimension]]
    fig = go.Figure(
        go.Bar(
            x=data["incidents"],
            y=labels,
            orientation="h",
            marker_color=[EMPTY_COLOR if str(v).startswith("(") else pick_color(dimension, v) for v in data[dimension]],
            text=[f"{n} ({format_share(s)})" for n, s in zip(data["incidents"], data["share"])],
            textposition="auto",
            hovertext=[
                f"{lab}<br>incidents: {n}<br>share: {format_share(s, 1)}" + _member_text(lines, n)
                for lab, n, s, (lines, _) in zip(labels, data["incidents"], data["share"], members)
            ],
            hoverinfo="text",
            customdata=[_card_data(links, n) for n, (_, links) in zip(data["incidents"], members)],
            showlegend=False,
        )
    )
    plain = dimension.replace("_", " ")
    title = title or f"Incidents by {plain}"
    height = max(HEIGHT, 120 + 26 * len(data))
    style_figure(fig, title, "Incidents", plain.capitalize(), height=height)
    fig.update_yaxes(autorange="reversed", type="category")
    set_integer_axis(fig, "x", int(data["incidents"].max()) if len(data) else 0)
    return fig


# --- map ---------------------------------------------------------------------


def _outline_trace(outlines: dict) -> go.Scatter:
    """Every ring of every country as one line trace, rings separated by gaps (NaN), as float32."""
    parts = []
    for country in sorted(outlines):
        for ring in outlines[country]:
            parts.append(np.asarray(ring, dtype="float64").reshape(-1, 2))
            parts.append(np.full((1, 2), np.nan))
    # float32 (about 1 m at these latitudes) halves the outlines' weight in every report with a map
    xy = (np.concatenate(parts) if parts else np.empty((0, 2))).astype("float32")
    return go.Scatter(
        x=np.ascontiguousarray(xy[:, 0]),
        y=np.ascontiguousarray(xy[:, 1]),
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


GEO_PRECISION_STYLES: dict[int, tuple[str, str]] = {
    1: ("the site itself", "filled circle"),
    2: ("a nearby town or part of a region", "hollow circle"),
    3: ("a region or province", "pale disc"),
}
"""How sure a point's place is (``geo_precision``), and the marker that says it."""
MARKER_MIN, MARKER_SPAN = 8.0, 30.0
LABEL_FONT_PX = 6.2  # rough width of one character of a 10 px label
LABEL_PLOT_PX = 300  # labels are spaced for a plot this wide (a 390 px phone)


def _marker_size(deaths, max_deaths: float):
    """Marker diameter in px: its area grows with the deaths (the smallest: none or unknown)."""
    deaths = np.asarray(deaths, dtype="float64")
    return MARKER_MIN + (MARKER_SPAN * np.sqrt(deaths / max_deaths) if max_deaths > 0 else 0 * deaths)


def _rgba(hex_color: str, alpha: float) -> str:
    """``#RRGGBB`` as an ``rgba()`` colour.

    >>> _rgba("#C0392B", 0.25)
    'rgba(192,57,43,0.25)'
    """
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _precision_marker(precision: float, color: str) -> dict:
    """Marker style of a geo precision (1 site, 2 nearby town, 3 region)."""
    if precision == 1:
        return {"color": color, "line": {"color": "#FFFFFF", "width": 1}}
    if precision == 2:
        return {"color": "rgba(255,255,255,0.7)", "line": {"color": color, "width": 2.5}}
    return {"color": _rgba(color, 0.25), "line": {"color": _rgba(color, 0.7), "width": 1}}


def _ring_centre(ring) -> tuple[float, float, float]:
    """Area-weighted centre and area of a ring of (lon, lat) points (shoelace formula)."""
    xy = np.asarray(ring, dtype="float64").reshape(-1, 2)
    x, y = xy[:, 0], xy[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return float(x.mean()), float(y.mean()), 0.0
    cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
    cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    return float(cx), float(cy), abs(float(area))


COUNTRY_LABEL_NUDGES = ((0, 0), (0, -1.0), (0, 1.0), (-1.5, 0), (1.5, 0), (0, -2.0), (0, 2.0))
"""Offsets (degrees) tried in turn for a country's name when a place name sits on its centre."""


def _label_box(x: float, y: float, text: str, x_range, centred_y: bool = False) -> tuple[float, ...]:
    """The box (x0, x1, y0, y1, in degrees) a label of ``text`` takes above (or around) a point."""
    px_per_degree = LABEL_PLOT_PX / max(x_range[1] - x_range[0], 1e-6)
    half, height = len(text) * LABEL_FONT_PX / 2 / px_per_degree, 14 / px_per_degree
    y0 = y - height / 2 if centred_y else y
    return (x - half, x + half, y0, y0 + height)


def _overlaps(box, boxes) -> bool:
    return any(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3] for b in boxes)


def _country_label_trace(outlines: dict, x_range, y_range, taken: list | None = None) -> go.Scatter:
    """Each country's name at the centre of its largest ring, when that lies on the map and
    does not overlap a place label (boxes in ``taken``)."""
    taken = list(taken or [])
    names, xs, ys = [], [], []
    for country in sorted(outlines):
        centres = [_ring_centre(r) for r in outlines[country] if len(r) > 2]
        if not centres:
            continue
        cx0, cy0, _ = max(centres, key=lambda c: c[2])
        for dx, dy in COUNTRY_LABEL_NUDGES:  # the centre, else a little off it, else no label
            cx, cy = cx0 + dx, cy0 + dy
            box = _label_box(cx, cy, country, x_range, centred_y=True)
            if x_range[0] < cx < x_range[1] and y_range[0] < cy < y_range[1] and not _overlaps(box, taken):
                taken.append(box)
                names.append(escape_text(country).upper())
                xs.append(cx)
                ys.append(cy)
                break
    return go.Scatter(
        x=xs,
        y=ys,
        mode="text",
        text=names,
        textfont={"size": 11, "color": "#9A9A9A"},
        hoverinfo="skip",
        showlegend=False,
        name="countries",
    )


def _pick_place_labels(lon, lat, names, weights, x_range) -> tuple[list[int], list]:
    """Places to label, most incidents first, skipping a label that would overlap one already placed
    on a plot :data:`LABEL_PLOT_PX` wide (so labels stay readable on a phone); and their boxes."""
    placed, boxes, seen = [], [], set()
    for i in sorted(range(len(names)), key=lambda i: (-weights[i], names[i])):
        box = _label_box(lon[i], lat[i], names[i], x_range)
        if names[i] in seen or _overlaps(box, boxes):
            continue
        seen.add(names[i])
        placed.append(i)
        boxes.append(box)
    return placed, boxes


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
    hrefs = card_hrefs.reindex(only["incident_id"].astype(str)) if card_hrefs is not None else None
    ids = only["incident_id"].astype(str).tolist()
    links = [
        format_incident_link(i, h) if hrefs is not None and isinstance(h, str) and h else html.escape(i)
        for i, h in zip(ids, hrefs.tolist() if hrefs is not None else [None] * len(ids))
    ]
    countries = only["country"].astype("string").fillna("country unknown").tolist()
    by_country: dict[str, list[str]] = {}
    for country, link in zip(countries, links):
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


def plot_incident_map(
    df: pd.DataFrame,
    outlines: dict | None = None,
    title: str = "Where the incidents happened",
    hover_incidents: int = HOVER_INCIDENTS,
    card_hrefs: pd.Series | None = None,
) -> go.Figure:
    """Incidents on a plain lon/lat plot with country outlines and place names, no network needed.

    Incidents are grouped by place and category: one marker each, coloured
    by category, its area growing with the deaths at that place (per
    incident ``fatalities``, else US plus others killed, each its max or
    else its min; unknown deaths add nothing and are said to be unknown),
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
    if outlines is None:
        from analysis.data.geo import load_country_outlines

        outlines = load_country_outlines()
    fig = go.Figure()
    fig.add_trace(_outline_trace(outlines))
    country_only = find_country_only(df) if len(df) else np.zeros(0, dtype=bool)
    drawn = df.loc[~country_only] if country_only.any() else df
    lon_all, lat_all, max_deaths, label_boxes = [], [], 0.0, []
    if len(drawn):
        g = aggregate_places(drawn, hover_incidents, sample_budget=HOVER_INCIDENTS_PER_CHART)
        lines: dict[int, list[str]] = {}
        links: dict[int, list[str]] = {}
        sampled = drawn.iloc[g["sample_rows"]]
        hrefs = (
            card_hrefs.reindex(sampled["incident_id"].astype(str)).fillna("").astype(str).tolist()
            if card_hrefs is not None
            else [""] * len(sampled)
        )
        for grp, row, href in zip(g["sample_group"], sampled.itertuples(index=False), hrefs):
            lines.setdefault(int(grp), []).append(_incident_line(row))
            if href:
                links.setdefault(int(grp), []).append(href)
        lon, lat, place, country, category = g["lon"], g["lat"], g["place"], g["country"], g["category"]
        n_incidents, deaths, first_day, last_day = g["incidents"], g["deaths"], g["first_day"], g["last_day"]
        precision = np.nan_to_num(g["geo_precision"], nan=3.0)
        max_deaths = float(deaths.max()) if len(deaths) else 0.0
        size = _marker_size(deaths, max_deaths)
        lon_all, lat_all = list(lon), list(lat)
        for c in list(schema.CATEGORIES) + [schema.NOT_STATED]:
            category_label = escape_text(schema.value_label("category", c))
            color = CATEGORY_COLORS.get(c, NEUTRAL_COLOR)
            for level in sorted(GEO_PRECISION_STYLES):
                idx = np.flatnonzero((category == c) & (np.minimum(precision, 3) == level))
                if len(idx) == 0:
                    continue
                hover = []
                for i in idx:
                    head = (
                        f"<b>{escape_text(place[i])}</b> ({escape_text(country[i])}; located to "
                        f"{GEO_PRECISION_STYLES[level][0]})<br>{category_label}: "
                        f"{n_incidents[i]} incident{'s' if n_incidents[i] != 1 else ''}, "
                        f"{format_day(np.datetime64(int(first_day[i]), 'D'))} to "
                        f"{format_day(np.datetime64(int(last_day[i]), 'D'))}"
                        + _deaths_text(int(deaths[i]), int(g["incidents_with_deaths"][i]), int(n_incidents[i]))
                    )
                    hover.append(head + _member_text(lines.get(int(i), []), int(n_incidents[i])))
                fig.add_trace(
                    go.Scatter(
                        x=lon[idx],
                        y=lat[idx],
                        mode="markers",
                        name=category_label,
                        legendgroup=c,
                        showlegend=False,
                        marker={"size": size[idx], **_precision_marker(level, color)},
                        hovertext=hover,
                        hoverinfo="text",
                        customdata=[_card_data(links.get(int(i), []), int(n_incidents[i])) for i in idx],
                    )
                )
        x_range, _ = _map_ranges(lon_all, lat_all, outlines)
        names = [str(p) for p in place]
        picked, label_boxes = _pick_place_labels(lon, lat, names, n_incidents, x_range)
        fig.add_trace(
            go.Scatter(
                x=lon[picked],
                y=lat[picked],
                mode="text",
                text=[escape_text(names[i]) for i in picked],
                textposition="top center",
                textfont={"size": 10, "color": "#333333"},
                cliponaxis=False,
                hoverinfo="skip",
                showlegend=False,
                name="places",
            )
        )
    _add_map_legend(fig, df)
    style_figure(fig, title, "Longitude", "Latitude", height=MAP_HEIGHT)
    x_range, y_range = _map_ranges(lon_all, lat_all, outlines)
    fig.add_trace(_country_label_trace(outlines, x_range, y_range, label_boxes))
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
    _add_size_legend(fig, max_deaths)
    fig.update_layout(legend={"y": -0.02, "yanchor": "top"}, margin={"l": 10, "r": 10, "b": 40})
    unplaced = describe_unplaced(df.loc[country_only], card_hrefs) if country_only.any() else ""
    if unplaced:
        _add_meta(fig, notes=[unplaced])
    return fig


def _add_map_legend(fig: go.Figure, df: pd.DataFrame) -> None:
    """Legend entries: the colour of each category present, then the marker of each geo precision."""
    present = {str(c) for c in df["category"].dropna().unique()} if len(df) else set()
    for c in [c for c in schema.CATEGORIES if c in present]:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=escape_text(schema.value_label("category", c)),
                marker={"size": 11, "color": CATEGORY_COLORS[c]},
                legendgroup="category",
                hoverinfo="skip",
            )
        )
    for level, (meaning, _) in GEO_PRECISION_STYLES.items():
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"place: {meaning}",
                marker={"size": 11, **_precision_marker(level, "#555555")},
                legendgroup="precision",
                hoverinfo="skip",
            )
        )


def _reference_deaths(max_deaths: float) -> list[int]:
    """Up to three round death counts for the size legend, the largest at most ``max_deaths``.

    >>> _reference_deaths(1221), _reference_deaths(7), _reference_deaths(0)
    ([10, 100, 1000], [1, 5], [])
    """
    if max_deaths < 1:
        return []
    steps = [1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000, 100000]
    fitting = [v for v in steps if v <= max_deaths]
    decades = [v for v in fitting if str(v).startswith("1")]
    pick = decades[-3:] if len(decades) >= 3 else fitting[-3:]
    return sorted(pick)


def _add_size_legend(fig: go.Figure, max_deaths: float) -> None:
    """Three reference circles in a strip under the map (their own axes): what a marker's size means."""
    values = _reference_deaths(max_deaths)
    xs = [0.06 + 0.22 * i for i in range(len(values))]
    labels = [f"{v:,}" for v in values]
    sizes = list(_marker_size(values, max_deaths))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[0.5] * len(xs),
            mode="markers+text",
            text=labels,
            textposition="middle right",
            textfont={"size": 11, "color": "#333333"},
            marker={"size": sizes, "color": "rgba(120,120,120,0.35)", "line": {"color": "#555555", "width": 1}},
            xaxis="x2",
            yaxis="y2",
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            name="circle size",
        )
    )
    fig.update_layout(
        xaxis2={"domain": [0, 1], "range": [0, 1], "visible": False, "fixedrange": True},
        yaxis2={"domain": [0, 0.1], "range": [0, 1], "visible": False, "fixedrange": True, "anchor": "x2"},
        annotations=list(fig.layout.annotations)
        + [
            {
                "text": "Circle area: deaths (smallest: none or unknown)",
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0.115,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        ],
    )


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


def build_notes_html(fig: go.Figure) -> str:
    """HTML under a chart from ``fig.layout.meta``: the numbered context list and the notes.

    Their text was escaped when the figure was built.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    parts = []
    context = meta.get("context") or []
    if context:
        items = "".join(
            f'<li value="{int(e["number"])}"><span class="context-date">{e["date"]}</span> {e["label"]}</li>'
            for e in context
        )
        parts.append(
            '<div class="chart-context"><p class="chart-context-title">Numbered markers on the chart '
            "(hover over a marker for the details):</p>"
            f"<ol>{items}</ol></div>"
        )
    for note in meta.get("notes") or []:
        parts.append(f'<p class="chart-note">{note}</p>')
    return "".join(parts)


def build_figure_bundle(fig: go.Figure, name: str) -> dict:
    """Return the mimebundle that :func:`show_figure` displays.

    Keys: the plotly JSON mimetype, ``text/html`` (the chart, then the
    numbered context list and the notes of :func:`build_notes_html`) and ``text/plain``.
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
        "text/html": f'<div class="report-figure">{chart_html}{build_notes_html(fig)}</div>',
        "text/plain": f"<figure {div_id}>",
    }


def show_figure(fig: go.Figure, name: str) -> None:
    """Display ``fig`` for JupyterLab and for the HTML report alike."""
    display(build_figure_bundle(fig, name), raw=True)
