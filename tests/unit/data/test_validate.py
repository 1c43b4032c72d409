"""Each rule of analysis.data.validate, on a broken copy of tests/fixtures/valid_data.

Line numbers: incidents.csv holds the header (line 1), IRQ-2024-07-25-ASAD on
lines 2-3 (its note spans two lines), JOR-2024-01-28-T22 on line 4 and
SYR-2024-02-02-MAYADIN on line 5.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from analysis.data.problems import Problem, show
from analysis.data.validate import run_validate, validate_data_dir
from tests.fixtures.build import drop_row, read_rows, set_cell, write_rows

IRQ, JOR, SYR = 0, 1, 2


def problems(data_dir: Path) -> list[str]:
    return [str(p) for p in validate_data_dir(data_dir).problems]


def only(data_dir: Path) -> str:
    found = problems(data_dir)
    assert len(found) == 1, found
    return found[0]


def test_valid_fixture_is_clean(data_dir):
    report = validate_data_dir(data_dir)
    assert report.problems == []
    assert report.notes == ["1 incident lacks evidence (external sources)"]
    assert report.summary() == (
        f"{data_dir}/ OK: 3 sources, 3 places, 3 incidents, 10 evidence rows, 1 context row, 1 reported total"
    )


def test_run_validate_prints_and_returns_codes(data_dir):
    out = io.StringIO()
    assert run_validate(data_dir, out=out) == 0
    assert out.getvalue().splitlines()[-1].startswith(f"{data_dir}/ OK: ")
    set_cell(data_dir / "incidents.csv", JOR, "weapon", "drones")
    out = io.StringIO()
    assert run_validate(data_dir, out=out) == 2
    assert out.getvalue().splitlines()[-1] == f"1 problem in {data_dir}/"


def test_problem_format():
    p = Problem("data/incidents.csv", 4, "weapon", show("drones"), "one of rocket, drone")
    assert str(p) == "data/incidents.csv:4: weapon: found 'drones', expected one of rocket, drone"


CELL_CASES = [
    # (row, column, bad value, line, expected message tail)
    (
        JOR,
        "event_date",
        "28/01/2024",
        4,
        "event_date: found '28/01/2024', expected a date as YYYY-MM-DD (year first, e.g. 2024-07-25)",
    ),
    (SYR, "event_date", "2024-02-30", 5, "event_date: found '2024-02-30', expected a real calendar date (YYYY-MM-DD)"),
    (SYR, "perpetrator", "", 5, "perpetrator: found an empty cell, expected a value (the column is required)"),
    (
        JOR,
        "weapon",
        "drones",
        4,
        "weapon: found 'drones', expected one of rocket, drone, ballistic_missile, cruise_missile, "
        "missiles_and_drones, airstrike, explosive_device, small_arms, unknown (did you mean 'drone'?)",
    ),
    (JOR, "munitions_min", "one", 4, "munitions_min: found 'one', expected a whole number"),
    (JOR, "geo_precision", "4", 4, "geo_precision: found '4', expected a number from 1 to 3"),
    (JOR, "us_injured_min", "-1", 4, "us_injured_min: found '-1', expected a number >= 0 (not negative)"),
    (SYR, "latitude", "north", 5, "latitude: found 'north', expected a decimal number"),
    (
        SYR,
        "incident_id",
        "SYR 2024",
        5,
        "incident_id: found 'SYR 2024', expected an id of letters, digits and _ . : - (no spaces)",
    ),
    (SYR, "source_ids", "ext-centcom, alpha", 5, "source_ids: found 'ext-centcom, alpha', expected ';'-separated ids"),
]


@pytest.mark.parametrize("row, column, value, line, message", CELL_CASES, ids=[c[1] + ":" + c[2] for c in CELL_CASES])
def test_cell_rules(data_dir, row, column, value, line, message):
    set_cell(data_dir / "incidents.csv", row, column, value)
    assert only(data_dir) == f"{data_dir}/incidents.csv:{line}: {message}"


def test_duplicate_id(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "incident_id", "JOR-2024-01-28-T22")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: incident_id: found duplicate 'JOR-2024-01-28-T22', "
        "expected a unique incident_id (first used on line 4)"
    )


def test_min_greater_than_max(data_dir):
    set_cell(data_dir / "incidents.csv", JOR, "us_killed_min", "5")
    assert (
        only(data_dir)
        == f"{data_dir}/incidents.csv:4: us_killed_min: found 5 > us_killed_max 3, expected us_killed_min <= us_killed_max"
    )


def test_best_outside_min_max(data_dir):
    """min <= best <= max: JOR has us_killed 3-3, the fixture's troop total is 2500-2500."""
    path = data_dir / "incidents.csv"
    set_cell(path, JOR, "us_killed_best", "3")
    assert problems(data_dir) == []
    set_cell(path, JOR, "us_killed_best", "5")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:4: us_killed_best: found 5 > us_killed_max 3, "
        "expected us_killed_best <= us_killed_max"
    )
    set_cell(path, JOR, "us_killed_best", "2")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:4: us_killed_min: found 3 > us_killed_best 2, "
        "expected us_killed_min <= us_killed_best"
    )
    set_cell(path, JOR, "us_killed_best", "")
    set_cell(path, JOR, "us_injured_best", "12")  # us_injured is 40 with no max: best below the min
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:4: us_injured_min: found 40 > us_injured_best 12, "
        "expected us_injured_min <= us_injured_best"
    )
    set_cell(path, JOR, "us_injured_best", "")
    set_cell(data_dir / "reported_totals.csv", 0, "value_best", "3000")
    assert only(data_dir) == (
        f"{data_dir}/reported_totals.csv:2: value_best: found 3000 > value_max 2500, expected value_best <= value_max"
    )


def test_sub_event_type_must_belong_to_event_type(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "event_type", "Battles")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: sub_event_type: found 'Air/drone strike' with event_type "
        "'Battles', expected one of Armed clash, Government regains territory, Non-state actor overtakes territory"
    )


def test_unknown_source_id(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "source_ids", "ext-centcom;alpah")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: source_ids: found 'alpah', "
        "expected a source_id of sources.csv (did you mean 'alpha'?)"
    )


def test_unknown_location(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "location", "Mayadin")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: location: found 'Mayadin', "
        "expected a place name of places.csv (did you mean 'Al-Mayadin'?)"
    )


def test_coordinates_outside_country(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "country", "Jordan")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: latitude/longitude: found 35.0208, 40.4533 (in Syria), "
        "expected a point in Jordan (within 10 km of its border)"
    )


def test_header_misspelled_column(data_dir):
    path = data_dir / "incidents.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("perpetrator", "perpetrater", 1), encoding="utf-8")
    assert problems(data_dir) == [
        f"{data_dir}/incidents.csv:1: perpetrater: found unknown column 'perpetrater', "
        "expected a column of incidents.csv (did you mean 'perpetrator'?)",
        f"{data_dir}/incidents.csv:1: perpetrator: found no such column in the header, "
        "expected column 'perpetrator' (incidents.csv has 36 columns)",
    ]


def test_ragged_row(data_dir):
    rows = read_rows(data_dir / "places.csv")
    rows[2] = rows[2][:-1]
    write_rows(data_dir / "places.csv", rows)
    found = problems(data_dir)
    assert found[0] == f"{data_dir}/places.csv:3: -: found 6 cells, expected 7 cells as in the header"


def test_evidence_unknown_incident_and_bad_field(data_dir):
    set_cell(data_dir / "evidence.csv", 0, "incident_id", "IRQ-2024-07-26-ASAD")
    found = problems(data_dir)
    assert (
        f"{data_dir}/evidence.csv:2: incident_id: found 'IRQ-2024-07-26-ASAD', expected an incident_id of incidents.csv (did you mean 'IRQ-2024-07-25-ASAD'?)"
        in found
    )
    assert (
        f"{data_dir}/incidents.csv:2: event_date: found no evidence row, expected a quote in evidence.csv for IRQ-2024-07-25-ASAD event_date"
        in found
    )


def test_evidence_field_name(data_dir):
    set_cell(data_dir / "evidence.csv", 2, "field", "wepon")
    assert problems(data_dir) == [
        f"{data_dir}/incidents.csv:2: weapon: found no evidence row, expected a quote in evidence.csv for IRQ-2024-07-25-ASAD weapon",
        f"{data_dir}/evidence.csv:4: field: found 'wepon', expected an incidents.csv column, "
        "a min/max pair name (us_killed) or date/place/casualties (did you mean 'weapon'?)",
    ]


def test_quote_not_verbatim(data_dir):
    set_cell(data_dir / "evidence.csv", 7, "quote", "A drone hit")
    assert (
        only(data_dir)
        == f"{data_dir}/evidence.csv:9: quote: found 'A drone hit', expected a verbatim passage of source beta"
    )


def test_quote_whitespace_is_normalised(data_dir):
    set_cell(data_dir / "evidence.csv", 7, "quote", "A  drone\nstruck")
    assert problems(data_dir) == []


def test_reported_totals_quote(data_dir):
    set_cell(data_dir / "reported_totals.csv", 0, "quote", "2,500 troops")
    assert only(data_dir) == (
        f"{data_dir}/reported_totals.csv:2: quote: found '2,500 troops', expected a verbatim passage of source alpha"
    )


def test_missing_required_evidence(data_dir):
    drop_row(data_dir / "evidence.csv", 7)  # JOR weapon
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:4: weapon: found no evidence row, "
        "expected a quote in evidence.csv for JOR-2024-01-28-T22 weapon"
    )


def test_missing_casualty_evidence(data_dir):
    drop_row(data_dir / "evidence.csv", 9)  # JOR us_injured
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:4: us_injured_min/us_injured_max: found no evidence row, "
        "expected a quote in evidence.csv for JOR-2024-01-28-T22 us_injured"
    )


def test_raw_file_edited(data_dir):
    (data_dir / "raw" / "beta.txt").write_text("changed\n", encoding="utf-8")
    found = problems(data_dir)
    assert found[0].startswith(
        f"{data_dir}/sources.csv:3: sha256: found 'd7561eef613056ffb0668d3a3af592daf461bbe1a548aeaa3152c5305...', expected 7f8b1dfc"
    )
    assert found[0].endswith(" (the sha256 of raw/beta.txt; raw files must not be edited)")


def test_raw_file_missing(data_dir):
    (data_dir / "raw" / "beta.txt").unlink()
    assert (
        problems(data_dir)[0]
        == f"{data_dir}/sources.csv:3: file: found 'raw/beta.txt', expected an existing file under {data_dir}"
    )


def test_context_unknown_source(data_dir):
    set_cell(data_dir / "context.csv", 0, "source_id", "gamma")
    assert only(data_dir) == f"{data_dir}/context.csv:2: source_id: found 'gamma', expected a source_id of sources.csv"


def test_external_incident_without_evidence_is_a_note(data_dir):
    report = validate_data_dir(data_dir)
    assert report.ok and report.notes == ["1 incident lacks evidence (external sources)"]


def test_bom_and_crlf_accepted(data_dir):
    for name in ("incidents.csv", "places.csv"):
        path = data_dir / name
        text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert problems(data_dir) == []


def test_bom_crlf_line_numbers(data_dir):
    path = data_dir / "incidents.csv"
    set_cell(path, SYR, "weapon", "laser")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_text(encoding="utf-8").replace("\n", "\r\n").encode())
    assert only(data_dir).startswith(f"{data_dir}/incidents.csv:5: weapon: found 'laser', expected one of")


def test_not_utf8(data_dir):
    path = data_dir / "places.csv"
    path.write_bytes(path.read_bytes().replace(b"Mafraq", b"Mafr\xe2q"))
    assert problems(data_dir)[0] == (
        f"{data_dir}/places.csv:3: -: found byte 0xe2 that is not UTF-8, "
        "expected a UTF-8 encoded file (save it as UTF-8)"
    )


def test_empty_file(data_dir):
    (data_dir / "places.csv").write_text("", encoding="utf-8")
    assert problems(data_dir)[0] == (
        f"{data_dir}/places.csv:1: -: found empty file, expected header row "
        "'name,aliases,kind,country,admin1,latitude,longitude'"
    )


def test_header_only_incidents(data_dir):
    path = data_dir / "incidents.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    found = problems(data_dir)
    assert f"{data_dir}/incidents.csv:0: -: found no incidents, expected at least one incident" in found


def test_missing_core_file_and_optional_files(data_dir):
    (data_dir / "context.csv").unlink()
    (data_dir / "reported_totals.csv").unlink()
    assert problems(data_dir) == []
    (data_dir / "places.csv").unlink()
    assert problems(data_dir)[0].startswith(f"{data_dir}/places.csv:0: -: found no such file, expected places.csv: ")


def test_huge_notes_cell(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "notes", "x" * 10_000_000)
    set_cell(data_dir / "incidents.csv", SYR, "weapon", "laser")  # forces the cell-by-cell path
    found = problems(data_dir)
    assert len(found) == 1 and found[0].startswith(f"{data_dir}/incidents.csv:5: weapon: found 'laser'")


def test_missing_directory(tmp_path):
    assert problems(tmp_path / "nope")[0].startswith(f"{tmp_path}/nope:0: -: found no such directory")


def test_bundled_data_validates():
    report = validate_data_dir()
    assert report.problems == [], "\n".join(map(str, report.problems))


def test_a_table_file_that_is_a_directory_is_a_problem_not_ignored(data_dir):
    """issue #13: a directory named context.csv was silently skipped."""
    (data_dir / "context.csv").unlink()
    (data_dir / "context.csv").mkdir()
    assert only(data_dir) == f"{data_dir}/context.csv:0: -: found a directory, expected context.csv as a regular file"
    assert run_validate(data_dir, out=io.StringIO()) == 2


def test_a_fifo_is_reported_without_being_opened(data_dir):
    import os

    for name in ("incidents.csv", "reported_totals.csv"):
        (data_dir / name).unlink()
        os.mkfifo(data_dir / name)
    found = problems(data_dir)
    assert (
        f"{data_dir}/incidents.csv:0: -: found a named pipe (FIFO), expected incidents.csv as a regular file" in found
    )
    assert (
        f"{data_dir}/reported_totals.csv:0: -: found a named pipe (FIFO), expected reported_totals.csv as a regular file"
        in found
    )


def test_a_symlink_to_a_regular_file_is_read(data_dir):
    target = data_dir.parent / "context-elsewhere.csv"
    (data_dir / "context.csv").rename(target)
    (data_dir / "context.csv").symlink_to(target)
    assert problems(data_dir) == []


# --- unknown places, several weapons, sources known by name only (imported data) ---


def test_unknown_place_is_accepted_when_every_location_cell_is_empty(data_dir):
    for column in ("country", "location", "latitude", "longitude", "geo_precision"):
        set_cell(data_dir / "incidents.csv", SYR, column, "")
    assert problems(data_dir) == []


def test_one_coordinate_alone_is_refused(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "longitude", "")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: longitude: found an empty cell with latitude 35.0208, "
        "expected both coordinates, or neither when the place is unknown"
    )


def test_geo_precision_is_empty_exactly_when_the_coordinates_are(data_dir):
    set_cell(data_dir / "incidents.csv", SYR, "geo_precision", "")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: geo_precision: found an empty cell, expected 1, 2 or 3 (coordinates are given)"
    )
    set_cell(data_dir / "incidents.csv", SYR, "geo_precision", "2")
    set_cell(data_dir / "incidents.csv", SYR, "latitude", "")
    set_cell(data_dir / "incidents.csv", SYR, "longitude", "")
    assert only(data_dir) == (
        f"{data_dir}/incidents.csv:5: geo_precision: found 2 with no coordinates, "
        "expected an empty cell (the place is unknown)"
    )


def test_several_weapons_each_from_the_vocabulary(data_dir):
    set_cell(data_dir / "incidents.csv", JOR, "weapon", "rocket;drone")
    assert problems(data_dir) == []
    set_cell(data_dir / "incidents.csv", JOR, "weapon", "rocket;drones")
    assert only(data_dir).startswith(f"{data_dir}/incidents.csv:4: weapon: found 'drones', expected one of rocket,")


def test_source_known_by_name_only_is_a_note_not_a_problem(data_dir):
    rows = read_rows(data_dir / "sources.csv")
    header = rows[0]
    named = dict.fromkeys(header, "")
    named.update(source_id="OUTLET1", outlet="Xinhua", headline="cited by an imported dataset")
    named.update(published_basis="not stated: the dataset names only the outlet")
    write_rows(data_dir / "sources.csv", [*rows, [named[c] for c in header]])
    report = validate_data_dir(data_dir)
    assert report.problems == []
    assert "1 source is known by name only (no raw file, no url)" in report.notes
