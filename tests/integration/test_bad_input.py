"""Bad input through the real CLI: `incidents validate DIR` and `incidents render --data DIR`.

Each case of tests/corpus/build.py is a copy of the bundled data with one
thing broken. A broken directory must give exit 2 and a located
``FILE:LINE: COLUMN: found ..., expected ...`` line from both commands, never
a traceback, and must leave the reports already in the output folder byte for
byte as they were. The accepted cases (BOM, CRLF, header-only optional
tables, a 10 MB note) must validate clean and render.

To keep the time down on two cores, the good batch is rendered once for the
whole run (every pytest-xdist worker reads the same folder), and each case's
commands run when its first test asks, in whichever worker runs it, so the
cases spread over the workers; each bad case renders into its own copy of the
good batch (the lock allows one render per folder).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.files import sha256_hex
from analysis.render.jobs import read_jobs
from tests.corpus.build import CASES, Case, Expected, build_case, outside_file
from tests.fixtures.shared import build_once
from tests.integration.render_checks import CLI, leftovers, snapshot

BAD = [c for c in CASES if not c.accepted]
ACCEPTED = [c for c in CASES if c.accepted]
TIMEOUT_S = 300


@dataclass
class Run:
    code: int | None  # None: did not finish in time
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@dataclass
class Outcome:
    data: Path
    expected: Expected
    out: Path
    validate: Run
    render: Run


def _run(*args: object) -> Run:
    process = subprocess.Popen([*CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        out, err = process.communicate(timeout=TIMEOUT_S)
        return Run(process.returncode, out, err)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
        return Run(None, out, err + f"\n(did not finish in {TIMEOUT_S} s)")


def problem_line(output: str, data: Path, expected: Expected) -> str | None:
    """The line of ``output`` that reports ``expected`` (``error: `` may precede the first one)."""
    pattern = re.compile(
        rf"^(?:error: )?{re.escape(str(data / expected.file))}:{expected.line}: "
        rf"{re.escape(expected.column)}: found .*, expected .*$",
        re.M,
    )
    for match in pattern.finditer(output):
        if expected.text in match.group(0):
            return match.group(0)
    return None


@functools.cache
def report_job() -> str:
    """One real report job (the casualty report reads every table and is among the cheapest)."""
    names = [j.name for j in read_jobs()]
    return "casualties" if "casualties" in names else names[0]


@pytest.fixture(scope="session")
def good_batch(tmp_path_factory):
    """One real report rendered from the bundled data (once for the run), and the bytes of every file it wrote."""

    def build(folder: Path) -> None:
        run = _run("render", "--out", folder / "reports", "--job", report_job(), "--no-progress")
        assert run.code == 0, run.output

    folder, _ = build_once(tmp_path_factory, "bad-input-good-batch", build)
    out = folder / "reports"
    assert (out / f"{report_job()}.html").is_file() and (out / "index.html").is_file()
    return out, snapshot(out)


@pytest.fixture(scope="session")
def outcome_of(tmp_path_factory, good_batch):
    """``outcome_of(name)``: the case validated and rendered by the real CLI, run once per worker when first asked."""
    good, _ = good_batch
    cases = {c.name: c for c in CASES}

    @functools.cache
    def run_case(name: str) -> Outcome:
        case, root = cases[name], tmp_path_factory.mktemp(f"case-{name}")
        data, expected = build_case(case, root / "data")
        data = data.resolve()
        out = root / "reports"
        if not case.accepted:
            shutil.copytree(good, out)  # earlier reports the bad render must leave alone
        validate = _run("validate", data)
        render = _run("render", "--data", data, "--out", out, "--job", report_job(), "--no-progress")
        return Outcome(data, expected, out, validate, render)

    return run_case


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_input_is_reported_located_and_leaves_the_reports_alone(case: Case, outcome_of, good_batch):
    _, before = good_batch
    result = outcome_of(case.name)
    expected, validate, render = result.expected, result.validate, result.render
    assert expected.exit_code == 2

    assert "Traceback" not in validate.output + render.output
    assert validate.code == 2, validate.output
    assert problem_line(validate.stdout, result.data, expected), f"no line for {expected} in:\n{validate.output}"
    assert render.code == 2, render.output
    assert problem_line(render.stderr, result.data, expected), f"no line for {expected} in:\n{render.output}"
    assert "no report was rendered" in render.stderr
    assert snapshot(result.out) == before, "the earlier reports, index and state must be byte for byte intact"
    assert not leftovers(result.out)


@pytest.mark.parametrize("name", ["raw-file-dotdot", "raw-file-absolute", "raw-file-symlink-out"])
def test_a_raw_file_outside_the_data_directory_is_never_read_or_hashed(name, outcome_of):
    """Before the check, the validator hashed the outside file and printed its sha256 in the sha256 problem."""
    result = outcome_of(name)
    output = result.validate.output + result.render.output
    for outside in (outside_file(result.data), Path("/etc/passwd")):
        if outside.is_file():
            assert sha256_hex(outside.read_bytes()) not in output, f"{outside} was read and hashed"
    assert "sha256" not in problem_line(result.validate.stdout, result.data, result.expected)


@pytest.mark.parametrize("case", ACCEPTED, ids=[c.name for c in ACCEPTED])
def test_accepted_input_validates_and_renders(case: Case, outcome_of):
    result = outcome_of(case.name)
    validate, render = result.validate, result.render
    assert result.expected.exit_code == 0

    assert "Traceback" not in validate.output + render.output
    assert validate.code == 0, validate.output
    assert re.search(r" OK: \d+ sources, \d+ places, \d+ incidents", validate.stdout), validate.output
    assert not re.search(r":\d+: \S+: found ", validate.stdout), validate.output
    assert render.code == 0, render.output
    page = (result.out / f"{report_job()}.html").read_text(encoding="utf-8")
    assert "</html>" in page and "Traceback" not in page
    assert not leftovers(result.out)


def test_the_corpus_covers_the_brief_and_names_each_case_once():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    required = {
        "missing-column",
        "misspelled-column",
        "day-first-date",
        "impossible-date",
        "min-greater-than-max",
        "negative-count",
        "word-in-number",
        "unknown-category",
        "unknown-weapon",
        "duplicate-id",
        "unknown-source",
        "unknown-location",
        "quote-not-in-source",
        "changed-raw-file",
        "coordinates-outside-country",
        "empty-file",
        "header-only-incidents",
        "not-utf8",
        "count-beyond-int64",
        "date-out-of-range",
        "unknown-country",
        "table-is-a-directory",
        "ten-mb-notes",
        "utf8-bom",
        "crlf",
    }
    assert required <= set(names)


def test_the_ten_mb_case_really_holds_a_ten_mb_note(tmp_path):
    """The corpus builder, checked: a generator that quietly wrote a short note would make the case pointless."""
    data, _ = build_case(next(c for c in CASES if c.name == "ten-mb-notes"), tmp_path)
    assert (data / "incidents.csv").stat().st_size > 10 * 1024 * 1024
