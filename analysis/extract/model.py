"""What the extractor builds: clauses read by the rules, candidate incidents, their evidence, rejections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analysis.extract.casualties import CasualtyFound
from analysis.extract.dates import DateFound
from analysis.extract.mentions import ClauseReading
from analysis.extract.numbers import Quantity
from analysis.extract.places import PlaceMention
from analysis.extract.text import Span
from analysis.extract.totals import ReportedTotal


@dataclass
class Evidence:
    """A quote (``article[start:end]``) supporting one field of a candidate, and the rule that read it."""

    field: str
    start: int
    end: int
    rule: str


@dataclass
class Candidate:
    """A candidate incident: the fields the rules filled (None = no sentence supports it) and their evidence."""

    event_date: dt.date
    date_precision: str
    category: str
    country: str | None = None
    place: PlaceMention | None = None
    admin1: str | None = None
    perpetrator: str = "unknown"
    claimed_by: str | None = None
    weapon: str | None = None
    munitions: Quantity | None = None
    outcome: str | None = None
    casualties: dict[str, Quantity] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    date_from_report: bool = False


@dataclass
class DecidedAgainst:
    """A mention of violence that is not coded as a candidate: where it is and why."""

    start: int
    end: int
    reason: str


@dataclass
class Extraction:
    """Everything the rules made of one article."""

    text: str
    published: dt.date
    candidates: list[Candidate]
    decided_against: list[DecidedAgainst]
    totals: list[ReportedTotal]
    undated: list[Clause] = field(default_factory=list)
    """Event clauses decided against for want of a date, in text order."""


@dataclass
class Clause:
    """One clause and what the rules read in it (dates, places, countries, casualties)."""

    span: Span
    reading: ClauseReading
    dates: list[DateFound]
    places: list[PlaceMention]
    countries: list[str]
    casualties: list[CasualtyFound]


def days_compatible(day_a: dt.date, precision_a: str, day_b: dt.date, precision_b: str) -> bool:
    """Two dates that can name the same day: equal days, or one inside the other's week or month.

    >>> days_compatible(dt.date(2024, 7, 25), "day", dt.date(2024, 7, 20), "week")
    True
    """
    span = {"day": 0, "week": 6, "month": 30, "year": 364}
    end_a = day_a + dt.timedelta(days=span[precision_a])
    end_b = day_b + dt.timedelta(days=span[precision_b])
    return day_a <= end_b and day_b <= end_a
