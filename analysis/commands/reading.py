"""Commands that read a data directory hold its lock shared (:func:`analysis.files.hold_data_lock`), as
``incidents render`` does: readers do not exclude one another, a writer (``import``, ``merge``,
``add-source``, ``extract --out``) is refused while one reads, and a reader that finds a writer waits up to
``--wait-for-data SECONDS`` (one line on stderr says so), then exits 3 having done nothing."""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path

from analysis import files
from analysis.exit_codes import EXIT

log = logging.getLogger(__name__)


def parse_seconds(text: str) -> float:
    """argparse type: a finite number of seconds, 0 or more.

    >>> parse_seconds("1.5"), parse_seconds("0")
    (1.5, 0.0)
    """
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"found {text!r}, expected a number of seconds, 0 or more")
    return value


def add_wait_for_data_option(parser: argparse.ArgumentParser, read: str) -> None:
    """``--wait-for-data SECONDS``: how long a command that reads the data directory ``read`` (an option or
    argument name, e.g. ``--data``) waits for a command writing it; the same option for every reader."""
    parser.add_argument(
        "--wait-for-data",
        type=parse_seconds,
        default=files.READER_WAIT_SECONDS,
        metavar="SECONDS",
        help=f"how long to wait for a command writing {read} (default: {files.READER_WAIT_SECONDS:g}), "
        f"then exit {EXIT['locked']}",
    )


def run_reading(
    folders: Iterable[Path | str | None],
    wait_seconds: float,
    outcome: str,
    run: Callable[[], int],
    *,
    writes: Path | str | None = None,
) -> int:
    """``run()`` while holding the lock of each data directory in ``folders`` shared (``None``: the bundled
    data); its exit status, or ``EXIT["locked"]`` when a writer still holds one after ``wait_seconds``
    (one line naming the folder, the writer and ``outcome``: what was not done). A folder that is also
    the one the command ``writes`` (whose own lock is exclusive) is not locked twice."""
    from analysis import paths

    skip = os.path.realpath(writes) if writes is not None else None
    chosen = [Path(f) if f is not None else paths.DATA_DIR for f in folders]
    with ExitStack() as stack:
        try:
            for folder in dict.fromkeys(f for f in chosen if os.path.realpath(f) != skip):
                stack.enter_context(
                    files.hold_data_lock_to_read(folder, doing="a reader", wait_seconds=wait_seconds, outcome=outcome)
                )
        except files.FolderLocked as exc:
            log.error("error: %s", exc)
            return EXIT["locked"]
        except OSError as exc:
            log.error("error: %s: cannot take the lock of the data directory (%s); %s", exc.filename, exc, outcome)
            return EXIT["bad_input"]
        return run()
