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
import os
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from analysis import __version__, paths
from analysis.files import READER_WAIT_SECONDS, file_kind, fingerprint_data_dir
from analysis.paths import FAILED_DIRNAME, WORK_DIRNAME
from analysis.render.companions import write_companions
from analysis.render.index import write_index
from analysis.render.jobs import Job, check_job_parameters, read_declared_parameters
from analysis.render.kernel_warmup import check_kernel_socket_room, list_imported_modules
from analysis.render.pool import WorkerPool
from analysis.render.state import (
    STATE_FILE,
    RenderError,
    build_job_key,
    cannot_write,
    fingerprint_code,
    hold_data_for_reading,
    hold_render_lock,
    is_write_failure,
    read_state,
    write_state,
)
from analysis.render.status import ENDED_BADLY, JobStatus
from analysis.render.worker import JobResult
from analysis.schema import EXIT

log = logging.getLogger(__name__)


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


def check_data(data_dir: Path) -> tuple[dict[str, str], object]:
    """Validate ``data_dir`` or raise :class:`RenderError` (``EXIT["bad_input"]``); return its span of dates
    (``data_first`` and ``data_latest``, the first and the latest incident date (ISO), for the index) and the
    :class:`analysis.data.dataset.Dataset` loaded (the incident cards are written from it)."""
    from analysis.data.dataset import load_dataset
    from analysis.data.problems import DataValidationError

    try:
        dataset = load_dataset(data_dir)
    except DataValidationError as exc:
        lines = [str(p) for p in exc.problems]
        lines.append(f"{len(lines)} problem(s) in {data_dir}: no report was rendered")
        raise RenderError("\n".join(lines)) from None
    dates = dataset.incidents["event_date"].dropna()
    if dates.empty:
        return {}, dataset
    return {"data_first": dates.min().date().isoformat(), "data_latest": dates.max().date().isoformat()}, dataset


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
    data_wait_seconds: float = READER_WAIT_SECONDS,
) -> RenderSummary:
    """Render ``jobs`` from ``data_dir`` into ``out_dir``; see the module docstring.

    ``index_names`` lists the reports the index shows (default: ``jobs``); a
    partial render (``--job``) passes every job of reports.toml so the index
    keeps listing the reports it did not touch. The data directory is read under its lock, shared: a
    command writing it is waited for up to ``data_wait_seconds``.
    """
    data_dir = Path(data_dir or paths.DATA_DIR).resolve()
    out_dir = Path(out_dir or paths.REPORTS_DIR).resolve()
    names = index_names or [job.name for job in jobs]
    check_out_dir(out_dir, names)
    with hold_render_lock(out_dir), hold_data_for_reading(data_dir, data_wait_seconds):
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
        summary.results, to_run = _skip_unchanged(jobs, state, keys, out_dir, force)
        companions = _Companions(out_dir, data_dir, data_fingerprint, code_fingerprint, force)
        late: list[JobResult] = []  # results that arrived while the workers were being stopped
        pool = _start_pool(to_run, out_dir, workers, late)  # kernels start and import while the data is checked
        prepared = {job.name: dict(job.parameters) for job in jobs}
        span: dict[str, str] = {}  # the data's first and latest incident, recorded with each report rendered
        if to_run:
            span = _check_before_running(pool, to_run, data_dir, prepared, companions)
        footer = (
            f"incident-reports {__version__} · data {data_fingerprint[:12]} · "
            f"rendered {dt.datetime.now().isoformat(timespec='seconds')}"
        )

        def record(result: JobResult) -> None:
            _record(state, result, keys[result.name], prepared[result.name], data_fingerprint, out_dir, span)

        for result in summary.results:
            record(result)
        results = _run_parallel(pool, to_run, prepared, out_dir, footer, self_contained, progress, companions.write)
        try:
            with _sigterm_as_interrupt():
                for result in results:
                    summary.results.append(result)
                    record(result)
        finally:
            results.close()  # stops the workers if the loop ended early (Ctrl-C between two results)
            _add_unfinished(summary, late, to_run, record)
            _name_jobs(state, jobs, prepared)
            try:
                write_state(out_dir, state)
                summary.index_path = write_index(out_dir, names, state)
                if summary.exit_code != EXIT["interrupted"]:  # cards, source texts, CSV export (skipped when unchanged)
                    companions.finish()
            except OSError as exc:
                if not is_write_failure(exc):
                    raise
                raise cannot_write(out_dir, exc, "the index, its state and the incident cards") from None
    return summary


def _skip_unchanged(
    jobs: list[Job], state: dict, keys: dict[str, str], out_dir: Path, force: bool
) -> tuple[list[JobResult], list[Job]]:
    """The results of the jobs left as they are (inputs unchanged, report there) and the jobs to run.

    A job whose last attempt failed or was interrupted runs again even when its inputs are unchanged
    (a killed kernel or Ctrl-C says nothing about the inputs), so the index does not keep a stale status.
    """
    skipped, to_run = [], []
    for job in jobs:
        previous = state.get(job.name, {})
        unchanged = previous.get("key") == keys[job.name] and previous.get("status") not in ENDED_BADLY
        if not force and unchanged and (out_dir / f"{job.name}.html").exists():
            skipped.append(JobResult(job.name, JobStatus.SKIPPED, empty=bool(previous.get("empty"))))
            log.info("%s", job_line(skipped[-1]))
        else:
            to_run.append(job)
    return skipped, to_run


def _add_unfinished(summary: RenderSummary, late: list[JobResult], to_run: list[Job], record) -> None:
    """After the run (or its stop): the results that came late (e.g. a report exported just before the stop:
    the index says it is new), then every job that never finished, as interrupted."""
    for result in late:
        summary.results.append(result)
        record(result)
    done = {r.name for r in summary.results}
    for job in to_run:
        if job.name not in done:
            summary.results.append(JobResult(job.name, JobStatus.INTERRUPTED, error="interrupted before it finished"))
            record(summary.results[-1])


def _name_jobs(state: dict, jobs: list[Job], prepared: dict[str, dict]) -> None:
    """Each job's title and description, as the index shows them."""
    for job in jobs:
        state.setdefault(job.name, {})["title"] = str(prepared[job.name].get("title") or job.name)
        state[job.name]["description"] = job.description


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


def _start_pool(jobs: list[Job], out_dir: Path, workers: int | None, late: list[JobResult]) -> WorkerPool | None:
    """The workers of ``jobs``, forked now, each starting its kernel and importing there what the jobs'
    notebooks import (:mod:`analysis.render.kernel_warmup`); None when no job runs."""
    if not jobs:
        return None
    check_kernel_socket_room()
    # Imported once, before the fork: every worker inherits it (a worker importing it again costs about 1.4 s
    # of CPU while kernels start beside it), and prepare_jobs reads the notebooks' parameters with it.
    import papermill  # noqa: F401

    size = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    modules = list_imported_modules(dict.fromkeys(job.notebook for job in jobs))
    return WorkerPool(size, out_dir, late, tuple(modules)).start()


def _check_before_running(
    pool: WorkerPool, jobs: list[Job], data_dir: Path, prepared: dict, companions: _Companions
) -> dict[str, str]:
    """:func:`check_data` and :func:`prepare_jobs` (into ``prepared``) while the workers start; on a problem the
    workers are stopped before it is raised. The data's span of dates."""
    try:
        span, companions.dataset = check_data(data_dir)
        prepared.update(prepare_jobs(jobs, data_dir))
    except BaseException:
        pool.discard()
        raise
    return span


@dataclass
class _Companions:
    """The cards, source texts and exports (:func:`write_companions`), written by :meth:`write` while the first
    jobs run; a problem is raised by :meth:`finish`, after the index, as when they were written last."""

    out_dir: Path
    data_dir: Path
    data_fingerprint: str
    code_fingerprint: str
    force: bool
    dataset: object = None  # the Dataset check_data loaded, so the cards do not load it again
    done: bool = False
    error: BaseException | None = None

    def write(self) -> None:
        self.done = True
        try:
            write_companions(
                self.out_dir, self.data_dir, self.data_fingerprint, self.code_fingerprint, self.force, self.dataset
            )
        except (RenderError, OSError) as exc:
            self.error = exc

    def finish(self) -> None:
        if not self.done:
            self.write()
        if self.error is not None:
            raise self.error


def _run_parallel(pool, jobs, prepared, out_dir, footer, self_contained, progress, meanwhile) -> Iterator[JobResult]:
    """Yield each job's result as it finishes, calling ``meanwhile()`` once the first jobs are sent; on Ctrl-C
    (or when closed early) stop the workers first, adding to the pool's ``late`` the results they still sent."""
    if not jobs:
        meanwhile()
        return
    from tqdm import tqdm
    from tqdm.contrib.logging import logging_redirect_tqdm

    tasks = [(job, prepared[job.name], out_dir, footer, self_contained) for job in jobs]
    results = pool.run(tasks, meanwhile)
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
