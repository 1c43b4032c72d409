"""One lock per data directory, across real ``incidents`` processes: writers exclude each other, a render
waits for a writer (for a bounded time) and leaves the reports already there as they were."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from analysis.data.dataset import load_dataset
from analysis.files import data_lock_path
from tests.fixtures.lock_holder import ROOT, hold_in_another_process

FORMATS = ROOT / "tests" / "fixtures" / "formats"
GED = FORMATS / "ucdp" / "ged_hdx_iraq_sample.csv"
ARTICLE = ROOT / "benchmarks" / "extraction" / "articles" / "a01_antiwar_2024-08-05.txt"
BIG_ROWS = 2_000


def _incidents(*args: object, **kwargs) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "analysis", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT, **kwargs)


def _write_big_acled_file(path: Path) -> Path:
    """An ACLED-layout file of BIG_ROWS events (one real fixture row, each with its own id and day)."""
    with open(FORMATS / "acled_layout" / "layout_current.csv", encoding="utf-8", newline="") as handle:
        row = list(csv.DictReader(handle))[2]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        for n in range(BIG_ROWS):
            day = dt.date(2018, 1, 1) + dt.timedelta(days=n % 2000)
            writer.writerow({**row, "event_id_cnty": f"WSYLOCK{n}", "event_date": day.isoformat(), "year": day.year})
    return path


def _stop_once_it_holds_the_lock(folder: Path, process: subprocess.Popen) -> None:
    """Freeze ``process`` (SIGSTOP) as soon as its lock file names it: it holds the lock until SIGCONT."""
    lock, expected = data_lock_path(folder), f"pid {process.pid} (incidents import)"
    deadline = time.monotonic() + 300
    while not (lock.exists() and lock.read_text() == expected):
        assert process.poll() is None, f"the import ended before it was seen holding the lock: {process.communicate()}"
        assert time.monotonic() < deadline, "the import never took the lock"
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGSTOP)


def test_a_merge_while_an_import_writes_the_same_folder_is_refused_and_no_row_is_lost(tmp_path):
    folder = tmp_path / "d"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0  # 12 incidents
    candidates = tmp_path / "candidates"
    extracted = _incidents("extract", ARTICLE, "--published", "2024-08-05", "--out", candidates, "--data", folder)
    assert extracted.returncode == 0, extracted.stderr  # 2 candidates, new to the folder
    big = _write_big_acled_file(tmp_path / "big.csv")

    first = subprocess.Popen(
        [sys.executable, "-m", "analysis", "import", "acled", str(big), "--out", str(folder)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _stop_once_it_holds_the_lock(folder, first)  # an import in the middle of its write, however fast it is
        second = _incidents("merge", candidates, "--into", folder)
    finally:
        os.kill(first.pid, signal.SIGCONT)
        out, err = first.communicate(timeout=600)

    assert second.returncode == 3, second.stdout + second.stderr
    assert second.stderr == (
        f"error: {folder}: being written by pid {first.pid} (incidents import), which holds its lock "
        "(.d.lock beside it); nothing was written; try again when it ends\n"
    )
    assert first.returncode == 0, err
    assert f"rows: {BIG_ROWS} in = {BIG_ROWS} new" in out
    again = _incidents("merge", candidates, "--into", folder)
    assert again.returncode == 0, again.stderr
    assert len(load_dataset(folder).incidents) == 12 + BIG_ROWS + 2, "every run's rows are there"


def test_an_import_while_a_render_reads_the_folder_is_refused(tmp_path):
    folder = tmp_path / "d"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with hold_in_another_process(folder, shared=True, doing="incidents render"):
        refused = _incidents("import", "acled", FORMATS / "acled_layout" / "layout_current.csv", "--out", folder)
    assert refused.returncode == 3
    assert (
        f"{folder}: being read by another command (render, validate, export, extract or merge), which holds its lock"
        in refused.stderr
    )
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _render(project: Path, data: Path, wait: float) -> subprocess.CompletedProcess:
    config, out = project / "reports.toml", project / "out"
    return _incidents(
        "render", "--config", config, "--data", data, "--out", out, "--job", "good", "--force", "--no-progress",
        "--wait-for-data", wait,
    )  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_render_gives_up_on_data_still_being_written_and_leaves_its_reports(tiny_project):
    data = tiny_project / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid_data", data)
    first = _render(tiny_project, data, 0)
    assert first.returncode == 0, first.stderr
    reports = _files(tiny_project / "out")

    with hold_in_another_process(data) as pid:
        second = _render(tiny_project, data, 1)

    assert second.returncode == 3, second.stderr
    writer = f"being written by pid {pid} (incidents import)"
    assert f"waiting up to 1 s for {data}: {writer}\n" in second.stderr
    assert (
        f"error: {data}: {writer}, which holds its lock (.data.lock beside it); waited 1 s; no report was rendered, "
        "the reports already there were left as they were\n"
    ) in second.stderr
    assert _files(tiny_project / "out") == reports


def test_a_render_waits_for_a_writer_that_ends_in_time_then_renders(tiny_project):
    data = tiny_project / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid_data", data)
    with hold_in_another_process(data, release_after=3) as pid:
        rendered = _render(tiny_project, data, 300)
    assert rendered.returncode == 0, rendered.stderr
    assert f"waiting up to 300 s for {data}: being written by pid {pid} (incidents import)" in rendered.stderr
    assert (tiny_project / "out" / "good.html").is_file()
