"""The output folder of an import (``--out``), safe in a hostile filesystem.

- One writer at a time: the lock every writer of a data directory takes (:func:`analysis.files.hold_data_lock`,
  an ``flock`` on ``.<name>.lock`` beside the folder, dropped by the kernel when the process dies, even by
  ``kill -9``); an import that finds it held (another import, a merge, a render reading) exits ``locked`` (3).
- ``--out`` that is a symlink: its target is updated, the link stays.
- The folder is copied without following a symlink inside it (links are kept as links) and
  without opening anything that is not a regular file or a folder (a FIFO, a device: refused).
- The new folder replaces the old one by one atomic exchange (``renameat2(RENAME_EXCHANGE)``), so
  ``--out`` is never missing; where the filesystem cannot exchange, two renames, and a run that
  finds ``--out`` missing and the previous folder set aside puts it back first.
- Temporary copies left by a killed import (``.<name>.import-*``, ``.<name>.old-*``) are removed by
  the next import, which holds the lock, so none of them is in use.
- New folders get the user's umask (``mkdtemp`` would make them private).
- Every ``OSError`` becomes :class:`OutputFolderError`: one line naming the path, exit ``cannot_write``
  (74) when the machine refuses to store (read-only, full, no permission) or ``bad_input`` (2).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from analysis.files import (
    FolderLocked,
    hold_data_lock,
    swap_into_place,  # noqa: F401 (re-exported for the import writer)
)
from analysis.schema import EXIT

WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EACCES, errno.EPERM})
"""``errno`` values that mean the machine refuses to store the import (exit ``cannot_write``)."""


class OutputFolderError(Exception):
    """The output folder cannot be used or written; ``exit_code`` is ``cannot_write`` or ``bad_input``."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def os_error(path: Path, exc: OSError, doing: str) -> OutputFolderError:
    """One line naming ``path`` for an ``OSError`` met while ``doing`` something.

    >>> print(os_error(Path("/srv/d"), OSError(28, "No space left on device"), "write incidents.csv"))
    /srv/d: cannot write incidents.csv (No space left on device); the folder was left as it was
    """
    reason = exc.strerror or str(exc)
    code = EXIT["cannot_write"] if exc.errno in WRITE_FAILURES else EXIT["bad_input"]
    return OutputFolderError(f"{path}: cannot {doing} ({reason}); the folder was left as it was", code)


def resolve_output(out: Path) -> Path:
    """The folder an import writes: ``out`` made absolute, a symlink's target (the link stays).

    Refused (``bad_input``): the current folder or one that holds it (the import replaces the folder
    it writes; name it from outside), and a path whose parent is not a folder.
    """
    target = Path(os.path.realpath(out))
    here = Path.cwd().resolve()
    if target == here or target in here.parents:
        raise OutputFolderError(
            f"{out}: found the current folder (or one that holds it), expected a folder the import may replace; "
            "run the import from outside it (e.g. --out ../NAME)",
            EXIT["bad_input"],
        )
    if target.parent.exists() and not target.parent.is_dir():
        raise OutputFolderError(f"{out}: found {target.parent}, which is not a folder", EXIT["bad_input"])
    return target


@contextmanager
def hold_import_lock(target: Path) -> Iterator[None]:
    """Hold the lock of the data directory ``target`` (exit ``locked`` when another command holds it)."""
    with ExitStack() as stack:
        try:
            stack.enter_context(hold_data_lock(target, doing="incidents import"))
        except FolderLocked as exc:
            raise OutputFolderError(str(exc), EXIT["locked"]) from None
        except OSError as exc:
            raise os_error(Path(exc.filename or target.parent), exc, "take the lock of the folder") from None
        yield


def recover_and_clean(target: Path) -> list[str]:
    """Under the lock: put back a previous folder an interrupted swap left aside, remove stale copies; the
    lines saying what was done."""
    lines = []
    aside = sorted(target.parent.glob(f".{target.name}.old-*"))
    if not target.exists() and aside:
        os.rename(aside[-1], target)
        lines.append(f"{target}: put back from {aside[-1].name}, set aside by an interrupted import")
        aside = aside[:-1]
    stale = [*aside, *target.parent.glob(f".{target.name}.import-*")]
    for path in stale:
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    if stale:
        lines.append(f"{target.parent}: removed {len(stale)} temporary copies left by an interrupted import")
    return lines


def make_temporary_folder(target: Path) -> Path:
    """A new folder beside ``target`` with the user's umask, a copy of ``target`` when it exists (symlinks
    copied as links, never followed; anything that is not a file, a folder or a link refused)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.import-", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_umask())
    if target.is_dir():
        _refuse_special_files(target)
        shutil.copytree(target, tmp, symlinks=True, dirs_exist_ok=True)
    return tmp


def _refuse_special_files(folder: Path) -> None:
    for root, dirs, files in os.walk(folder):  # os.walk does not follow links to folders
        for name in [*dirs, *files]:
            path = Path(root) / name
            mode = path.lstat().st_mode
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)):
                raise OutputFolderError(
                    f"{path}: found something other than a file, a folder or a link (a FIFO, a socket, a device), "
                    "expected a data directory",
                    EXIT["bad_input"],
                )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
