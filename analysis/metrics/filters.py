"""Select incidents by date, country, category, actor, weapon and place.

Every filter is optional (``None`` keeps every row) and accepts one value or
a list of values; values within one filter are alternatives (OR), different
filters must all hold (AND).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import schema


def list_values(values) -> list[str] | None:
    """One value or an iterable of values as a list; ``None`` stays ``None``.

    >>> list_values("Iraq")
    ['Iraq']
    >>> list_values(("Iraq", "Syria"))
    ['Iraq', 'Syria']
    >>> list_values(None) is None
    True
    """
    if values is None:
        return None
    if isinstance(values, str):
        return [values]
    if isinstance(values, Iterable):
        return [str(v) for v in values]
    return [str(values)]


_VOCABULARIES = {**schema.FILTER_VOCABULARIES, "grade": tuple(schema.GRADES)}
"""The filter vocabularies of the incident columns, and the grades derived from the sources."""


def _check_vocabulary(column: str, values: list[str]) -> None:
    allowed = _VOCABULARIES[column]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(
            f"filter on {column}: {', '.join(map(repr, unknown))} not in the vocabulary; "
            f"expected one of {', '.join(allowed)}"
        )


def _match_exact(column: pd.Series, values: list[str]) -> np.ndarray:
    return column.isin(values).to_numpy(dtype=bool, na_value=False)


def _match_items(column: pd.Series, values: list[str]) -> np.ndarray:
    """Rows whose ``;``-separated cell holds any of ``values`` (on the distinct cells only).

    >>> _match_items(pd.Series(["rocket;drone", "drone", None]), ["rocket"]).tolist()
    [True, False, False]
    """
    codes, uniques = pd.factorize(column)
    wanted = set(values)
    hit = np.array([bool(wanted.intersection(schema.split_values(u))) for u in uniques], dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def _match_text(column: pd.Series, values: list[str], exact: bool) -> np.ndarray:
    """Case-insensitive match of a text column against any of ``values``.

    Works on the distinct values of the column, so a million rows with a few
    hundred distinct names cost one pass of factorisation.
    """
    codes, uniques = pd.factorize(column)
    names = pd.Series(uniques, dtype="string").str.casefold()
    hit = np.zeros(len(names), dtype=bool)
    for v in values:
        needle = v.casefold()
        m = names == needle if exact else names.str.contains(needle, regex=False)
        hit |= m.to_numpy(dtype=bool, na_value=False)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def _to_timestamp(value, name: str) -> pd.Timestamp:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"filter on event_date: {name}={value!r} is not a date (expected YYYY-MM-DD)") from err
    if ts.tzinfo is not None:
        raise ValueError(f"filter on event_date: {name}={value!r} has a time zone; event_date is a naive local date")
    return ts


def filter_incidents(
    df: pd.DataFrame,
    start=None,
    end=None,
    countries=None,
    categories=None,
    perpetrators=None,
    claimed_by=None,
    weapons=None,
    locations=None,
    exact_actor: bool = False,
    grades=None,
) -> pd.DataFrame:
    """The incidents of ``df`` that pass every given filter.

    - ``start``/``end``: dates (``"2024-01-28"``, ``Timestamp``, ``date``),
      both inclusive, compared with ``event_date``;
    - ``countries``, ``categories``, ``weapons``: exact values of the
      schema's vocabularies (a value outside it raises ``ValueError``); an
      incident with several weapons (``rocket;drone``) matches each of them;
    - ``grades``: incident grades (``schema.GRADES``), matched against the
      ``grade`` column that :func:`analysis.reporting.page.open_report` adds to
      ``report.selected`` (:func:`analysis.metrics.grades.grade_incidents`);
    - ``locations``: canonical place names, matched case-insensitively as
      whole names;
    - ``perpetrators``, ``claimed_by``: matched case-insensitively as a
      substring of the column (``"kata'ib"`` finds ``"Kata'ib Hezbollah"``),
      or as the whole value with ``exact_actor=True``.  An unclaimed
      incident (empty ``claimed_by``) never matches a ``claimed_by`` filter.

    Returns the matching rows with every column of ``df``, in the original
    order and with the original index (``df`` itself when no filter is given;
    pandas' copy-on-write keeps it safe to modify).
    """
    mask = np.ones(len(df), dtype=bool)
    filtered = False
    if start is not None or end is not None:
        dates = df["event_date"]
        if start is not None:
            mask &= (dates >= _to_timestamp(start, "start")).to_numpy(dtype=bool, na_value=False)
        if end is not None:
            mask &= (dates <= _to_timestamp(end, "end")).to_numpy(dtype=bool, na_value=False)
        filtered = True
    for column, values in (("country", countries), ("category", categories), ("weapon", weapons), ("grade", grades)):
        values = list_values(values)
        if values is not None:
            _check_vocabulary(column, values)
            match = _match_items if column in schema.MULTI_VALUED else _match_exact
            mask &= match(df[column], values)
            filtered = True
    for column, values, exact in (
        ("location", locations, True),
        ("perpetrator", perpetrators, exact_actor),
        ("claimed_by", claimed_by, exact_actor),
    ):
        values = list_values(values)
        if values is not None:
            mask &= _match_text(df[column], values, exact)
            filtered = True
    if not filtered:
        return df
    return df.loc[mask]
