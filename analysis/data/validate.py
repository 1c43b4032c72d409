"""Check a data directory against :mod:`analysis.schema` and say what is wrong.

Every problem prints as ``FILE:LINE: COLUMN: found X, expected Y``
(:mod:`analysis.data.problems`). The steps, in order:

1. files: the four core tables (sources, places, incidents, evidence) must
   exist; ``context.csv``, ``reported_totals.csv`` and ``coverage.csv`` are optional and checked
   when present. Each must be a regular file (a directory or a FIFO named
   ``context.csv`` is a problem, never read). UTF-8 (a BOM is accepted) with
   LF or CRLF line endings.
2. header and cells, while reading (:mod:`analysis.data.read`,
   :mod:`analysis.data.rules`): exactly the schema's columns; required,
   allowed values, ids, numbers, real dates, bounds, unique ids.
3. rows (:mod:`analysis.data.cross_checks`): dates between
   ``schema.EARLIEST_DATE`` and the day after the validation day, ``*_min`` <=
   ``*_max``, sub-event types, listed values, coordinates in their country,
   coverage periods that end on or after they start, one spelling per
   operation label (:mod:`analysis.data.label_checks`).
4. across files: references, raw files and their sha256, verbatim quotes,
   evidence coverage, every operation toll naming an operation that incidents carry, in its
   countries (:mod:`analysis.data.label_checks`); a note counts the incidents outside every period
   of ``coverage.csv`` (allowed: their periods are shown as not covered).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from analysis import paths, schema
from analysis.data import cross_checks as cross
from analysis.data import label_checks, source_texts
from analysis.data.problems import Problem, ValidationReport
from analysis.data.read import TableRead, read_table
from analysis.data.rules import date_range_problems
from analysis.files import REGULAR_FILE, file_kind

CORE_TABLES = tuple(t.name for t in schema.TABLES if not t.optional)
"""Tables whose file must exist (sources, places, incidents, evidence); optional ones are checked when present."""
_FILE_ORDER = {t.file: i for i, t in enumerate(schema.TABLES)}


def label(data_dir: Path | str | None) -> tuple[Path, str]:
    """The directory to read and how messages name it (the bundled data relative to the working directory)."""
    if data_dir is None:
        path = paths.DATA_DIR
        try:
            shown = str(path.resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            shown = str(path)
        return path, shown
    return Path(data_dir), str(data_dir)


def validate_data_dir(data_dir: Path | str | None = None, *, today: dt.date | None = None) -> ValidationReport:
    """Check every table of ``data_dir`` (default: the bundled ``data/``); never raises for bad data.

    ``today`` (default: the system date when called) sets the latest date accepted: the day after it.
    """
    root, shown = label(data_dir)
    report = ValidationReport(data_dir=shown if shown.endswith("/") else shown + "/")
    if not root.is_dir():
        expected = "a data directory with " + ", ".join(schema.table(n).file for n in CORE_TABLES)
        report.problems.append(Problem(shown, 0, "-", "no such directory", expected))
        return report
    reads = _read_tables(root, shown, report)
    _check_rows(reads, today or _today(), report.problems)
    _check_across_files(reads, root, report)
    report.problems.sort(key=lambda p: (_FILE_ORDER.get(Path(p.file).name, -1), p.line))
    return report


def run_validate(data_dir: Path | str | None = None, out=sys.stdout) -> int:
    """Print every problem, any notes and a summary line; return 0 when clean, 2 otherwise."""
    report = validate_data_dir(data_dir)
    for line in report.lines():
        print(line, file=out)
    return schema.EXIT["ok"] if report.ok else schema.EXIT["bad_input"]


def _today() -> dt.date:
    return dt.date.today()


def _read_tables(root: Path, shown: str, report: ValidationReport) -> dict[str, TableRead]:
    """Read every table file that is there and is a regular file; typed frames go to ``report.tables``."""
    reads: dict[str, TableRead] = {}
    for table in schema.TABLES:
        path, name = root / table.file, str(Path(shown) / table.file)
        kind = file_kind(path)
        if kind is None:
            if table.name in CORE_TABLES:
                report.problems.append(Problem(name, 0, "-", "no such file", f"{table.file}: {table.description}"))
            continue
        if kind != REGULAR_FILE:
            report.problems.append(Problem(name, 0, "-", kind, f"{table.file} as a regular file"))
            continue
        read = read_table(table, path, name, report.problems)
        if read is not None:
            reads[table.name] = read
            report.tables[table.name] = read.frame
    return reads


def _check_rows(reads: dict[str, TableRead], today: dt.date, problems: list[Problem]) -> None:
    """Rules within one row of one table."""
    inc = reads.get("incidents")
    if inc is not None and inc.frame.empty:
        problems.append(Problem(inc.label, 0, "-", "no incidents", "at least one incident"))
    for read in reads.values():
        problems.extend(date_range_problems(read, today))
        cross.check_pairs(read, problems)
        cross.check_listed_values(read, problems)
    if inc is not None:
        cross.check_sub_event_types(inc, problems)
        label_checks.check_one_spelling(inc, problems)
    for name in ("incidents", "places"):
        if name in reads:
            if not _has_cell_problems(reads[name], ("latitude", "longitude", "geo_precision"), problems):
                cross.check_unknown_places(reads[name], problems)
            cross.check_coordinates(reads[name], problems)
    if "coverage" in reads:
        cross.check_period_order(reads["coverage"], problems)


def _has_cell_problems(read: TableRead, columns: tuple[str, ...], problems: list[Problem]) -> bool:
    """Whether a cell of ``columns`` in this file was already reported (its typed value is then empty)."""
    return any(p.file == read.label and p.column in columns for p in problems)


def _check_across_files(reads: dict[str, TableRead], root: Path, report: ValidationReport) -> None:
    """References between tables, raw files, quotes and evidence coverage."""
    problems = report.problems
    inc, src, ev = reads.get("incidents"), reads.get("sources"), reads.get("evidence")
    texts = _check_sources(reads, root, problems) if src is not None else {}
    if inc is not None and "places" in reads:
        cross.check_reference(inc, "location", reads["places"].frame["name"], "a place name of places.csv", problems)
    if ev is not None:
        cross.check_evidence_fields(ev, problems)
        if inc is not None:
            target = "an incident_id of incidents.csv"
            cross.check_reference(ev, "incident_id", inc.frame["incident_id"], target, problems)
    for name in ("evidence", "reported_totals"):
        if name in reads:
            source_texts.check_quotes(reads[name], texts, problems)
    if inc is not None and "coverage" in reads:
        cross.note_incidents_outside_coverage(inc, reads["coverage"], report.notes)
    label_checks.check_refers_to(reads, problems)
    if inc is not None and "reported_totals" in reads:
        label_checks.check_toll_countries(reads["reported_totals"], inc, problems)
    if src is not None:
        source_texts.note_named_only_sources(src, report.notes)
    if inc is not None and src is not None:
        bundled = set(src.frame.loc[src.frame["file"].notna(), "source_id"].dropna().tolist())
        cross.check_coverage(inc, ev, bundled, problems, report.notes)


def _check_sources(reads: dict[str, TableRead], root: Path, problems: list[Problem]) -> dict[str, str]:
    """Raw files, and every reference to a source; return the raw texts by source_id."""
    src, inc = reads["sources"], reads.get("incidents")
    known_sources = src.frame["source_id"]
    texts = source_texts.check_sources(src, root, problems)
    if inc is not None:
        cross.check_source_ids(inc, set(known_sources.dropna().tolist()), problems)
    for name in ("evidence", "context", "reported_totals"):
        if name in reads:
            cross.check_reference(reads[name], "source_id", known_sources, "a source_id of sources.csv", problems)
    return texts
