"""Where incidents happened: incidents grouped by place and category, with their deaths.

Pure: a frame of incidents in, arrays out. The map (:func:`analysis.reporting.charts.plot_incident_map`)
draws them; incidents placed only to their country (:func:`find_country_only`) are listed beside
it, not drawn as points.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype

from analysis import schema


def estimate_incident_deaths(df: pd.DataFrame) -> np.ndarray:
    """Deaths per incident: ``fatalities``, else US plus others killed (each its max, else its min);
    NaN when no source gives any of them (never 0)."""
    deaths = _as_floats(df["fatalities"])
    missing = np.isnan(deaths)
    if not missing.any():
        return deaths
    fallback = np.zeros(len(df))
    known = np.zeros(len(df), dtype=bool)
    for who in ("us_killed", "other_killed"):  # whole columns: cheaper than taking the missing rows first
        value = _as_floats(df[f"{who}_max"])
        value = np.where(np.isnan(value), _as_floats(df[f"{who}_min"]), value)
        given = ~np.isnan(value)
        known |= given
        fallback += np.where(given, value, 0.0)
    return np.where(missing & known, fallback, deaths)


def _as_floats(values: pd.Series) -> np.ndarray:
    """A numeric column as a new float64 array, NaN where missing; text that is not a number is NaN.

    >>> _as_floats(pd.Series([1, None, 3], dtype="Int64")).tolist()
    [1.0, nan, 3.0]
    >>> _as_floats(pd.Series(["33.5", "x"], dtype=object)).tolist()
    [33.5, nan]
    """
    if not is_numeric_dtype(values.dtype):
        values = pd.to_numeric(values, errors="coerce")
    return np.array(values.array.to_numpy(dtype="float64", na_value=np.nan), dtype="float64")


MAP_SIZES: tuple[str, ...] = ("deaths", "incidents", *schema.CASUALTY_PREFIXES)
"""What a map marker's area can stand for: deaths, incidents, or one casualty measure."""


def estimate_incident_figure(df: pd.DataFrame, size_by: str) -> np.ndarray:
    """Per incident, the figure a map marker adds up (``size_by`` one of :data:`MAP_SIZES`); NaN when unknown.

    ``deaths``: :func:`estimate_incident_deaths`; ``incidents``: 1; a casualty
    measure (``us_injured``, ...): its max, else its min.

    >>> df = pd.DataFrame({"us_injured_min": [2, None, None], "us_injured_max": [5, 1, None]}, dtype="Int64")
    >>> estimate_incident_figure(df, "us_injured").tolist()
    [5.0, 1.0, nan]
    """
    if size_by not in MAP_SIZES:
        raise ValueError(f"size_by: found {size_by!r}, expected one of {', '.join(MAP_SIZES)}")
    if size_by == "deaths":
        return estimate_incident_deaths(df)
    if size_by == "incidents":
        return np.ones(len(df))
    value = _as_floats(df[f"{size_by}_max"])
    return np.where(np.isnan(value), _as_floats(df[f"{size_by}_min"]), value)


def find_country_only(df: pd.DataFrame) -> np.ndarray:
    """True for each incident placed only to its country, which a map must not draw as a point.

    That is a row without coordinates or ``geo_precision`` (unknown place), without
    ``location``, or whose ``location`` is the country itself (the gazetteer's
    country-wide entry, e.g. "Israel", sits at the country's centre).

    >>> df = pd.DataFrame({"country": ["Israel", "Iraq", "Iraq", pd.NA],
    ...                    "location": ["Israel", "Akashat", pd.NA, pd.NA],
    ...                    "latitude": [31.0, 33.7, 33.0, np.nan], "longitude": [34.8, 39.9, 44.0, np.nan],
    ...                    "geo_precision": [3, 2, 3, pd.NA]})
    >>> find_country_only(df).tolist()
    [True, False, True, True]
    """
    no_point = np.isnan(_as_floats(df["latitude"])) | np.isnan(_as_floats(df["longitude"]))
    no_point |= df["geo_precision"].isna().to_numpy(dtype=bool)
    location, country = df["location"], df["country"]
    no_place = location.isna().to_numpy(dtype=bool).copy()
    # compare the distinct names only (case and spaces aside): a million rows hold a few hundred places
    folded = {_fold(n) for n in country.dropna().unique()}
    named = [n for n in pd.unique(location.dropna()) if _fold(n) in folded]  # places named like a country
    if named:
        rows = np.flatnonzero(location.isin(named).to_numpy(dtype=bool, na_value=False))
        loc_names = location.iloc[rows].to_numpy(dtype=object)
        country_names = country.iloc[rows].astype(object).to_numpy()
        no_place[rows] |= [not pd.isna(c) and _fold(n) == _fold(c) for n, c in zip(loc_names, country_names)]
    return no_point | no_place


def _fold(name) -> str:
    """A name as compared with another: case and surrounding spaces aside.

    >>> _fold(" Israel") == _fold("ISRAEL")
    True
    """
    return str(name).strip().casefold()


def aggregate_places(
    df: pd.DataFrame, sample_size: int = 10, sample_budget: int | None = None, size_by: str = "deaths"
) -> dict:
    """Group incidents by (location, category): one entry per group present.

    Returns a dict of arrays, one item per group: ``lon``, ``lat`` (of the
    group's first incident), ``country``, ``place``, ``category``,
    ``incidents`` (count), ``deaths`` (sum of :func:`estimate_incident_deaths`
    over the incidents that have a figure), ``incidents_with_deaths``,
    ``geo_precision`` (the coarsest of the group, 1 site to 3 region; NaN when none is given),
    ``first_day``, ``last_day`` (days since 1970-01-01); ``size`` (sum of
    :func:`estimate_incident_figure` of ``size_by`` over the incidents that
    have it) and ``incidents_with_size``; and the rows of each
    group's first ``sample_size`` incidents in table order as two aligned
    arrays ``sample_group`` (group index) and ``sample_rows`` (row position
    in ``df``). With ``sample_budget``, fewer per group (at least one) when
    ``sample_size`` per group would sample more than ``sample_budget`` rows in all.
    """
    categories = list(schema.CATEGORIES) + [schema.NOT_STATED]
    n_cat = len(categories)
    loc_codes, loc_names = pd.factorize(df["location"], use_na_sentinel=False)
    if isinstance(df["category"].dtype, pd.CategoricalDtype) and list(df["category"].cat.categories) == categories[:-1]:
        cat_codes = np.arange(n_cat)[df["category"].cat.codes.to_numpy()]  # code -1 (missing): the last, not stated
    else:
        names = df["category"].astype("object").where(df["category"].notna(), schema.NOT_STATED).to_numpy()
        cat_codes = np.array([categories.index(v) if v in categories else n_cat - 1 for v in pd.unique(names)])[
            pd.factorize(names)[0]
        ]
    deaths = estimate_incident_deaths(df)
    deaths_known = ~np.isnan(deaths)
    sized = deaths if size_by == "deaths" else estimate_incident_figure(df, size_by)
    sized_known = deaths_known if size_by == "deaths" else ~np.isnan(sized)
    key = loc_codes.astype("int64") * n_cat + cat_codes
    counts_all = np.bincount(key, minlength=len(loc_names) * n_cat)
    groups = np.flatnonzero(counts_all)
    position = np.cumsum(counts_all > 0) - 1
    inverse = position[key]
    n_groups = len(groups)
    counts = counts_all[groups]
    # one stable sort by group: each group's rows are a run, in table order; runs reduce with numpy
    order = np.argsort(inverse.astype(np.int16 if n_groups < 2**15 else np.int64), kind="stable")
    run_start = np.cumsum(counts) - counts
    first_day, last_day, coarsest = _reduce_runs(df, order, run_start)
    if sample_budget is not None:
        sample_size = max(1, min(sample_size, sample_budget // max(n_groups, 1)))
    take = np.minimum(counts, sample_size)
    first_row = order[run_start]
    taken_group = np.repeat(np.arange(n_groups), take)
    offset = np.arange(take.sum()) - np.repeat(np.cumsum(take) - take, take)
    rows = order[run_start[taken_group] + offset]
    return {
        "lon": df["longitude"].to_numpy(dtype="float64")[first_row],
        "lat": df["latitude"].to_numpy(dtype="float64")[first_row],
        "country": df["country"].iloc[first_row].astype("object").fillna("").to_numpy(),
        "place": np.asarray(loc_names, dtype=object)[groups // n_cat],
        "category": np.array(categories, dtype=object)[groups % n_cat],
        "incidents": counts,
        "deaths": np.bincount(inverse, weights=np.where(deaths_known, deaths, 0.0), minlength=n_groups),
        "incidents_with_deaths": np.bincount(inverse[deaths_known], minlength=n_groups).astype("int64"),
        "size": np.bincount(inverse, weights=np.where(sized_known, sized, 0.0), minlength=n_groups),
        "incidents_with_size": np.bincount(inverse[sized_known], minlength=n_groups).astype("int64"),
        "geo_precision": coarsest,
        "first_day": first_day,
        "last_day": last_day,
        "sample_group": taken_group,
        "sample_rows": rows,
    }


def _reduce_runs(df: pd.DataFrame, order: np.ndarray, run_start: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per run of ``order`` (a group's rows, starting at ``run_start``): the first and last day of
    ``event_date`` (days since 1970-01-01) and the coarsest ``geo_precision`` (NaN when none is given)."""
    if not len(run_start):
        return np.zeros(0, dtype="int64"), np.zeros(0, dtype="int64"), np.zeros(0)
    day = df["event_date"].to_numpy(dtype="datetime64[D]").astype("int64")[order]
    coarsest = np.fmax.reduceat(_as_floats(df["geo_precision"])[order], run_start)  # fmax: NaN only when all are
    return np.minimum.reduceat(day, run_start), np.maximum.reduceat(day, run_start), coarsest
