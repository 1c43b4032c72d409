"""Typed tables from analysis.data.read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.data.dataset import load_incidents
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
