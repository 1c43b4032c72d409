"""The one table from column kind to pandas dtype, arrow type and parsers (analysis.data.kinds)."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pytest

from analysis import schema
from analysis.data.kinds import KINDS, dtype_of, kind_of
from analysis.schema import Column


def test_every_schema_kind_has_one_entry():
    assert set(KINDS) == set(schema.COLUMN_KINDS)
    assert {c.kind for t in schema.TABLES for c in t.columns} <= set(KINDS)


def test_a_misspelt_kind_fails_when_the_column_is_declared():
    with pytest.raises(ValueError, match=r"column 'x' has kind 'integer', expected one of id, text"):
        Column("x", "integer", "a misspelt kind")


def test_a_kind_missing_from_the_table_fails_at_import():
    """A kind added to the schema but not to KINDS stops ``import analysis.data.kinds``."""
    code = "import analysis.schema as s; s.COLUMN_KINDS = s.COLUMN_KINDS + ('money',); import analysis.data.kinds"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode != 0
    assert "expected exactly the kinds of analysis.schema.COLUMN_KINDS" in run.stderr


@pytest.mark.parametrize("column", [c for t in schema.TABLES for c in t.columns], ids=lambda c: c.name)
def test_text_and_arrow_parsers_give_the_dtype_of_the_table(column):
    kind = kind_of(column)
    empty = pa.chunked_array([pa.array([], pa.large_string())])
    text = kind.from_text(pd.Series([""], dtype=pd.StringDtype("pyarrow")), column)
    assert text.dtype == dtype_of(column) and text.isna().all()
    if kind.arrow_type == pa.large_string():
        assert kind.from_arrow(empty, column).empty


def test_number_kinds_parse_their_own_form():
    cells = pd.Series([" 3 ", "2.5", "x", ""], dtype=pd.StringDtype("pyarrow"))
    col = schema.INCIDENTS.column("latitude")
    assert KINDS["float"].from_text(cells, col).tolist()[:2] == [3.0, 2.5]
    ints = KINDS["int"].from_text(cells, schema.INCIDENTS.column("geo_precision"))
    assert ints.tolist() == [3, pd.NA, pd.NA, pd.NA]


def test_every_kind_writes_back_the_text_it_reads():
    for col in schema.INCIDENTS.columns:
        kind = KINDS[col.kind]
        cell = {"int": "3", "float": "33.5", "date": "2024-01-28"}.get(col.kind, (col.allowed or ("S1",))[0])
        text = pd.Series([cell, pd.NA], dtype="string")
        typed = kind.from_text(text, col)
        assert kind.to_text(typed).tolist() == [cell, pd.NA], col.name
