"""Read the tables of a data directory into typed frames, and the public loader.

:func:`load_dataset` validates the whole directory once
(:func:`analysis.data.validate.validate_data_dir`) and raises
:class:`~analysis.data.problems.DataValidationError` listing every problem
when anything is wrong. Types, for every table:

- ``date`` columns: ``datetime64[s]`` (naive, midnight values);
- ``int`` columns: pandas ``Int64`` (missing = ``<NA>``);
- ``float`` columns: ``float64``;
- ``category`` columns: ``CategoricalDtype`` whose categories are the schema's
  allowed values in schema order (so counts can show zero rows);
- ``id``, ``ids`` and ``text`` columns: pandas ``string`` (missing = ``<NA>``).

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
import pyarrow.compute as pc
import pyarrow.csv as pv

from analysis import paths, schema
from analysis.data.coverage import build_coverage_rows
from analysis.data.problems import DataValidationError, Problem, show
from analysis.data.rules import gate, pandera_problems, parse_dates, parse_numbers
from analysis.schema import Column, Table

_INT64_LIMIT = 2.0**63

# --- the public loader ---------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """All tables of one data directory, validated together once."""

    data_dir: Path
    sources: pd.DataFrame
    places: pd.DataFrame
    incidents: pd.DataFrame
    evidence: pd.DataFrame
    context: pd.DataFrame
    reported_totals: pd.DataFrame
    coverage: pd.DataFrame
    """The periods the data claims to cover (``coverage.csv``); without that file, one row from the first to the
    last incident date (:func:`analysis.data.coverage.build_coverage_rows`)."""
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """Row counts, date span, coverage claim and the largest reported total, not eight tables of text."""
        from analysis.reporting.dataset_summary import describe_dataset  # a view, loaded only when shown

        return describe_dataset(self)

    def _repr_html_(self) -> str:
        from analysis.reporting.dataset_summary import describe_dataset_html

        return describe_dataset_html(self)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate ``data_dir`` (default: the bundled ``data/``) and return every table typed."""
    from analysis.data.validate import validate_data_dir  # the validator reads files through this module

    report = validate_data_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.problems, report.data_dir)
    tables = {t.name: report.tables.get(t.name, empty_table(t.name)) for t in schema.TABLES}
    if "coverage" not in report.tables:
        tables["coverage"] = build_coverage_rows(tables["incidents"])
    return Dataset(
        data_dir=Path(data_dir) if data_dir is not None else paths.DATA_DIR, notes=tuple(report.notes), **tables
    )


def load_incidents(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The incident table: one row per incident, columns of ``schema.INCIDENTS``."""
    return load_dataset(data_dir).incidents


def load_context(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Context events (columns of ``schema.CONTEXT``); empty when ``context.csv`` is absent."""
    return load_dataset(data_dir).context


def load_coverage(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Covered periods (columns of ``schema.COVERAGE``); the incidents' date span when ``coverage.csv`` is absent."""
    return load_dataset(data_dir).coverage


def load_reported_totals(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Reported totals (columns of ``schema.REPORTED_TOTALS``); empty when the file is absent."""
    return load_dataset(data_dir).reported_totals


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows and the typed columns of ``schema.table(name)``.

    >>> empty_table("context").dtypes["date"]
    dtype('<M8[s]')
    """
    t = schema.table(name)
    return pd.DataFrame({c.name: pd.Series([], dtype=dtype_of(c)) for c in t.columns})


def dtype_of(col: Column):
    """The pandas dtype a column has in the typed tables.

    >>> dtype_of(schema.INCIDENTS.column("geo_precision"))
    Int64Dtype()
    """
    if col.kind == "int":
        return pd.Int64Dtype()
    if col.kind == "float":
        return np.dtype("float64")
    if col.kind == "date":
        return np.dtype("datetime64[s]")
    if col.kind == "category":
        return pd.CategoricalDtype(list(col.allowed or ()))
    return pd.StringDtype("pyarrow")


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


def _arrow_type(col: Column) -> pa.DataType:
    return {
        "int": pa.int64(),
        "float": pa.float64(),
        "date": pa.date32(),
        "category": pa.dictionary(pa.int32(), pa.large_string()),
    }.get(col.kind, pa.large_string())


def _read_fast(read: TableRead) -> pd.DataFrame | None:
    """pyarrow read into typed columns; None when any gate fails (then read slowly)."""
    present = [c for c in read.table.columns if c.name in read.header]
    types = {c.name: _arrow_type(c) for c in present}
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
    cols = {}
    for col in table.columns:
        if col.name not in arrow.column_names:
            cols[col.name] = _empty_column(col, arrow.num_rows)
            continue
        arr = arrow.column(col.name)
        if col.kind == "int":
            cols[col.name] = arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
        elif col.kind == "float":
            cols[col.name] = arr.to_pandas()
        elif col.kind == "date":
            cols[col.name] = pd.Series(arr.cast(pa.timestamp("s")).to_pandas(), dtype="datetime64[s]")
        elif col.kind == "category":
            cols[col.name] = _categorical_from_dictionary(arr, col)
        else:
            text = pd.Series(pd.arrays.ArrowStringArray(arr)) if arr.num_chunks else pd.Series([], dtype="string")
            cols[col.name] = empty_as_missing(arr) if not col.required and arr.num_chunks else text
    return pd.DataFrame(cols, copy=False)


def empty_as_missing(arr: pa.ChunkedArray) -> pd.Series:
    """Text column with empty cells as ``<NA>``; shares the text buffers (only a validity bitmap is new).

    >>> empty_as_missing(pa.chunked_array([pa.array(["a", "", "b"], pa.large_string())])).tolist()
    ['a', <NA>, 'b']
    """
    chunks = []
    for chunk in arr.chunks:
        present = pc.not_equal(pc.binary_length(chunk), 0)
        if chunk.offset == 0 and chunk.null_count == 0 and present.offset == 0:
            chunks.append(pa.Array.from_buffers(chunk.type, len(chunk), [present.buffers()[1]] + chunk.buffers()[1:]))
        else:
            chunks.append(pc.if_else(present, chunk, pa.scalar(None, chunk.type)))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=arr.type)))


def _categorical_from_dictionary(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    """Dictionary-encoded arrow column -> Categorical with the schema's categories, in schema order."""
    allowed = list(col.allowed or ())
    position = {v: i for i, v in enumerate(allowed)}
    parts = []
    for chunk in arr.chunks:
        remap = np.array([position.get(v, -1) for v in chunk.dictionary.to_pylist()] + [-1], dtype=np.int64)
        idx = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        parts.append(remap[idx])
    codes = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(allowed)))


def _empty_column(col: Column, n: int) -> pd.Series:
    return pd.Series([None] * n, dtype=dtype_of(col))


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
    cols = {}
    for col in table.columns:
        if col.name not in raw.columns:
            cols[col.name] = _empty_column(col, len(raw))
            continue
        s = raw[col.name]
        if col.kind == "int":
            cols[col.name] = _whole_numbers(parse_numbers(s, "int"))
        elif col.kind == "float":
            cols[col.name] = parse_numbers(s, "float").astype("float64")
        elif col.kind == "date":
            cols[col.name] = parse_dates(s)
        elif col.kind == "category":
            cols[col.name] = pd.Series(
                pd.Categorical(s.where(s.isin(col.allowed or ())), categories=list(col.allowed or ()))
            )
        else:
            cols[col.name] = s.mask(s == "").astype(pd.StringDtype("pyarrow"))
    return pd.DataFrame(cols)


def _whole_numbers(v: pd.Series) -> pd.Series:
    """``Int64`` of parsed numbers; one int64 cannot hold becomes ``<NA>`` (its cell is reported), never wraps.

    >>> _whole_numbers(pd.Series([3.0, float("nan"), 1e20])).tolist()
    [3, <NA>, <NA>]
    """
    if not len(v):
        return v.astype("Int64")
    return v.where(v.isna() | ((v == v.round()) & (v.abs() < _INT64_LIMIT))).astype("Float64").astype("Int64")
