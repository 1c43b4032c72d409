"""Tallies of people killed and injured, US and others, as honest ranges.

Each incident gives a ``(min, max)`` pair per measure (see
:mod:`analysis.schema`).  A tally over several incidents keeps three kinds
of incident apart:

- *with a figure*: ``min`` (or ``max``) given; ``low`` adds the mins (an
  empty min under a given max counts 0), ``high`` adds the maxes;
- *open*: ``min`` given, ``max`` empty ("at least 3"): the group's ``high``
  is then empty and ``high_open`` is True;
- *unknown*: both empty: counted in ``incidents_unknown`` and in neither sum.

A group whose incidents are all unknown has empty ``low`` and ``high``,
never a silent 0.

*Applicability*: a measure counts only the incidents where its side could
be casualties.  US personnel (``us_killed``, ``us_injured``) could be
casualties of an attack on US forces (``US_EXPOSED_CATEGORIES``), or of any
other incident for which a source gives a US figure (a strike or regional
event where US losses are stated, 0 included); every other incident is *not
applicable* for them: neither counted nor unknown.  Others (and ACLED's
``fatalities``) could be casualties of any incident.  An incident with only a
best estimate ("about 1,200") counts that estimate at both ends: it is
approximate (``incidents_approximate``), not open-ended.  The long format (one row per group and measure) is what
:func:`tally_casualties` returns; :func:`widen_tally` and
:func:`analysis.reporting.formatting.format_casualty_table` turn it into display tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import schema
from analysis.metrics.counts import explode_values
from analysis.metrics.frequency import dense_codes, find_period_starts
from analysis.metrics.inputs import take_incidents
from analysis.metrics.tolls import TOLL_STAT_COLUMNS, find_toll_rows, sum_tolls_by_group

MEASURES = schema.CASUALTY_PREFIXES
FATALITIES = schema.FATALITIES
BY_OPTIONS = (None, "country", "category", "week", "month", "incident")
STAT_COLUMNS = [
    "low",
    "best",
    "high",
    "high_open",
    "incidents",
    "incidents_with_figure",
    "incidents_open",
    "incidents_unknown",
    "incidents_approximate",
    "incidents_not_applicable",
    *TOLL_STAT_COLUMNS,
]
TOLL_LINKS_ATTR = "toll_links"
"""Key of ``DataFrame.attrs`` under which a tally keeps the operation tolls it counted, as JSON records
(read back with :func:`read_toll_links`), for their sources and rows."""


def read_toll_links(tally: pd.DataFrame) -> pd.DataFrame | None:
    """The operation tolls a tally counted (:func:`analysis.metrics.tolls.link_operation_tolls` rows), or None."""
    stored = tally.attrs.get(TOLL_LINKS_ATTR)
    if not stored:
        return None
    return pd.DataFrame(json.loads(stored))


US_MEASURES = ("us_killed", "us_injured")
US_EXPOSED_CATEGORIES = ("attack_on_us",)
"""Categories whose incidents could have US casualties whatever the sources say (see the module docstring)."""


def find_applicable(df: pd.DataFrame, measure: str) -> np.ndarray:
    """Boolean per row of ``df``: could ``measure``'s side be casualties of that incident?

    >>> df = pd.DataFrame({"category": ["attack_on_us", "us_strike", "regional"],
    ...                    "us_killed_min": [None, None, 0], "us_killed_max": [None, None, 0]})
    >>> find_applicable(df, "us_killed").tolist(), find_applicable(df, "other_killed").tolist()
    ([True, False, True], [True, True, True])
    """
    return _find_applicable(df, measure, _find_exposed(df))


def _find_exposed(df: pd.DataFrame) -> np.ndarray:
    """Boolean per row: is its category one where US personnel could be casualties whatever the sources say?"""
    category = df["category"]
    if isinstance(category.dtype, pd.CategoricalDtype):  # compare the codes: a million rows hold three categories
        names = list(category.cat.categories)
        exposed = np.array([name in US_EXPOSED_CATEGORIES for name in names] + [False])  # last: code -1, missing
        return exposed[category.cat.codes.to_numpy()]
    return category.isin(US_EXPOSED_CATEGORIES).to_numpy(dtype=bool, na_value=False)


def _find_applicable(df: pd.DataFrame, measure: str, exposed: np.ndarray) -> np.ndarray:
    """:func:`find_applicable` with the rows of an exposed category (:func:`_find_exposed`) given."""
    if measure not in US_MEASURES:
        return np.ones(len(df), dtype=bool)
    stated = exposed.copy()
    for suffix in ("_min", "_best", "_max"):
        if f"{measure}{suffix}" in df.columns:
            stated |= df[f"{measure}{suffix}"].notna().to_numpy(dtype=bool)
    return stated


@dataclass
class _Figures:
    """One measure's figures per row as float64 arrays, 0 where not known, and whether each end is known."""

    lo: np.ndarray
    lo_known: np.ndarray
    hi: np.ndarray
    hi_known: np.ndarray
    best: np.ndarray | None = None
    """Each row's best estimate, else its low figure; None when no row gives a best estimate."""
    has_best: np.ndarray | None = None
    """A best estimate is given (``<measure>_best``)."""
    approx: np.ndarray | None = None
    """A best estimate alone ("about N"): counted at both ends."""


def _drop_rows(fig: _Figures, rows: np.ndarray) -> _Figures:
    """``fig`` with nothing known on ``rows`` (those an operation toll counts)."""
    keep = ~rows
    best = None if fig.best is None else np.where(rows, 0.0, fig.best)
    return _Figures(
        lo=np.where(rows, 0.0, fig.lo),
        lo_known=fig.lo_known & keep,
        hi=np.where(rows, 0.0, fig.hi),
        hi_known=fig.hi_known & keep,
        best=best,
        has_best=None if fig.has_best is None else fig.has_best & keep,
        approx=None if fig.approx is None else fig.approx & keep,
    )


def _read_column(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A count column as float64 values (0 where missing) and a known mask.

    >>> _read_column(pd.Series([2, None], dtype="Int64"))
    (array([2., 0.]), array([ True, False]))
    """
    return values.to_numpy(dtype="float64", na_value=0.0), values.notna().to_numpy(dtype=bool)


def _read_figures(df: pd.DataFrame, measure: str) -> _Figures:
    """The low, high and best figure of ``measure`` per row, as :func:`tally_casualties` counts them.

    ``fatalities`` is one figure, low and high alike. With a best estimate (``<measure>_best``), the low end
    falls back to it, the best to the low end, and a best estimate alone fills the high end too.
    """
    if measure == FATALITIES:
        value, known = _read_column(df[FATALITIES])
        return _Figures(value, known, value, known)
    lo, lo_known = _read_column(df[f"{measure}_min"])
    hi, hi_known = _read_column(df[f"{measure}_max"])
    best_column = df.get(f"{measure}_best")
    if best_column is None or not best_column.notna().any():
        return _Figures(lo, lo_known, hi, hi_known)
    best, best_known = _read_column(best_column)
    only_best = best_known & ~lo_known & ~hi_known
    return _Figures(
        lo=np.where(lo_known, lo, best),
        lo_known=lo_known | best_known,
        hi=np.where(only_best, best, hi),
        hi_known=hi_known | only_best,
        best=np.where(best_known, best, lo),
        has_best=best_known,
        approx=only_best,
    )


def _sum_by_group(codes: np.ndarray, n_groups: int, fig: _Figures, applies: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per group: the sums of low and high, incidents with a figure, open ones, the sum of best (NaN when no
    incident of the group gives a best estimate), incidents where the measure applies, approximate ones."""
    sum_lo = np.bincount(codes, weights=fig.lo, minlength=n_groups)
    sum_hi = sum_lo if fig.hi is fig.lo else np.bincount(codes, weights=fig.hi, minlength=n_groups)
    # one count per group and state; state bits: 1 high known, 2 low known, 4 the measure applies
    state = fig.hi_known.view(np.int8) + fig.lo_known.view(np.int8) * 2 + applies.view(np.int8) * 4
    by_state = np.bincount(codes * 8 + state, minlength=8 * n_groups).reshape(n_groups, 8)
    bits = np.arange(8)
    n_fig = by_state[:, (bits & 3) != 0].sum(axis=1)
    n_open = by_state[:, (bits & 3) == 2].sum(axis=1)
    n_app = by_state[:, (bits & 4) != 0].sum(axis=1)
    if fig.best is None:
        sum_best, n_approx = np.full(n_groups, np.nan), np.zeros(n_groups, dtype="int64")
    else:
        n_best = np.bincount(codes[fig.has_best], minlength=n_groups)
        sum_best = np.bincount(codes, weights=fig.best, minlength=n_groups)
        sum_best = np.where(n_best > 0, sum_best, np.nan)  # no best estimate in the group: none to show
        n_approx = np.bincount(codes[fig.approx], minlength=n_groups)
    return sum_lo, sum_hi, n_fig, n_open, sum_best, n_app, n_approx


def group_columns(tally: pd.DataFrame) -> list[str]:
    """The group columns of a tally: those before ``measure``.

    >>> group_columns(pd.DataFrame(columns=["country", "measure", "low"]))
    ['country']
    """
    cols = list(tally.columns)
    return cols[: cols.index("measure")]


def _group(df: pd.DataFrame, by: str | None) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per row and the frame of group keys (one row per code)."""
    n = len(df)
    if by is None:
        return np.zeros(n, dtype="int64"), pd.DataFrame(index=range(1))
    if by == "incident":
        return np.arange(n, dtype="int64"), pd.DataFrame({"incident_id": df["incident_id"].to_numpy()}).astype(
            {"incident_id": df["incident_id"].dtype}
        )
    if by in ("week", "month"):
        # the period of each distinct day, found once: a million rows hold a few hundred days
        days, day_codes = dense_codes(df["event_date"].to_numpy(dtype="datetime64[D]").astype("int64"))
        starts, start_codes = dense_codes(find_period_starts(days.astype("datetime64[D]"), by).astype("int64"))
        codes = start_codes[day_codes]
        dtype = df["event_date"].dtype
        return codes, pd.DataFrame({"period": pd.Series(starts.astype("datetime64[D]")).astype(dtype)})
    column = df[by]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = column.cat.codes.to_numpy().astype("int64")
        levels = pd.Series(list(column.cat.categories) + [pd.NA], dtype=column.dtype)
        codes = np.where(codes < 0, len(levels) - 1, codes)
        return codes, pd.DataFrame({by: levels})
    codes, uniques = pd.factorize(column, sort=True, use_na_sentinel=False)
    return codes.astype("int64"), pd.DataFrame({by: pd.Series(uniques, dtype=column.dtype)})


def tally_casualties(
    df: pd.DataFrame, by: str | None = None, include_fatalities: bool = True, tolls: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Tally killed and injured per group, as ranges that say what is unknown.

    ``by`` is ``None`` (one group: all of ``df``), ``"country"``,
    ``"category"`` (any column works: groups in vocabulary order),
    ``"week"``/``"month"`` (ISO week or calendar month of ``event_date``,
    column ``period`` = first day), or ``"incident"`` (one group per row,
    column ``incident_id``).  Only groups holding incidents are listed.
    By a multi-valued column (``weapon``: ``rocket;drone``) an incident is
    tallied under each of its values, as :func:`analysis.metrics.counts.count_by`
    counts it: the groups then add up to more than the whole, whose tally is
    ``by=None`` (see "Several weapons in one incident" in ``data/CODEBOOK.md``).

    Measures: ``us_killed``, ``us_injured``, ``other_killed``,
    ``other_injured`` (see the module docstring) and, with
    ``include_fatalities``, ``fatalities``: ACLED's conservative figure,
    the sum of the lowest reported death totals (``low == high``; incidents
    without it are counted in ``incidents_unknown``).

    With ``<measure>_best`` columns (UCDP's best estimate), ``best`` sums each
    incident's best estimate, else its lowest figure; an incident with only a
    best estimate ("about N") counts N at the low end and leaves the high end
    open.  ``best`` is empty in a group where no incident has a best estimate.

    Only incidents where the measure applies are counted (see the module
    docstring); ``incidents`` is how many of the group's incidents that is.

    ``tolls`` (:func:`analysis.metrics.tolls.link_operation_tolls`) are
    figures sources give for a group of incidents: the incidents a toll
    covers are counted under it (``toll_*`` columns, see
    :func:`analysis.metrics.tolls.sum_tolls_by_group`), not in ``low``/``high``
    nor as unknown, so nothing is added twice.

    Returns, one row per group and measure, the group column (none when
    ``by`` is None), ``measure`` and ``low``, ``best``, ``high`` (Int64,
    empty when open, unknown or not applicable), ``high_open`` (bool),
    ``incidents`` (those where the measure applies), ``incidents_with_figure``,
    ``incidents_open``, ``incidents_unknown``, ``incidents_approximate`` (a
    best estimate only) and ``incidents_not_applicable`` (int64).
    """
    df = take_incidents(df, "tally_casualties")
    if by not in BY_OPTIONS and by not in df.columns:
        raise ValueError(f"tally_casualties: by must be one of {BY_OPTIONS} or a column; got {by!r}")
    if by in schema.MULTI_VALUED:  # an incident is tallied under each of its weapons, as count_by counts it
        df = explode_values(df, by)
    codes, keys = _group(df, by)
    n_groups = len(keys)
    incidents = np.bincount(codes, minlength=n_groups)
    present = np.flatnonzero(incidents > 0) if by is not None else np.arange(n_groups)
    measures = list(MEASURES) + ([FATALITIES] if include_fatalities else [])
    exposed = _find_exposed(df)
    blocks = {}
    for m in measures:
        fig = _read_figures(df, m)
        in_toll = find_toll_rows(df, tolls, m)
        if in_toll.any():  # counted under the toll, never a second time under the row's own figure
            fig = _drop_rows(fig, in_toll)
        applies = _find_applicable(df, m, exposed) & ~in_toll
        blocks[m] = tuple(part[present] for part in _sum_by_group(codes, n_groups, fig, applies))

    n_present, n_measures = len(present), len(measures)
    low = np.column_stack([blocks[m][0] for m in measures]).ravel()
    high = np.column_stack([blocks[m][1] for m in measures]).ravel()
    n_fig = np.column_stack([blocks[m][2] for m in measures]).ravel()
    n_open = np.column_stack([blocks[m][3] for m in measures]).ravel()
    best = np.column_stack([blocks[m][4] for m in measures]).ravel()
    n_all = np.repeat(incidents[present].astype("int64"), n_measures)
    n_inc = np.column_stack([blocks[m][5] for m in measures]).ravel()
    n_approx = np.column_stack([blocks[m][6] for m in measures]).ravel()
    no_figure = n_fig == 0
    high_open = n_open > 0
    out = keys.iloc[np.repeat(present, n_measures)].reset_index(drop=True)
    out["measure"] = pd.Series(np.tile(np.array(measures, dtype=object), n_present), dtype="string")
    out["low"] = pd.array(np.where(no_figure, np.nan, low), dtype="Float64").astype("Int64")
    out["best"] = pd.array(np.where(no_figure, np.nan, best), dtype="Float64").astype("Int64")  # NaN: no best given
    out["high"] = pd.array(np.where(no_figure | high_open, np.nan, high), dtype="Float64").astype("Int64")
    out["high_open"] = high_open
    out["incidents"] = n_inc
    out["incidents_with_figure"] = n_fig
    out["incidents_open"] = n_open
    out["incidents_unknown"] = n_inc - n_fig
    out["incidents_approximate"] = n_approx
    out["incidents_not_applicable"] = n_all - n_inc
    per_measure = [sum_tolls_by_group(df, codes, present, tolls, m) for m in measures]
    for column in TOLL_STAT_COLUMNS:
        stacked = np.column_stack([part[column].to_numpy(dtype=object) for part in per_measure]).ravel()
        out[column] = pd.Series(stacked, dtype=per_measure[0][column].dtype) if len(stacked) else per_measure[0][column]
    out["incidents_not_applicable"] -= out["incidents_in_tolls"]
    if tolls is not None and len(tolls):  # plain text: pandas compares attrs when it concatenates frames
        out.attrs[TOLL_LINKS_ATTR] = tolls.astype(object).where(tolls.notna(), None).to_json(orient="records")
    if by is None and len(df) == 0:
        out = out.iloc[0:0].reset_index(drop=True)
    return out


def widen_tally(tally: pd.DataFrame, measures=None) -> pd.DataFrame:
    """One row per group, one column per measure and statistic.

    Returns the group columns of ``tally`` followed by, for each measure
    ``m`` (all in ``tally`` unless ``measures`` is given, in that order),
    ``m_low``, ``m_high``, ``m_high_open``, ``m_incidents``,
    ``m_incidents_with_figure``, ``m_incidents_open``, ``m_incidents_unknown``.
    """
    keys = group_columns(tally)
    names = list(measures) if measures is not None else tally["measure"].drop_duplicates().tolist()
    wide = None
    for m in names:
        part = tally.loc[tally["measure"] == m, keys + STAT_COLUMNS].reset_index(drop=True)
        part = part.rename(columns={c: f"{m}_{c}" for c in STAT_COLUMNS})
        if wide is None:
            wide = part
        elif keys:
            wide = wide.merge(part, on=keys, how="outer", sort=False)
        else:
            wide = pd.concat([wide, part], axis=1)
    if wide is None:
        return tally[keys].iloc[0:0].copy()
    return wide
