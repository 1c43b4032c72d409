"""Text for display tables: figure ranges, open ranges, unknowns and shares.

A count in the incident table is a ``(min, max)`` pair (see
:mod:`analysis.schema`): both empty means *unknown*, an empty max with a
given min means *at least min*.  These helpers turn such pairs, and the
tallies of :mod:`analysis.metrics.casualties`, into the strings the reports show.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.data.problems import count_text
from analysis.metrics.casualties import (
    US_EXPOSED_CATEGORIES,
    US_MEASURES,
    group_columns,
    read_toll_links,
    widen_tally,
)

EN_DASH = "\u2013"
AT_LEAST = "\u2265"
AT_MOST = "\u2264"
UNKNOWN = "unknown"


def _is_missing(value) -> bool:
    """True for None, NaN, NaT and pd.NA."""
    return value is None or bool(pd.isna(value))


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
    return format_figure(lo, hi, high_open=_is_missing(hi))


def format_share(value, digits: int = 0) -> str:
    """Format a share (0..1) as a percentage; ``unknown`` when missing.

    >>> format_share(0.4567)
    '46%'
    >>> format_share(0.4567, digits=1)
    '45.7%'
    >>> format_share(None)
    'unknown'
    """
    if _is_missing(value):
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
    lo_missing, hi_missing = _is_missing(lo), _is_missing(hi)
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
    lo_missing, hi_missing = _is_missing(lo), _is_missing(hi)
    if not lo_missing and float(lo) > 1:
        return "more than the reported figure"
    if lo_missing and not hi_missing and float(hi) > 1:
        return "more than the stated minimum"
    if lo_missing and hi_missing and not _is_missing(reported_max) and float(reported_max) == 0:
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
    >>> format_figure(None, 5)
    'at most 5'
    """
    lo_missing, hi_missing = _is_missing(low), _is_missing(high) or high_open
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
    if not _is_missing(best) and float(best) not in (float(low), float(high)):
        return f"{about}{_count(best)} ({text})"
    return about + text


def format_incident_figure(lo, best, hi) -> str:
    """One incident's count (``min``, ``best``, ``max``) as :func:`format_figure` words it.

    A best estimate without stated bounds reads "about N"; an empty minimum
    under a given maximum counts the best estimate, else 0; unknown stays
    ``unknown``, never 0.

    >>> format_incident_figure(3, pd.NA, 3), format_incident_figure(0, pd.NA, 0)
    ('3', '0')
    >>> format_incident_figure(pd.NA, 1200, pd.NA)
    'about 1,200'
    >>> format_incident_figure(18, pd.NA, pd.NA), format_incident_figure(2, 3, 5)
    ('at least 18', '3 (2–5)')
    >>> format_incident_figure(pd.NA, pd.NA, 5), format_incident_figure(pd.NA, pd.NA, pd.NA)
    ('0–5', 'unknown')
    """
    if _is_missing(lo) and _is_missing(hi):
        if _is_missing(best):
            return UNKNOWN
        return format_figure(best, best, best=best, approximate=True)
    if _is_missing(lo):  # as the tally counts it: the best estimate, else 0 under a stated maximum
        lo = best if not _is_missing(best) else 0
    return format_figure(lo, hi, _is_missing(hi), None if _is_missing(best) else best)


def format_incident_casualty(category, measure: str, lo, best, hi) -> str:
    """One incident's casualty figure of ``measure``, or "not applicable" when its side could not be casualties.

    US personnel could be casualties of an attack on US forces, or of an
    incident for which a source gives a US figure
    (:func:`analysis.metrics.casualties.find_applicable`).

    >>> format_incident_casualty("regional", "us_killed", pd.NA, pd.NA, pd.NA)
    'not applicable'
    >>> format_incident_casualty("attack_on_us", "us_killed", pd.NA, pd.NA, pd.NA)
    'unknown'
    >>> format_incident_casualty("regional", "other_killed", pd.NA, 1200, pd.NA)
    'about 1,200'
    """
    stated = not all(_is_missing(v) for v in (lo, best, hi))
    if measure in US_MEASURES and not stated and str(category) not in US_EXPOSED_CATEGORIES:
        return NOT_APPLICABLE
    return format_incident_figure(lo, best, hi)


def format_tally_cell(
    low,
    high,
    high_open: bool,
    incidents_unknown: int = 0,
    best=None,
    incidents: int | None = None,
    incidents_approximate: int = 0,
) -> str:
    """One cell of a casualty tally: the figure as :func:`format_figure` words it, then the incidents without one.

    ``low``/``high`` are sums over the incidents that have a figure; ``high``
    is ignored when ``high_open`` (some incident has only a lower bound).
    ``incidents`` is how many incidents the measure applies to: 0 reads
    "not applicable".

    >>> format_tally_cell(3, 5, False)
    '3–5'
    >>> format_tally_cell(3, pd.NA, True, 2)
    'at least 3 (2 unknown)'
    >>> format_tally_cell(pd.NA, pd.NA, False, 4)
    'unknown'
    >>> format_tally_cell(0, 0, False), format_tally_cell(pd.NA, pd.NA, False, 0, incidents=0)
    ('0', 'not applicable')
    >>> format_tally_cell(1200, 1200, False, 1, best=1200, incidents_approximate=1)
    'about 1,200 (1 unknown)'
    >>> format_tally_cell(2, 4, False, best=3)
    '3 (2–4)'
    """
    if incidents is not None and not _is_missing(incidents) and int(incidents) == 0:
        return NOT_APPLICABLE
    approximate = not _is_missing(incidents_approximate) and int(incidents_approximate) > 0
    text = format_figure(low, high, high_open, None if _is_missing(best) else best, approximate)
    if text != UNKNOWN and not _is_missing(incidents_unknown) and int(incidents_unknown) > 0:
        text += f" ({int(incidents_unknown):,} unknown)"
    return text


def describe_us_tally(row: pd.Series, attacks: int) -> str:
    """A US casualty tally (a row of :func:`analysis.metrics.casualties.tally_casualties`) and the incidents it covers.

    ``attacks`` is the number of attacks on US forces selected; the other
    incidents counted are those with a stated US figure.

    >>> row = {"low": 3, "high": 3, "best": pd.NA, "high_open": False, "incidents": 6,
    ...        "incidents_with_figure": 3, "incidents_unknown": 3, "incidents_approximate": 0}
    >>> describe_us_tally(pd.Series(row), 6)
    '3 in 6 attacks on US forces; 3 without a figure'
    >>> describe_us_tally(pd.Series({**row, "incidents": 0, "incidents_with_figure": 0, "incidents_unknown": 0}), 0)
    'not applicable: no attack on US forces selected'
    """
    applicable, unknown = int(row["incidents"]), int(row["incidents_unknown"])
    if applicable == 0:
        return f"{NOT_APPLICABLE}: no attack on US forces selected"
    others = applicable - attacks
    scope = count_text(attacks, "attack") + " on US forces"
    if others:
        scope += f" and {count_text(others, 'other incident')} with a stated US figure"
    if int(row["incidents_with_figure"]) == 0:
        return f"unknown: no source gives a figure for the {scope}"
    figure = format_tally_cell(
        row["low"], row["high"], bool(row["high_open"]), 0, row["best"], applicable, row["incidents_approximate"]
    )
    return f"{figure} in {scope}" + (f"; {unknown:,} without a figure" if unknown else "")


def describe_tolls(toll_ids, links: pd.DataFrame | None) -> str:
    """Who gives an operation toll and for which rows (``links``: :func:`analysis.metrics.tolls.link_operation_tolls`).

    >>> links = pd.DataFrame({"total_id": ["T", "T"], "source_id": ["S1", "S1"], "operation": ["the wave"] * 2,
    ...                       "countries": ["Syria", "Syria"], "incident_id": ["A", "B"]})
    >>> describe_tolls("T", links)
    'S1, for the wave in Syria, not split between its 2 rows'
    """
    parts = []
    for total_id in str(toll_ids).split(";"):
        one = links.loc[links["total_id"] == total_id] if links is not None else pd.DataFrame()
        if one.empty:
            parts.append(f"{total_id}, not split between its rows")
            continue
        first = one.iloc[0]
        where = "" if _is_missing(first["countries"]) else f" in {str(first['countries']).replace(';', ' and ')}"
        parts.append(f"{first['source_id']}, for {first['operation']}{where}, not split between its {len(one)} rows")
    return "; ".join(parts)


def format_toll_cell(row, links: pd.DataFrame | None, prefix: str = "") -> str | None:
    """A tally cell whose incidents include an operation toll: the toll, whose it is, then the rest.

    ``row`` holds one measure's statistics (the columns of
    :data:`analysis.metrics.casualties.STAT_COLUMNS`, each name after
    ``prefix``); None when no toll touches it.  Example: "at least 18 (S001,
    for the wave in Syria, not split between its 3 rows) + at least 4 elsewhere (2 unknown)".
    """
    ids = row[f"{prefix}toll_ids"]
    if _is_missing(ids):
        return None
    toll = format_figure(
        row[f"{prefix}toll_low"],
        row[f"{prefix}toll_high"],
        bool(row[f"{prefix}toll_high_open"]),
        approximate=bool(row[f"{prefix}toll_approximate"]),
    )
    text = f"{toll} ({describe_tolls(ids, links)})"
    rest = int(row[f"{prefix}incidents"])
    if rest == 0:
        return text
    if int(row[f"{prefix}incidents_with_figure"]) == 0:
        return text + f" + {count_text(rest, 'other incident')} without a figure"
    other = format_tally_cell(
        row[f"{prefix}low"],
        row[f"{prefix}high"],
        bool(row[f"{prefix}high_open"]),
        0,
        row[f"{prefix}best"],
        rest,
        row[f"{prefix}incidents_approximate"],
    )
    unknown = int(row[f"{prefix}incidents_unknown"])
    return text + f" + {other} elsewhere" + (f" ({unknown:,} unknown)" if unknown else "")


def format_measure_cell(row, tolls: pd.DataFrame | None = None, prefix: str = "") -> str:
    """One measure of a tally row (columns of ``STAT_COLUMNS`` after ``prefix``) as every table shows it."""
    with_toll = format_toll_cell(row, tolls, prefix) if f"{prefix}toll_ids" in row else None
    if with_toll is not None:
        return with_toll
    return format_tally_cell(
        row[f"{prefix}low"],
        row[f"{prefix}high"],
        bool(row[f"{prefix}high_open"]),
        row[f"{prefix}incidents_unknown"],
        row[f"{prefix}best"],
        row[f"{prefix}incidents"],
        row[f"{prefix}incidents_approximate"],
    )


def format_casualty_table(
    tally: pd.DataFrame,
    measures=None,
    labels: dict[str, str] | None = None,
    freq: str | None = None,
    tolls: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Turn a long tally from :func:`analysis.metrics.casualties.tally_casualties` into a display table.

    One row per group (the columns before ``measure`` in ``tally``; a single
    row when the tally has no group), one text column per measure, each cell
    as :func:`format_tally_cell` writes it (e.g. ``"3"``, ``"4 (3–5)"``: best
    estimate, then the range; ``"≥4 (2 unknown)"``).
    A cell whose incidents include an operation toll reads as
    :func:`format_toll_cell` writes it (``tolls``: the links the tally was
    made with, for the toll's source and rows).
    ``labels`` renames the measure columns (default: the schema's
    ``MEASURE_LABELS``); group values take the schema's value labels, and a
    ``period`` group reads as :func:`format_period` writes it for ``freq``.

    Returns the group columns followed by one column per measure.
    """
    tolls = tolls if tolls is not None else read_toll_links(tally)
    wide = widen_tally(tally, measures=measures)
    keys = group_columns(tally)
    out = wide[keys].copy() if keys else pd.DataFrame(index=wide.index)
    names = [m for m in (measures or tally["measure"].drop_duplicates().tolist())]
    for m in names:
        out[m] = [format_measure_cell(row, tolls, f"{m}_") for _, row in wide.iterrows()]
    out = out.astype({m: "string" for m in names})
    for key in keys:
        if key == "period":
            out[key] = [format_period(v, freq or "day") for v in out[key]]
        elif key in schema.VALUE_LABELS:
            out[key] = [schema.NOT_STATED if pd.isna(v) else schema.value_label(key, v) for v in out[key]]
    out = out.rename(columns=labels if labels is not None else schema.MEASURE_LABELS)
    return out.reset_index(drop=True)
