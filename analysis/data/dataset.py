"""The public loader: a whole data directory, validated once, as typed frames.

:func:`load_dataset` validates the directory (:func:`analysis.data.validate.validate_data_dir`, which reads
every file through :mod:`analysis.data.read`) and raises :class:`~analysis.data.problems.DataValidationError`
listing every problem when anything is wrong. Columns come in schema order, each with the pandas dtype of its
kind (:mod:`analysis.data.kinds`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths, schema
from analysis.data.claimed_coverage import build_coverage_rows
from analysis.data.kinds import dtype_of
from analysis.data.problems import DataValidationError
from analysis.data.validate import validate_data_dir


@dataclass(frozen=True)
class Dataset:
    """All tables of one data directory, validated together once."""

    data_dir: Path
    sources: pd.DataFrame
    places: pd.DataFrame
    incidents: pd.DataFrame
    evidence: pd.DataFrame
    context: pd.DataFrame
    reported_totals: pd.DataFrame
    coverage: pd.DataFrame
    """The periods the data claims to cover (``coverage.csv``); without that file, one row from the first to the
    last incident date (:func:`analysis.data.claimed_coverage.build_coverage_rows`)."""
    notes: tuple[str, ...] = ()

    def __repr__(self) -> str:
        """Row counts, date span, coverage claim and the largest reported total, not eight tables of text."""
        from analysis.reporting.dataset_summary import describe_dataset  # a view, loaded only when shown

        return describe_dataset(self)

    def _repr_html_(self) -> str:
        from analysis.reporting.dataset_summary import describe_dataset_html

        return describe_dataset_html(self)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate ``data_dir`` (default: the bundled ``data/``) and return every table typed."""
    report = validate_data_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.problems, report.data_dir)
    tables = {t.name: report.tables[t.name] if t.name in report.tables else empty_table(t.name) for t in schema.TABLES}
    if "coverage" not in report.tables:
        tables["coverage"] = build_coverage_rows(tables["incidents"])
    return Dataset(
        data_dir=Path(data_dir) if data_dir is not None else paths.DATA_DIR, notes=tuple(report.notes), **tables
    )


def load_incidents(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The incident table: one row per incident, columns of ``schema.INCIDENTS``."""
    return load_dataset(data_dir).incidents


def load_context(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Context events (columns of ``schema.CONTEXT``); empty when ``context.csv`` is absent."""
    return load_dataset(data_dir).context


def load_reported_totals(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Reported totals (columns of ``schema.REPORTED_TOTALS``); empty when the file is absent."""
    return load_dataset(data_dir).reported_totals


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows and the typed columns of ``schema.table(name)``.

    >>> empty_table("context").dtypes["date"]
    dtype('<M8[s]')
    """
    t = schema.table(name)
    return pd.DataFrame({c.name: pd.Series([], dtype=dtype_of(c)) for c in t.columns})
