"""The HTML of a report table: escaped cells, figure columns that sort, incident ids linked to their cards.

:func:`build_table_html` writes a display frame (built by :mod:`analysis.reporting.tables`, which
re-exports these names) as escaped HTML: any text coming from the data is escaped here, where it
enters HTML.
"""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.metrics.frequency import NOT_COVERED
from analysis.reporting.formatting import AT_LEAST, AT_MOST, EN_DASH, NOT_APPLICABLE, UNKNOWN
from analysis.reporting.links import EXPORT_HREF, format_incident_link
from analysis.vocabulary import is_missing

INCIDENT_ID_COLUMNS = "incident_id_columns"
"""``DataFrame.attrs`` key: the display columns holding incident ids (linked to their cards)."""
ROWS_NOT_LISTED = "rows_not_listed"
"""``DataFrame.attrs`` key: how many rows :func:`limit_rows` left out, and how to name them."""
ROW_IDS = "row_ids"
"""``DataFrame.attrs`` key: an element id per row (``None``: no id), the anchors other tables link to."""
CELL_HREFS = "cell_hrefs"
"""``DataFrame.attrs`` key: ``{column: [href or None per row]}``, cells that link elsewhere (an operation toll)."""
FOLLOWING_TABLE = "following_table"
"""``DataFrame.attrs`` key: ``(table, caption)`` shown right under this one (the tolls its cells link to)."""
LINKED_WORDS = ("in operation toll",)
"""Cell texts starting so are words about a figure held elsewhere: never sorted as this row's figure."""
NOT_MEASURED = "not measured"
"""A rolling mean outside claimed coverage: the weeks around it are not complete counts."""

_NUMBER = r"-?\d[\d,]*(?:\.\d+)?"
_NUMERIC_CELL = re.compile(
    rf"^(?:[{AT_LEAST}{AT_MOST}]|at least |at most |about )?(?P<lead>{_NUMBER})%?(?:{EN_DASH}{_NUMBER}%?)?"
    r"(?: \([^()]*\))?$"
)
_MONTH_CELL = re.compile(r"^(?P<mon>[A-Z][a-z]{2}) (?P<year>\d{4})$")
_MONTHS = {m: f"{i:02d}" for i, m in enumerate(calendar.month_abbr) if m}
_NUM_CLASS = ' class="num"'


def _not_listed_html(not_listed: dict) -> str:
    """The line under a cut table: how many rows are left out and where the full data is."""
    count, noun = int(not_listed["count"]), str(not_listed["noun"])
    if count == 1:
        noun = {"incidents": "incident", "sources": "source", "rows": "row"}.get(noun, noun.removesuffix("s"))
    verb = "is" if count == 1 else "are"
    where = "the full table is in" if noun.startswith("incident") else "every incident is in"
    text = f"{count:,} {not_listed['where']} {noun} {verb} not listed: {where} "
    href = html.escape(EXPORT_HREF)
    return f'<p class="table-more">{html.escape(text)}<a href="{href}">{href}</a>.</p>'


def _sort_key(text: str) -> float | None:
    """The number a numeric cell sorts by (its lead figure: best estimate or minimum), else ``None``.

    >>> _sort_key("3 (2–4)"), _sort_key("≥1,203 (2 unknown)"), _sort_key("46%"), _sort_key("2024-01-05")
    (3.0, 1203.0, 46.0, None)
    """
    match = _NUMERIC_CELL.match(text)
    return float(match["lead"].replace(",", "")) if match else None


def _text_sort_key(text: str) -> str | None:
    """A sortable form of a period cell ("Jan 2024" -> "2024-01"; "week of 2024-01-22" -> "2024-01-22").

    >>> _text_sort_key("Feb 2024"), _text_sort_key("week of 2024-01-22"), _text_sort_key("Baghdad")
    ('2024-02', '2024-01-22', None)
    """
    month = _MONTH_CELL.match(text)
    if month and month["mon"] in _MONTHS:
        return f"{month['year']}-{_MONTHS[month['mon']]}"
    return text.removeprefix("week of ") if text.startswith("week of ") else None


def _is_numeric_column(texts: list[str]) -> bool:
    """A column of figures: every cell a number, range or share (or ``unknown``/``not covered``), one given."""
    known = [
        t
        for t in texts
        if t not in (UNKNOWN, NOT_APPLICABLE, NOT_COVERED, NOT_MEASURED) and not t.startswith(LINKED_WORDS)
    ]
    return bool(known) and all(_sort_key(t) is not None for t in known)


def build_table_html(
    table: pd.DataFrame,
    caption: str | None = None,
    index: bool = False,
    card_hrefs: Mapping[str, str] | None = None,
) -> str:
    """Render ``table`` as escaped HTML (every cell and header is escaped).

    Columns of figures (numbers, ranges like ``3 (2–4)``, shares) get the
    class ``num`` (right-aligned) and each cell a ``data-sort`` number (empty
    for ``unknown``, sorted last) that the report's table script sorts by; a
    cell of words alone (``unknown``, ``not applicable``) also gets ``words``,
    so it may wrap where a figure never does.
    Cells of the columns named in ``attrs[INCIDENT_ID_COLUMNS]`` link to the
    incident's card when ``card_hrefs`` (incident id -> href) has it. A table
    cut by :func:`limit_rows` ends with a line counting the rest.

    >>> out = build_table_html(pd.DataFrame({"a": ["<b>", "c"], "n": [3, None]}), caption="Two")
    >>> print("\\n".join(re.findall(r"<(?:caption|th|td)(?=[ >])[^>]*>[^<]*<", out)))
    <caption>Two<
    <th scope="col">a<
    <th scope="col" class="num">n<
    <td>&lt;b&gt;<
    <td class="num" data-sort="3">3<
    <td>c<
    <td class="num words" data-sort="">unknown<
    """
    names = ([table.index.name or ""] if index else []) + [str(c) for c in table.columns]
    columns = ([list(table.index)] if index else []) + [table[c].tolist() for c in table.columns]
    texts = [[_cell_text(v) for v in values] for values in columns]
    linked = set(table.attrs.get(INCIDENT_ID_COLUMNS, ())) if card_hrefs is not None else set()
    numeric = [name not in linked and _is_numeric_column(column) for name, column in zip(names, texts)]
    head = "".join(
        f'<th scope="col"{_NUM_CLASS if num else ""}>{html.escape(name)}</th>' for name, num in zip(names, numeric)
    )
    hrefs = table.attrs.get(CELL_HREFS, {})
    cells_by_column = []
    for name, column, num in zip(names, texts, numeric):
        if num:
            cells = [_numeric_cell(text) for text in column]
        elif name in linked:
            cells = [_incident_cell(text, card_hrefs) for text in column]
        else:
            cells = [_text_cell(text) for text in column]
        if name in hrefs:
            cells = [_link_cell(cell, text, href) for cell, text, href in zip(cells, column, hrefs[name])]
        cells_by_column.append(cells)
    ids = table.attrs.get(ROW_IDS) or [None] * len(table)
    rows = [_row_html(cells, i) for cells, i in zip(zip(*cells_by_column), ids)] if cells_by_column else []
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    out = f'<table class="report-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    not_listed = table.attrs.get(ROWS_NOT_LISTED)
    out += _not_listed_html(not_listed) if not_listed and not_listed["count"] else ""
    following = table.attrs.get(FOLLOWING_TABLE)
    return out + (build_table_html(*following) if following is not None else "")


def _row_html(cells, row_id: str | None) -> str:
    return (f'<tr id="{html.escape(row_id)}">' if row_id else "<tr>") + "".join(cells) + "</tr>"


def _link_cell(cell: str, text: str, href: str | None) -> str:
    """``cell`` (its ``<td ...>`` kept) with its text a link to ``href``; unchanged without one.

    >>> _link_cell('<td class="num">in operation toll: 3</td>', "in operation toll: 3", "#toll-T")
    '<td class="num words" data-sort=""><a href="#toll-T">in operation toll: 3</a></td>'
    """
    if not href:
        return cell
    opening = (
        '<td class="num words" data-sort="">'
        if text.startswith(LINKED_WORDS) and "num" in cell
        else cell[: cell.index(">") + 1]
    )
    return f'{opening}<a href="{html.escape(href)}">{html.escape(text)}</a></td>'


def _numeric_cell(text: str) -> str:
    key = _sort_key(text)
    sort = "" if key is None else f"{key:g}" if abs(key) < 1e15 else repr(key)
    words = "" if any(ch.isdigit() for ch in text) else " words"
    return f'<td class="num{words}" data-sort="{sort}">{html.escape(text)}</td>'


def _text_cell(text: str) -> str:
    key = _text_sort_key(text)
    sort = "" if key is None else f' data-sort="{html.escape(key)}"'
    return f"<td{sort}>{html.escape(text)}</td>"


def _incident_cell(text: str, card_hrefs: Mapping[str, str]) -> str:
    href = card_hrefs.get(text)
    return f"<td>{format_incident_link(text, href)}</td>" if href else _text_cell(text)


def _cell_text(value: object) -> str:
    """Text of one table cell: missing values read ``unknown``, never 0 or nan; figures with thousands separators.

    >>> _cell_text(pd.NA), _cell_text(30654), _cell_text(2085.75), _cell_text(True)
    ('unknown', '30,654', '2,085.75', 'True')
    """
    if is_missing(value):
        return UNKNOWN
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return f"{value:,}"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)
