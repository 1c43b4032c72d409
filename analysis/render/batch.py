"""Render the report jobs: papermill in worker processes, offline HTML, an index.

The batch runs under a lock (one render per output folder at a time),
validates the data and every job's parameters before anything runs, skips
jobs whose inputs are unchanged, isolates failures (a failed job keeps its
executed notebook and the previous good HTML), writes every file atomically
and ends with a truthful ``index.html``.

Exit codes (see README): 0 every job rendered or skipped, 1 a job failed,
2 bad data, parameters or arguments, 3 another render holds the lock,
130 interrupted.
"""

from __future__ import annotations

import concurrent.futures as futures
import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from analysis import __version__, paths
from analysis.files import fingerprint_data_dir, write_text_atomic
from analysis.render.jobs import Job, check_job_parameters, read_declared_parameters

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_LOCKED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
STATE_FILE = ".render-state.json"
LOCK_FILE = ".render.lock"
FAILED_DIR = "failed"


class RenderError(Exception):
    """A problem that stops the batch before any report is touched."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class JobResult:
    """What happened to one job in this run."""

    name: str
    status: str  # rendered | skipped | failed | interrupted
    seconds: float = 0.0
    error: str = ""


@dataclass
class RenderSummary:
    results: list[JobResult] = field(default_factory=list)
    index_path: Path | None = None

    @property
    def exit_code(self) -> int:
        statuses = {r.status for r in self.results}
        if "interrupted" in statuses:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if "failed" in statuses else EXIT_OK


# --- lock ------------------------------------------------------------------


@contextmanager
def hold_render_lock(out_dir: Path):
    """Hold an exclusive lock on ``out_dir`` or raise :class:`RenderError` (exit 3)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lock_path = out_dir / LOCK_FILE
    handle = open(lock_path, "a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        handle.close()
        raise RenderError(
            f"{out_dir}: another render is running ({holder}); refusing to start a second one", EXIT_LOCKED
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}")
    handle.flush()
    try:
        yield
    finally:
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


# --- incremental keys --------------------------------------------------------


def _hash_files(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def fingerprint_code() -> str:
    """Hash of the analysis package and report template: a code change re-renders."""
    files = [p for p in paths.PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"}]
    return _hash_files(files, paths.PACKAGE_DIR)


def build_job_key(
    job: Job, parameters: dict, data_fingerprint: str, code_fingerprint: str, self_contained: bool
) -> str:
    """The inputs of one job; the job is skipped when its key is unchanged."""
    material = {
        "notebook": hashlib.sha256(job.notebook.read_bytes()).hexdigest(),
        "parameters": parameters,
        "data": data_fingerprint,
        "package_version": __version__,
        "code": code_fingerprint,
        "self_contained": self_contained,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def read_state(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


# --- one job, in a worker process ----------------------------------------------

# Stopping a job (Ctrl-C, or SIGTERM from a scheduler): the parent sends SIGTERM to
# its workers; a worker then kills the kernel it started (its own session, so no
# signal reaches it otherwise), lets papermill return, removes its temporary files
# and reports the job as interrupted, writing nothing else. papermill runs in a
# thread of the worker so that nbclient cannot install its own SIGINT/SIGTERM
# handlers (it only does so in the main thread): they would replace ours for the
# rest of the worker's life.
#
# Kernel reuse: a worker keeps one kernel for all its jobs, clearing the user
# namespace with ``%reset -f`` between jobs (imported modules stay loaded, which
# saves the kernel start and the pandas/plotly imports: about 1.5 s a job). A job
# that fails, times out or is stopped discards its kernel; the next one starts a
# fresh kernel. In a worker, papermill always runs in the same thread, so the kept
# kernel is always driven from the same event loop. The kernel is killed when the
# worker exits (a multiprocessing finalizer). Outside a worker (a direct call),
# every job gets a fresh kernel, killed when the job ends.
_WORKER = {"stopping": False, "kernels": [], "kernel": None, "socket_dir": None, "thread": None}


def _init_worker() -> None:
    """Workers leave SIGINT to the parent; SIGTERM stops the running job (see above)."""
    from multiprocessing.util import Finalize

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)
    _WORKER["thread"] = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="papermill")
    Finalize(None, _discard_kernel, exitpriority=10)
    import papermill  # noqa: F401  (pay the ~1.4 s import once per worker)


def _take_kernel():
    """The kept kernel when it is alive; else a new (not yet started) kernel manager."""
    from jupyter_core.utils import run_sync

    manager = _WORKER["kernel"]
    if manager is not None and manager.has_kernel and _run_in_thread(run_sync(manager.is_alive)):
        return manager
    _discard_kernel()
    _WORKER["socket_dir"] = tempfile.mkdtemp(prefix="incidents-kernel-")
    manager = _ipc_kernel_manager_class(_WORKER["socket_dir"])(kernel_name="python3")
    _WORKER["kernel"] = manager
    return manager


def _discard_kernel() -> None:
    """Kill the kept kernel (if any) and remove its socket folder."""
    _kill_kernels()
    _WORKER["kernels"].clear()
    _WORKER["kernel"] = None
    if _WORKER["socket_dir"]:
        shutil.rmtree(_WORKER["socket_dir"], ignore_errors=True)
        _WORKER["socket_dir"] = None


async def _reset_namespace(manager) -> bool:
    """Clear the kernel's user namespace for the next job; False when that did not work."""
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=30)
        reply = await client.execute_interactive("%reset -f", store_history=False, timeout=30)
        return reply["content"]["status"] == "ok"
    except Exception:
        return False
    finally:
        client.stop_channels()


def _stop_worker(signum, frame) -> None:
    _WORKER["stopping"] = True
    _discard_kernel()  # kills the kernel (running or kept between jobs) and removes its sockets


def _kill_kernels() -> None:
    """SIGKILL the process group of every kernel this process started for the current job."""
    for manager in list(_WORKER["kernels"]):
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        if process is None:
            continue
        try:
            os.killpg(process.pid, signal.SIGKILL)  # kernels lead their own session
        except OSError:
            pass


def _ipc_kernel_manager_class(socket_dir: str):
    """A kernel manager on IPC sockets in ``socket_dir``: kernels started in parallel cannot collide on TCP ports.

    The connection file lives in ``socket_dir`` too; the caller removes the folder
    (with anything a killed kernel left) when the job ends.
    """
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = os.path.join(socket_dir, "kernel")
            self.connection_file = os.path.join(socket_dir, "kernel.json")
            _WORKER["kernels"].append(self)

    return IPCKernelManager


def _run_in_thread(function, *args, **kwargs):
    """Call ``function`` in a thread and wait for it; signals keep reaching this thread's handlers."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as exc:  # handed to the caller below
            outcome["error"] = exc

    if _WORKER["thread"] is not None:  # a worker: always its one papermill thread (one event loop)
        done = _WORKER["thread"].submit(target)
        is_running = lambda: not done.done()  # noqa: E731
        wait = lambda seconds: futures.wait([done], timeout=seconds)  # noqa: E731
    else:
        thread = threading.Thread(target=target, name="papermill", daemon=True)
        thread.start()
        is_running, wait = thread.is_alive, thread.join
    try:
        while is_running():
            wait(0.2)
    except KeyboardInterrupt:  # Ctrl-C when a job runs in the main process: stop its kernel, then stop
        _kill_kernels()
        wait(30)
        raise
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def execute_job(job: Job, parameters: dict, out_dir: Path, footer: str, self_contained: bool) -> JobResult:
    """Execute one notebook with papermill and export its HTML; never raises for a job failure."""
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from analysis.render.html_export import export_report

    started = time.perf_counter()

    def interrupted(error: str = "interrupted") -> JobResult:
        return JobResult(job.name, "interrupted", time.perf_counter() - started, error)

    if _WORKER["stopping"]:
        return interrupted("interrupted before it started")
    work_dir = out_dir / ".work"
    work_dir.mkdir(parents=True, exist_ok=True)
    executed = work_dir / f"{job.name}.{os.getpid()}.ipynb"
    title = str(parameters.get("title") or job.name)
    keep_kernel = False
    try:
        kernel = (
            {"km": _take_kernel()} if _WORKER["thread"] is not None else {"kernel_manager_class": _fresh_kernel_class()}
        )
        try:
            _run_in_thread(
                papermill.execute_notebook,
                str(job.notebook),
                str(executed),
                parameters=parameters,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                execution_timeout=job.timeout_s,
                **kernel,
            )
        except (papermill.PapermillExecutionError, CellTimeoutError, DeadKernelError, RuntimeError, OSError) as exc:
            if _WORKER["stopping"]:
                return interrupted()
            error = f"{type(exc).__name__}: {_first_line(exc)}"
            _keep_failed_notebook(executed, out_dir, job.name)
            return JobResult(job.name, "failed", time.perf_counter() - started, error)
        if _WORKER["stopping"]:
            return interrupted()
        export_report(executed, out_dir / f"{job.name}.html", title, footer, self_contained)
        (out_dir / FAILED_DIR / f"{job.name}.ipynb").unlink(missing_ok=True)
        if "km" in kernel:
            from jupyter_core.utils import run_sync

            keep_kernel = bool(_run_in_thread(run_sync(_reset_namespace), kernel["km"]))
        return JobResult(job.name, "rendered", time.perf_counter() - started)
    except KeyboardInterrupt:
        return interrupted()
    except Exception as exc:  # a job must never take the batch down
        if _WORKER["stopping"]:
            return interrupted()
        _keep_failed_notebook(executed, out_dir, job.name)
        return JobResult(job.name, "failed", time.perf_counter() - started, f"{type(exc).__name__}: {_first_line(exc)}")
    finally:
        if not keep_kernel or _WORKER["stopping"]:
            _discard_kernel()  # a fresh kernel already shut down by papermill: a no-op then
        executed.unlink(missing_ok=True)


def _fresh_kernel_class():
    """Outside a worker: a kernel manager class whose sockets live in a folder this job owns."""
    _discard_kernel()
    _WORKER["socket_dir"] = tempfile.mkdtemp(prefix="incidents-kernel-")
    return _ipc_kernel_manager_class(_WORKER["socket_dir"])


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = [line for line in text.splitlines() if line.strip()]
    # papermill puts the exception type and message at the end
    return (lines[-1] if lines else repr(exc))[:300]


def _keep_failed_notebook(executed: Path, out_dir: Path, name: str) -> None:
    if executed.exists():
        target = out_dir / FAILED_DIR / f"{name}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(executed, target)


# --- the batch -----------------------------------------------------------------


def prepare_jobs(jobs: list[Job], data_dir: Path) -> dict[str, dict]:
    """Check every job's parameters against its notebook; return the final parameters per job."""
    problems, prepared = [], {}
    declared_cache: dict[Path, dict] = {}
    for job in jobs:
        declared = declared_cache.setdefault(job.notebook, read_declared_parameters(job.notebook))
        problems += check_job_parameters(job, declared)
        parameters = dict(job.parameters)
        if "data_dir" in declared:
            parameters["data_dir"] = str(data_dir)
        prepared[job.name] = parameters
    if problems:
        raise RenderError("bad report parameters:\n" + "\n".join(problems), EXIT_BAD_INPUT)
    return prepared


def check_data(data_dir: Path) -> None:
    """Validate ``data_dir`` or raise :class:`RenderError` (exit 2)."""
    from analysis.data.validate import validate_data_dir

    report = validate_data_dir(data_dir)
    if report.problems:
        lines = [str(p) for p in report.problems]
        raise RenderError(
            "\n".join(lines) + f"\n{len(lines)} problem(s) in {data_dir}: no report was rendered", EXIT_BAD_INPUT
        )


def render_jobs(
    jobs: list[Job],
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    self_contained: bool = False,
    workers: int | None = None,
    progress: bool = True,
    echo=print,
    index_names: list[str] | None = None,
) -> RenderSummary:
    """Render ``jobs`` from ``data_dir`` into ``out_dir``; see the module docstring.

    ``index_names`` lists the reports the index shows (default: ``jobs``); a
    partial render (``--job``) passes every job of reports.toml so the index
    keeps listing the reports it did not touch.
    """
    data_dir = Path(data_dir or paths.DATA_DIR).resolve()
    out_dir = Path(out_dir or paths.REPORTS_DIR).resolve()
    with hold_render_lock(out_dir):
        # Keys first, from file hashes only: when nothing changed, nothing heavy is imported
        # (pandas, papermill) and the data and parameters, already checked by the run that
        # rendered these exact inputs, are not checked again.
        data_fingerprint = fingerprint_data_dir(data_dir)
        code_fingerprint = fingerprint_code()
        state = read_state(out_dir)
        keys = {
            job.name: build_job_key(
                job, {**job.parameters, "data_dir": str(data_dir)}, data_fingerprint, code_fingerprint, self_contained
            )
            for job in jobs
        }
        summary = RenderSummary()
        to_run = []
        for job in jobs:
            previous = state.get(job.name, {})
            # a job whose last attempt failed or was interrupted runs again even when its inputs are unchanged
            # (a killed kernel or Ctrl-C says nothing about the inputs), so the index does not keep a stale status
            unchanged = previous.get("key") == keys[job.name] and previous.get("status") not in {
                "failed",
                "interrupted",
            }
            if not force and unchanged and (out_dir / f"{job.name}.html").exists():
                summary.results.append(JobResult(job.name, "skipped"))
                echo(f"{job.name:<20} skipped (unchanged)")
            else:
                to_run.append(job)
        prepared = {job.name: dict(job.parameters) for job in jobs}
        if to_run:
            check_data(data_dir)
            prepared.update(prepare_jobs(to_run, data_dir))
        footer = f"incident-reports {__version__} · data {data_fingerprint[:12]} · rendered {dt.datetime.now().isoformat(timespec='seconds')}"
        results = _run_parallel(to_run, prepared, out_dir, footer, self_contained, workers, progress, echo)
        try:
            with _sigterm_as_interrupt():
                for result in results:
                    summary.results.append(result)
                    _record(state, result, keys[result.name], prepared[result.name], data_fingerprint, out_dir)
        finally:
            results.close()  # stops the workers if the loop ended early (Ctrl-C between two results)
            done = {r.name for r in summary.results}
            for job in to_run:
                if job.name not in done:
                    summary.results.append(JobResult(job.name, "interrupted", error="interrupted before it finished"))
                    _record(state, summary.results[-1], keys[job.name], prepared[job.name], data_fingerprint, out_dir)
            for job in jobs:
                state.setdefault(job.name, {})["title"] = str(prepared[job.name].get("title") or job.name)
                state[job.name]["description"] = job.description
            write_text_atomic(out_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True, default=str))
            from analysis.render.index import write_index

            summary.index_path = write_index(out_dir, index_names or [job.name for job in jobs], state)
    return summary


@contextmanager
def _sigterm_as_interrupt():
    """While the batch runs, SIGTERM (a scheduler stopping the render) ends it like Ctrl-C: exit 130, truthful index."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _record(state: dict, result: JobResult, key: str, parameters: dict, data_fingerprint: str, out_dir: Path) -> None:
    entry = state.setdefault(result.name, {})
    entry.update(
        status=result.status,
        seconds=round(result.seconds, 2),
        error=result.error,
        attempted_at=dt.datetime.now().isoformat(timespec="seconds"),
    )
    if result.status == "rendered":
        entry.update(
            key=key,
            parameters=parameters,
            data_fingerprint=data_fingerprint,
            rendered_at=entry["attempted_at"],
            failed_notebook="",
        )
    elif result.status == "failed":
        failed = out_dir / FAILED_DIR / f"{result.name}.ipynb"
        entry["failed_notebook"] = f"{FAILED_DIR}/{result.name}.ipynb" if failed.exists() else ""
        entry["failed_parameters"] = parameters


def _run_parallel(jobs, prepared, out_dir, footer, self_contained, workers, progress, echo):
    """Yield each job's result as it finishes; on Ctrl-C (or when closed early) stop the workers first."""
    if not jobs:
        return
    from tqdm import tqdm

    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    bar = tqdm(total=len(jobs), desc="reports", unit="job", disable=not progress, file=sys.stderr, leave=False)
    pool = futures.ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    pending = {pool.submit(execute_job, job, prepared[job.name], out_dir, footer, self_contained): job for job in jobs}
    try:
        for future in futures.as_completed(pending):
            job = pending[future]
            try:
                result = future.result()
            except Exception as exc:  # a worker died (killed, out of memory)
                result = JobResult(job.name, "failed", 0.0, f"worker died: {type(exc).__name__}: {exc}")
            bar.update(1)
            line = f"{result.name:<20} {result.status:<9} {result.seconds:6.1f} s"
            (bar.write if progress else echo)(line + (f"  {result.error}" if result.error else ""))
            yield result
        pool.shutdown(wait=True)
    except BaseException:  # KeyboardInterrupt, or GeneratorExit when the caller stops early
        bar.close()
        _stop_pool(pool)
        raise
    finally:
        bar.close()


STOP_GRACE_S = 30.0
"""How long stopped workers get to kill their kernels and remove their files before they are killed."""


def _stop_pool(pool: futures.ProcessPoolExecutor) -> None:
    """Stop every worker and wait until they are gone, so nothing is written after the index."""
    print("interrupted: stopping the workers; finished reports are kept", file=sys.stderr)
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the worker kills its kernel and ends the job as interrupted
    deadline = time.monotonic() + STOP_GRACE_S
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join(5)
