"""Render the report jobs: papermill in worker processes, offline HTML, an index.

The batch checks its output folder, runs under a lock (one render per output
folder at a time), validates the data and every job's parameters before
anything runs, skips jobs whose inputs are unchanged, isolates failures (a
failed job keeps its executed notebook and the previous good HTML; a worker
that dies fails only its own job), writes every file atomically and ends with
a truthful ``index.html``. Exit codes: :data:`analysis.schema.EXIT_CODES`.

Progress goes to this module's logger, one line per job; the CLI shows it on
stderr.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path

from analysis import __version__, paths
from analysis.files import file_kind, fingerprint_data_dir
from analysis.paths import FAILED_DIRNAME, WORK_DIRNAME
from analysis.render import worker
from analysis.render.companions import write_companions
from analysis.render.jobs import Job, check_job_parameters, read_declared_parameters
from analysis.render.state import (
    STATE_FILE,
    RenderError,
    build_job_key,
    cannot_write,
    fingerprint_code,
    hold_render_lock,
    is_write_failure,
    read_state,
    write_state,
)
from analysis.render.status import ENDED_BADLY, JobStatus
from analysis.render.worker import JobResult
from analysis.schema import EXIT

log = logging.getLogger(__name__)

STOP_GRACE_S = 30.0
"""How long stopped workers get to kill their kernels and remove their files before they are killed."""

__all__ = ["JobResult", "RenderError", "RenderSummary", "render_jobs"]


@dataclass
class RenderSummary:
    results: list[JobResult] = field(default_factory=list)
    index_path: Path | None = None

    @property
    def write_error(self) -> str:
        """The first job's "cannot write" error, or "" (each job's line shows its own)."""
        return next((r.error for r in self.results if r.status == JobStatus.FAILED and r.cannot_write), "")

    @property
    def exit_code(self) -> int:
        statuses = {r.status for r in self.results}
        if JobStatus.INTERRUPTED in statuses:
            return EXIT["interrupted"]
        if self.write_error:
            return EXIT["cannot_write"]
        return EXIT["failed"] if JobStatus.FAILED in statuses else EXIT["ok"]


# --- checks before anything runs --------------------------------------------------------


def check_out_dir(out_dir: Path, names: list[str]) -> None:
    """Create ``out_dir`` and check that the render can write what it writes there, or raise :class:`RenderError`.

    Run before the lock and before any job, so a bad ``--out`` (a file, a
    read-only folder, an ``index.html`` that is a folder) leaves everything as it was.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise RenderError(f"--out {out_dir}: found {file_kind(out_dir)}, expected a folder") from None
    except OSError as exc:
        code = EXIT["cannot_write"] if is_write_failure(exc) else EXIT["bad_input"]
        raise RenderError(f"--out {out_dir}: cannot create the folder ({exc.strerror})", code) from None
    probe_writing(out_dir)
    expected = {name: "a regular file" for name in ("index.html", STATE_FILE, *(f"{n}.html" for n in names))}
    expected.update(dict.fromkeys(paths.OUTPUT_DIRNAMES, "a directory"))
    for name, kind in expected.items():
        found = file_kind(out_dir / name, follow_symlinks=False)
        if found not in (None, kind):
            raise RenderError(f"{out_dir / name}: found {found}, expected {kind} (or nothing) there")


def probe_writing(out_dir: Path) -> None:
    """Write and remove one byte in ``out_dir``, or raise :class:`RenderError` (``EXIT["cannot_write"]``) naming
    the folder and the system's reason: read-only, full, not ours, immutable (as root too, unlike ``os.access``)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-probe.", suffix=".tmp", dir=out_dir)
    except OSError as exc:
        raise cannot_write(out_dir, exc, "a file there") from None
    try:
        os.write(fd, b"\n")
        os.fsync(fd)
    except OSError as exc:
        raise cannot_write(out_dir, exc, "a file there") from None
    finally:
        os.close(fd)
        Path(probe).unlink(missing_ok=True)


def prepare_jobs(jobs: list[Job], data_dir: Path) -> dict[str, dict]:
    """Check every job's parameters against its notebook; return the final parameters per job."""
    problems, prepared = [], {}
    declared_cache: dict[Path, dict] = {}
    for job in jobs:
        if job.notebook not in declared_cache:
            try:
                declared_cache[job.notebook] = read_declared_parameters(job.notebook)
            except Exception as exc:  # nbformat's validation, JSON, encoding: whatever makes it unreadable
                declared_cache[job.notebook] = None
                problems.append(f"{job.name}: {job.notebook}: not a notebook papermill can read ({_one_line(exc)})")
        declared = declared_cache[job.notebook]
        if declared is None:
            continue
        problems += check_job_parameters(job, declared)
        parameters = dict(job.parameters)
        if "data_dir" in declared:
            parameters["data_dir"] = str(data_dir)
        prepared[job.name] = parameters
    if problems:
        raise RenderError("bad report parameters:\n" + "\n".join(problems))
    return prepared


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0][:200] if lines else ''}"


def check_data(data_dir: Path) -> dict[str, str]:
    """Validate ``data_dir`` or raise :class:`RenderError` (``EXIT["bad_input"]``); return its span of dates:
    ``data_first`` and ``data_latest``, the first and the latest incident date (ISO), for the index."""
    from analysis.data.validate import validate_data_dir

    report = validate_data_dir(data_dir)
    if report.problems:
        lines = [str(p) for p in report.problems]
        raise RenderError("\n".join(lines) + f"\n{len(lines)} problem(s) in {data_dir}: no report was rendered")
    dates = report.tables["incidents"]["event_date"].dropna()
    if dates.empty:
        return {}
    return {"data_first": dates.min().date().isoformat(), "data_latest": dates.max().date().isoformat()}


# --- the batch -----------------------------------------------------------------------------


def render_jobs(
    jobs: list[Job],
    data_dir: Path | None = None,
    out_dir: Path | None = None,
    force: bool = False,
    self_contained: bool = False,
    workers: int | None = None,
    progress: bool = True,
    index_names: list[str] | None = None,
) -> RenderSummary:
    """Render ``jobs`` from ``data_dir`` into ``out_dir``; see the module docstring.

    ``index_names`` lists the reports the index shows (default: ``jobs``); a
    partial render (``--job``) passes every job of reports.toml so the index
    keeps listing the reports it did not touch.
    """
    data_dir = Path(data_dir or paths.DATA_DIR).resolve()
    out_dir = Path(out_dir or paths.REPORTS_DIR).resolve()
    names = index_names or [job.name for job in jobs]
    check_out_dir(out_dir, names)
    with hold_render_lock(out_dir):
        _remove_stale_work_files(out_dir)
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
            unchanged = previous.get("key") == keys[job.name] and previous.get("status") not in ENDED_BADLY
            if not force and unchanged and (out_dir / f"{job.name}.html").exists():
                result = JobResult(job.name, JobStatus.SKIPPED, empty=bool(previous.get("empty")))
                summary.results.append(result)
                log.info("%s", job_line(result))
            else:
                to_run.append(job)
        prepared = {job.name: dict(job.parameters) for job in jobs}
        span: dict[str, str] = {}  # the data's first and latest incident, recorded with each report rendered
        if to_run:
            span = check_data(data_dir)
            prepared.update(prepare_jobs(to_run, data_dir))
        footer = (
            f"incident-reports {__version__} · data {data_fingerprint[:12]} · "
            f"rendered {dt.datetime.now().isoformat(timespec='seconds')}"
        )
        for result in summary.results:
            _record(state, result, keys[result.name], prepared[result.name], data_fingerprint, out_dir, span)
        late: list[JobResult] = []  # results that arrived while the workers were being stopped
        results = _run_parallel(to_run, prepared, out_dir, footer, self_contained, workers, progress, late)
        try:
            with _sigterm_as_interrupt():
                for result in results:
                    summary.results.append(result)
                    _record(state, result, keys[result.name], prepared[result.name], data_fingerprint, out_dir, span)
        finally:
            results.close()  # stops the workers if the loop ended early (Ctrl-C between two results)
            for result in late:  # e.g. a report exported just before the stop: the index says it is new
                summary.results.append(result)
                _record(state, result, keys[result.name], prepared[result.name], data_fingerprint, out_dir, span)
            done = {r.name for r in summary.results}
            for job in to_run:
                if job.name not in done:
                    summary.results.append(
                        JobResult(job.name, JobStatus.INTERRUPTED, error="interrupted before it finished")
                    )
                    _record(
                        state, summary.results[-1], keys[job.name], prepared[job.name], data_fingerprint, out_dir, span
                    )
            for job in jobs:
                state.setdefault(job.name, {})["title"] = str(prepared[job.name].get("title") or job.name)
                state[job.name]["description"] = job.description
            from analysis.render.index import write_index

            try:
                write_state(out_dir, state)
                summary.index_path = write_index(out_dir, names, state)
                if summary.exit_code != EXIT["interrupted"]:  # cards, source texts, CSV export (skipped when unchanged)
                    write_companions(out_dir, data_dir, data_fingerprint, code_fingerprint, force=force)
            except OSError as exc:
                if not is_write_failure(exc):
                    raise
                raise cannot_write(out_dir, exc, "the index, its state and the incident cards") from None
    return summary


def job_line(result: JobResult) -> str:
    """The line a job gets on stderr (and in a cron log).

    >>> job_line(JobResult("weekly", JobStatus.SKIPPED, empty=True))
    'weekly               empty     (unchanged, skipped): no incidents match its filters'
    >>> job_line(JobResult("overview", JobStatus.FAILED, 2.04, "ValueError: boom"))
    'overview             failed       2.0 s  ValueError: boom'
    """
    if result.status == JobStatus.SKIPPED:
        detail = "(unchanged, skipped): no incidents match its filters" if result.empty else "(unchanged)"
        return f"{result.name:<20} {result.shown_status:<9} {detail}".rstrip()
    line = f"{result.name:<20} {result.shown_status:<9} {result.seconds:6.1f} s"
    if result.empty:
        return line + "  no incidents match its filters"
    return line + (f"  {result.error}" if result.error else "")


@contextmanager
def _sigterm_as_interrupt():
    """While the batch runs, SIGTERM (a scheduler stopping the render) ends it like Ctrl-C (``EXIT["interrupted"]``)."""
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


def _record(
    state: dict,
    result: JobResult,
    key: str,
    parameters: dict,
    data_fingerprint: str,
    out_dir: Path,
    span: dict[str, str],
) -> None:
    entry = state.setdefault(result.name, {})
    now = dt.datetime.now().isoformat(timespec="seconds")
    if result.status == JobStatus.SKIPPED:
        entry.update(status=JobStatus.SKIPPED, error="")
        return
    entry.update(status=result.status, seconds=round(result.seconds, 2), error=result.error, attempted_at=now)
    if result.status == JobStatus.RENDERED:
        entry.update(
            key=key,
            parameters=parameters,
            data_fingerprint=data_fingerprint,
            rendered_at=now,
            failed_notebook="",
            empty=result.empty,
            data_first=span.get("data_first", ""),
            data_latest=span.get("data_latest", ""),
        )
    elif result.status == JobStatus.FAILED:
        failed = out_dir / FAILED_DIRNAME / f"{result.name}.ipynb"
        entry["failed_notebook"] = f"{FAILED_DIRNAME}/{result.name}.ipynb" if failed.exists() else ""
        entry["failed_parameters"] = parameters


def _remove_stale_work_files(out_dir: Path) -> None:
    """Under the lock, anything in ``.work/`` was left by a render that was killed: remove it."""
    for path in (out_dir / WORK_DIRNAME).glob("*.ipynb"):
        path.unlink(missing_ok=True)


def _run_parallel(jobs, prepared, out_dir, footer, self_contained, workers, progress, late) -> Iterator[JobResult]:
    """Yield each job's result as it finishes; on Ctrl-C (or when closed early) stop the workers first,
    adding to ``late`` the results they still sent."""
    if not jobs:
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    size = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    tasks = [(job, prepared[job.name], out_dir, footer, self_contained) for job in jobs]
    results = WorkerPool(size, out_dir, late).run(tasks)
    bar = tqdm(total=len(jobs), desc="reports", unit="job", disable=not progress, file=sys.stderr, leave=False)
    try:
        with logging_redirect_tqdm(loggers=[logging.getLogger("analysis")]) if progress else nullcontext():
            for result in results:
                bar.update(1)
                log.info("%s", job_line(result))
                yield result
    finally:
        results.close()
        bar.close()


# --- the worker processes ----------------------------------------------------------------


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: object  # multiprocessing.connection.Connection
    job: Job | None = None
    sent_at: float = 0.0


class WorkerPool:
    """Worker processes (:func:`analysis.render.worker.serve`) fed one job at a time over a pipe.

    The batch always knows which job each worker runs: a worker that dies
    (``kill -9``, out of memory) fails only that job, its leftovers are
    removed, and a new worker takes the jobs still waiting.
    """

    def __init__(self, size: int, out_dir: Path, late: list[JobResult] | None = None):
        self._context = multiprocessing.get_context("fork")  # workers start with the package already imported
        self._size = size
        self._out_dir = out_dir
        self._workers: list[_Worker] = []
        self.late = late if late is not None else []
        """Results sent by workers while :meth:`stop` waited for them."""

    def run(self, tasks: list[tuple]) -> Iterator[JobResult]:
        """Yield a result per task as they finish; on Ctrl-C (or when closed early) stop every worker first."""
        waiting = deque(tasks)
        try:
            while waiting or any(w.job for w in self._workers):
                while len(self._workers) < min(self._size, len(waiting) + sum(1 for w in self._workers if w.job)):
                    self._start_worker()
                for w in self._workers:
                    if w.job is None and waiting:
                        self._send(w, waiting)
                yield from self._collect(waiting)
            self._close()
        except BaseException:  # KeyboardInterrupt, or GeneratorExit when the caller stops early
            self.stop()
            raise

    def _start_worker(self) -> None:
        parent_end, child_end = self._context.Pipe()
        inherited = [w.conn for w in self._workers] + [parent_end]
        # blocked while forking: the worker never runs the batch's handlers; it unblocks them once its own are set
        # (a Ctrl-C meanwhile is delivered when they are unblocked, once the worker is on the list stop() uses)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, worker.STOP_SIGNALS)
        try:
            process = self._context.Process(
                target=worker.serve, args=(child_end, os.getpid(), inherited), name="incidents-worker", daemon=True
            )
            process.start()
            self._workers.append(_Worker(process, parent_end))
        finally:
            child_end.close()
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def _send(self, w: _Worker, waiting: deque) -> None:
        task = waiting.popleft()
        try:
            w.conn.send(task)
        except OSError:  # it died before it got the job: the job goes back, _collect sees the death
            waiting.appendleft(task)
            return
        w.job, w.sent_at = task[0], time.monotonic()

    def _collect(self, waiting: deque) -> Iterator[JobResult]:
        ready = wait_for_any([w.conn for w in self._workers] + [w.process.sentinel for w in self._workers], 1.0)
        for w in list(self._workers):
            if w.conn in ready:
                try:
                    result = w.conn.recv()
                except (EOFError, OSError):
                    result = None
                if result is not None:
                    w.job = None
                    yield result
                    continue
            if w.process.sentinel in ready or (w.conn in ready and not w.process.is_alive()):
                w.process.join(5)
                self._workers.remove(w)
                w.conn.close()
                if w.job is not None:
                    yield self._died(w)

    def _died(self, w: _Worker) -> JobResult:
        code = w.process.exitcode
        how = f"killed by {signal.Signals(-code).name}" if code and code < 0 else f"exit status {code}"
        log.warning("worker %d died (%s) while rendering %s; the other jobs go on", w.process.pid, how, w.job.name)
        kept = self._remove_leftovers(w.process.pid, keep_as=w.job.name)
        error = f"its worker process died ({how}); the other jobs went on"
        if kept:
            error += f"; the notebook as far as it ran is kept in {FAILED_DIRNAME}/"
        return JobResult(w.job.name, JobStatus.FAILED, time.monotonic() - w.sent_at, error)

    def _remove_leftovers(self, pid: int, keep_as: str | None = None) -> bool:
        """Remove what a worker that is gone left: its executed notebook (kept as the failed one when
        ``keep_as`` names its job) and its kernel's socket folder. True when a notebook was kept."""
        kept = False
        for path in (self._out_dir / WORK_DIRNAME).glob(f"*.{pid}.ipynb"):
            if keep_as and path.name == f"{keep_as}.{pid}.ipynb":
                (self._out_dir / FAILED_DIRNAME).mkdir(exist_ok=True)
                os.replace(path, self._out_dir / FAILED_DIRNAME / f"{keep_as}.ipynb")
                kept = True
            else:
                path.unlink(missing_ok=True)
        for folder in Path(tempfile.gettempdir()).glob(f"{worker.KERNEL_DIR_PREFIX}{pid}-*"):
            shutil.rmtree(folder, ignore_errors=True)
        return kept

    def _close(self) -> None:
        """Every job is done: let the workers exit (they kill their kept kernels)."""
        for w in self._workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        self._join(STOP_GRACE_S)

    def stop(self) -> None:
        """Stop every worker and wait until they are gone, so nothing is written after the index."""
        if not self._workers:
            return
        log.warning("interrupted: stopping the workers; finished reports are kept")
        for w in self._workers:
            if w.process.is_alive():
                w.process.terminate()  # SIGTERM: the worker kills its kernel and ends its job as interrupted
        self._join(STOP_GRACE_S)

    def _join(self, grace_s: float) -> None:
        deadline = time.monotonic() + grace_s
        for w in self._workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
        for w in self._workers:
            if w.process.is_alive():
                log.warning("worker %d did not stop within %.0f s: killed", w.process.pid, grace_s)
                w.process.kill()
                w.process.join(5)
        for w in self._workers:
            self._remove_leftovers(w.process.pid)
            self.late += _unread_results(w.conn)
            w.conn.close()
        self._workers.clear()


def _unread_results(conn) -> list[JobResult]:
    """What a worker that is gone sent before it went (a pipe keeps it after the writer exits)."""
    results = []
    try:
        while conn.poll():
            item = conn.recv()
            if isinstance(item, JobResult):
                results.append(item)
    except (EOFError, OSError):
        pass
    return results
