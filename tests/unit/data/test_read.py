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


def _written(path):
    """The cells of a CSV file as the import writer holds them: text, null for an empty cell."""
    import pyarrow as pa

    from analysis.data.kinds import empty_as_missing
    from analysis.data.read import read_csv_as_text

    arrow = read_csv_as_text(path)
    return pa.table({c: empty_as_missing(arrow.column(c)).array._pa_array for c in arrow.column_names})


def test_written_table_is_typed_from_memory_as_the_file_would_be(data_dir):
    from analysis.data.read import read_table, read_written_table

    path = data_dir / "incidents.csv"
    problems: list = []
    from_file = read_table(schema.INCIDENTS, path, "incidents.csv", problems).frame
    text = _written(path)
    path.write_text("not what was written\n")  # read from memory: the file is not read back
    from_memory = read_written_table(schema.INCIDENTS, text, path, "incidents.csv", problems)
    assert problems == []
    pd.testing.assert_frame_equal(from_memory.frame, from_file)


def test_written_table_with_a_bad_cell_is_read_from_its_file_with_lines(data_dir):
    from analysis.data.read import read_written_table

    path = data_dir / "incidents.csv"
    set_cell(path, 1, "geo_precision", " 7")  # not as pyarrow writes a number, and out of bounds
    problems: list = []
    read = read_written_table(schema.INCIDENTS, _written(path), path, "incidents.csv", problems)
    assert [(p.column, p.found) for p in problems] == [("geo_precision", "' 7'")]
    assert problems[0].line == read.line(1)
