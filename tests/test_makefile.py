"""`make lab` passes --allow-root to JupyterLab only when run as root (Lab refuses root without it)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from analysis import paths


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("uid", ["0", "1000"])
def test_make_lab_allows_root_only_for_root(tmp_path, uid):
    fake_id = tmp_path / "id"  # `id -u` answers as root or as a user, whoever runs the test
    fake_id.write_text(f"#!/bin/sh\necho {uid}\n")
    fake_id.chmod(0o755)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(
        ["make", "-n", "lab"], cwd=paths.PROJECT_DIR, env=env, capture_output=True, text=True, check=True
    )
    lab = [line for line in result.stdout.splitlines() if "jupyter lab" in line]
    assert len(lab) == 1, result.stdout
    assert ("--allow-root" in lab[0]) == (uid == "0")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("target", ["test", "unit"])
def test_make_test_writes_bytecode_once_for_every_process_it_starts(target):
    """Each pytest call clears PYTHONDONTWRITEBYTECODE: when the caller's environment sets it, every xdist worker,
    `incidents` command and kernel of the run compiled the same sources again."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    result = subprocess.run(
        ["make", "-n", target], cwd=paths.PROJECT_DIR, env=env, capture_output=True, text=True, check=True
    )
    runs = [line for line in result.stdout.splitlines() if "/pytest " in line]
    assert runs, result.stdout
    assert all(line.startswith("PYTHONDONTWRITEBYTECODE= ") for line in runs), runs
