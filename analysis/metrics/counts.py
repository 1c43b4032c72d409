"""How many incidents per country, place, weapon, claimant, outcome or category."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema

COUNT_DIMENSIONS = ("country", "location", "weapon", "claimed_by", "outcome", "category")


def count_by(
    df: pd.DataFrame,
    dimension: str,
    include_empty: bool = False,
    top: int | None = None,
) -> pd.DataFrame:
    """Count incidents per value of ``dimension`` (any column; usually one of
    ``country``, ``location``, ``weapon``, ``claimed_by``, ``outcome``, ``category``).

    Empty values get their own row: ``"(unclaimed)"`` for ``claimed_by``,
    ``"(not stated)"`` otherwise.  With ``include_empty`` a categorical
    dimension lists every category of the vocabulary, zeros included.
    Rows are sorted by count, largest first; ties keep the vocabulary order
    for categories and alphabetical order for text, the empty-value row last.
    With ``top``, the rows after the first ``top`` are summed into one
    ``"(other)"`` row.

    Returns columns ``dimension`` (string), ``incidents`` (int64) and
    ``share`` (float64, the row's fraction of all incidents; the shares sum
    to 1, and are NaN when ``df`` is empty).
    """
    if dimension not in df.columns:
        raise KeyError(f"count_by: no column {dimension!r}; columns are {', '.join(df.columns)}")
    column = df[dimension]
    empty_label = schema.UNCLAIMED if dimension == "claimed_by" else schema.NOT_STATED
    categorical = isinstance(column.dtype, pd.CategoricalDtype)
    counts = column.value_counts(dropna=True, sort=False)
    if categorical and not include_empty:
        counts = counts[counts > 0]
    if categorical:
        counts = counts.reindex([c for c in column.cat.categories if c in counts.index])
        labels = [str(c) for c in counts.index]
        rank = np.arange(len(labels))
    else:
        labels = [str(c) for c in counts.index]
        rank = np.argsort(np.argsort(np.array(labels, dtype=object), kind="stable"), kind="stable")
    n_missing = int(column.isna().sum())
    values = counts.to_numpy(dtype="int64")
    if n_missing:
        labels, values, rank = labels + [empty_label], np.append(values, n_missing), np.append(rank, len(rank))
    out = pd.DataFrame({dimension: pd.Series(labels, dtype=object), "incidents": values, "_rank": rank})
    out = out.sort_values(["incidents", "_rank"], ascending=[False, True], kind="stable")
    if n_missing:  # the empty-value row after every named value with the same count
        out["_empty"] = out[dimension] == empty_label
        out = out.sort_values(["incidents", "_empty", "_rank"], ascending=[False, True, True], kind="stable")
    out = out[[dimension, "incidents"]].reset_index(drop=True)
    if top is not None and len(out) > top:
        rest = int(out["incidents"].iloc[top:].sum())
        out = pd.concat(
            [out.iloc[:top], pd.DataFrame({dimension: ["(other)"], "incidents": [rest]})], ignore_index=True
        )
    total = int(out["incidents"].sum())
    out[dimension] = out[dimension].astype("string")
    out["incidents"] = out["incidents"].astype("int64")
    out["share"] = out["incidents"] / total if total else np.nan
    out["share"] = out["share"].astype("float64")
    return out
