"""Reported totals: an aggregate ("over 160 attacks since 7 October") is a figure, never an incident."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from analysis.extract.dates import MONTHS
from analysis.extract.numbers import QUANTITY, Quantity, quantity_from_match
from analysis.extract.text import Span

_COUNTED = re.compile(
    rf"(?P<qty>{QUANTITY.pattern})\s+(?P<noun>(?:[\w-]+\s+){{0,3}}?(?:attacks|strikes|times))\b", re.IGNORECASE
)
_US = re.compile(r"(?:\bU\.\s?S\.|\bUS\b|\bAmerican\b|\bcoalition\b)")
_SINCE_WAR = re.compile(
    r"\bsince (?:the start of )?the (?:Israel-Hamas|Gaza) war\b|\bsince (?:October 7|7 October)\b", re.I
)
_SINCE_MONTH = re.compile(rf"\b(?:since|from) (?P<month>{'|'.join(MONTHS)})(?:\s+(?P<year>(?:19|20)\d\d))?\b", re.I)
WAR_START = dt.date(2023, 10, 7)


@dataclass(frozen=True)
class ReportedTotal:
    """An aggregate figure: what is counted, the quantity, the first day it covers (None: not stated)."""

    start: int
    end: int
    metric: str
    scope: str
    quantity: Quantity
    period_start: dt.date | None
    countries: tuple[str, ...]


def read_reported_total(clause: Span, published: dt.date, countries: list[str] = ()) -> ReportedTotal | None:
    """The reported total a clause states, or None when it gives no figure.

    >>> clause = "militias launched over 160 attacks on U.S. troops since the Israel-Hamas war"
    >>> t = read_reported_total(Span(0, len(clause), clause), dt.date(2024, 2, 3))
    >>> t.metric, t.quantity[:3], t.period_start
    ('attacks_on_us', (160, None, None), datetime.date(2023, 10, 7))
    """
    match = _COUNTED.search(clause.text)
    if match is None:
        return None
    found = QUANTITY.fullmatch(match.group("qty"))
    if found is None:
        return None
    quantity = quantity_from_match(found, clause.start + match.start())
    metric = "attacks_on_us" if _US.search(clause.text) and "strikes" not in match.group("noun") else "other"
    scope = f"{match.group('noun')} as the article states them (wording '{match.group('qty')}': {quantity.rule})"
    return ReportedTotal(
        clause.start,
        clause.end,
        metric,
        scope,
        quantity,
        _period_start(clause.text[match.end() :], published) or _period_start(clause.text[: match.start()], published),
        tuple(countries),
    )


def _period_start(text: str, published: dt.date) -> dt.date | None:
    """
    >>> _period_start("attacks since February", dt.date(2024, 7, 26))
    datetime.date(2024, 2, 1)
    """
    if _SINCE_WAR.search(text):
        return WAR_START
    month = _SINCE_MONTH.search(text)
    if month is None:
        return None
    number = MONTHS.index(month.group("month").lower()) + 1
    year = published.year if number <= published.month else published.year - 1
    year = int(month.group("year")) if month.group("year") else year
    return dt.date(year, number, 1)
