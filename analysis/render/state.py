"""What a render keeps in its output folder: the lock, the job keys and ``.render-state.json``; the data
directory's lock, held shared while the render reads it.

The lock is an ``flock`` on ``.render.lock`` held by the render's main process
only (workers close their inherited copy, kernels never get one), so it goes
away with that process. The file names its holder; when a render finds the
lock held but its named holder dead (a render killed with ``kill -9`` whose
leftovers still hold the file), it says so and takes the lock over on a fresh
file.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from analysis import __version__, paths
from analysis.files import (
    READER_WAIT_SECONDS,
    FolderLocked,
    fingerprint_files,
    hold_data_lock_to_read,
    is_same_file,
    sha256_hex,
    write_text_atomic,
)
from analysis.render.jobs import Job
from analysis.schema import EXIT

log = logging.getLogger(__name__)

STATE_FILE = ".render-state.json"
LOCK_FILE = ".render.lock"
_TAKE_OVER_ATTEMPTS = 5
_held_lock_fds: set[int] = set()


class RenderError(Exception):
    """A problem that stops the batch before any report is touched."""

    def __init__(self, message: str, exit_code: int = EXIT["bad_input"]):
        super().__init__(message)
        self.exit_code = exit_code


WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EACCES, errno.EPERM})
"""``errno`` values that mean the machine refuses to store what the render writes (exit ``cannot_write``)."""


def is_write_failure(exc: BaseException) -> bool:
    """True for an ``OSError`` of :data:`WRITE_FAILURES` (a full disk, a read-only folder, ...)."""
    return isinstance(exc, OSError) and exc.errno in WRITE_FAILURES


def cannot_write(out_dir: Path, exc: OSError, what: str = "") -> RenderError:
    """The one-line error (exit ``cannot_write``) for a write the machine refused in ``out_dir``.

    >>> print(cannot_write(Path("/srv/reports"), OSError(28, "No space left on device"), "index.html"))
    /srv/reports: cannot write index.html (No space left on device); the reports already there were left as they were
    """
    reason = exc.strerror or str(exc)
    return RenderError(
        f"{out_dir}: cannot write {what or 'there'} ({reason}); the reports already there were left as they were",
        EXIT["cannot_write"],
    )


# --- the lock ------------------------------------------------------------------


@contextmanager
def hold_render_lock(out_dir: Path) -> Iterator[None]:
    """Hold the exclusive lock on the folder ``out_dir`` or raise :class:`RenderError` (``EXIT["locked"]``)."""
    lock_path = Path(out_dir) / LOCK_FILE
    fd = _take_lock(lock_path)
    _held_lock_fds.add(fd)
    try:
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} since {dt.datetime.now().isoformat(timespec='seconds')}".encode(), 0)
        except OSError as exc:
            raise cannot_write(Path(out_dir), exc, LOCK_FILE) from None
        yield
    finally:
        _held_lock_fds.discard(fd)
        os.ftruncate(fd, 0)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def hold_data_for_reading(data_dir: Path, wait_seconds: float = READER_WAIT_SECONDS) -> Iterator[None]:
    """Hold the data directory's lock shared while the render reads it (:func:`analysis.files.hold_data_lock`):
    a writer holding it is waited for up to ``wait_seconds`` (one line on stderr says so), then
    :class:`RenderError` (``EXIT["locked"]``), nothing rendered."""

    outcome = "no report was rendered, the reports already there were left as they were"
    with ExitStack() as stack:
        try:
            fd = stack.enter_context(
                hold_data_lock_to_read(data_dir, doing="incidents render", wait_seconds=wait_seconds, outcome=outcome)
            )
        except FolderLocked as exc:
            raise RenderError(str(exc), EXIT["locked"]) from None
        except OSError as exc:
            raise RenderError(f"{data_dir}: cannot take the lock of the data directory ({exc})") from None
        if fd is not None:
            _held_lock_fds.add(fd)  # closed in the workers, like the render's own lock
            stack.callback(_held_lock_fds.discard, fd)
        yield


def close_inherited_locks() -> None:
    """In a forked worker: close the lock's descriptor, so the lock never outlives the render's main process.

    (Closing a copy does not unlock: the main process keeps its lock.)
    """
    for fd in list(_held_lock_fds):
        os.close(fd)
    _held_lock_fds.clear()


def _take_lock(lock_path: Path) -> int:
    for _ in range(_TAKE_OVER_ATTEMPTS):
        fd = _open_lock_file(lock_path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            os.close(fd)
            pid = _holder_pid(holder)
            if pid is None or _process_is_alive(pid):
                raise RenderError(
                    f"{lock_path.parent}: another render is running ({holder or 'another process'}); "
                    "refusing to start a second one",
                    EXIT["locked"],
                ) from None
            log.warning(
                "%s: the lock names a render that is no longer running (%s); taking the lock over",
                lock_path.parent,
                holder,
            )
            _replace_lock_file(lock_path)
            continue
        if is_same_file(fd, lock_path):
            return fd
        os.close(fd)  # another render replaced the file between our open and our lock: try the new one
    raise RenderError(f"{lock_path}: could not take the lock; another render is starting", EXIT["locked"])


def _open_lock_file(lock_path: Path) -> int:
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as exc:
        if is_write_failure(exc):
            raise cannot_write(lock_path.parent, exc, LOCK_FILE) from None
        raise RenderError(f"{lock_path}: cannot open the render's lock file ({exc.strerror})") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RenderError(f"{lock_path}: found something other than a regular file, expected the render's lock file")
    return fd


def _holder_pid(holder: str) -> int | None:
    match = re.match(r"pid (\d+)\b", holder)
    return int(match.group(1)) if match else None


def _process_is_alive(pid: int) -> bool:
    """True when ``pid`` runs (a zombie, killed but not yet reaped, counts as dead)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return status[status.rindex(")") + 2 :][:1] not in {"Z", "X"}


def _replace_lock_file(lock_path: Path) -> None:
    """Put a fresh lock file in place: whatever still holds the old one no longer blocks anyone."""
    fd, tmp = tempfile.mkstemp(prefix=f"{LOCK_FILE}.", dir=lock_path.parent)
    os.close(fd)
    os.chmod(tmp, 0o644)
    os.replace(tmp, lock_path)


# --- job keys --------------------------------------------------------------------


def fingerprint_code() -> str:
    """Hash of the analysis package and report template: a code change re-renders."""
    files = [p for p in paths.PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in {".py", ".j2", ".css", ".json"}]
    return fingerprint_files(files, paths.PACKAGE_DIR)


def build_job_key(
    job: Job, parameters: dict, data_fingerprint: str, code_fingerprint: str, self_contained: bool
) -> str:
    """The inputs of one job; the job is skipped when its key is unchanged."""
    material = {
        "notebook": sha256_hex(job.notebook.read_bytes()),
        "parameters": parameters,
        "data": data_fingerprint,
        "package_version": __version__,
        "code": code_fingerprint,
        "self_contained": self_contained,
    }
    return sha256_hex(json.dumps(material, sort_keys=True, default=str).encode())


# --- .render-state.json ------------------------------------------------------------


def read_state(out_dir: Path) -> dict[str, dict]:
    """The state of the last render (job name -> entry); ``{}`` when absent or unusable (with a warning).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / STATE_FILE).write_text("[1, 2]")
    >>> read_state(folder)
    {}
    """
    path = Path(out_dir) / STATE_FILE
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # ValueError: not JSON, not UTF-8
        log.warning("warning: %s: unreadable (%s); every job is treated as never rendered", path, exc)
        return {}
    problem = _state_problem(state)
    if problem:
        log.warning("warning: %s: found %s; every job is treated as never rendered", path, problem)
        return {}
    return state


_TEXT_FIELDS = (
    *("status", "key", "title", "description", "error", "failed_notebook"),
    *("data_fingerprint", "data_first", "data_latest"),
)
_ENTRY_FIELDS: dict[str, tuple[type, ...]] = {
    **dict.fromkeys((*_TEXT_FIELDS, "rendered_at", "attempted_at"), (str,)),
    **dict.fromkeys(("parameters", "failed_parameters"), (dict,)),
    "seconds": (int, float),
    "empty": (bool,),
}


def _state_problem(state: object) -> str:
    """What makes ``state`` unusable, or "".

    >>> _state_problem({"overview": {"status": ["rendered"]}})
    "overview: status = ['rendered'] (list), expected str"
    """
    if not isinstance(state, dict):
        return f"{type(state).__name__}, expected an object of job entries"
    for name, entry in state.items():
        if not isinstance(entry, dict):
            return f"{name}: {type(entry).__name__}, expected an object"
        for field, expected in _ENTRY_FIELDS.items():
            value = entry.get(field)
            if value is not None and (
                not isinstance(value, expected) or (isinstance(value, bool) and bool not in expected)
            ):
                shown = " or ".join(t.__name__ for t in expected)
                return f"{name}: {field} = {value!r} ({type(value).__name__}), expected {shown}"
    return ""


def write_state(out_dir: Path, state: dict) -> None:
    write_text_atomic(Path(out_dir) / STATE_FILE, json.dumps(state, indent=1, sort_keys=True, default=str))
