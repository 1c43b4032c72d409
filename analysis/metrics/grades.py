"""Incident grades derived from the types of their sources (the rule of ``data/CODEBOOK.md``, "Source grading").

The rule, applied to the sources an incident names in ``source_ids``:

1. ``confirmed``: one of them is an official statement or a claim by an armed
   group (a party to the incident says it happened);
2. ``corroborated``: otherwise, at least two independent reports, where every
   wire/agency source together counts as one report (relays of one wire story
   are not independent; two agencies may be, but the table cannot tell) and
   each distinct outlet of a newspaper or broadcaster or a monitor/NGO counts
   as one;
3. ``single source``: exactly one such independent report;
4. ``weak``: only aggregator/unknown sources;
5. ``ungraded``: none of its sources has a type (empty ``source_type``), so
   nothing is claimed about it.

A source whose type is empty adds nothing, so an incident with a typed and
an untyped source is graded from the typed one alone.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema

_PARTY = frozenset({"official statement", "claim by an armed group"})
_OUTLETS = frozenset({"newspaper or broadcaster", "monitor/NGO"})


def count_independent_reports(types: list[str], outlets: list[str]) -> int:
    """How many independent reports sources of these ``types`` and ``outlets`` make (wire copies count once).

    >>> count_independent_reports(["wire/agency", "wire/agency", "newspaper or broadcaster"], ["LBCI", "AFP", "BBC"])
    2
    >>> count_independent_reports(["newspaper or broadcaster", "newspaper or broadcaster"], ["Rudaw", "Rudaw"])
    1
    """
    wire = 1 if "wire/agency" in types else 0
    return wire + len({o.strip().casefold() for t, o in zip(types, outlets) if t in _OUTLETS})


def grade_from_source_types(types: list[str], outlets: list[str]) -> str:
    """The grade of one incident whose sources have these types and outlets (empty types are ignored).

    >>> grade_from_source_types(["wire/agency", "official statement"], ["Reuters", "CENTCOM"])
    'confirmed'
    >>> grade_from_source_types(["wire/agency", "newspaper or broadcaster"], ["AFP", "BBC"])
    'corroborated'
    >>> grade_from_source_types(["wire/agency", "wire/agency"], ["LBCI (relaying AFP)", "AFP"])
    'single source'
    >>> grade_from_source_types(["aggregator/unknown", ""], ["unknown", "x"])
    'weak'
    >>> grade_from_source_types(["", ""], ["a", "b"])
    'ungraded'
    """
    typed = [(t, o) for t, o in zip(types, outlets) if t]
    if not typed:
        return "ungraded"
    kinds = [t for t, _ in typed]
    if _PARTY.intersection(kinds):
        return "confirmed"
    reports = count_independent_reports(kinds, [o for _, o in typed])
    if reports >= 2:
        return "corroborated"
    return "single source" if reports == 1 else "weak"


def grade_incidents(incidents: pd.DataFrame, sources: pd.DataFrame) -> pd.Series:
    """The grade of every incident (index and order of ``incidents``), from the ``source_type`` of its sources.

    ``incidents`` needs ``source_ids``; ``sources`` needs ``source_id``, ``outlet`` and, when
    present, ``source_type`` (a table without it grades every incident ``ungraded``). Returns a
    categorical Series named ``grade`` whose categories are :data:`analysis.schema.GRADES` in order,
    strongest first. A source id missing from ``sources`` counts as untyped.
    """
    types = sources["source_type"] if "source_type" in sources else pd.Series(pd.NA, index=sources.index)
    kind_by_id = dict(zip(sources["source_id"].astype(str), types.astype("string").fillna("")))
    outlet_by_id = dict(zip(sources["source_id"].astype(str), sources["outlet"].astype("string").fillna("")))
    grades = [
        grade_from_source_types([kind_by_id.get(i, "") for i in ids], [outlet_by_id.get(i, "") for i in ids])
        for ids in incidents["source_ids"].map(schema.split_values)
    ]
    return pd.Series(pd.Categorical(grades, categories=list(schema.GRADES)), index=incidents.index, name="grade")
