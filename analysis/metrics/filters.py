"""Select incidents by date, country, category, actor, weapon and place; never silently.

Every filter is optional (``None`` keeps every row) and accepts one value or
a list of values; values within one filter are alternatives (OR), different
filters must all hold (AND). A value that cannot match anything (a country
outside the vocabulary, a place the gazetteer does not know, a date that is
not one) raises ``ValueError`` naming it, with the closest known values.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis import schema
from analysis.metrics.inputs import parse_date_bound, take_incidents

__all__ = ["filter_incidents", "list_place_spellings", "list_values", "suggest_close_values"]


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


def suggest_close_values(value: str, known: Iterable[str]) -> str:
    """``value`` quoted, with the known values closest to it (case-insensitive), for an error message.

    >>> suggest_close_values("Irak", ["Iraq", "Iran", "Syria"])
    "'Irak' (did you mean 'Iraq' or 'Iran'?)"
    >>> suggest_close_values("Irak", ["Iraq", "Iran", "Israel"])
    "'Irak' (did you mean 'Iraq', 'Iran' or 'Israel'?)"
    >>> suggest_close_values("Mars", ["Iraq"])
    "'Mars'"
    """
    by_fold: dict[str, str] = {}
    for name in known:
        by_fold.setdefault(str(name).casefold(), str(name))
    close = difflib.get_close_matches(str(value).casefold(), list(by_fold), n=3, cutoff=0.6)
    if not close:
        return repr(value)
    shown = [repr(by_fold[c]) for c in close]
    return f"{value!r} (did you mean {', '.join(shown[:-1]) + ' or ' if len(shown) > 1 else ''}{shown[-1]}?)"


def _check_vocabulary(column: str, values: list[str]) -> None:
    allowed = _VOCABULARIES[column]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise ValueError(
            f"filter on {column}: found {', '.join(suggest_close_values(v, allowed) for v in unknown)}; "
            f"expected one of the vocabulary: {', '.join(allowed)}"
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


def list_place_spellings(places: pd.DataFrame) -> dict[str, list[str]]:
    """Every name and alias of the gazetteer (``places.csv``), casefolded, with the place names it stands for.

    >>> list_place_spellings(pd.DataFrame({"name": ["Ain al-Asad air base"], "aliases": ["Ain al-Asad;Al-Asad"]}))
    {'ain al-asad air base': ['Ain al-Asad air base'], 'ain al-asad': ['Ain al-Asad air base'], \
'al-asad': ['Ain al-Asad air base']}
    """
    spellings: dict[str, list[str]] = {}
    for name, aliases in zip(places["name"], places["aliases"]):
        if pd.isna(name):
            continue
        for spelling in [str(name), *schema.split_values(aliases)]:
            names = spellings.setdefault(spelling.casefold(), [])
            if str(name) not in names:
                names.append(str(name))
    return spellings


def _resolve_locations(values: list[str], incidents: pd.DataFrame, places: pd.DataFrame | None) -> list[str]:
    """The place names ``values`` stand for: names or aliases of ``places``, or locations of ``incidents``."""
    known = {str(n).casefold(): [str(n)] for n in incidents["location"].dropna().unique()}
    if places is not None:
        for spelling, names in list_place_spellings(places).items():
            known[spelling] = list(dict.fromkeys(known.get(spelling, []) + names))
        where = "a place name or alias of places.csv"
        spellings = [*places["name"].dropna().astype(str)]
        spellings += [alias for aliases in places["aliases"].dropna() for alias in schema.split_values(aliases)]
    else:
        where = (
            "a location of these incidents (only names: pass the Dataset, or places=dataset.places, "
            "to match the aliases of places.csv and places without incidents here)"
        )
        spellings = incidents["location"].dropna().astype(str).unique().tolist()
    resolved, unknown = [], []
    for value in values:
        names = known.get(value.strip().casefold())
        if names:
            resolved.extend(names)
        else:
            unknown.append(value)
    if unknown:
        found = ", ".join(suggest_close_values(v, spellings) for v in unknown)
        raise ValueError(f"filter on location: found {found}; expected {where}, in any case")
    return resolved


def _period_bounds(start, end, today) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    first = parse_date_bound(start, "start", "filter_incidents", today) if start is not None else None
    last = parse_date_bound(end, "end", "filter_incidents", today) if end is not None else None
    if first is not None and last is not None and last < first:
        raise ValueError(
            f"filter_incidents: end={end!r} ({last.date()}) is before start={start!r} ({first.date()}); "
            "expected an end on or after the start"
        )
    return first, last


def _match_vocabularies(df: pd.DataFrame, countries, categories, weapons, grades=None) -> np.ndarray:
    mask = np.ones(len(df), dtype=bool)
    for column, values in (("country", countries), ("category", categories), ("weapon", weapons), ("grade", grades)):
        values = list_values(values)
        if values is not None:
            _check_vocabulary(column, values)
            match = _match_items if column in schema.MULTI_VALUED else _match_exact
            mask &= match(df[column], values)
    return mask


def _match_names(df, locations, perpetrators, claimed_by, exact_actor: bool, places) -> np.ndarray:
    mask = np.ones(len(df), dtype=bool)
    locations = list_values(locations)
    if locations is not None:
        mask &= _match_text(df["location"], _resolve_locations(locations, df, places), exact=True)
    for column, values in (("perpetrator", perpetrators), ("claimed_by", claimed_by)):
        values = list_values(values)
        if values is not None:
            mask &= _match_text(df[column], values, exact_actor)
    return mask


def filter_incidents(
    data,
    start=None,
    end=None,
    countries=None,
    categories=None,
    perpetrators=None,
    claimed_by=None,
    weapons=None,
    locations=None,
    exact_actor: bool = False,
    places: pd.DataFrame | None = None,
    today: dt.date | None = None,
    grades=None,
) -> pd.DataFrame:
    """The incidents of ``data`` (a Dataset from ``load_dataset``, or its ``incidents``) that pass every filter.

    - ``start``/``end``: dates (``"2024-01-28"``, ``Timestamp``, ``date``)
      or, as in the CLI and ``reports.toml``, ``"today"`` and
      ``"last N days|weeks|months"`` (counted back from ``today``, default
      the real today), both inclusive, compared with ``event_date``; an end
      before the start raises ``ValueError``;
    - ``countries``, ``categories``, ``weapons``: exact values of the
      schema's vocabularies (a value outside it raises ``ValueError`` with
      the closest values); an incident with several weapons
      (``rocket;drone``) matches each of them;
    - ``grades``: incident grades (``schema.GRADES``), matched against the
      ``grade`` column that :func:`analysis.reporting.page.open_report` adds to
      ``report.selected`` (:func:`analysis.metrics.grades.grade_incidents`);
    - ``locations``: place names or their aliases (``places.csv``; from the
      Dataset, or ``places=``), matched case-insensitively as whole names;
      given only a frame, the locations it holds. A name that matches no
      place raises ``ValueError`` with the closest names;
    - ``perpetrators``, ``claimed_by``: matched case-insensitively as a
      substring of the column (``"kata'ib"`` finds ``"Kata'ib Hezbollah"``),
      or as the whole value with ``exact_actor=True``.  An unclaimed
      incident (empty ``claimed_by``) never matches a ``claimed_by`` filter.

    Returns the matching rows with every column of the incident table, in
    the original order and with the original index, and nothing else: to
    count them over the period selected, pass the same ``start``/``end`` to
    :func:`analysis.metrics.frequency.count_per_period`.
    """
    df = take_incidents(data, "filter_incidents")
    if places is None and df is not data:
        places = data.places
    first, last = _period_bounds(start, end, today)
    mask = np.ones(len(df), dtype=bool)
    if first is not None:
        mask &= (df["event_date"] >= first).to_numpy(dtype=bool, na_value=False)
    if last is not None:
        mask &= (df["event_date"] <= last).to_numpy(dtype=bool, na_value=False)
    mask &= _match_vocabularies(df, countries, categories, weapons, grades)
    mask &= _match_names(df, locations, perpetrators, claimed_by, exact_actor, places)
    return df.copy(deep=False) if mask.all() else df.loc[mask]
