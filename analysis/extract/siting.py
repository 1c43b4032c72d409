"""Where a clause places its event: the gazetteer places it names, chosen by the codebook's place rules; candidates no
sentence placed take the country of the event told before them, or are decided against."""

from __future__ import annotations

import re

from analysis.extract.model import Candidate, Clause, DecidedAgainst, Evidence, Extraction, days_compatible
from analysis.extract.places import PlaceMention

LAUNCH_POINT = re.compile(
    r"\bfrom\s+(?:(?!(?:and|then|at|on|in|into|towards?|against|struck|hit|targeted)\b)[\w’'-]+\s+){0,4}$",
    re.IGNORECASE,
)
"""Text before a place that makes it the launch point ("fired from the city of Jumma"), not the target; a place after
"from Iraq and struck the ..." or "from Iraq at ..." is the target."""
THE_BASE = re.compile(r"\bthe (?:base|airbase|air base|site|facility|outpost)\b", re.IGNORECASE)


def choose_sites(clause: Clause, current: Candidate | None) -> list[tuple[PlaceMention | None, str | None, str]]:
    """``(place, country, rule)`` rows for the clause: one per place for US strikes, else the finest place.

    A province gives a row with its ``admin1`` and no location (``place`` is then the province mention).
    """
    if clause.places:
        clause.places = inside_named_provinces(clause.places)
        chosen = distinct_sites(clause.places)
        if len(chosen) > 1:
            return [(p, p.country, "place: one row per place named") for p in chosen]
        finest = sorted(clause.places, key=lambda p: (p.geo_precision or 9, p.level != "site", p.start))[0]
        rule = "place: the finest gazetteer place" + (
            " (a province: admin1 only)" if finest.level == "province" else ""
        )
        return [(finest, finest.country, rule)]
    if current is not None and current.place is not None and THE_BASE.search(clause.span.text):
        if clause.reading.category == "regional" and clause.reading.perpetrator == "unknown":
            clause.reading.category = current.category
            clause.reading.rules.append(f"side: the same base as the last event ({current.category})")
        return [(current.place, current.place.country, "place: 'the base' is the last place named")]
    many = clause.reading.category == "us_strike"
    countries = clause.countries if many else clause.countries[:1]
    rule = "place: country only (no gazetteer place named)"
    return [
        (None, c, rule + ("; one row per country struck" if many and len(countries) > 1 else "")) for c in countries
    ]


def inside_named_provinces(places: list[PlaceMention]) -> list[PlaceMention]:
    """Where a clause names a province, sites outside it are dropped ("in Kirkuk province in northern Baghdad")."""
    provinces = {p.admin1 for p in places if p.level == "province"}
    if not provinces:
        return places
    return [p for p in places if p.level == "province" or p.admin1 in provinces]


def distinct_sites(places: list[PlaceMention]) -> list[PlaceMention]:
    """The distinct sites of a clause, a town left out when a base or facility of its province is named too.

    ("near the airport in the city of Irbil": the airport; "at Ain al-Asad ... and near the consulate in Erbil": both.)
    """
    sites = list({p.name: p for p in places if p.level == "site"}.values())
    finer = {(p.admin1, p.country) for p in sites if p.kind in ("base", "facility")}
    return [p for p in sites if not (p.kind == "city" and (p.admin1, p.country) in finer)]


def base_near_town(a: PlaceMention, b: PlaceMention) -> bool:
    """A base or facility and a town of the same province: "a base near Kirkuk" and "K-1 Air Base"."""
    kinds = {a.kind, b.kind}
    return a.admin1 == b.admin1 and a.country == b.country and "city" in kinds and bool(kinds & {"base", "facility"})


def candidate_at(candidates: list[Candidate], places: list[PlaceMention]) -> Candidate | None:
    """The latest candidate at a place the clause names ("There were no casualties reported in Erbil")."""
    names = {p.name for p in places if p.level == "site"}
    return next((c for c in reversed(candidates) if c.place is not None and c.place.name in names), None)


def drop_unplaced(result: Extraction) -> None:
    """Candidates no sentence placed, not even in a country, take the country of the event told before them (the
    article goes on in the country it is in: "In December, a similar rocket fusillade killed a U.S. contractor"),
    when they name a side and that does not make them the same event as one already held (same side, a compatible
    day, that country). The rest are decided against ("no place")."""
    for candidate in [c for c in result.candidates if c.place is None and c.country is None]:
        before = result.candidates[: result.candidates.index(candidate)]
        placed = next((c for c in reversed(before) if c.country is not None), None)
        sided = candidate.category != "regional" or candidate.perpetrator != "unknown"
        if sided and placed is not None and not _held_in(result.candidates, candidate, placed.country):
            _take_country_of(candidate, placed)
            continue
        first = candidate.evidence[0]
        result.decided_against.append(DecidedAgainst(first.start, first.end, "no place"))
        result.candidates.remove(candidate)
    result.decided_against.sort(key=lambda d: d.start)


def _held_in(candidates: list[Candidate], candidate: Candidate, country: str) -> bool:
    """Another candidate of the same side, a compatible day and ``country``: the same event told again."""
    return any(
        other is not candidate
        and other.category == candidate.category
        and other.country == country
        and days_compatible(other.event_date, other.date_precision, candidate.event_date, candidate.date_precision)
        for other in candidates
    )


def _take_country_of(candidate: Candidate, placed: Candidate) -> None:
    rule = "place: the country of the event told before (its own sentences name none)"
    where = next(e for e in placed.evidence if e.field == "location")
    candidate.country = placed.country
    candidate.evidence.append(Evidence("location", where.start, where.end, rule))
    candidate.rules.append(rule)
