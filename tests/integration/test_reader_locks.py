"""``validate``, ``export``, ``extract --data`` and ``merge`` (its candidate folder) read a data directory under
its lock, shared, as ``render`` does: across real processes, a reader waits for a writer (up to
``--wait-for-data``), then exits 3 having done nothing; a writer is refused while a reader reads."""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.files import data_lock_path
from tests.fixtures.lock_holder import ROOT, hold_in_another_process
from tests.integration.test_data_lock import (
    ARTICLE,
    BIG_ROWS,
    FORMATS,
    GED,
    _incidents,
    _stop_once_it_holds_the_lock,
    _write_big_acled_file,
)

ACLED_SMALL = FORMATS / "acled_layout" / "layout_current.csv"


def _start(*args: object) -> subprocess.Popen:
    command = [sys.executable, "-m", "analysis", *map(str, args)]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _locked_message(folder: Path, holder: str, wait: str, outcome: str) -> str:
    return (
        f"error: {folder}: {holder}, which holds its lock (.{folder.name}.lock beside it); waited {wait} s; {outcome}\n"
    )


def test_validate_waits_for_an_import_frozen_mid_write_and_then_sees_every_row(tmp_path):
    folder = tmp_path / "d"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0  # 12 incidents
    writer = _start("import", "acled", _write_big_acled_file(tmp_path / "big.csv"), "--out", folder)
    try:
        _stop_once_it_holds_the_lock(folder, writer)
        gave_up = _incidents("validate", folder, "--wait-for-data", 1)
        waiting = _start("validate", folder, "--wait-for-data", 300)
        first_line = waiting.stderr.readline()
    finally:
        os.kill(writer.pid, signal.SIGCONT)
        writer.communicate(timeout=600)

    holder = f"being written by pid {writer.pid} (incidents import)"
    assert gave_up.returncode == 3, gave_up.stdout + gave_up.stderr
    assert gave_up.stdout == ""
    assert gave_up.stderr == (
        f"waiting up to 1 s for {folder}: {holder}\n" + _locked_message(folder, holder, "1", "nothing was validated")
    )
    assert first_line == f"waiting up to 300 s for {folder}: {holder}\n"
    out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert f"{12 + BIG_ROWS} incidents" in out, "it read the folder after the import, not before or during it"


def _export(folder: Path, tmp_path: Path) -> tuple[list, Path]:
    out = tmp_path / "incidents.csv"
    return ["export", "incidents", "--data", folder, "--out", out], out


def _extract(folder: Path, tmp_path: Path) -> tuple[list, Path]:
    out = tmp_path / "candidates"
    return ["extract", ARTICLE, "--published", "2024-08-05", "--out", out, "--data", folder], out


COMMANDS = {
    "export": (_export, "nothing was exported"),
    "extract --data": (_extract, "no candidate directory was written"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_export_and_extract_give_up_on_data_being_written_and_write_nothing(tmp_path, command):
    folder = tmp_path / "d"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0
    build, outcome = COMMANDS[command]
    args, out = build(folder, tmp_path)
    with hold_in_another_process(folder) as pid:
        refused = _incidents(*args, "--wait-for-data", 0)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    holder = f"being written by pid {pid} (incidents import)"
    assert refused.stderr == _locked_message(folder, holder, "0", outcome)
    assert not out.exists(), "nothing was written"
    assert _incidents(*args).returncode == 0, "without a writer the same command runs"


def test_merge_waits_for_a_writer_of_its_candidate_folder_and_merges_nothing(tmp_path):
    folder, candidates = tmp_path / "d", tmp_path / "candidates"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0
    assert _incidents(*_extract(folder, tmp_path)[0]).returncode == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    with hold_in_another_process(candidates) as pid:
        refused = _incidents("merge", candidates, "--into", folder, "--wait-for-data", 0)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    holder = f"being written by pid {pid} (incidents import)"
    assert refused.stderr == _locked_message(candidates, holder, "0", "nothing was merged")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def _held_by_a_reader(lock: Path) -> bool:
    """True when someone holds ``lock`` (we cannot take it exclusively); it is let go at once."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_an_import_is_refused_while_validate_reads_the_folder(tmp_path):
    folder = tmp_path / "d"
    assert _incidents("import", "ucdp", GED, "--out", folder).returncode == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    reader = _start("validate", folder)
    try:
        deadline = time.monotonic() + 300
        while not _held_by_a_reader(data_lock_path(folder)):
            assert reader.poll() is None, f"validate ended before it was seen holding the lock: {reader.communicate()}"
            assert time.monotonic() < deadline, "validate never took the lock"
            time.sleep(0.002)
        os.kill(reader.pid, signal.SIGSTOP)  # validate in the middle of its read
        refused = _incidents("import", "acled", ACLED_SMALL, "--out", folder)
    finally:
        with contextlib.suppress(ProcessLookupError):  # validate may have ended before it was seen
            os.kill(reader.pid, signal.SIGCONT)
        reader.communicate(timeout=600)
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert f"{folder}: being read by another command (render, validate, export, extract or merge)" in refused.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert reader.returncode == 0
