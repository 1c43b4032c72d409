"""Which periods a data directory covers: ``coverage.csv``, or the span of its incidents.

A data directory may state in ``coverage.csv`` (``schema.COVERAGE``) the
periods, and the countries, it claims to list every incident of. When it
does not, it is taken to cover its first to its last incident date, and
:func:`build_coverage_rows` writes that claim out as rows of the same shape.
Importers use the same function to write ``coverage.csv`` from the date span
of what they imported.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema

ASSUMED_BASIS = "no coverage.csv: taken to cover the span from the first to the last incident date"
"""``basis`` of the row :func:`build_coverage_rows` gives when no other basis is stated."""


def build_coverage_rows(
    incidents: pd.DataFrame, basis: str = ASSUMED_BASIS, countries: list[str] | tuple[str, ...] = ()
) -> pd.DataFrame:
    """One coverage row from the first to the last ``event_date`` of ``incidents`` (none when it is empty).

    ``basis`` says how the claim was established (e.g. "ACLED export,
    query: Iraq and Syria"); ``countries`` (default: every country) are
    written ``;``-separated. Returns the typed columns of ``schema.COVERAGE``:
    ``period_start``, ``period_end`` (``datetime64[s]``), ``countries``,
    ``basis`` (``string``), ready for
    :func:`analysis.data.export_csv.write_csv_safely`.

    >>> incidents = pd.DataFrame({"event_date": pd.to_datetime(["2024-03-02", "2023-10-17"])})
    >>> build_coverage_rows(incidents, "ACLED export", ["Iraq", "Syria"]).iloc[0].tolist()
    [Timestamp('2023-10-17 00:00:00'), Timestamp('2024-03-02 00:00:00'), 'Iraq;Syria', 'ACLED export']
    """
    days = pd.to_datetime(incidents["event_date"]).dropna() if len(incidents) else pd.Series([], dtype="datetime64[s]")
    rows = {"period_start": [], "period_end": [], "countries": [], "basis": []}
    if len(days):
        rows = {
            "period_start": [days.min()],
            "period_end": [days.max()],
            "countries": [";".join(countries) or None],
            "basis": [basis],
        }
    return pd.DataFrame(
        {
            "period_start": pd.Series(rows["period_start"], dtype="datetime64[s]"),
            "period_end": pd.Series(rows["period_end"], dtype="datetime64[s]"),
            "countries": pd.Series(rows["countries"], dtype=pd.StringDtype("pyarrow")),
            "basis": pd.Series(rows["basis"], dtype=pd.StringDtype("pyarrow")),
        },
        columns=schema.COVERAGE.column_names,
    )


def is_assumed(coverage: pd.DataFrame) -> bool:
    """True when ``coverage`` is the span of the incidents, not a claim read from ``coverage.csv``."""
    return len(coverage) <= 1 and bool((coverage["basis"].astype("string") == ASSUMED_BASIS).all())
