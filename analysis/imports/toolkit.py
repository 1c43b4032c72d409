"""What every importer uses: the input file as text, its columns typed, its bad rows located as FILE:LINE: COLUMN.

An importer reads the whole file once through pyarrow (:func:`read_text_table`), works on whole
columns, and collects a :class:`~analysis.data.problems.Problem` for every cell it cannot map
(:class:`Rejections`, located lazily: line numbers are counted only when something is wrong).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.problems import Problem, show
from analysis.data.read import empty_as_missing, find_utf8_problem, read_csv_as_text, read_header, record_start_lines
from analysis.imports.contract import ImportRejected, Option

DATE_FORMATS: dict[str, str] = {
    "%Y-%m-%d": "ISO (2024-01-28)",
    "%d %B %Y": "'28 January 2024'",
    "%d-%b-%y": "'28-Jan-24' (re-saved by a spreadsheet)",
    "%d-%b-%Y": "'28-Jan-2024'",
}
"""Date formats an ACLED or UCDP file may hold, tried in this order."""


@dataclass
class Rejections:
    """Problems found in the input file, with their lines counted only when needed."""

    path: Path
    label: str
    problems: list[Problem] = field(default_factory=list)
    _lines: np.ndarray | None = None

    def line(self, row: int) -> int:
        """Physical line where data row ``row`` (0-based) starts."""
        if self._lines is None:
            self._lines = record_start_lines(self.path)
        return int(self._lines[row]) if row < len(self._lines) else row + 2

    def add_rows(self, rows, column: str, values, expected: str, limit: int = 200) -> None:
        """One problem per row of ``rows`` (positions), showing ``values[row]`` (at most ``limit``)."""
        rows = np.asarray(rows)
        for row in rows[:limit]:
            self.problems.append(Problem(self.label, self.line(int(row)), column, show(values[int(row)]), expected))
        if len(rows) > limit:
            more = len(rows) - limit
            self.problems.append(Problem(self.label, 0, column, f"{more} more rows like these", expected))

    def add_where(self, mask, keep: np.ndarray, column: str, values: pd.Series, expected: str) -> None:
        """One problem per row where ``mask`` holds among the rows kept (``keep``)."""
        self.add_rows(np.flatnonzero(np.asarray(mask, dtype=bool) & keep), column, values.to_numpy(object), expected)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRejected(sorted(self.problems, key=lambda p: (p.line == 0, p.line)))


def read_text_table(
    path: Path, required: tuple[str, ...], what: str, columns: tuple[str, ...] | None = None
) -> tuple[pd.DataFrame, Rejections]:
    """Every cell of ``path`` as text (``""`` when empty), and an empty :class:`Rejections` for it;
    with ``columns``, only those columns are kept (a smaller, faster read; every row is still checked).

    Raises :class:`ImportRejected` when the file is missing, not UTF-8, malformed, or lacks a column of
    ``required`` (``what`` names the format in the message).
    """
    label = str(path)
    rejections = Rejections(path, label)
    if not path.is_file():
        raise ImportRejected([Problem(label, 0, "-", "no such file", f"a {what} CSV file")])
    try:
        header = read_header(path)
    except UnicodeDecodeError:
        header = None
        bad = find_utf8_problem(path, label)
        if bad:
            raise ImportRejected([bad]) from None
    if header is None:
        raise ImportRejected([Problem(label, 1, "-", "an empty file", f"a {what} CSV file with a header row")])
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    label, 1, c, "no such column in the header", f"the columns of a {what} file: {', '.join(required)}"
                )
                for c in missing
            ]
        )
    table = read_csv_as_text(path, columns)
    if table is None:
        raise ImportRejected([find_utf8_problem(path, label) or _malformed_problem(path, label, len(header))])
    frame = pd.DataFrame(
        {n: pd.Series(pd.arrays.ArrowStringArray(table.column(n)), copy=False) for n in table.column_names},
        copy=False,
    )
    return frame, rejections


SKIP_OTHER_COUNTRIES = Option(
    "--skip-other-countries", "leave out rows in countries outside the schema's list instead of stopping", switch=True
)
"""The option of :func:`screen_countries` for importers of files that span many countries."""


def screen_countries(
    country: pd.Series, rows: np.ndarray, skip_other_countries: bool, noun: str, rejected: Rejections
) -> tuple[np.ndarray, list[str]]:
    """The rows to import and the line saying what was skipped.

    A row (of ``rows``) whose country is outside ``schema.COUNTRIES`` is a
    problem, or with ``skip_other_countries`` left out and counted by country.
    """
    outside = (country.notna() & ~country.isin(schema.COUNTRIES)).to_numpy() & rows
    keep = rows & ~outside if skip_other_countries else rows
    lines = []
    if skip_other_countries and outside.any():
        counts = country[outside].value_counts()
        lines.append(
            f"skipped {int(outside.sum())} {noun} in countries outside the schema: "
            + ", ".join(f"{c} ({n})" for c, n in counts.items())
        )
    expected = f"one of {', '.join(schema.COUNTRIES)} (or --skip-other-countries)"
    rejected.add_where(outside, keep, "country", country, expected)
    return keep, lines


def _malformed_problem(path: Path, label: str, width: int) -> Problem:
    """The first record whose cell count differs from the header's."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        start = 1
        try:
            for i, record in enumerate(reader):
                if i and record and len(record) != width:
                    return Problem(label, start, "-", f"{len(record)} cells", f"{width} cells, as in the header")
                start = reader.line_num + 1
        except csv.Error as err:
            return Problem(label, start, "-", f"unreadable CSV ({err})", "a well-formed CSV file")
    return Problem(label, 0, "-", "a CSV file pyarrow cannot read", "a well-formed CSV file")


# --- columns -----------------------------------------------------------------------


def text_column(values: pd.Series) -> pd.Series:
    """Trimmed text with empty cells as ``<NA>`` (pandas string, pyarrow-backed).

    >>> text_column(pd.Series([" a ", "", "b"], dtype="string")).tolist()
    ['a', <NA>, 'b']
    """
    arr = arrow_text(values)
    if _has_edge_space(arr):  # trimming copies every cell: only when some cell needs it
        arr = pc.utf8_trim_whitespace(arr)
    return empty_as_missing(arr)


def _has_edge_space(arr: pa.ChunkedArray) -> bool:
    """Whether any cell starts or ends with white space (looks at the first and last character only).

    >>> _has_edge_space(pa.chunked_array([pa.array(["a b", "c"])]))
    False
    >>> _has_edge_space(pa.chunked_array([pa.array(["a", "b\u00a0"])]))
    True
    """
    first = pc.utf8_is_space(pc.utf8_slice_codeunits(arr, 0, 1))
    last = pc.utf8_is_space(pc.utf8_slice_codeunits(arr, -1, 2**31 - 1))
    return bool(pc.any(pc.or_(first, last)).as_py())


def arrow_text(values: pd.Series) -> pa.ChunkedArray:
    """The pyarrow array under a text column, without a copy when it is pyarrow-backed.

    >>> arrow_text(pd.Series(["a", None], dtype="string")).to_pylist()
    ['a', None]
    """
    arr = values.array
    if hasattr(arr, "_pa_array"):
        return arr._pa_array
    return pa.chunked_array([pa.array(values.astype(object).where(values.notna(), None), type=pa.large_string())])


def parse_dates(values: pd.Series, formats: list[str]) -> tuple[pd.Series, str]:
    """Dates of the cells in any of ``formats`` (the first that fits each cell), NaT elsewhere, and which
    formats were met (for the summary).

    >>> dates, met = parse_dates(pd.Series(["2024-01-28", "28 January 2024", "x"], dtype="string"), list(DATE_FORMATS))
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), met
    (['2024-01-28', '2024-01-28', nan], "ISO (2024-01-28), '28 January 2024'")
    """
    text = pc.utf8_trim_whitespace(arrow_text(values))
    result = pa.chunked_array([pa.nulls(len(values), pa.timestamp("s"))])
    met = []
    for fmt in formats:
        if met and not result.null_count:
            break
        parsed = pc.strptime(text, format=fmt, unit="s", error_is_null=True)
        if fmt == "%Y-%m-%d":  # strptime rolls 2024-02-30 over to 03-01: keep only real dates
            real = pc.equal(iso_days(parsed), text)
            parsed = pc.if_else(pc.fill_null(real, False), parsed, pa.scalar(None, pa.timestamp("s")))
        if pc.any(pc.and_(pc.is_null(result), pc.is_valid(parsed))).as_py():
            met.append(DATE_FORMATS.get(fmt, fmt))
            result = pc.coalesce(result, parsed)
    return pd.Series(result.to_pandas()).astype("datetime64[s]"), ", ".join(met)


def parse_date_text(text: str, formats: list[str]) -> dt.datetime | None:
    """The date of ``text`` in the first of ``formats`` that fits it (Python's strptime, which refuses
    impossible days such as 31 February), or ``None``.

    >>> parse_date_text("April 7, 2017", ["%Y-%m-%d", "%B %d, %Y"]), parse_date_text("31 February 2024", ["%d %B %Y"])
    (datetime.datetime(2017, 4, 7, 0, 0), None)
    """
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def iso_days(timestamps) -> pa.Array | pa.ChunkedArray:
    """``YYYY-MM-DD`` text (large_string, null stays null) of pyarrow timestamps or a datetime Series;
    a cast through ``date32``, many times faster than ``strftime``.

    >>> iso_days(pd.Series(pd.to_datetime(["2024-01-28", None]))).to_pylist()
    ['2024-01-28', None]
    """
    if isinstance(timestamps, pd.Series):
        timestamps = pa.array(timestamps.to_numpy(dtype="datetime64[s]"), type=pa.timestamp("s"))
    return timestamps.cast(pa.date32()).cast(pa.large_string())


def whole_numbers(values: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """``Int64`` numbers of cells holding a whole number >= 0 (``"12"``, ``"12.0"``), and where a cell is
    neither empty nor such a number.

    >>> numbers, bad = whole_numbers(pd.Series(["3", "", "4.0", "x", "-1"], dtype="string"))
    >>> numbers.tolist(), bad.tolist()
    ([3, <NA>, 4, <NA>, <NA>], [False, False, False, True, True])
    """
    text = pc.utf8_trim_whitespace(arrow_text(values))
    empty = pc.equal(pc.binary_length(text), 0)
    number = pc.cast(
        pc.if_else(pc.match_substring_regex(text, r"^\d+(\.0*)?$"), text, pa.scalar(None, text.type)), pa.float64()
    )
    ok = pc.fill_null(pc.less_equal(number, schema.MAX_COUNT), False)
    number = pc.if_else(ok, number, pa.scalar(None, pa.float64()))
    bad = pc.and_(pc.invert(empty), pc.invert(ok))
    out = pd.Series(number.to_pandas().to_numpy(), dtype="float64").astype("Int64")
    return out, np.asarray(bad.to_numpy(zero_copy_only=False), dtype=bool)


def decimals(values: pd.Series, low: float, high: float) -> tuple[pd.Series, np.ndarray]:
    """``float64`` of cells holding a number from ``low`` to ``high`` (NaN elsewhere), and the bad cells.

    >>> numbers, bad = decimals(pd.Series(["33.5", "", "95", "n"], dtype="string"), -90, 90)
    >>> numbers.tolist()[0], bad.tolist()
    (33.5, [False, False, True, True])
    """
    text = pc.utf8_trim_whitespace(arrow_text(values))
    empty = pc.equal(pc.binary_length(text), 0)
    pattern = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
    number = pc.cast(
        pc.if_else(pc.match_substring_regex(text, pattern), text, pa.scalar(None, text.type)), pa.float64()
    )
    ok = pc.fill_null(pc.and_(pc.greater_equal(number, low), pc.less_equal(number, high)), False)
    number = pc.if_else(ok, number, pa.scalar(None, pa.float64()))
    bad = pc.and_(pc.invert(empty), pc.invert(ok))
    return pd.Series(number.to_pandas().to_numpy(), dtype="float64"), np.asarray(
        bad.to_numpy(zero_copy_only=False), dtype=bool
    )


# --- ids ----------------------------------------------------------------------------


def stable_id(prefix: str, text: str, width: int = 40) -> str:
    """A readable id that always comes out the same for the same ``text``: a slug and a short hash.

    >>> stable_id("SRC", "Xinhua; Khaama Press"), stable_id("SRC", "Xinhua; Khaama Press") == stable_id("SRC", "xinhua")
    ('SRC-Xinhua-Khaama-Press-8d9523', False)
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:width].strip("-") or "x"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{slug}-{digest}"


def constant_text(value: str, n: int) -> pd.Series:
    """``n`` cells of the same text (pandas string over one pyarrow array).

    >>> constant_text("unknown", 2).tolist()
    ['unknown', 'unknown']
    """
    arr = pc.fill_null(pa.nulls(n, pa.large_string()), pa.scalar(value, pa.large_string()))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([arr])))


def choose_text(codes: np.ndarray, labels: list[str]) -> pd.Series:
    """``labels[code]`` for every code (pandas string), built by pyarrow's take.

    >>> choose_text(np.array([1, 0, 1]), ["a", "b"]).tolist()
    ['b', 'a', 'b']
    """
    arr = pa.array(labels, type=pa.large_string()).take(pa.array(codes))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([arr])))


def id_column(prefix: str, ids: pd.Series) -> pd.Series:
    """``<prefix>-<id>`` with characters an incident_id may not hold replaced by ``_``.

    >>> id_column("ACLED", pd.Series(["IRQ123", "a b"], dtype="string")).tolist()
    ['ACLED-IRQ123', 'ACLED-a_b']
    """
    cleaned = pc.replace_substring_regex(arrow_text(ids), r"[^A-Za-z0-9_.:-]", "_")
    joined = pc.binary_join_element_wise(pa.scalar(prefix + "-", cleaned.type), cleaned, pa.scalar("", cleaned.type))
    return pd.Series(pd.arrays.ArrowStringArray(joined))


# --- sides --------------------------------------------------------------------------------


def matches_any(values: pd.Series, patterns: list[re.Pattern]) -> np.ndarray:
    """Rows whose cell any pattern is found in (each distinct cell is searched once; empty cells never match).

    >>> matches_any(pd.Series(["US forces", None, "IS", "US forces"]), [re.compile("US")]).tolist()
    [True, False, False, True]
    """
    codes, uniques = pd.factorize(values)
    hit = np.array([any(p.search(str(u)) for p in patterns) for u in uniques], dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def categories_from_sides(
    side1: pd.Series, side2: pd.Series, us_patterns: list, name1: str, name2: str, counted: np.ndarray | None = None
) -> tuple[np.ndarray, list[str]]:
    """``us_strike`` where US forces are on side 1, ``attack_on_us`` where on side 2, else ``regional``.

    >>> us = [re.compile("Military Forces of (the )?United States")]
    >>> side1 = pd.Series(["Military Forces of the United States (2021-)", "Kataib Hezbollah"])
    >>> side2 = pd.Series(["Kataib Hezbollah", "Military Forces of United States"])
    >>> cats, _ = categories_from_sides(side1, side2, us, "actor1", "actor2")
    >>> cats.tolist()
    ['us_strike', 'attack_on_us']
    """
    us1, us2 = matches_any(side1, us_patterns), matches_any(side2, us_patterns)
    category = np.where(us1, "us_strike", np.where(us2, "attack_on_us", "regional")).astype(object)
    if counted is not None:  # count only the rows that are imported
        us1, us2 = us1[counted], us2[counted]
    lines = [
        f"category from the actors: {int(us1.sum())} us_strike (US forces in {name1}), "
        f"{int((us2 & ~us1).sum())} attack_on_us (US forces in {name2}), {int((~us1 & ~us2).sum())} regional"
    ]
    return category, lines
