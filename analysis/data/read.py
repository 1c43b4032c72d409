"""Read the tables of a data directory into typed frames.

Each column has the pandas dtype of its kind (:mod:`analysis.data.kinds`);
the public loader that validates a whole directory is
:func:`analysis.data.dataset.load_dataset`.

Columns come in schema order (:mod:`analysis.schema`).

Speed: a file is first read by pyarrow straight into typed columns and
checked with the vectorized gates of :mod:`analysis.data.rules`; only when a
gate fails is it read again as text (pyarrow, or the ``csv`` module with line
tracking when rows are ragged) and run through the pandera schema to find the
failing cells and their lines. A file that is not UTF-8 is reported at the
line of its first bad byte and not checked further.
"""

from __future__ import annotations

import csv
import difflib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pv

from analysis.data.kinds import arrow_from_written_text, empty_column, kind_of
from analysis.data.kinds import empty_as_missing as empty_as_missing  # the importers take it from here
from analysis.data.problems import Problem, show
from analysis.data.rules import gate, pandera_problems
from analysis.schema import Table

# --- one file --------------------------------------------------------------------


@dataclass
class TableRead:
    """One table file as read: its typed frame and where each row starts."""

    table: Table
    label: str
    path: Path
    frame: pd.DataFrame | None = None
    header: list[str] = field(default_factory=list)
    _lines: np.ndarray | None = None
    id_items: dict[str, list[str]] = field(default_factory=dict)
    """Distinct ``;``-separated items (stripped) of each ``ids`` column, when the fast read saw them."""

    def line(self, row: int) -> int:
        """Physical line where row ``row`` (0-based, data rows only) starts."""
        if self._lines is None:
            self._lines = record_start_lines(self.path)
        return int(self._lines[row]) if row < len(self._lines) else row + 2


def read_table(table: Table, path: Path, label: str, problems: list[Problem]) -> TableRead | None:
    """Read one file into a typed frame, adding problems; None when unreadable."""
    read = TableRead(table, label, path)
    try:
        header = _read_header(path)
    except UnicodeDecodeError:
        problems.append(_utf8_problem(path, label))
        return None
    if header is None:
        problems.append(Problem(label, 1, "-", "empty file", f"header row {show(','.join(table.column_names))}"))
        return None
    read.header = header
    problems.extend(_check_header(table, header, label))
    fast = _read_fast(read) if len(set(header)) == len(header) else None
    if fast is None:
        return _read_slow(read, problems)
    read.frame = fast
    return read


def read_written_table(
    table: Table, text: pa.Table, path: Path, label: str, problems: list[Problem]
) -> TableRead | None:
    """The file ``path`` just written from ``text`` (every cell as text, null for an empty cell; the columns as
    written), typed as :func:`read_table` types that file but without reading it back.

    Whenever the read of the file could tell more than the cells in memory do (the header is not exactly
    the schema's, the table is empty, a number or date cell is not as pyarrow writes it, or a cell rule
    fails), the file itself is read by :func:`read_table`: problems always come from the file and its lines.
    """
    header = list(text.column_names)
    if not text.num_rows or _check_header(table, header, label) or len(set(header)) != len(header):
        return read_table(table, path, label, problems)
    typed = {c.name: arrow_from_written_text(text.column(c.name), c) for c in table.columns}
    id_items: dict[str, list[str]] = {}
    if any(arr is None for arr in typed.values()) or not all(gate(c, typed[c.name], id_items) for c in table.columns):
        return read_table(table, path, label, problems)
    read = TableRead(table, label, path, header=header, id_items=id_items)
    read.frame = _typed_from_arrow(table, pa.table(typed))
    return read


def read_csv_as_text(path: Path, columns: tuple[str, ...] | None = None) -> pa.Table | None:
    """Every cell of a CSV file as text (``""`` for an empty cell) by pyarrow; None when a row is ragged,
    the CSV is malformed or a byte is not UTF-8 (then :func:`find_utf8_problem` and
    :func:`record_start_lines` tell where). ``columns``: only those of the header are converted and kept
    (every row is still parsed and checked)."""
    header = _read_header(path)
    if header is None or len(set(header)) != len(header):
        return None
    kept = header if columns is None else [n for n in header if n in columns]
    convert = pv.ConvertOptions(
        column_types={n: pa.large_string() for n in kept}, strings_can_be_null=False, include_columns=kept
    )
    return _read_arrow(path, convert)


def read_header(path: Path) -> list[str] | None:
    """The header row of a CSV file (a UTF-8 BOM is dropped); None when the file holds no header."""
    return _read_header(path)


def find_utf8_problem(path: Path, label: str) -> Problem | None:
    """A problem at the line of the file's first byte that is not UTF-8; None when it is all UTF-8."""
    return _utf8_problem(path, label)


# --- lines, encoding and header -----------------------------------------------------


class _UnreadableCsv(csv.Error):
    """The csv module gave up; ``line`` is where the record it was reading starts."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def _records(handle) -> Iterator[tuple[int, list[str]]]:
    """``(start line, cells)`` of every non-blank record after the header (quoted line breaks counted).

    >>> list(_records(io.StringIO('a,b\\n"x\\ny",1\\n\\n2,3\\n', newline="")))
    [(2, ['x\\ny', '1']), (5, ['2', '3'])]
    """
    _raise_field_limit()
    reader = csv.reader(handle)
    previous = 0
    try:
        for i, record in enumerate(reader):
            start, previous = previous + 1, reader.line_num
            if i and record:
                yield start, record
    except csv.Error as err:
        raise _UnreadableCsv(previous + 1, str(err)) from err


def record_start_lines(path: Path) -> np.ndarray:
    """Start line of every non-blank record after the header, as pyarrow counts rows."""
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        return np.asarray([start for start, _ in _records(f)], dtype=np.int64)


def _raise_field_limit() -> None:
    """Let the csv module read very long cells (a 10 MB note)."""
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)


def _utf8_problem(path: Path, label: str) -> Problem | None:
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return Problem(
            label,
            line,
            "-",
            f"byte 0x{data[err.start]:02x} that is not UTF-8",
            "a UTF-8 encoded file (save it as UTF-8)",
        )


def _read_header(path: Path) -> list[str] | None:
    """The header row, or None when the file holds no header at all."""
    _raise_field_limit()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for record in csv.reader(f):
            if record and any(cell.strip() for cell in record):
                return record
    return None


def _check_header(table: Table, header: list[str], label: str) -> list[Problem]:
    """Exactly the schema's columns, in any order, each once; an unknown column gets a "did you mean"."""
    problems = []
    names = table.column_names
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(label, 1, name, f"column {show(name)} twice", "each column once"))
        seen.add(name)
        if name not in names:
            guess = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            hint = f" (did you mean {guess[0]!r}?)" if guess else f": {', '.join(names)}"
            problems.append(Problem(label, 1, name, f"unknown column {show(name)}", f"a column of {table.file}{hint}"))
    for name in names:
        if name not in seen:
            problems.append(
                Problem(
                    label,
                    1,
                    name,
                    "no such column in the header",
                    f"column {name!r} ({table.file} has {len(names)} columns)",
                )
            )
    return problems


# --- fast path: pyarrow into typed columns -------------------------------------------


class _InvalidRows(list):
    """pyarrow's ``invalid_row_handler``: remember each ragged row and skip it."""

    def __call__(self, row) -> str:
        self.append(row)
        return "skip"


def _read_arrow(path: Path, convert: pv.ConvertOptions) -> pa.Table | None:
    """pyarrow's read of ``path``; None when a row is ragged or the CSV is malformed.

    Tries first without line breaks in quoted cells (faster), then with them.
    """
    for newlines in (False, True):
        invalid = _InvalidRows()
        parse = pv.ParseOptions(newlines_in_values=newlines, invalid_row_handler=invalid)
        try:
            arrow = pv.read_csv(path, parse_options=parse, convert_options=convert)
        except (pa.ArrowException, ValueError, OSError):
            continue
        return None if invalid else arrow
    return None


def _read_fast(read: TableRead) -> pd.DataFrame | None:
    """pyarrow read into typed columns; None when any gate fails (then read slowly)."""
    present = [c for c in read.table.columns if c.name in read.header]
    types = {c.name: kind_of(c).arrow_type for c in present}
    types.update({n: pa.large_string() for n in read.header if n not in types})
    convert = pv.ConvertOptions(
        column_types=types, null_values=[""], strings_can_be_null=False, quoted_strings_can_be_null=False
    )
    arrow = _read_arrow(read.path, convert)
    if arrow is None:
        return None
    id_items: dict[str, list[str]] = {}
    if not all(gate(col, arrow.column(col.name), id_items) for col in present):
        return None
    read.id_items = id_items
    return _typed_from_arrow(read.table, arrow)


def _typed_from_arrow(table: Table, arrow: pa.Table) -> pd.DataFrame:
    cols = {
        col.name: kind_of(col).from_arrow(arrow.column(col.name), col)
        if col.name in arrow.column_names
        else empty_column(col, arrow.num_rows)
        for col in table.columns
    }
    return pd.DataFrame(cols, copy=False)


# --- slow path: every cell as text, then pandera -------------------------------------


def _read_slow(read: TableRead, problems: list[Problem]) -> TableRead | None:
    """Cell-by-cell read with line numbers; pandera finds the failing cells."""
    bad = _utf8_problem(read.path, read.label)
    if bad:
        problems.append(bad)
        return None
    raw = _strings_by_arrow(read) if len(set(read.header)) == len(read.header) else None
    if raw is None:
        raw = _strings_by_csv(read, problems)
    present = [c for c in read.table.columns if c.name in raw.columns]
    raw = raw[[c.name for c in present]].astype(pd.StringDtype("pyarrow")).reset_index(drop=True)
    problems.extend(pandera_problems(read, raw))
    read.frame = _typed_from_strings(read.table, raw)
    return read


def _strings_by_arrow(read: TableRead) -> pd.DataFrame | None:
    """Every cell as text via pyarrow (fast); None when a row is ragged or the CSV is malformed."""
    convert = pv.ConvertOptions(column_types={n: pa.large_string() for n in read.header}, strings_can_be_null=False)
    arrow = _read_arrow(read.path, convert)
    if arrow is None:
        return None
    return pd.DataFrame(
        {
            n: pd.Series(pd.arrays.ArrowStringArray(arrow.column(n)))
            if arrow.column(n).num_chunks
            else pd.Series([], dtype=pd.StringDtype("pyarrow"))
            for n in arrow.column_names
        },
        copy=False,
    )


def _strings_by_csv(read: TableRead, problems: list[Problem]) -> pd.DataFrame:
    """Every cell as text via the csv module, reporting ragged rows; records the start line of each row."""
    text = read.path.read_bytes().decode("utf-8-sig")
    width = len(read.header)
    rows, lines = [], []
    try:
        for start, record in _records(io.StringIO(text, newline="")):
            if len(record) != width:
                problems.append(
                    Problem(read.label, start, "-", f"{len(record)} cells", f"{width} cells as in the header")
                )
                continue
            rows.append(record)
            lines.append(start)
    except _UnreadableCsv as err:
        problems.append(Problem(read.label, err.line, "-", f"unreadable CSV ({err})", "well-formed CSV"))
    header = read.header
    raw = pd.DataFrame(rows, columns=header if len(set(header)) == len(header) else range(width), dtype=object)
    if len(set(header)) != len(header):
        raw = raw.loc[:, ~pd.Index(header).duplicated()]
        raw.columns = list(dict.fromkeys(header))
    raw = raw.reset_index(drop=True)
    read._lines = np.asarray(lines, dtype=np.int64)
    return raw


def _typed_from_strings(table: Table, raw: pd.DataFrame) -> pd.DataFrame:
    cols = {
        col.name: kind_of(col).from_text(raw[col.name], col) if col.name in raw.columns else empty_column(col, len(raw))
        for col in table.columns
    }
    return pd.DataFrame(cols)
