"""coverage.csv: read into Dataset.coverage, checked against the incidents, or taken as the incidents' span."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.data.claimed_coverage import ASSUMED_BASIS, build_coverage_rows, is_assumed
from analysis.data.dataset import load_dataset
from analysis.data.validate import validate_data_dir
from tests.fixtures.tables import make_incidents

HEADER = "period_start,period_end,countries,basis\n"
# the fixture's incidents: Jordan 2024-01-28 (line 4), Syria 2024-02-02 (line 5), Iraq 2024-07-25 (lines 2-3)
TWO_PERIODS = HEADER + "2024-01-01,2024-02-29,,tracker's own statement\n2024-07-01,2024-07-31,Iraq;Syria,ACLED query\n"


def write_coverage(data_dir: Path, text: str) -> Path:
    (data_dir / "coverage.csv").write_text(text, encoding="utf-8")
    return data_dir


def problems(data_dir: Path) -> list[str]:
    return [str(p) for p in validate_data_dir(data_dir).problems]


def test_without_coverage_csv_the_data_covers_its_first_to_last_incident(data_dir):
    coverage = load_dataset(data_dir).coverage
    assert list(coverage.columns) == schema.COVERAGE.column_names
    assert coverage[["period_start", "period_end"]].astype(str).values.tolist() == [["2024-01-28", "2024-07-25"]]
    assert coverage["countries"].isna().all() and is_assumed(coverage)


def test_coverage_csv_is_read_typed(data_dir):
    coverage = load_dataset(write_coverage(data_dir, TWO_PERIODS)).coverage
    assert coverage["period_start"].dtype == "datetime64[s]" and coverage["basis"].dtype == pd.StringDtype("pyarrow")
    assert coverage["countries"].tolist() == [pd.NA, "Iraq;Syria"]
    assert not is_assumed(coverage)
    assert validate_data_dir(data_dir).summary().endswith("1 reported total, 2 coverage periods")


def test_an_incident_outside_every_period_is_allowed_and_counted_in_a_note(data_dir):
    write_coverage(data_dir, HEADER + "2024-01-01,2024-02-29,,statement\n2024-07-01,2024-07-31,Syria,query\n")
    report = validate_data_dir(data_dir)
    assert report.problems == [], "a claim says the table is complete inside it, not that nothing lies outside"
    assert (
        "1 incident lies outside every period of coverage.csv (first: incidents.csv:2, 2024-07-25 in Iraq): "
        "no complete count is claimed there; reports show their periods as not covered"
    ) in report.notes


def test_a_period_ending_before_it_starts_and_an_unknown_country_are_problems(data_dir):
    write_coverage(data_dir, HEADER + "2024-01-01,2024-12-31,,ok\n2024-03-01,2024-02-01,Narnia,bad\n")
    assert problems(data_dir) == [
        f"{data_dir}/coverage.csv:3: countries: found 'Narnia', expected one of {', '.join(schema.COUNTRIES)}",
        f"{data_dir}/coverage.csv:3: period_end: found 2024-02-01 before period_start 2024-03-01, "
        "expected period_end on or after period_start",
    ]


def test_a_missing_basis_or_bad_date_names_the_cell(data_dir):
    write_coverage(data_dir, HEADER + "2024-01-01,2024-13-01,,x\n2024-01-01,2024-12-31,,\n")
    found = "\n".join(problems(data_dir))
    assert f"{data_dir}/coverage.csv:2: period_end: found '2024-13-01'" in found
    assert f"{data_dir}/coverage.csv:3: basis: found an empty cell" in found


def test_build_coverage_rows_spans_the_incidents():
    incidents = make_incidents({"event_date": "2024-05-01"}, {"event_date": "2023-10-17"}, {"event_date": "2024-01-02"})
    rows = build_coverage_rows(incidents)
    assert rows.iloc[0].tolist() == [pd.Timestamp("2023-10-17"), pd.Timestamp("2024-05-01"), pd.NA, ASSUMED_BASIS]
    assert len(build_coverage_rows(incidents.iloc[0:0])) == 0
    assert build_coverage_rows(incidents, "UCDP GED 24.1", ["Iraq"])["countries"].tolist() == ["Iraq"]
