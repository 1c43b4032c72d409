"""How often incidents happen: counts per day/week/month, cumulative counts, lulls.

Periods are labelled by their first day: ISO weeks start on Monday, months
on the 1st.  An incident whose date is known only to the week or month
(``date_precision``) is counted in the period holding its ``event_date``,
the first day of its possible span.

Coverage: a period that no covered span reaches (``coverage.csv``, see
:func:`analysis.metrics.completeness.select_covered_spans`) is "not covered":
its count is missing (``<NA>``), never 0, and no lull runs through it.  The
spans are passed as a value, ``coverage=`` (a report passes
``report.covered_spans``); without it, every period counts as covered.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.metrics.completeness import merge_spans
from analysis.metrics.counts import explode_values

FREQUENCIES = tuple(schema.FREQUENCIES)

COUNT_COLUMNS = ["period", "incidents", "cumulative", "rolling_mean", "covered"]
NOT_COVERED = "not covered"
"""What tables and charts say for a period the data does not cover (never 0)."""
LULL_COLUMNS = ["began", "ended", "gap_days", "previous_incident_date"]


def _check_freq(freq: str) -> None:
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}; got {freq!r}")


def _to_days(values) -> np.ndarray:
    """Dates (anything ``pd.to_datetime`` takes) as numpy ``datetime64[D]``."""
    return np.asarray(pd.to_datetime(values)).astype("datetime64[D]")


def dense_codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct integers and each value's position among them, like ``np.unique``
    with ``return_inverse`` but without sorting when the values span a small range.

    >>> dense_codes(np.array([19730, 19723, 19730]))
    (array([19723, 19730]), array([1, 0, 1]))
    """
    if len(values) == 0:
        return values.copy(), np.zeros(0, dtype="int64")
    lo, hi = int(values.min()), int(values.max())
    if hi - lo > 4 * len(values) + 1_000_000:
        uniques, inverse = np.unique(values, return_inverse=True)
        return uniques, inverse.astype("int64")
    present = np.bincount(values - lo, minlength=hi - lo + 1) > 0
    position = np.cumsum(present) - 1
    return np.flatnonzero(present) + lo, position[values - lo].astype("int64")


def find_period_starts(days: np.ndarray, freq: str) -> np.ndarray:
    """First day of the day/week/month holding each date (``datetime64[D]`` in and out).

    Weeks are ISO weeks: they start on Monday.

    >>> d = np.array(["2024-01-03", "2024-01-07", "2024-01-08"], dtype="datetime64[D]")
    >>> find_period_starts(d, "week").astype(str).tolist()
    ['2024-01-01', '2024-01-01', '2024-01-08']
    >>> find_period_starts(d, "month").astype(str).tolist()
    ['2024-01-01', '2024-01-01', '2024-01-01']
    """
    _check_freq(freq)
    days = days.astype("datetime64[D]")
    if freq == "day":
        return days
    if freq == "month" and len(days) > 10_000 and not np.isnat(days).any():
        # calendar arithmetic is slow per element: do it once per distinct day
        uniques, inverse = dense_codes(days.astype("int64"))
        return find_period_starts(uniques.astype("datetime64[D]"), freq)[inverse]
    if freq == "week":
        n = days.astype("int64")
        # 1970-01-01 was a Thursday: weekday (Monday = 0) of day n is (n + 3) % 7
        return (n - (n + 3) % 7).astype("datetime64[D]")
    return days.astype("datetime64[M]").astype("datetime64[D]")


def list_periods(first, last, freq: str) -> np.ndarray:
    """Every period start from the period holding ``first`` to the one holding ``last``.

    >>> list_periods("2024-01-03", "2024-01-20", "week").astype(str).tolist()
    ['2024-01-01', '2024-01-08', '2024-01-15']
    """
    a, b = find_period_starts(_to_days([first, last]), freq)
    if freq == "month":
        return np.arange(a.astype("datetime64[M]"), b.astype("datetime64[M]") + 1).astype("datetime64[D]")
    step = 7 if freq == "week" else 1
    return np.arange(a, b + 1, step)


def _covered_spans(coverage: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray] | None:
    """Merged covered spans as day arrays; None (no ``coverage`` given) means everything is covered."""
    if coverage is None:
        return None
    return merge_spans(coverage["period_start"], coverage["period_end"])


def find_period_ends(starts: np.ndarray, freq: str) -> np.ndarray:
    """Last day of each period, from its first day (``datetime64[D]`` in and out).

    >>> d = np.array(["2024-01-01", "2024-02-01"], dtype="datetime64[D]")
    >>> find_period_ends(d, "week").astype(str).tolist(), find_period_ends(d, "month").astype(str).tolist()
    (['2024-01-07', '2024-02-07'], ['2024-01-31', '2024-02-29'])
    """
    _check_freq(freq)
    starts = starts.astype("datetime64[D]")
    if freq == "day":
        return starts
    if freq == "week":
        return starts + np.timedelta64(6, "D")
    return (starts.astype("datetime64[M]") + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def mark_covered_periods(periods: np.ndarray, freq: str, spans: tuple[np.ndarray, np.ndarray] | None) -> np.ndarray:
    """Boolean per period: does any covered span reach into it? (All True when ``spans`` is None.)

    >>> p = np.array(["2024-01-01", "2024-01-08", "2024-01-15"], dtype="datetime64[D]")
    >>> spans = (np.array(["2024-01-07"], "datetime64[D]"), np.array(["2024-01-07"], "datetime64[D]"))
    >>> mark_covered_periods(p, "week", spans).tolist()
    [True, False, False]
    """
    periods = periods.astype("datetime64[D]")
    if spans is None:
        return np.ones(len(periods), dtype=bool)
    starts, ends = spans
    last_days = find_period_ends(periods, freq)
    return ((starts[None, :] <= last_days[:, None]) & (ends[None, :] >= periods[:, None])).any(axis=1)


def _date_dtype(df: pd.DataFrame):
    dtype = df["event_date"].dtype if "event_date" in df else None
    return dtype if isinstance(dtype, np.dtype) and dtype.kind == "M" else np.dtype("datetime64[us]")


def count_per_period(
    df: pd.DataFrame,
    freq: str = "week",
    by: str | None = None,
    start=None,
    end=None,
    window: int = 4,
    coverage: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Count incidents per day, ISO week or month, with empty covered periods as zero.

    The periods run from ``start`` (default: the earliest ``event_date``) to
    ``end`` (default: the latest); incidents outside them are not counted.
    With ``by`` (e.g. ``"category"`` or ``"weapon"``) there is one row per
    period and value of ``by`` present in ``df`` (every combination, zeros
    included), in period order then ``by`` order.

    ``coverage`` (columns ``period_start``, ``period_end``: the spans the
    data covers, e.g. ``Report.covered_spans``; default: everything) marks
    each period: a period no span reaches, and holding no incident, is not
    covered.

    Returns columns ``period`` (first day of the period), [``by``],
    ``incidents`` (Int64), ``cumulative`` (Int64, running total from the first
    period, per ``by`` value), ``rolling_mean`` (float64, mean of the covered
    periods among the last ``window``, fewer at the start) and ``covered``
    (bool).  In a period that is not covered the first three are missing
    (``<NA>``/NaN), never 0.
    """
    _check_freq(freq)
    columns = COUNT_COLUMNS if by is None else ["period", by, *COUNT_COLUMNS[1:]]
    dtype = _date_dtype(df)
    days = df["event_date"].to_numpy(dtype="datetime64[D]") if len(df) else np.array([], "datetime64[D]")
    days = days[~np.isnat(days)] if by is None else days
    first = start if start is not None else (days.min() if len(days) else None)
    last = end if end is not None else (days.max() if len(days) else None)
    if first is None or last is None:
        return _empty(columns, by, df, dtype)
    periods = list_periods(first, last, freq)
    if len(periods) == 0:
        return _empty(columns, by, df, dtype)
    lo, hi = _to_days([first, last])
    if by is None:
        keep = (days >= lo) & (days <= hi)
        idx = np.searchsorted(periods, find_period_starts(days[keep], freq), side="right") - 1
        counts = np.bincount(idx, minlength=len(periods)).astype("int64")
        covered = mark_covered_periods(periods, freq, _covered_spans(coverage)) | (counts > 0)
        return pd.DataFrame(
            {
                "period": periods.astype(dtype),
                "incidents": _uncovered_missing(counts, covered),
                "cumulative": _uncovered_missing(counts.cumsum(), covered),
                "rolling_mean": _covered_rolling_mean(counts[:, None], covered, window).ravel(),
                "covered": covered,
            }
        )

    if by in schema.MULTI_VALUED:  # an incident counts under each of its weapons (metrics.counts.explode_values)
        df = explode_values(df, by)
        days = df["event_date"].to_numpy(dtype="datetime64[D]")
    values = df[by]
    keep = (days >= lo) & (days <= hi) & ~np.isnat(days) & values.notna().to_numpy()
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = values[keep].cat.remove_unused_categories()
        levels = present.cat.categories
        codes = present.cat.codes.to_numpy()
    else:
        codes, levels = pd.factorize(values[keep], sort=True)
    idx = np.searchsorted(periods, find_period_starts(days[keep], freq), side="right") - 1
    n_levels = len(levels)
    counts = np.bincount(idx * n_levels + codes, minlength=len(periods) * n_levels).astype("int64")
    grid = counts.reshape(len(periods), n_levels)
    covered = mark_covered_periods(periods, freq, _covered_spans(coverage)) | (grid.sum(axis=1) > 0)
    covered_rows = np.repeat(covered, n_levels)
    level_values = pd.Series(np.tile(np.asarray(levels, dtype=object), len(periods))).astype(values.dtype)
    return pd.DataFrame(
        {
            "period": np.repeat(periods, n_levels).astype(dtype),
            by: level_values,
            "incidents": _uncovered_missing(grid.ravel(), covered_rows),
            "cumulative": _uncovered_missing(grid.cumsum(axis=0).ravel(), covered_rows),
            "rolling_mean": _covered_rolling_mean(grid, covered, window).ravel(),
            "covered": covered_rows,
        }
    )


def _uncovered_missing(values: np.ndarray, covered: np.ndarray) -> pd.arrays.IntegerArray:
    """``values`` as Int64 with ``<NA>`` where not covered.

    >>> _uncovered_missing(np.array([2, 0]), np.array([True, False])).tolist()
    [2, <NA>]
    """
    return pd.arrays.IntegerArray(values.astype("int64"), ~covered)


def _covered_rolling_mean(grid: np.ndarray, covered: np.ndarray, window: int) -> np.ndarray:
    """Per column of ``grid`` (periods × levels): mean of the covered periods among the last ``window``; NaN where
    the period itself is not covered."""
    if grid.shape[1] == 0:
        return np.empty(grid.shape, dtype="float64")
    values = np.where(covered[:, None], grid.astype("float64"), np.nan)
    means = pd.DataFrame(values).rolling(window, min_periods=1).mean().to_numpy()
    return np.where(covered[:, None], means, np.nan)


def _empty(columns, by, df, dtype) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            "period": pd.Series([], dtype=dtype),
            "incidents": pd.Series([], dtype="Int64"),
            "cumulative": pd.Series([], dtype="Int64"),
            "rolling_mean": pd.Series([], dtype="float64"),
            "covered": pd.Series([], dtype="bool"),
        }
    )
    if by is not None:
        out[by] = pd.Series([], dtype=df[by].dtype if by in df else "string")
    return out[columns]


def find_lulls(df: pd.DataFrame, top: int | None = 5, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """The longest stretches without any incident in ``df``, longest first.

    A lull lies between two consecutive incident dates: it ``began`` the day
    after the earlier incident and ``ended`` on the date of the next one;
    ``gap_days`` is the number of days without an incident
    (``ended - began``).  Consecutive days leave no lull.  Ties are listed in
    date order.  Pass a filtered table (e.g. only attacks on US forces) to
    find lulls of that kind.  A stretch that runs through a day outside
    ``coverage`` (as in :func:`count_per_period`) is no lull: what happened
    then is not known.

    Returns columns ``began``, ``ended`` (dates), ``gap_days`` (int64) and
    ``previous_incident_date`` (the earlier incident's date); ``top`` rows at
    most (all when ``None``).
    """
    dtype = _date_dtype(df)
    days = df["event_date"].to_numpy(dtype="datetime64[D]") if len(df) else np.array([], "datetime64[D]")
    days = np.unique(days[~np.isnat(days)])
    gaps = np.diff(days).astype("int64") - 1
    quiet = gaps > 0
    spans = _covered_spans(coverage)
    if spans is not None and len(days) > 1:
        starts, ends = spans
        first, last = days[:-1] + np.timedelta64(1, "D"), days[1:] - np.timedelta64(1, "D")
        span = np.searchsorted(starts, first, side="right") - 1
        quiet &= (span >= 0) & (ends[np.maximum(span, 0)] >= last) if len(starts) else False
    keep = np.flatnonzero(quiet)
    order = keep[np.argsort(-gaps[keep], kind="stable")]
    if top is not None:
        order = order[:top]
    prev = days[order]
    return pd.DataFrame(
        {
            "began": (prev + 1).astype(dtype),
            "ended": days[order + 1].astype(dtype),
            "gap_days": gaps[order].astype("int64"),
            "previous_incident_date": prev.astype(dtype),
        },
        columns=LULL_COLUMNS,
    )


def find_longest_lull(df: pd.DataFrame, coverage: pd.DataFrame | None = None) -> pd.DataFrame:
    """The single longest lull as a one-row frame (empty with fewer than two incident dates).

    Same columns as :func:`find_lulls`; the earliest one wins a tie.
    """
    return find_lulls(df, top=1, coverage=coverage)
