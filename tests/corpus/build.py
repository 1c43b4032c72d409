"""The bad-input corpus: each case copies the bundled ``data/`` and breaks (or stretches) one thing.

Nothing is stored: every directory is generated when a test asks for it, so
the 10 MB notes case costs no space in git. Each builder returns what the
validator must say, located the way ``incidents validate`` prints it::

    FILE:LINE: COLUMN: found X, expected Y

Lines are computed from the copy (the physical line where the record
starts), so the cases keep working when the bundled data grows. Cases with
``exit_code`` 0 are inputs the codebook or the validator accept (a BOM, CRLF
line endings, an optional table with only its header, a very long note).
"""

from __future__ import annotations

import csv
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from tests.fixtures.build import read_rows, write_rows

TEN_MB = 10 * 1024 * 1024
csv.field_size_limit(2**31 - 1)  # the 10 MB note is one cell


@dataclass(frozen=True)
class Expected:
    """What the validator reports for one case (``exit_code`` 0: accepted, nothing reported)."""

    exit_code: int
    file: str = ""
    line: int = 0
    column: str = ""
    text: str = ""  # a piece of the "found ..., expected ..." part


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path], Expected]
    about: str
    accepted: bool = False  # valid input: validate exits 0 and render works


# --- reading and writing the copy ------------------------------------------------


def copy_bundled(target: Path) -> Path:
    """Copy the bundled data directory to ``target`` with writable files."""
    shutil.copytree(paths.DATA_DIR, target)
    for path in target.rglob("*"):
        if path.is_file():
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    return target


def record_line(path: Path, row: int) -> int:
    """Physical line (1-based) where data row ``row`` (0-based, header excluded) starts."""
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        reader = csv.reader(f)
        previous = 0
        for i, _ in enumerate(reader):
            if i == row + 1:
                return previous + 1
            previous = reader.line_num
    raise IndexError(f"{path} has no data row {row}")


def find_row(path: Path, predicate) -> int:
    """Index of the first data row (as a dict) for which ``predicate`` is true."""
    rows = read_rows(path)
    for i, values in enumerate(rows[1:]):
        if predicate(dict(zip(rows[0], values))):
            return i
    raise LookupError(f"{path}: no row matches")


def set_cell(path: Path, row: int, column: str, value: str) -> int:
    """Set one cell and return the line of its record."""
    rows = read_rows(path)
    rows[row + 1][rows[0].index(column)] = value
    write_rows(path, rows)
    return record_line(path, row)


def get_cell(path: Path, row: int, column: str) -> str:
    rows = read_rows(path)
    return rows[row + 1][rows[0].index(column)]


def _bundled_source_ids(data: Path) -> set[str]:
    return {
        r["source_id"] for r in csv.DictReader(open(data / "sources.csv", encoding="utf-8", newline="")) if r["file"]
    }


# --- the cases ---------------------------------------------------------------------


def _missing_column(data: Path) -> Expected:
    path = data / "incidents.csv"
    rows = read_rows(path)
    drop = rows[0].index("weapon")
    write_rows(path, [r[:drop] + r[drop + 1 :] for r in rows])
    return Expected(2, "incidents.csv", 1, "weapon", "no such column in the header")


def _misspelled_column(data: Path) -> Expected:
    path = data / "incidents.csv"
    rows = read_rows(path)
    rows[0][rows[0].index("perpetrator")] = "perpetrater"
    write_rows(path, rows)
    return Expected(2, "incidents.csv", 1, "perpetrater", "(did you mean 'perpetrator'?)")


def _day_first_date(data: Path) -> Expected:
    path = data / "incidents.csv"
    iso = get_cell(path, 0, "event_date")
    year, month, day = iso.split("-")
    line = set_cell(path, 0, "event_date", f"{day}/{month}/{year}")
    return Expected(2, "incidents.csv", line, "event_date", "year first")


def _impossible_date(data: Path) -> Expected:
    path = data / "incidents.csv"
    line = set_cell(path, 1, "event_date", "2023-02-30")
    return Expected(2, "incidents.csv", line, "event_date", "a real calendar date")


def _min_greater_than_max(data: Path) -> Expected:
    path = data / "incidents.csv"
    row = find_row(path, lambda r: r["us_killed_min"] != "" and r["us_killed_max"] != "")
    line = set_cell(path, row, "us_killed_min", str(int(get_cell(path, row, "us_killed_max")) + 2))
    return Expected(2, "incidents.csv", line, "us_killed_min", "us_killed_min <= us_killed_max")


def _negative_count(data: Path) -> Expected:
    path = data / "incidents.csv"
    row = find_row(path, lambda r: r["other_killed_min"] != "")
    line = set_cell(path, row, "other_killed_min", "-1")
    return Expected(2, "incidents.csv", line, "other_killed_min", "not negative")


def _word_in_number(data: Path) -> Expected:
    path = data / "incidents.csv"
    row = find_row(path, lambda r: r["munitions_min"] != "")
    line = set_cell(path, row, "munitions_min", "three")
    return Expected(2, "incidents.csv", line, "munitions_min", "a whole number")


def _unknown_category(data: Path) -> Expected:
    line = set_cell(data / "incidents.csv", 2, "category", "attack_on_usa")
    return Expected(2, "incidents.csv", line, "category", "one of attack_on_us, us_strike, regional")


def _unknown_weapon(data: Path) -> Expected:
    line = set_cell(data / "incidents.csv", 3, "weapon", "laser")
    return Expected(2, "incidents.csv", line, "weapon", "one of rocket, drone")


def _duplicate_id(data: Path) -> Expected:
    path = data / "incidents.csv"
    first = get_cell(path, 1, "incident_id")
    line = set_cell(path, 2, "incident_id", first)
    return Expected(2, "incidents.csv", line, "incident_id", f"duplicate '{first}'")


def _unknown_source(data: Path) -> Expected:
    path = data / "incidents.csv"
    line = set_cell(path, 0, "source_ids", get_cell(path, 0, "source_ids") + ";S999")
    return Expected(2, "incidents.csv", line, "source_ids", "'S999', expected a source_id of sources.csv")


def _unknown_location(data: Path) -> Expected:
    line = set_cell(data / "incidents.csv", 4, "location", "Atlantis")
    return Expected(2, "incidents.csv", line, "location", "a place name of places.csv")


def _quote_not_in_source(data: Path) -> Expected:
    path = data / "evidence.csv"
    bundled = _bundled_source_ids(data)
    row = find_row(path, lambda r: r["source_id"] in bundled)
    line = set_cell(path, row, "quote", get_cell(path, row, "quote") + " and then the coder added this")
    return Expected(2, "evidence.csv", line, "quote", "a verbatim passage of source")


def _changed_raw_file(data: Path) -> Expected:
    path = data / "sources.csv"
    row = find_row(path, lambda r: r["file"] != "")
    raw = data / get_cell(path, row, "file")
    raw.write_bytes(raw.read_bytes() + b"\nA line somebody added later.\n")
    return Expected(2, "sources.csv", record_line(path, row), "sha256", "raw files must not be edited")


OUTSIDE_TEXT = "A private file beside the data directory: the validator must never read or hash it.\n"


def outside_file(data: Path) -> Path:
    """The file beside ``data`` (outside it) that the escape cases point at."""
    return data.parent / f"{data.name}-outside.txt"


def _raw_file_escape(how: str) -> Callable[[Path], Expected]:
    """sources.file leading outside the data directory: by ``..``, as an absolute path, or by a symbolic link."""

    def build(data: Path) -> Expected:
        target = outside_file(data)
        target.write_text(OUTSIDE_TEXT, encoding="utf-8")
        path = data / "sources.csv"
        row = find_row(path, lambda r: r["file"] != "")
        if how == "symlink":
            raw = data / get_cell(path, row, "file")
            raw.unlink()
            raw.symlink_to(target)
        else:
            set_cell(path, row, "file", f"../{target.name}" if how == "dotdot" else "/etc/passwd")
        return Expected(2, "sources.csv", record_line(path, row), "file", "outside the data directory")

    return build


def _count_beyond_int64(data: Path) -> Expected:
    line = set_cell(data / "incidents.csv", 1, "munitions_max", "99999999999999999999")
    return Expected(2, "incidents.csv", line, "munitions_max", "expected a number from 0 to 10000000")


def _date_out_of_range(data: Path) -> Expected:
    line = set_cell(data / "incidents.csv", 2, "event_date", "9999-12-31")
    return Expected(2, "incidents.csv", line, "event_date", "'9999-12-31', expected a date from 1989-01-01 to ")


def _unknown_country(data: Path) -> Expected:
    path = data / "reported_totals.csv"
    row = find_row(path, lambda r: r["countries"] != "")
    line = set_cell(path, row, "countries", get_cell(path, row, "countries") + ";Narnia")
    return Expected(2, "reported_totals.csv", line, "countries", "found 'Narnia', expected one of Iraq, Syria")


def _table_is_a_directory(data: Path) -> Expected:
    (data / "context.csv").unlink()
    (data / "context.csv").mkdir()
    return Expected(2, "context.csv", 0, "-", "found a directory, expected context.csv as a regular file")


def _coordinates_outside_country(data: Path) -> Expected:
    path = data / "incidents.csv"
    set_cell(path, 0, "latitude", "48.8566")  # Paris
    line = set_cell(path, 0, "longitude", "2.3522")
    country = get_cell(path, 0, "country")
    return Expected(2, "incidents.csv", line, "latitude/longitude", f"a point in {country}")


def _empty_file(data: Path) -> Expected:
    (data / "incidents.csv").write_bytes(b"")
    return Expected(2, "incidents.csv", 1, "-", "empty file")


def _header_only(name: str, accepted: bool):
    def build(data: Path) -> Expected:
        path = data / f"{name}.csv"
        path.write_bytes(path.read_bytes().split(b"\n", 1)[0] + b"\n")
        if accepted:
            return Expected(0)
        if name == "incidents":
            return Expected(2, "incidents.csv", 0, "-", "no incidents")
        # evidence: every incident with a bundled source now lacks its quotes
        bundled = _bundled_source_ids(data)
        incidents = data / "incidents.csv"
        row = find_row(incidents, lambda r: any(s.strip() in bundled for s in r["source_ids"].split(";")))
        return Expected(2, "incidents.csv", record_line(incidents, row), "event_date", "no evidence row")

    return build


def _not_utf8(data: Path) -> Expected:
    path = data / "incidents.csv"
    line = set_cell(path, 2, "notes", "Cafe PLACEHOLDER " + get_cell(path, 2, "notes"))
    path.write_bytes(path.read_bytes().replace(b"Cafe PLACEHOLDER", "Café".encode("latin-1")))
    return Expected(2, "incidents.csv", line, "-", "byte 0xe9 that is not UTF-8")


def _ten_mb_notes(data: Path) -> Expected:
    path = data / "incidents.csv"
    sentence = "The coder read every source twice, compared the figures and kept the lowest. "
    set_cell(path, 0, "notes", (sentence * (TEN_MB // len(sentence) + 1))[:TEN_MB])
    return Expected(0)


def _utf8_bom(data: Path) -> Expected:
    for path in data.glob("*.csv"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expected(0)


def _crlf(data: Path) -> Expected:
    for path in data.glob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return Expected(0)


CASES: tuple[Case, ...] = (
    Case("missing-column", _missing_column, "incidents.csv without its weapon column"),
    Case("misspelled-column", _misspelled_column, "perpetrator spelled perpetrater in the header"),
    Case("day-first-date", _day_first_date, "event_date written DD/MM/YYYY"),
    Case("impossible-date", _impossible_date, "30 February"),
    Case("min-greater-than-max", _min_greater_than_max, "us_killed_min above us_killed_max"),
    Case("negative-count", _negative_count, "other_killed_min of -1"),
    Case("word-in-number", _word_in_number, "munitions_min 'three'"),
    Case("unknown-category", _unknown_category, "a category outside the codebook"),
    Case("unknown-weapon", _unknown_weapon, "a weapon outside the codebook"),
    Case("duplicate-id", _duplicate_id, "two incidents with one incident_id"),
    Case("unknown-source", _unknown_source, "source_ids naming a source not in sources.csv"),
    Case("unknown-location", _unknown_location, "a location not in places.csv"),
    Case("quote-not-in-source", _quote_not_in_source, "an evidence quote that its article does not contain"),
    Case("changed-raw-file", _changed_raw_file, "a raw article edited after its sha256 was recorded"),
    Case("coordinates-outside-country", _coordinates_outside_country, "a Syrian incident placed in Paris"),
    Case("empty-file", _empty_file, "incidents.csv of zero bytes"),
    Case("header-only-incidents", _header_only("incidents", accepted=False), "incidents.csv with only its header"),
    Case("header-only-evidence", _header_only("evidence", accepted=False), "evidence.csv with only its header"),
    Case("not-utf8", _not_utf8, "a Latin-1 byte in a note"),
    Case(
        "count-beyond-int64", _count_beyond_int64, "munitions_max of 99999999999999999999 (wrapped negative in int64)"
    ),
    Case("date-out-of-range", _date_out_of_range, "event_date 9999-12-31"),
    Case("unknown-country", _unknown_country, "reported_totals.countries naming Narnia"),
    Case("table-is-a-directory", _table_is_a_directory, "a directory named context.csv"),
    Case("raw-file-dotdot", _raw_file_escape("dotdot"), "sources.file '../x.txt', a file beside the data directory"),
    Case("raw-file-absolute", _raw_file_escape("absolute"), "sources.file '/etc/passwd'"),
    Case("raw-file-symlink-out", _raw_file_escape("symlink"), "a raw file replaced by a symbolic link leading out"),
    # accepted: the codebook makes context and reported totals optional companions,
    # the validator reads UTF-8 with a BOM and CRLF line endings, and notes have no length limit
    Case(
        "header-only-context", _header_only("context", accepted=True), "context.csv with only its header", accepted=True
    ),
    Case(
        "header-only-reported-totals",
        _header_only("reported_totals", accepted=True),
        "reported_totals.csv with only its header",
        accepted=True,
    ),
    Case("ten-mb-notes", _ten_mb_notes, "a 10 MB notes cell", accepted=True),
    Case("utf8-bom", _utf8_bom, "every CSV starting with a UTF-8 byte order mark", accepted=True),
    Case("crlf", _crlf, "every CSV with CRLF line endings", accepted=True),
)


def build_case(case: Case, parent: Path) -> tuple[Path, Expected]:
    """Build ``case`` under ``parent/<case name>`` and return the directory and what the validator must say."""
    data = copy_bundled(parent / case.name)
    return data, case.build(data)


if __name__ == "__main__":  # python -m tests.corpus.build OUT_DIR: build every case to look at
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "scratch/corpus")
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        directory, expected = build_case(case, out)
        print(f"{directory}: {case.about}: {expected}")
