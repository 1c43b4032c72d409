"""Render benchmark: the user's naive loop against `incidents render`, in one run.

On the standard batch (every job of reports.toml, bundled data):

(a) naive: for each job, sequentially, the `papermill` CLI (parameters from a
    YAML file, as the CLI's -p would coerce types) then
    `jupyter nbconvert --to html --no-input`;
(b) `incidents render --force` into a fresh folder;
(c) `incidents render` again with nothing changed.

Prints per-step seconds and exactly:
  RESULT render_vs_naive <b/a>        goal <= 0.25
  RESULT rerender_vs_cold <c/b>       goal <= 0.03
  RESULT report_html_kb_max <KB>      goal <= 300 (largest report, shared assets excluded)
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from analysis.paths import PROJECT_DIR as ROOT
from analysis.render.jobs import read_jobs

BIN = Path(sys.executable).parent


def run(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - started


def time_naive(jobs, work: Path) -> float:
    total = 0.0
    for job in jobs:
        params = work / f"{job.name}.yaml"
        params.write_text(yaml.safe_dump({**job.parameters, "data_dir": str(ROOT / "data")}))
        executed = work / f"{job.name}.ipynb"
        seconds = run(
            [str(BIN / "papermill"), str(job.notebook), str(executed), "-f", str(params), "--no-progress-bar"]
        )
        seconds += run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed), "--output-dir", str(work)]
        )
        print(f"  naive {job.name:<20} {seconds:6.2f} s")
        total += seconds
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default=dt.date.today().isoformat(), help="reference date for relative periods")
    args = parser.parse_args()
    jobs = read_jobs(ROOT / "reports.toml", today=dt.date.fromisoformat(args.today))
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        tmp = Path(tmp)
        (tmp / "naive").mkdir()
        print(f"{len(jobs)} jobs from reports.toml")
        naive = time_naive(jobs, tmp / "naive")
        out = tmp / "out"
        render = [str(BIN / "incidents"), "render", "--out", str(out), "--no-progress", "--today", args.today]
        cold = run(render + ["--force"])
        warm = run(render)
        reports = [p for p in out.glob("*.html") if p.name != "index.html"]
        largest = max(reports, key=lambda p: p.stat().st_size)
        naive_largest = max((tmp / "naive").glob("*.html"), key=lambda p: p.stat().st_size)
        print(f"(a) naive papermill + nbconvert CLI loop: {naive:7.2f} s")
        print(f"(b) incidents render --force:            {cold:7.2f} s")
        print(f"(c) incidents render, nothing changed:   {warm:7.2f} s")
        print(
            f"largest report: {largest.name} {largest.stat().st_size / 1024:.0f} KB "
            f"(naive nbconvert HTML of the same batch: up to {naive_largest.stat().st_size / 1024:.0f} KB)"
        )
        print(f"RESULT render_vs_naive {cold / naive:.3f}")
        print(f"RESULT rerender_vs_cold {warm / cold:.3f}")
        print(f"RESULT report_html_kb_max {largest.stat().st_size / 1024:.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
