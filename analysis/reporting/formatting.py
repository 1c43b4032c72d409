"""Text for display tables: figure ranges, open ranges, unknowns and shares.

A count in the incident table is a ``(min, max)`` pair (see
:mod:`analysis.schema`): both empty means *unknown*, an empty max with a
given min means *at least min*.  These helpers turn such pairs, and the
tallies of :mod:`analysis.metrics.casualties`, into the strings the reports show.

The notation of a figure, one rendering wherever it shows (headline, tables,
cards, chart labels and tooltips, the chart-click list), is
:func:`format_figure`'s: "3"; "3 (2–4)" for a best estimate of 3 within 2 to
4; "2–4" without a best estimate; "at least 6" only where a source states a
minimum and none an upper bound; "about 1,200" for a best estimate alone
("some 1,200"), never an open range; "at most 5"; "unknown"; "not
applicable"; thousands separated by commas.
"""

from __future__ import annotations

import pandas as pd

from analysis.vocabulary import UNKNOWN, is_missing

EN_DASH = "\u2013"
AT_LEAST = "\u2265"
AT_MOST = "\u2264"


def _number(value) -> str:
    """A count without a trailing ``.0``; other decimals as given.

    >>> _number(3.0), _number(7), _number(2.5)
    ('3', '7', '2.5')
    """
    f = float(value)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def format_range(lo, hi) -> str:
    """Format a ``(min, max)`` pair of counts as the reports show it (:func:`format_figure`'s words).

    >>> format_range(3, 5)
    '3–5'
    >>> format_range(3, 3)
    '3'
    >>> format_range(4, None)
    'at least 4'
    >>> format_range(pd.NA, pd.NA)
    'unknown'
    >>> format_range(0, 0)
    '0'
    >>> format_range(None, 5)
    'at most 5'
    >>> format_range(2500, 2500)
    '2,500'
    """
    return format_figure(lo, hi, high_open=is_missing(hi))


def format_share(value, digits: int = 0) -> str:
    """Format a share (0..1) as a percentage; ``unknown`` when missing.

    >>> format_share(0.4567)
    '46%'
    >>> format_share(0.4567, digits=1)
    '45.7%'
    >>> format_share(None)
    'unknown'
    """
    if is_missing(value):
        return UNKNOWN
    return f"{float(value) * 100:.{digits}f}%"


def format_share_range(lo, hi, digits: int = 0) -> str:
    """Format a range of shares; an empty ``lo`` means "at most ``hi``".

    >>> format_share_range(0.4, 0.5)
    '40–50%'
    >>> format_share_range(None, 0.5)
    '≤50%'
    >>> format_share_range(0.25, 0.25)
    '25%'
    >>> format_share_range(None, None)
    'unknown'
    """
    lo_missing, hi_missing = is_missing(lo), is_missing(hi)
    if lo_missing and hi_missing:
        return UNKNOWN
    if lo_missing:
        return f"{AT_MOST}{format_share(hi, digits)}"
    if hi_missing:
        return f"{AT_LEAST}{format_share(lo, digits)}"
    a, b = f"{float(lo) * 100:.{digits}f}", f"{float(hi) * 100:.{digits}f}"
    return f"{a}%" if a == b else f"{a}{EN_DASH}{b}%"


def format_share_held(lo, hi, reported_max=None, digits: int = 0) -> str:
    """How much of a reported total the table holds, in words where a share would mislead.

    ``lo``/``hi`` are the table's count over the reported maximum/minimum;
    ``reported_max`` the reported figure's upper bound (0: none reported).

    >>> format_share_held(None, 0.00625)
    '≤1%'
    >>> format_share_held(None, 1.5)
    'more than the stated minimum'
    >>> format_share_held(1.5, 1.5)
    'more than the reported figure'
    >>> format_share_held(None, None, reported_max=0)
    'none reported'
    >>> format_share_held(0.4, 0.5)
    '40–50%'
    """
    lo_missing, hi_missing = is_missing(lo), is_missing(hi)
    if not lo_missing and float(lo) > 1:
        return "more than the reported figure"
    if lo_missing and not hi_missing and float(hi) > 1:
        return "more than the stated minimum"
    if lo_missing and hi_missing and not is_missing(reported_max) and float(reported_max) == 0:
        return "none reported"
    return format_share_range(lo, hi, digits)


def format_day(value) -> str:
    """A date as ``YYYY-MM-DD``.

    >>> format_day(pd.Timestamp("2024-02-03 00:00"))
    '2024-02-03'
    """
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def format_period(start, freq: str) -> str:
    """A period as a reader names it, from its first day.

    >>> format_period(pd.Timestamp("2024-01-01"), "month")
    'Jan 2024'
    >>> format_period(pd.Timestamp("2024-01-22"), "week")
    'week of 2024-01-22'
    >>> format_period(pd.Timestamp("2024-01-22"), "day")
    '2024-01-22'
    """
    if freq == "month":
        return pd.Timestamp(start).strftime("%b %Y")
    if freq == "week":
        return f"week of {format_day(start)}"
    return format_day(start)


NOT_APPLICABLE = "not applicable"
"""A casualty figure of a side that could not be casualties of the incidents counted (never "unknown", never 0)."""


def _count(value) -> str:
    """A whole count with thousands separators.

    >>> _count(1200.0), _count(7)
    ('1,200', '7')
    """
    return f"{int(float(value)):,}"


def format_figure(low, high, high_open: bool = False, best=None, approximate: bool = False) -> str:
    """How a casualty figure reads everywhere (headline, tables, charts, cards, export notes): the one formatter.

    ``low``/``high`` are the lowest and highest figure the sources support
    (a sum over incidents for a tally); ``high_open`` means a source stated
    a minimum and none an upper bound ("at least"); ``best`` is the best
    estimate; ``approximate`` means the figure rests on a best estimate
    alone ("about"), which is not a minimum and so never open-ended.

    >>> format_figure(1200, 1200, best=1200, approximate=True)
    'about 1,200'
    >>> format_figure(18, None, high_open=True)
    'at least 18'
    >>> format_figure(2, 3), format_figure(3, 3), format_figure(0, 0)
    ('2–3', '3', '0')
    >>> format_figure(2, 4, best=3), format_figure(None, None)
    ('3 (2–4)', 'unknown')
    >>> format_figure(None, 5), format_figure(1200, 2500, best=1500)
    ('at most 5', '1,500 (1,200–2,500)')
    """
    lo_missing, hi_missing = is_missing(low), is_missing(high) or high_open
    if lo_missing and hi_missing:
        return UNKNOWN
    if hi_missing:
        return f"at least {_count(low)}"
    if lo_missing:
        return f"at most {_count(high)}"
    about = "about " if approximate else ""
    if float(low) == float(high):
        return f"{about}{_count(low)}"
    text = f"{_count(low)}{EN_DASH}{_count(high)}"
    if not is_missing(best) and float(best) not in (float(low), float(high)):
        return f"{about}{_count(best)} ({text})"
    return about + text
