"""analysis.files.hold_data_lock: the one lock of a data directory, held by real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from analysis.files import FolderLocked, data_lock_path, hold_data_lock
from tests.fixtures.lock_holder import ROOT, hold_in_another_process


def test_a_writer_is_refused_at_once_naming_the_process_that_writes(tmp_path):
    folder = tmp_path / "d"
    with (
        hold_in_another_process(folder, doing="incidents merge") as pid,
        pytest.raises(FolderLocked) as caught,
        hold_data_lock(folder, doing="incidents import"),
    ):
        pass
    assert str(caught.value) == (
        f"{folder}: being written by pid {pid} (incidents merge), which holds its lock (.d.lock beside it); "
        "nothing was written; try again when it ends"
    )
    with hold_data_lock(folder, doing="incidents import"):
        assert data_lock_path(folder).read_text() == f"pid {os.getpid()} (incidents import)"
    assert not data_lock_path(folder).exists(), "the last command that lets go removes the file"


def test_readers_share_the_lock_and_keep_writers_out(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    with hold_in_another_process(folder, shared=True):
        with hold_data_lock(folder, doing="incidents render", shared=True, wait_seconds=0) as fd:
            assert fd is not None
        with pytest.raises(FolderLocked, match="being read by another command"), hold_data_lock(folder, doing="w"):
            pass


def test_a_reader_waits_for_a_writer_that_ends_within_the_time_and_says_so_once(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    told = []
    with (
        hold_in_another_process(folder, release_after=1.5) as pid,
        hold_data_lock(folder, doing="r", shared=True, wait_seconds=60, on_wait=told.append) as fd,
    ):
        assert fd is not None
    assert told == [f"being written by pid {pid} (incidents import)"]


def test_a_reader_gives_up_after_its_time(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    with (
        hold_in_another_process(folder),
        pytest.raises(FolderLocked, match="which holds its lock .* gave up"),
        hold_data_lock(folder, doing="r", shared=True, wait_seconds=0.5, outcome="gave up"),
    ):
        pass


def test_a_writer_killed_with_sigkill_leaves_the_lock_free(tmp_path):
    folder = tmp_path / "d"
    code = (
        "import sys, time; from pathlib import Path; from analysis.files import hold_data_lock\n"
        "with hold_data_lock(Path(sys.argv[1]), doing='incidents import'):\n"
        "    print('held', flush=True); time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "held"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    with hold_data_lock(folder, doing="incidents import", wait_seconds=5):
        pass


def test_a_lock_file_that_is_a_link_is_refused_not_followed(tmp_path):
    folder, elsewhere = tmp_path / "d", tmp_path / "elsewhere"
    elsewhere.write_text("keep")
    data_lock_path(folder).symlink_to(elsewhere)
    with pytest.raises(OSError), hold_data_lock(folder, doing="incidents import"):
        pass
    assert elsewhere.read_text() == "keep"
