"""incidents import ucdp on real UCDP GED rows (HDX copy, CC BY 4.0)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.formats.ucdp import import_ucdp

GED = Path(__file__).resolve().parents[3] / "fixtures" / "formats" / "ucdp" / "ged_hdx_iraq_sample.csv"


def test_events_dates_places_and_deaths(tmp_path, capsys):
    assert main(["import", "ucdp", str(GED), "--out", str(tmp_path / "d")]) == 0
    assert "12 events (HXL hashtag row skipped)" in capsys.readouterr().out
    data = load_dataset(tmp_path / "d")
    inc = data.incidents.set_index("incident_id")
    assert len(inc) == 12
    fallujah = inc.loc["UCDP-114064"]  # date_prec 2, 2014-01-24 to 2014-01-25, low/best/high 8/8/8
    assert (str(fallujah["event_date"].date()), fallujah["date_precision"]) == ("2014-01-24", "week")
    assert (fallujah["other_killed_min"], fallujah["other_killed_best"], fallujah["other_killed_max"]) == (8, 8, 8)
    assert fallujah["fatalities"] == 8 and pd.isna(fallujah["us_killed_best"])
    assert "dates 2014-01-24 to 2014-01-25 (date_prec 2)" in fallujah["notes"]
    country_only = inc[inc["location"].isna()]  # where_prec 6: UCDP's country centroid is not kept
    assert (
        len(country_only) == 1 and country_only["latitude"].isna().all() and (country_only["country"] == "Iraq").all()
    )
    dated = data.sources.dropna(subset=["published"])
    assert "Iraq violence kills 14 as January toll tops 800" in set(dated["headline"])


def test_deaths_of_a_us_side_go_to_us_killed(tmp_path):
    # a copy of real row 114064 whose side A is renamed to US forces (built at test time, never committed)
    text = GED.read_text(encoding="utf-8").splitlines()
    header, hxl, row = text[0], text[1], next(t for t in text if t.startswith("114179,"))
    changed = row.replace(",Government of Iraq,", ",Government of United States of America,")
    (tmp_path / "us.csv").write_text("\n".join([header, hxl, changed]) + "\n", encoding="utf-8")
    inc = import_ucdp(tmp_path / "us.csv").incidents.iloc[0]
    assert inc["category"] == "us_strike"
    assert (inc["us_killed_best"], inc["other_killed_best"], inc["fatalities"]) == (6, 0, 6)  # deaths_a 6 of best 6
    assert pd.isna(inc["other_killed_min"]) and pd.isna(inc["other_killed_max"])  # low/high are not split by side


# --- issue 19: real GED rows with UCDP's own quirks (ged_hdx_iraq_quirks.csv), and hostile copies built here ------

QUIRKS = GED.parent / "ged_hdx_iraq_quirks.csv"


def _rows(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _file(tmp_path: Path, lines: list[str], name: str = "ged.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_real_quirks_import_whole_with_each_rule_noted(tmp_path, capsys):
    assert main(["import", "ucdp", str(QUIRKS), "--out", str(tmp_path / "d")]) == 0
    out = capsys.readouterr().out
    assert "rows: 6 in = 5 new + 0 updated + 0 unchanged + 1 skipped" in out
    assert "UCDP bounds that contradict best, dropped and noted: 1 low above best, 1 high below best" in out
    inc = load_dataset(tmp_path / "d").incidents.set_index("incident_id")
    high_below = inc.loc["UCDP-142372"]  # low/best/high 4/4/3
    assert (high_below["other_killed_min"], high_below["other_killed_best"]) == (4, 4)
    assert pd.isna(high_below["other_killed_max"]) and "high is below its best: high dropped" in high_below["notes"]
    assert "UCDP low/best/high deaths 4/4/3" in high_below["notes"], "UCDP's own figures are kept in the notes"
    low_above = inc.loc["UCDP-142373"]  # 4/3/4
    assert pd.isna(low_above["other_killed_min"]) and (
        low_above["other_killed_best"],
        low_above["other_killed_max"],
    ) == (3, 4)


def test_a_coalition_side_is_never_us_personnel(tmp_path):
    inc = import_ucdp(QUIRKS).incidents.set_index("incident_id")
    for event in ("UCDP-121592", "UCDP-121695"):  # Australia, UK and US governments as side A
        row = inc.loc[event]
        assert row["category"] == "us_strike"
        assert pd.isna(row["us_killed_best"]) and pd.isna(row["other_killed_best"]), "the split is unknown, not 0"
        assert "coalition with US forces among others" in row["notes"]
    assert (
        inc.loc["UCDP-121695", "fatalities"] == 0
        and "UCDP low/best/high deaths 0/0/6" in inc.loc["UCDP-121695", "notes"]
    )
    # the same real row with the coalition's own deaths set (built here): still not US personnel
    rows = _rows(QUIRKS)
    coalition = next(r for r in rows if r.startswith("121592,")).replace(
        ",2003-04-02,0,1,0,0,1,1,1", ",2003-04-02,150,1,0,0,151,151,151"
    )
    row = import_ucdp(_file(tmp_path, [rows[0], rows[1], coalition])).incidents.iloc[0]
    assert pd.isna(row["us_killed_best"]) and row["fatalities"] == 151


def test_ucdps_placeholder_and_impossible_citation_dates_are_unknown_published_dates(tmp_path):
    rows = _rows(GED)
    real = next(r for r in rows if r.startswith("114064,"))
    placeholder = real.replace("Agence France Presse,2014-01-25,", "Agence France Presse,1753-01-01,")
    impossible = real.replace("114064,", "114065,", 1).replace(
        "Agence France Presse,2014-01-25,", "Agence France Presse,2014-02-31,"
    )
    imported = import_ucdp(_file(tmp_path, [rows[0], rows[1], placeholder, impossible]))
    cited = imported.sources[imported.sources["outlet"] == "Agence France Presse"]
    assert cited["published"].isna().all()
    assert any("placeholder 1753-01-01" in b for b in cited["published_basis"])
    assert any("'2014-02-31', not a real date" in b for b in cited["published_basis"])
    assert "1 cited with UCDP's placeholder date 1753-01-01" in imported.mapped[-1]


def test_a_point_just_over_the_border_keeps_its_country_with_a_note(tmp_path):
    rows = _rows(QUIRKS)
    border = next(r for r in rows if r.startswith("130806,"))
    near = border.replace("34.39018,40.985326", "34.39018,40.93")  # outside Iraq's outline, within 10 km
    far = border.replace("130806,", "130807,", 1).replace("34.39018,40.985326", "34.39018,40.4")  # about 19 km
    inc = import_ucdp(_file(tmp_path, [rows[0], rows[1], near, far])).incidents.set_index("incident_id")
    assert inc.loc["UCDP-130806", "country"] == "Iraq" and inc.loc["UCDP-130806", "longitude"] == 40.93
    assert "just outside Iraq's outline (within 10 km)" in inc.loc["UCDP-130806", "notes"]
    assert inc.loc["UCDP-130807", "country"] == "Iraq" and pd.isna(inc.loc["UCDP-130807", "longitude"])
    assert "more than 10 km outside Iraq's outline: coordinates left out" in inc.loc["UCDP-130807", "notes"]


def test_ids_that_differ_only_in_symbols_stay_apart(tmp_path):
    rows = _rows(GED)
    a, b = rows[2], rows[3]
    lines = [rows[0], rows[1], "5 1," + a.split(",", 1)[1], "5_1," + b.split(",", 1)[1]]
    assert sorted(import_ucdp(_file(tmp_path, lines)).incidents["incident_id"]) == ["UCDP-5_1", "UCDP-5_20_1"]


def test_messages_name_the_input_file_its_line_and_the_event_and_skip_invalid_lists_them(tmp_path, capsys):
    rows = _rows(QUIRKS)
    bad = [r.replace(",2005-10-01,2005-10-01,", ",2005-10-01,2005-10-01,", 1) for r in rows]
    bad[4] = bad[4].replace(",Middle East,1,1,2005-10-01", ",Middle East,1,9,2005-10-01")  # date_prec 9
    path = _file(tmp_path, bad)
    assert main(["import", "ucdp", str(path), "--out", str(tmp_path / "d")]) == 2
    err = capsys.readouterr().err
    assert f"{path}:5: date_prec: found '9', expected 1 to 5; UCDP event 142372" in err
    assert ".import-" not in err and not (tmp_path / "d").exists()
    assert main(["import", "ucdp", str(path), "--out", str(tmp_path / "d"), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert f"skipped: {path}:5 (142372): invalid (--skip-invalid): date_prec: found '9'" in out
    assert len(load_dataset(tmp_path / "d").incidents) == 4


def test_an_event_of_1989_is_imported_and_1988_is_refused(tmp_path, capsys):
    rows = _rows(QUIRKS)
    real = next(r for r in rows if r.startswith("142372,"))
    of_1989 = real.replace("2005-10-01,2005-10-01", "1989-10-01,1989-10-01")
    assert len(import_ucdp(_file(tmp_path, [rows[0], rows[1], of_1989])).incidents) == 1
    of_1988 = _file(
        tmp_path, [rows[0], rows[1], real.replace("2005-10-01,2005-10-01", "1988-10-01,1988-10-01")], "old.csv"
    )
    assert main(["import", "ucdp", str(of_1988), "--out", str(tmp_path / "d")]) == 2
    assert (
        "date_start: found '1988-10-01', expected a date from 1989-01-01 to tomorrow; UCDP event 142372"
        in capsys.readouterr().err
    )
