"""Places named in an article, found in the regional gazetteer (:mod:`analysis.extract.gazetteer`).

A mention is a site (a base, facility, town, city or named region: it becomes the incident's location),
a province (only ``admin1`` is known) or a country (only ``country`` is known). A country counts as the
place of an event only where the text names it as one ("in Iraq", "at ... in Syria", "attacked
Israel"), never as an actor ("Iran launched") or an adjective; a dateline in capitals ("ERBIL (Kurdistan 24) –") is
where the report was filed, not a place of the event. A name that several places share is
kept only when the article names the country of exactly one of them; otherwise it is not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import pandas as pd

from analysis.extract import gazetteer as regional

LEVEL_BY_KIND = {"province": "province", "country": "country"}
PLACE_KIND = {"base": "base", "facility": "facility", "border_crossing": "facility", "town": "city", "city": "city"}
"""``places.csv`` kind of each gazetteer kind; a province, country or region is a ``region`` there."""
_PLACE_WORDS = re.compile(
    r"\b(?:in|inside|across|into|at|on|against|towards?|over|of|near|attacked|struck|hit|targeted|bombed|"
    r"targeting)\s+(?:(?:the\s+)?(?:north|south)?-?(?:east|west)?(?:ern)?\s+)?$",
    re.IGNORECASE,
)
_PAIRED = re.compile(r"^\s+and\s+$")
_DASH = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:–|—|-\s)")
_PROVINCE_WORD = re.compile(r"\s+(?:governorate|province)\b", re.IGNORECASE)
_PROVINCE_OF = re.compile(r"\b(?:governorate|province)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][A-Z' -]{2,}(?=\s*(?:\(|,|–|—|-\s))")
_SPEAKER = re.compile(
    r"\s+(?:(?:TV|television|channel|news(?:paper)?|agency|radio)\b|"
    r"(?:reported|reports|said|says|quoted|cited|announced|broadcast|aired)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PlaceMention:
    """One place named in the text: ``text[start:end]`` is the spelling met; ``level``: site, province, country."""

    start: int
    end: int
    name: str
    country: str
    admin1: str
    kind: str
    lat: float | None
    lon: float | None
    geo_precision: int | None
    level: str = "site"


def load_gazetteer(path=None) -> pd.DataFrame:
    """The regional gazetteer (validated)."""
    return regional.load_gazetteer(path)


def find_place_mentions(text: str, gazetteer: pd.DataFrame) -> list[PlaceMention]:
    """Every place the article names as a place, in text order (see the module's rules).

    >>> g = load_gazetteer()
    >>> [(m.name, m.level) for m in find_place_mentions("Iran fired drones at Tower 22 in Jordan.", g)]
    [('Tower 22', 'site'), ('Jordan', 'country')]
    """
    found = regional.find_places(text, gazetteer)
    countries_named = set(found.loc[found["kind"] == "country", "country"].astype(str))
    mentions: list[PlaceMention] = []
    for _, rows in found.groupby("start", sort=True):
        if len(rows) > 1:
            rows = rows[rows["country"].astype(str).isin(countries_named)]
            if len(rows) != 1:
                continue
        mention = _mention(rows.iloc[0])
        if text[mention.end : mention.end + 1] == "-":  # "Iran-backed", "Iraq-based": an adjective
            continue
        if _is_dateline(text, mention):  # "ERBIL (Kurdistan 24) –", "Baghdad –": where the report was filed
            continue
        if _is_speaker(text, mention):  # "Al Mayadeen reported", "Baghdad said": who speaks, not where
            continue
        if mention.level == "country" and not _named_as_place(text, mention, mentions):
            continue
        mentions.append(_as_province(text, mention))
    return mentions


def _as_province(text: str, mention: PlaceMention) -> PlaceMention:
    """A town named with "governorate" or "province" ("Syria's al-Hasakeh governorate", "the province of Kirkuk") is
    the province it gives its name to: its admin1, never a second site.

    >>> m = PlaceMention(8, 18, "Hasakah", "Syria", "Hasakah", "city", 36.5, 40.7, 2)
    >>> _as_province("Syria's al-Hasakeh governorate", m).level, _as_province("Syria's al-Hasakeh city", m).level
    ('province', 'site')
    >>> _as_province("province of al-Hasakeh", replace(m, start=12, end=22)).level
    'province'

    """
    named = _PROVINCE_WORD.match(text, mention.end) or _PROVINCE_OF.search(text, 0, mention.start)
    if mention.level != "site" or mention.kind != "city" or not named:
        return mention
    return replace(mention, kind="region", geo_precision=3, level="province")


def _mention(row) -> PlaceMention:
    kind = str(row["kind"])
    return PlaceMention(
        int(row["start"]),
        int(row["end"]),
        str(row["name"]),
        str(row["country"]),
        str(row["admin1"] or ""),
        PLACE_KIND.get(kind, "region"),
        float(row["latitude"]),
        float(row["longitude"]),
        int(row["geo_precision"]),
        LEVEL_BY_KIND.get(kind, "site"),
    )


def _is_dateline(text: str, mention: PlaceMention) -> bool:
    """
    >>> m = PlaceMention(0, 7, "Baghdad", "Iraq", "Baghdad", "city", 33.3, 44.4, 2)
    >>> _is_dateline("Baghdad – A contractor was killed", m), _is_dateline("Baghdad was hit", m)
    (True, False)
    """
    line_start = text.rfind("\n", 0, mention.start) + 1
    at_line_start = not text[line_start : mention.start].strip()
    return bool(_DATELINE.match(text, mention.start)) or (at_line_start and bool(_DASH.match(text, mention.end)))


def _is_speaker(text: str, mention: PlaceMention) -> bool:
    """A place name that is the subject of a reporting verb or names a broadcaster ("Al Mayadeen reported",
    "Al-Mayadeen TV", "Baghdad said") is a speaker (an outlet named after a town, a government by its capital).

    >>> m = PlaceMention(0, 7, "Baghdad", "Iraq", "Baghdad", "city", 33.3, 44.4, 2)
    >>> _is_speaker("Baghdad said the strike", m), _is_speaker("Baghdad, officials said", m)
    (True, False)
    """
    return bool(_SPEAKER.match(text, mention.end))


def _named_as_place(text: str, mention: PlaceMention, earlier: list[PlaceMention]) -> bool:
    before = text[max(0, mention.start - 40) : mention.start]
    if _PLACE_WORDS.search(before):
        return True
    last = earlier[-1] if earlier else None
    return bool(last and last.level == "country" and _PAIRED.match(text[last.end : mention.start]))
