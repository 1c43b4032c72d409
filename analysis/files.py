"""Light file helpers (no pandas): atomic writes, and the data directory's fingerprint."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from analysis import paths


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def fingerprint_data_dir(data_dir: Path | str | None = None) -> str:
    """SHA-256 over every CSV file and raw file of ``data_dir``, sorted by relative path.

    Names and contents both count, so adding, renaming or editing a file
    changes the fingerprint.
    """
    root = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    files = [p for p in root.glob("*.csv") if p.is_file()]
    raw = root / "raw"
    if raw.is_dir():
        files += [p for p in raw.rglob("*") if p.is_file()]
    digest = hashlib.sha256()
    for p in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(p.relative_to(root).as_posix().encode() + b"\0")
        with open(p, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()
