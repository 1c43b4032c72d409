"""One table from a column's kind (``schema.Column.kind``) to its pandas dtype, arrow type and parsers.

:data:`KINDS` holds, for every kind of :data:`analysis.schema.COLUMN_KINDS`, a :class:`Kind`: the pandas
dtype of the typed tables, the arrow type of the fast read, how a typed arrow column becomes a pandas
column, how cells read as text are parsed, and how typed values are written back as text (``to_text``,
the import writer's). The reader
(:mod:`analysis.data.read`) and the cell rules (:mod:`analysis.data.rules`) look a kind up here instead of
testing ``col.kind`` themselves; a kind missing from this table fails when this module is imported.

Types, for every table:

- ``date``: ``datetime64[s]`` (naive, midnight values);
- ``int``: pandas ``Int64`` (missing = ``<NA>``);
- ``float``: ``float64``;
- ``category``: ``CategoricalDtype`` whose categories are the schema's allowed values in schema order
  (so counts can show zero rows);
- ``id``, ``ids`` and ``text``: pandas ``string`` backed by arrow (missing = ``<NA>``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.schema import Column

NUMBER_INT = r"^\s*[+-]?\d+\s*$"
NUMBER_FLOAT = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
DATE_FORMAT = r"^\s*\d{4}-\d{2}-\d{2}\s*$"
_INT64_LIMIT = 2.0**63


# --- parsing text cells -------------------------------------------------------


def as_arrow(values) -> pa.Array:
    """Text values (a Series or a list; NA stays null) as one pyarrow ``large_string`` array.

    >>> as_arrow(pd.Series(["a", None], dtype="string")).to_pylist()
    ['a', None]
    """
    return pa.array(pd.Series(values, dtype=pd.StringDtype("pyarrow")).array, type=pa.large_string())


def fullmatch(s: pd.Series, pattern: str) -> pd.Series:
    """Vectorized (pyarrow RE2) full match of ``pattern``; NA -> False.

    >>> fullmatch(pd.Series(["12", "x1", None]), r"^\\d+$").tolist()
    [True, False, False]
    """
    regex = "^(?:" + pattern.removeprefix("^").removesuffix("$") + ")$"
    hits = pc.fill_null(pc.match_substring_regex(as_arrow(s), regex), False)
    return pd.Series(hits.to_numpy(zero_copy_only=False), index=s.index)


def parse_numbers(s: pd.Series, kind: str) -> pd.Series:
    """Numbers of cells well formed for ``kind`` (``int`` or ``float``) as float64 (NaN elsewhere).

    >>> parse_numbers(pd.Series([" 3 ", "+4", "x", None]), "int").tolist()
    [3.0, 4.0, nan, nan]
    """
    ok = fullmatch(s, KINDS[kind].number_pattern).to_numpy()
    text = pc.utf8_trim_whitespace(as_arrow(s))
    values = pc.cast(pc.if_else(pa.array(ok), text, pa.scalar(None, pa.large_string())), pa.float64())
    return pd.Series(values.to_numpy(zero_copy_only=False), index=s.index, dtype="float64")


def parse_dates(s: pd.Series) -> pd.Series:
    """Dates of cells holding a real ``YYYY-MM-DD`` date (NaT elsewhere).

    >>> parse_dates(pd.Series(["2024-02-29", "2024-02-30", "25/07/2024"])).tolist()
    [Timestamp('2024-02-29 00:00:00'), NaT, NaT]
    """
    ok = pa.array(fullmatch(s, DATE_FORMAT).to_numpy())
    text = pc.if_else(ok, pc.utf8_trim_whitespace(as_arrow(s)), pa.scalar(None, pa.large_string()))
    stamps = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    real = pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), text)  # strptime rolls 02-30 over to 03-01
    stamps = pc.if_else(pc.fill_null(real, False), stamps, pa.scalar(None, pa.timestamp("s")))
    return pd.Series(stamps.to_numpy(zero_copy_only=False), index=s.index, dtype="datetime64[s]")


def whole_numbers(v: pd.Series) -> pd.Series:
    """``Int64`` of parsed numbers; one int64 cannot hold becomes ``<NA>`` (its cell is reported), never wraps.

    >>> whole_numbers(pd.Series([3.0, float("nan"), 1e20])).tolist()
    [3, <NA>, <NA>]
    """
    if not len(v):
        return v.astype("Int64")
    return v.where(v.isna() | ((v == v.round()) & (v.abs() < _INT64_LIMIT))).astype("Float64").astype("Int64")


def empty_as_missing(arr: pa.ChunkedArray) -> pd.Series:
    """Text column with empty cells as ``<NA>``; shares the text buffers (only a validity bitmap is new).

    >>> empty_as_missing(pa.chunked_array([pa.array(["a", "", "b"], pa.large_string())])).tolist()
    ['a', <NA>, 'b']
    """
    chunks = []
    for chunk in arr.chunks:
        present = pc.fill_null(pc.not_equal(pc.binary_length(chunk), 0), False)  # a null cell stays null
        if chunk.offset == 0 and present.offset == 0 and present.null_count == 0:
            chunks.append(pa.Array.from_buffers(chunk.type, len(chunk), [present.buffers()[1]] + chunk.buffers()[1:]))
        else:
            chunks.append(pc.if_else(present, chunk, pa.scalar(None, chunk.type)))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=arr.type)))


# --- typed arrow columns to pandas ------------------------------------------------


def _ints_from_arrow(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    return arr.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


def _floats_from_arrow(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    return arr.to_pandas()


def _dates_from_arrow(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    return pd.Series(arr.cast(pa.timestamp("s")).to_pandas(), dtype="datetime64[s]")


def _categories_from_arrow(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    """Dictionary-encoded arrow column -> Categorical with the schema's categories, in schema order."""
    allowed = list(col.allowed or ())
    position = {v: i for i, v in enumerate(allowed)}
    if not arr.num_chunks:
        return pd.Series(pd.Categorical.from_codes(np.empty(0, dtype=np.int64), dtype=pd.CategoricalDtype(allowed)))
    arr = arr.unify_dictionaries()  # one dictionary for every chunk: remapped once, not once per chunk
    remap = np.array([position.get(v, -1) for v in arr.chunk(0).dictionary.to_pylist()] + [-1], dtype=np.int64)
    indices = pa.chunked_array([chunk.indices for chunk in arr.chunks], type=arr.type.index_type)
    codes = remap[indices.fill_null(-1).to_numpy()]  # a missing cell (-1) takes the last entry: -1
    return pd.Series(pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(allowed)))


def _text_from_arrow(arr: pa.ChunkedArray, col: Column) -> pd.Series:
    if not arr.num_chunks:
        return pd.Series([], dtype="string")
    return empty_as_missing(arr) if not col.required else pd.Series(pd.arrays.ArrowStringArray(arr))


# --- cells read as text to pandas -------------------------------------------------


def _ints_from_text(s: pd.Series, col: Column) -> pd.Series:
    return whole_numbers(parse_numbers(s, "int"))


def _floats_from_text(s: pd.Series, col: Column) -> pd.Series:
    return parse_numbers(s, "float").astype("float64")


def _dates_from_text(s: pd.Series, col: Column) -> pd.Series:
    return parse_dates(s)


def _categories_from_text(s: pd.Series, col: Column) -> pd.Series:
    return pd.Series(pd.Categorical(s.where(s.isin(col.allowed or ())), categories=list(col.allowed or ())))


def _text_from_text(s: pd.Series, col: Column) -> pd.Series:
    return s.mask(s == "").astype(pd.StringDtype("pyarrow"))


# --- typed values back to the text of a CSV cell ---------------------------------------


def _arrow_text_series(arr: pa.Array | pa.ChunkedArray) -> pd.Series:
    chunked = arr if isinstance(arr, pa.ChunkedArray) else pa.chunked_array([arr])
    return pd.Series(pd.arrays.ArrowStringArray(chunked.cast(pa.large_string())))


def _text_of_dates(values: pd.Series) -> pd.Series:
    """``YYYY-MM-DD`` (a cast through ``date32``, many times faster than ``strftime``).

    >>> _text_of_dates(pd.Series(pd.to_datetime(["2024-01-28", None]))).tolist()
    ['2024-01-28', <NA>]
    """
    if isinstance(values.dtype, pd.StringDtype):
        return _text_of_text(values)
    stamps = pa.array(values.to_numpy(dtype="datetime64[s]"), type=pa.timestamp("s"))
    return _arrow_text_series(stamps.cast(pa.date32()))


def _text_of_ints(values: pd.Series) -> pd.Series:
    """Whole numbers as written (``3``, never ``3.0``).

    >>> _text_of_ints(pd.Series([3, None], dtype="Int64")).tolist()
    ['3', <NA>]
    """
    if isinstance(values.dtype, pd.StringDtype):
        return _text_of_text(values)
    return _arrow_text_series(pa.array(values.astype("Int64"), from_pandas=True))


def _text_of_floats(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype):
        return _text_of_text(values)
    return _arrow_text_series(pa.array(values.astype("Float64"), from_pandas=True))


def _text_of_text(values: pd.Series) -> pd.Series:
    """Text with an empty cell as ``<NA>`` (a category's label as text); arrow text is not copied.

    >>> _text_of_text(pd.Series(["a", "", None], dtype="category")).tolist()
    ['a', <NA>, <NA>]
    """
    arr = getattr(values.array, "_pa_array", None)
    if arr is not None and pa.types.is_string(arr.type):
        arr = arr.cast(pa.large_string())
    if arr is None or not pa.types.is_large_string(arr.type):
        arr = pa.chunked_array([pa.array(values.astype("object").where(values.notna(), None), pa.large_string())])
    return empty_as_missing(arr)


# --- the table ----------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """What one column kind is in pandas and arrow, and how its cells are parsed."""

    name: str
    pandas_dtype: Callable[[Column], object]
    """The dtype of the column in the typed tables (a category's depends on the column's allowed values)."""
    arrow_type: pa.DataType
    """The type pyarrow converts the column's cells to on the fast read."""
    from_arrow: Callable[[pa.ChunkedArray, Column], pd.Series]
    """A column pyarrow read as ``arrow_type`` -> the typed pandas column."""
    from_text: Callable[[pd.Series, Column], pd.Series]
    """The column's cells as text -> the typed pandas column (a cell that does not parse is missing)."""
    number_pattern: str | None = None
    """The regular expression of a well-formed number (int and float kinds only)."""
    number_word: str = ""
    """What a well-formed cell is, in a message ("a whole number"); numbers only."""
    to_text: Callable[[pd.Series], pd.Series] = _text_of_text
    """Typed values (or values already text) -> the text of their CSV cells, ``<NA>`` for an empty cell."""

    @property
    def is_number(self) -> bool:
        return self.number_pattern is not None

    @property
    def is_whole_number(self) -> bool:
        return self.number_pattern == NUMBER_INT

    @property
    def is_date(self) -> bool:
        return self.arrow_type == pa.date32()


def _text_kind(name: str) -> Kind:
    return Kind(name, lambda col: pd.StringDtype("pyarrow"), pa.large_string(), _text_from_arrow, _text_from_text)


KINDS: dict[str, Kind] = {
    "int": Kind(
        "int",
        lambda col: pd.Int64Dtype(),
        pa.int64(),
        _ints_from_arrow,
        _ints_from_text,
        NUMBER_INT,
        "a whole number",
        _text_of_ints,
    ),
    "float": Kind(
        "float",
        lambda col: np.dtype("float64"),
        pa.float64(),
        _floats_from_arrow,
        _floats_from_text,
        NUMBER_FLOAT,
        "a decimal number",
        _text_of_floats,
    ),
    "date": Kind(
        "date",
        lambda col: np.dtype("datetime64[s]"),
        pa.date32(),
        _dates_from_arrow,
        _dates_from_text,
        to_text=_text_of_dates,
    ),
    "category": Kind(
        "category",
        lambda col: pd.CategoricalDtype(list(col.allowed or ())),
        pa.dictionary(pa.int32(), pa.large_string()),
        _categories_from_arrow,
        _categories_from_text,
    ),
    "id": _text_kind("id"),
    "ids": _text_kind("ids"),
    "text": _text_kind("text"),
}
"""Every column kind of :data:`analysis.schema.COLUMN_KINDS`, by name."""

if set(KINDS) != set(schema.COLUMN_KINDS):
    raise ImportError(
        f"analysis/data/kinds.py: KINDS declares {sorted(KINDS)}, "
        f"expected exactly the kinds of analysis.schema.COLUMN_KINDS {sorted(schema.COLUMN_KINDS)}"
    )


def kind_of(col: Column) -> Kind:
    """The :class:`Kind` of a column.

    >>> kind_of(schema.INCIDENTS.column("geo_precision")).name
    'int'
    """
    return KINDS[col.kind]


def dtype_of(col: Column):
    """The pandas dtype a column has in the typed tables.

    >>> dtype_of(schema.INCIDENTS.column("geo_precision"))
    Int64Dtype()
    """
    return kind_of(col).pandas_dtype(col)


def arrow_from_written_text(arr: pa.ChunkedArray, col: Column) -> pa.ChunkedArray | None:
    """Text cells as written to a CSV file (null for an empty cell) typed as the fast read types that file
    (:data:`Kind.arrow_type`); None when a number or date cell is not as pyarrow writes it, so that only
    reading the file can tell what pyarrow makes of it.

    >>> col = schema.INCIDENTS.column("geo_precision")
    >>> arrow_from_written_text(pa.chunked_array([["3", None]], pa.large_string()), col).to_pylist()
    [3, None]
    >>> arrow_from_written_text(pa.chunked_array([[" 3"]], pa.large_string()), col) is None
    True
    """
    arrow_type = kind_of(col).arrow_type
    if arrow_type == pa.large_string():
        return _nulls_as_empty(arr)  # the fast read: an empty cell is ""
    if pa.types.is_dictionary(arrow_type):
        return _nulls_as_empty(arr).dictionary_encode()
    try:
        typed = pc.cast(arr, arrow_type)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    as_written = pc.all(pc.equal(pc.cast(typed, pa.large_string()), arr)).as_py()  # nulls stay nulls
    return typed if as_written in (True, None) else None


def _nulls_as_empty(arr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Text with every null cell as ``""``; the text is not copied when the null cells take no bytes (as
    they do in the arrays pyarrow and :func:`empty_as_missing` make).

    >>> _nulls_as_empty(pa.chunked_array([pa.array(["a", None], pa.large_string())])).to_pylist()
    ['a', '']
    """
    chunks = []
    for chunk in arr.chunks:
        if not chunk.null_count:
            chunks.append(chunk)
            continue
        unmasked = pa.Array.from_buffers(chunk.type, len(chunk), [None, *chunk.buffers()[1:]], offset=chunk.offset)
        empty_where_null = pc.or_(pc.is_valid(chunk), pc.equal(pc.binary_length(unmasked), 0))
        chunks.append(unmasked if pc.all(empty_where_null).as_py() else pc.fill_null(chunk, ""))
    return pa.chunked_array(chunks, type=arr.type)


def empty_column(col: Column, n: int) -> pd.Series:
    """``n`` missing values of the column's dtype (a column absent from a file)."""
    return pd.Series([None] * n, dtype=dtype_of(col))
