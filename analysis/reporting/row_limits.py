"""How long a report's table may grow: the rows shown and the count of those left out (with a link to the CSV
export, written by :func:`analysis.reporting.table_html.build_table_html`)."""

from __future__ import annotations

import pandas as pd

from analysis.reporting.table_html import ROWS_NOT_LISTED

DEFAULT_ROW_LIMIT = 50
"""Rows a long table shows at most (the rest are counted under it, with a link to the CSV export)."""


def limit_rows(table: pd.DataFrame, limit: int | None, noun: str = "rows", keep: str = "first") -> pd.DataFrame:
    """The first (``keep="first"``) or last ``limit`` rows of ``table``; the rest are counted, not shown.

    The count and ``noun`` (what a row is: ``"incidents"``, ``"weeks"`` ...)
    go into ``attrs`` so :func:`build_table_html` writes the line "N more
    <noun> are not listed" with a link to the CSV export. ``None`` keeps all
    (and, like any limit, tells :func:`show_table` the rows were chosen).

    >>> shown = limit_rows(pd.DataFrame({"n": range(5)}), 2, "incidents")
    >>> shown["n"].tolist(), shown.attrs[ROWS_NOT_LISTED]
    ([0, 1], {'count': 3, 'noun': 'incidents', 'where': 'more'})
    >>> limit_rows(pd.DataFrame({"n": range(5)}), 2, "weeks", keep="last")["n"].tolist()
    [3, 4]
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    if keep not in ("first", "last"):
        raise ValueError(f"keep must be 'first' or 'last', got {keep!r}")
    cut = limit is not None and len(table) > limit
    shown = (table.head(limit) if keep == "first" else table.tail(limit)) if cut else table
    shown = shown.copy()
    shown.attrs = dict(table.attrs)
    return note_rows_not_listed(shown, len(table) - len(shown), noun, "more" if keep == "first" else "earlier")


def note_rows_not_listed(shown: pd.DataFrame, count: int, noun: str, where: str = "more") -> pd.DataFrame:
    """Record in ``shown.attrs`` that ``count`` rows (``noun``) were left out (0: all rows are shown)."""
    shown.attrs[ROWS_NOT_LISTED] = {"count": int(count), "noun": noun, "where": where}
    return shown
