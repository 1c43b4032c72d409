"""Light file helpers (no pandas): safe atomic writes, what a path is, the one lock of a data directory, the
folder swap every writer uses, and SHA-256 hashing of data files."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import hashlib
import logging
import os
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis import paths

_KINDS = (
    (stat.S_ISREG, "a regular file"),
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
REGULAR_FILE = "a regular file"


class OutputTargetError(ValueError):
    """An output path names something that must not be replaced (a device, a FIFO, a symlink, a directory)."""


def file_kind(path: Path | str, *, follow_symlinks: bool = True) -> str | None:
    """What ``path`` is, in words (``"a regular file"``, ``"a directory"``, ...); None when nothing is there.

    With ``follow_symlinks=False`` a symbolic link is reported as one instead of as what it points to.

    >>> file_kind("/dev/null"), file_kind("/"), file_kind("/no/such/path")
    ('a character device', 'a directory', None)
    """
    try:
        mode = os.stat(path, follow_symlinks=follow_symlinks).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def check_output_target(path: Path) -> None:
    """Raise :class:`OutputTargetError` unless ``path`` is absent or a regular file (a symlink is never followed)."""
    kind = file_kind(path, follow_symlinks=False)
    if kind == "a symbolic link":
        kind += f" to {os.readlink(path)}"
    if kind not in (None, REGULAR_FILE):
        raise OutputTargetError(
            f"{path}: found {kind}, expected a regular file or a new file name (it was left as it was)"
        )


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ``path`` must be absent or a regular file: a device (``/dev/full``), a FIFO, a
    directory or a symbolic link is refused with :class:`OutputTargetError`
    before anything is written, so running as root cannot replace one.
    """
    path = Path(path)
    check_output_target(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        check_output_target(path)  # again: something may have appeared there while we wrote
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def swap_into_place(tmp: Path, target: Path) -> None:
    """Put the folder ``tmp`` at ``target``; the folder that was there is removed. ``target`` is never missing.

    Both must be on one file system (``tmp`` is made beside ``target``). Where the system cannot exchange
    two names atomically, the previous folder is renamed away first and put back if the second rename fails.
    """
    if not target.exists():
        os.rename(tmp, target)
        return
    if _exchange(tmp, target):
        shutil.rmtree(tmp)  # the previous folder, now at tmp's name
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    aside.rmdir()
    os.rename(target, aside)
    try:
        os.rename(tmp, target)
    except BaseException:
        os.rename(aside, target)
        raise
    shutil.rmtree(aside)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` atomically (Linux ``renameat2``); ``False`` where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# --- the lock of a data directory -------------------------------------------------------

READER_WAIT_SECONDS = 120.0
"""How long a command reading a data directory (``render``, ``validate``, ``export``, ``extract --data``, the
candidate folder of ``merge``) waits for one writing it, by default."""
READERS = "render, validate, export, extract or merge"
"""The commands that hold a data directory's lock shared, in words (a reader writes no name in the lock file)."""
LOCK_POLL_SECONDS = 0.2
"""How often a command waiting for a data directory's lock tries again."""
_REPLACED_ATTEMPTS = 50
_READ_ONLY = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class FolderLocked(Exception):
    """Another command holds the lock of a data directory (and did not let go in time); nothing was done."""


def data_lock_path(folder: Path | str) -> Path:
    """The one lock file of the data directory ``folder``, beside it (not inside: the folder is swapped whole).

    >>> data_lock_path("/srv/my-data")
    PosixPath('/srv/.my-data.lock')
    """
    folder = Path(folder)
    return folder.parent / f".{folder.name}.lock"


@contextmanager
def hold_data_lock(
    folder: Path | str,
    *,
    doing: str,
    shared: bool = False,
    wait_seconds: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    outcome: str = "nothing was written; try again when it ends",
) -> Iterator[int | None]:
    """Hold the lock of the data directory ``folder`` (an ``flock`` on :func:`data_lock_path`) while ``doing``.

    Every command that puts a data directory in place (``import``, ``merge``, ``add-source``, ``extract
    --out``) holds it exclusively; a command that reads one (:data:`READERS`) holds it ``shared``: readers do not
    exclude one another, but no writer swaps the folder while it is read. When someone else holds it, wait
    up to ``wait_seconds`` (``on_wait(holder)`` is called once, ``holder`` in words), then raise
    :class:`FolderLocked` naming the folder, the holder and ``outcome``. Yields the descriptor holding the
    lock (``None`` for a reader where no lock file exists or can be made: a read-only place nobody writes).
    The kernel drops the lock when its process ends, even by ``kill -9``; the last holder removes the file.
    """
    folder = Path(os.path.realpath(folder))  # a symlinked folder and its target are one data directory
    lock_path = data_lock_path(folder)
    if not shared:
        folder.parent.mkdir(parents=True, exist_ok=True)
    elif not folder.is_dir():
        yield None  # nothing to read: the reader's own checks say so
        return
    fd = _take_data_lock(lock_path, folder, shared, time.monotonic() + wait_seconds, on_wait, outcome)
    try:
        if fd is not None and _writable(fd):
            os.ftruncate(fd, 0)  # a reader clears what a killed writer left; a writer says who it is
            if not shared:
                os.pwrite(fd, f"pid {os.getpid()} ({doing})".encode(), 0)
        yield fd
    finally:
        if fd is not None:
            _let_go(fd, lock_path, shared)


def hold_data_lock_to_read(folder: Path | str, *, doing: str, wait_seconds: float, outcome: str):
    """:func:`hold_data_lock` shared, for a command that reads ``folder``: while a writer holds it, one warning
    line says how long it is waited for and who holds it; ``FolderLocked`` after ``wait_seconds`` ends with
    ``waited N s; <outcome>`` (what was not done)."""

    def tell(holder: str) -> None:
        logging.getLogger(__name__).warning("waiting up to %g s for %s: %s", wait_seconds, folder, holder)

    return hold_data_lock(
        folder,
        doing=doing,
        shared=True,
        wait_seconds=wait_seconds,
        on_wait=tell,
        outcome=f"waited {wait_seconds:g} s; {outcome}",
    )


def _let_go(fd: int, lock_path: Path, shared: bool) -> None:
    """Drop the lock; the last holder removes the file (under the exclusive lock, so a command that opened it
    meanwhile finds it gone and locks a new one)."""
    try:
        if shared and not _try_flock(fd, fcntl.LOCK_EX):
            return  # another reader still holds it: the file stays
        if _writable(fd):
            os.ftruncate(fd, 0)
        if is_same_file(fd, lock_path):
            lock_path.unlink(missing_ok=True)
    except OSError:
        pass  # a lock file left behind is harmless: the next command takes it over
    finally:
        os.close(fd)


def _take_data_lock(lock_path: Path, folder: Path, shared: bool, deadline: float, on_wait, outcome: str) -> int | None:
    """A descriptor holding the lock on ``lock_path`` (still the file of that name), waiting until ``deadline``."""
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    waited, replaced = False, 0
    while replaced < _REPLACED_ATTEMPTS:
        fd = _open_lock_file(lock_path, shared)
        if fd is None:
            return None
        if _try_flock(fd, mode):
            if is_same_file(fd, lock_path):
                return fd
            os.close(fd)  # the file was removed or replaced between our open and our lock: lock the new one
            replaced += 1
            continue
        holder = _describe_holder(os.pread(fd, 200, 0).decode("utf-8", "replace"))
        os.close(fd)
        if time.monotonic() >= deadline:
            raise FolderLocked(f"{folder}: {holder}, which holds its lock ({lock_path.name} beside it); {outcome}")
        if not waited and on_wait is not None:
            on_wait(holder)
        waited = True
        time.sleep(LOCK_POLL_SECONDS)
    raise FolderLocked(f"{folder}: its lock file {lock_path} keeps being replaced; {outcome}")


def _open_lock_file(lock_path: Path, shared: bool) -> int | None:
    """The lock file opened (created when absent; a link is never followed, only a regular file accepted)."""
    flags = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | flags, 0o644)
    except OSError as exc:
        if not (shared and exc.errno in _READ_ONLY):
            raise
        try:  # a reader in a place it may not write: lock the file if a writer made one
            fd = os.open(lock_path, os.O_RDONLY | flags)
        except FileNotFoundError:
            return None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "found something other than a regular file, expected a lock file", str(lock_path))
    return fd


def _try_flock(fd: int, mode: int) -> bool:
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def is_same_file(fd: int, path: Path) -> bool:
    """True when ``path`` still names the file open as ``fd`` (not removed or replaced; a link is not followed)."""
    try:
        on_disk = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _describe_holder(text: str) -> str:
    """Who holds a lock, in words, from what its file holds: a writer's ``pid N (command)``, else a reader.

    >>> _describe_holder("pid 41 (incidents import)")
    'being written by pid 41 (incidents import)'
    >>> _describe_holder("")
    'being read by another command (render, validate, export, extract or merge)'
    """
    return f"being written by {text.strip()}" if text.strip() else f"being read by another command ({READERS})"


def _writable(fd: int) -> bool:
    return fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDWR


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` as 64 hex digits (the form ``sources.csv`` records).

    >>> sha256_hex(b"")[:16]
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()


def fingerprint_files(files: Iterable[Path], root: Path) -> str:
    """SHA-256 over the relative path and the content of every file, sorted by relative path.

    Names and contents both count, so adding, renaming or editing a file changes the fingerprint.
    """
    digest = hashlib.sha256()
    for p in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(p.relative_to(root).as_posix().encode() + b"\0")
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint_data_dir(data_dir: Path | str | None = None) -> str:
    """:func:`fingerprint_files` of every CSV file and raw file of ``data_dir`` (default: the bundled data).

    A file under ``raw/`` that leads outside ``data_dir`` (a symbolic link out) is left out: never read.
    """
    root = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    files = [p for p in root.glob("*.csv") if p.is_file()]
    raw = root / "raw"
    if raw.is_dir():
        inside = Path(root).resolve()
        files += [p for p in raw.rglob("*") if p.is_file() and p.resolve().is_relative_to(inside)]
    return fingerprint_files(files, root)
