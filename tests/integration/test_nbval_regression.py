"""The stored notebooks are a real regression test: one changed figure makes nbval fail."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys

from analysis import paths


def _run_nbval(data_dir, notebook="overview.ipynb"):
    env = {**os.environ, "INCIDENTS_DATA_DIR": str(data_dir)}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-o",
        "addopts=",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-sanitize-with",
        str(paths.NOTEBOOKS_DIR / "nbval-sanitize.cfg"),
        str(paths.NOTEBOOKS_DIR / notebook),
    ]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=paths.PROJECT_DIR, timeout=300)


def _change_one_figure(data_dir, incident_id, column, value):
    path = data_dir / "incidents.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    (row,) = [r for r in rows if r["incident_id"] == incident_id]
    assert row[column] != value
    row[column] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_nbval_passes_on_an_unchanged_copy_and_fails_when_one_casualty_figure_changes(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, copy)
    unchanged = _run_nbval(copy)
    assert unchanged.returncode == 0, unchanged.stdout[-3000:]

    # The 2024-08-05 Al-Asad attack: "several" injured is coded >=2; make it >=3.
    _change_one_figure(copy, "IRQ-20240805-ASAD", "us_injured_min", "3")
    changed = _run_nbval(copy)
    assert changed.returncode == 1, changed.stdout[-3000:]
    assert "NBVAL" in changed.stdout or "mismatch" in changed.stdout.lower()
    assert "at least 3" in changed.stdout  # the new figure is what differs


def test_stored_notebooks_hold_no_warning_or_error_output():
    """A warning stored in a golden (it names the machine's paths) breaks nbval on every other machine."""
    import nbformat

    for notebook in sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb")):
        nb = nbformat.read(notebook, as_version=4)
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                is_stderr = output.get("output_type") == "stream" and output.get("name") == "stderr"
                assert not is_stderr and output.get("output_type") != "error", f"{notebook.name} cell {index}: {output}"
