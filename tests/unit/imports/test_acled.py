"""incidents import acled, on ACLED's two column layouts (layout fixtures) and, when present, real ACLED rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.acled import import_acled
from analysis.imports.source_file import ImportRejected

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
LAYOUT = FORMATS / "acled_layout"
REAL = FORMATS / "acled"
real_rows = pytest.mark.skipif(
    not (REAL / "acled_current.csv").is_file(),
    reason="real ACLED rows are not redistributable (ACLED terms of use): they are kept out of the public tree "
    "(tests/fixtures/formats/acled/*.csv is git-ignored); the layout fixtures test the same code in CI",
)


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
    assert f"{bad}:2: event_date: found '24/01/2014', expected a date as 2024-01-28 or 28 January 2024" in err
    assert f"{bad}:2: sub_event_type: found 'Firefight', expected an ACLED sub-event type (CODEBOOK.md)" in err
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


@real_rows
def test_real_current_layout_rows(tmp_path):
    assert main(["import", "acled", str(REAL / "acled_current.csv"), "--out", str(tmp_path / "d")]) == 0
    inc = load_dataset(tmp_path / "d").incidents
    assert len(inc) == 11 and set(inc["country"]) == {"Palestine"}
    assert inc["fatalities"].notna().all()


@real_rows
def test_real_export_tool_rows_with_written_dates(tmp_path):
    assert main(["import", "acled", str(REAL / "acled_export_tool_sample.csv"), "--out", str(tmp_path / "d")]) == 0
    assert sorted(load_dataset(tmp_path / "d").incidents["event_date"].dt.strftime("%Y-%m-%d")) == ["2024-11-01"] * 2


@real_rows
def test_real_older_layout_outside_the_schema_countries(tmp_path, capsys):
    assert main(["import", "acled", str(REAL / "acled_legacy.csv"), "--out", str(tmp_path / "d")]) == 2
    assert "country: found 'Afghanistan', expected one of Iraq" in capsys.readouterr().err
    assert (
        main(
            ["import", "acled", str(REAL / "acled_legacy.csv"), "--out", str(tmp_path / "d"), "--skip-other-countries"]
        )
        == 2
    )
    assert "no incidents" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()
