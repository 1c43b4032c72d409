"""incidents import csv --suggest: a mapping that imports its file on the first run."""

from __future__ import annotations

from pathlib import Path

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.suggest import suggest_mapping

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "tracker" / "wikipedia_us_attacks_on_syria.csv"


def _suggest_and_import(table: Path, tmp_path: Path, capsys) -> tuple[int, str]:
    assert main(["import", "csv", str(table), "--suggest"]) == 0
    mapping = tmp_path / "suggested.toml"
    mapping.write_text(capsys.readouterr().out, encoding="utf-8")
    code = main(["import", "csv", str(table), "--mapping", str(mapping), "--out", str(tmp_path / "d")])
    return code, capsys.readouterr().err


def test_suggest_guesses_the_columns_and_the_date_format():
    text = suggest_mapping(TABLE)
    assert 'event_date = "Date"' in text and 'location = "Location"' in text and 'notes = "Notes"' in text
    assert 'formats = ["%B %d, %Y"]  # reads 11 of the 11 dates' in text
    assert "'Al-Tanf, Eastern Homs Governorate' x4" in text


def test_the_suggested_mapping_imports_the_real_tracker_on_the_first_run(tmp_path, capsys):
    code, err = _suggest_and_import(TABLE, tmp_path, capsys)
    assert code == 0, err
    inc = load_dataset(tmp_path / "d").incidents
    assert len(inc) == 11 and set(inc["weapon"]) == {"unknown"} and inc["notes"].notna().all()


def test_columns_named_like_the_schema_are_recognised_and_free_text_is_not_forced_into_a_vocabulary(tmp_path, capsys):
    table = tmp_path / "tracker.csv"  # schema-named columns, and a 'Type' column of free text (hostile, built here)
    table.write_text(
        "Date,date_precision,claimed_by,us_killed,Type,Summary of the attack\n"
        "2024-01-28,day,Islamic Resistance in Iraq,3,one-way attack drone,A drone struck Tower 22 in Jordan near the border\n"
        "2024-01-29,day,,0,rockets and a drone,Rockets were fired at a base in Syria during the night\n"
        "2024-02-01,month,,,IED,An explosive device hit a convoy on the road to the airport\n",
        encoding="utf-8",
    )
    text = suggest_mapping(table)
    assert 'date_precision = "date_precision"' in text and 'claimed_by = "claimed_by"' in text
    assert 'us_killed_best = "us_killed"' in text
    assert 'weapon = "Type"' not in text and "# 'Type' holds free text, not weapon values" in text
    assert 'notes = "Summary of the attack"' in text
    code, err = _suggest_and_import(table, tmp_path, capsys)
    assert code == 0, err
    inc = load_dataset(tmp_path / "d").incidents.sort_values("event_date")
    assert inc["us_killed_best"].tolist()[:2] == [3, 0] and inc["date_precision"].tolist()[2] == "month"
