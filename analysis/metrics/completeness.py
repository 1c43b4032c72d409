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


SPAN_COLUMNS = ["period_start", "period_end"]


def select_covered_spans(coverage: pd.DataFrame, countries=()) -> pd.DataFrame:
    """The stretches of days that ``coverage`` (rows of ``coverage.csv``) covers for ``countries``.

    A row counts when it covers every country (empty ``countries``) or one
    of ``countries``; with no ``countries`` (a selection of every country)
    every row counts.  Overlapping or touching periods are merged.  Returns
    columns ``period_start``, ``period_end`` (``datetime64[s]``), sorted.

    >>> cov = pd.DataFrame({"period_start": pd.to_datetime(["2024-03-01", "2019-01-01", "2024-01-01"]),
    ...                     "period_end": pd.to_datetime(["2024-06-30", "2020-12-31", "2024-02-29"]),
    ...                     "countries": [None, "Syria", None]})
    >>> select_covered_spans(cov, ["Iraq"]).astype(str).values.tolist()
    [['2024-01-01', '2024-06-30']]
    >>> len(select_covered_spans(cov))
    2
    """
    wanted = set(countries or ())
    keep = [
        not wanted or not split_countries(listed) or bool(wanted & set(split_countries(listed)))
        for listed in coverage["countries"]
    ]
    rows = coverage.loc[np.asarray(keep, dtype=bool)].dropna(subset=SPAN_COLUMNS)
    starts, ends = merge_spans(rows["period_start"], rows["period_end"])
    return pd.DataFrame(
        {"period_start": starts.astype("datetime64[s]"), "period_end": ends.astype("datetime64[s]")},
        columns=SPAN_COLUMNS,
    )


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
