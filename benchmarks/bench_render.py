"""Render benchmark: the user's naive loop against `incidents render`, in one run.

On the standard batch (every job of reports.toml, bundled data):

(a) naive: for each job, sequentially, the `papermill` CLI (parameters from a
    YAML file, as the CLI's -p would coerce types) then
    `jupyter nbconvert --to html --no-input`;
(b) `incidents render --force` into a fresh folder;
(c) `incidents render` again with nothing changed;
(d) side by side, alternating, three times each: a cold single report
    (`incidents render --job overview --force` into a fresh folder) and an
    empty notebook's papermill run in the same process set-up (a fresh Python
    process that imports papermill, starts a kernel and runs a notebook of one
    empty cell): what the renderer adds to papermill's floor.

Then, on 100k synthetic incidents (benchmarks/synth.py, cached), every job of
reports.toml rendered cold with `--today` the day after the latest incident
(so the rolling "last 8 weeks" job has data, the largest case): the size of
every report, and the wall time of the batch per job.

Prints per-step seconds and exactly:
  RESULT render_vs_naive <b/a>        goal <= 0.15
  RESULT rerender_vs_cold <c/b>       goal <= 0.03
  RESULT render_cold_vs_empty_notebook <d: median report / median empty run>  goal <= 1.5
  RESULT report_html_kb_max <KB>      goal <= 300 (largest report, shared assets excluded)
  RESULT report_kb_at_100k <KB>       goal <= 300 (largest report from 100k incidents)
  RESULT render_s_per_job_100k <s>    (wall time of the 100k batch / jobs)
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

from analysis.paths import PROJECT_DIR as ROOT
from analysis.render.jobs import read_jobs

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write_synthetic_dir  # benchmarks/ is not a package

BIN = Path(sys.executable).parent
LARGE_ROWS = 100_000


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


EMPTY_RUN = """\
import sys
import nbformat
import papermill

nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
nbformat.write(nb, sys.argv[1])
papermill.execute_notebook(sys.argv[1], sys.argv[2], kernel_name="python3", progress_bar=False)
"""


def time_cold_against_empty(work: Path, today: str, repeats: int = 3) -> tuple[float, float]:
    """Medians of (a cold single report, an empty notebook's papermill run), measured alternately."""
    cold, empty = [], []
    for i in range(repeats):
        out = work / f"cold-{i}"
        cold.append(
            run(
                [str(BIN / "incidents"), "render", "--job", "overview", "--force", "--out", str(out)]
                + ["--no-progress", "--today", today]
            )
        )
        empty.append(run([sys.executable, "-c", EMPTY_RUN, str(work / "empty.ipynb"), str(work / f"empty-{i}.ipynb")]))
        print(f"  cold overview {cold[-1]:6.2f} s   empty notebook {empty[-1]:6.2f} s")
    return statistics.median(cold), statistics.median(empty)


def print_phases(today: str) -> None:
    """Where a cold single report's time goes: `incidents render --job overview --force` run in this process,
    each phase timed as it ends (the worker is forked, so its phases print from its own pid)."""
    started = time.perf_counter()

    def stamp(what: str, seconds: float) -> None:
        print(f"  {time.perf_counter() - started:7.2f} s  [{os.getpid()}] {what}: {seconds:.3f} s", flush=True)

    def timed(owner, name: str, what: str) -> None:
        function = getattr(owner, name, None)
        if function is None:  # a phase of another version of the renderer (this script also times older ones)
            return

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                stamp(what, time.perf_counter() - begun)

        setattr(owner, name, wrapper)

    begun = time.perf_counter()
    from analysis import cli
    from analysis.render import batch, html_export, worker

    stamp("imports of the CLI and the renderer (parent)", time.perf_counter() - begun)

    def time_papermill() -> None:
        """In the worker, once it has imported papermill (the parent imports it later, as the CLI does)."""
        import papermill.engines
        from papermill import execute

        for owner, name, what in [
            (papermill.engines.NBClientEngine, "execute_managed_notebook", "the cells (and a kernel start if none)"),
            (papermill.engines.NotebookExecutionManager, "save", "  a save of the executed notebook"),
            (execute, "write_ipynb", "papermill's last write"),
        ]:
            timed(owner, name, what)

    init_worker = worker._init_worker

    def init_then_time_papermill(*args, **kwargs):
        init_worker(*args, **kwargs)
        time_papermill()

    worker._init_worker = init_then_time_papermill
    for owner, name, what in [
        (batch, "_start_pool", "papermill import, then the fork of the workers (parent)"),
        (batch, "check_data", "validate and load the data (parent)"),
        (batch, "prepare_jobs", "check the parameters (parent)"),
        (worker, "_init_worker", "worker start: kernel launch, papermill import, warm-up imports (worker)"),
        (worker, "_run_silently", "  code run in the kernel: warm-up imports or %reset -f (worker)"),
        (worker, "_take_kernel", "kernel taken for the job (worker)"),
        (worker, "_reset_kept_kernel", "%reset -f after the job, new client's ready-wait (worker; until session 7)"),
        (html_export, "write_report", "HTML export (worker)"),
        (batch, "write_companions", "cards, sources, methodology, exports (parent, while the job runs)"),
        (batch, "write_index", "index (parent)"),
    ]:
        timed(owner, name, what)
    with tempfile.TemporaryDirectory(prefix="bench-render-phases-") as tmp:
        cli.main(
            [
                "render",
                "--job",
                "overview",
                "--force",
                "--out",
                str(Path(tmp) / "out"),
                "--no-progress",
                "--today",
                today,
            ]
        )
    stamp("whole render", time.perf_counter() - started)


def compare_with(other: Path, today: str, repeats: int = 3) -> None:
    """Side by side, alternating: this checkout's `incidents render` and another checkout's (its own `.venv`),
    a cold single report and the whole batch, plus an empty notebook's papermill run; medians and their ratios.
    On a busy machine the ratios of one such run hold better than seconds taken at different times."""
    theirs = Path(other).resolve() / ".venv" / "bin" / "incidents"
    commands = {"this": BIN / "incidents", "other": theirs}
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-render-compare-") as tmp:
        work = Path(tmp)
        for i in range(repeats):
            for who, incidents in commands.items():
                for what, extra in (("single", ["--job", "overview"]), ("batch", [])):
                    out = work / f"{who}-{what}-{i}"
                    seconds = run(
                        [str(incidents), "render", "--force", "--out", str(out), "--no-progress", "--today", today]
                        + extra
                    )
                    times.setdefault(f"{who} {what}", []).append(seconds)
            empty = run([sys.executable, "-c", EMPTY_RUN, str(work / "empty.ipynb"), str(work / f"empty-{i}.ipynb")])
            times.setdefault("empty notebook", []).append(empty)
            print("  " + "   ".join(f"{k} {v[-1]:6.2f} s" for k, v in times.items()), flush=True)
    median = {k: statistics.median(v) for k, v in times.items()}
    for what in ("single", "batch"):
        print(
            f"{what}: this {median[f'this {what}']:.2f} s, {other} {median[f'other {what}']:.2f} s, ratio "
            f"{median[f'this {what}'] / median[f'other {what}']:.3f}"
        )
    print(
        f"cold single report / empty notebook: this {median['this single'] / median['empty notebook']:.2f}, "
        f"{other} {median['other single'] / median['empty notebook']:.2f}"
    )


def reports_in(out: Path) -> list[Path]:
    """The report pages of a render output folder (the index excluded)."""
    return sorted(p for p in out.glob("*.html") if p.name != "index.html")


def measure_large_batch(rows: int = LARGE_ROWS) -> tuple[float, float]:
    """Render every job from ``rows`` synthetic incidents; return (largest report KB, seconds per job)."""
    data = write_synthetic_dir(rows)
    latest = pd.read_csv(data / "incidents.csv", usecols=["event_date"])["event_date"].max()
    today = (dt.date.fromisoformat(latest) + dt.timedelta(days=1)).isoformat()
    jobs = read_jobs(ROOT / "reports.toml", today=dt.date.fromisoformat(today))
    with tempfile.TemporaryDirectory(prefix="bench-render-large-") as tmp:
        out = Path(tmp) / "out"
        seconds = run(
            [str(BIN / "incidents"), "render", "--data", str(data), "--out", str(out), "--force"]
            + ["--no-progress", "--today", today]
        )
        print(f"{rows:,} synthetic incidents, {len(jobs)} jobs, --today {today}: {seconds:.1f} s")
        for report in reports_in(out):
            print(f"  {report.name:<28} {report.stat().st_size / 1024:7.0f} KB")
        largest = max(p.stat().st_size for p in reports_in(out)) / 1024
    return largest, seconds / len(jobs)


def run_standard_batch(today: str) -> None:
    """The bundled data: naive loop, cold render, warm render, largest report."""
    jobs = read_jobs(ROOT / "reports.toml", today=dt.date.fromisoformat(today))
    with tempfile.TemporaryDirectory(prefix="bench-render-") as tmp:
        tmp = Path(tmp)
        (tmp / "naive").mkdir()
        print(f"{len(jobs)} jobs from reports.toml")
        naive = time_naive(jobs, tmp / "naive")
        out = tmp / "out"
        render = [str(BIN / "incidents"), "render", "--out", str(out), "--no-progress", "--today", today]
        cold = run(render + ["--force"])
        warm = run(render)
        reports = reports_in(out)
        largest = max(reports, key=lambda p: p.stat().st_size)
        naive_largest = max((tmp / "naive").glob("*.html"), key=lambda p: p.stat().st_size)
        print(f"(a) naive papermill + nbconvert CLI loop: {naive:7.2f} s")
        print(f"(b) incidents render --force:            {cold:7.2f} s")
        print(f"(c) incidents render, nothing changed:   {warm:7.2f} s")
        print(
            f"largest report: {largest.name} {largest.stat().st_size / 1024:.0f} KB "
            f"(naive nbconvert HTML of the same batch: up to {naive_largest.stat().st_size / 1024:.0f} KB)"
        )
        print("(d) a cold single report against an empty notebook's papermill run:")
        single, empty = time_cold_against_empty(tmp, today)
        print(f"RESULT render_vs_naive {cold / naive:.3f}")
        print(f"RESULT rerender_vs_cold {warm / cold:.3f}")
        print(f"RESULT report_html_kb_max {largest.stat().st_size / 1024:.0f}")
        print(f"RESULT render_cold_vs_empty_notebook {single / empty:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", default=dt.date.today().isoformat(), help="reference date for relative periods")
    parser.add_argument(
        "--only-large", action="store_true", help=f"only the {LARGE_ROWS:,}-incident batch (skip the naive loop)"
    )
    parser.add_argument("--phases", action="store_true", help="only time the phases of one cold single report")
    parser.add_argument("--no-large", action="store_true", help=f"skip the {LARGE_ROWS:,}-incident batch")
    parser.add_argument(
        "--against", type=Path, metavar="CHECKOUT", help="only compare, alternating, with another checkout's render"
    )
    args = parser.parse_args()
    if args.against:
        compare_with(args.against, args.today)
        return 0
    if args.phases:
        print_phases(args.today)
        return 0
    if not args.only_large:
        run_standard_batch(args.today)
    if args.no_large:
        return 0
    largest_kb, per_job = measure_large_batch()
    print(f"RESULT report_kb_at_100k {largest_kb:.0f}")
    print(f"RESULT render_s_per_job_100k {per_job:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
