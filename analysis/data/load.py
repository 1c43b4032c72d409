"""Load the validated, typed tables of a data directory.

Every loader validates the whole directory first (:func:`analysis.data.validate.validate_data_dir`)
and raises :class:`~analysis.data.validate.DataValidationError` listing every
problem when anything is wrong. Types, for every table:

- ``date`` columns: ``datetime64[s]`` (naive, midnight values);
- ``int`` columns: pandas ``Int64`` (missing = ``<NA>``);
- ``float`` columns: ``float64``;
- ``category`` columns: ``CategoricalDtype`` whose categories are the schema's
  allowed values in schema order (so counts can show zero rows);
- ``id``, ``ids`` and ``text`` columns: pandas ``string`` (missing = ``<NA>``).

Columns come in schema order (:mod:`analysis.schema`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import paths, schema
from analysis.data.validate import DataValidationError, dtype_of, validate_data_dir
from analysis.files import fingerprint_data_dir  # re-exported: light, used by the renderer

__all__ = [
    "DataValidationError",
    "Dataset",
    "empty_table",
    "fingerprint_data_dir",
    "load_context",
    "load_dataset",
    "load_evidence",
    "load_incidents",
    "load_places",
    "load_reported_totals",
    "load_sources",
]


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
    notes: tuple[str, ...] = ()


def empty_table(name: str) -> pd.DataFrame:
    """A table with no rows and the typed columns of ``schema.table(name)``.

    >>> empty_table("context").dtypes["date"]
    dtype('<M8[s]')
    """
    t = schema.table(name)
    return pd.DataFrame({c.name: pd.Series([], dtype=dtype_of(c)) for c in t.columns})


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Validate ``data_dir`` (default: the bundled ``data/``) and return every table typed."""
    report = validate_data_dir(data_dir)
    if not report.ok:
        raise DataValidationError(report.problems, report.data_dir)
    tables = {t.name: report.tables.get(t.name, empty_table(t.name)) for t in schema.TABLES}
    return Dataset(
        data_dir=Path(data_dir) if data_dir is not None else paths.DATA_DIR, notes=tuple(report.notes), **tables
    )


def load_incidents(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The incident table: one row per incident, columns of ``schema.INCIDENTS``."""
    return load_dataset(data_dir).incidents


def load_sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The sources table: columns of ``schema.SOURCES``."""
    return load_dataset(data_dir).sources


def load_places(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The gazetteer: columns of ``schema.PLACES``."""
    return load_dataset(data_dir).places


def load_evidence(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The evidence quotes: columns of ``schema.EVIDENCE``."""
    return load_dataset(data_dir).evidence


def load_context(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Context events (columns of ``schema.CONTEXT``); empty when ``context.csv`` is absent."""
    return load_dataset(data_dir).context


def load_reported_totals(data_dir: Path | str | None = None) -> pd.DataFrame:
    """Reported totals (columns of ``schema.REPORTED_TOTALS``); empty when the file is absent."""
    return load_dataset(data_dir).reported_totals
