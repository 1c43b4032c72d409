"""Text for display tables: figure ranges, open ranges, unknowns and shares.

A count in the incident table is a ``(min, max)`` pair (see
:mod:`analysis.schema`): both empty means *unknown*, an empty max with a
given min means *at least min*.  These helpers turn such pairs, and the
tallies of :mod:`analysis.metrics.casualties`, into the strings the reports show.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.metrics.casualties import group_columns, widen_tally
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
    """Format a ``(min, max)`` pair as the reports show it.

    >>> format_range(3, 5)
    '3–5'
    >>> format_range(3, 3)
    '3'
    >>> format_range(4, None)
    '≥4'
    >>> format_range(pd.NA, pd.NA)
    'unknown'
    >>> format_range(0, 0)
    '0'
    >>> format_range(None, 5)
    '≤5'
    """
    lo_missing, hi_missing = is_missing(lo), is_missing(hi)
    if lo_missing and hi_missing:
        return UNKNOWN
    if hi_missing:
        return f"{AT_LEAST}{_number(lo)}"
    if lo_missing:
        return f"{AT_MOST}{_number(hi)}"
    if float(lo) == float(hi):
        return _number(lo)
    return f"{_number(lo)}{EN_DASH}{_number(hi)}"


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


def format_tally_cell(low, high, high_open: bool, incidents_unknown: int = 0, best=None) -> str:
    """One cell of a casualty table: best estimate and range, then how many incidents lack a figure.

    ``low``/``high`` are sums over the incidents that have a figure; ``high``
    is ignored when ``high_open`` (some incident has only a lower bound).

    >>> format_tally_cell(3, 5, False)
    '3–5'
    >>> format_tally_cell(3, pd.NA, True, 2)
    '≥3 (2 unknown)'
    >>> format_tally_cell(pd.NA, pd.NA, False, 4)
    'unknown'
    >>> format_tally_cell(0, 0, False)
    '0'
    >>> format_tally_cell(1203, pd.NA, True, 1, best=1203)
    '1203 (≥1203; 1 unknown)'
    >>> format_tally_cell(2, 4, False, best=3)
    '3 (2–4)'
    """
    text = format_range(low, pd.NA if high_open else high)
    if text == UNKNOWN:
        return text
    exact = not high_open and not is_missing(high) and high == low
    if best is not None and not is_missing(best) and not exact:
        unknown = (
            ""
            if is_missing(incidents_unknown) or int(incidents_unknown) == 0
            else f"; {int(incidents_unknown)} unknown"
        )
        return f"{_number(best)} ({text}{unknown})"
    if not is_missing(incidents_unknown) and int(incidents_unknown) > 0:
        text += f" ({int(incidents_unknown)} unknown)"
    return text


def format_casualty_table(
    tally: pd.DataFrame, measures=None, labels: dict[str, str] | None = None, freq: str | None = None
) -> pd.DataFrame:
    """Turn a long tally from :func:`analysis.metrics.casualties.tally_casualties` into a display table.

    One row per group (the columns before ``measure`` in ``tally``; a single
    row when the tally has no group), one text column per measure, each cell
    as :func:`format_tally_cell` writes it (e.g. ``"3"``, ``"4 (3–5)"``: best
    estimate, then the range; ``"≥4 (2 unknown)"``).
    ``labels`` renames the measure columns (default: the schema's
    ``MEASURE_LABELS``); group values take the schema's value labels, and a
    ``period`` group reads as :func:`format_period` writes it for ``freq``.

    Returns the group columns followed by one column per measure.
    """
    wide = widen_tally(tally, measures=measures)
    keys = group_columns(tally)
    out = wide[keys].copy() if keys else pd.DataFrame(index=wide.index)
    names = [m for m in (measures or tally["measure"].drop_duplicates().tolist())]
    for m in names:
        out[m] = [
            format_tally_cell(lo, hi, bool(op), unk, best)
            for lo, hi, op, unk, best in zip(
                wide[f"{m}_low"],
                wide[f"{m}_high"],
                wide[f"{m}_high_open"],
                wide[f"{m}_incidents_unknown"],
                wide[f"{m}_best"],
            )
        ]
    out = out.astype({m: "string" for m in names})
    for key in keys:
        if key == "period":
            out[key] = [format_period(v, freq or "day") for v in out[key]]
        elif key in schema.VALUE_LABELS:
            out[key] = [schema.NOT_STATED if pd.isna(v) else schema.value_label(key, v) for v in out[key]]
    out = out.rename(columns=labels if labels is not None else schema.MEASURE_LABELS)
    return out.reset_index(drop=True)
