"""Dates named in a passage, resolved against the publication date with the codebook's precision.

Rules (the codebook's "Resolving relative dates"): a weekday ("on Sunday", "late Monday", "last Sunday")
is the most recent such day on or before publication; "today" is the publication day, "yesterday" the
day before, "two days ago" two days before publication, "overnight" the night before publication (dated by the
day it began); "Month D" is the most recent such day on or before publication; "this week" / "last week" are
spans of seven days (precision week, dated by the first day); "earlier this month" / "last month" are months;
"last year" / "earlier this year" are years (precision year, dated 1 January); "the third anniversary of" an
event is the month of publication three years before (precision month). A date after a reporting verb ("said on
Tuesday") dates the report: it is used only when nothing else dates the event. A date after "since" ("the 26th
attack since October 19") starts a period: it dates no event and is not returned.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = [d.lower() for d in calendar.day_name]
MONTHS = [m.lower() for m in calendar.month_name[1:]]
_MONTH = "|".join(MONTHS + [m[:3] + r"\.?" for m in MONTHS if len(m) > 3])
_WEEKDAY = "|".join(WEEKDAYS)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|reported|confirmed|stated|emerged|told|added|posted|statement[^.]{0,40}?)\s+"
    r"(?:late |early )?(?:on |in )?$",
    re.IGNORECASE,
)

_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)

_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
_NTH = "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th)"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("anniversary", re.compile(rf"\b(?P<nth>{_NTH})\s+anniversary\s+of\b", re.I)),
    (
        "month day year",
        re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    ),
    ("day month year", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("month day", re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})", re.I)),
    ("day month", re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH})\b(?!\s+\d{{4}})", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<part>late|early)\s+(?:on\s+)?)?(?:(?P<which>last|this|on|past)\s+)?(?P<weekday>{_WEEKDAY})\b",
            re.I,
        ),
    ),
    ("days ago", re.compile(r"\b(?P<count>a|one|two|three|four|five|six|\d)\s+days?\s+ago\b", re.I)),
    ("today", re.compile(r"\b(?:today|tonight|this morning|earlier today)\b", re.I)),
    ("yesterday", re.compile(r"\byesterday\b|\blast night\b", re.I)),
    ("overnight", re.compile(r"\bovernight\b", re.I)),
    (
        "this week",
        re.compile(
            r"\b(?:this|earlier this) week\b|\bin recent days\b|\bless than a week ago\b|^\s*Earlier(?:,|\s*$)", re.I
        ),
    ),
    ("last week", re.compile(r"\blast week\b", re.I)),
    ("this month", re.compile(r"\b(?:earlier|this|late|early) (?:this )?month\b", re.I)),
    ("last month", re.compile(r"\blast month\b", re.I)),
    ("last year", re.compile(r"\blast year\b", re.I)),
    ("this year", re.compile(r"\b(?:earlier|this|late|early) (?:this )?year\b", re.I)),
    ("month year", re.compile(rf"\b(?:in\s+)?(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d\d)\b", re.I)),
    ("month", re.compile(rf"\bin\s+(?P<month>{_MONTH})\b(?!\s+\d)", re.I)),
]


@dataclass(frozen=True)
class DateFound:
    """A resolved date: ``day`` (first day of the span), ``precision`` (day, week, month), the rule and offsets.

    ``dates_report`` is True when the date follows a reporting verb ("said on Tuesday").
    """

    day: dt.date
    precision: str
    rule: str
    start: int
    end: int
    dates_report: bool = False


def find_dates(passage: str, published: dt.date, offset: int = 0) -> list[DateFound]:
    """Every date named in ``passage``, in text order, overlapping matches resolved by the earlier pattern.

    >>> pub = dt.date(2024, 7, 26)  # a Friday
    >>> [(d.day.isoformat(), d.precision, d.rule) for d in find_dates("rockets late on Thursday", pub)]
    [('2024-07-25', 'day', 'weekday (late)')]
    >>> [(d.day.isoformat(), d.precision) for d in find_dates("on October 7 and last week", pub)]
    [('2023-10-07', 'day'), ('2024-07-15', 'week')]
    >>> find_dates("the 26th attack since October 19", pub)
    []
    """
    found: list[DateFound] = []
    taken: list[tuple[int, int]] = []
    for rule, pattern in _PATTERNS:
        for match in pattern.finditer(passage):
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            if _SINCE.search(passage[: match.start()]):
                taken.append((match.start(), match.end()))
                continue
            resolved = _resolve(rule, match, published)
            if resolved is None:
                continue
            day, precision, name = resolved
            reported = bool(_REPORTING.search(passage[: match.start()]))
            found.append(DateFound(day, precision, name, offset + match.start(), offset + match.end(), reported))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def _resolve(rule: str, match: re.Match, published: dt.date) -> tuple[dt.date, str, str] | None:
    groups = match.groupdict()
    if "month" in groups and groups["month"]:
        return _resolve_calendar(rule, groups, published)
    if rule == "weekday":
        return _resolve_weekday(groups, published)
    if rule == "days ago":
        count = _COUNTS.get(groups["count"].lower()) or int(groups["count"])
        return published - dt.timedelta(days=count), "day", f"{count} days before publication"
    if rule == "anniversary":
        return _resolve_anniversary(groups["nth"], published)
    return _resolve_relative(rule, published)


def _resolve_anniversary(nth: str, published: dt.date) -> tuple[dt.date, str, str]:
    """ "The third anniversary of the killing", marked in the month of publication: that month, three years before.

    >>> _resolve_anniversary("third", dt.date(2023, 1, 4))[:2], _resolve_anniversary("10th", dt.date(2024, 6, 30))[0]
    ((datetime.date(2020, 1, 1), 'month'), datetime.date(2014, 6, 1))
    """
    years = _ORDINALS.index(nth.lower()) + 1 if nth.lower() in _ORDINALS else int(nth[:-2])
    return (
        dt.date(published.year - years, published.month, 1),
        "month",
        f"anniversary: {years} years before the month of publication",
    )


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(word[:3]))


def _resolve_calendar(rule: str, groups: dict, published: dt.date) -> tuple[dt.date, str, str] | None:
    month = _month_number(groups["month"])
    year = int(groups["year"]) if groups.get("year") else None
    if not groups.get("day"):
        year = year or (published.year if month <= published.month else published.year - 1)
        return dt.date(year, month, 1), "month", rule
    day = int(groups["day"])
    try:
        if year is not None:
            return dt.date(year, month, day), "day", rule
        candidate = dt.date(published.year, month, day)
        if candidate > published:
            candidate = dt.date(published.year - 1, month, day)
    except ValueError:
        return None
    return candidate, "day", rule + " (most recent on or before publication)"


def _resolve_weekday(groups: dict, published: dt.date) -> tuple[dt.date, str, str]:
    target = WEEKDAYS.index(groups["weekday"].lower())
    back = (published.weekday() - target) % 7
    part = f" ({groups['part'].lower()})" if groups.get("part") else ""
    return published - dt.timedelta(days=back), "day", f"weekday{part}"


def _resolve_relative(rule: str, published: dt.date) -> tuple[dt.date, str, str]:
    monday = published - dt.timedelta(days=published.weekday())
    first = published.replace(day=1)
    resolved = {
        "today": (published, "day"),
        "yesterday": (published - dt.timedelta(days=1), "day"),
        "overnight": (published - dt.timedelta(days=1), "day"),
        "this week": (published - dt.timedelta(days=6), "week"),
        "last week": (monday - dt.timedelta(days=7), "week"),
        "this month": (first, "month"),
        "last month": ((first - dt.timedelta(days=1)).replace(day=1), "month"),
        "last year": (dt.date(published.year - 1, 1, 1), "year"),
        "this year": (dt.date(published.year, 1, 1), "year"),
    }[rule]
    return resolved[0], resolved[1], rule
