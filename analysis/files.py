"""Light file helpers (no pandas): safe atomic writes, what a path is, and SHA-256 hashing of data files."""

from __future__ import annotations

import ctypes
import errno
import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable
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
