"""The render's lock (refusal, take-over from a dead holder), job keys and .render-state.json."""

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.render.jobs import Job
from analysis.render.state import (
    LOCK_FILE,
    STATE_FILE,
    RenderError,
    build_job_key,
    hold_render_lock,
    read_state,
)
from analysis.schema import EXIT

HOLDER = """
import fcntl, sys, time
handle = open(sys.argv[1], "a+")
fcntl.flock(handle, fcntl.LOCK_EX)
handle.seek(0); handle.truncate(); handle.write(sys.argv[2]); handle.flush()
print("locked", flush=True)
time.sleep(120)
"""


def _hold_lock_elsewhere(lock_path: Path, text: str) -> subprocess.Popen:
    """Another process that holds the lock and writes ``text`` into the lock file."""
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(lock_path), text], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_a_second_render_is_refused_while_one_holds_the_lock(tmp_path):
    with hold_render_lock(tmp_path), pytest.raises(RenderError) as caught, hold_render_lock(tmp_path):
        pass
    assert caught.value.exit_code == EXIT["locked"]
    assert f"another render is running (pid {os.getpid()} since" in str(caught.value)
    with hold_render_lock(tmp_path):  # released again
        pass


def test_a_lock_held_by_a_live_render_in_another_process_is_refused(tmp_path):
    holder = _hold_lock_elsewhere(tmp_path / LOCK_FILE, "pid 1 since 2024-01-01T00:00:00")
    try:
        with pytest.raises(RenderError, match=r"another render is running \(pid 1 since"), hold_render_lock(tmp_path):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_whose_named_holder_is_dead_is_taken_over_and_said_so(tmp_path, caplog):
    """kill -9 of a render once left workers holding the lock: every later render exited 3 naming a dead pid."""
    dead = _dead_pid()
    holder = _hold_lock_elsewhere(tmp_path / LOCK_FILE, f"pid {dead} since 2024-01-01T00:00:00")
    try:
        with caplog.at_level(logging.WARNING, logger="analysis"), hold_render_lock(tmp_path):
            assert (tmp_path / LOCK_FILE).read_text().startswith(f"pid {os.getpid()} since")
            with pytest.raises(RenderError, match="another render is running"), hold_render_lock(tmp_path):
                pass  # the new lock is a real one
    finally:
        holder.kill()
        holder.wait()
    assert f"the lock names a render that is no longer running (pid {dead} since" in caplog.text
    assert "taking the lock over" in caplog.text


def test_a_lock_file_that_is_not_a_regular_file_is_bad_input(tmp_path):
    (tmp_path / LOCK_FILE).mkdir()
    with pytest.raises(RenderError) as caught, hold_render_lock(tmp_path):
        pass
    assert caught.value.exit_code == EXIT["bad_input"]
    fifo = tmp_path / "fifo"
    fifo.mkdir()
    os.mkfifo(fifo / LOCK_FILE)
    started = time.monotonic()
    with pytest.raises(RenderError, match="expected the render's lock file"), hold_render_lock(fifo):
        pass
    assert time.monotonic() - started < 5, "a FIFO must not block the render"


def test_a_forked_worker_closing_its_copy_of_the_lock_leaves_the_lock_held(tmp_path):
    code = (
        "import os, sys\n"
        "from analysis.render.state import close_inherited_locks, hold_render_lock, RenderError\n"
        "with hold_render_lock(sys.argv[1]):\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        close_inherited_locks()\n"
        "        os._exit(0)\n"
        "    os.waitpid(pid, 0)\n"
        "    try:\n"
        "        with hold_render_lock(sys.argv[1]):\n"
        "            print('taken')\n"
        "    except RenderError:\n"
        "        print('still held')\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "still held", result.stderr


@pytest.mark.parametrize(
    "text",
    ["[]", "{", '"x"', '{"overview": 1}', '{"overview": {"status": ["rendered"]}}', '{"a": {"key": 5}}', "\xff"],
)
def test_a_state_file_of_the_wrong_shape_counts_as_absent_with_a_warning(tmp_path, caplog, text):
    (tmp_path / STATE_FILE).write_bytes(text.encode("latin-1"))
    with caplog.at_level(logging.WARNING, logger="analysis"):
        assert read_state(tmp_path) == {}
    assert f"{tmp_path / STATE_FILE}:" in caplog.text and "treated as never rendered" in caplog.text


def test_a_good_state_file_is_read_back(tmp_path):
    state = {"overview": {"status": "rendered", "key": "k", "seconds": 1.5, "empty": False, "parameters": {}}}
    (tmp_path / STATE_FILE).write_text(json.dumps(state))
    assert read_state(tmp_path) == state
    assert read_state(tmp_path / "missing") == {}


def test_the_job_key_changes_with_each_input(tmp_path):
    notebook = tmp_path / "a.ipynb"
    notebook.write_text("{}")
    job = Job("a", notebook)
    base = build_job_key(job, {"x": 1}, "data", "code", False)
    assert base == build_job_key(job, {"x": 1}, "data", "code", False)
    changed = [
        build_job_key(job, {"x": 2}, "data", "code", False),
        build_job_key(job, {"x": 1}, "data2", "code", False),
        build_job_key(job, {"x": 1}, "data", "code2", False),
        build_job_key(job, {"x": 1}, "data", "code", True),
    ]
    notebook.write_text('{"cells": []}')
    changed.append(build_job_key(job, {"x": 1}, "data", "code", False))
    assert base not in changed and len(set(changed)) == len(changed)
