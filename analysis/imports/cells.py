"""Typed cells of an import's input: trimmed text, real dates, whole numbers and decimals, built on
pyarrow (whole columns at once; a cell that does not fit is ``<NA>`` and flagged, never guessed).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.read import empty_as_missing

DATE_FORMATS: dict[str, str] = {
    "%Y-%m-%d": "ISO (2024-01-28)",
    "%d %B %Y": "'28 January 2024'",
    "%d-%b-%y": "'28-Jan-24' (re-saved by a spreadsheet)",
    "%d-%b-%Y": "'28-Jan-2024'",
}
"""Date formats an ACLED or UCDP file may hold, tried in this order."""


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

    The first and last byte of every cell are looked at in numpy; only the cells where one of them is
    not a visible ASCII character (a control or space byte, or part of a longer UTF-8 character) are
    asked of pyarrow's ``utf8_is_space``, usually none.

    >>> _has_edge_space(pa.chunked_array([pa.array(["a b", "c", "é", None, ""])]))
    False
    >>> _has_edge_space(pa.chunked_array([pa.array(["a", "b\u00a0"])])), _has_edge_space(pa.chunked_array([["x\t"]]))
    (True, True)
    >>> _has_edge_space(pa.chunked_array([pa.array(["ab", " c"]).slice(1)]))
    True
    """
    for chunk in arr.chunks:
        unsure = _edge_bytes_unsure(chunk) if _is_plain_text(chunk.type) else np.ones(len(chunk), dtype=bool)
        if not unsure.any():
            continue
        cells = chunk.filter(pa.array(unsure))
        first = pc.utf8_is_space(pc.utf8_slice_codeunits(cells, 0, 1))
        last = pc.utf8_is_space(pc.utf8_slice_codeunits(cells, -1, 2**31 - 1))
        if pc.any(pc.or_(first, last)).as_py():
            return True
    return False


def _is_plain_text(arrow_type: pa.DataType) -> bool:
    return pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)


def _edge_bytes_unsure(chunk: pa.Array) -> np.ndarray:
    """Cells of a string array whose first or last byte is not a visible ASCII character (``!`` to ``~``)."""
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    _, offset_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offset_buffer, dtype=offset_type)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = np.frombuffer(data_buffer, dtype=np.uint8) if data_buffer is not None else np.zeros(0, np.uint8)
    starts, ends = offsets[:-1], offsets[1:]
    filled = np.flatnonzero(ends > starts)
    first, last = data[starts[filled]], data[ends[filled] - 1]
    unsure = np.zeros(len(chunk), dtype=bool)
    unsure[filled] = (first <= 0x20) | (first >= 0x7F) | (last <= 0x20) | (last >= 0x7F)
    return unsure


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

    A day the month does not have (``2024-02-30``, ``31 February 2024``, ``31-Feb-24``) is no date, in every
    format (pyarrow's strptime would roll it over into March).

    >>> dates, met = parse_dates(pd.Series(["2024-01-28", "28 January 2024", "x"], dtype="string"), list(DATE_FORMATS))
    >>> dates.dt.strftime("%Y-%m-%d").tolist(), met
    (['2024-01-28', '2024-01-28', nan], "ISO (2024-01-28), '28 January 2024'")
    >>> parse_dates(pd.Series(["31 February 2024", "31-Feb-24", "2024-02-30"]), list(DATE_FORMATS))[0].isna().tolist()
    [True, True, True]
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
        else:
            parsed = _without_rolled_over(text, parsed, fmt)
        if pc.any(pc.and_(pc.is_null(result), pc.is_valid(parsed))).as_py():
            met.append(DATE_FORMATS.get(fmt, fmt))
            result = pc.coalesce(result, parsed)
    return pd.Series(result.to_pandas()).astype("datetime64[s]"), ", ".join(met)


def _without_rolled_over(text, parsed, fmt: str):
    """``parsed`` without the cells whose text Python's strptime refuses in ``fmt`` (31 February): each
    distinct text that pyarrow parsed is checked once."""
    candidates = pc.unique(pc.filter(text, pc.is_valid(parsed))).to_pylist()
    rolled = [t for t in candidates if parse_date_text(t, [fmt]) is None]
    if not rolled:
        return parsed
    hit = pc.is_in(text, value_set=pa.array(rolled, type=text.type))
    return pc.if_else(pc.fill_null(hit, False), pa.scalar(None, pa.timestamp("s")), parsed)


def out_of_range(dates: pd.Series) -> np.ndarray:
    """Dates before ``schema.EARLIEST_DATE`` or after tomorrow (the validator's bounds), as a mask.

    >>> out_of_range(pd.Series(pd.to_datetime(["1900-12-31", "2020-01-01", None]))).tolist()
    [True, False, False]
    """
    low = pd.Timestamp(schema.EARLIEST_DATE)
    high = pd.Timestamp(dt.date.today() + dt.timedelta(days=1))
    return ((dates < low) | (dates > high)).fillna(False).to_numpy(dtype=bool)


def date_range_text() -> str:
    """The date range an event may have, for messages."""
    return f"a date from {schema.EARLIEST_DATE} to tomorrow"


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
