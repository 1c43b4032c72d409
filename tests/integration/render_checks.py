"""What the bad-input and fault tests check after a render: the CLI to run, file snapshots, leftovers."""

from __future__ import annotations

import sys
from pathlib import Path

INCIDENTS = Path(sys.executable).with_name("incidents")
CLI = [str(INCIDENTS)] if INCIDENTS.exists() else [sys.executable, "-m", "analysis"]
"""The real ``incidents`` command of this environment."""


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (but the lock file, rewritten by every attempt) with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".render.lock"
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary files a render must never leave behind: ``*.tmp`` and executed notebooks in ``.work/``."""
    found = list(folder.rglob("*.tmp")) + list(folder.glob(".work/*.ipynb"))
    return sorted(str(p.relative_to(folder)) for p in found)
