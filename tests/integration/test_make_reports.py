"""``make reports DATA=DIR OUT=DIR ARGS=...`` hands its folders and arguments to ``incidents render``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import paths

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def test_make_reports_passes_data_out_and_args_through(tmp_path):
    data, out = tmp_path / "my data", tmp_path / "my reports"
    data.mkdir()
    # BIN: this environment's commands; STAMP empty: no (re)install of .venv from the test
    make = ["make", "-s", "--no-print-directory", "-C", str(paths.PROJECT_DIR), "reports"]
    variables = [f"BIN={Path(sys.executable).parent}", "STAMP=", f"DATA={data}", f"OUT={out}", "ARGS=--job overview"]
    run = subprocess.run([*make, *variables], capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "reports] Error 2" in run.stderr, run.stderr  # the render's exit 2: bad data
    assert f"{data}/incidents.csv" in run.stderr and "no report was rendered" in run.stderr
    assert out.is_dir() and not list(out.glob("*.html")), "the output folder is the one given, and stays empty"
    bad_job = subprocess.run([*make, *variables[:-1], "ARGS=--job nonesuch"], capture_output=True, text=True)
    assert "--job: found nonesuch" in bad_job.stderr
