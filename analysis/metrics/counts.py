"""How many incidents per country, place, weapon, claimant, outcome or category."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema


def explode_values(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per value of a multi-valued column (``schema.MULTI_VALUED``), other columns repeated.

    ``column`` comes back categorical with the vocabulary's order (values outside it after, sorted);
    an empty cell stays one row with ``<NA>``. Other columns pass through unchanged.

    >>> explode_values(pd.DataFrame({"weapon": ["rocket;drone", "drone", None]}), "weapon")["weapon"].tolist()
    ['rocket', 'drone', 'drone', nan]
    """
    values = df[column]
    if isinstance(values.dtype, pd.CategoricalDtype):
        return df
    # split each distinct cell once, then repeat rows by integer codes (a million rows hold a few dozen cells)
    codes, cells = pd.factorize(values.astype("string"), use_na_sentinel=True)
    items = [[p.strip() for p in str(c).split(schema.LIST_SEPARATOR) if p.strip()] or [None] for c in cells]
    items.append([None])  # code -1, an empty cell: one row with <NA>
    vocabulary = list(schema.FILTER_VOCABULARIES.get(column, ()))
    found = {i for cell in items for i in cell if i is not None}
    categories = vocabulary + sorted(found - set(vocabulary))
    position = {c: k for k, c in enumerate(categories)}
    flat = np.array([position[i] if i is not None else -1 for cell in items for i in cell], dtype=np.int64)
    lengths = np.array([len(cell) for cell in items], dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    codes = np.where(codes < 0, len(cells), codes)
    per_row = lengths[codes]
    rows = np.repeat(np.arange(len(df)), per_row)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    item_codes = flat[np.repeat(starts[codes], per_row) + offset]
    return df.iloc[rows].assign(**{column: pd.Categorical.from_codes(item_codes, categories=categories)})


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
    A multi-valued dimension (``weapon``: ``rocket;drone``) counts an
    incident once under each of its values, so its counts may sum to more
    than the number of incidents.
    Rows are sorted by count, largest first; ties keep the vocabulary order
    for categories and alphabetical order for text, the empty-value row last.
    With ``top``, the rows after the first ``top`` are summed into one
    ``"(other)"`` row.

    Returns columns ``dimension`` (string), ``incidents`` (int64) and
    ``share`` (float64, the row's fraction of all incidents; the shares sum
    to 1 except for a multi-valued dimension, and are NaN when ``df`` is empty).
    """
    if dimension not in df.columns:
        raise KeyError(f"count_by: no column {dimension!r}; columns are {', '.join(df.columns)}")
    n_incidents = len(df)
    if dimension in schema.MULTI_VALUED:
        df = explode_values(df[[dimension]], dimension)
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
    total = n_incidents if dimension in schema.MULTI_VALUED else int(out["incidents"].sum())
    out[dimension] = out[dimension].astype("string")
    out["incidents"] = out["incidents"].astype("int64")
    out["share"] = out["incidents"] / total if total else np.nan
    out["share"] = out["share"].astype("float64")
    return out
