"""Killed and injured as ranges of reported figures: unknown stays "unknown", never a 0.

:func:`plot_casualty_ranges` builds the chart in small steps: split the tally by
measure, label the rows, choose the people axis (:class:`PeopleScale`), collect
each measure's marks (:class:`RangeMarks`) and the incidents with no figure
(:class:`UnknownBars`), turn them into traces, then lay out the two panels.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.casualties import group_columns, read_toll_links
from analysis.reporting.casualty_text import format_toll_cell
from analysis.reporting.charts._casualty_members import CasualtyMembers
from analysis.reporting.charts._casualty_scale import PeopleScale, choose_scale
from analysis.reporting.charts._casualty_tolls import (
    TollMarks,
    add_toll_mark,
    find_toll_end,
    gather_tolls,
    label_toll_row,
    make_toll_traces,
)
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
from analysis.reporting.formatting import NOT_APPLICABLE, UNKNOWN, format_day, format_figure
from analysis.vocabulary import is_missing

US_MEASURES = ("us_killed", "us_injured")
OTHER_MEASURES = ("other_killed", "other_injured")


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
            rows += [f"{escape_text(g)} ·<br>{name}" for g in _label_groups(part, keys)]  # narrow enough for a phone
        else:
            rows.append(name.rsplit(" ", 1)[0] + "<br>" + name.rsplit(" ", 1)[-1])
    return rows


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


def _add_unknown_word(marks: RangeMarks, row, y: str, where: str, name: str, members, tolls=None) -> None:
    """A row with no figure of its own: the operation toll that counts it, "not applicable" or "unknown"; no mark
    at 0."""
    lines, links = members
    n_unknown, n_all = int(row.incidents_unknown), int(row.incidents)
    marks.none_y.append(y)
    toll = format_toll_cell(row._asdict(), tolls) if hasattr(row, "toll_ids") else None
    if toll is not None:
        marks.none_text.append("no figure per incident" if n_all else "operation toll only")
        marks.none_hover.append(
            f"{where}{name}: {escape_text(toll)}<br>(the whole-operation toll is drawn in its own row below)"
            + format_member_text(lines, n_unknown)
        )
    elif n_all == 0:
        marks.none_text.append(NOT_APPLICABLE)
        marks.none_hover.append(f"{where}{name}: {NOT_APPLICABLE} (none of its incidents could have such casualties)")
    else:
        marks.none_text.append(UNKNOWN)
        marks.none_hover.append(
            f"{where}{name}: unknown (no source gives a figure for any of its {n_all} incident{_plural(n_all)})"
            + format_member_text(lines, n_unknown)
        )
    marks.none_custom.append(build_card_data(links, n_unknown))


def _format_range_label(row) -> str:
    """The figure of a tally row as every table words it (:func:`analysis.reporting.formatting.format_figure`).

    >>> from collections import namedtuple
    >>> Row = namedtuple("Row", "low high best high_open incidents_approximate")
    >>> _format_range_label(Row(2.0, 4, 3, False, 0)), _format_range_label(Row(1200.0, 1200, 1200, False, 1))
    ('3 (2–4)', 'about 1,200')
    """
    approximate = int(getattr(row, "incidents_approximate", 0) or 0) > 0
    best = None if is_missing(row.best) else row.best
    return format_figure(row.low, row.high, bool(row.high_open), best, approximate)


def _pick_symbol(best, low: float, top_value: float) -> str:
    """A diamond for a best estimate, a dot when low equals high, else a bar end."""
    if not is_missing(best):
        return "diamond"
    return "circle" if low == top_value else "line-ns-open"


def _add_range(marks: RangeMarks, row, y: str, where: str, name: str, scale: PeopleScale, members, tolls=None) -> None:
    """A row's figure: an error bar from low to high (an arrow when open-ended) around its best estimate; an
    operation toll touching the row is named in its tooltip and drawn in its own row, never added to the bar."""
    lines, links = members
    toll = format_toll_cell(row._asdict(), tolls) if hasattr(row, "toll_ids") else None
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
    label = _format_range_label(row)
    marks.texts.append(label)
    marks.sides.append(scale.pick_label_side(shown))
    n_fig = int(row.incidents_with_figure)
    marks.hover.append(
        f"{where}{name}: {label}<br>{n_fig} incident{_plural(n_fig)} with a figure"
        + (f", {int(row.incidents_open)} of them open-ended" if row.incidents_open else "")
        + f"; {int(row.incidents_unknown)} unknown"
        + (f"<br>tables: {escape_text(toll)}<br>(the whole-operation toll is drawn in its own row below)" * bool(toll))
        + format_member_text(lines, n_fig)
    )
    marks.custom.append(build_card_data(links, n_fig, int(row.incidents_unknown)))


def _collect_marks(
    part: pd.DataFrame,
    measure: str,
    keys: list[str],
    rows: list[str],
    members: CasualtyMembers,
    scale: PeopleScale,
    bars: UnknownBars,
    tolls: pd.DataFrame | None = None,
) -> RangeMarks:
    """The marks of one measure's rows (labelled ``rows``), adding each row's unknown bar to ``bars``;
    ``tolls``: the operation tolls the tally counted (named in labels and tooltips)."""
    name = _name_measure(measure)
    group_text = _label_groups(part, keys)
    marks = RangeMarks()
    for i, row in enumerate(part.itertuples(index=False)):
        known, unknown = members.find(row, measure)
        where = f"{escape_text(group_text[i])}<br>" if keys else ""
        _add_unknown_bar(bars, row, rows[i], where, name, unknown)
        if is_missing(row.low):
            _add_unknown_word(marks, row, rows[i], where, name, unknown, tolls)
        else:
            _add_range(marks, row, rows[i], where, name, scale, known, tolls)
    return marks


def _add_tolls(fig: go.Figure, tolls: dict, parts, rows: list[str], scale: PeopleScale) -> list[str]:
    """Each operation toll in a row of its own right under the row holding its incidents; the rows, in order."""
    ordered: list[str] = []
    marks_by_measure: dict[str, TollMarks] = {}
    labels = iter(rows)
    for m, part in parts:
        name = _name_measure(m)
        for _ in range(len(part)):
            label = next(labels)
            ordered.append(label)
            for k, toll in enumerate(tolls.get(label, [])):
                ordered.append(label_toll_row(label) + (f" {k + 1}" if k else ""))
                where = f"{label.split(' ·<br>')[0]}<br>" if " ·<br>" in label else ""
                add_toll_mark(marks_by_measure.setdefault(m, TollMarks()), toll, ordered[-1], scale, where, name)
    for m, marks in marks_by_measure.items():
        for trace in make_toll_traces(marks, _name_measure(m), MEASURE_COLORS.get(m, NEUTRAL_COLOR)):
            fig.add_trace(trace)
    return ordered


def _lay_out_panels(fig: go.Figure, title: str, rows: list[str], unknown_counts: list[int]) -> None:
    """Two panels side by side (people 70 %, incidents with no figure on the right), one row per label."""
    style_figure(fig, title, "People: lowest to highest figure", "", height=max(280, 160 + 52 * len(rows)))
    fig.update_layout(
        xaxis={"domain": [0, 0.7], "title": {"font": {"size": 12}}},
        xaxis2={
            "domain": [0.78, 1],
            "anchor": "y",
            "side": "top",  # the panel's title above it, clear of the people axis's title and ticks
            "title": {"text": "Incidents with<br>no figure", "font": {"size": 12}, "standoff": 4},
            "showgrid": False,
            "showticklabels": False,
        },
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": rows[::-1], "automargin": True},
        showlegend=False,
        margin={"l": 20, "r": 50, "t": fig.layout.margin.t + 20, "b": 60},
    )
    max_unknown = max(unknown_counts) if unknown_counts else 0
    set_integer_axis(fig, "x2", max_unknown)
    x2_top = max(max_unknown, 1) * 2.4
    fig.update_layout(xaxis2={"range": [0, x2_top], "dtick": max(1, math.ceil(x2_top / 3))})


def _set_people_axis(fig: go.Figure, scale: PeopleScale) -> None:
    """The people axis: logarithmic (and a note under the chart saying so) or linear with whole-number ticks."""
    if not scale.log_axis:
        set_integer_axis(fig, "x", int(math.ceil(scale.axis_top)))
        fig.update_layout(xaxis={"range": scale.axis_range})
        return
    fig.update_layout(
        xaxis={
            "type": "log",
            "range": scale.axis_range,
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
    N") is a dashed line from N ending in an arrow, labelled "at least N"; an
    approximate figure ("about N") has no open end; a row with no figure at
    all reads "unknown" (never a 0), "not applicable" when none of its
    incidents could have such casualties, or "no figure per incident" when an
    operation toll counts its incidents (``tally_casualties(..., tolls=)``).
    Each operation toll has a row of its own right under the row holding its
    incidents: a dotted bracket from its lowest to its highest figure (an
    arrow when open-ended), "operation toll: at least 18", its tooltip giving
    the operation, its dates, its source and that the figure is for the whole
    operation (never split between its rows nor added to them). Right panel: the
    incidents whose figure no source gives, a grey bar labelled "N unknown".

    ``log_axis`` None chooses a logarithmic people axis when the largest figure
    is ``LOG_SPREAD`` (100) times the smallest non-zero one, and says so in a note
    under the chart (``fig.layout.meta["notes"]``). With ``incidents`` (the
    frame tallied), each mark's tooltip names its incidents and its
    ``customdata`` carries their cards (``card_hrefs``).
    """
    keys = group_columns(tally)
    parts = _split_by_measure(tally, measures)
    rows = _label_rows(parts, keys)
    scale = choose_scale(parts, log_axis)
    members = CasualtyMembers(incidents, keys, card_hrefs)
    links = read_toll_links(tally)
    starts = np.cumsum([0] + [len(p) for _, p in parts])
    parts_rows = [(p, rows[a:b]) for (_, p), a, b in zip(parts, starts, starts[1:])]
    tolls = gather_tolls(parts_rows, links, incidents, card_hrefs)
    ends = [find_toll_end(t, scale) for found in tolls.values() for t in found]
    scale.axis_top = max([scale.axis_top, *ends])
    fig, bars, first_row = go.Figure(), UnknownBars(), 0
    for m, part in parts:
        row_labels = rows[first_row : first_row + len(part)]
        marks = _collect_marks(part, m, keys, row_labels, members, scale, bars, links)
        first_row += len(part)
        name, color = _name_measure(m), MEASURE_COLORS.get(m, NEUTRAL_COLOR)
        fig.add_trace(make_range_trace(marks, name, color))
        if marks.none_y:
            fig.add_trace(make_unknown_word_trace(marks, name, color, scale.floor))
        if marks.arrow_x:
            fig.add_trace(make_open_end_trace(marks, name, color))
    if rows:
        fig.add_trace(make_unknown_bar_trace(bars))
    rows = _add_tolls(fig, tolls, parts, rows, scale)
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
