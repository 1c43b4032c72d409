"""Operation tolls: casualty figures a source gives for a group of incidents, not split between them.

A row of ``reported_totals.csv`` whose ``metric`` names a casualty measure
(``other_killed`` ...) and whose ``operation`` names the incidents' operation
label is a toll of those incidents (of those in its ``countries`` when it
names any): SOHR's "at least 18 killed" for the US strike wave of February
2024 in Syria covers three rows.  :func:`link_operation_tolls` lists, for
each such toll, the incidents it covers; :func:`analysis.metrics.casualties.tally_casualties`
then counts those incidents under the toll, never a second time under their own figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.metrics.completeness import split_countries

TOLL_LINK_COLUMNS = [
    "total_id",
    "measure",
    "value_min",
    "value_best",
    "value_max",
    "operation",
    "countries",
    "source_id",
    "incident_id",
]
TOLL_STAT_COLUMNS = ["toll_low", "toll_high", "toll_high_open", "toll_approximate", "toll_ids", "incidents_in_tolls"]


def link_operation_tolls(incidents: pd.DataFrame, reported_totals: pd.DataFrame) -> pd.DataFrame:
    """One row per operation toll and incident of ``incidents`` it covers.

    Returns columns ``total_id``, ``measure``, ``value_min``, ``value_best``,
    ``value_max`` (Int64), ``operation``, ``countries``, ``source_id`` and
    ``incident_id``.  A toll none of whose incidents is in ``incidents`` (another
    selection) has no row.

    >>> inc = pd.DataFrame({"incident_id": ["A", "B", "C"], "operation": ["wave", "wave", None],
    ...                     "country": ["Syria", "Iraq", "Syria"]})
    >>> rt = pd.DataFrame({"total_id": ["T"], "metric": ["other_killed"], "operation": ["wave"],
    ...     "countries": ["Syria"], "value_min": [18], "value_best": [None], "value_max": [None], "source_id": ["S1"]})
    >>> link_operation_tolls(inc, rt)["incident_id"].tolist()
    ['A']
    """
    if "operation" not in reported_totals.columns:
        return pd.DataFrame(columns=TOLL_LINK_COLUMNS)
    tolls = reported_totals.loc[
        reported_totals["metric"].astype("string").isin(schema.CASUALTY_PREFIXES).to_numpy(dtype=bool, na_value=False)
        & reported_totals["operation"].notna().to_numpy(dtype=bool)
    ]
    operation = incidents["operation"].astype("string")
    country = incidents["country"].astype("string")
    rows = []
    for t in tolls.itertuples(index=False):
        covered = (operation == str(t.operation)).to_numpy(dtype=bool, na_value=False)
        named = split_countries(t.countries)
        if named:
            covered &= country.isin(named).to_numpy(dtype=bool, na_value=False)
        for incident_id in incidents["incident_id"].to_numpy()[covered]:
            rows.append([t.total_id, str(t.metric), t.value_min, t.value_best, t.value_max, t.operation, t.countries,
                         t.source_id, incident_id])  # fmt: skip
    out = pd.DataFrame(rows, columns=TOLL_LINK_COLUMNS)
    return out.astype({"value_min": "Int64", "value_best": "Int64", "value_max": "Int64"})


def find_toll_rows(df: pd.DataFrame, links: pd.DataFrame | None, measure: str) -> np.ndarray:
    """Boolean per row of ``df``: is its ``measure`` counted by an operation toll in ``links``?"""
    if links is None or len(links) == 0:
        return np.zeros(len(df), dtype=bool)
    ids = links.loc[links["measure"] == measure, "incident_id"]
    return df["incident_id"].isin(ids).to_numpy(dtype=bool, na_value=False)


def sum_tolls_by_group(
    df: pd.DataFrame, codes: np.ndarray, groups: np.ndarray, links: pd.DataFrame | None, measure: str
) -> pd.DataFrame:
    """The tolls of ``measure`` touching each group (``codes``: group per row of ``df``; ``groups``: listed groups).

    A toll counts once in every group holding one of its incidents.  Returns
    one row per listed group: ``toll_low``, ``toll_high`` (Int64, empty
    without toll or open), ``toll_high_open``, ``toll_approximate`` (bool: a
    best estimate alone), ``toll_ids`` (``;``-joined, empty without toll) and
    ``incidents_in_tolls`` (int64: the group's rows the tolls cover).
    """
    n = len(groups)
    low, high = np.zeros(n), np.zeros(n)
    is_open, approx, has = np.zeros(n, bool), np.zeros(n, bool), np.zeros(n, bool)
    ids: list[list[str]] = [[] for _ in range(n)]
    rows = np.zeros(n, dtype="int64")
    position = {g: i for i, g in enumerate(groups)}
    if links is not None and len(links):
        part = links.loc[links["measure"] == measure]
        row_of = pd.Series(np.arange(len(df)), index=df["incident_id"].to_numpy())
        for total_id, one in part.groupby("total_id", sort=True):
            hit = [position[c] for c in np.unique(codes[row_of.reindex(one["incident_id"]).dropna().astype(int)])
                   if c in position]  # fmt: skip
            lo, best, hi = one["value_min"].iloc[0], one["value_best"].iloc[0], one["value_max"].iloc[0]
            only_best = pd.isna(lo) and pd.isna(hi) and not pd.isna(best)
            lo = best if pd.isna(lo) else lo
            for g in hit:
                has[g] = True
                ids[g].append(str(total_id))
                low[g] += 0 if pd.isna(lo) else float(lo)
                high[g] += float(best if only_best else (0 if pd.isna(hi) else hi))
                is_open[g] |= not only_best and pd.isna(hi)
                approx[g] |= only_best
        linked = find_toll_rows(df, links, measure)
        rows = np.bincount(codes[linked], minlength=max(codes.max(initial=-1) + 1, 0))[groups] if len(df) else rows
    return pd.DataFrame(
        {
            "toll_low": pd.array(np.where(has, low, np.nan), dtype="Float64").astype("Int64"),
            "toll_high": pd.array(np.where(has & ~is_open, high, np.nan), dtype="Float64").astype("Int64"),
            "toll_high_open": is_open,
            "toll_approximate": approx,
            "toll_ids": pd.array([";".join(i) if i else pd.NA for i in ids], dtype="string"),
            "incidents_in_tolls": np.asarray(rows, dtype="int64"),
        }
    )
