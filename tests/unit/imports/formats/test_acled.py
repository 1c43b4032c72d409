"""incidents import acled, on ACLED's two column layouts (layout fixtures) and, when present, real ACLED rows."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.contract import ImportRejected
from analysis.imports.formats.acled import import_acled

FORMATS = Path(__file__).resolve().parents[3] / "fixtures" / "formats"
LAYOUT = FORMATS / "acled_layout"
CURRENT = LAYOUT / "layout_current.csv"
REAL_ROWS_ENV = "INCIDENTS_ACLED_ROWS"
"""A folder holding real ACLED rows (ACLED's terms keep them out of this repository for good)."""
REAL = Path(os.environ.get(REAL_ROWS_ENV, "")) if os.environ.get(REAL_ROWS_ENV) else None


def test_current_layout_maps_every_column(tmp_path):
    assert main(["import", "acled", str(LAYOUT / "layout_current.csv"), "--out", str(tmp_path / "d")]) == 0
    inc = load_dataset(tmp_path / "d").incidents.set_index("incident_id")
    assert list(inc.index) == ["ACLED-UCDP114064", "ACLED-UCDP62366", "ACLED-WSY20180207", "ACLED-WSY20200202"]
    fallujah = inc.loc["ACLED-UCDP114064"]
    assert (str(fallujah["event_date"].date()), fallujah["date_precision"]) == ("2014-01-24", "week")
    assert (fallujah["latitude"], fallujah["longitude"], fallujah["geo_precision"]) == (33.355813, 43.786124, 1)
    assert fallujah["fatalities"] == 8 and pd.isna(fallujah["other_killed_best"])
    assert inc.loc["ACLED-WSY20180207", "category"] == "us_strike"  # US forces as actor1
    assert inc.loc["ACLED-WSY20200202", "category"] == "attack_on_us"  # US forces as actor2
    assert inc.loc["ACLED-UCDP62366", "category"] == "regional"
    khasham = inc.loc["ACLED-WSY20180207"]
    assert pd.isna(khasham["latitude"]) and pd.isna(khasham["geo_precision"])  # no coordinates: unknown
    assert pd.isna(khasham["fatalities"])  # no figure given: none invented
    assert "ACLED WSY20180207 (layout_current.csv)." in khasham["notes"]


def test_older_layout_and_written_dates(tmp_path, capsys):
    assert main(["import", "acled", str(LAYOUT / "layout_older.csv"), "--out", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert "older layout (data_id / event_id_no_cnty): 3 rows" in out
    assert "'28 January 2024'" in out  # the date format met is named
    assert "columns not used: data_id, iso, event_id_no_cnty" in out
    inc = load_dataset(tmp_path / "d").incidents.set_index("incident_id")
    assert str(inc.loc["ACLED-WSY20180414", "event_date"].date()) == "2018-04-14"
    assert inc.loc["ACLED-WSY20180414", "category"] == "us_strike"  # US forces with associated actors
    assert inc.loc["ACLED-WSY20170518", "fatalities"] == 2


def test_mapping_file_overrides_the_category(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[category.events]\nWSY20200202 = "regional"\n')
    imported = import_acled(LAYOUT / "layout_current.csv", mapping)
    assert imported.incidents.set_index("incident_id").loc["ACLED-WSY20200202", "category"] == "regional"


def test_bad_rows_are_located_and_nothing_is_written(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    text = (LAYOUT / "layout_current.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("2014-01-24", "24/01/2014").replace("Armed clash", "Firefight", 1), encoding="utf-8")
    assert main(["import", "acled", str(bad), "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert (
        f"{bad}:2: event_date: found '24/01/2014', expected a real date as 2024-01-28, 28 January 2024 or 28-Jan-24; "
        "ACLED event UCDP114064"
    ) in err
    assert (
        f"{bad}:2: sub_event_type: found 'Firefight', expected an ACLED sub-event type (CODEBOOK.md); "
        "ACLED event UCDP114064"
    ) in err
    assert "nothing was written" in err
    assert not (tmp_path / "d").exists()


def test_a_mapping_file_typo_is_an_error_with_its_line(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text('[category]\nus_force = ["US"]\n')
    with pytest.raises(ImportRejected) as err:
        import_acled(LAYOUT / "layout_current.csv", mapping)
    assert str(err.value.problems[0]) == (
        f"{mapping}:2: us_force: found 'us_force', expected a key of [category]: us_forces, events"
    )


# --- issue 19: ids, dates, skipped rows, coverage (hostile copies of the layout fixture, built here) -------------


def _copy(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = CURRENT.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "acled.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_ids_that_differ_only_in_symbols_or_digits_stay_apart(tmp_path, capsys):
    path = _copy(
        tmp_path,
        ("UCDP114064,", "IRQ 1,"),
        ("UCDP62366,", "IRQ_1,"),
        ("WSY20180207,", "IRQ/1,"),
        ("WSY20200202,", "IRQ١٢,"),
    )
    assert main(["import", "acled", str(path), "--out", str(tmp_path / "d")]) == 0
    assert "incidents: 4 new" in capsys.readouterr().out
    ids = sorted(load_dataset(tmp_path / "d").incidents["incident_id"])
    assert ids == ["ACLED-IRQ_1", "ACLED-IRQ_20_1", "ACLED-IRQ_2f_1", "ACLED-IRQ_661__662_"]
    other = _copy(tmp_path, ("UCDP114064,", "IRQ١٢,"), ("UCDP62366,", "IRQ١٣,"))
    assert import_acled(other).incidents["incident_id"].nunique() == 4


def test_an_event_id_repeated_stops_the_import_naming_both_lines(tmp_path, capsys):
    path = _copy(tmp_path, ("UCDP62366,", "UCDP114064,"))
    assert main(["import", "acled", str(path), "--out", str(tmp_path / "d")]) == 2
    assert (
        f"{path}:3: event_id_cnty: found 'UCDP114064', expected each id once (line 2 has it too)"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize("written", ["31-Feb-24", "31 February 2024", "2024-02-31"])
def test_impossible_dates_are_refused_in_every_format(tmp_path, capsys, written):
    path = _copy(tmp_path, ("UCDP114064,2014-01-24,", f"UCDP114064,{written},"))
    assert main(["import", "acled", str(path), "--out", str(tmp_path / "d")]) == 2
    assert f"{path}:2: event_date: found '{written}', expected a real date" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["0000-01-24", "0001-01-24", "1988-12-31"])
def test_a_year_outside_the_schemas_range_is_a_problem_at_its_line_not_an_internal_error(tmp_path, capsys, written):
    path = _copy(tmp_path, ("UCDP114064,2014-01-24,", f"UCDP114064,{written},"))
    assert main(["import", "acled", str(path), "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert f"{path}:2: event_date: found '{written}', expected a date from 1989-01-01 to tomorrow" in err


def test_a_month_precision_date_stays_in_its_month(tmp_path):
    path = _copy(tmp_path, ("UCDP62366,2013-07-05,2013,1,", "UCDP62366,29 February 2024,2024,3,"))
    inc = import_acled(path).incidents.set_index("incident_id")
    assert str(inc.loc["ACLED-UCDP62366", "event_date"].date()) == "2024-02-01"


def test_skip_invalid_imports_the_rest_and_lists_each_line(tmp_path, capsys):
    path = _copy(tmp_path, ("UCDP114064,2014-01-24,", "UCDP114064,31-Feb-24,"))
    assert main(["import", "acled", str(path), "--out", str(tmp_path / "d"), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "rows: 4 in = 3 new + 0 updated + 0 unchanged + 1 skipped" in out
    assert f"skipped: {path}:2 (UCDP114064): invalid (--skip-invalid): event_date: found '31-Feb-24'" in out
    assert "coverage: 0 period(s)" in out, "rows left out: the file's span is no longer a claim of completeness"


def test_coverage_is_claimed_with_its_countries_unless_no_coverage(tmp_path, capsys):
    assert main(["import", "acled", str(CURRENT), "--out", str(tmp_path / "d")]) == 0
    coverage = load_dataset(tmp_path / "d").coverage
    assert coverage["countries"].tolist() == ["Iraq;Syria"]
    assert main(["import", "acled", str(CURRENT), "--out", str(tmp_path / "e"), "--no-coverage"]) == 0
    assert not (tmp_path / "e" / "coverage.csv").exists()


# --- real ACLED rows: only where INCIDENTS_ACLED_ROWS names a folder holding them (never skipped in CI) ----------

if REAL is not None:

    def test_real_current_layout_rows(tmp_path):
        assert main(["import", "acled", str(REAL / "acled_current.csv"), "--out", str(tmp_path / "d")]) == 0
        inc = load_dataset(tmp_path / "d").incidents
        assert len(inc) == 11 and set(inc["country"]) == {"Palestine"}
        assert inc["fatalities"].notna().all()

    def test_real_export_tool_rows_with_written_dates(tmp_path):
        assert main(["import", "acled", str(REAL / "acled_export_tool_sample.csv"), "--out", str(tmp_path / "d")]) == 0
        assert (
            sorted(load_dataset(tmp_path / "d").incidents["event_date"].dt.strftime("%Y-%m-%d")) == ["2024-11-01"] * 2
        )

    def test_real_older_layout_outside_the_schema_countries(tmp_path, capsys):
        assert main(["import", "acled", str(REAL / "acled_legacy.csv"), "--out", str(tmp_path / "d")]) == 2
        assert "country: found 'Afghanistan', expected one of Iraq" in capsys.readouterr().err
        assert (
            main(
                [
                    "import",
                    "acled",
                    str(REAL / "acled_legacy.csv"),
                    "--out",
                    str(tmp_path / "d"),
                    "--skip-other-countries",
                ]
            )
            == 2
        )
        assert "no incidents" in capsys.readouterr().err
        assert not (tmp_path / "d").exists()
