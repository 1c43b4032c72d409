"""Two or more datasets or selections side by side: grouped bars per period, each its own colour and coverage."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.frequency import COUNT_COLUMNS, NOT_COVERED
from analysis.reporting.charts._show import add_meta
from analysis.reporting.charts._style import escape_text, set_integer_axis, style_figure
from analysis.reporting.charts.timeline import _choose_freq
from analysis.reporting.formatting import format_day, format_period
from analysis.vocabulary import is_missing

COMPARISON_COLORS: tuple[str, ...] = ("#1F5FA8", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
"""One colour per compared series (Okabe-Ito), none of them a category's colour in the same order."""


def _check_counts(counts: Mapping[str, pd.DataFrame]) -> None:
    """Two to six count tables of :func:`count_per_period`, without ``by``; anything else raises ``ValueError``."""
    if not 2 <= len(counts) <= len(COMPARISON_COLORS):
        raise ValueError(
            f"plot_frequency_comparison: found {len(counts)} series, expected 2 to {len(COMPARISON_COLORS)} "
            "({name: count_per_period(...)})"
        )
    for name, data in counts.items():
        extra = [c for c in data.columns if c not in COUNT_COLUMNS]
        missing = [c for c in ("period", "incidents", "covered") if c not in data.columns]
        if extra or missing:
            found = f"column {extra[0]!r}" if extra else f"no column {missing[0]!r}"
            raise ValueError(
                f"plot_frequency_comparison: series {name!r}: found {found}, expected count_per_period output "
                "without by= (one row per period)"
            )


def _make_series_trace(name: str, data: pd.DataFrame, color: str, freq: str) -> go.Bar:
    """The bars of one series; a period its data does not cover has no bar and says so."""
    label = escape_text(name)
    hover = [
        f"{format_period(p, freq)}<br>{label}: "
        + (NOT_COVERED if is_missing(n) else f"{n} incident{'s' if n != 1 else ''}")
        for p, n in zip(data["period"], data["incidents"])
    ]
    return go.Bar(
        x=data["period"], y=data["incidents"], name=label, marker_color=color, hovertext=hover, hoverinfo="text"
    )


def _describe_series(name: str, data: pd.DataFrame, freq: str) -> str:
    """What one series holds, under the chart: its span, its incidents, the periods it does not cover."""
    if data.empty:
        return f"{name}: no period counted."
    uncovered = int(data["incidents"].isna().sum())  # not covered and nothing recorded: no count at all
    unit = schema.FREQUENCIES[freq].split(",")[0]
    text = (
        f"{name}: {len(data):,} {unit}s from {format_day(data['period'].min())}, "
        f"{int(data['incidents'].sum()):,} incidents"
    )
    if uncovered:
        text += f"; {uncovered:,} {unit}s outside its coverage have no bar ({NOT_COVERED}, not 0)"
    said = data.attrs.get("period")
    return text + (f" (period: {said})." if said else ".")


def plot_frequency_comparison(
    counts: Mapping[str, pd.DataFrame],
    title: str = "Incidents per period, compared",
    period_label: str = "Period",
    freq: str | None = None,
) -> go.Figure:
    """Grouped bars of incidents per period, one colour per dataset or selection.

    ``counts`` maps a name (the legend's) to :func:`analysis.metrics.frequency.count_per_period`
    output without ``by``, e.g. ``{"bundled": count_per_period(a, "month"),
    "import": count_per_period(b, "month")}``, counted over the same ``freq``.
    Each series keeps its own coverage claim: a period outside it with no
    incident has no bar and its tooltip says "none recorded — not a complete
    count", never 0; the notes under the chart (``fig.layout.meta["notes"]``)
    give each series' span, incidents and periods outside its claim. Two to six series; a table with a
    ``by`` column raises ``ValueError`` (compare totals, or plot each with
    :func:`plot_frequency_timeline`).
    """
    _check_counts(counts)
    frames = list(counts.values())
    freq = _choose_freq(pd.concat([f[["period"]] for f in frames], ignore_index=True), freq, period_label)
    fig = go.Figure()
    notes = []
    for (name, data), color in zip(counts.items(), COMPARISON_COLORS):
        fig.add_trace(_make_series_trace(str(name), data, color, freq))
        notes.append(escape_text(_describe_series(str(name), data, freq)))
    style_figure(fig, title, period_label, "Incidents")
    fig.update_layout(barmode="group", bargap=0.15, bargroupgap=0.05)
    top = max((int(f["incidents"].max()) for f in frames if f["incidents"].notna().any()), default=0)
    set_integer_axis(fig, "y", top)
    add_meta(fig, notes=notes)
    return fig
