"""What a report says about what the data claims: coverage, a period it does not reach, the sources' totals.

Coverage is a claim, never a default (``data/CODEBOOK.md``, coverage.csv):
these helpers word the claims a report stands on, the reported totals set
against the table, and a period the table does not reach.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.claimed_coverage import is_assumed
from analysis.metrics.completeness import (
    compare_with_reported_totals,
    find_series_totals,
    select_overlapping_totals,
    split_countries,
)
from analysis.metrics.frequency import NOT_COVERED
from analysis.reporting.formatting import format_day


def claimed_coverage(coverage: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``Dataset.coverage`` that are claims: none when ``coverage.csv`` is absent.

    Without the file the data claims no period complete, whatever span its incidents run over.
    """
    return coverage.iloc[0:0] if is_assumed(coverage) else coverage


def build_coverage_caveat(coverage: pd.DataFrame, spans: pd.DataFrame, first, last, zero_claims=None) -> str:
    """What the data claims complete, for a report running from ``first`` to ``last``.

    ``coverage`` is ``Dataset.coverage``, ``spans`` the claimed spans that apply
    to the report (:func:`analysis.metrics.completeness.select_claimed_spans`),
    ``zero_claims`` the sources' stated zeros among them
    (:func:`analysis.metrics.completeness.select_zero_claims`), each quoted.
    Without any claim the counts are said to be of incidents in this table only.
    """
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    claims = claimed_coverage(coverage)
    zero_claims = zero_claims if zero_claims is not None else pd.DataFrame(columns=["period_start"])
    said = []
    for z in zero_claims.itertuples(index=False):
        said.append(
            f"{z.source_id} states there were none from {format_day(z.period_start)} to {format_day(z.period_end)} "
            f"(\u201c{z.quote}\u201d, {z.total_id}), so periods inside that span count 0"
        )
    if len(claims):
        listed = [
            f"{format_day(a)} to {format_day(b)}" + (f" ({', '.join(names)})" if names else "")
            for a, b, names in zip(
                claims["period_start"], claims["period_end"], map(split_countries, claims["countries"])
            )
        ]
        shown = "; ".join(listed[:4]) + (f"; and {len(listed) - 4} more" if len(listed) > 4 else "")
        said.insert(0, f"The data claims to cover {shown} (coverage.csv)")
    inside = bool(((spans["period_start"] <= first) & (spans["period_end"] >= last)).any())
    if inside:
        return "; ".join(said) + "; this report lies inside it."
    rest = (
        "Outside claimed coverage"
        if said
        else "The data makes no claim to list every incident of any period of this report"
    )
    rest += (
        ": counts are of the incidents in this table, a period without one reads "
        f"'{NOT_COVERED}', never 0, and no lull is measured there."
    )
    return "; ".join(said) + ("; " + rest[0].lower() + rest[1:] if said else rest)


def _reported_value(lo, hi) -> str:
    if pd.isna(hi):
        return f"at least {int(lo)}"
    return f"{int(lo)}" if lo == hi else f"between {int(lo)} and {int(hi)}"


def build_coverage_lines(coverage: pd.DataFrame) -> list[str]:
    """Plain sentences setting what the sources report against what the table holds.

    ``coverage`` is :func:`analysis.metrics.completeness.compare_with_reported_totals`
    output; the largest reported total comes first.
    """
    lines = []
    ordered = coverage.sort_values("reported_min", ascending=False, kind="stable")
    for row in ordered.itertuples(index=False):
        lo, hi, held = row.reported_min, row.reported_max, int(row.incidents_in_table)
        period = (
            f"up to {format_day(row.as_of)}"
            if pd.isna(row.period_start)
            else (f"from {format_day(row.period_start)} to {format_day(row.as_of)}")
        )
        where = "" if pd.isna(row.countries) else f" in {row.countries.replace(';', ' and ')}"
        text = f"The sources report {_reported_value(lo, hi)} attacks on US forces{where} {period}; "
        if not pd.isna(hi) and hi == 0 and held == 0:
            text += "this table holds none either."
        elif not pd.isna(hi) and held > hi:
            text += f"this table holds {held}, more than that figure (the sources count differently or less)."
        else:
            text += f"this table holds {held} of them."
        lines.append(text)
    return lines


def describe_unreached_period(incidents: pd.DataFrame, start=None, end=None) -> str | None:
    """One sentence when the report's period lies wholly outside the table's dates; None otherwise.

    >>> inc = pd.DataFrame({"event_date": pd.to_datetime(["2024-01-05", "2024-10-01"])})
    >>> describe_unreached_period(inc, "2026-10-12", "2026-12-07")
    'No data after 2024-10-01: this period (2026-10-12 to 2026-12-07) is not covered by the table.'
    >>> describe_unreached_period(inc, "2024-02-01", "2024-03-01") is None
    True
    """
    if not len(incidents):
        return None
    first, last = incidents["event_date"].min(), incidents["event_date"].max()
    span = f"{start or 'the first incident'} to {end or 'the latest incident'}"
    if start and pd.Timestamp(start) > last:
        return f"No data after {format_day(last)}: this period ({span}) is not covered by the table."
    if end and pd.Timestamp(end) < first:
        return f"No data before {format_day(first)}: this period ({span}) is not covered by the table."
    return None


def compare_reported_totals(dataset, start="", end="", countries=(), categories=(), locations=()) -> pd.DataFrame:
    """The reported totals overlapping a selection against the table's incidents of each total's own scope.

    :func:`analysis.metrics.completeness.compare_with_reported_totals` over the
    whole table (not the selection: a total is compared with what it counts),
    for the totals :func:`analysis.metrics.completeness.select_overlapping_totals`
    keeps (none for a place profile), plus ``same_series`` (bool, see
    :func:`analysis.metrics.completeness.find_series_totals`).
    """
    overlapping = select_overlapping_totals(dataset.reported_totals, start, end, countries, categories, locations)
    compared = compare_with_reported_totals(dataset.incidents, overlapping)
    compared["same_series"] = find_series_totals(compared, start, countries)
    return compared
