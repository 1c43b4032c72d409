"""Rules over the raw texts of ``sources.csv`` and the quotes of ``evidence.csv`` and ``context.csv``.

A raw file is a regular file inside the data directory whose sha256 matches ``sources.csv``; every quote occurs
in the raw text of its source, exactly or after collapsing runs of white space. A source with neither a raw file
nor a url (an outlet an imported dataset names) is counted in a note. Every ``check_*`` function appends
:class:`~analysis.data.problems.Problem` objects to the list it is given (the rest of the cross-file rules are
in :mod:`analysis.data.cross_checks`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data.problems import Problem, count_text, show
from analysis.data.read import TableRead
from analysis.files import REGULAR_FILE, file_kind, sha256_hex


def check_sources(read: TableRead, data_dir: Path, problems: list[Problem]) -> dict[str, str]:
    """Raw files are regular files matching their sha256; return ``{source_id: raw text}`` for bundled sources."""
    texts: dict[str, str] = {}
    df = read.frame
    cols = [df[c].tolist() for c in ("source_id", "file", "url", "sha256")]
    # rows without a file (external references, sources known by name only) need no check
    for row in np.flatnonzero(df["file"].notna().to_numpy()):
        sid, file, url, digest = (c[row] for c in cols)
        line = read.line(row)
        data = _read_raw(read.label, line, data_dir, str(file), problems)
        if data is None:
            continue
        _check_digest(read.label, line, str(file), digest, sha256_hex(data), problems)
        if not pd.isna(sid):
            texts[str(sid)] = data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n")
    return texts


def find_path_outside(data_dir: Path, file: str) -> Path | None:
    """Where ``file`` (relative to ``data_dir``) leads when that is outside ``data_dir``, else None.

    ``..``, an absolute path and a symbolic link leading out all count: the
    path is resolved, links followed, without opening the file.

    >>> find_path_outside(Path("/srv/data"), "../../../etc/passwd")
    PosixPath('/etc/passwd')
    >>> find_path_outside(Path("/srv/data"), "/etc/passwd")
    PosixPath('/etc/passwd')
    >>> find_path_outside(Path("/srv/data"), "raw/../raw/a.txt") is None
    True
    """
    root = Path(data_dir).resolve()
    target = (root / file).resolve()
    return None if target.is_relative_to(root) else target


def note_named_only_sources(read: TableRead, notes: list[str]) -> None:
    """Count the sources with neither a raw file nor a url (outlets an imported dataset names) in a note."""
    df = read.frame
    n = int((df["file"].isna() & df["url"].isna()).sum())
    if n:
        verb = "is" if n == 1 else "are"
        notes.append(f"{count_text(n, 'source')} {verb} known by name only (no raw file, no url)")


def _read_raw(label: str, line: int, data_dir: Path, file: str, problems: list[Problem]) -> bytes | None:
    """The bytes of one raw file, or None (and a problem) when it is missing, not a regular file or outside
    ``data_dir`` (never read then)."""
    outside = find_path_outside(data_dir, file)
    if outside is not None:
        leads = "" if str(outside) == file else f", which leads to {show(str(outside))}"
        found = f"{show(file)}{leads}, outside the data directory"
        problems.append(Problem(label, line, "file", found, f"a path inside the data directory {data_dir}"))
        return None
    kind = file_kind(data_dir / file)
    if kind is None:
        problems.append(Problem(label, line, "file", show(file), f"an existing file under {data_dir}"))
        return None
    if kind != REGULAR_FILE:
        problems.append(Problem(label, line, "file", f"{show(file)} ({kind})", f"a regular file under {data_dir}"))
        return None
    return (data_dir / file).read_bytes()


def _check_digest(label: str, line: int, file: str, digest, actual: str, problems: list[Problem]) -> None:
    if pd.isna(digest):
        problems.append(Problem(label, line, "sha256", "an empty cell", f"the raw file's sha256 {actual}"))
    elif str(digest) != actual:
        problems.append(
            Problem(
                label, line, "sha256", show(digest), f"{actual} (the sha256 of {file}; raw files must not be edited)"
            )
        )


def _squash(text: str) -> str:
    """
    >>> _squash(" a  b\\n c ")
    'a b c'
    """
    return " ".join(text.split())


def check_quotes(read: TableRead, texts: dict[str, str], problems: list[Problem]) -> None:
    """Each quote occurs in its source's raw text, exactly or after collapsing runs of white space."""
    df = read.frame
    squashed: dict[str, str] = {}
    for row in range(len(df)):
        sid, quote = df.at[row, "source_id"], df.at[row, "quote"]
        if pd.isna(sid) or pd.isna(quote) or str(sid) not in texts:
            continue
        text, quote = texts[str(sid)], str(quote)
        if quote in text:
            continue
        if str(sid) not in squashed:
            squashed[str(sid)] = _squash(text)
        if _squash(quote) in squashed[str(sid)]:
            continue
        problems.append(
            Problem(read.label, read.line(row), "quote", show(quote), f"a verbatim passage of source {sid}")
        )
