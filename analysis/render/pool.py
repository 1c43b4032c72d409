"""The worker processes of a batch: each fed one job at a time over a pipe, a dead one replaced.

:class:`WorkerPool` runs :func:`analysis.render.worker.serve` in forked processes, always knows which job each
runs, and on a stop (Ctrl-C, SIGTERM, a caller that closes early) waits for every worker, so nothing is written
after the index. Used by :func:`analysis.render.batch.render_jobs`.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path

from analysis.paths import FAILED_DIRNAME, WORK_DIRNAME
from analysis.render import worker
from analysis.render.jobs import Job
from analysis.render.status import JobStatus
from analysis.render.worker import JobResult

log = logging.getLogger(__name__)

STOP_GRACE_S = 30.0
"""How long stopped workers get to kill their kernels and remove their files before they are killed."""


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

    def __init__(
        self, size: int, out_dir: Path, late: list[JobResult] | None = None, warm_modules: tuple[str, ...] = ()
    ):
        self._context = multiprocessing.get_context("fork")  # workers start with the package already imported
        self._size = size
        self._out_dir = out_dir
        self._warm_modules = tuple(warm_modules)  # each worker's kernel starts and imports them before its first job
        self._workers: list[_Worker] = []
        self.late = late if late is not None else []
        """Results sent by workers while :meth:`stop` waited for them."""

    def start(self) -> WorkerPool:
        """Fork every worker now, before the jobs are known: their kernels start while the batch checks the data."""
        while len(self._workers) < self._size:
            self._start_worker()
        return self

    def discard(self) -> None:
        """Nothing will run after all (bad data or parameters): stop the workers :meth:`start` forked, quietly."""
        for w in self._workers:
            if w.process.is_alive():
                w.process.terminate()  # idle: it kills its kernel and exits at once
        self._join(STOP_GRACE_S)

    def run(self, tasks: list[tuple], meanwhile=None) -> Iterator[JobResult]:
        """Yield a result per task as they finish, calling ``meanwhile()`` once the first tasks are sent (the
        batch's own work while the workers run); on Ctrl-C (or when closed early) stop every worker first."""
        waiting = deque(tasks)
        try:
            while waiting or any(w.job for w in self._workers):
                while len(self._workers) < min(self._size, len(waiting) + sum(1 for w in self._workers if w.job)):
                    self._start_worker()
                for w in self._workers:
                    if w.job is None and waiting:
                        self._send(w, waiting)
                if meanwhile is not None:
                    meanwhile, call = None, meanwhile
                    call()
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
                target=worker.serve,
                args=(child_end, os.getpid(), inherited, self._warm_modules),
                name="incidents-worker",
                daemon=True,
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
