"""Killed and injured as ranges of reported figures: unknown stays "unknown", never a 0.

:func:`plot_casualty_ranges` builds the chart in small steps: split the tally by
measure, label the rows, choose the people axis (:class:`_PeopleScale`), collect
each measure's marks (:class:`RangeMarks`) and the incidents with no figure
(:class:`UnknownBars`), turn them into traces, then lay out the two panels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.casualties import group_columns
from analysis.reporting.charts._casualty_members import CasualtyMembers
from analysis.reporting.charts._casualty_traces import (
    RangeMarks,
    UnknownBars,
    make_open_end_trace,
    make_range_trace,
    make_unknown_bar_trace,
    make_unknown_word_trace,
)
from analysis.reporting.charts._members import build_card_data, format_member_text
from analysis.reporting.charts._show import add_meta
from analysis.reporting.charts._style import (
    MEASURE_COLORS,
    NEUTRAL_COLOR,
    escape_text,
    set_integer_axis,
    style_figure,
)
from analysis.reporting.formatting import format_day, format_range
from analysis.vocabulary import is_missing

US_MEASURES = ("us_killed", "us_injured")
OTHER_MEASURES = ("other_killed", "other_injured")
LOG_SPREAD = 100
"""A people axis turns logarithmic when its largest figure is this many times its smallest non-zero one."""


def _label_groups(tally: pd.DataFrame, keys: list[str]) -> list[str]:
    """The group of each tally row as text (``"Iraq / 2024-01-01"``); a missing key reads "not stated"."""
    if not keys:
        return ["all"] * len(tally)
    labels = []
    for values in zip(*(tally[k] for k in keys)):
        parts = []
        for k, v in zip(keys, values):
            if is_missing(v):
                parts.append(schema.NOT_STATED)
            elif isinstance(v, pd.Timestamp):
                parts.append(format_day(v))
            else:
                parts.append(schema.value_label(k, v))
        labels.append(" / ".join(parts))
    return labels


def _name_measure(measure: str) -> str:
    """The label of a measure (``"US killed"``), escaped when it is not one of the schema's."""
    return schema.MEASURE_LABELS.get(measure, escape_text(measure))


def _split_by_measure(tally: pd.DataFrame, measures) -> list[tuple[str, pd.DataFrame]]:
    """``(measure, its tally rows)`` for each of ``measures`` the tally has, in that order."""
    present = [m for m in measures if (tally["measure"] == m).any()]
    return [
        (m, tally.loc[(tally["measure"] == m).to_numpy(dtype=bool, na_value=False)].reset_index(drop=True))
        for m in present
    ]


def _label_rows(parts: list[tuple[str, pd.DataFrame]], keys: list[str]) -> list[str]:
    """The chart's row labels, top to bottom: ``group · measure``, or the measure on two lines ungrouped."""
    rows: list[str] = []
    for m, part in parts:
        name = escape_text(_name_measure(m))
        if keys:
            rows += [f"{escape_text(g)} · {name}" for g in _label_groups(part, keys)]
        else:
            rows.append(name.rsplit(" ", 1)[0] + "<br>" + name.rsplit(" ", 1)[-1])
    return rows


@dataclass
class _PeopleScale:
    """The people axis: logarithmic or not, its largest figure (``top``) and how far it reaches (``axis_top``)."""

    log_axis: bool
    top: float
    axis_top: float = 0.0

    @property
    def floor(self) -> float:
        """Where a 0 sits: the left edge (0.5 on a log axis)."""
        return 0.5 if self.log_axis else 0.0

    def find_open_end(self, low: float) -> float:
        """Where the arrow of an open-ended figure ("at least ``low``") ends."""
        return max(low, 1.0) * 2.5 if self.log_axis else low + max(self.top, 1.0) * 0.3


def _choose_scale(parts: list[tuple[str, pd.DataFrame]], log_axis: bool | None) -> _PeopleScale:
    """The people axis: logarithmic when asked, or (``log_axis`` None) when the largest figure is
    :data:`LOG_SPREAD` times the smallest non-zero one."""
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
    scale = _PeopleScale(log_axis, top)
    open_lows = [float(v) for _, p in parts for v in p.loc[p["high_open"], "low"].dropna()]
    scale.axis_top = max([top] + [scale.find_open_end(low) for low in open_lows])
    return scale


def _plural(n: int) -> str:
    """``"s"`` unless ``n`` is 1.

    >>> _plural(1), _plural(0)
    ('', 's')
    """
    return "s" if n != 1 else ""


def _add_unknown_bar(bars: UnknownBars, row, y: str, where: str, name: str, members) -> None:
    """The row's bar of incidents with no figure, naming them."""
    lines, links = members
    n_unknown, n_all = int(row.incidents_unknown), int(row.incidents)
    bars.x.append(n_unknown)
    bars.y.append(y)
    bars.text.append(f"{n_unknown} unknown")
    bars.hover.append(
        f"{where}{name}: no source gives a figure for {n_unknown} of {n_all} incident{_plural(n_all)}"
        + format_member_text(lines, n_unknown)
    )
    bars.custom.append(build_card_data(links, n_unknown))


def _add_unknown_word(marks: RangeMarks, row, y: str, where: str, name: str, members) -> None:
    """A row with no figure at all: the word "unknown", no mark at 0."""
    lines, links = members
    n_unknown, n_all = int(row.incidents_unknown), int(row.incidents)
    marks.none_y.append(y)
    marks.none_hover.append(
        f"{where}{name}: unknown (no source gives a figure for any of its {n_all} incident{_plural(n_all)})"
        + format_member_text(lines, n_unknown)
    )
    marks.none_custom.append(build_card_data(links, n_unknown))


def _format_range_label(low: float, high, best, top_value: float, high_open: bool) -> str:
    """``"2–4"``, ``"≥3"``, with ``" (best N)"`` when the best estimate is neither end.

    >>> _format_range_label(2.0, 4, 3, 4.0, False)
    '2–4 (best 3)'
    """
    label = format_range(low, np.nan if high_open else high)
    if not is_missing(best) and float(best) not in (low, top_value):
        label = f"{label} (best {format_range(best, best)})"
    return label


def _pick_symbol(best, low: float, top_value: float) -> str:
    """A diamond for a best estimate, a dot when low equals high, else a bar end."""
    if not is_missing(best):
        return "diamond"
    return "circle" if low == top_value else "line-ns-open"


def _add_range(marks: RangeMarks, row, y: str, where: str, name: str, scale: _PeopleScale, members) -> None:
    """A row's figure: an error bar from low to high (an arrow when open-ended) around its best estimate."""
    lines, links = members
    low, high, best = float(row.low), row.high, row.best
    anchor = float(best) if not is_missing(best) else low
    if row.high_open:
        marks.arrow_x += [max(low, scale.floor), scale.find_open_end(low), None]
        marks.arrow_y += [y, y, None]
        top_value = anchor
    else:
        top_value = float(high)
    shown = max(anchor, scale.floor)
    marks.xs.append(shown)
    marks.ys.append(y)
    marks.minus.append(shown - max(low, scale.floor))
    marks.plus.append(0.0 if row.high_open else max(top_value - shown, 0.0))
    marks.symbols.append(_pick_symbol(best, low, top_value))
    label = _format_range_label(low, high, best, top_value, row.high_open)
    marks.texts.append(label)
    n_fig = int(row.incidents_with_figure)
    marks.hover.append(
        f"{where}{name}: {label}<br>{n_fig} incident{_plural(n_fig)} with a figure"
        + (f", {int(row.incidents_open)} of them open-ended" if row.incidents_open else "")
        + f"; {int(row.incidents_unknown)} unknown"
        + format_member_text(lines, n_fig)
    )
    marks.custom.append(build_card_data(links, n_fig))


def _collect_marks(
    part: pd.DataFrame,
    measure: str,
    keys: list[str],
    rows: list[str],
    members: CasualtyMembers,
    scale: _PeopleScale,
    bars: UnknownBars,
) -> RangeMarks:
    """The marks of one measure's rows (labelled ``rows``), adding each row's unknown bar to ``bars``."""
    name = _name_measure(measure)
    group_text = _label_groups(part, keys)
    marks = RangeMarks()
    for i, row in enumerate(part.itertuples(index=False)):
        known, unknown = members.find(row, measure)
        where = f"{escape_text(group_text[i])}<br>" if keys else ""
        _add_unknown_bar(bars, row, rows[i], where, name, unknown)
        if is_missing(row.low):
            _add_unknown_word(marks, row, rows[i], where, name, unknown)
        else:
            _add_range(marks, row, rows[i], where, name, scale, known)
    return marks


def _lay_out_panels(fig: go.Figure, title: str, rows: list[str], unknown_counts: list[int]) -> None:
    """Two panels side by side (people 70 %, incidents with no figure on the right), one row per label."""
    style_figure(fig, title, "People: lowest to highest figure", "", height=max(280, 160 + 52 * len(rows)))
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
    max_unknown = max(unknown_counts) if unknown_counts else 0
    set_integer_axis(fig, "x2", max_unknown)
    x2_top = max(max_unknown, 1) * 2.4
    fig.update_layout(xaxis2={"range": [0, x2_top], "dtick": max(1, math.ceil(x2_top / 3))})


def _set_people_axis(fig: go.Figure, scale: _PeopleScale) -> None:
    """The people axis: logarithmic (and a note under the chart saying so) or linear with whole-number ticks."""
    if not scale.log_axis:
        set_integer_axis(fig, "x", int(math.ceil(scale.axis_top)))
        fig.update_layout(xaxis={"range": [0, max(scale.axis_top, 1.0) * 1.15]})
        return
    fig.update_layout(
        xaxis={
            "type": "log",
            "range": [math.log10(scale.floor) - 0.05, math.log10(max(scale.axis_top, 1.0)) + 0.15],
            "dtick": 1,
            "tickformat": ",d",
            "title": {"text": "People (log scale): lowest to highest figure", "font": {"size": 12}},
        }
    )
    add_meta(
        fig,
        notes=[
            "The people axis is logarithmic (1, 10, 100, 1,000: each step ten times the last), so the largest "
            f"figure ({int(scale.top):,}) does not flatten the small ones; "
            "a figure of 0 sits at the left edge."
        ],
    )


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
    parts = _split_by_measure(tally, measures)
    rows = _label_rows(parts, keys)
    scale = _choose_scale(parts, log_axis)
    members = CasualtyMembers(incidents, keys, card_hrefs)
    fig, bars, first_row = go.Figure(), UnknownBars(), 0
    for m, part in parts:
        marks = _collect_marks(part, m, keys, rows[first_row : first_row + len(part)], members, scale, bars)
        first_row += len(part)
        name, color = _name_measure(m), MEASURE_COLORS.get(m, NEUTRAL_COLOR)
        fig.add_trace(make_range_trace(marks, name, color))
        if marks.none_y:
            fig.add_trace(make_unknown_word_trace(marks, name, color, scale.floor))
        if marks.arrow_x:
            fig.add_trace(make_open_end_trace(marks, name, color))
    if rows:
        fig.add_trace(make_unknown_bar_trace(bars))
    _lay_out_panels(fig, title, rows, bars.x)
    _set_people_axis(fig, scale)
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
