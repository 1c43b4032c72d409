"""What the table covers and how complete it is: the spans ``coverage.csv`` claims, and the share of a total stated
by the sources that the incident table holds."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.vocabulary import is_missing

COVERAGE_COLUMNS = [
    "total_id",
    "scope",
    "period_start",
    "as_of",
    "countries",
    "reported_min",
    "reported_max",
    "incidents_in_table",
    "share_low",
    "share_high",
]


def split_countries(text) -> list[str]:
    """The countries of a ``;``-separated list; empty or missing gives ``[]``.

    >>> split_countries("Iraq; Syria")
    ['Iraq', 'Syria']
    >>> split_countries(None)
    []
    """
    if is_missing(text):
        return []
    return [c.strip() for c in str(text).split(";") if c.strip()]


def compare_with_reported_totals(incidents: pd.DataFrame, reported_totals: pd.DataFrame) -> pd.DataFrame:
    """Set each reported number of attacks on US forces against the table's own count.

    For each row of ``reported_totals`` with metric ``attacks_on_us``, count
    the incidents of category ``attack_on_us`` dated from ``period_start``
    (from the first incident when empty) to ``as_of``, both inclusive, in the
    listed ``countries`` (all countries when empty).  The share held is the
    count over the reported value: a range when the value is a range
    (``count / max`` to ``count / min``); with an open-ended value ("over
    160") only the upper end ``count / min`` is known, ``share_low`` is empty.

    Returns columns ``total_id``, ``scope``, ``period_start``, ``as_of``,
    ``countries``, ``reported_min``, ``reported_max`` (Int64),
    ``reported`` (text, e.g. ``"≥160"``), ``incidents_in_table`` (int64),
    ``share_low``, ``share_high`` (float64, empty when unknown) and
    ``share_held`` (text, e.g. ``"40–45%"``), in the order of
    ``reported_totals``.
    """
    totals = reported_totals.loc[reported_totals["metric"].astype("string") == "attacks_on_us"]
    is_attack = (incidents["category"] == "attack_on_us").to_numpy(dtype=bool, na_value=False)
    days = incidents["event_date"].to_numpy(dtype="datetime64[D]")[is_attack]
    country_codes, country_names = pd.factorize(incidents["country"])
    country_codes = country_codes[is_attack]
    code_of = {str(name): i for i, name in enumerate(country_names)}
    rows = []
    for t in totals.itertuples(index=False):
        wanted = split_countries(t.countries)
        unknown = [c for c in wanted if c not in schema.COUNTRIES]
        if unknown:
            raise ValueError(
                f"reported_totals.csv, total_id {t.total_id}: countries {', '.join(map(repr, unknown))} "
                f"not in the vocabulary; expected one of {', '.join(schema.COUNTRIES)}"
            )
        mask = days <= np.datetime64(pd.Timestamp(t.as_of).date(), "D")
        if not pd.isna(t.period_start):
            mask &= days >= np.datetime64(pd.Timestamp(t.period_start).date(), "D")
        if wanted:
            mask &= np.isin(country_codes, [code_of[c] for c in wanted if c in code_of])
        held = int(mask.sum())
        lo, hi = t.value_min, t.value_max
        share_high = held / lo if not pd.isna(lo) and lo > 0 else np.nan
        share_low = held / hi if not pd.isna(hi) and hi > 0 else np.nan
        rows.append(
            {
                "total_id": t.total_id,
                "scope": t.scope,
                "period_start": t.period_start,
                "as_of": t.as_of,
                "countries": t.countries,
                "reported_min": lo,
                "reported_max": hi,
                "incidents_in_table": held,
                "share_low": share_low,
                "share_high": share_high,
            }
        )
    out = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
    for col in ("period_start", "as_of"):
        out[col] = pd.to_datetime(out[col]) if len(out) else pd.Series([], dtype="datetime64[us]")
    return out.astype(
        {
            "total_id": "string",
            "scope": "string",
            "countries": "string",
            "reported_min": "Int64",
            "reported_max": "Int64",
            "incidents_in_table": "int64",
            "share_low": "float64",
            "share_high": "float64",
        }
    )


def select_overlapping_totals(
    reported_totals: pd.DataFrame, start=None, end=None, countries=(), categories=(), locations=()
) -> pd.DataFrame:
    """The reported totals of attacks on US forces whose scope overlaps a selection; none for a place profile.

    A total overlaps when its period (``period_start``, open when empty, to
    ``as_of``) meets ``start``..``end`` (open when None or ""), its countries
    (every country when empty) meet ``countries`` (every country when empty)
    and ``categories`` (every category when empty) include attacks on US
    forces.  A selection of ``locations`` (one base or place) overlaps no
    total: a regional figure says nothing about one place.  Rows keep the
    columns and order of ``reported_totals``.
    """
    totals = reported_totals.loc[(reported_totals["metric"].astype("string") == "attacks_on_us").to_numpy(bool)]
    if list(locations or ()) or (categories and "attack_on_us" not in set(categories)):
        return totals.iloc[0:0]
    keep = np.ones(len(totals), dtype=bool)
    if start:
        keep &= (pd.to_datetime(totals["as_of"]) >= pd.Timestamp(start)).to_numpy(bool)
    if end:
        keep &= (pd.to_datetime(totals["period_start"]).fillna(pd.Timestamp.min) <= pd.Timestamp(end)).to_numpy(bool)
    if countries:
        named = [set(split_countries(c)) for c in totals["countries"]]
        keep &= np.array([not n or bool(n & set(countries)) for n in named], dtype=bool)
    return totals.loc[keep]


def find_series_totals(compared: pd.DataFrame, start=None, countries=()) -> np.ndarray:
    """Boolean per row of :func:`compare_with_reported_totals` output: does the total count the same series as a
    running count of attacks on US forces from ``start`` in ``countries``, so it may be drawn on that line?

    Same countries (both every country, or the same list) and a stated
    ``period_start`` equal to ``start``; a total of another scope is listed
    beside the chart, never drawn on it (a running count cannot fall from 160 to 100).

    >>> cmp = pd.DataFrame({"period_start": pd.to_datetime(["2023-10-07", None]), "countries": [None, "Iraq;Syria"]})
    >>> find_series_totals(cmp, "2023-10-07").tolist()
    [True, False]
    """
    if not start:
        return np.zeros(len(compared), dtype=bool)
    same_start = (pd.to_datetime(compared["period_start"]) == pd.Timestamp(start)).to_numpy(bool)
    wanted = set(countries or ())
    same_place = np.array([set(split_countries(c)) == wanted for c in compared["countries"]], dtype=bool)
    return same_start & same_place


SPAN_COLUMNS = ["period_start", "period_end"]
ZERO_CLAIM_COLUMNS = ["period_start", "period_end", "countries", "total_id", "source_id", "quote"]
METRIC_CATEGORY = {"attacks_on_us": "attack_on_us"}
"""The incident category a reported total's metric counts (only such totals can say a period is complete)."""


def select_zero_claims(reported_totals: pd.DataFrame, countries=(), categories=()) -> pd.DataFrame:
    """The reported totals that state *none* happened over a period, where they speak for the selection.

    A total of 0 (``value_max`` 0, with a ``period_start``) is a source's
    claim that its period is complete: no incident of its kind.  It speaks
    for a selection when the selection holds only the category its metric
    counts (``METRIC_CATEGORY``: ``attacks_on_us`` for ``attack_on_us``) and
    only countries it names (every country when it names none).

    Returns columns ``period_start``, ``period_end`` (``as_of``),
    ``countries``, ``total_id``, ``source_id``, ``quote``.

    >>> rt = pd.DataFrame({"metric": ["attacks_on_us"], "period_start": pd.to_datetime(["2024-02-01"]),
    ...     "as_of": pd.to_datetime(["2024-04-20"]), "value_max": [0], "countries": [None],
    ...     "total_id": ["RT-1"], "source_id": ["S1"], "quote": ["no attacks since February"]})
    >>> len(select_zero_claims(rt, ["Iraq"], ["attack_on_us"])), len(select_zero_claims(rt))
    (1, 0)
    """
    wanted_categories = set(categories or ())
    rows = []
    for t in reported_totals.itertuples(index=False):
        category = METRIC_CATEGORY.get(str(t.metric))
        if category is None or pd.isna(t.value_max) or t.value_max != 0 or pd.isna(t.period_start):
            continue
        named = set(split_countries(t.countries))
        if wanted_categories != {category} or (named and not (countries and set(countries) <= named)):
            continue
        rows.append([t.period_start, t.as_of, t.countries, t.total_id, t.source_id, t.quote])
    out = pd.DataFrame(rows, columns=ZERO_CLAIM_COLUMNS)
    for col in SPAN_COLUMNS:
        out[col] = pd.to_datetime(out[col]).astype("datetime64[s]")
    return out


def select_claimed_spans(coverage: pd.DataFrame, reported_totals: pd.DataFrame, countries=(), categories=()):
    """Every span the data claims complete for a selection: ``coverage`` rows and the sources' stated zeros.

    ``coverage`` holds only real claims (``coverage.csv`` rows; none when the
    file is absent); see :func:`select_covered_spans` and
    :func:`select_zero_claims`.  Returns columns ``period_start``,
    ``period_end`` (``datetime64[s]``), merged and sorted.
    """
    listed = select_covered_spans(coverage, countries)
    zeros = select_zero_claims(reported_totals, countries, categories)
    both = pd.concat([listed, zeros[SPAN_COLUMNS]], ignore_index=True)
    starts, ends = merge_spans(both["period_start"], both["period_end"])
    return pd.DataFrame(
        {"period_start": starts.astype("datetime64[s]"), "period_end": ends.astype("datetime64[s]")},
        columns=SPAN_COLUMNS,
    )


def select_covered_spans(coverage: pd.DataFrame, countries=()) -> pd.DataFrame:
    """The stretches of days that ``coverage`` (rows of ``coverage.csv``) covers for every country of ``countries``.

    The scope is ``countries``, or every country of the vocabulary
    (``schema.COUNTRIES``) when empty (a selection of every country).  A day
    is covered only when, for each country in scope, a row naming it (or
    naming no country: every country) covers that day: a claim for Iraq
    alone says nothing about Syria, so it never makes an Iraq-and-Syria or
    an all-countries view complete.  Overlapping or touching periods are
    merged.  Returns columns ``period_start``, ``period_end``
    (``datetime64[s]``), sorted.

    >>> cov = pd.DataFrame({"period_start": pd.to_datetime(["2024-03-01", "2019-01-01", "2024-01-01"]),
    ...                     "period_end": pd.to_datetime(["2024-06-30", "2020-12-31", "2024-02-29"]),
    ...                     "countries": [None, "Syria", None]})
    >>> select_covered_spans(cov, ["Iraq"]).astype(str).values.tolist()
    [['2024-01-01', '2024-06-30']]
    >>> select_covered_spans(cov, ["Iraq", "Syria"]).astype(str).values.tolist()
    [['2024-01-01', '2024-06-30']]
    >>> len(select_covered_spans(cov))
    1
    """
    rows = coverage.dropna(subset=SPAN_COLUMNS)
    named = [set(split_countries(listed)) for listed in rows["countries"]]
    starts = ends = None
    for country in dict.fromkeys(countries or schema.COUNTRIES):
        keep = np.array([not n or country in n for n in named], dtype=bool)
        one = merge_spans(rows["period_start"].to_numpy()[keep], rows["period_end"].to_numpy()[keep])
        starts, ends = one if starts is None else intersect_spans((starts, ends), one)
    return pd.DataFrame(
        {"period_start": starts.astype("datetime64[s]"), "period_end": ends.astype("datetime64[s]")},
        columns=SPAN_COLUMNS,
    )


def intersect_spans(first, second) -> tuple[np.ndarray, np.ndarray]:
    """The days both lists of merged day spans (``(starts, ends)``, both days included) cover.

    >>> day = lambda *d: np.array(d, "datetime64[D]")
    >>> a = day("2024-01-01", "2024-03-01"), day("2024-01-31", "2024-03-31")
    >>> b = day("2024-01-15"), day("2024-03-10")
    >>> [x.astype(str).tolist() for x in intersect_spans(a, b)]
    [['2024-01-15', '2024-03-01'], ['2024-01-31', '2024-03-10']]
    """
    out_starts, out_ends = [], []
    for a, b in zip(*first):
        for c, d in zip(*second):
            lo, hi = max(a, c), min(b, d)
            if lo <= hi:
                out_starts.append(lo)
                out_ends.append(hi)
    return merge_spans(out_starts, out_ends)


def merge_spans(starts, ends) -> tuple[np.ndarray, np.ndarray]:
    """Day spans (first and last day, both included) sorted, with overlapping or touching spans merged.

    >>> a, b = merge_spans(["2024-01-05", "2024-01-01", "2024-02-01"], ["2024-01-09", "2024-01-04", "2024-02-02"])
    >>> a.astype(str).tolist(), b.astype(str).tolist()
    (['2024-01-01', '2024-02-01'], ['2024-01-09', '2024-02-02'])
    """
    starts = np.asarray(pd.to_datetime(pd.Series(starts, dtype=object))).astype("datetime64[D]")
    ends = np.asarray(pd.to_datetime(pd.Series(ends, dtype=object))).astype("datetime64[D]")
    order = np.argsort(starts, kind="stable")
    merged: list[list[np.datetime64]] = []
    for a, b in zip(starts[order], ends[order]):
        if merged and a <= merged[-1][1] + np.timedelta64(1, "D"):
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return (
        np.array([a for a, _ in merged], dtype="datetime64[D]"),
        np.array([b for _, b in merged], dtype="datetime64[D]"),
    )
