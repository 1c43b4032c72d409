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


def _group_values(values: pd.Series) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Row positions and key code of each (row, value) pair, and the key names; empty cells are left out.

    Works on the distinct values only, so a million rows of a few values stay cheap.

    >>> rows, codes, names = _group_values(pd.Series(["rocket;drone", None, "drone"]))
    >>> rows.tolist(), [names[c] for c in codes]
    ([0, 2, 0, 0], ['rocket;drone', 'drone', 'rocket', 'drone'])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype("int64")
        names = [str(c) for c in values.cat.categories]
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        codes = codes.astype("int64")
        names = [str(u) for u in uniques]
    rows = np.flatnonzero(codes >= 0)
    codes = codes[rows]
    extra_rows, extra_codes = [rows], [codes]
    for code, name in list(enumerate(names)):
        if MULTI_SEPARATOR not in name:
            continue
        holders = rows[codes == code]
        for part in dict.fromkeys(p.strip() for p in name.split(MULTI_SEPARATOR) if p.strip()):
            if part not in names:
                names.append(part)
            extra_rows.append(holders)
            extra_codes.append(np.full(len(holders), names.index(part), dtype="int64"))
    return np.concatenate(extra_rows), np.concatenate(extra_codes), names


def sample_members(df: pd.DataFrame, by: str | None = None, freq: str | None = None, limit: int = 10) -> pd.DataFrame:
    """The first ``limit`` incidents (by date, then table order) of each group of ``df``.

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
        rows, codes, names = _group_values(df[by])
    else:
        rows, codes, names = np.arange(len(df)), np.zeros(len(df), dtype="int64"), [""]
    all_days = df["event_date"].to_numpy(dtype="datetime64[D]")
    days = all_days[rows]
    dated = ~np.isnat(days)
    if freq is not None:
        rows, codes, days = rows[dated], codes[dated], days[dated]
        periods = find_period_starts(days, freq).astype("int64")
    else:
        periods = np.zeros(len(rows), dtype="int64")
    day_keys = np.where(np.isnat(days), np.iinfo("int64").max, days.astype("int64"))
    order = np.lexsort((rows, day_keys, codes, periods))
    rows, codes, periods = rows[order], codes[order], periods[order]
    new_group = np.ones(len(rows), dtype=bool)
    new_group[1:] = (codes[1:] != codes[:-1]) | (periods[1:] != periods[:-1])
    starts = np.flatnonzero(new_group)
    sizes = np.diff(np.append(starts, len(rows)))
    group = np.cumsum(new_group) - 1
    rank = np.arange(len(rows)) - starts[group] if len(rows) else np.zeros(0, dtype="int64")
    take = rank < limit
    rows, codes, periods, size = rows[take], codes[take], periods[take], sizes[group[take]]
    out = pd.DataFrame(
        {
            "key": pd.Series(np.asarray(names, dtype=object)[codes] if names else [], dtype="string"),
            "incident_id": df["incident_id"].iloc[rows].astype("string").to_numpy(),
            "row": rows.astype("int64"),
            "group_size": size.astype("int64"),
        }
    )
    if freq is not None:
        out.insert(0, "period", pd.Series(periods.astype("datetime64[D]")).astype(df["event_date"].dtype))
    if by is None:
        out = out.drop(columns="key")
    return out
