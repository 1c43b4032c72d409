"""Per-cell rules, built from the column declarations of :mod:`analysis.schema`.

The same rules run two ways:

- :func:`gate`: a vectorized yes/no over one typed pyarrow column (fast, no
  locations), used on the first read of every file;
- :func:`pandera_problems`: the pandera schema of :func:`pandera_schema` over
  the cells as text, run only when a gate failed, to locate each failing cell.

Rules: required, allowed values, id patterns, whole numbers, decimals, real
``YYYY-MM-DD`` dates, bounds, unique ids. Spaces around numbers and dates are
ignored. Every date must also lie between ``schema.EARLIEST_DATE`` and the day
after the validation day (:func:`date_range_problems`, on the typed tables).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.kinds import DATE_FORMAT, as_arrow, fullmatch, kind_of, parse_dates, parse_numbers
from analysis.data.problems import Problem, number_text, show
from analysis.schema import Column, Table

if TYPE_CHECKING:
    from analysis.data.read import TableRead

_DAY_FIRST = r"^\d{1,2}/\d{1,2}/\d{4}$"


# --- parsing text cells -------------------------------------------------------


def distinct_id_items(values) -> list[str]:
    """The distinct items of ``;``-separated cells, stripped (``""`` kept).

    >>> sorted(distinct_id_items(pd.Series(["a; b", None, "b;;a"], dtype="string")))
    ['', 'a', 'b']
    """
    return _distinct_items(values).to_pylist()


def _distinct_items(values) -> pa.Array:
    """:func:`distinct_id_items` as a pyarrow array."""
    arr = values if isinstance(values, (pa.Array, pa.ChunkedArray)) else as_arrow(values)
    return pc.unique(pc.utf8_trim_whitespace(pc.unique(pc.list_flatten(pc.split_pattern(arr, ";")))))


def _byte_classes(pattern: str) -> tuple[np.ndarray, np.ndarray] | None:
    """For a pattern ``^[FIRST][REST]*$`` of ASCII classes (FIRST within REST), which bytes each class
    admits; None for any other pattern.

    >>> first, rest = _byte_classes(r"^[a-c][a-c_-]*$")
    >>> [chr(b) for b in np.flatnonzero(first)], [chr(b) for b in np.flatnonzero(rest)]
    (['a', 'b', 'c'], ['-', '_', 'a', 'b', 'c'])
    """
    found = re.fullmatch(r"\^\[([ -~]+?)\]\[([ -~]+?)\]\*\$", pattern)
    if not found or any(c in found.group(0)[1:-1] for c in "\\^"):
        return None
    first, rest = (_class_bytes(found.group(i)) for i in (1, 2))
    return (first, rest) if not (first & ~rest).any() else None


def _class_bytes(members: str) -> np.ndarray:
    """The bytes of a regular expression's character class (``A-Za-z0-9_.:-``, no escapes)."""
    table = np.zeros(256, dtype=bool)
    i = 0
    while i < len(members):
        if i + 2 < len(members) and members[i + 1] == "-":
            table[ord(members[i]) : ord(members[i + 2]) + 1] = True
            i += 3
        else:
            table[ord(members[i])] = True
            i += 1
    return table


def _bytes_match(arr: pa.ChunkedArray | pa.Array, classes: tuple[np.ndarray, np.ndarray]) -> bool:
    """Whether every non-empty cell matches ``^[FIRST][REST]*$`` (:func:`_byte_classes`), from the bytes
    of the cells at once: every byte in REST, every first byte in FIRST (a non-ASCII byte is in neither)."""
    first, rest = classes
    for chunk in arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]:
        if not len(chunk):
            continue
        chunk = chunk.cast(pa.large_string())
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8) if chunk.buffers()[2] else np.zeros(0, np.uint8)
        starts = offsets[:-1][offsets[1:] > offsets[:-1]]
        if not (rest[data[offsets[0] : offsets[-1]]].all() and first[data[starts]].all()):
            return False
    return True


# --- what a message expects ------------------------------------------------------


def expected_allowed(col: Column) -> str:
    """The "expected" part of a message about a value outside ``col.allowed``."""
    values = ", ".join(col.allowed or ())
    return f"one of {values}" if len(values) <= 200 else f"one of the {len(col.allowed)} values in CODEBOOK.md"


def bounds_text(col: Column) -> str:
    """The "expected" part of a message about a number outside the column's bounds.

    >>> bounds_text(schema.INCIDENTS.column("geo_precision")), bounds_text(schema.INCIDENTS.column("us_killed_min"))
    ('a number from 1 to 3', 'a number from 0 to 10000000')
    """
    low, high = col.minimum, col.maximum
    if low is not None and high is not None:
        return f"a number from {number_text(low)} to {number_text(high)}"
    if low is not None:
        return f"a number >= {number_text(low)}" if low != 0 else "a number >= 0 (not negative)"
    return f"a number <= {number_text(high)}"


def _below_text(col: Column) -> str:
    """What a number under the minimum is told: counts hear "not negative", other columns their bounds."""
    return "a number >= 0 (not negative)" if col.minimum == 0 else bounds_text(col)


def date_bounds(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last date any date column may hold: ``schema.EARLIEST_DATE`` and the day after ``today``.

    >>> date_bounds(dt.date(2024, 12, 31))
    (datetime.date(1989, 1, 1), datetime.date(2025, 1, 1))
    """
    return dt.date.fromisoformat(schema.EARLIEST_DATE), today + dt.timedelta(days=1)


# --- fast gates over typed pyarrow columns ------------------------------------


def gate(col: Column, arr: pa.ChunkedArray, id_items: dict[str, list[str]] | None = None) -> bool:
    """True when every value of ``arr`` passes the column's rules (fast, no locations).

    The distinct items of an ``ids`` column are left in ``id_items`` for the cross-file checks.
    """
    if len(arr) == 0:
        return True
    if col.kind == "category":
        return _category_ok(col, arr)
    if col.required and arr.null_count:
        return False
    if kind_of(col).is_number:
        return _numbers_ok(col, arr)
    if col.kind == "date":
        return True  # pyarrow accepted only real YYYY-MM-DD dates; their range is checked on the typed table
    return _text_ok(col, arr, id_items)


def _category_ok(col: Column, arr: pa.ChunkedArray) -> bool:
    seen = {v for chunk in arr.chunks for v in chunk.dictionary.to_pylist()}
    allowed = set(col.allowed or ()) | (set() if col.required else {""})
    return seen <= allowed


def _numbers_ok(col: Column, arr: pa.ChunkedArray) -> bool:
    if arr.null_count == len(arr):
        return True
    if col.kind == "float" and (pc.any(pc.is_nan(arr)).as_py() or pc.any(pc.is_inf(arr)).as_py()):
        return False
    lo, hi = (v.as_py() for v in pc.min_max(arr).values())
    return (col.minimum is None or lo >= col.minimum) and (col.maximum is None or hi <= col.maximum)


def _text_ok(col: Column, arr: pa.ChunkedArray, id_items: dict[str, list[str]] | None) -> bool:
    lengths = pc.binary_length(arr)
    if col.required and pc.min(lengths).as_py() == 0:
        return False
    if col.pattern and not _all_match(col, arr, lengths):
        return False
    if col.kind == "ids" and not _ids_ok(col, arr, id_items):
        return False
    return not (col.unique and not pd.Index(pd.arrays.ArrowStringArray(arr)).is_unique)


def _all_match(col: Column, arr: pa.ChunkedArray, lengths: pa.ChunkedArray) -> bool:
    """Every cell matches the column's pattern (an empty one too when the column is not required)."""
    if not col.required or pc.min(lengths).as_py() > 0:  # empty cells: the byte check lets them pass
        classes = _byte_classes(col.pattern)
        if classes is not None:
            return _bytes_match(arr, classes)
    ok = pc.match_substring_regex(arr, col.pattern)
    if not col.required:
        ok = pc.or_(ok, pc.equal(lengths, 0))
    return pc.all(ok).as_py()


def _ids_ok(col: Column, arr: pa.ChunkedArray, id_items: dict[str, list[str]] | None) -> bool:
    items = _distinct_items(arr)
    classes = _byte_classes(schema._ID_PATTERN)
    if pc.min(pc.binary_length(items)).as_py() == 0 or not _bytes_match(items, classes):
        return False
    if id_items is not None:
        id_items[col.name] = items.to_pylist()
    return True


# --- the same rules as a pandera schema, to locate failing cells --------------


def _blank(s: pd.Series) -> pd.Series:
    return s.eq("") | s.isna()


def cell_checks(col: Column) -> list:
    """The pandera checks of one column, built from its declaration in :mod:`analysis.schema`.

    Each check's ``error`` is the "expected" part of the problem message.
    Cells are strings; empty cells pass every check but "required".
    """
    import pandera.pandas as pdr

    checks = []
    if col.required:
        checks.append(pdr.Check(lambda s: ~_blank(s), error="a value (the column is required)"))
    if col.kind == "category":
        checks.append(pdr.Check(lambda s, a=col.allowed: s.isin(a) | _blank(s), error=expected_allowed(col)))
    checks += _pattern_checks(col)
    if col.kind == "date":
        checks += _date_checks()
    if kind_of(col).is_number:
        checks += _number_checks(col)
    return checks


def _pattern_checks(col: Column) -> list:
    import pandera.pandas as pdr

    checks = []
    if col.pattern and col.kind != "date":
        what = (
            "an id of letters, digits and _ . : - (no spaces)" if col.kind == "id" else f"text matching {col.pattern}"
        )
        checks.append(pdr.Check(lambda s, p=col.pattern: fullmatch(s, p) | _blank(s), error=what))
    if col.kind == "ids":
        item = schema._ID_PATTERN.strip("^$")
        ids = rf"\s*{item}(\s*;\s*{item})*\s*"
        checks.append(pdr.Check(lambda s: fullmatch(s, ids) | _blank(s), error="';'-separated ids"))
    return checks


def _date_checks() -> list:
    import pandera.pandas as pdr

    return [
        pdr.Check(lambda s: fullmatch(s, DATE_FORMAT) | _blank(s), error="a date as YYYY-MM-DD"),
        pdr.Check(
            lambda s: parse_dates(s).notna() | ~fullmatch(s, DATE_FORMAT) | _blank(s),
            error="a real calendar date (YYYY-MM-DD)",
        ),
    ]


def _number_checks(col: Column) -> list:
    """Well-formed number, then each bound as its own check (a cell can fail only one of them)."""
    import pandera.pandas as pdr

    kind = kind_of(col)
    checks = [pdr.Check(lambda s: fullmatch(s, kind.number_pattern) | _blank(s), error=kind.number_word)]

    def within(s: pd.Series, low: float, high: float) -> pd.Series:
        v = parse_numbers(s, col.kind)
        return v.isna() | ((v >= low) & (v <= high))

    if col.minimum is not None:
        checks.append(pdr.Check(lambda s: within(s, col.minimum, np.inf), error=_below_text(col)))
    if col.maximum is not None:
        checks.append(pdr.Check(lambda s: within(s, -np.inf, col.maximum), error=bounds_text(col)))
    return checks


def pandera_schema(table: Table):
    """The pandera ``DataFrameSchema`` of a table's cells (all read as strings)."""
    import pandera.pandas as pdr

    return pdr.DataFrameSchema(
        {
            c.name: pdr.Column(
                "string",
                checks=cell_checks(c),
                nullable=True,
                required=False,
                unique=c.unique,
                report_duplicates="exclude_first",
            )
            for c in table.columns
        },
        name=table.name,
    )


def pandera_problems(read: TableRead, raw: pd.DataFrame) -> list[Problem]:
    """Every cell of ``raw`` (the table's cells as text) that breaks a rule, located by ``read.line``."""
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
        row, column = int(case.index), str(case.column)
        value = raw.at[row, column]
        if case.check == "field_uniqueness":
            if column not in firsts:
                firsts[column] = _first_rows(raw[column])
            expected = f"a unique {column} (first used on line {read.line(firsts[column][value])})"
            problems.append(Problem(read.label, read.line(row), column, f"duplicate {show(value)}", expected))
        else:
            problems.append(Problem(read.label, read.line(row), column, show(value), _expected(str(case.check), value)))
    return problems


def _first_rows(values: pd.Series) -> dict:
    """``{value: row of its first occurrence}``."""
    first = ~values.duplicated()
    return dict(zip(values[first].tolist(), np.flatnonzero(first.to_numpy()).tolist()))


def _expected(check: str, value) -> str:
    """The "expected" text of a failed check; a day-first date is told to put the year first.

    >>> _expected("a date as YYYY-MM-DD", "25/07/2024")
    'a date as YYYY-MM-DD (year first, e.g. 2024-07-25)'
    """
    if check.startswith("a date") and re.match(_DAY_FIRST, str(value).strip()):
        return "a date as YYYY-MM-DD (year first, e.g. 2024-07-25)"
    return check


# --- bounds on the typed tables -------------------------------------------------


def date_range_problems(read: TableRead, today: dt.date) -> list[Problem]:
    """Every date of ``read`` before ``schema.EARLIEST_DATE`` or after the day after ``today``."""
    first, last = date_bounds(today)
    low, high = np.datetime64(first, "s"), np.datetime64(last, "s")
    problems = []
    for col in read.table.columns:
        if col.kind != "date":
            continue
        values = read.frame[col.name].to_numpy()
        outside = ~np.isnat(values) & ((values < low) | (values > high))
        for row in np.flatnonzero(outside):
            found = show(np.datetime_as_string(values[row], unit="D"))
            problems.append(
                Problem(read.label, read.line(row), col.name, found, f"a date from {first} to {last} (tomorrow)")
            )
    return problems
