"""incidents import csv on the real Wikipedia tracker table and its committed mapping (examples/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.contract import ImportRejected
from analysis.imports.formats.csv_mapping import import_tracker

ROOT = Path(__file__).resolve().parents[4]
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


# --- rows in = rows out + rows reported; ids (issue: 56 rows in, 49 out, no word why) ------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _mapping(tmp_path: Path, old: str = "", new: str = "", extra: str = "") -> Path:
    text = MAPPING.read_text(encoding="utf-8")
    assert old in text
    return _write(tmp_path / "m.toml", [text.replace(old, new) + extra])


def _import(table: Path, mapping: Path, out: Path, *more: str) -> int:
    return main(["import", "csv", str(table), "--mapping", str(mapping), "--out", str(out), *more])


def test_identical_rows_are_separate_incidents_and_every_row_is_in_the_log(tmp_path, capsys):
    rows = _lines(TABLE)
    same_day = rows[2]  # a real row, repeated as four attacks of one day with the same text
    table = _write(tmp_path / "t.csv", [*rows, same_day, same_day, same_day])
    assert _import(table, MAPPING, tmp_path / "d") == 0
    assert "rows: 14 in = 14 new + 0 updated + 0 unchanged + 0 skipped" in capsys.readouterr().out
    assert len(load_dataset(tmp_path / "d").incidents) == 14
    log = _lines(tmp_path / "d" / "import-log.csv")
    assert len(log) == 15 and all('"new"' in line for line in log[1:])
    ids = sorted(line.split('","')[3] for line in log[1:] if "May-18-2017" in line)
    assert ids == [ids[0], f"{ids[0]}-2", f"{ids[0]}-3", f"{ids[0]}-4"]


def test_correcting_one_row_updates_its_incident_instead_of_adding_one(tmp_path, capsys):
    assert _import(TABLE, MAPPING, tmp_path / "d") == 0
    corrected = _write(
        tmp_path / "t.csv", [line.replace("2 soldiers were killed", "3 soldiers were killed") for line in _lines(TABLE)]
    )
    capsys.readouterr()
    assert _import(corrected, MAPPING, tmp_path / "d") == 0
    assert "incidents: 0 new, 1 updated, 10 unchanged" in capsys.readouterr().out
    inc = load_dataset(tmp_path / "d").incidents.set_index("event_date")
    assert len(inc) == 11 and inc.loc["2017-05-18", "other_killed_best"] == 3


def test_without_key_or_id_column_ids_are_row_numbers(tmp_path):
    mapping = _mapping(tmp_path, 'key = ["Date"]', "")
    ids = import_tracker(TABLE, mapping).incidents["incident_id"].tolist()
    assert ids == [f"WSY-row{n}" for n in range(1, 12)]


def test_an_id_column_repeated_or_empty_stops_the_import_naming_both_lines(tmp_path, capsys):
    rows = _lines(TABLE)
    table = _write(tmp_path / "t.csv", ["Id," + rows[0]] + [f"A{n}," + r for n, r in enumerate(rows[1:])])
    text = _lines(table)
    text[3] = "A0," + text[3].split(",", 1)[1]  # line 4 repeats line 2's id
    text[5] = "," + text[5].split(",", 1)[1]  # line 6 has no id
    _write(table, text)
    mapping = _mapping(tmp_path, 'key = ["Date"]', 'column = "Id"')
    assert _import(table, mapping, tmp_path / "d") == 2
    err = capsys.readouterr().err
    assert f"{table}:4: Id: found 'A0', expected each id once (line 2 has it too); Id A0" in err
    assert f"{table}:6: Id: found an empty cell, expected an id in every row" in err
    assert not (tmp_path / "d").exists()


def test_ids_that_differ_only_in_symbols_stay_apart(tmp_path):
    rows = _lines(TABLE)
    table = _write(tmp_path / "t.csv", ["Id," + rows[0], "IRQ 1," + rows[1], "IRQ_1," + rows[2], "IRQ/1," + rows[3]])
    mapping = _mapping(tmp_path, 'key = ["Date"]', 'column = "Id"')
    assert _import(table, mapping, tmp_path / "d") == 0
    assert sorted(load_dataset(tmp_path / "d").incidents["incident_id"]) == [
        "WSY-IRQ_1",
        "WSY-IRQ_20_1",
        "WSY-IRQ_2f_1",
    ]


# --- the mapping language ------------------------------------------------------------------------------


def test_drop_rows_url_sources_and_a_condition_on_two_columns(tmp_path):
    rows = _lines(TABLE)
    table = _write(
        tmp_path / "t.csv",
        [rows[0] + ",Link"] + [r + f",https://example.org/{n}" for n, r in enumerate(rows[1:])],
    )
    extra = (
        '\n[[drop]]\ncolumn = "Location"\npattern = "Ja\'Din"\nreason = "not a US strike"\n'
        '\n[[values]]\ncolumn = "Notes"\npattern = "(?i)airstrikes?"\nalso_column = "Location"\n'
        'also_pattern = "Al-Tanf"\nset = { target = "pro-government forces at al-Tanf" }\n'
    )
    mapping = _mapping(
        tmp_path, 'published_basis = "not known', 'url_column = "Link"\npublished_basis = "not known', extra
    )
    imported = import_tracker(table, mapping)
    inc = imported.incidents
    assert len(inc) == 10 and imported.skipped["reason"].tolist() == ["dropped by the mapping: not a US strike"]
    assert "Ja'Din" in imported.skipped["source_key"].iloc[0] or imported.skipped["input_line"].iloc[0] > 1
    assert all(ids.startswith("WIKI-US-ATTACKS-SYRIA;SRC-") for ids in inc["source_ids"])
    assert set(imported.sources["url"].dropna()) >= {"https://example.org/0"}
    tanf = inc[inc["location"].fillna("").str.contains("Al-Tanf")]
    assert (tanf["target"] != "unknown").any()


def test_a_runaway_pattern_finishes_and_a_backreference_is_refused_at_its_line(tmp_path, capsys):
    import time

    table = _write(tmp_path / "t.csv", ["Date,Notes", '"April 7, 2017",' + "a" * 33 + "!"])
    extra = '\n[[values]]\ncolumn = "Notes"\npattern = "^(a+)+$"\nset = { notes = "never" }\n'
    mapping = _write(
        tmp_path / "m.toml",
        [MAPPING.read_text(encoding="utf-8").split("[[values]]")[0].replace('location = "Location"\n', "") + extra],
    )
    started = time.perf_counter()
    assert _import(table, mapping, tmp_path / "d") == 0
    assert time.perf_counter() - started < 20
    backref = _write(tmp_path / "b.toml", [mapping.read_text().replace("^(a+)+$", r"(a)\\1")])
    assert _import(table, backref, tmp_path / "e") == 2
    line = _lines(backref).index(r'pattern = "(a)\\1"') + 1
    assert f"{backref}:{line}: pattern: found" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('formats = ["%B %d, %Y"]', "formats = 5", "formats: found '5', expected strptime formats"),
        ('set = { other_killed_best = "{1}" }', 'set = { other_killed_best = "{5}" }', "expected groups {1} to {1}"),
        ('country = "Syria"', 'incident_id = "X"', "incident_id: found 'incident_id', expected a column other than"),
    ],
)
def test_mapping_mistakes_are_exit_2_at_their_line(tmp_path, capsys, old, new, expected):
    mapping = _mapping(tmp_path, old, new)
    assert _import(TABLE, mapping, tmp_path / "d") == 2
    err = capsys.readouterr().err
    assert expected in err and f"{mapping}:" in err and f"{mapping}:0:" not in err


def test_a_string_date_format_is_one_format_not_its_characters(tmp_path):
    mapping = _mapping(tmp_path, 'formats = ["%B %d, %Y"]', 'formats = "%B %d, %Y"')
    assert len(import_tracker(TABLE, mapping).incidents) == 11


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_a_mapping_file_not_in_utf8_is_exit_2_with_its_line(tmp_path, capsys, encoding):
    mapping = tmp_path / "m.toml"
    mapping.write_bytes(MAPPING.read_text(encoding="utf-8").replace("Wikipedia", "Wikipédia").encode(encoding))
    assert _import(TABLE, mapping, tmp_path / "d") == 2
    err = capsys.readouterr().err
    assert f"{mapping}:" in err and "not UTF-8" in err


@pytest.mark.parametrize(
    ("cell", "why"),
    [("February 31, 2024", "a real date"), ("January 1, 0001", "a date from")],
)
def test_impossible_or_ancient_dates_are_refused_with_their_line(tmp_path, capsys, cell, why):
    rows = _lines(TABLE)
    table = _write(tmp_path / "t.csv", [rows[0], rows[1].replace("April 7, 2017", cell)])
    assert _import(table, MAPPING, tmp_path / "d") == 2
    assert f"{table}:2: Date (event_date): found '{cell}', expected {why}" in capsys.readouterr().err


def test_a_value_map_giving_nan_is_a_problem_not_a_crash(tmp_path, capsys):
    rows = _lines(TABLE)
    table = _write(tmp_path / "t.csv", [rows[0], rows[2].replace("2 soldiers were killed", "nan soldiers were killed")])
    mapping = _mapping(tmp_path, r"pattern = '(\d+) soldiers were killed'", r"pattern = '(\w+) soldiers were killed'")
    assert _import(table, mapping, tmp_path / "d") == 2
    assert "found 'nan', expected a whole number from 0 to" in capsys.readouterr().err


def test_skip_invalid_imports_the_rest_and_lists_each_skipped_line(tmp_path, capsys):
    rows = _lines(TABLE)
    table = _write(tmp_path / "t.csv", [rows[0], rows[1].replace("April 7, 2017", "February 31, 2024"), *rows[2:]])
    assert _import(table, MAPPING, tmp_path / "d", "--skip-invalid") == 0
    out = capsys.readouterr().out
    assert "rows: 11 in = 10 new + 0 updated + 0 unchanged + 1 skipped" in out
    assert (
        f"skipped: {table}:2 (February 31, 2024): invalid (--skip-invalid): Date (event_date): found 'February 31, 2024'"
        in out
    )
    log = _lines(tmp_path / "d" / "import-log.csv")
    assert '"skipped"' in log[1] and "February 31, 2024" in log[1]


def test_a_tracker_claims_no_coverage_unless_its_mapping_has_a_coverage_section(tmp_path):
    assert _import(TABLE, MAPPING, tmp_path / "d") == 0
    assert not (tmp_path / "d" / "coverage.csv").exists()
    extra = '\n[coverage]\nperiod_start = "2017-01-01"\nperiod_end = "2020-12-31"\ncountries = ["Syria"]\nbasis = "the list says it is complete"\n'
    assert _import(TABLE, _mapping(tmp_path, extra=extra), tmp_path / "e") == 0
    coverage = load_dataset(tmp_path / "e").coverage
    assert coverage["countries"].tolist() == ["Syria"] and "the list says it is complete" in coverage["basis"].iloc[0]


def test_a_required_column_nobody_fills_is_named_at_a_real_line_of_the_mapping(tmp_path):
    mapping = _write(tmp_path / "m.toml", ['[source]\nid = "T"\n\n[columns]\nevent_date = "Date"'])
    with pytest.raises(ImportRejected) as err:
        import_tracker(TABLE, mapping)
    assert {p.line for p in err.value.problems} == {4}  # the [columns] header, never :0:
    assert "category" in {p.column for p in err.value.problems}
