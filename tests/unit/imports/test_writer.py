"""analysis.imports.writer: merge by id, idempotent, nothing written on failure."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.contract import ImportRejected
from analysis.imports.formats.acled import import_acled
from analysis.imports.writer import write_import

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
CURRENT = FORMATS / "acled_layout" / "layout_current.csv"


def _files(folder: Path) -> dict[str, bytes]:
    """The data files of ``folder`` (the import log, which says what the last import did, left out)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "import-log.csv"}


def test_importing_the_same_file_twice_changes_nothing(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    first = _files(out)
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    assert "incidents: 0 new, 0 updated, 4 unchanged" in capsys.readouterr().out
    assert _files(out) == first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def test_a_newer_export_updates_its_incidents_without_duplicating_them(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    newer = tmp_path / "newer.csv"  # the same events, one figure revised (as ACLED revises rows), built at test time
    newer.write_text(CURRENT.read_text(encoding="utf-8").replace("in ACLED's columns.,8,", "in ACLED's columns.,9,"))
    assert main(["import", "acled", str(newer), "--out", str(out)]) == 0
    assert "incidents: 0 new, 4 updated, 0 unchanged" in capsys.readouterr().out  # the notes name the newer file
    inc = load_dataset(out).incidents.set_index("incident_id")
    assert len(inc) == 4 and inc.loc["ACLED-UCDP114064", "fatalities"] == 9


def test_another_source_is_added_beside_the_first(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    assert main(["import", "ucdp", str(FORMATS / "ucdp" / "ged_hdx_iraq_sample.csv"), "--out", str(out)]) == 0
    assert "incidents: 12 new, 0 updated, 0 unchanged, 4 kept" in capsys.readouterr().out
    assert len(load_dataset(out).incidents) == 16


def test_a_folder_that_is_not_a_data_directory_is_refused(tmp_path):
    out = tmp_path / "home"
    out.mkdir()
    (out / "letter.txt").write_text("keep me")
    with pytest.raises(ImportRejected) as err:
        write_import(import_acled(CURRENT), out)
    assert "a folder that is not a data directory (no incidents.csv)" in str(err.value)
    assert _files(out) == {"letter.txt": b"keep me"}


def test_a_place_name_used_for_two_points_is_told_apart(tmp_path):
    twice = tmp_path / "twice.csv"
    text = CURRENT.read_text(encoding="utf-8")
    twice.write_text(text.replace("Sāmarrā’ town", "Al Fallūjah town"), encoding="utf-8")  # same name, other point
    assert main(["import", "acled", str(twice), "--out", str(tmp_path / "d")]) == 0
    places = load_dataset(tmp_path / "d").places.set_index("name")
    assert {"Al Fallūjah town (Al Anbār province)", "Al Fallūjah town (Şalāḩ ad Dīn province)"} <= set(places.index)
    assert places.loc["Al Fallūjah town (Al Anbār province)", "aliases"] == "Al Fallūjah town"


def test_each_import_claims_its_own_date_span_in_coverage(tmp_path, capsys):
    out = tmp_path / "d"
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    assert main(["import", "ucdp", str(FORMATS / "ucdp" / "ged_hdx_iraq_sample.csv"), "--out", str(out)]) == 0
    assert main(["import", "ucdp", str(FORMATS / "ucdp" / "ged_hdx_iraq_sample.csv"), "--out", str(out)]) == 0
    data = load_dataset(out)
    coverage = data.coverage.sort_values("period_start", ignore_index=True)
    assert len(coverage) == 2, "one row per imported file; re-importing the same file adds none"
    inc = data.incidents
    assert sorted(b.split(":")[0] for b in coverage["basis"]) == [
        "ACLED export layout_current.csv",
        "UCDP GED file ged_hdx_iraq_sample.csv",
    ]
    assert all("claimed by the import; --no-coverage: no claim" in b for b in coverage["basis"])
    assert sorted(coverage["countries"]) == ["Iraq", "Iraq;Syria"]
    assert coverage["period_start"].min() == inc["event_date"].min()
    assert coverage["period_end"].max() == inc["event_date"].max()


def test_a_place_name_already_in_the_folder_is_never_moved_to_another_point(tmp_path):
    out = tmp_path / "d"
    assert main(["import", "acled", str(CURRENT), "--out", str(out)]) == 0
    moved = tmp_path / "moved.csv"  # another event, same place name, another point (built at test time)
    text = (
        CURRENT.read_text(encoding="utf-8")
        .replace("UCDP114064,", "OTHER1,")
        .replace("33.355813,43.786124", "33.4,43.9")
    )
    moved.write_text(text, encoding="utf-8")
    assert main(["import", "acled", str(moved), "--out", str(out)]) == 0
    data = load_dataset(out)
    places = data.places.set_index("name")
    inc = data.incidents.set_index("incident_id")
    old_place = places.loc[inc.loc["ACLED-UCDP114064", "location"]]
    new_place = places.loc[inc.loc["ACLED-OTHER1", "location"]]
    assert (old_place["latitude"], old_place["longitude"]) == (33.355813, 43.786124)
    assert (new_place["latitude"], new_place["longitude"]) == (33.4, 43.9)


def test_an_id_an_importer_repeats_is_refused_by_the_validation_of_a_new_folder(tmp_path):
    imported = import_acled(CURRENT)  # a repeat made here by hand: the importers refuse one before this
    twice = dataclasses.replace(
        imported,
        incidents=pd.concat([imported.incidents, imported.incidents.iloc[[0]]], ignore_index=True),
        input_lines=np.arange(2, 7),
        source_keys=pd.concat([imported.source_keys, imported.source_keys.iloc[[0]]], ignore_index=True),
    )
    with pytest.raises(ImportRejected) as err:
        write_import(twice, tmp_path / "d")
    assert "incidents.csv:6: incident_id: found duplicate 'ACLED-UCDP114064'" in str(err.value)
    assert "first used on line 2" in str(err.value)
    assert not list(tmp_path.iterdir()), "nothing written"
