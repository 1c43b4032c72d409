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
from analysis.commands.articles import add_article_parsers, run_article_command
from analysis.commands.reading import add_wait_for_data_option
from analysis.commands.tables import add_table_parsers, run_export, run_validate
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


def _build_parser(with_import_formats: bool = True) -> argparse.ArgumentParser:
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

    add_table_parsers(sub, common)

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
    add_wait_for_data_option(render, "--data")

    _add_import_parser(sub, common, with_import_formats)
    add_article_parsers(sub, common)

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


def _add_import_parser(sub, common: argparse.ArgumentParser, with_formats: bool) -> None:
    """``incidents import FORMAT FILE --out DIR``: one sub-command per importer of the registry.

    The importers (and pandas with them) are loaded only when the command is ``import``
    (``with_formats``), so the other commands start without them.
    """
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="turn an ACLED export, a UCDP GED file or a tracker spreadsheet into a data directory",
        description="Write (or update) a data directory from another dataset; nothing is written when a row "
        f"cannot be mapped (FILE:LINE: COLUMN messages, exit {EXIT['bad_input']}).",
    )
    kinds = imp.add_subparsers(dest="source_format", metavar="FORMAT", required=True)
    if not with_formats:
        return
    from analysis.imports.registry import list_importers

    for importer in list_importers():
        p = kinds.add_parser(
            importer.name, parents=[common], help=importer.help, description=importer.description or importer.help
        )
        p.add_argument("file", type=Path, metavar="FILE")
        p.add_argument(
            "--out",
            type=Path,
            default=None,
            required=importer.answer is None,
            metavar="DIR",
            help="data directory to write or update",
        )
        for option in importer.options:
            p.add_argument(option.flag, **option.argparse_keywords())


def _asks_for_import(argv: list[str]) -> bool:
    """Whether the command (the first word that is not an option) is ``import``.

    >>> _asks_for_import(["--debug", "import", "FORMAT"]), _asks_for_import(["render", "--data", "import"])
    (True, False)
    """
    return next((word for word in argv if not word.startswith("-")), None) == "import"


def _run_import(args) -> int:
    from analysis.imports.contract import ImportRejected, ImportUsageError
    from analysis.imports.output_folder import OutputFolderError
    from analysis.imports.registry import find_importer
    from analysis.imports.writer import write_import

    importer = find_importer(args.source_format)
    options = vars(args)
    try:
        answer = importer.answer(args.file, options) if importer.answer else None
        if answer is not None:
            print(answer, end="")
            return EXIT["ok"]
        if args.out is None:
            raise ImportUsageError(f"import {importer.name} needs --out DIR")
        imported = importer.run(args.file, options)
        lines = write_import(imported, args.out)
    except ImportUsageError as exc:
        log.error("error: %s", exc)
        return EXIT["bad_input"]
    except OutputFolderError as exc:
        log.error("error: %s", exc)
        return exc.exit_code
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


def _override_arguments(args) -> list[tuple[str, str, str]]:
    """``(flag, name, text)`` for ``--start``, ``--end`` and each ``--param NAME=VALUE``, in that order."""
    from analysis.render.jobs import parse_override

    overrides = [(flag, name, getattr(args, name)) for flag, name in (("--start", "start"), ("--end", "end"))]
    overrides = [o for o in overrides if o[2] is not None]
    return overrides + [("--param", *parse_override(text)) for text in args.param or []]


GENERIC_JOBS = paths.PROJECT_DIR / "reports-any-data.toml"
"""The jobs of ``render --data DIR`` for an imported DIR without a reports.toml: periods relative to the data."""


def _jobs_file_for(data_dir: Path | None) -> Path | None:
    """The jobs file of ``render --data DIR`` without ``--config``: DIR's own ``reports.toml``; for a
    directory written by ``incidents import`` without one, :data:`GENERIC_JOBS`; else the project's."""
    from analysis.imports.contract import IMPORT_LOG_FILE

    if data_dir is None:
        return None
    if (Path(data_dir) / "reports.toml").is_file():
        return Path(data_dir) / "reports.toml"
    if (Path(data_dir) / IMPORT_LOG_FILE).is_file():
        log.info(
            "note: %s was imported and has no reports.toml: rendering %s (periods relative to the data)",
            data_dir,
            GENERIC_JOBS.name,
        )
        return GENERIC_JOBS
    return None


def _data_span(data_dir: Path | None) -> tuple[dt.date, dt.date] | None:
    """The first and last ``event_date`` of the data's incidents (``None`` when there are none)."""
    import pyarrow.compute as pc
    import pyarrow.csv as pv

    path = Path(data_dir or paths.DATA_DIR) / schema.INCIDENTS.file
    options = pv.ConvertOptions(include_columns=["event_date"], column_types={"event_date": "date32"})
    dates = pv.read_csv(path, convert_options=options).column("event_date")
    span = pc.min_max(dates).as_py()
    return None if span["min"] is None else (span["min"], span["max"])


def _render_from_args(args):
    """The jobs the arguments ask for, rendered (:func:`analysis.render.batch.render_jobs`)."""
    from analysis.render.batch import render_jobs
    from analysis.render.jobs import JobConfigError, apply_overrides, read_declared_by_notebook, read_jobs

    config = args.config or _jobs_file_for(args.data)
    jobs = read_jobs(config, today=args.today, data_span=lambda: _data_span(args.data))
    all_names = [j.name for j in jobs]
    if args.job:
        unknown = sorted(set(args.job) - {j.name for j in jobs})
        if unknown:
            known = ", ".join(j.name for j in jobs)
            raise JobConfigError(f"--job: found {', '.join(unknown)}, expected one of {known}")
        jobs = [j for j in jobs if j.name in args.job]
    overrides = _override_arguments(args)
    if overrides:
        declared = read_declared_by_notebook(jobs)
        jobs = apply_overrides(jobs, overrides, args.today or dt.date.today(), declared)
    if args.self_contained and len(jobs) > 1 and not args.job:
        log.warning("note: --self-contained inlines plotly.js (~4.8 MB) into every report")
    return render_jobs(
        jobs,
        args.data,
        args.out,
        force=args.force,
        self_contained=args.self_contained,
        workers=args.workers,
        progress=not args.no_progress,
        index_names=all_names,
        data_wait_seconds=args.wait_for_data,
    )


def _run_render(args) -> int:
    from analysis.render.batch import RenderError
    from analysis.render.jobs import JobConfigError
    from analysis.render.state import hold_data_for_reading

    try:
        with hold_data_for_reading(Path(args.data or paths.DATA_DIR), args.wait_for_data):
            summary = _render_from_args(args)
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


IRI_GRAMMARS = "rfc3987_syntax"
"""jsonschema (under nbformat, so papermill and nbconvert) compiles about 40 lark grammars when it imports this
optional package, which JupyterLab's jupyter-events brings along: about 2.4 s of CPU in the render and in each of
its workers, for the IRI format checks that notebook validation never uses. The command line declares it absent,
so jsonschema skips those two formats in its processes (a notebook kernel, or JupyterLab itself, is unaffected)."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    sys.modules.setdefault(IRI_GRAMMARS, None)  # an import of it now raises ImportError, which jsonschema expects
    argv = sys.argv[1:] if argv is None else argv
    args = _build_parser(with_import_formats=_asks_for_import(argv)).parse_args(argv)
    debug = getattr(args, "debug", False) or os.environ.get(DEBUG_ENV, "") not in {"", "0"}
    configure_logging(debug)
    runner = {
        "validate": run_validate,
        "render": _run_render,
        "export": run_export,
        "codebook": _run_codebook,
        "import": _run_import,
        "add-source": run_article_command,
        "extract": run_article_command,
        "review": run_article_command,
        "merge": run_article_command,
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
