"""Which incidents a mark stands for: tooltip lines naming them and ``customdata`` carrying their cards.

A chart with ``incidents`` (the frame it counts) names up to :data:`HOVER_INCIDENTS`
incidents per mark (then "and N more"), and the click script of the report opens
their cards from the mark's ``customdata`` (:func:`build_card_data`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.reporting.charts._style import escape_text
from analysis.reporting.formatting import format_day
from analysis.vocabulary import is_missing

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


def _format_incident_label(row) -> str:
    """Id, date and place of an incident for a tooltip (escaped)."""
    place = row.location if isinstance(row.location, str) and row.location else row.country
    place = place if isinstance(place, str) and place else "place unknown"
    return f"{escape_text(row.incident_id)} · {format_day(row.event_date)} · {escape_text(place)}"


def _format_key(value) -> str:
    """A group key as text: a day as ``YYYY-MM-DD``, missing as ``""``.

    >>> _format_key(pd.Timestamp("2024-01-02")), _format_key(None), _format_key("drone")
    ('2024-01-02', '', 'drone')
    """
    if isinstance(value, pd.Timestamp | np.datetime64):
        return format_day(value)
    return "" if is_missing(value) else str(value)


def describe_members(
    incidents: pd.DataFrame, members: pd.DataFrame, keys: list[str], card_hrefs: pd.Series | None = None
) -> dict[tuple, tuple[list[str], list[str]]]:
    """Tooltip lines and card hrefs of the incidents behind each group of ``members``
    (:func:`analysis.metrics.members.sample_members` output), keyed by the values of ``keys``."""
    if members.empty:
        return {}
    rows = incidents.iloc[members["row"].to_numpy()]
    labels = [
        _format_incident_label(r) for r in rows[["incident_id", "event_date", "location", "country"]].itertuples()
    ]
    ids = members["incident_id"].astype(str)
    hrefs = card_hrefs.reindex(ids).fillna("").astype(str).tolist() if card_hrefs is not None else [""] * len(members)
    out: dict[tuple, tuple[list[str], list[str]]] = {}
    group_values = [members[k].tolist() for k in keys]
    for i, (label, href) in enumerate(zip(labels, hrefs)):
        key = tuple(_format_key(v[i]) for v in group_values)
        lines, links = out.setdefault(key, ([], []))
        lines.append(label)
        if href:
            links.append(href)
    return out


def format_member_text(lines: list[str], total: int) -> str:
    """The incidents part of a tooltip: up to :data:`HOVER_INCIDENTS` lines, then "and N more".

    >>> format_member_text(["A · 2024-01-02 · Base"], 3)
    '<br>A · 2024-01-02 · Base<br>… and 2 more'
    """
    if not lines:
        return ""
    more = total - len(lines)
    return "<br>" + "<br>".join(lines) + (f"<br>… and {more} more" if more > 0 else "")


def build_card_data(links: list[str], total: int, without_figure: int = 0) -> list:
    """``customdata`` of a mark: its cards' hrefs (space-separated), how many incidents are not listed and,
    for a figure, how many incidents of its row have none (listed nowhere in the mark's list).

    >>> build_card_data(["cards/a.html", "cards/b.html"], 5), build_card_data(["cards/a.html"], 1, 2)
    (['cards/a.html cards/b.html', 3], ['cards/a.html', 0, 2])
    """
    data = [" ".join(links), max(int(total) - len(links), 0)]
    return data + [int(without_figure)] if without_figure else data
