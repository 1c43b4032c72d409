"""One report job in a worker process: papermill on a kept kernel, offline HTML, and a clean stop.

A worker (:func:`serve`) is a process forked by the batch; it receives one job
at a time over a pipe and sends back a :class:`JobResult`. It never raises for
a job failure.

Kernel reuse: a worker starts its kernel as soon as it is forked and imports
there the modules of the batch's notebooks while the batch checks the data
(:mod:`analysis.render.kernel_warmup`), then keeps that kernel for all its jobs,
clearing the user namespace with ``%reset -f`` before each job but the first
(imported modules stay loaded, which saves the kernel start and the
pandas/plotly imports: about 1.5 s a job; the last job's kernel is killed
without a reset). A job that fails, times out or is stopped discards its
kernel; the next one starts a fresh kernel. Kernels talk over IPC sockets in a folder of their own (kernels
started in parallel cannot collide on TCP ports). Outside a worker (a direct
call of :func:`execute_job`), every job gets a fresh kernel.

Stopping (Ctrl-C, or SIGTERM from a scheduler): the batch sends SIGTERM to its
workers. A worker then kills its kernel (which leads its own session, so no
signal reaches it otherwise), and every wait of the job ends at once: papermill
sees the dead kernel, a namespace reset in progress is abandoned, a kernel that
was still starting is killed as soon as it exists. The job ends as
``interrupted``, its temporary notebook is removed and the worker exits. An
idle worker exits at once. papermill runs in one thread of the worker so that
nbclient cannot install its own SIGINT/SIGTERM handlers (it only does so in the
main thread): they would replace ours.

Dying with the parent (Linux): a worker asks for SIGTERM when the batch
process dies, a kernel for SIGKILL when its worker dies (``prctl
PR_SET_PDEATHSIG``). A worker whose batch is gone removes its files and exits
without waiting for anything.
"""

from __future__ import annotations

import ctypes
import functools
import json
import logging
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis.paths import FAILED_DIRNAME, WORK_DIRNAME
from analysis.render.engine import register_engine
from analysis.render.jobs import Job
from analysis.render.kernel_warmup import KERNEL_DIR_PREFIX, build_warm_code, run_silently
from analysis.render.state import close_inherited_locks, is_write_failure
from analysis.render.status import EMPTY_STATUS, SHOWS_A_REPORT, JobStatus
from analysis.report_flags import says_selection_empty
from analysis.schema import EXIT

RESET_TIMEOUT_S = 30.0
WARM_TIMEOUT_S = 120.0
"""How long a kernel started with the worker gets to start and import the notebooks' modules (a busy machine)."""
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@dataclass
class JobResult:
    """What happened to one job in this run."""

    name: str
    status: JobStatus
    seconds: float = 0.0
    error: str = ""
    empty: bool = False  # rendered (or skipped) with a selection that matched no incident
    cannot_write: bool = False  # failed because the output folder refused a write (full, read-only, ...)

    @property
    def shown_status(self) -> str:
        """The status a person reads: ``empty`` for a report of nothing."""
        return EMPTY_STATUS if self.empty and self.status in SHOWS_A_REPORT else self.status


_WORKER: dict = {
    "in_worker": False,  # this process is a worker of a batch
    "parent_pid": None,
    "stopping": False,  # SIGTERM came: end the job as interrupted
    "busy": False,  # a job is running (between receiving it and sending its result)
    "kernel": None,  # the kept kernel manager
    "used": False,  # the kept kernel ran a job: its namespace is cleared before the next one
    "kernels": [],  # every kernel manager of the current job
    "socket_dir": None,
    "executed": None,  # the job's temporary executed notebook
    "calls": None,  # queue of the papermill thread
}


# --- the worker process --------------------------------------------------------------


def serve(conn, parent_pid: int, inherited=(), warm_modules: tuple[str, ...] = ()) -> None:
    """The worker's main loop: receive ``(job, parameters, out_dir, footer, self_contained)``, send a JobResult.

    ``inherited`` lists the pipe ends of the batch (and of the other workers)
    that the fork copied into this process; they are closed first. The batch
    forks with SIGINT and SIGTERM blocked; they are unblocked once our
    handlers are in place. With ``warm_modules``, the kernel is started and
    imports them before the first job is read.
    """
    for other in inherited:
        other.close()
    _init_worker(parent_pid, warm_modules)
    try:
        while not _WORKER["stopping"]:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                break
            if task is None:
                break
            _WORKER["busy"] = True
            result = execute_job(*task)
            try:
                conn.send(result)
            except OSError:
                break
            finally:
                _WORKER["busy"] = False
    finally:
        _discard_kernel()


def _init_worker(parent_pid: int, warm_modules: tuple[str, ...] = ()) -> None:
    """Workers leave SIGINT to the batch; SIGTERM stops the running job (see the module docstring)."""
    from jupyter_core.utils import run_sync

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    # A fork copies no thread: a papermill thread, kept kernel or job state of the parent (a process that ran a
    # job itself, such as a test calling execute_job) is not this worker's; its queue would never be read.
    _WORKER.update(in_worker=True, parent_pid=parent_pid, calls=None, kernel=None, kernels=[], used=False)
    _WORKER.update(socket_dir=None, executed=None, stopping=False, busy=False)
    close_inherited_locks()
    die_with_parent(signal.SIGTERM, parent_pid)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    if warm_modules:  # the kernel boots while papermill and nbconvert are imported here
        _guarded(lambda: _run_in_thread(run_sync(_take_kernel().start_kernel)))
    import papermill  # noqa: F401  (pay the ~1.4 s import once per worker)

    from analysis.render.html_export import warm_exporter

    # nbconvert's import and template compile (about a second) while the first kernel starts and runs
    threading.Thread(target=warm_exporter, name="warm-exporter", daemon=True).start()
    if warm_modules and _WORKER["kernel"] is not None:
        code = build_warm_code(list(warm_modules))
        _guarded(lambda: _run_silently(_WORKER["kernel"], code, WARM_TIMEOUT_S))


def _guarded(step) -> None:
    """A warm-up step; when it fails, the kernel is discarded and the first job starts a fresh one as before."""
    try:
        if step() is False:
            _discard_kernel()
    except Exception:
        _discard_kernel()


def _run_silently(manager, code: str, timeout_s: float) -> bool:
    """:func:`analysis.render.kernel_warmup.run_silently` in the papermill thread; False when stopping."""
    from jupyter_core.utils import run_sync

    return bool(_run_in_thread(run_sync(run_silently), manager, code, timeout_s, lambda: _WORKER["stopping"]))


def _on_sigterm(signum, frame) -> None:
    _WORKER["stopping"] = True
    _discard_kernel()  # kills the kernel (running or kept between jobs) and removes its sockets
    if not _WORKER["busy"] or os.getppid() != _WORKER["parent_pid"]:
        # idle, or the batch is gone (kill -9) and nobody will read a result: leave now
        executed = _WORKER["executed"]
        if executed is not None:
            Path(executed).unlink(missing_ok=True)
        os._exit(EXIT["interrupted"])


@functools.cache
def _prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux
        return None


_PR_SET_PDEATHSIG = 1


def die_with_parent(signum: int, parent_pid: int) -> None:
    """Have Linux send ``signum`` to this process when its parent dies; exit now if it already has.

    Linux ties this to the parent *thread* that forked the process: kernels are
    started by the worker's papermill thread, which lives as long as the worker.
    Elsewhere than Linux this does nothing.
    """
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(EXIT["interrupted"])


# --- one job ---------------------------------------------------------------------------


@dataclass
class _JobClock:
    """Times one job from its start and turns what became of it into a :class:`JobResult`."""

    name: str
    out_dir: Path
    started: float = field(default_factory=time.perf_counter)

    def result(self, status: JobStatus, error: str = "", empty: bool = False) -> JobResult:
        return JobResult(self.name, status, time.perf_counter() - self.started, error, empty)

    def cannot_write(self, exc: OSError) -> JobResult:
        """Failed because the output folder refused a write."""
        error = f"cannot write {self.out_dir} ({exc.strerror or exc})"
        return JobResult(self.name, JobStatus.FAILED, time.perf_counter() - self.started, error, cannot_write=True)


def execute_job(job: Job, parameters: dict, out_dir: Path, footer: str, self_contained: bool) -> JobResult:
    """Execute one notebook with papermill and export its HTML; never raises for a job failure."""
    from analysis.render.html_export import write_report

    clock = _JobClock(job.name, out_dir)
    if _WORKER["stopping"]:
        return clock.result(JobStatus.INTERRUPTED, "interrupted before it started")
    work_dir = out_dir / WORK_DIRNAME
    executed = work_dir / f"{job.name}.{os.getpid()}.ipynb"
    _WORKER["executed"] = executed
    keep_kernel = False
    try:
        work_dir.mkdir(parents=True, exist_ok=True)
        kernel = {"km": _take_kernel()} if _WORKER["in_worker"] else {"kernel_manager_class": _kernel_manager_class()}
        notebook = _run_notebook(job, parameters, executed, kernel, clock)
        if isinstance(notebook, JobResult):  # failed
            return notebook
        if _WORKER["stopping"]:
            return clock.result(JobStatus.INTERRUPTED, "interrupted")
        empty = notebook_is_empty(notebook)  # the notebook papermill wrote, from memory: not read back
        write_report(
            notebook, out_dir / f"{job.name}.html", str(parameters.get("title") or job.name), footer, self_contained
        )
        (out_dir / FAILED_DIRNAME / f"{job.name}.ipynb").unlink(missing_ok=True)
        keep_kernel = "km" in kernel  # its namespace is cleared when the next job takes it, not after the last
        _WORKER["used"] = keep_kernel
        return clock.result(JobStatus.RENDERED, empty=empty)
    except KeyboardInterrupt:
        return clock.result(JobStatus.INTERRUPTED, "interrupted")
    except Exception as exc:  # a job must never take the batch down
        return _unexpected_failure(exc, job, executed, clock)
    finally:
        if not keep_kernel or _WORKER["stopping"]:
            _discard_kernel()  # a fresh kernel already shut down by papermill: a no-op then
        executed.unlink(missing_ok=True)
        _WORKER["executed"] = None


def _run_notebook(job: Job, parameters: dict, executed: Path, kernel: dict, clock: _JobClock):
    """papermill over the job's notebook into ``executed``: the failed job's result, or the executed notebook."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    try:
        return _run_in_thread(
            papermill.execute_notebook,
            str(job.notebook),
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            execution_timeout=job.timeout_s,
            engine_name=register_engine(),  # fewer saves of the executed notebook (analysis/render/engine.py)
            **kernel,
        )
    except (papermill.PapermillExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, OSError) as exc:
        if _WORKER["stopping"]:
            return clock.result(JobStatus.INTERRUPTED, "interrupted")
        if _refused_in(clock.out_dir, exc):  # papermill could not save the executed notebook
            return clock.cannot_write(exc)
        kept = _keep_failed_notebook(executed, clock.out_dir, job.name)
        return clock.result(JobStatus.FAILED, describe_failure(exc, job, kept))


def _unexpected_failure(exc: Exception, job: Job, executed: Path, clock: _JobClock) -> JobResult:
    """The result of a job that raised outside papermill (the export, a write, a bug)."""
    if _WORKER["stopping"]:
        return clock.result(JobStatus.INTERRUPTED, "interrupted")
    if _refused_in(clock.out_dir, exc):  # the report, plotly.js or the work folder: nothing was replaced
        return clock.cannot_write(exc)
    try:
        _keep_failed_notebook(executed, clock.out_dir, job.name)
    except OSError:
        pass
    return clock.result(JobStatus.FAILED, f"{type(exc).__name__}: {_first_line(exc)}")


def _refused_in(out_dir: Path, exc: BaseException) -> bool:
    """True when ``exc`` is a refused write (full, read-only, ...) in ``out_dir``, or one that names no file
    (a ``write`` on a full disk); a refused kernel file elsewhere is an ordinary failure."""
    if not is_write_failure(exc):
        return False
    filename = getattr(exc, "filename", None)
    return filename is None or Path(os.fsdecode(filename)).resolve().is_relative_to(Path(out_dir).resolve())


def selection_is_empty(executed: Path) -> bool:
    """True when an output of the executed notebook carries the empty-selection flag
    (:func:`analysis.report_flags.says_selection_empty`, set by :func:`analysis.reporting.page.show_no_incidents`)."""
    try:
        return notebook_is_empty(json.loads(Path(executed).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def notebook_is_empty(notebook: dict) -> bool:
    """:func:`selection_is_empty` of an executed notebook already in memory."""
    return any(says_selection_empty(output) for cell in notebook.get("cells", []) for output in cell.get("outputs", []))


def describe_failure(exc: BaseException, job: Job, notebook: Path | None) -> str:
    """One line for the index and the job's line: the error, or which cell ran past which limit."""
    from nbclient.exceptions import CellTimeoutError

    if isinstance(exc, CellTimeoutError):
        cell = _timed_out_cell(notebook) if notebook else None
        where = f"cell {cell[0]} ({cell[1]!r})" if cell else "a cell"
        return f"timed out: {where} ran longer than timeout_s = {job.timeout_s} s"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _timed_out_cell(notebook: Path) -> tuple[int, str] | None:
    """(number as the notebook shows it, first line) of the last cell papermill started; None when unknown."""
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    shown = [c for c in cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    started = [i for i, c in enumerate(shown) if (c.get("metadata", {}).get("papermill") or {}).get("start_time")]
    if not started:
        return None
    source = shown[started[-1]].get("source", "")
    lines = [line for line in ("".join(source) if isinstance(source, list) else source).splitlines() if line.strip()]
    return started[-1] + 1, (lines[0][:80] if lines else "")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip() and set(line.strip()) != {"-"}]
    # papermill puts the exception type and message at the end
    return (lines[-1] if lines else repr(exc))[:300]


def _keep_failed_notebook(executed: Path, out_dir: Path, name: str) -> Path | None:
    if not executed.exists():
        return None
    target = out_dir / FAILED_DIRNAME / f"{name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(executed, target)
    return target


# --- kernels -------------------------------------------------------------------------------


def _take_kernel():
    """The kept kernel when it is alive (its namespace cleared when it ran a job); else a new (not yet started)
    kernel manager."""
    from jupyter_core.utils import run_sync

    manager = _WORKER["kernel"]
    alive = manager is not None and manager.has_kernel and _run_in_thread(run_sync(manager.is_alive))
    if alive and (not _WORKER["used"] or _run_silently(manager, "%reset -f", RESET_TIMEOUT_S)):
        _WORKER["used"] = False
        return manager
    _discard_kernel()
    manager = _kernel_manager_class()(kernel_name="python3")
    _WORKER["kernel"] = manager
    return manager


def _discard_kernel() -> None:
    """Kill the kernels of this process (running or kept) and remove their socket folder.

    Also called from the SIGTERM handler, in the middle of anything: each
    shared value is taken with one ``dict.pop``.
    """
    for manager in _WORKER.pop("kernels", []):
        _kill(manager)
    _WORKER["kernels"] = []
    _WORKER["kernel"] = None
    _WORKER["used"] = False
    socket_dir = _WORKER.pop("socket_dir", None)
    _WORKER["socket_dir"] = None
    if socket_dir:
        shutil.rmtree(socket_dir, ignore_errors=True)


def _kill(manager) -> None:
    """SIGKILL the process group of the kernel ``manager`` started (kernels lead their own session)."""
    process = getattr(getattr(manager, "provisioner", None), "process", None)
    if process is not None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass


def _kernel_preexec(worker_pid: int) -> None:
    """In the kernel's process, before it runs: die with the worker (see :func:`die_with_parent`)."""
    prctl = _prctl()
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != worker_pid:
        os._exit(EXIT["interrupted"])


@functools.cache
def _kernel_manager_class():
    """A kernel manager on IPC sockets in a folder of its own, whose kernel dies with this process.

    The connection file lives in that folder too; :func:`_discard_kernel`
    removes the folder (with anything a killed kernel left).
    """
    from jupyter_client.manager import AsyncKernelManager

    _prctl()  # resolved here, not in the forked child

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            _discard_kernel()  # one kernel per process at a time
            socket_dir = tempfile.mkdtemp(prefix=f"{KERNEL_DIR_PREFIX}{os.getpid()}-")
            _WORKER["socket_dir"] = socket_dir
            self.transport = "ipc"
            self.ip = os.path.join(socket_dir, "k")  # sockets k-1 ... k-5
            self.connection_file = os.path.join(socket_dir, "kernel.json")
            _WORKER["kernels"].append(self)

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if _WORKER["stopping"]:
                raise RuntimeError("the render is stopping: no kernel is started")
            kw["preexec_fn"] = functools.partial(_kernel_preexec, os.getpid())
            if not logging.getLogger("analysis").isEnabledFor(logging.DEBUG):  # its chatter only with --debug
                kw.setdefault("stdout", subprocess.DEVNULL)
                kw.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_launch_kernel(kernel_cmd, **kw)
            if _WORKER["stopping"]:  # the stop came while the kernel was starting: the handler could not see it
                _kill(self)

    return IPCKernelManager


# --- the papermill thread ------------------------------------------------------------


def _run_in_thread(function, *args, **kwargs):
    """Call ``function`` in this process's papermill thread and wait for it; signals keep reaching our handlers.

    Always the same thread (one event loop for the kept kernel), a daemon that
    never delays the worker's exit; kernels are forked from it.
    """
    if _WORKER["calls"] is None:
        _WORKER["calls"] = queue.SimpleQueue()
        threading.Thread(target=_papermill_thread, args=(_WORKER["calls"],), name="papermill", daemon=True).start()
    done, outcome = threading.Event(), {}
    _WORKER["calls"].put((functools.partial(function, *args, **kwargs), outcome, done))
    try:
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:  # Ctrl-C when a job runs in the main process: stop its kernel, then stop
        for manager in list(_WORKER["kernels"]):
            _kill(manager)
        done.wait(30)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _papermill_thread(calls: queue.SimpleQueue) -> None:
    while True:
        function, outcome, done = calls.get()
        try:
            outcome["value"] = function()
        except BaseException as exc:  # handed to the caller
            outcome["error"] = exc
        finally:
            done.set()
