"""Charts over time: incidents per period (bars), their running total (lines), uncovered periods shaded."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.frequency import NOT_COVERED
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
    for p, n in zip(part["period"], part["incidents"]):
        key = (format_day(p), level) if level is not None else (format_day(p),)
        if is_missing(n):  # a period the data does not cover: no bar, no count
            hover.append(f"{format_period(p, freq)}<br>{NOT_COVERED}")
            custom.append(build_card_data([], 0))
            continue
        lines, links = described.get(key, ([], []))
        hover.append(
            f"{format_period(p, freq)}<br>{name}: {n} incident{'s' if n != 1 else ''}" + format_member_text(lines, n)
        )
        custom.append(build_card_data(links, n))
    return go.Bar(
        x=part["period"],
        y=part["incidents"],
        name=name,
        marker_color=pick_color(stack, level) if level is not None else NEUTRAL_COLOR,
        hovertext=hover,
        hoverinfo="text",
        customdata=custom,
        showlegend=level is not None,
    )


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
    freq = _choose_freq(data, freq, period_label)
    stacked = stack is not None and stack in data.columns
    described = _describe_bars(data, incidents, stack if stacked else None, freq, card_hrefs)
    for level, part in _split_by_level(data, stack) if stacked else [(None, data)]:
        fig.add_trace(_make_bar_trace(part, level, stack, freq, described))
    style_figure(fig, title, period_label, "Incidents")
    fig.update_layout(barmode="stack", bargap=0.1)
    totals = data.groupby("period")["incidents"].sum() if len(data) else pd.Series(dtype="int64")
    set_integer_axis(fig, "y", int(totals.max()) if len(totals) else 0)
    if len(data):
        add_context(fig, context, *_find_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


def _make_cumulative_trace(part: pd.DataFrame, level, by: str | None, period_label: str, legend: bool) -> go.Scatter:
    """The running total of one level as a step line."""
    name = escape_text(schema.value_label(by or "", level))
    return go.Scatter(
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
    if reported is not None and len(reported):
        top = max(top, _add_reported_totals(fig, reported))
    style_figure(fig, title, period_label, "Incidents (cumulative)")
    set_integer_axis(fig, "y", top)
    if len(data):
        add_context(fig, context, *_find_span(data["period"]))
    shade_not_covered(fig, data)
    return fig


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
