"""The public loader (analysis.data.dataset): a whole directory validated once, every table typed."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import schema
from analysis.data.dataset import empty_table, load_context, load_dataset, load_incidents, load_reported_totals
from analysis.data.problems import DataValidationError
from tests.fixtures.build import set_cell


def test_load_raises_with_every_problem(data_dir):
    set_cell(data_dir / "incidents.csv", 1, "weapon", "drones")
    set_cell(data_dir / "incidents.csv", 2, "geo_precision", "9")
    with pytest.raises(DataValidationError) as err:
        load_incidents(data_dir)
    assert isinstance(err.value, ValueError)
    assert [p.line for p in err.value.problems] == [4, 5]
    assert "incidents.csv:4: weapon: found 'drones'" in str(err.value)


def test_optional_tables_absent_give_empty_typed_frames(data_dir):
    (data_dir / "context.csv").unlink()
    (data_dir / "reported_totals.csv").unlink()
    ctx = load_context(data_dir)
    assert ctx.empty and list(ctx.columns) == schema.CONTEXT.column_names
    assert ctx["date_precision"].dtype == pd.CategoricalDtype(list(schema.DATE_PRECISIONS))
    assert load_reported_totals(data_dir)["value_min"].dtype == pd.Int64Dtype()


def test_load_dataset(data_dir):
    ds = load_dataset(data_dir)
    assert (len(ds.sources), len(ds.places), len(ds.incidents), len(ds.evidence)) == (3, 3, 3, 10)
    assert ds.reported_totals["value_min"].iloc[0] == 2500
    assert ds.notes == ("1 incident lacks evidence (external sources)",)


def test_empty_table_matches_loaded_dtypes(data_dir):
    assert dict(empty_table("incidents").dtypes) == dict(load_incidents(data_dir).dtypes)
