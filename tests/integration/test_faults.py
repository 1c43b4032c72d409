"""Faults during a render, through the real CLI: a notebook that raises, a kernel killed mid-run,
Ctrl-C (or a scheduler's SIGTERM) during a batch or while a worker clears its kernel, two renders
of one folder at once, ``kill -9`` of the render and of one worker.

After each: the reports rendered before are byte for byte intact, no
temporary file is left (``.*.tmp``, ``.work/*.ipynb``, kernel socket folders),
no kernel is left running, and ``index.html`` tells the truth (the failed or
interrupted status, with the link to the previous report kept).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.fixtures.build import VALID_DATA
from tests.integration.conftest import write_notebook
from tests.integration.render_checks import CLI, leftovers, snapshot

PARAMETERS = """\
data_dir: str = ""  # data directory
title: str = "Fault report"  # report title
mode: str = ""  # "" works, "raise" raises, "kill" kills its own kernel, "slow-reset" hangs the %reset after the job
sleep_s: float = 0.0  # seconds to sleep before the chart
pid_file: str = ""  # where the kernel writes its process id when it starts working
"""

WORK = """\
import os, signal, time
from pathlib import Path
import plotly.graph_objects as go
from analysis.reporting.charts import show_figure
if pid_file:
    Path(pid_file).write_text(str(os.getpid()))
if mode == "raise":
    raise ValueError("failing on purpose")
if mode == "kill":
    os.kill(os.getpid(), signal.SIGKILL)
if mode == "slow-reset":  # the worker's `%reset -f` after this job deletes the object: it says so, then hangs
    class HangsOnReset:
        def __del__(self, marker=Path(pid_file + ".reset"), sleep=time.sleep):  # globals are gone by then
            marker.write_text("resetting")
            sleep(120)
    hangs_on_reset = HangsOnReset()
time.sleep(sleep_s)
show_figure(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), "fault")
"""

JOBS = ("good", "boom", "killed", "slow")


def _jobs_toml(modes: dict[str, str], sleeps: dict[str, float], pid_dir: Path) -> str:
    tables = []
    for name in JOBS:
        parameters = {
            "title": f"Report {name}",
            "mode": modes.get(name, ""),
            "sleep_s": float(sleeps.get(name, 0.0)),
            "pid_file": str(pid_dir / f"{name}.pid"),
        }
        inline = ", ".join(f"{k} = {json.dumps(v)}" for k, v in parameters.items())
        tables.append(
            f'[[job]]\nname = "{name}"\nnotebook = "fault.ipynb"\ndescription = "job {name}"\n'
            f"timeout_s = 120\nparameters = {{ {inline} }}\n"
        )
    return "\n".join(tables)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project with notebooks/fault.ipynb, job files and a batch rendered from the first.

    ``baseline.toml``: every job works. ``faults.toml``: boom raises, killed kills
    its kernel, slow sleeps 60 s, good is unchanged. ``pause.toml``: slow sleeps 4 s.
    ``reset.toml``: good hangs in the namespace reset that follows it.
    ``stuck.toml``: good sleeps 120 s, the others work.
    """
    root = tmp_path_factory.mktemp("faults")
    write_notebook(root / "notebooks" / "fault.ipynb", PARAMETERS, WORK)
    pids = root / "pids"
    pids.mkdir()
    (root / "baseline.toml").write_text(_jobs_toml({}, {}, pids))
    (root / "faults.toml").write_text(_jobs_toml({"boom": "raise", "killed": "kill"}, {"slow": 60.0}, pids))
    (root / "pause.toml").write_text(_jobs_toml({}, {"slow": 4.0}, pids))
    (root / "reset.toml").write_text(_jobs_toml({"good": "slow-reset"}, {}, pids))
    (root / "stuck.toml").write_text(_jobs_toml({}, {"good": 120.0}, pids))
    out = root / "baseline"
    result = _run(root, "baseline.toml", out, "--force", tmp=root / "tmp")
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def _env(tmp: Path) -> dict:
    """The render's environment with its own TMPDIR, so leaked kernel folders can be seen."""
    tmp.mkdir(parents=True, exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp), "PYTHONUNBUFFERED": "1"}


def _command(root: Path, config: str, out: Path, *extra: str) -> list[str]:
    return [
        *CLI,
        "render",
        "--config",
        str(root / config),
        "--data",
        str(VALID_DATA),
        "--out",
        str(out),
        "--no-progress",
        *extra,
    ]


def _run(root: Path, config: str, out: Path, *extra: str, tmp: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        _command(root, config, out, *extra), capture_output=True, text=True, timeout=240, env=_env(tmp)
    )


@pytest.fixture
def out(project, tmp_path):
    """A fresh copy of the baseline batch for one test."""
    target = tmp_path / "reports"
    shutil.copytree(project / "baseline", target)
    return target


def _index_row(out: Path, name: str) -> str:
    index = (out / "index.html").read_text(encoding="utf-8")
    start = index.index(f'<a href="{name}.html">')
    return index[index.rindex("<tr", 0, start) : index.index("</tr>", start)]


def _assert_clean(out: Path, tmp: Path) -> None:
    assert not leftovers(out), leftovers(out)
    left = sorted(p.name for p in tmp.iterdir())
    assert not left, f"the render left files in its TMPDIR (kernel sockets, connection files): {left}"


def _proc_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name (state first); None when there is no such process."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return text[text.rindex(")") + 2 :].split()


def _is_running(pid: int) -> bool:
    """A zombie (dead, not yet reaped by an init that may never reap it) does not count."""
    fields = _proc_stat(pid)
    return fields is not None and fields[0] not in {"Z", "X"}


def _group_is_empty(pgid: int, timeout: float = 5) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        members = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]
        if not any((f := _proc_stat(pid)) and f[0] not in {"Z", "X"} and int(f[2]) == pgid for pid in members):
            return True
        time.sleep(0.1)
    return False


def _wait_until_dead(pid: int, timeout: float = 15) -> bool:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if not _is_running(pid):
            return True
        time.sleep(0.1)
    return False


def test_a_raising_notebook_and_a_killed_kernel_fail_their_jobs_and_keep_the_previous_reports(project, out, tmp_path):
    before = snapshot(out)
    tmp = tmp_path / "tmp"
    result = _run(project, "faults.toml", out, "--job", "boom", "--job", "killed", "--job", "good", tmp=tmp)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(r"^good\s+skipped", result.stderr, re.M), result.stderr  # job lines go to stderr

    after = snapshot(out)
    for name in ("good", "boom", "killed", "slow"):
        assert after[f"{name}.html"] == before[f"{name}.html"], f"{name}.html must be the previous report"
    state = json.loads((out / ".render-state.json").read_text())
    assert state["boom"]["status"] == "failed" and "failing on purpose" in state["boom"]["error"]
    assert state["killed"]["status"] == "failed" and state["killed"]["error"]
    assert state["good"]["status"] == "skipped" or state["good"]["status"] == "rendered"
    for name in ("boom", "killed"):
        row = _index_row(out, name)
        assert "FAILED" in row and "the report shown is the previous one" in row, row
    assert "failing on purpose" in _index_row(out, "boom")
    assert (out / "failed" / "boom.ipynb").is_file()
    assert "2 with problems in the last run" in (out / "index.html").read_text()
    _assert_clean(out, tmp)


def _ctrl_c(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does: SIGINT to the whole foreground process group


def _scheduler_stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)  # what cron/systemd timeouts do: SIGTERM to the render itself


@pytest.mark.parametrize("stop", [_ctrl_c, _scheduler_stop], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_batch_exits_130_stops_the_kernels_and_keeps_the_previous_reports(stop, project, out, tmp_path):
    before = snapshot(out)
    tmp = tmp_path / "tmp"
    pid_file = project / "pids" / "slow.pid"
    pid_file.unlink(missing_ok=True)
    process = _start(project, "faults.toml", out, tmp, "--job", "slow", "--job", "good", "--force")
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not (pid_file.exists() and pid_file.read_text().strip()):
            assert process.poll() is None, process.communicate()
            time.sleep(0.1)
        assert pid_file.exists(), "the slow job never started"
        kernel_pid = int(pid_file.read_text())
        time.sleep(0.5)
        stop(process)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert "Traceback" not in stdout + stderr
    assert process.returncode == 130, stdout + stderr
    assert "did not stop" not in stderr, "every worker must stop by itself, not be killed after the grace period"
    assert _wait_until_dead(kernel_pid), "the slow job's kernel must not outlive the render"
    assert _group_is_empty(process.pid), "no worker of the render may outlive it"

    after = snapshot(out)
    assert after["slow.html"] == before["slow.html"]
    for name in ("boom", "killed"):
        assert after[f"{name}.html"] == before[f"{name}.html"]
    state = json.loads((out / ".render-state.json").read_text())
    assert state["slow"]["status"] == "interrupted"
    row = _index_row(out, "slow")
    assert "INTERRUPTED" in row and "the report shown is the previous one" in row, row
    _assert_clean(out, tmp)


def test_a_second_render_of_the_same_folder_is_refused_with_exit_3_and_the_first_finishes(project, out, tmp_path):
    before = snapshot(out)
    tmp = tmp_path / "tmp"
    pid_file = project / "pids" / "slow.pid"
    pid_file.unlink(missing_ok=True)
    first = subprocess.Popen(
        _command(project, "pause.toml", out, "--job", "slow"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp),
    )
    try:
        deadline = time.time() + 60
        while time.time() < deadline and not pid_file.exists():
            assert first.poll() is None, first.communicate()
            time.sleep(0.1)
        assert first.poll() is None, "the first render must still be running"
        second = _run(project, "baseline.toml", out, "--force", tmp=tmp)
        assert first.poll() is None, "the second render was refused while the first was still running"
        stdout, stderr = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert "Traceback" not in second.stdout + second.stderr + stdout + stderr
    assert second.returncode == 3, second.stdout + second.stderr
    assert "another render is running" in second.stderr
    assert first.returncode == 0, stdout + stderr

    after = snapshot(out)
    assert after["slow.html"] != before["slow.html"], "the first render replaced its report"
    for name in ("good", "boom", "killed"):
        assert after[f"{name}.html"] == before[f"{name}.html"], "the refused render touched nothing"
    state = json.loads((out / ".render-state.json").read_text())
    assert state["slow"]["status"] == "rendered"
    assert "none with problems in the last run" in (out / "index.html").read_text()
    _assert_clean(out, tmp)


def test_a_job_interrupted_with_unchanged_inputs_runs_again_on_the_next_plain_render(project, out, tmp_path):
    """Ctrl-C during a --force batch leaves jobs 'interrupted' with unchanged inputs; the next render must not skip them."""
    state_path = out / ".render-state.json"
    state = json.loads(state_path.read_text())
    state["good"].update(status="interrupted", error="interrupted")  # as an interrupted --force run leaves it
    state_path.write_text(json.dumps(state))
    result = _run(project, "baseline.toml", out, "--job", "good", "--job", "boom", tmp=tmp_path / "tmp")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^good\s+rendered", result.stderr, re.M), result.stderr
    assert re.search(r"^boom\s+skipped", result.stderr, re.M), result.stderr
    assert json.loads(state_path.read_text())["good"]["status"] == "rendered"
    assert "INTERRUPTED" not in (out / "index.html").read_text()


def _wait_for_file(path: Path, process: subprocess.Popen, timeout: float = 120) -> str:
    """Wait until ``path`` holds text (the render must still be running meanwhile); return the text."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if path.exists() and path.read_text().strip():
            return path.read_text().strip()
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    raise AssertionError(f"{path} did not appear within {timeout} s")


def _parent_of(pid: int) -> int:
    return int(_proc_stat(pid)[1])


def _start(project: Path, config: str, out: Path, tmp: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        _command(project, config, out, *extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(tmp),
        start_new_session=True,
        preexec_fn=_as_a_terminal_job,
    )


def _as_a_terminal_job() -> None:
    """Ctrl-C at its default action, as for a command typed in a terminal. Tests started in the background
    (``nohup``, ``&`` in a script) inherit SIGINT *ignored*; a program keeps an inherited ignore (Python then
    installs no KeyboardInterrupt handler), so the Ctrl-C tests would find a render that rightly ignores it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_group(process: subprocess.Popen, *kernels: int) -> None:
    """End the render, anything left in its process group and ``kernels`` (their own sessions);
    never wait forever on pipes an orphan may hold."""
    for kill, pid in [(os.killpg, process.pid)] + [(os.kill, k) for k in kernels if k]:
        try:
            kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        pass


def test_ctrl_c_while_a_worker_clears_its_kernel_stops_at_once_and_leaves_nothing(project, out, tmp_path):
    """The race behind a flaky Ctrl-C test: a stop during the `%reset -f` between jobs waited for a kernel
    that had just been killed (30 s), so the batch killed the worker and its temporary notebook stayed.
    The reset clears the kept kernel for the worker's next job (none follows the last): two jobs, one worker."""
    tmp = tmp_path / "tmp"
    for name in ("good.pid", "good.pid.reset"):
        (project / "pids" / name).unlink(missing_ok=True)
    process = _start(project, "reset.toml", out, tmp, "--job", "good", "--job", "boom", "--workers", "1", "--force")
    try:
        _wait_for_file(project / "pids" / "good.pid.reset", process)
        kernel_pid = int((project / "pids" / "good.pid").read_text())
        stopped_at = time.monotonic()
        _ctrl_c(process)
        stdout, stderr = process.communicate(timeout=120)
        stop_s = time.monotonic() - stopped_at
    finally:
        _kill_group(process)
    assert process.returncode == 130, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert "did not stop" not in stderr and stop_s < 20, f"the stop took {stop_s:.1f} s:\n{stderr}"
    assert _wait_until_dead(kernel_pid)
    state = json.loads((out / ".render-state.json").read_text())
    assert state["good"]["status"] == "rendered", "its report was written before the stop: the index says so"
    _assert_clean(out, tmp)


def test_kill_9_of_the_render_takes_its_workers_and_kernels_along_and_frees_the_folder(project, out, tmp_path):
    before = snapshot(out)
    tmp = tmp_path / "tmp"
    (project / "pids" / "slow.pid").unlink(missing_ok=True)
    process = _start(project, "faults.toml", out, tmp, "--job", "slow", "--job", "good", "--force")
    kernel_pid = 0
    try:
        kernel_pid = int(_wait_for_file(project / "pids" / "slow.pid", process))
        worker_pid = _parent_of(kernel_pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)  # not communicate(): orphans that still hold its pipes would block it
        assert _wait_until_dead(worker_pid, timeout=30), "a worker outlived the render (kill -9)"
        assert _wait_until_dead(kernel_pid, timeout=30), "a kernel outlived the render (kill -9)"
        assert _group_is_empty(process.pid, timeout=30), "a worker outlived the render (kill -9)"
    finally:
        _kill_group(process, kernel_pid)
    after = snapshot(out)
    assert after["slow.html"] == before["slow.html"], "nothing may write a report after the render died"
    assert not list(tmp.iterdir()), "the orphaned worker removes its kernel's sockets before it exits"

    again = _run(project, "baseline.toml", out, "--job", "good", tmp=tmp)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not leftovers(out), leftovers(out)


def test_kill_9_of_one_worker_fails_only_its_job_and_the_batch_goes_on(project, out, tmp_path):
    tmp = tmp_path / "tmp"
    (project / "pids" / "good.pid").unlink(missing_ok=True)
    process = _start(project, "stuck.toml", out, tmp, "--force", "--workers", "1")
    kernel_pid = 0
    try:
        kernel_pid = int(_wait_for_file(project / "pids" / "good.pid", process))
        worker_pid = _parent_of(kernel_pid)
        os.kill(worker_pid, signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=240)
    finally:
        _kill_group(process, kernel_pid)
    assert "Traceback" not in stdout + stderr
    assert process.returncode == 1, stdout + stderr
    assert _wait_until_dead(kernel_pid), "the dead worker's kernel must die with it"
    state = json.loads((out / ".render-state.json").read_text())
    assert state["good"]["status"] == "failed", state["good"]
    assert "worker process died (killed by SIGKILL)" in state["good"]["error"]
    for name in ("boom", "killed", "slow"):  # were waiting when the worker died: a new worker rendered them
        assert state[name]["status"] == "rendered", (name, state[name], stderr)
    assert "worker process died" in _index_row(out, "good")
    _assert_clean(out, tmp)
