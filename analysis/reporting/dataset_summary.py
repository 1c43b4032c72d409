"""What a loaded Dataset shows when it is printed or displayed in a notebook: a few lines, not eight tables.

:meth:`analysis.data.dataset.Dataset.__repr__` and ``_repr_html_`` call these
functions: the tables with their row counts, the incidents' date span and
"data as of", the coverage the data claims, and the largest total the
sources report against what the table holds.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis import schema
from analysis.data.claimed_coverage import is_assumed
from analysis.metrics.completeness import compare_with_reported_totals
from analysis.reporting.formatting import format_day

__all__ = ["describe_dataset", "describe_dataset_html", "list_dataset_facts", "summarize_tables"]


def _count_rows(dataset, name: str) -> int:
    """Rows read from the table's file: none for coverage when there is no coverage.csv (no claim, no row)."""
    table = getattr(dataset, name)
    return 0 if name == "coverage" and len(table) and is_assumed(table) else len(table)


def summarize_tables(dataset) -> pd.DataFrame:
    """One row per table of the dataset: columns ``table``, ``file`` and ``rows`` (int64), in schema order."""
    names = [t.name for t in schema.TABLES]
    return pd.DataFrame(
        {
            "table": names,
            "file": [schema.table(n).file for n in names],
            "rows": pd.Series([_count_rows(dataset, n) for n in names], dtype="int64"),
        }
    )


def _describe_coverage(coverage: pd.DataFrame) -> str:
    if len(coverage) == 0 or is_assumed(coverage):
        return (
            "Coverage: none claimed (no coverage.csv): counts are of the incidents in this table, not a complete "
            "count; a period without incidents is not known to be quiet."
        )
    spans = [
        f"{format_day(a)} to {format_day(b)}" + ("" if pd.isna(c) else f" ({str(c).replace(';', ', ')})")
        for a, b, c in zip(coverage["period_start"], coverage["period_end"], coverage["countries"])
    ]
    shown = "; ".join(spans[:3]) + (f"; and {len(spans) - 3} more" if len(spans) > 3 else "")
    return f"Coverage claimed (coverage.csv): {shown}."


def _describe_largest_total(dataset) -> str:
    compared = compare_with_reported_totals(dataset.incidents, dataset.reported_totals)
    if compared.empty:
        return "Reported totals: none of attacks on US forces."
    row = compared.sort_values("reported_min", ascending=False, kind="stable").iloc[0]
    lo, hi = row["reported_min"], row["reported_max"]
    value = f"at least {lo:,}" if pd.isna(hi) else (f"{lo:,}" if lo == hi else f"{lo:,} to {hi:,}")
    since = "" if pd.isna(row["period_start"]) else f" from {format_day(row['period_start'])}"
    where = "" if pd.isna(row["countries"]) else f" in {str(row['countries']).replace(';', ', ')}"
    return (
        f"Largest reported total ({row['total_id']}): {value} attacks on US forces{where}{since} "
        f"to {format_day(row['as_of'])}; this table holds {int(row['incidents_in_table']):,} of them."
    )


def list_dataset_facts(dataset) -> list[str]:
    """The sentences a dataset's summary gives under its table of row counts."""
    incidents = dataset.incidents
    if len(incidents):
        first, last = incidents["event_date"].min(), incidents["event_date"].max()
        span = (
            f"Incidents from {format_day(first)} to {format_day(last)}; data as of {format_day(last)} "
            "(the latest incident)."
        )
    else:
        span = "No incidents."
    bundled = int(dataset.sources["file"].notna().sum())
    sources = f"Sources: {bundled:,} bundled texts, {len(dataset.sources) - bundled:,} external references."
    return [span, sources, _describe_coverage(dataset.coverage), _describe_largest_total(dataset), *dataset.notes]


def describe_dataset(dataset) -> str:
    """A short plain-text summary of ``dataset`` (what ``repr`` prints)."""
    tables = summarize_tables(dataset)
    width = int(tables["table"].str.len().max())
    lines = [f"Dataset of {dataset.data_dir}"]
    lines += [f"  {t:<{width}}  {n:>9,} row{'' if n == 1 else 's'}" for t, n in zip(tables["table"], tables["rows"])]
    return "\n".join(lines + list_dataset_facts(dataset))


def describe_dataset_html(dataset) -> str:
    """The same summary as HTML (what JupyterLab shows), every text escaped."""
    tables = summarize_tables(dataset)
    rows = "".join(
        f'<tr><td>{html.escape(t)}</td><td>{html.escape(f)}</td><td style="text-align:right">{n:,}</td></tr>'
        for t, f, n in zip(tables["table"], tables["file"], tables["rows"])
    )
    facts = "".join(f"<li>{html.escape(fact)}</li>" for fact in list_dataset_facts(dataset))
    return (
        f"<div><strong>Dataset of {html.escape(str(dataset.data_dir))}</strong>"
        f"<table><thead><tr><th>table</th><th>file</th><th>rows</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<ul>{facts}</ul></div>"
    )
