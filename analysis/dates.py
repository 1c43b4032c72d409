"""Relative dates ("today", "last 12 months"), resolved the same way by the CLI, reports.toml and the filters."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["RELATIVE_DATE_FORMS", "resolve_relative_date"]

_RELATIVE = re.compile(r"last\s+(\d+)\s+(day|week|month)s?", re.IGNORECASE)
RELATIVE_DATE_FORMS = "'today' or 'last N days|weeks|months'"
"""The relative forms a date parameter takes, as messages name them."""


def resolve_relative_date(value: str, today: dt.date) -> str:
    """Resolve ``today`` and ``last N days|weeks|months`` to an ISO date; any other text is returned stripped.

    ``last N ...`` means the first day of the period that ends today. A period
    reaching before year 1 raises ``ValueError``.

    >>> resolve_relative_date("last 8 weeks", dt.date(2024, 3, 1))
    '2024-01-05'
    >>> resolve_relative_date("last 2 months", dt.date(2024, 3, 31))
    '2024-01-31'
    >>> resolve_relative_date("today", dt.date(2024, 3, 1))
    '2024-03-01'
    >>> resolve_relative_date("2024-02-02", dt.date(2024, 3, 1))
    '2024-02-02'
    >>> resolve_relative_date("last 99999999 days", dt.date(2024, 3, 1))
    Traceback (most recent call last):
    ...
    ValueError: 'last 99999999 days' reaches before year 1 (counted back from 2024-03-01)
    """
    text = value.strip()
    if text.lower() == "today":
        return today.isoformat()
    match = _RELATIVE.fullmatch(text)
    if not match:
        return text
    count, unit = int(match.group(1)), match.group(2).lower()
    try:
        if unit == "day":
            return (today - dt.timedelta(days=count)).isoformat()
        if unit == "week":
            return (today - dt.timedelta(weeks=count)).isoformat()
        month_index = today.year * 12 + today.month - 1 - count
        year, month = divmod(month_index, 12)
        day = min(today.day, _days_in_month(year, month + 1))
        return dt.date(year, month + 1, day).isoformat()
    except (OverflowError, ValueError):
        raise ValueError(f"{value!r} reaches before year 1 (counted back from {today})") from None


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
