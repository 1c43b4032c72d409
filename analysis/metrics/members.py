"""Which incidents stand behind a chart mark: the first few of each group, so tooltips can name them.

Pure: a frame of incidents in, a long frame of sampled members out. A bar of
"3 drone attacks in the week of 2024-01-22" is a group (period, value); its
tooltip lists the first incidents of that group and its click opens their cards.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.metrics.frequency import find_period_starts

MULTI_SEPARATOR = ";"
"""A cell such as ``"rocket;drone"`` belongs to the group of each value as well as to its own."""


def _group_values(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Row positions and group value of each (row, value) pair; empty cells are left out.

    >>> rows, keys = _group_values(pd.Series(["rocket;drone", None, "drone"]))
    >>> rows.tolist(), keys.tolist()
    ([0, 2, 0, 0], ['rocket;drone', 'drone', 'rocket', 'drone'])
    """
    text = values.astype("string")
    known = text.notna().to_numpy()
    rows = np.flatnonzero(known)
    keys = text[known].to_numpy(dtype=object)
    multi = np.array([MULTI_SEPARATOR in k for k in keys], dtype=bool)
    if not multi.any():
        return rows, keys
    parts = [(r, p.strip()) for r, k in zip(rows[multi], keys[multi]) for p in k.split(MULTI_SEPARATOR) if p.strip()]
    extra_rows = np.array([r for r, _ in parts], dtype=rows.dtype)
    extra_keys = np.array([p for _, p in parts], dtype=object)
    return np.concatenate([rows, extra_rows]), np.concatenate([keys, extra_keys])


def sample_members(df: pd.DataFrame, by: str | None = None, freq: str | None = None, limit: int = 10) -> pd.DataFrame:
    """The first ``limit`` incidents (by date, then id) of each group of ``df``.

    Groups are the values of ``by`` (a cell holding several values separated
    by ``;`` belongs to each of them and to the combination itself; empty cells
    to no group) and, with ``freq`` (``"day"``, ``"week"``, ``"month"``), the
    period holding ``event_date``; with neither, ``df`` is one group.

    Returns one row per sampled incident: ``period`` (with ``freq``, the first
    day), ``key`` (with ``by``, the group's value as text), ``incident_id``,
    ``row`` (position in ``df``) and ``group_size`` (incidents in the group),
    ordered by group then date.

    >>> df = pd.DataFrame({"incident_id": ["A", "B", "C"], "weapon": ["drone", "rocket", "drone"],
    ...                    "event_date": pd.to_datetime(["2024-01-03", "2024-01-02", "2024-01-01"])})
    >>> sample_members(df, by="weapon", limit=1)[["key", "incident_id", "group_size"]].values.tolist()
    [['drone', 'C', 2], ['rocket', 'B', 1]]
    """
    if by is not None:
        rows, keys = _group_values(df[by])
    else:
        rows, keys = np.arange(len(df)), np.full(len(df), "", dtype=object)
    long = pd.DataFrame(
        {
            "key": pd.Series(keys, dtype="string"),
            "incident_id": df["incident_id"].astype("string").to_numpy()[rows],
            "row": rows.astype("int64"),
            "_day": df["event_date"].to_numpy(dtype="datetime64[D]")[rows],
        }
    )
    group_keys = ["key"]
    if freq is not None:
        long = long.loc[~np.isnat(long["_day"].to_numpy())]
        starts = find_period_starts(long["_day"].to_numpy(dtype="datetime64[D]"), freq)
        long.insert(0, "period", pd.Series(starts, index=long.index).astype(df["event_date"].dtype))
        group_keys = ["period", "key"]
    long = long.sort_values([*group_keys, "_day", "incident_id"], kind="stable")
    long["group_size"] = long.groupby(group_keys, sort=False)["row"].transform("size").astype("int64")
    out = long.groupby(group_keys, sort=False).head(limit).drop(columns="_day")
    if by is None:
        out = out.drop(columns="key")
    return out.reset_index(drop=True)
