"""Tables of counts for display: by a dimension, by period, reported totals against the table, lulls and places.

Each ``build_*`` turns a metric's frame into a display frame (plain headers, ranges as text, dates as days),
shown by :func:`analysis.reporting.tables.show_table` (which re-exports them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.metrics.frequency import NOT_COVERED
from analysis.reporting.formatting import format_day, format_period, format_range, format_share, format_share_held
from analysis.reporting.row_limits import DEFAULT_ROW_LIMIT, limit_rows
from analysis.reporting.table_html import NOT_MEASURED


def build_count_table(counts: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """A :func:`analysis.metrics.counts.count_by` table for display: dimension, incidents, share (%).

    Columns: the dimension, incidents in this table, share.
    """

    return pd.DataFrame(
        {
            dimension.replace("_", " "): [schema.value_label(dimension, v) for v in counts[dimension].astype("string")],
            "incidents in this table": counts["incidents"].to_numpy(),
            "share": [format_share(s) for s in counts["share"]],
        }
    )


def build_coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Reported totals against the table's count, for display.

    Columns: reported figure, scope, period, countries, reported, in this table, share held.
    """

    def day(value) -> str:
        return "not stated" if pd.isna(value) else format_day(value)

    return pd.DataFrame(
        {
            "reported figure": coverage["total_id"].to_numpy(),
            "scope": coverage["scope"].to_numpy(),
            "period": [f"{day(a)} – {day(b)}" for a, b in zip(coverage["period_start"], coverage["as_of"])],
            "countries": coverage["countries"].fillna("not stated").to_numpy(),
            "reported": [format_range(lo, hi) for lo, hi in zip(coverage["reported_min"], coverage["reported_max"])],
            "in this table": coverage["incidents_in_table"].to_numpy(),
            "share held": [
                format_share_held(lo, hi, top)
                for lo, hi, top in zip(coverage["share_low"], coverage["share_high"], coverage["reported_max"])
            ],
        }
    )


def build_period_table(
    per_period: pd.DataFrame, freq: str = "day", limit: int | None = DEFAULT_ROW_LIMIT
) -> pd.DataFrame:
    """Periods with the table's count, its running count and the rolling mean, for display.

    A run of periods without incidents outside claimed coverage (``incidents``
    missing) is one row reading "none recorded — not a complete count" in the
    three figure columns, never 0; a period outside claimed coverage has its
    rolling mean "not measured".  Only the ``limit`` most recent rows are
    listed (the earlier ones are counted under the table; the chart shows them all).

    Columns: period, incidents in this table, cumulative, rolling mean.
    """
    known = per_period["incidents"].notna().to_numpy(dtype=bool)
    starts = np.flatnonzero(~known & np.r_[True, known[:-1]])
    ends = np.flatnonzero(~known & np.r_[known[1:], True])
    rows, gap = [], dict(zip(starts, ends))
    i = 0
    while i < len(per_period):
        period = format_period(per_period["period"].iloc[i], freq)
        if i in gap:
            last = gap[i]
            if last > i:
                period += f" to {format_period(per_period['period'].iloc[last], freq)}"
            rows.append((period, NOT_COVERED, NOT_COVERED, NOT_COVERED))
            i = last + 1
            continue
        mean = per_period["rolling_mean"].iloc[i]
        rows.append(
            (
                period,
                f"{int(per_period['incidents'].iloc[i]):,}",
                f"{int(per_period['cumulative'].iloc[i]):,}",
                NOT_MEASURED if pd.isna(mean) else f"{round(float(mean), 2):g}",
            )
        )
        i += 1
    table = pd.DataFrame(rows, columns=["period", "incidents in this table", "cumulative", "rolling mean"])
    return limit_rows(table, limit, noun=f"{freq}s" if len(table) == len(per_period) else "rows", keep="last")


def build_lull_table(lulls: pd.DataFrame) -> pd.DataFrame:
    """Lulls for display (:func:`analysis.metrics.frequency.find_lulls` output).

    A lull bounded by the edge of claimed coverage reads "at least N" days,
    and its edge says so. Columns: last incident before, lull began, lull
    ended (next incident), days.
    """

    def day(value) -> str:
        return "none in the table" if pd.isna(value) else format_day(value)

    began, ended = [], []
    for a, b, prev, open_ in zip(lulls["began"], lulls["ended"], lulls["previous_incident_date"], lulls["open_ended"]):
        starts_at_edge = bool(open_) and (pd.isna(prev) or pd.Timestamp(prev) + pd.Timedelta(days=1) != a)
        began.append(day(a) + (" (start of claimed coverage)" if starts_at_edge else ""))
        ended.append(day(b) + (" (end of claimed coverage)" if bool(open_) and not starts_at_edge else ""))
    return pd.DataFrame(
        {
            "last incident before": [day(v) for v in lulls["previous_incident_date"]],
            "lull began": began,
            "lull ended (next incident)": ended,
            "days": [f"at least {n:,}" if o else f"{n:,}" for n, o in zip(lulls["gap_days"], lulls["open_ended"])],
        }
    )


def describe_lulls(lulls: pd.DataFrame) -> str:
    """The sentence above a lull table (:func:`analysis.metrics.frequency.find_lulls` output), or instead of it.

    >>> describe_lulls(pd.DataFrame({"gap_days": []}))[:40]
    'No lull is measured: the data claims no '
    """
    if len(lulls) == 0:
        return (
            "No lull is measured: the data claims no period of this selection complete (or none without an "
            "incident), and a stretch the table does not cover may have had incidents."
        )
    return (
        "The longest stretches without any incident in the selection, inside the periods the data claims to "
        'cover; "at least" where the claim, not an incident, ends the stretch.'
    )


def build_place_table(places: pd.DataFrame, name: str) -> pd.DataFrame:
    """The gazetteer row of ``name``. Columns: name, aliases, kind, country, admin1, latitude, longitude."""
    row = places[places["name"] == name]
    return pd.DataFrame(
        {
            "name": row["name"].to_numpy(),
            "aliases": row["aliases"].fillna("").str.replace(";", ", ").to_numpy(),
            "kind": row["kind"].astype("string").to_numpy(),
            "country": row["country"].astype("string").to_numpy(),
            "admin1": row["admin1"].to_numpy(),
            "latitude": row["latitude"].to_numpy(),
            "longitude": row["longitude"].to_numpy(),
        }
    )
