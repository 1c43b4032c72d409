"""Places named in a passage, found in a gazetteer (the project's places.csv until the regional one ships).

:func:`load_gazetteer` and :func:`find_places` have the interface of ``analysis.extract.gazetteer``: a
mention carries its offsets, the canonical name, country, admin1, kind, coordinates and the
geo_precision the place gives (1 a base or facility, 2 a town, 3 a region). A place not in the
gazetteer is not guessed: the passage's place stays unknown.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from analysis import paths, schema

PRECISION_BY_KIND = {"base": 1, "facility": 1, "city": 2, "region": 3, "": 2}
# "Iraq's", "in Syria": a country named as the place of an event (never "Iran-backed", "Israel's Iron Dome")
_COUNTRY_AS_PLACE = re.compile(
    r"\b(?:in|inside|across|into|at|on|against|towards?|of)\s+(?:(?:north|south)?-?(?:east|west)?(?:ern)?\s+)?"
    rf"(?P<country>{'|'.join(c for c in schema.COUNTRIES if c != 'United States')})\b(?![-’'])",
)


@dataclass(frozen=True)
class PlaceMention:
    """One place named in the text: ``text[start:end]`` is the spelling met."""

    start: int
    end: int
    name: str
    country: str
    admin1: str
    kind: str
    lat: float | None
    lon: float | None
    geo_precision: int | None


@dataclass(frozen=True)
class Gazetteer:
    """Places by every spelling, and one pattern that finds any of them (longest spelling first)."""

    by_spelling: dict[str, dict]
    pattern: re.Pattern | None


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer from a ``places.csv`` file (default: the bundled data's)."""
    path = Path(path) if path else paths.DATA_DIR / "places.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return build_gazetteer(rows)


def build_gazetteer(rows: list[dict]) -> Gazetteer:
    """A :class:`Gazetteer` from places.csv rows (name, aliases, kind, country, admin1, latitude, longitude)."""
    by_spelling: dict[str, dict] = {}
    for row in rows:
        spellings = [row["name"], *[a for a in (row.get("aliases") or "").split(";") if a.strip()]]
        for spelling in spellings:
            by_spelling.setdefault(spelling.strip().lower(), row)
    if not by_spelling:
        return Gazetteer({}, None)
    words = sorted(by_spelling, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)
    return Gazetteer(by_spelling, pattern)


def find_places(text: str, gazetteer: Gazetteer, offset: int = 0) -> list[PlaceMention]:
    """Every gazetteer place named in ``text``, in text order.

    >>> gaz = build_gazetteer([{"name": "Tower 22", "aliases": "", "kind": "base", "country": "Jordan",
    ...     "admin1": "Mafraq", "latitude": "33.3142", "longitude": "38.7033"}])
    >>> [(m.name, m.start, m.geo_precision) for m in find_places("a drone hit tower 22 in Jordan", gaz)]
    [('Tower 22', 12, 1)]
    """
    if gazetteer.pattern is None:
        return []
    mentions = []
    for match in gazetteer.pattern.finditer(text):
        row = gazetteer.by_spelling[match.group().lower()]
        lat, lon = _number(row.get("latitude")), _number(row.get("longitude"))
        kind = row.get("kind") or ""
        precision = PRECISION_BY_KIND.get(kind, 2) if lat is not None else None
        if kind == "region" and row["name"] == row.get("country"):
            precision = 3
        mentions.append(
            PlaceMention(
                offset + match.start(),
                offset + match.end(),
                row["name"],
                row.get("country") or "",
                row.get("admin1") or "",
                kind,
                lat,
                lon,
                precision,
            )
        )
    return mentions


def find_countries(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Countries named as where something happened ("in Iraq", "at ... in Syria"): ``(start, end, country)``.

    >>> find_countries("militants in Iraq and Syria, Iran-backed")
    [(13, 17, 'Iraq'), (22, 27, 'Syria')]
    """
    found = [
        (offset + m.start("country"), offset + m.end("country"), m.group("country"))
        for m in _COUNTRY_AS_PLACE.finditer(text)
    ]
    # "in Iraq and Syria": the second country of a pair
    pair = re.compile(rf"(?<=\band )(?P<country>{'|'.join(schema.COUNTRIES)})\b(?![-’'])")
    seen = {s for s, _, _ in found}
    for m in pair.finditer(text):
        if offset + m.start() not in seen and any(e <= offset + m.start() <= e + 5 for _, e, _ in found):
            found.append((offset + m.start(), offset + m.end(), m.group("country")))
    return sorted(found)


def _number(text) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None
