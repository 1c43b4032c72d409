"""Context events (``context.csv``) on a time axis: dotted lines and numbered markers that never overlap.

:func:`add_context` draws them; the numbered list (date, label, description) goes to
``fig.layout.meta["context"]``, shown under the chart where it stays readable in print.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis.reporting.charts._show import add_meta
from analysis.reporting.charts._style import escape_text
from analysis.reporting.formatting import format_day
from analysis.vocabulary import is_missing

CONTEXT_PLOT_PX = 300
"""Numbered context markers are spaced for a plot this wide (a 390 px phone), so they never overlap."""
CONTEXT_CHAR_PX = 7.5  # width of one character of a marker's number, border included


def _format_context_date(date, precision) -> str:
    """A context event's date as precise as it is known.

    >>> _format_context_date(pd.Timestamp("2024-02-01"), "month")
    'Feb 2024'
    >>> _format_context_date(pd.Timestamp("2023-01-01"), "year")
    '2023'
    """
    precision = "" if is_missing(precision) else str(precision)
    if precision == "year":
        return pd.Timestamp(date).strftime("%Y")
    if precision == "month":
        return pd.Timestamp(date).strftime("%b %Y")
    if precision == "week":
        return f"week of {format_day(date)}"
    return format_day(date)


def _format_number_label(first: int, last: int) -> str:
    """The text of a marker standing for context events ``first`` to ``last``.

    >>> _format_number_label(3, 3), _format_number_label(1, 2), _format_number_label(6, 13)
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
            width = len(_format_number_label(first_number, number)) * CONTEXT_CHAR_PX + 8
            right_px = anchor_px + width / 2
            clusters.append(clusters[-1])
            continue
        anchor_px, right_px, first_number = x, x + half, number
        clusters.append(clusters[-1] + 1 if clusters else 0)
    return clusters


def _select_context(context: pd.DataFrame, first, last) -> pd.DataFrame:
    """The events inside ``first``..``last`` (all dated ones without a span), sorted, with ``plot_date``."""
    dates = pd.to_datetime(context["date"])
    keep = (dates >= pd.Timestamp(first)) & (dates <= pd.Timestamp(last)) if first is not None else dates.notna()
    return (
        context.loc[keep.to_numpy(dtype=bool, na_value=False)]
        .assign(plot_date=dates[keep])
        .sort_values("plot_date", kind="stable")
        .reset_index(drop=True)
    )


def _list_context_entries(ctx: pd.DataFrame) -> list[dict]:
    """The numbered list under the chart: ``number``, ``date``, ``label``, ``description`` (escaped)."""
    return [
        {
            "number": number,
            "date": escape_text(_format_context_date(row.plot_date, getattr(row, "date_precision", None))),
            "label": escape_text(str(row.label)),
            "description": escape_text(getattr(row, "description", "") or ""),
        }
        for number, row in enumerate(ctx.itertuples(index=False), start=1)
    ]


def _make_context_line(day) -> dict:
    """A dotted vertical line across the plot at ``day``."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": format_day(day),
        "x1": format_day(day),
        "y0": 0,
        "y1": 1,
        "line": {"color": "#555555", "width": 1, "dash": "dot"},
        "layer": "below",
    }


def _make_context_marker(day, entries: list[dict]) -> dict:
    """The numbered marker at ``day`` standing for ``entries``, their details in its hover text."""
    return {
        "x": format_day(day),
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "yanchor": "bottom",
        "yshift": 4,
        "text": _format_number_label(entries[0]["number"], entries[-1]["number"]),
        "showarrow": False,
        "font": {"size": 11, "color": "#333333"},
        "bgcolor": "#FFFFFF",
        "bordercolor": "#555555",
        "borderwidth": 1,
        "borderpad": 2,
        "hovertext": "<br>".join(
            f"{e['number']}. {e['date']}: {e['label']}" + (f"<br>{e['description']}" if e["description"] else "")
            for e in entries
        ),
    }


def add_context(fig: go.Figure, context: pd.DataFrame | None, first, last) -> None:
    """Context events as dotted vertical lines with numbered markers along the top of the plot.

    ``context`` has columns ``date``, ``label``, optional ``description`` and ``date_precision``;
    only the events from ``first`` to ``last`` are drawn. The numbered list itself goes to
    ``fig.layout.meta["context"]`` (text already escaped); :func:`build_figure_bundle` shows it
    under the chart, where it stays readable in print.
    """
    if context is None or len(context) == 0:
        return
    ctx = _select_context(context, first, last)
    if ctx.empty:
        return
    entries = _list_context_entries(ctx)
    shapes = [_make_context_line(d) for d in ctx["plot_date"]]
    clusters = _cluster_dates(ctx["plot_date"], first, last)
    annotations = []
    for cluster in sorted(set(clusters)):
        members = [i for i, c in enumerate(clusters) if c == cluster]
        annotations.append(_make_context_marker(ctx["plot_date"].iloc[members[0]], [entries[i] for i in members]))
    fig.update_layout(shapes=shapes, annotations=annotations, margin={"t": 90})
    add_meta(fig, context=entries)
