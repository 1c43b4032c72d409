"""Check a data directory against :mod:`analysis.schema` and say what is wrong.

Every problem is a :class:`Problem` printed as::

    FILE:LINE: COLUMN: found X, expected Y

``FILE`` is the path as given (``data/incidents.csv``), ``LINE`` the 1-based
physical line where the record starts (the header is line 1; quoted cells
that span lines are counted). Problems about a whole file use column ``-``
and line 0 (file missing, no rows) or line 1 (empty file, header). A file
that is not UTF-8 is reported at the line of its first bad byte and not
checked further.

What is checked:

- files: the four core tables (sources, places, incidents, evidence) must
  exist; ``context.csv`` and ``reported_totals.csv`` are optional and checked
  when present. UTF-8 (a BOM is accepted) with LF or CRLF line endings.
- header: exactly the schema's columns, in any order, each once; an
  unknown column gets a "did you mean" suggestion.
- cells (a pandera schema built from :mod:`analysis.schema`): required,
  allowed values, id patterns, whole numbers, decimals, real ``YYYY-MM-DD``
  dates, bounds, unique ids. Spaces around numbers and dates are ignored.
- rows: each ``*_min`` <= ``*_max``, and ``*_min`` <= ``*_best`` <=
  ``*_max`` where a best column exists; ``sub_event_type`` belongs to
  ``event_type``.
- across files: source, place and incident references resolve; raw files
  exist and match their sha256; quotes occur in their raw file (exactly, or
  after collapsing runs of white space); coordinates lie in the stated
  country (:func:`analysis.geo.points_in_country`); every incident has
  evidence for ``schema.EVIDENCE_REQUIRED_FIELDS`` and for each casualty
  pair that holds a figure. Incidents whose sources are all external
  references (url, no raw file) are exempt from the evidence rules; they are
  counted in a note, not reported as problems.

Speed: a file is first read by pyarrow straight into typed columns and
checked with vectorized gates; only when a gate fails is it read again cell
by cell (Python ``csv`` with line tracking) and run through the pandera
schema to find the failing cells and their lines.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from analysis import paths, schema
from analysis.geo import DEFAULT_TOLERANCE_KM, find_countries_containing, points_in_country
from analysis.schema import Column, Table

CORE_TABLES = tuple(t.name for t in schema.TABLES if not t.optional)
"""Tables whose file must exist (sources, places, incidents, evidence); optional ones are checked when present."""
FOUND_WIDTH = 60
_NUMBER_INT = r"^\s*[+-]?\d+\s*$"
_NUMBER_FLOAT = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
_DATE_FORMAT = r"^\s*\d{4}-\d{2}-\d{2}\s*$"
# evidence.field may name a column, a casualty pair, or one of these words
EVIDENCE_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event_date",),
    "place": ("location",),
    "casualties": schema.CASUALTY_PREFIXES,
}


# --- problems and report ---------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located for a person to fix."""

    file: str
    line: int
    column: str
    found: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: found {self.found}, expected {self.expected}"


class DataValidationError(ValueError):
    """The data directory breaks the schema; ``.problems`` lists every problem."""

    def __init__(self, problems: list[Problem], data_dir: Path | str = ""):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problems in {data_dir}:\n{lines}")


@dataclass
class ValidationReport:
    """The outcome of :func:`validate_data_dir`.

    ``tables`` holds the typed tables (see :mod:`analysis.load`) as far as
    they could be read, ``notes`` informational lines that are not problems.
    """

    data_dir: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: ``data/ OK: 3 incidents, ...`` or ``N problems in data/``."""
        if self.problems:
            return f"{len(self.problems)} problem{'s' * (len(self.problems) != 1)} in {self.data_dir}"
        counts = ", ".join(f"{len(self.tables[t.name])} {_plural(t.name, len(self.tables[t.name]))}"
                           for t in schema.TABLES if t.name in self.tables)
        return f"{self.data_dir} OK: {counts}"

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems] + [f"note: {n}" for n in self.notes] + [self.summary()]


def _plural(table_name: str, n: int) -> str:
    words = {"evidence": "evidence rows", "context": "context rows", "reported_totals": "reported totals"}
    word = words.get(table_name, table_name)
    return word[:-1] if n == 1 and word.endswith("s") else word


def show(value: object, width: int = FOUND_WIDTH) -> str:
    """Quote a found value for a message, shortened to about ``width`` characters.

    >>> show("25/07/2024")
    "'25/07/2024'"
    >>> show("x" * 100)[-6:]
    "xx...'"
    >>> show(None)
    'an empty cell'
    """
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "an empty cell"
    text = str(value)
    if text == "":
        return "an empty cell"
    if len(text) > width:
        text = text[: width - 3] + "..."
    return repr(text)


# --- reading -----------------------------------------------------------------

@dataclass
class _Read:
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
            self._lines = _record_start_lines(self.path)
        return int(self._lines[row]) if row < len(self._lines) else row + 2


def _arrow_type(col: Column) -> pa.DataType:
    return {"int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
            "category": pa.dictionary(pa.int32(), pa.large_string())}.get(col.kind, pa.large_string())


def _record_start_lines(path: Path) -> np.ndarray:
    """Start line of every non-blank record after the header, as pyarrow counts rows."""
    _raise_field_limit()
    starts = []
    with open(path, encoding="utf-8-sig", errors="replace", newline="") as f:
        reader = csv.reader(f)
        previous = 0
        for i, record in enumerate(reader):
            start = previous + 1
            previous = reader.line_num
            if i == 0 or not record:
                continue
            starts.append(start)
    return np.asarray(starts, dtype=np.int64)


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
        return Problem(label, line, "-", f"byte 0x{data[err.start]:02x} that is not UTF-8",
                       "a UTF-8 encoded file (save it as UTF-8)")


def _read_header(path: Path) -> list[str] | None:
    """The header row, or None when the file holds no header at all."""
    _raise_field_limit()
    with open(path, encoding="utf-8-sig", newline="") as f:
        for record in csv.reader(f):
            if record and any(cell.strip() for cell in record):
                return record
    return None


def _check_header(table: Table, header: list[str], label: str) -> list[Problem]:
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
            problems.append(Problem(label, 1, name, f"unknown column {show(name)}",
                                    f"a column of {table.file}{hint}"))
    for name in names:
        if name not in seen:
            problems.append(Problem(label, 1, name, "no such column in the header",
                                    f"column {name!r} ({table.file} has {len(names)} columns)"))
    return problems


def _read_table(table: Table, path: Path, label: str, problems: list[Problem]) -> _Read | None:
    """Read one file into a typed frame, adding problems; None when unreadable."""
    read = _Read(table, label, path)
    try:
        header = _read_header(path)
    except UnicodeDecodeError:
        problems.append(_utf8_problem(path, label))
        return None
    if header is None:
        problems.append(Problem(label, 1, "-", "empty file",
                                f"header row {show(','.join(table.column_names))}"))
        return None
    read.header = header
    problems.extend(_check_header(table, header, label))
    if len(set(header)) != len(header):
        return _read_slow(read, problems)
    fast = _read_fast(read)
    if fast is None:
        return _read_slow(read, problems)
    read.frame = fast
    return read


def _read_fast(read: _Read) -> pd.DataFrame | None:
    """pyarrow read into typed columns; None when any gate fails (then read slowly)."""
    present = [c for c in read.table.columns if c.name in read.header]
    types = {c.name: _arrow_type(c) for c in present}
    types.update({n: pa.large_string() for n in read.header if n not in types})
    invalid = []

    def on_invalid(row):
        invalid.append(row)
        return "skip"

    convert = pv.ConvertOptions(column_types=types, null_values=[""], strings_can_be_null=False,
                                quoted_strings_can_be_null=False)
    for newlines in (False, True):
        parse = pv.ParseOptions(newlines_in_values=newlines, invalid_row_handler=on_invalid)
        try:
            arrow = pv.read_csv(read.path, parse_options=parse, convert_options=convert)
            break
        except (pa.ArrowInvalid, pa.ArrowException, ValueError, OSError):
            if newlines:
                return None
            invalid.clear()
    if invalid:
        return None
    id_items: dict[str, list[str]] = {}
    for col in present:
        if not _gate(col, arrow.column(col.name), id_items):
            return None
    read.id_items = id_items
    return _typed_from_arrow(read.table, arrow)


def _gate(col: Column, arr: pa.ChunkedArray, id_items: dict[str, list[str]] | None = None) -> bool:
    """True when every value of ``arr`` passes the column's rules (fast, no locations).

    The distinct items of an ``ids`` column are left in ``id_items`` for the cross-file checks.
    """
    if len(arr) == 0:
        return True
    if col.kind == "category":
        seen = {v for chunk in arr.chunks for v in chunk.dictionary.to_pylist()}
        allowed = set(col.allowed or ()) | (set() if col.required else {""})
        return seen <= allowed
    if col.required and arr.null_count:
        return False
    if col.kind in ("int", "float"):
        if arr.null_count == len(arr):
            return True
        lo, hi = pc.min_max(arr).values()
        if col.kind == "float" and (pc.any(pc.is_nan(arr)).as_py() or pc.any(pc.is_inf(arr)).as_py()):
            return False
        if col.minimum is not None and lo.as_py() < col.minimum:
            return False
        if col.maximum is not None and hi.as_py() > col.maximum:
            return False
        return True
    if col.kind == "date":
        return True  # pyarrow accepted only real YYYY-MM-DD dates
    lengths = pc.binary_length(arr)
    if col.required and pc.min(lengths).as_py() == 0:
        return False
    if col.pattern:
        ok = pc.match_substring_regex(arr, col.pattern)
        if not col.required:
            ok = pc.or_(ok, pc.equal(lengths, 0))
        if not pc.all(ok).as_py():
            return False
    if col.kind == "ids":
        items = _distinct_id_items(arr)
        if not all(re.match(schema._ID_PATTERN, i) for i in items):
            return False
        if id_items is not None:
            id_items[col.name] = items
    if col.unique and len(pc.unique(arr)) != len(arr):
        return False
    return True


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
            cols[col.name] = _empty_as_missing(arr) if not col.required and arr.num_chunks else text
    return pd.DataFrame(cols, copy=False)


def _empty_as_missing(arr: pa.ChunkedArray) -> pd.Series:
    """Text column with empty cells as ``<NA>``; shares the text buffers (only a validity bitmap is new).

    >>> _empty_as_missing(pa.chunked_array([pa.array(["a", "", "b"], pa.large_string())])).tolist()
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


def _isin(values: pd.Series, known) -> np.ndarray:
    """Vectorized membership test of a text Series (pyarrow; NA -> False).

    >>> _isin(pd.Series(["a", None, "c"], dtype="string"), ["a", "b"]).tolist()
    [True, False, False]
    """
    def as_arrow(x):
        return pa.array(pd.Series(x, dtype=pd.StringDtype("pyarrow")).array, type=pa.large_string())

    value_set = as_arrow(known).drop_null()
    arr = as_arrow(values)
    return pc.fill_null(pc.is_in(arr, value_set=value_set), False).to_numpy(zero_copy_only=False)


def _empty_column(col: Column, n: int) -> pd.Series:
    return pd.Series([None] * n, dtype=dtype_of(col))


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


def _read_slow(read: _Read, problems: list[Problem]) -> _Read | None:
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
    problems.extend(_pandera_problems(read, raw))
    read.frame = _typed_from_strings(read.table, raw)
    return read


def _strings_by_arrow(read: _Read) -> pd.DataFrame | None:
    """Every cell as text via pyarrow (fast); None when a row is ragged or the CSV is malformed."""
    invalid = []

    def on_invalid(row):
        invalid.append(row)
        return "skip"

    convert = pv.ConvertOptions(column_types={n: pa.large_string() for n in read.header}, strings_can_be_null=False)
    for newlines in (False, True):
        try:
            arrow = pv.read_csv(read.path, convert_options=convert,
                                parse_options=pv.ParseOptions(newlines_in_values=newlines, invalid_row_handler=on_invalid))
            break
        except (pa.ArrowException, ValueError, OSError):
            if newlines:
                return None
            invalid.clear()
    if invalid:
        return None
    return pd.DataFrame({n: pd.Series(pd.arrays.ArrowStringArray(arrow.column(n))) if arrow.column(n).num_chunks
                         else pd.Series([], dtype=pd.StringDtype("pyarrow")) for n in arrow.column_names}, copy=False)


def _strings_by_csv(read: _Read, problems: list[Problem]) -> pd.DataFrame:
    """Every cell as text via the csv module, reporting ragged rows; records the start line of each row."""
    _raise_field_limit()
    text = read.path.read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    width = len(read.header)
    rows, lines = [], []
    previous = 0
    try:
        for i, record in enumerate(reader):
            start = previous + 1
            previous = reader.line_num
            if i == 0 or not record:
                continue
            if i > 0 and len(record) != width:
                problems.append(Problem(read.label, start, "-", f"{len(record)} cells",
                                        f"{width} cells as in the header"))
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        problems.append(Problem(read.label, previous + 1, "-", f"unreadable CSV ({err})", "well-formed CSV"))
    header = read.header
    raw = pd.DataFrame(rows, columns=header if len(set(header)) == len(header) else range(width), dtype=object)
    if len(set(header)) != len(header):
        raw = raw.loc[:, ~pd.Index(header).duplicated()]
        raw.columns = list(dict.fromkeys(header))
    raw = raw.reset_index(drop=True)
    read._lines = np.asarray(lines, dtype=np.int64)
    return raw


# --- cell rules as a pandera schema ----------------------------------------

def _expected_allowed(col: Column) -> str:
    values = ", ".join(col.allowed or ())
    return f"one of {values}" if len(values) <= 200 else f"one of the {len(col.allowed)} values in CODEBOOK.md"


def _bounds_text(col: Column) -> str:
    fmt = (lambda v: f"{v:g}")
    if col.minimum is not None and col.maximum is not None:
        return f"a number from {fmt(col.minimum)} to {fmt(col.maximum)}"
    if col.minimum is not None:
        return f"a number >= {fmt(col.minimum)}" if col.minimum != 0 else "a number >= 0 (not negative)"
    return f"a number <= {fmt(col.maximum)}"


def _as_arrow(s: pd.Series) -> pa.Array:
    return pa.array(pd.Series(s, dtype=pd.StringDtype("pyarrow")).array, type=pa.large_string())


def _fullmatch(s: pd.Series, pattern: str) -> pd.Series:
    """Vectorized (pyarrow RE2) full match of ``pattern``; NA -> False.

    >>> _fullmatch(pd.Series(["12", "x1", None]), r"^\\d+$").tolist()
    [True, False, False]
    """
    regex = "^(?:" + pattern.removeprefix("^").removesuffix("$") + ")$"
    hits = pc.fill_null(pc.match_substring_regex(_as_arrow(s), regex), False)
    return pd.Series(hits.to_numpy(zero_copy_only=False), index=s.index)


def _parse_numbers(s: pd.Series, kind: str) -> pd.Series:
    """Numbers of well-formed cells as float64 (NaN elsewhere)."""
    ok = _fullmatch(s, _NUMBER_INT if kind == "int" else _NUMBER_FLOAT).to_numpy()
    text = pc.utf8_trim_whitespace(_as_arrow(s))
    values = pc.cast(pc.if_else(pa.array(ok), text, pa.scalar(None, pa.large_string())), pa.float64())
    return pd.Series(values.to_numpy(zero_copy_only=False), index=s.index, dtype="float64")


def _parse_dates(s: pd.Series) -> pd.Series:
    """Dates of cells holding a real ``YYYY-MM-DD`` date (NaT elsewhere).

    >>> _parse_dates(pd.Series(["2024-02-29", "2024-02-30", "25/07/2024"])).tolist()
    [Timestamp('2024-02-29 00:00:00'), NaT, NaT]
    """
    ok = pa.array(_fullmatch(s, _DATE_FORMAT).to_numpy())
    text = pc.if_else(ok, pc.utf8_trim_whitespace(_as_arrow(s)), pa.scalar(None, pa.large_string()))
    stamps = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    real = pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), text)  # strptime rolls 02-30 over to 03-01
    stamps = pc.if_else(pc.fill_null(real, False), stamps, pa.scalar(None, pa.timestamp("s")))
    return pd.Series(stamps.to_numpy(zero_copy_only=False), index=s.index, dtype="datetime64[s]")


def cell_checks(col: Column) -> list:
    """The pandera checks of one column, built from its declaration in :mod:`analysis.schema`.

    Each check's ``error`` is the "expected" part of the problem message.
    Cells are strings; empty cells pass every check but "required".
    """
    import pandera.pandas as pdr

    def blank(s):
        return s.eq("") | s.isna()

    checks = []
    if col.required:
        checks.append(pdr.Check(lambda s: ~blank(s), error="a value (the column is required)"))
    if col.kind == "category":
        checks.append(pdr.Check(lambda s, a=col.allowed: s.isin(a) | blank(s), error=_expected_allowed(col)))
    if col.pattern and col.kind != "date":
        what = "an id of letters, digits and _ . : - (no spaces)" if col.kind == "id" else f"text matching {col.pattern}"
        checks.append(pdr.Check(lambda s, p=col.pattern: _fullmatch(s, p) | blank(s), error=what))
    if col.kind == "ids":
        item = schema._ID_PATTERN.strip("^$")
        checks.append(pdr.Check(lambda s: _fullmatch(s, rf"\s*{item}(\s*;\s*{item})*\s*") | blank(s),
                                error="';'-separated ids"))
    if col.kind == "date":
        checks.append(pdr.Check(lambda s: _fullmatch(s, _DATE_FORMAT) | blank(s),
                                error="a date as YYYY-MM-DD"))
        checks.append(pdr.Check(lambda s: _parse_dates(s).notna() | ~_fullmatch(s, _DATE_FORMAT) | blank(s),
                                error="a real calendar date (YYYY-MM-DD)"))
    if col.kind in ("int", "float"):
        word = "a whole number" if col.kind == "int" else "a decimal number"
        pattern = _NUMBER_INT if col.kind == "int" else _NUMBER_FLOAT
        checks.append(pdr.Check(lambda s, p=pattern: _fullmatch(s, p) | blank(s), error=word))
        if col.minimum is not None or col.maximum is not None:
            def in_bounds(s, c=col):
                v = _parse_numbers(s, c.kind)
                ok = v.isna()
                if c.minimum is not None:
                    ok |= v >= c.minimum
                if c.maximum is not None:
                    ok = ok & (v.isna() | (v <= c.maximum)) if c.minimum is None else (v.isna() | ((v >= c.minimum) & (v <= c.maximum)))
                return ok
            checks.append(pdr.Check(in_bounds, error=_bounds_text(col)))
    return checks


def pandera_schema(table: Table):
    """The pandera ``DataFrameSchema`` of a table's cells (all read as strings)."""
    import pandera.pandas as pdr

    return pdr.DataFrameSchema(
        {c.name: pdr.Column("string", checks=cell_checks(c), nullable=True, required=False,
                            unique=c.unique, report_duplicates="exclude_first")
         for c in table.columns},
        name=table.name,
    )


def _pandera_problems(read: _Read, raw: pd.DataFrame) -> list[Problem]:
    import pandera.pandas as pdr

    if raw.empty:
        return []
    try:
        pandera_schema(read.table).validate(raw, lazy=True)
        return []
    except pdr.errors.SchemaErrors as err:
        cases = err.failure_cases
    problems = []
    firsts: dict[str, dict] = {}
    for case in cases.itertuples(index=False):
        if case.index is None or pd.isna(case.index):
            continue
        row = int(case.index)
        column = str(case.column)
        value = raw.at[row, column]
        if case.check == "field_uniqueness":
            if column not in firsts:
                col_values = raw[column]
                firsts[column] = dict(zip(col_values[~col_values.duplicated()].tolist(),
                                          np.flatnonzero(~col_values.duplicated().to_numpy()).tolist()))
            first = firsts[column][value]
            problems.append(Problem(read.label, read.line(row), column, f"duplicate {show(value)}",
                                    f"a unique {column} (first used on line {read.line(first)})"))
            continue
        found = show(value)
        expected = str(case.check)
        if expected.startswith("a real calendar") or (expected.startswith("a date") and re.match(r"^\d{1,2}/\d{1,2}/\d{4}$", str(value).strip())):
            expected = expected if expected.startswith("a real") else "a date as YYYY-MM-DD (year first, e.g. 2024-07-25)"
        problems.append(Problem(read.label, read.line(row), column, found, expected))
    return problems


def _typed_from_strings(table: Table, raw: pd.DataFrame) -> pd.DataFrame:
    cols = {}
    for col in table.columns:
        if col.name not in raw.columns:
            cols[col.name] = _empty_column(col, len(raw))
            continue
        s = raw[col.name]
        if col.kind == "int":
            v = _parse_numbers(s, "int")
            cols[col.name] = v.where(v.isna() | (v == v.round())).astype("Float64").astype("Int64") if len(v) else v.astype("Int64")
        elif col.kind == "float":
            cols[col.name] = _parse_numbers(s, "float").astype("float64")
        elif col.kind == "date":
            cols[col.name] = _parse_dates(s)
        elif col.kind == "category":
            cols[col.name] = pd.Series(pd.Categorical(s.where(s.isin(col.allowed or ())), categories=list(col.allowed or ())))
        else:
            cols[col.name] = s.mask(s == "").astype(pd.StringDtype("pyarrow"))
    return pd.DataFrame(cols)


# --- row and cross-file rules ----------------------------------------------

def _rows(read: _Read, mask) -> np.ndarray:
    return np.flatnonzero(np.asarray(mask, dtype=bool))


def _check_pairs(read: _Read, problems: list[Problem]) -> None:
    """Each ``X_min`` <= ``X_max``; where the table has ``X_best``, also ``X_min`` <= ``X_best`` <= ``X_max``.

    Empty cells are not compared (an empty max is open, an empty best is no estimate).
    """
    df = read.frame
    for col in read.table.columns:
        if not col.name.endswith("_min"):
            continue
        prefix = col.name[:-4]
        low, best, high = f"{prefix}_min", f"{prefix}_best", f"{prefix}_max"
        for a, b in ((low, high), (low, best), (best, high)):
            if a not in df.columns or b not in df.columns:
                continue
            bad = (df[a] > df[b]).fillna(False)
            for row in _rows(read, bad):
                problems.append(Problem(read.label, read.line(row), a, f"{df.at[row, a]} > {b} {df.at[row, b]}",
                                        f"{a} <= {b}"))


def _check_sub_event_types(read: _Read, problems: list[Problem]) -> None:
    """``sub_event_type`` must be one of the sub-types of ``event_type`` (schema.EVENT_TYPES)."""
    df = read.frame
    events = list(schema.EVENT_TYPES)
    sub, ev = df["sub_event_type"], df["event_type"]
    parent = np.array([events.index(next(e for e, subs in schema.EVENT_TYPES.items() if c in subs))
                       for c in sub.cat.categories] + [-1])
    sub_codes, ev_codes = sub.cat.codes.to_numpy(), ev.cat.codes.to_numpy()
    bad = (sub_codes >= 0) & (ev_codes >= 0) & (parent[sub_codes] != ev_codes)
    for row in _rows(read, bad):
        s_val, e_val = sub.iat[row], ev.iat[row]
        problems.append(Problem(read.label, read.line(row), "sub_event_type", f"{show(s_val)} with event_type {show(e_val)}",
                                f"one of {', '.join(schema.EVENT_TYPES[e_val])}"))


def _check_reference(read: _Read, column: str, known: pd.Series, target: str, problems: list[Problem]) -> None:
    """Each value of ``column`` must be one of ``known``; a close match is suggested."""
    values = read.frame[column]
    uniq = pd.Series(pd.unique(values.dropna()), dtype="string")
    if uniq.empty:
        return
    missing = uniq[~_isin(uniq, known)].tolist()
    if not missing:
        return
    candidates = [str(k) for k in pd.unique(known.dropna())[:10000]]
    for row in _rows(read, _isin(values, missing)):
        value = values.iat[row]
        guess = difflib.get_close_matches(str(value), candidates, n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        problems.append(Problem(read.label, read.line(row), column, show(value), f"{target}{hint}"))


def _split_ids(value) -> list[str]:
    return [i.strip() for i in str(value).split(";") if i.strip()]


def _distinct_id_items(values) -> list[str]:
    """The distinct items of ``;``-separated cells, stripped as :func:`_split_ids` strips them (``""`` kept).

    >>> sorted(_distinct_id_items(pd.Series(["a; b", None, "b;;a"], dtype="string")))
    ['', 'a', 'b']
    """
    arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else _as_arrow(values)
    distinct = pc.unique(pc.list_flatten(pc.split_pattern(arr, ";")))
    return list(dict.fromkeys(p.strip() for p in distinct.to_pylist()))


def _rows_with_item(values: pd.Series, test, items: list[str] | None = None) -> np.ndarray:
    """Boolean per row: does any non-empty ``;``-separated item of the cell pass ``test``? (NA -> False)

    ``items`` (the column's :func:`_distinct_id_items`, when known) lets a column
    where no item passes be answered without splitting it again.

    >>> _rows_with_item(pd.Series(["a; b", None, "c;;a", " "], dtype="string"), lambda i: i == "b").tolist()
    [True, False, False, False]
    """
    out = np.zeros(len(values), dtype=bool)
    if items is None:
        items = _distinct_id_items(values)
    if not any(i and test(i) for i in items):
        return out
    lists = pc.split_pattern(_as_arrow(values), ";")
    pieces = pc.list_flatten(lists)
    distinct = pc.unique(pieces)
    hit = distinct.filter(pa.array([bool(p.strip()) and bool(test(p.strip())) for p in distinct.to_pylist()], pa.bool_()))
    rows = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    out[rows[pc.is_in(pieces, value_set=hit).to_numpy(zero_copy_only=False)]] = True
    return out


def _check_source_ids(read: _Read, known: set, problems: list[Problem]) -> None:
    values = read.frame["source_ids"]
    rows = np.flatnonzero(_rows_with_item(values, lambda i: i not in known and re.match(schema._ID_PATTERN, i),
                                          read.id_items.get("source_ids")))
    if not len(rows):
        return
    uniq = pd.unique(values.iloc[rows])
    bad = {v: [i for i in _split_ids(v) if i not in known and re.match(schema._ID_PATTERN, i)] for v in uniq}
    candidates = sorted(known)
    for row in rows:
        for item in bad[values.iat[row]]:
            guess = difflib.get_close_matches(item, candidates, n=1)
            hint = f" (did you mean {guess[0]!r}?)" if guess else ""
            problems.append(Problem(read.label, read.line(row), "source_ids", show(item),
                                    f"a source_id of sources.csv{hint}"))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _check_sources(read: _Read, data_dir: Path, problems: list[Problem]) -> dict[str, str]:
    """Raw files exist and match sha256; return ``{source_id: raw text}`` for bundled sources."""
    texts: dict[str, str] = {}
    df = read.frame
    cols = [df[c].tolist() for c in ("source_id", "file", "url", "sha256")]
    # rows with a url and no file (external references) need no check
    for row in np.flatnonzero(df["file"].notna().to_numpy() | df["url"].isna().to_numpy()):
        sid, file, url, digest = (c[row] for c in cols)
        line = read.line(row)
        if pd.isna(file):
            if pd.isna(url):
                problems.append(Problem(read.label, line, "file", "neither file nor url", "a raw file under raw/ or a url"))
            continue
        raw_path = data_dir / str(file)
        if not raw_path.is_file():
            problems.append(Problem(read.label, line, "file", show(file), f"an existing file under {data_dir}"))
            continue
        data = raw_path.read_bytes()
        actual = hashlib.sha256(data).hexdigest()
        if pd.isna(digest):
            problems.append(Problem(read.label, line, "sha256", "an empty cell", f"the raw file's sha256 {actual}"))
        elif str(digest) != actual:
            problems.append(Problem(read.label, line, "sha256", show(digest),
                                    f"{actual} (the sha256 of {file}; raw files must not be edited)"))
        if not pd.isna(sid):
            texts[str(sid)] = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    return texts


def _check_quotes(read: _Read, texts: dict[str, str], problems: list[Problem]) -> None:
    df = read.frame
    squashed: dict[str, str] = {}
    for row in range(len(df)):
        sid, quote = df.at[row, "source_id"], df.at[row, "quote"]
        if pd.isna(sid) or pd.isna(quote) or str(sid) not in texts:
            continue
        text, quote = texts[str(sid)], str(quote)
        if quote in text:
            continue
        if str(sid) not in squashed:
            squashed[str(sid)] = _squash(text)
        if _squash(quote) in squashed[str(sid)]:
            continue
        problems.append(Problem(read.label, read.line(row), "quote", show(quote),
                                f"a verbatim passage of source {sid}"))


def _check_coordinates(read: _Read, problems: list[Problem]) -> None:
    df = read.frame
    have = df["latitude"].notna() & df["longitude"].notna() & df["country"].notna()
    if not have.any():
        return
    ok = points_in_country(df["latitude"].to_numpy(), df["longitude"].to_numpy(), df["country"])
    for row in _rows(read, have.to_numpy() & ~ok):
        lat, lon, country = df.at[row, "latitude"], df.at[row, "longitude"], df.at[row, "country"]
        where = find_countries_containing(lat, lon)
        in_text = f"in {', '.join(where)}" if where else "outside the mapped countries"
        problems.append(Problem(read.label, read.line(row), "latitude/longitude", f"{lat:g}, {lon:g} ({in_text})",
                                f"a point in {country} (within {DEFAULT_TOLERANCE_KM:g} km of its border)"))


_PAIR_PREFIXES = tuple(c.name[:-4] for c in schema.INCIDENTS.columns if c.name.endswith("_min"))


def _evidence_fields(field_value: str) -> tuple[str, ...]:
    """Fields of incidents.csv that one evidence ``field`` value covers.

    >>> _evidence_fields("us_killed_max")
    ('us_killed',)
    >>> _evidence_fields("other_killed_best")
    ('other_killed',)
    >>> _evidence_fields("place")
    ('location',)
    """
    if field_value in EVIDENCE_FIELD_ALIASES:
        return EVIDENCE_FIELD_ALIASES[field_value]
    for prefix in _PAIR_PREFIXES:
        if field_value in (prefix, f"{prefix}_min", f"{prefix}_best", f"{prefix}_max"):
            return (prefix,)
    return (field_value,)


def _check_evidence_fields(read: _Read, problems: list[Problem]) -> None:
    valid = set(schema.INCIDENTS.column_names) | set(_PAIR_PREFIXES) | set(EVIDENCE_FIELD_ALIASES)
    values = read.frame["field"]
    for row in _rows(read, values.notna().to_numpy() & ~_isin(values, sorted(valid))):
        value = values.iat[row]
        guess = difflib.get_close_matches(str(value), sorted(valid), n=1)
        hint = f" (did you mean {guess[0]!r}?)" if guess else ""
        problems.append(Problem(read.label, read.line(row), "field", show(value),
                                f"an incidents.csv column, a min/max pair name (us_killed) or date/place/casualties{hint}"))


def _check_coverage(incidents: _Read, evidence: _Read | None, bundled: set[str], problems: list[Problem],
                    notes: list[str]) -> None:
    """Every incident has evidence for the required fields and for each casualty figure."""
    df = incidents.frame
    covered: dict[str, set[str]] = {}
    if evidence is not None and not evidence.frame.empty:
        ev = evidence.frame[["incident_id", "field"]].dropna().drop_duplicates()
        for iid, fld in zip(ev["incident_id"].tolist(), ev["field"].tolist()):
            covered.setdefault(iid, set()).update(_evidence_fields(fld))
    # exempt: no source of the incident is a bundled raw file (unknown ids are reported elsewhere)
    source_ids = df["source_ids"]
    exempt = source_ids.notna().to_numpy()
    if bundled:
        exempt = exempt & ~_rows_with_item(source_ids, bundled.__contains__, incidents.id_items.get("source_ids"))
    casualty_given = {p: (df[f"{p}_min"].notna() | df[f"{p}_best"].notna() | df[f"{p}_max"].notna()).to_numpy()
                      for p in schema.CASUALTY_PREFIXES}
    iid_col = df["incident_id"]
    lacking_external = int((exempt & ~_isin(iid_col, list(covered))).sum()) if covered else int(exempt.sum())
    checked = ~exempt & iid_col.notna().to_numpy()
    lacking = np.zeros(len(df), dtype=bool)
    for name in list(schema.EVIDENCE_REQUIRED_FIELDS) + list(schema.CASUALTY_PREFIXES):
        needs = checked & casualty_given[name] if name in casualty_given else checked
        if needs.any():
            lacking |= needs & ~_isin(iid_col, [iid for iid, have in covered.items() if name in have])
    for row in np.flatnonzero(lacking):
        iid = iid_col.iat[row]
        have = covered.get(iid, set())
        needed = list(schema.EVIDENCE_REQUIRED_FIELDS) + [p for p in schema.CASUALTY_PREFIXES if casualty_given[p][row]]
        for name in needed:
            if name not in have:
                column = name if name in df.columns else f"{name}_min/{name}_max"
                problems.append(Problem(incidents.label, incidents.line(row), column, "no evidence row",
                                        f"a quote in evidence.csv for {iid} {name}"))
    if lacking_external:
        notes.append(f"{lacking_external} incident{'s' * (lacking_external != 1)} lack{'' if lacking_external != 1 else 's'} evidence (external sources)")


# --- entry points ------------------------------------------------------------

def _label(data_dir: Path | str | None) -> tuple[Path, str]:
    if data_dir is None:
        path = paths.DATA_DIR
        try:
            shown = str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            shown = str(path)
        return path, shown
    return Path(data_dir), str(data_dir)


def validate_data_dir(data_dir: Path | str | None = None) -> ValidationReport:
    """Check every table of ``data_dir`` (default: the bundled ``data/``); never raises for bad data."""
    root, shown = _label(data_dir)
    report = ValidationReport(data_dir=shown if shown.endswith("/") else shown + "/")
    problems = report.problems
    reads: dict[str, _Read] = {}
    if not root.is_dir():
        problems.append(Problem(shown, 0, "-", "no such directory", "a data directory with " + ", ".join(
            schema.table(n).file for n in CORE_TABLES)))
        return report
    for table in schema.TABLES:
        path = root / table.file
        label = str(Path(shown) / table.file)
        if not path.is_file():
            if table.name in CORE_TABLES:
                problems.append(Problem(label, 0, "-", "no such file", f"{table.file}: {table.description}"))
            continue
        read = _read_table(table, path, label, problems)
        if read is not None:
            reads[table.name] = read
            report.tables[table.name] = read.frame
    inc = reads.get("incidents")
    if inc is not None and inc.frame.empty:
        problems.append(Problem(inc.label, 0, "-", "no incidents", "at least one incident"))
    for read in reads.values():
        _check_pairs(read, problems)
    if inc is not None:
        _check_sub_event_types(inc, problems)
    for name in ("incidents", "places"):
        if name in reads:
            _check_coordinates(reads[name], problems)
    texts: dict[str, str] = {}
    src = reads.get("sources")
    if src is not None:
        known_sources = src.frame["source_id"]
        known = set(known_sources.dropna().tolist())
        bundled = set(src.frame.loc[src.frame["file"].notna(), "source_id"].dropna().tolist())
        texts = _check_sources(src, root, problems)
        if inc is not None:
            _check_source_ids(inc, known, problems)
        for name in ("evidence", "context", "reported_totals"):
            if name in reads:
                _check_reference(reads[name], "source_id", known_sources, "a source_id of sources.csv", problems)
    else:
        bundled = set()
    if inc is not None and "places" in reads:
        _check_reference(inc, "location", reads["places"].frame["name"], "a place name of places.csv", problems)
    ev = reads.get("evidence")
    if ev is not None:
        _check_evidence_fields(ev, problems)
        if inc is not None:
            _check_reference(ev, "incident_id", inc.frame["incident_id"],
                             "an incident_id of incidents.csv", problems)
    for name in ("evidence", "reported_totals"):
        if name in reads:
            _check_quotes(reads[name], texts, problems)
    if inc is not None and src is not None:
        _check_coverage(inc, ev, bundled, problems, report.notes)
    order = {t.file: i for i, t in enumerate(schema.TABLES)}
    problems.sort(key=lambda p: (order.get(Path(p.file).name, -1), p.line))
    return report


def run_validate(data_dir: Path | str | None = None, out=sys.stdout) -> int:
    """Print every problem, any notes and a summary line; return 0 when clean, 2 otherwise."""
    report = validate_data_dir(data_dir)
    for line in report.lines():
        print(line, file=out)
    return 0 if report.ok else 2
