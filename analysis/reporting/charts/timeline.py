"""Charts over time: incidents per period (bars), their running total (lines), uncovered periods shaded."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.frequency import COUNT_COLUMNS, NOT_CLAIMED, NOT_COVERED
from analysis.metrics.members import sample_members
from analysis.reporting.charts._context import add_context
from analysis.reporting.charts._members import (
    build_card_data,
    describe_members,
    find_hover_limit,
    format_member_text,
)
from analysis.reporting.charts._style import (
    CATEGORY_COLORS,
    NEUTRAL_COLOR,
    escape_text,
    order_levels,
    pick_color,
    set_integer_axis,
    style_figure,
)
from analysis.reporting.formatting import format_day, format_period, format_range
from analysis.vocabulary import is_missing

NOT_COVERED_COLOR = "#9A9A9A"


def _find_span(periods: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day covered by a column of period starts (one step past the last start).

    >>> _find_span(pd.Series(pd.to_datetime(["2024-01-01", "2024-01-08"])))
    (Timestamp('2024-01-01 00:00:00'), Timestamp('2024-01-14 00:00:00'))
    """
    starts = pd.Series(pd.to_datetime(periods).unique()).sort_values()
    step = starts.iloc[-1] - starts.iloc[-2] if len(starts) > 1 else pd.Timedelta(days=1)
    return starts.iloc[0], starts.iloc[-1] + step - pd.Timedelta(days=1)


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


def _choose_freq(data: pd.DataFrame, freq: str | None, period_label: str) -> str:
    """``freq`` when given, else the period the label names, else the one the periods show."""
    freq = freq or (period_label.lower() if period_label.lower() in schema.FREQUENCIES else None)
    return freq or (_infer_freq(data["period"]) if len(data) else "week")


def _split_by_level(data: pd.DataFrame, column: str) -> list[tuple[str, pd.DataFrame]]:
    """One ``(level, rows)`` pair per value of ``column``, in :func:`order_levels` order."""
    return [(lv, data.loc[(data[column].astype(str) == lv).to_numpy()]) for lv in order_levels(data[column], column)]


def _describe_bars(
    data: pd.DataFrame, incidents: pd.DataFrame | None, stack: str | None, freq: str, card_hrefs: pd.Series | None
) -> dict:
    """Tooltip lines and card hrefs per bar, keyed ``(day, level)`` (``(day,)`` unstacked); {} without incidents."""
    if incidents is None or not len(incidents):
        return {}
    bars = int((data["incidents"].fillna(0) > 0).sum())
    members = sample_members(incidents, by=stack, freq=freq, limit=find_hover_limit(bars))
    return describe_members(incidents, members, ["period", "key"] if stack else ["period"], card_hrefs)


def _make_bar_trace(part: pd.DataFrame, level, stack, freq: str, described: dict) -> go.Bar:
    """The bars of one level (or of all incidents when ``level`` is None), a period not covered left empty."""
    name = escape_text(schema.value_label(stack, level)) if level is not None else "incidents"
    hover, custom = [], []
    covered = part["covered"] if "covered" in part.columns else pd.Series(True, index=part.index)
    for p, n, claimed in zip(part["period"], part["incidents"], covered):
        key = (format_day(p), level) if level is not None else (format_day(p),)
        if is_missing(n):  # none recorded where nothing is claimed: no bar, no count
            hover.append(f"{format_period(p, freq)}<br>{name}: {NOT_COVERED}")
            custom.append(build_card_data([], 0))
            continue
        lines, links = described.get(key, ([], []))
        tail = "" if claimed else f" in this table ({NOT_CLAIMED})"
        hover.append(
            f"{format_period(p, freq)}<br>{name}: {n:,} incident{'s' if n != 1 else ''}{tail}"
            + format_member_text(lines, n)
        )
        custom.append(build_card_data(links, n))
    # plotly stops stacking at a missing value: inside a bar of other levels a missing level is drawn as an
    # invisible 0 (its tooltip still says none recorded); a period with no incident at all keeps no bar
    shown = part["incidents"].astype("Float64")
    if "_period_has_bar" in part.columns:
        shown = shown.mask(shown.isna() & part["_period_has_bar"], 0.0)
    return go.Bar(
        x=part["period"],
        y=shown.to_numpy(dtype="float64", na_value=np.nan),
        name=name,
        marker_color=pick_color(stack, level) if level is not None else NEUTRAL_COLOR,
        hovertext=hover,
        hoverinfo="text",
        customdata=custom,
        showlegend=level is not None,
    )


STACKS = ("category", "weapon", "outcome")
"""Columns bars can be stacked by: those with a fixed colour per value."""


def choose_stack(counts_by_period: pd.DataFrame, stack: str | None) -> str | None:
    """The column to stack bars by: ``stack``, or the ``by`` column of the counts when ``stack`` is None.

    A column without fixed colours, or one the counts do not hold, raises ``ValueError`` saying what to do.

    >>> choose_stack(pd.DataFrame(columns=["period", "weapon", "incidents"]), None)
    'weapon'
    >>> choose_stack(pd.DataFrame(columns=["period", "dataset", "incidents"]), "dataset")
    Traceback (most recent call last):
    ...
    ValueError: plot_frequency_timeline: found stack='dataset', expected None or one of category, weapon, outcome \
(columns with a fixed colour per value); to compare datasets or selections, use plot_frequency_comparison
    """
    by = [c for c in counts_by_period.columns if c not in COUNT_COLUMNS]
    chosen = stack if stack is not None else (by[0] if by else None)
    if chosen is None:
        return None
    if chosen not in STACKS:
        raise ValueError(
            f"plot_frequency_timeline: found stack={chosen!r}, expected None or one of {', '.join(STACKS)} "
            "(columns with a fixed colour per value); to compare datasets or selections, use plot_frequency_comparison"
        )
    if chosen not in by:
        raise ValueError(
            f"plot_frequency_timeline: found stack={chosen!r}, but the counts hold no column {chosen!r}; "
            f"expected counts from count_per_period(..., by={chosen!r})"
        )
    return chosen


def plot_frequency_timeline(
    counts_by_period: pd.DataFrame,
    stack: str | None = None,
    context: pd.DataFrame | None = None,
    title: str = "Incidents per period",
    period_label: str = "Period",
    incidents: pd.DataFrame | None = None,
    card_hrefs: pd.Series | None = None,
    freq: str | None = None,
) -> go.Figure:
    """Bars of incidents per period, stacked by ``stack`` (``"category"``, ``"weapon"`` or ``"outcome"``).

    ``counts_by_period`` is :func:`analysis.metrics.frequency.count_per_period` output;
    ``stack`` None stacks by its ``by`` column when it has one (one bar per
    period when not). A ``stack`` the counts do not hold, or without fixed
    colours, raises ``ValueError`` (:func:`choose_stack`).
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
    freq = _choose_freq(data, freq, period_label)
    stack = choose_stack(data, stack)
    stacked = stack is not None
    described = _describe_bars(data, incidents, stack, freq, card_hrefs)
    if stacked and len(data):
        data = data.assign(_period_has_bar=data["incidents"].notna().groupby(data["period"]).transform("any"))
    for level, part in _split_by_level(data, stack) if stacked else [(None, data)]:
        fig.add_trace(_make_bar_trace(part, level, stack, freq, described))
    style_figure(fig, title, period_label, "Incidents")
    fig.update_layout(barmode="stack", bargap=0.1)
    totals = data.groupby("period")["incidents"].sum() if len(data) else pd.Series(dtype="int64")
    set_integer_axis(fig, "y", int(totals.max()) if len(totals) else 0)
    _add_claimed_zeros(fig, data, freq)
    if len(data):
        add_context(fig, context, *_find_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


CLAIMED_ZERO = "0 (the data claims this period complete)"


def _add_claimed_zeros(fig: go.Figure, data: pd.DataFrame, freq: str) -> None:
    """A mark at 0 for each period inside claimed coverage with no incident: a zero the data vouches for."""
    if "covered" not in data.columns or not len(data):
        return
    per_period = data.groupby("period", sort=True).agg(n=("incidents", "sum"), covered=("covered", "all"))
    zeros = per_period.loc[per_period["covered"] & (per_period["n"] == 0)]
    if zeros.empty:
        return
    fig.add_trace(
        go.Scatter(
            x=zeros.index,
            y=[0] * len(zeros),
            mode="markers",
            name=CLAIMED_ZERO,
            marker={"symbol": "line-ew-open", "size": 10, "color": NEUTRAL_COLOR, "line": {"width": 2}},
            hovertext=[f"{format_period(p, freq)}<br>{CLAIMED_ZERO}" for p in zeros.index],
            hoverinfo="text",
            cliponaxis=False,
        )
    )


def _make_cumulative_trace(part: pd.DataFrame, level, by: str | None, period_label: str, legend: bool) -> go.Scatter:
    """The running total of one level as a step line."""
    name = escape_text(schema.value_label(by or "", level))
    return go.Scatter(
        x=part["period"],
        y=part["cumulative"],
        name=name,
        mode="lines+markers",  # a period alone between two gaps still shows
        marker={"size": 4},
        line_shape="hv",
        line={"color": pick_color(by or "", level), "width": 2},
        hovertext=[
            f"up to {period_label.lower()} from {format_day(p)}<br>{name}: "
            + (NOT_COVERED if is_missing(n) else f"{n:,} in this table")
            for p, n in zip(part["period"], part["cumulative"])
        ],
        hoverinfo="text",
        showlegend=legend,
    )


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
    ``reported`` (:func:`analysis.metrics.completeness.compare_with_reported_totals`
    output) adds what the sources report of attacks on US forces: one
    labelled marker per total at its as-of date and its lowest value, so the
    gap between the table and the sources shows at a glance.
    """
    fig = go.Figure()
    data = counts_by_period
    groups = _split_by_level(data, by) if by is not None and by in data.columns else [("all incidents", data)]
    for level, part in groups:
        fig.add_trace(_make_cumulative_trace(part, level, by, period_label, len(groups) > 1))
    top = int(data["cumulative"].max()) if len(data) else 0
    reported_top = _add_reported_totals(fig, reported) if reported is not None and len(reported) else 0
    top = max(top, reported_top)
    style_figure(fig, title, period_label, "Incidents (cumulative)")
    set_integer_axis(fig, "y", top)
    if reported_top:  # room above the highest total for its label, under the "not a complete count" labels
        fig.update_layout(yaxis={"range": [0, top * 1.4]})
    if len(data):
        add_context(fig, context, *_find_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


def shade_not_covered(fig: go.Figure, counts_by_period: pd.DataFrame) -> None:
    """Shade each run of periods outside claimed coverage and label it "not a complete count".

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
            annotation_text=NOT_CLAIMED,
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
