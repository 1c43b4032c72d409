"""Typed tables from analysis.data.read."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import schema
from analysis.data.problems import DataValidationError
from analysis.data.read import empty_table, load_context, load_dataset, load_incidents, load_reported_totals
from tests.fixtures.build import set_cell


def test_load_incidents_dtypes(data_dir):
    df = load_incidents(data_dir)
    assert list(df.columns) == schema.INCIDENTS.column_names
    assert len(df) == 3
    assert df["event_date"].dtype == np.dtype("datetime64[s]")
    assert df["event_date"].iloc[0] == pd.Timestamp("2024-07-25")
    assert df["geo_precision"].dtype == pd.Int64Dtype()
    assert df["us_killed_min"].dtype == pd.Int64Dtype() and df["us_killed_min"].isna().sum() == 1
    assert df["latitude"].dtype == np.float64
    assert df["weapon"].dtype == pd.StringDtype("pyarrow")  # multi-valued: "rocket;drone" is one cell
    assert df["incident_id"].dtype == pd.StringDtype("pyarrow")
    assert df["source_ids"].dtype == pd.StringDtype("pyarrow")
    assert df["operation"].isna().sum() == 2 and df["operation"].iloc[0] is pd.NA
    assert df["notes"].iloc[0].endswith("Second line of the note.")


def test_fast_and_cell_by_cell_paths_give_the_same_types(data_dir):
    fast = load_incidents(data_dir)
    set_cell(data_dir / "incidents.csv", 2, "munitions_min", "+3")  # pyarrow rejects "+3": cell-by-cell path
    slow = load_incidents(data_dir)
    assert dict(fast.dtypes) == dict(slow.dtypes)
    assert slow["munitions_min"].iloc[2] == 3
    pd.testing.assert_frame_equal(fast.drop(columns="munitions_min"), slow.drop(columns="munitions_min"))


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
