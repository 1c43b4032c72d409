"""The ``incidents`` command line (also ``python -m analysis``).

Exit codes: 0 success; 1 a report job failed; 2 bad data, parameters or
arguments; 3 another render is running; 130 interrupted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from analysis import __version__, paths


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incidents", description="Validate the incident table and render the reports."
    )
    parser.add_argument("--version", action="version", version=f"incident-reports {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = sub.add_parser(
        "validate",
        help="check a data directory; print FILE:LINE: COLUMN: problems; exit 2 when any",
        description="Check every file of a data directory against the schema and each other.",
    )
    validate.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=None,
        metavar="DATA_DIR",
        help=f"data directory (default: the bundled data, {paths.DATA_DIR})",
    )

    render = sub.add_parser(
        "render",
        help="render the report jobs of reports.toml to HTML",
        description="Execute the report notebooks with papermill and export offline HTML, skipping unchanged jobs.",
    )
    render.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="data directory (default: the bundled data)"
    )
    render.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help=f"output directory (default: {paths.REPORTS_DIR})"
    )
    render.add_argument("--config", type=Path, default=None, metavar="TOML", help="jobs file (default: reports.toml)")
    render.add_argument(
        "--job", action="append", default=None, metavar="NAME", help="render only this job (repeatable)"
    )
    render.add_argument("--force", action="store_true", help="render every job even when nothing changed")
    render.add_argument(
        "--self-contained", action="store_true", help="inline plotly.js into each report (for mailing one file)"
    )
    render.add_argument(
        "--workers", type=int, default=None, metavar="N", help="parallel worker processes (default: CPU count)"
    )
    render.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="reference date for relative periods such as 'last 8 weeks' (default: today)",
    )
    render.add_argument(
        "--no-progress", action="store_true", help="no progress bar (one line per job is still printed)"
    )

    export = sub.add_parser(
        "export",
        help="write a validated table to CSV with spreadsheet formulas neutralised",
        description="Write one validated table to CSV; cells starting with =, +, -, @ get a leading quote.",
    )
    export.add_argument(
        "table",
        choices=["incidents", "sources", "places", "evidence", "context", "reported_totals"],
        help="which table to export",
    )
    export.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="data directory (default: the bundled data)"
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="CSV file to write")

    codebook = sub.add_parser(
        "codebook",
        help="regenerate the column tables of data/CODEBOOK.md and the figures of README.md",
        description="Rewrite the generated blocks of CODEBOOK.md from analysis/schema.py.",
    )
    codebook.add_argument("--check", action="store_true", help="only check; exit 1 when the codebook is out of date")
    codebook.add_argument("path", nargs="?", type=Path, default=None, help="codebook file (default: data/CODEBOOK.md)")
    return parser


def _run_validate(args) -> int:
    from analysis.data.validate import run_validate

    return run_validate(args.data_dir)


def _run_render(args) -> int:
    from analysis.render.batch import EXIT_BAD_INPUT, EXIT_INTERRUPTED, RenderError, render_jobs
    from analysis.render.jobs import JobConfigError, read_jobs

    try:
        jobs = read_jobs(args.config, today=args.today)
        all_names = [j.name for j in jobs]
        if args.job:
            unknown = sorted(set(args.job) - {j.name for j in jobs})
            if unknown:
                raise JobConfigError(
                    f"--job: found {', '.join(unknown)}, expected one of {', '.join(j.name for j in jobs)}"
                )
            jobs = [j for j in jobs if j.name in args.job]
        if args.self_contained and len(jobs) > 1 and not args.job:
            print("note: --self-contained inlines plotly.js (~4.8 MB) into every report", file=sys.stderr)
        summary = render_jobs(
            jobs,
            args.data,
            args.out,
            force=args.force,
            self_contained=args.self_contained,
            workers=args.workers,
            progress=not args.no_progress,
            index_names=all_names,
        )
    except JobConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RenderError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted: the index lists what was not rendered", file=sys.stderr)
        return EXIT_INTERRUPTED
    counts = {}
    for result in summary.results:
        counts[result.status] = counts.get(result.status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + f"; index: {summary.index_path}")
    return summary.exit_code


def _run_export(args) -> int:
    from analysis.data.export_csv import write_csv_safely
    from analysis.data.problems import DataValidationError
    from analysis.data.read import load_dataset
    from analysis.files import OutputTargetError

    try:
        dataset = load_dataset(args.data)
    except DataValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): nothing was exported", file=sys.stderr)
        return 2
    table = getattr(dataset, args.table)
    try:
        write_csv_safely(table, args.out)
    except OutputTargetError as exc:
        print(f"error: {exc}; nothing was exported", file=sys.stderr)
        return 2
    print(f"{args.out}: {len(table)} rows of {args.table}")
    return 0


def _run_codebook(args) -> int:
    from analysis.codebook import check_codebook, readme_blocks, update_codebook
    from analysis.data.read import load_dataset

    codebook = args.path or paths.DATA_DIR / "CODEBOOK.md"
    readme = paths.PROJECT_DIR / "README.md"
    documents = [(codebook, None), (readme, readme_blocks(load_dataset()))]
    if args.check:
        problems = [p for path, blocks in documents for p in check_codebook(path, blocks)]
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path, blocks in documents:
        print(f"{path}: {'updated' if update_codebook(path, blocks) else 'already up to date'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _build_parser().parse_args(argv)
    runner = {"validate": _run_validate, "render": _run_render, "export": _run_export, "codebook": _run_codebook}[
        args.command
    ]
    try:
        return runner(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so in one line, not a traceback
        print(
            f"internal error ({type(exc).__name__}): {exc}; please report it with the command you ran", file=sys.stderr
        )
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
