"""analysis.imports.writer and the validator: an import that claims no coverage, into a folder that holds claims."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.metrics.completeness import select_covered_spans
from analysis.metrics.frequency import count_per_period

ROOT = Path(__file__).resolve().parents[3]
GED = ROOT / "tests" / "fixtures" / "formats" / "ucdp" / "ged_hdx_iraq_sample.csv"
TRACKER = ROOT / "tests" / "fixtures" / "formats" / "tracker" / "wikipedia_us_attacks_on_syria.csv"
MAPPING = ROOT / "examples" / "wikipedia_us_attacks_on_syria.toml"


def test_a_csv_import_without_a_claim_is_accepted_beside_claims_and_its_months_stay_not_covered(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 0  # claims Iraq, 1997-10-30 to 2016-05-29
    claims = (out / "coverage.csv").read_bytes()
    capsys.readouterr()

    code = main(["import", "csv", str(TRACKER), "--mapping", str(MAPPING), "--out", str(out)])

    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "coverage: 1 period(s) claimed in coverage.csv (this file: no claim)" in printed.out
    assert "note: 11 incidents lie outside every period of coverage.csv (first: incidents.csv:" in printed.out
    assert (out / "coverage.csv").read_bytes() == claims, "the tracker claims nothing; the UCDP claim is kept as it was"
    data = load_dataset(out)
    syria = data.incidents[data.incidents["country"] == "Syria"]
    assert len(syria) == 11 and syria["event_date"].min() > pd.Timestamp("2016-05-29")

    for selection, spans in ((data.incidents, data.coverage), (syria, select_covered_spans(data.coverage, ["Syria"]))):
        months = count_per_period(selection, "month", start="2017-01-01", end="2020-12-31", coverage=spans)
        assert not months["covered"].any(), "no span of the tracker's rows is claimed covered"
        empty = months[~months["period"].isin(syria["event_date"].dt.to_period("M").dt.start_time)]
        assert empty["incidents"].isna().all(), "a month without a tracker row is 'none recorded', never 0"
        assert months["incidents"].sum() == 11


def test_a_merge_into_a_folder_with_claims_adds_an_incident_outside_them(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "ucdp", str(GED), "--out", str(out)]) == 0
    article = ROOT / "benchmarks" / "extraction" / "articles" / "a01_antiwar_2024-08-05.txt"
    candidates = tmp_path / "candidates"
    assert (
        main(["extract", str(article), "--published", "2024-08-05", "--out", str(candidates), "--data", str(out)]) == 0
    )
    capsys.readouterr()

    code = main(["merge", str(candidates), "--into", str(out)])

    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "lie outside every period of coverage.csv" in printed.out
    assert len(load_dataset(out).incidents) == 12 + 2
