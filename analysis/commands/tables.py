"""``incidents validate`` and ``incidents export``: read a data directory's tables under its lock, shared."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths, schema
from analysis.commands.reading import add_wait_for_data_option, run_reading
from analysis.exit_codes import EXIT


def add_table_parsers(sub, common: argparse.ArgumentParser) -> None:
    """The ``validate`` and ``export`` sub-commands."""
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
    add_wait_for_data_option(validate, "DATA_DIR")

    export = sub.add_parser(
        "export",
        parents=[common],
        help="write a validated table to CSV with spreadsheet formulas neutralised",
        description="Write one validated table to CSV; cells starting with =, +, -, @ get a leading quote.",
    )
    export.add_argument("table", choices=[t.name for t in schema.TABLES], help="which table to export")
    export.add_argument(
        "--data", type=Path, default=None, metavar="DIR", help="data directory (default: the bundled data)"
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help="CSV file to write")
    add_wait_for_data_option(export, "--data")


def run_validate(args) -> int:
    """Validate ``args.data_dir`` under its lock; 0 when clean, 2 with problems, 3 when a writer holds it."""
    return run_reading([args.data_dir], args.wait_for_data, "nothing was validated", lambda: _validate(args))


def _validate(args) -> int:
    from analysis.data.validate import run_validate as validate

    return validate(args.data_dir)


def run_export(args) -> int:
    """Export one validated table of ``args.data`` to ``args.out`` under the data's lock."""
    return run_reading([args.data], args.wait_for_data, "nothing was exported", lambda: _export(args))


def _export(args) -> int:
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
