"""incidents import csv on the real Wikipedia tracker table and its committed mapping (examples/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.source_file import ImportRejected
from analysis.imports.tracker import import_tracker, suggest_mapping

ROOT = Path(__file__).resolve().parents[3]
TABLE = ROOT / "tests" / "fixtures" / "formats" / "tracker" / "wikipedia_us_attacks_on_syria.csv"
MAPPING = ROOT / "examples" / "wikipedia_us_attacks_on_syria.toml"


def test_example_mapping_imports_every_row(tmp_path):
    assert main(["import", "csv", str(TABLE), "--mapping", str(MAPPING), "--out", str(tmp_path / "d")]) == 0
    inc = load_dataset(tmp_path / "d").incidents
    assert len(inc) == 11 and (inc["country"] == "Syria").all() and inc["latitude"].isna().all()
    shayrat = inc[inc["event_date"] == "2017-04-07"].iloc[0]
    assert (shayrat["other_killed_min"], shayrat["other_killed_max"], shayrat["weapon"]) == (7, 9, "airstrike")
    khasham = inc[inc["event_date"] == "2018-02-07"].iloc[0]
    assert khasham["other_killed_min"] == 10 and khasham["other_killed_max"] is not None
    patrol = inc[inc["event_date"] == "2020-02-02"].iloc[0]
    assert (patrol["event_type"], patrol["weapon"]) == ("Battles", "small_arms")
    strike = inc[inc["event_date"] == "2018-04-14"].iloc[0]
    assert strike["perpetrator"] == "US, UK and France"


def test_several_weapon_maps_give_several_weapons(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        MAPPING.read_text(encoding="utf-8")
        + '\n[[values]]\ncolumn = "Notes"\npattern = \'Reaper drone\'\nset = { weapon = "airstrike" }\n',
        encoding="utf-8",
    )
    inc = import_tracker(TABLE, mapping).incidents
    assert inc.loc[inc["event_date"] == "2018-02-10", "weapon"].iloc[0] == "drone;airstrike"


def test_mapping_errors_name_the_mapping_file_line(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace('event_date = "Date"', 'event_date = "Datum"'))
    with pytest.raises(ImportRejected) as err:
        import_tracker(TABLE, mapping)
    line = mapping.read_text().splitlines().index('event_date = "Datum"') + 1
    assert str(err.value.problems[0]) == (
        f"{mapping}:{line}: event_date: found 'Datum', expected a column of the table: Date, Location, Notes, Ref."
    )


def test_a_value_outside_the_vocabulary_is_refused(tmp_path):
    mapping = tmp_path / "m.toml"
    mapping.write_text(MAPPING.read_text(encoding="utf-8").replace('weapon = "small_arms"', 'weapon = "rifle"'))
    with pytest.raises(ImportRejected) as err:
        import_tracker(TABLE, mapping)
    line = (
        mapping.read_text().splitlines().index(next(t for t in mapping.read_text().splitlines() if '"rifle"' in t)) + 1
    )
    assert str(err.value.problems[0]).startswith(
        f"{mapping}:{line}: weapon: found 'rifle', expected one of rocket, drone"
    )


def test_suggest_guesses_the_columns_and_the_date_format():
    text = suggest_mapping(TABLE)
    assert 'event_date = "Date"' in text and 'location = "Location"' in text
    assert 'formats = ["%B %d, %Y"]  # fits 11 of the first 11 dates' in text
    assert "'Al-Tanf, Eastern Homs Governorate' x4" in text
