"""Per-cell rules (analysis.data.rules): count bounds and date bounds from issue #13, gates and pandera agree.

Fixture lines: incidents.csv IRQ on lines 2-3, JOR on line 4, SYR on line 5;
the other tables have their first row on line 2.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pyarrow as pa
import pytest

from analysis import schema
from analysis.data import validate
from analysis.data.rules import bounds_text, date_bounds, gate
from analysis.data.validate import validate_data_dir
from tests.fixtures.build import set_cell

IRQ, JOR, SYR = 0, 1, 2
COUNTS = [c.name for t in schema.TABLES for c in t.columns if c.kind == "int" and c.name != "geo_precision"]


def problems(data_dir, **kwargs) -> list[str]:
    return [str(p) for p in validate_data_dir(data_dir, **kwargs).problems]


# --- counts: bounded so that nothing wraps around int64 ------------------------------


def test_every_count_is_bounded_by_max_count_and_the_codebook_says_so():
    assert len(COUNTS) == 19  # min, best and max of 4 casualty measures, munitions and reported values; fatalities
    for table in schema.TABLES:
        for col in table.columns:
            if col.name in COUNTS:
                assert (col.minimum, col.maximum) == (0, schema.MAX_COUNT), col.name
                assert bounds_text(col) == "a number from 0 to 10000000"


@pytest.mark.parametrize("value", ["99999999999999999999", "9223372036854775807", "10000001"])
def test_a_count_beyond_the_maximum_is_rejected_not_wrapped(data_dir, value):
    set_cell(data_dir / "incidents.csv", JOR, "munitions_max", value)
    report = validate_data_dir(data_dir)
    assert [str(p) for p in report.problems] == [
        f"{data_dir}/incidents.csv:4: munitions_max: found '{value}', expected a number from 0 to 10000000"
    ]
    typed = report.tables["incidents"]["munitions_max"]
    assert (typed.dropna() >= 0).all(), "a number int64 cannot hold becomes <NA>, never a negative number"


def test_two_rows_at_int64_max_are_both_reported(data_dir):
    for row in (JOR, SYR):
        set_cell(data_dir / "incidents.csv", row, "other_killed_min", str(2**63 - 1))
    assert problems(data_dir) == [
        f"{data_dir}/incidents.csv:{line}: other_killed_min: found '9223372036854775807', "
        "expected a number from 0 to 10000000"
        for line in (4, 5)
    ]


def test_reported_totals_value_is_bounded_too(data_dir):
    set_cell(data_dir / "reported_totals.csv", 0, "value_max", "99999999999999999999")
    assert problems(data_dir) == [
        f"{data_dir}/reported_totals.csv:2: value_max: found '99999999999999999999', "
        "expected a number from 0 to 10000000"
    ]


def test_the_maximum_itself_passes_and_a_negative_count_is_still_told_not_negative(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "munitions_min", "10000000")
    set_cell(data_dir / "incidents.csv", SYR, "munitions_max", "10000000")
    assert problems(data_dir) == []
    set_cell(data_dir / "incidents.csv", SYR, "munitions_min", "-1")
    assert problems(data_dir) == [
        f"{data_dir}/incidents.csv:5: munitions_min: found '-1', expected a number >= 0 (not negative)"
    ]


def test_the_fast_gate_fails_a_column_beyond_its_maximum():
    col = schema.INCIDENTS.column("us_killed_min")
    assert gate(col, pa.chunked_array([pa.array([0, 10_000_000], pa.int64())]))
    assert not gate(col, pa.chunked_array([pa.array([0, 10_000_001], pa.int64())]))


# --- dates: between 1989-01-01 (UCDP GED's first year) and tomorrow ----------------------------------------


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "2204-07-25", "1988-12-31"])
def test_an_incident_date_outside_the_range_is_rejected(data_dir, value):
    set_cell(data_dir / "incidents.csv", JOR, "event_date", value)
    assert problems(data_dir, today=dt.date(2025, 3, 1)) == [
        f"{data_dir}/incidents.csv:4: event_date: found '{value}', expected a date from 1989-01-01 to 2025-03-02 (tomorrow)"
    ]


def test_the_range_ends_the_day_after_today(data_dir):
    set_cell(data_dir / "incidents.csv", IRQ, "event_date", "1989-01-01")  # the floor itself passes
    # alpha was published (and the reported total is as of) 2024-07-26: the day after "today" passes (a later time zone)
    assert problems(data_dir, today=dt.date(2024, 7, 25)) == []
    expected = "expected a date from 1989-01-01 to 2024-07-25 (tomorrow)"
    assert problems(data_dir, today=dt.date(2024, 7, 24)) == [
        f"{data_dir}/sources.csv:2: published: found '2024-07-26', {expected}",
        f"{data_dir}/reported_totals.csv:2: as_of: found '2024-07-26', {expected}",
    ]


def test_today_is_taken_when_validating_not_when_importing(data_dir, monkeypatch):
    monkeypatch.setattr(validate, "_today", lambda: dt.date(2024, 1, 1))
    assert problems(data_dir)[0] == (
        f"{data_dir}/sources.csv:2: published: found '2024-07-26', expected a date from 1989-01-01 to 2024-01-02 (tomorrow)"
    )
    monkeypatch.undo()
    assert problems(data_dir) == []


def test_every_date_column_is_bounded(data_dir):
    set_cell(data_dir / "sources.csv", 0, "published", "2204-07-26")
    set_cell(data_dir / "context.csv", 0, "date", "1024-07-23")
    set_cell(data_dir / "reported_totals.csv", 0, "period_start", "9999-12-31")
    set_cell(data_dir / "reported_totals.csv", 0, "as_of", "0001-01-01")
    expected = "expected a date from 1989-01-01 to 2025-01-01 (tomorrow)"
    assert problems(data_dir, today=dt.date(2024, 12, 31)) == [
        f"{data_dir}/sources.csv:2: published: found '2204-07-26', {expected}",
        f"{data_dir}/context.csv:2: date: found '1024-07-23', {expected}",
        f"{data_dir}/reported_totals.csv:2: period_start: found '9999-12-31', {expected}",
        f"{data_dir}/reported_totals.csv:2: as_of: found '0001-01-01', {expected}",
    ]


def test_the_range_is_checked_on_the_cell_by_cell_path_too(data_dir):
    set_cell(data_dir / "incidents.csv", JOR, "event_date", "9999-12-31")
    set_cell(data_dir / "incidents.csv", SYR, "weapon", "laser")  # a failing gate: cell-by-cell read
    found = problems(data_dir, today=dt.date(2025, 1, 1))
    assert found[0] == (
        f"{data_dir}/incidents.csv:4: event_date: found '9999-12-31', expected a date from 1989-01-01 to 2025-01-02 (tomorrow)"
    )
    assert found[1].startswith(f"{data_dir}/incidents.csv:5: weapon: found 'laser'")


def test_date_bounds_and_the_schema_floor():
    assert schema.EARLIEST_DATE == "1989-01-01"
    assert date_bounds(dt.date(2024, 2, 28))[1] == dt.date(2024, 2, 29)
    for table in schema.TABLES:
        for col in table.columns:
            if col.kind == "date":
                assert (
                    "from 1989-01-01 (the first year of UCDP GED, the oldest dataset an import reads) to tomorrow"
                    in col.description
                )


def test_typed_dates_keep_their_dtype_when_out_of_range(data_dir):
    set_cell(data_dir / "incidents.csv", JOR, "event_date", "9999-12-31")
    frame = validate_data_dir(data_dir).tables["incidents"]
    assert frame["event_date"].dtype == "datetime64[s]" and frame["event_date"].iloc[JOR] == pd.Timestamp("9999-12-31")


def test_gate_checks_id_patterns_from_bytes_as_the_regex_would():
    col = schema.INCIDENTS.column("incident_id")
    tricky = ["A1", "_A1", "A 1", "A1\n", "IRQ\u0661", "é1", "a-b.c:d_e", "-x", "A\x00"]
    for value in tricky:
        arr = pa.chunked_array([pa.array(["OK1", value], pa.large_string())])
        expected = re.fullmatch(schema._ID_PATTERN.strip("^$"), value) is not None
        assert gate(col, arr) is expected, value


def test_gate_checks_listed_ids_item_by_item():
    col = schema.INCIDENTS.column("source_ids")
    items: dict = {}
    assert gate(col, pa.chunked_array([pa.array(["S1; S2", "S2"], pa.large_string())]), items)
    assert sorted(items["source_ids"]) == ["S1", "S2"]
    for bad in ["S1;;S2", "S1;", "S 1", "S1;\u00e92"]:
        assert not gate(col, pa.chunked_array([pa.array(["S1", bad], pa.large_string())])), bad
