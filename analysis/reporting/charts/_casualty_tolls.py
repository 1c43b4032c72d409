"""Operation tolls on a casualty chart: one mark per toll, drawn in the rows that hold its incidents.

A toll a source gives for a whole operation ("at least 18 killed in Syria" for
the US strikes of 2-3 February 2024) is neither split between the operation's
rows nor added to a row's own figure: it gets its own mark, a dotted bracket
from its lowest to its highest figure (an arrow when open-ended), in a row of its
own right under the row holding its incidents ("Syria · others killed: operation toll"),
labelled "operation toll: ...", whose tooltip gives the figure, the
operation, its dates, its source (outlet and publication day, as the cards name it, then its id) and that
the figure is for the whole operation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from analysis.reporting.card_sources import DATE_UNKNOWN
from analysis.reporting.charts._casualty_traces import label_points
from analysis.reporting.charts._members import build_card_data, format_member_text
from analysis.reporting.charts._style import escape_text
from analysis.reporting.formatting import format_day, format_figure
from analysis.vocabulary import is_missing


@dataclass
class TollMarks:
    """The toll marks of one chart: dotted brackets (``line_*``), the figure at the low end (``x``, ``y``,
    labelled ``texts``) and their tooltips."""

    line_x: list = field(default_factory=list)
    line_y: list = field(default_factory=list)
    x: list = field(default_factory=list)
    y: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    sides: list = field(default_factory=list)
    hover: list = field(default_factory=list)
    custom: list = field(default_factory=list)
    open_ends: list = field(default_factory=list)


def read_toll(links: pd.DataFrame, total_id: str) -> dict:
    """One toll's figure and provenance from the link table
    (:func:`analysis.metrics.tolls.link_operation_tolls` rows).

    Returns keys ``low``, ``high`` (None when open), ``high_open``, ``approximate``,
    ``text`` (the one wording of :func:`format_figure`), ``operation``, ``countries``,
    ``source_id``, ``source`` (its lines, :func:`describe_toll_source`) and ``incident_ids``.

    >>> links = pd.DataFrame({"total_id": ["T", "T"], "value_min": [18, 18], "value_best": [None, None],
    ...     "value_max": [None, None], "operation": ["wave"] * 2, "countries": ["Syria"] * 2,
    ...     "source_id": ["S1"] * 2, "incident_id": ["A", "B"]})
    >>> toll = read_toll(links, "T"); toll["text"], toll["high_open"], toll["incident_ids"]
    ('at least 18', True, ['A', 'B'])
    """
    one = links.loc[links["total_id"] == total_id]
    first = one.iloc[0]
    low, best, high = first["value_min"], first["value_best"], first["value_max"]
    only_best = is_missing(low) and is_missing(high) and not is_missing(best)
    if only_best:
        low = high = best
    high_open = not only_best and is_missing(high)
    return {
        "low": None if is_missing(low) else float(low),
        "high": None if high_open or is_missing(high) else float(high),
        "high_open": high_open,
        "approximate": only_best,
        "text": format_figure(low, None if high_open else high, high_open, best, only_best),
        "operation": str(first["operation"]),
        "countries": "" if is_missing(first["countries"]) else str(first["countries"]).replace(";", " and "),
        "source_id": str(first["source_id"]),
        "source": describe_toll_source(first),
        "incident_ids": [str(i) for i in one["incident_id"]],
    }


def describe_toll_source(link) -> list[str]:
    """A toll's source as the cards name it, in tooltip lines: the outlet, then the publication day with the id
    after it (``source_outlet``/``source_published``, which
    :func:`analysis.reporting.source_list.name_toll_sources` adds); the id alone when the links do not name it.

    >>> describe_toll_source(pd.Series({"source_id": "S1", "source_outlet": "AP", "source_published": "2024-02-03"}))
    ['AP', 'published 2024-02-03 (S1)']
    >>> describe_toll_source(pd.Series({"source_id": "S1", "source_outlet": "AP", "source_published": None}))
    ['AP', 'published date unknown (S1)']
    >>> describe_toll_source(pd.Series({"source_id": "S1"}))
    ['S1']
    """
    outlet, day = link.get("source_outlet"), link.get("source_published")
    if is_missing(outlet):
        return [str(link["source_id"])]
    return [str(outlet), f"published {DATE_UNKNOWN if is_missing(day) else day} ({link['source_id']})"]


def describe_days(incidents: pd.DataFrame | None, ids: list[str]) -> str:
    """The dates of a toll's incidents: one day, or first to last.

    >>> df = pd.DataFrame({"incident_id": ["A", "B"], "event_date": pd.to_datetime(["2024-02-02", "2024-02-03"])})
    >>> describe_days(df, ["A", "B"]), describe_days(df, ["B"]), describe_days(None, ["A"])
    ('2024-02-02 to 2024-02-03', '2024-02-03', '')
    """
    if incidents is None or "event_date" not in incidents.columns:
        return ""
    days = incidents.loc[incidents["incident_id"].astype(str).isin(ids), "event_date"].dropna()
    if days.empty:
        return ""
    first, last = format_day(days.min()), format_day(days.max())
    return first if first == last else f"{first} to {last}"


def _describe_rows(incidents: pd.DataFrame | None, ids: list[str], card_hrefs) -> tuple[list[str], list[str]]:
    """Tooltip lines ("id · date · place") and card hrefs of a toll's incidents."""
    if incidents is None:
        return [escape_text(i) for i in ids], []
    part = incidents.loc[incidents["incident_id"].astype(str).isin(ids)].sort_values("event_date", kind="stable")
    lines = []
    for row in part.itertuples(index=False):
        place = row.location if isinstance(row.location, str) and row.location else row.country
        lines.append(f"{escape_text(row.incident_id)} · {format_day(row.event_date)} · {escape_text(place)}")
    hrefs = []
    if card_hrefs is not None:
        hrefs = [h for h in card_hrefs.reindex(part["incident_id"].astype(str)).fillna("").astype(str) if h]
    return lines, hrefs


def label_toll_row(row_label: str) -> str:
    """The label of a toll's own row, right under the row holding its incidents.

    >>> label_toll_row("Syria ·<br>others killed")
    'Syria ·<br>others killed:<br>operation toll'
    """
    return f"{row_label}:<br>operation toll"


def add_toll_mark(marks: TollMarks, toll: dict, y: str, scale, where: str, name: str) -> None:
    """The mark of one toll in its row ``y``: a dotted bracket from its lowest to its highest figure (an arrow
    when open-ended, a square at the low end), "operation toll: at least 18" above it."""
    lines, hrefs = toll["members"]
    low = max(toll["low"] if toll["low"] is not None else scale.floor, scale.floor)
    high = toll["high"] if toll["high"] is not None else low
    end = scale.find_open_end(low) if toll["high_open"] else max(high, scale.floor)
    marks.line_x += [low, end, None]
    marks.line_y += [y, y, None]
    marks.open_ends.append(toll["high_open"])
    marks.x.append(low)
    marks.y.append(y)
    marks.texts.append(f"operation toll:<br>{toll['text']}")
    marks.sides.append("top right" if scale.find_share(low) < 0.5 else "top left")
    n = len(toll["incident_ids"])
    place_days = [part for part in (toll["countries"] and f"in {escape_text(toll['countries'])}", toll["days"]) if part]
    where_when = f"<br>{', '.join(place_days)}" if place_days else ""  # its own line: the tooltip fits 390 px
    marks.hover.append(
        f"{where}{name}: operation toll {escape_text(toll['text'])}"
        f"<br>one figure for the whole operation, not split between its {n} row{'s' if n != 1 else ''}"
        "<br>and not added to their own figures"
        f"<br>{escape_text(toll['operation'])}{where_when}"
        f"<br>source: {'<br>'.join(map(escape_text, toll['source']))}" + format_member_text(lines, n)
    )
    marks.custom.append(build_card_data(hrefs, n))


def find_toll_end(toll: dict, scale) -> float:
    """How far right a toll's mark reaches (for the people axis)."""
    low = toll["low"] if toll["low"] is not None else 0.0
    if toll["high_open"]:
        return scale.find_open_end(low)
    return toll["high"] if toll["high"] is not None else low


def collect_tolls(row, links: pd.DataFrame | None, incidents, card_hrefs) -> list[dict]:
    """The tolls touching one tally row (its ``toll_ids``), each with its dates and its incidents' lines."""
    ids = getattr(row, "toll_ids", None)
    if links is None or is_missing(ids):
        return []
    tolls = []
    for total_id in str(ids).split(";"):
        if not (links["total_id"] == total_id).any():
            continue
        toll = read_toll(links, total_id)
        toll["days"] = describe_days(incidents, toll["incident_ids"])
        toll["members"] = _describe_rows(incidents, toll["incident_ids"], card_hrefs)
        tolls.append(toll)
    return tolls


def make_toll_traces(marks: TollMarks, name: str, color: str) -> list[go.Scatter]:
    """The bracket of each toll (dotted, bar ends; an arrow when open) and a hollow square at its low end
    carrying the label and the tooltip."""
    symbols = []
    for is_open in marks.open_ends:
        symbols += ["line-ns", "triangle-right" if is_open else "line-ns", "line-ns"]
    bracket = go.Scatter(
        x=marks.line_x,
        y=marks.line_y,
        mode="lines+markers",
        name=f"{name}: operation toll range",
        line={"color": color, "width": 2, "dash": "dot"},
        marker={"symbol": symbols, "size": 12, "color": color, "line": {"color": color, "width": 2}},
        hoverinfo="skip",
        showlegend=False,
        connectgaps=False,
    )
    figure = go.Scatter(
        x=marks.x,
        y=marks.y,
        mode="markers+text",
        name=f"{name}: operation toll",
        marker={"symbol": "square-open", "size": 12, "color": color, "line": {"color": color, "width": 2}},
        showlegend=False,
        **label_points(marks, color),
    )
    return [bracket, figure]


def gather_tolls(parts_rows, links: pd.DataFrame | None, incidents, card_hrefs) -> dict[str, list[dict]]:
    """The tolls of each row label (``parts_rows``: ``(tally rows, their labels)`` per measure)."""
    found: dict[str, list[dict]] = {}
    for part, labels in parts_rows:
        for label, row in zip(labels, part.itertuples(index=False)):
            tolls = collect_tolls(row, links, incidents, card_hrefs)
            if tolls:
                found[label] = tolls
    return found
