"""Writing data directories safely: CSV rows in schema order, the data directory's lock, and a whole
directory built in a temporary folder, validated like ``incidents validate``, then moved into place.
"""

from __future__ import annotations

import contextlib
import csv
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from analysis.data.validate import validate_data_dir
from analysis.files import hold_data_lock, swap_into_place


class StoreRejected(ValueError):
    """Nothing was written; ``lines`` say why (FILE:LINE: COLUMN: problems or one sentence)."""

    def __init__(self, lines: list[str]):
        self.lines = list(lines)
        super().__init__("\n".join(self.lines))


def write_rows(path: Path, columns: tuple[str, ...], rows: list[dict]) -> None:
    """Write ``rows`` as CSV with the given columns (None and missing cells empty, LF line endings)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value) -> str:
    """
    >>> _cell(None), _cell(2.0), _cell(33.7856), _cell("x")
    ('', '2', '33.7856', 'x')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(path: Path) -> list[dict]:
    """Rows of a CSV file as dicts of text ('' for an empty cell); [] when the file is absent."""
    if not Path(path).is_file():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def hold_lock(folder: Path, doing: str) -> contextlib.AbstractContextManager:
    """Hold the lock every writer of the data directory ``folder`` takes, or refuse at once
    (:class:`analysis.files.FolderLocked`: another import, merge, add-source or a render reading it)."""
    return hold_data_lock(folder, doing=doing)


def replace_directory(
    out: Path, fill: Callable[[Path], None], *, start_from_existing: bool, allow_no_incidents: bool = False
) -> list[str]:
    """Build the new ``out`` in a temporary folder (``fill(tmp)``), validate it, then move it into place.

    With ``start_from_existing`` the temporary folder starts as a copy of ``out``; with
    ``allow_no_incidents`` an empty ``incidents.csv`` is accepted (a candidate directory of an article
    that reports no event). Returns the validator's
    notes; raises :class:`StoreRejected` (``out`` unchanged) when the result does not validate. A symlinked
    ``out`` updates its target; the link stays.
    """
    out = Path(out)
    target = Path(os.path.realpath(out))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        if start_from_existing and target.is_dir():
            shutil.copytree(target, tmp, symlinks=True, dirs_exist_ok=True)  # links stay links, never followed
        fill(tmp)
        report = validate_data_dir(tmp)
        problems = [p for p in report.problems if not (allow_no_incidents and p.found == "no incidents")]
        if problems:
            lines = [str(p).replace(str(tmp), str(out)) for p in problems]
            raise StoreRejected([*lines, f"{len(lines)} problem(s): {out} was left as it was"])
        swap_into_place(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return list(report.notes)
