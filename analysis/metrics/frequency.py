"""How often incidents happen: counts per day/week/month, cumulative counts, lulls.

Periods are labelled by their first day: ISO weeks start on Monday, months
on the 1st.  An incident whose date is known only to the week or month
(``date_precision``) is counted in the period holding its ``event_date``,
the first day of its possible span.

Coverage is a claim: a period lies inside the data's claimed coverage
(``coverage.csv``, or a source's stated zero, see
:func:`analysis.metrics.completeness.select_claimed_spans`) only when a claimed
span holds every one of its days.  There an empty period counts 0.  Outside,
a period counts only the incidents in the table: an empty one is missing
(``<NA>``: "none recorded — not a complete count"), never 0; it has no
rolling mean, and no lull is measured there.  The spans are passed as a
value, ``coverage=`` (a report passes ``report.covered_spans``, with no span
at all when the data claims none); without it every period counts as
covered, as a caller who passes a complete list expects.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.data.claimed_coverage import is_assumed
from analysis.metrics.completeness import merge_spans, select_claimed_spans
from analysis.metrics.counts import explode_values
from analysis.metrics.inputs import describe_period, parse_date_bound, take_incidents

FREQUENCIES = tuple(schema.FREQUENCIES)

COUNT_COLUMNS = ["period", "incidents", "cumulative", "rolling_mean", "covered"]
NOT_COVERED = "none recorded \u2014 not a complete count"
"""What tables and charts say for a period without incidents that the data does not claim to cover (never 0)."""
NOT_CLAIMED = "not a complete count"
"""The label of a chart's span outside claimed coverage: its bars count only the incidents in the table."""
LULL_COLUMNS = ["began", "ended", "gap_days", "previous_incident_date", "open_ended"]


def _claimed_spans(data) -> pd.DataFrame | None:
    """What a Dataset claims complete (``coverage.csv`` rows and its sources' stated zeros; none without the
    file), or None for anything that is not a Dataset (checked afterwards by ``take_incidents``)."""
    coverage = getattr(data, "coverage", None)
    if coverage is None or not hasattr(data, "reported_totals"):
        return None
    listed = coverage.iloc[0:0] if is_assumed(coverage) else coverage
    return select_claimed_spans(listed, data.reported_totals)


def _take_coverage(df, coverage) -> pd.DataFrame | None:
    """``coverage`` as spans: a Dataset given as ``coverage`` (or as ``df`` with no ``coverage``) gives its claim."""
    if coverage is None:
        return None if isinstance(df, pd.DataFrame) else _claimed_spans(df)
    if isinstance(coverage, pd.DataFrame):
        return coverage
    spans = _claimed_spans(coverage)
    if spans is None:
        raise TypeError(f"coverage must be a frame of spans (period_start, period_end) or a Dataset; got {coverage!r}")
    return spans


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
    """Merged covered spans as day arrays; None (everything covered) without ``coverage``."""
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
    """Boolean per period: does one claimed span hold every day of it? (All True when ``spans`` is None.)

    ``spans`` are merged (:func:`analysis.metrics.completeness.merge_spans`), so a
    period two touching claims cover together lies inside one of them.

    >>> p = np.array(["2024-01-01", "2024-01-08", "2024-01-15"], dtype="datetime64[D]")
    >>> spans = (np.array(["2024-01-07"], "datetime64[D]"), np.array(["2024-01-21"], "datetime64[D]"))
    >>> mark_covered_periods(p, "week", spans).tolist()
    [False, True, True]
    """
    periods = periods.astype("datetime64[D]")
    if spans is None:
        return np.ones(len(periods), dtype=bool)
    starts, ends = spans
    last_days = find_period_ends(periods, freq)
    return ((starts[None, :] <= periods[:, None]) & (ends[None, :] >= last_days[:, None])).any(axis=1)


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
    """Count the incidents of ``df`` per day, ISO week or month; an empty period counts 0 only inside claimed coverage.

    ``df`` is the incident table or a selection of it, or the Dataset (then
    its coverage claim is used unless ``coverage`` is given: ``coverage.csv``
    and the sources' stated zeros, none without the file).
    The periods run from ``start`` to ``end`` (dates, or "today" and "last N
    days|weeks|months" as in the CLI); when they are not given, from the
    earliest to the latest ``event_date`` of ``df``, so a selection's own
    period must be passed again (``filter_incidents(..., start=s)`` then
    ``count_per_period(..., start=s)``), else the periods before its first
    incident and after its last are missing. The result says which it did:
    ``attrs["period"]`` (e.g. "start given (2023-10-01); end: the latest
    incident (no end given)"); incidents outside the periods are not counted.
    With ``by`` (e.g. ``"category"`` or ``"weapon"``) there is one row per
    period and value of ``by`` present in ``df`` (every combination, zeros
    included), in period order then ``by`` order.

    ``coverage`` (columns ``period_start``, ``period_end``: the spans the
    data claims to cover, e.g. ``Report.covered_spans``, or the Dataset for
    its own claim; default: everything)
    marks each period covered when a span holds all its days.

    Returns columns ``period`` (first day of the period), [``by``],
    ``incidents`` (Int64: incidents in the table), ``cumulative`` (Int64,
    running count of the table's incidents from the first period, per ``by``
    value), ``rolling_mean`` (float64, mean of the covered periods among the
    last ``window``, fewer at the start; NaN in a period not covered) and
    ``covered`` (bool: inside claimed coverage).  A period (or, with ``by``,
    a period and value) that is not covered and holds no incident has
    ``incidents`` and ``cumulative`` missing (``<NA>``), never 0.
    """
    coverage = _take_coverage(df, coverage)
    df = take_incidents(df, "count_per_period")
    _check_freq(freq)
    if by is not None and by not in df.columns:
        raise ValueError(f"count_per_period: by={by!r} is not a column; expected one of {', '.join(df.columns)}")
    said = describe_period(start, end)
    start = parse_date_bound(start, "start", "count_per_period") if start is not None else None
    end = parse_date_bound(end, "end", "count_per_period") if end is not None else None
    counts = _count_per_period(df, freq, by, start, end, window, coverage)
    counts.attrs["period"] = said  # what the result says of itself, read by nothing else
    return counts


def _count_per_period(df, freq, by, start, end, window, coverage) -> pd.DataFrame:
    """:func:`count_per_period` on checked arguments (``start``/``end`` Timestamps or None)."""
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
        covered = mark_covered_periods(periods, freq, _covered_spans(coverage))
        return pd.DataFrame(
            {
                "period": periods.astype(dtype),
                "incidents": _uncovered_missing(counts, covered | (counts > 0)),
                "cumulative": _uncovered_missing(counts.cumsum(), covered | (counts > 0)),
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
    covered = mark_covered_periods(periods, freq, _covered_spans(coverage))
    covered_rows = np.repeat(covered, n_levels)
    known = covered_rows | (grid.ravel() > 0)
    level_values = pd.Series(np.tile(np.asarray(levels, dtype=object), len(periods))).astype(values.dtype)
    return pd.DataFrame(
        {
            "period": np.repeat(periods, n_levels).astype(dtype),
            by: level_values,
            "incidents": _uncovered_missing(grid.ravel(), known),
            "cumulative": _uncovered_missing(grid.cumsum(axis=0).ravel(), known),
            "rolling_mean": _covered_rolling_mean(grid, covered, window).ravel(),
            "covered": covered_rows,
        }
    )


def _uncovered_missing(values: np.ndarray, covered: np.ndarray) -> pd.arrays.IntegerArray:
    """``values`` as Int64 with ``<NA>`` where not ``known`` (not covered and no incident).

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
    """The longest stretches without any incident in ``df`` inside claimed coverage, longest first.

    A lull lies between two consecutive incident dates: it ``began`` the day
    after the earlier incident and ``ended`` on the date of the next one;
    ``gap_days`` is the number of days without an incident
    (``ended - began``).  Consecutive days leave no lull.  Ties are listed in
    date order.  Pass a filtered table (e.g. only attacks on US forces) to
    find lulls of that kind.

    With claimed coverage (``coverage``, e.g. ``Report.covered_spans``, or
    the Dataset for its own claim, as in :func:`count_per_period`), a
    lull is measured only inside a claimed
    span: what happened outside is not known.  Where the span's edge, not an
    incident, bounds the stretch, it begins on the span's first day or ends
    the day after its last, and ``open_ended`` is True (the lull may have
    been longer); ``previous_incident_date`` is then the table's last
    incident before it, if any.  Without coverage every stretch between two
    incidents counts.

    Returns columns ``began``, ``ended`` (dates), ``gap_days`` (int64),
    ``previous_incident_date`` (date, missing when none) and ``open_ended``
    (bool); ``top`` rows at most (all when ``None``; ``top=1`` gives the
    single longest lull, the earliest one on a tie).
    """
    coverage = _take_coverage(df, coverage)
    df = take_incidents(df, "find_lulls")
    dtype = _date_dtype(df)
    days = df["event_date"].to_numpy(dtype="datetime64[D]") if len(df) else np.array([], "datetime64[D]")
    days = np.unique(days[~np.isnat(days)])
    spans = _covered_spans(coverage)
    if spans is None:
        began, ended, edge = days[:-1] + np.timedelta64(1, "D"), days[1:], np.zeros(max(len(days) - 1, 0), bool)
    else:
        began, ended, edge = _quiet_stretches_inside(days, *spans)
    gaps = (ended - began).astype("int64")
    keep = np.flatnonzero(gaps > 0)
    order = keep[np.argsort(-gaps[keep], kind="stable")]
    if top is not None:
        order = order[:top]
    before = np.searchsorted(days, began[order], side="left") - 1
    previous = np.where(before >= 0, days[np.maximum(before, 0)], np.datetime64("NaT"))
    return pd.DataFrame(
        {
            "began": began[order].astype(dtype),
            "ended": ended[order].astype(dtype),
            "gap_days": gaps[order].astype("int64"),
            "previous_incident_date": previous.astype("datetime64[D]").astype(dtype),
            "open_ended": edge[order],
        },
        columns=LULL_COLUMNS,
    )


def _quiet_stretches_inside(
    days: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each stretch inside a span between incident ``days`` or the span's edges: first day, the day after the
    last (the next incident or the day after the span) and whether an edge rather than an incident bounds it.

    >>> d = np.array(["2024-01-03"], "datetime64[D]")
    >>> a, b, e = _quiet_stretches_inside(d, np.array(["2024-01-01"], "datetime64[D]"),
    ...                                   np.array(["2024-01-09"], "datetime64[D]"))
    >>> a.astype(str).tolist(), b.astype(str).tolist(), e.tolist()
    (['2024-01-01', '2024-01-04'], ['2024-01-03', '2024-01-10'], [True, True])
    """
    one = np.timedelta64(1, "D")
    began, ended, edge = [], [], []
    incident_days = set(days.tolist())
    for a, b in zip(starts, ends):
        inside = days[(days >= a) & (days <= b)]
        lows = np.concatenate([[a - one], inside])
        highs = np.concatenate([inside, [b + one]])
        began.append(lows + one)
        ended.append(highs)
        edge.append([lo.item() not in incident_days or hi.item() not in incident_days for lo, hi in zip(lows, highs)])
    if not began:
        return np.array([], "datetime64[D]"), np.array([], "datetime64[D]"), np.array([], bool)
    return np.concatenate(began), np.concatenate(ended), np.concatenate(edge).astype(bool)
