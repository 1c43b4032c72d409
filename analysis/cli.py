"""The ``incidents`` command line (also ``python -m analysis``).

Exit codes: :data:`analysis.schema.EXIT_CODES` (the README's table is generated
from it). Messages go to stderr through the ``analysis`` logger, one plain line
each; ``--debug`` (or ``INCIDENTS_DEBUG=1``) adds the traceback of an internal
error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from pathlib import Path

from analysis import __version__, paths, schema
from analysis.schema import EXIT

log = logging.getLogger("analysis")
DEBUG_ENV = "INCIDENTS_DEBUG"


def _positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"found {text!r}, expected a whole number of at least 1") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"found {value}, expected a whole number of at least 1")
    return value


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="incidents", description="Validate the incident table and render the reports."
    )
    parser.add_argument("--version", action="version", version=f"incident-reports {__version__}")
    debug_help = f"on an internal error, print the traceback too (or set {DEBUG_ENV}=1)"
    parser.add_argument("--debug", action="store_true", help=debug_help)
    # also after the command (`incidents render --debug`); SUPPRESS keeps the subcommand from resetting it
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=debug_help)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = sub.add_parser(
        "validate",
        parents=[common],
        help=f"check a data directory; print FILE:LINE: COLUMN: problems; exit {EXIT['bad_input']} when any",
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
        parents=[common],
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
    render.add_argument(
        "--start",
        default=None,
        metavar="DATE",
        help="first day of every selected job's period: YYYY-MM-DD, 'today' or 'last N days|weeks|months'",
    )
    render.add_argument(
        "--end", default=None, metavar="DATE", help="last day of every selected job's period (same forms as --start)"
    )
    render.add_argument(
        "--param",
        action="append",
        default=None,
        metavar="NAME=VALUE",
        help="set a notebook parameter of every selected job, checked like reports.toml "
        "(lists comma-separated: --param countries=Iraq,Syria; repeatable)",
    )
    render.add_argument("--force", action="store_true", help="render every job even when nothing changed")
    render.add_argument(
        "--self-contained", action="store_true", help="inline plotly.js into each report (for mailing one file)"
    )
    render.add_argument(
        "--workers",
        type=_positive_int,
        default=None,
        metavar="N",
        help="parallel worker processes (default: CPU count)",
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
        parents=[common],
        help="write a validated table to CSV with spreadsheet formulas neutralised",
        description="Write one validated table to CSV; cells starting with =, +, -, @ get a leading quote.",
    )
    export.add_argument(
        "table",
        choices=[t.name for t in schema.TABLES],
        help="which table to export",
    )
    export.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="data directory (default: the bundled data)"
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="CSV file to write")

    _add_import_parser(sub, common)

    codebook = sub.add_parser(
        "codebook",
        parents=[common],
        help="regenerate the column tables of data/CODEBOOK.md and the figures of README.md",
        description="Rewrite the generated blocks of CODEBOOK.md from analysis/schema.py.",
    )
    codebook.add_argument(
        "--check", action="store_true", help=f"only check; exit {EXIT['failed']} when the codebook is out of date"
    )
    codebook.add_argument("path", nargs="?", type=Path, default=None, help="codebook file (default: data/CODEBOOK.md)")
    return parser


def _add_import_parser(sub, common: argparse.ArgumentParser) -> None:
    """``incidents import acled|ucdp|csv FILE --out DIR``."""
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="turn an ACLED export, a UCDP GED file or a tracker spreadsheet into a data directory",
        description="Write (or update) a data directory from another dataset; nothing is written when a row "
        f"cannot be mapped (FILE:LINE: COLUMN messages, exit {EXIT['bad_input']}).",
    )
    kinds = imp.add_subparsers(dest="source_format", metavar="FORMAT", required=True)
    for name, what in (("acled", "an ACLED export CSV (current or older layout)"), ("ucdp", "a UCDP GED CSV")):
        p = kinds.add_parser(name, parents=[common], help=f"import {what}", description=f"Import {what}.")
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument("--out", type=Path, required=True, metavar="DIR", help="data directory to write or update")
        p.add_argument(
            "--mapping", type=Path, default=None, metavar="TOML", help="overrides: US forces' names, categories by id"
        )
        p.add_argument(
            "--skip-other-countries",
            action="store_true",
            help="leave out rows in countries outside the schema's list instead of stopping",
        )
    p = kinds.add_parser(
        "csv",
        parents=[common],
        help="import any tracker spreadsheet (CSV) through a mapping file",
        description="Import a CSV table through a mapping file (renames, value maps, constants, defaults); "
        "--suggest prints a starter mapping for the file.",
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--mapping", type=Path, default=None, metavar="TOML", help="the mapping file (required to import)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="data directory to write or update")
    p.add_argument("--suggest", action="store_true", help="print a starter mapping for FILE and write nothing")


def _run_import(args) -> int:
    from analysis.imports.source_file import ImportRejected
    from analysis.imports.writer import write_import

    try:
        if args.source_format == "csv":
            from analysis.imports.tracker import import_tracker, suggest_mapping

            if args.suggest:
                print(suggest_mapping(args.file), end="")
                return EXIT["ok"]
            if args.mapping is None or args.out is None:
                log.error("error: import csv needs --mapping TOML and --out DIR (or --suggest)")
                return EXIT["bad_input"]
            imported = import_tracker(args.file, args.mapping)
        elif args.source_format == "acled":
            from analysis.imports.acled import import_acled

            imported = import_acled(args.file, args.mapping, args.skip_other_countries)
        else:
            from analysis.imports.ucdp import import_ucdp

            imported = import_ucdp(args.file, args.mapping, args.skip_other_countries)
        lines = write_import(imported, args.out)
    except ImportRejected as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): nothing was written", file=sys.stderr)
        return EXIT["bad_input"]
    print(f"{imported.path}: {imported.kind}")
    for line in imported.mapped:
        print(f"  mapped: {line}")
    for line in imported.not_mapped:
        print(f"  not mapped: {line}")
    for line in lines:
        print(line)
    return EXIT["ok"]


def _run_validate(args) -> int:
    from analysis.data.validate import run_validate

    return run_validate(args.data_dir)


def _override_arguments(args) -> list[tuple[str, str, str]]:
    """``(flag, name, text)`` for ``--start``, ``--end`` and each ``--param NAME=VALUE``, in that order."""
    from analysis.render.jobs import parse_override

    overrides = [(flag, name, getattr(args, name)) for flag, name in (("--start", "start"), ("--end", "end"))]
    overrides = [o for o in overrides if o[2] is not None]
    return overrides + [("--param", *parse_override(text)) for text in args.param or []]


def _run_render(args) -> int:
    from analysis.render.batch import RenderError, render_jobs
    from analysis.render.jobs import JobConfigError, apply_overrides, read_declared_by_notebook, read_jobs

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
        overrides = _override_arguments(args)
        if overrides:
            declared = read_declared_by_notebook(jobs)
            jobs = apply_overrides(jobs, overrides, args.today or dt.date.today(), declared)
        if args.self_contained and len(jobs) > 1 and not args.job:
            log.warning("note: --self-contained inlines plotly.js (~4.8 MB) into every report")
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
        log.error("error: %s", exc)
        return EXIT["bad_input"]
    except RenderError as exc:
        log.error("error: %s", exc)
        return exc.exit_code
    except KeyboardInterrupt:
        log.error("interrupted: the index lists what was not rendered")
        return EXIT["interrupted"]
    counts: dict[str, int] = {}
    for result in summary.results:
        counts[result.shown_status] = counts.get(result.shown_status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) + f"; index: {summary.index_path}")
    if summary.exit_code == EXIT["cannot_write"]:
        log.error("error: %s; the reports already there were left as they were", summary.write_error)
    return summary.exit_code


def _run_export(args) -> int:
    from analysis.data.dataset import load_dataset
    from analysis.data.export_csv import write_csv_safely
    from analysis.data.problems import DataValidationError
    from analysis.files import OutputTargetError

    try:
        dataset = load_dataset(args.data)
    except DataValidationError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s): nothing was exported", file=sys.stderr)
        return EXIT["bad_input"]
    table = getattr(dataset, args.table)
    try:
        write_csv_safely(table, args.out)
    except OutputTargetError as exc:
        print(f"error: {exc}; nothing was exported", file=sys.stderr)
        return EXIT["bad_input"]
    print(f"{args.out}: {len(table)} rows of {args.table}")
    return EXIT["ok"]


def _run_codebook(args) -> int:
    from analysis.codebook import check_codebook, readme_blocks, update_codebook
    from analysis.data.dataset import load_dataset

    codebook = args.path or paths.DATA_DIR / "CODEBOOK.md"
    readme = paths.PROJECT_DIR / "README.md"
    documents = [(codebook, None), (readme, readme_blocks(load_dataset()))]
    if args.check:
        problems = [p for path, blocks in documents for p in check_codebook(path, blocks)]
        for problem in problems:
            print(problem)
        return EXIT["failed"] if problems else EXIT["ok"]
    for path, blocks in documents:
        print(f"{path}: {'updated' if update_codebook(path, blocks) else 'already up to date'}")
    return EXIT["ok"]


def configure_logging(debug: bool = False) -> None:
    """Messages of the ``analysis`` loggers go to stderr as plain lines (DEBUG and up with ``--debug``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.DEBUG if debug else logging.INFO)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _build_parser().parse_args(argv)
    debug = getattr(args, "debug", False) or os.environ.get(DEBUG_ENV, "") not in {"", "0"}
    configure_logging(debug)
    runner = {
        "validate": _run_validate,
        "render": _run_render,
        "export": _run_export,
        "codebook": _run_codebook,
        "import": _run_import,
    }[args.command]
    try:
        return runner(args)
    except KeyboardInterrupt:
        log.error("interrupted")
        return EXIT["interrupted"]
    except Exception as exc:  # a bug, not bad input: one line, and the traceback only when asked for
        hint = "" if debug else f" (--debug or {DEBUG_ENV}=1 shows the traceback)"
        log.error(
            "internal error (%s): %s; please report it with the command you ran%s",
            type(exc).__name__,
            exc,
            hint,
            exc_info=debug,
        )
        return EXIT["internal"]


if __name__ == "__main__":
    raise SystemExit(main())
