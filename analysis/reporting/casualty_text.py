"""How a casualty figure reads in every report: one incident's figure, a tally cell, an operation toll, a table.

Every text goes through :func:`analysis.reporting.formatting.format_figure`,
so a figure reads the same in the headline, the tables, the charts and the
cards ("about 1,200", "at least 18", "2–3", "unknown", "not applicable").
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
from analysis.reporting.formatting import NOT_APPLICABLE, format_figure, format_period
from analysis.vocabulary import UNKNOWN, is_missing


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
    if is_missing(lo) and is_missing(hi):
        if is_missing(best):
            return UNKNOWN
        return format_figure(best, best, best=best, approximate=True)
    if is_missing(lo):  # as the tally counts it: the best estimate, else 0 under a stated maximum
        lo = best if not is_missing(best) else 0
    return format_figure(lo, hi, is_missing(hi), None if is_missing(best) else best)


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
    stated = not all(is_missing(v) for v in (lo, best, hi))
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
    if incidents is not None and not is_missing(incidents) and int(incidents) == 0:
        return NOT_APPLICABLE
    approximate = not is_missing(incidents_approximate) and int(incidents_approximate) > 0
    text = format_figure(low, high, high_open, None if is_missing(best) else best, approximate)
    if text != UNKNOWN and not is_missing(incidents_unknown) and int(incidents_unknown) > 0:
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
        where = "" if is_missing(first["countries"]) else f" in {str(first['countries']).replace(';', ' and ')}"
        parts.append(f"{first['source_id']}, for {first['operation']}{where}, not split between its {len(one)} rows")
    return "; ".join(parts)


TOLL_ROW_PREFIX = "in operation toll"
"""How a row counted by an operation toll starts in a per-incident list: never "unknown", never a share of the toll."""


def format_toll_figure(link) -> str:
    """The figure of one operation toll (a row of :func:`analysis.metrics.tolls.link_operation_tolls`).

    >>> format_toll_figure({"value_min": 18, "value_best": pd.NA, "value_max": pd.NA})
    'at least 18'
    >>> format_toll_figure({"value_min": pd.NA, "value_best": 40, "value_max": pd.NA})
    'about 40'
    """
    approx = is_missing(link["value_min"]) and is_missing(link["value_max"])
    lo = link["value_best"] if approx else link["value_min"]
    hi = link["value_best"] if approx else link["value_max"]
    return format_figure(lo, hi, is_missing(hi), approximate=approx)


def format_row_in_toll(link, own: str = UNKNOWN) -> str:
    """One incident's cell of a measure an operation toll counts: the whole toll, and the row's own figure if any.

    >>> link = {"value_min": 18, "value_best": pd.NA, "value_max": pd.NA}
    >>> format_row_in_toll(link), format_row_in_toll(link, "2")
    ('in operation toll: at least 18', 'in operation toll: at least 18 (this row: 2)')
    """
    text = f"{TOLL_ROW_PREFIX}: {format_toll_figure(link)}"
    return text if own == UNKNOWN else f"{text} (this row: {own})"


def format_toll_cell(row, links: pd.DataFrame | None, prefix: str = "") -> str | None:
    """A tally cell whose incidents include an operation toll: the toll, whose it is, then the rest.

    ``row`` holds one measure's statistics (the columns of
    :data:`analysis.metrics.casualties.STAT_COLUMNS`, each name after
    ``prefix``); None when no toll touches it.  Example: "at least 18 (S001,
    for the wave in Syria, not split between its 3 rows) + at least 4 elsewhere (2 unknown)".
    """
    ids = row[f"{prefix}toll_ids"]
    if is_missing(ids):
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


TOLL_ANCHOR_PREFIX = "toll-"
"""The element id of an operation toll's row under a per-incident list: ``toll-<total_id>``."""


def build_toll_table(links: pd.DataFrame, total_ids=None) -> pd.DataFrame:
    """The operation tolls of ``links`` (:func:`analysis.metrics.tolls.link_operation_tolls`), one row each.

    ``total_ids`` keeps only those tolls (None: all).  Columns: reported
    total (its ``total_id``), figure (as :func:`format_toll_figure` words
    it), of (the measure's label), for (operation and countries), source,
    incidents (the rows it covers, ``;``-joined).  ``attrs[ROW_IDS]`` holds
    each row's anchor (``toll-<total_id>``), which per-incident cells link to.
    """
    from analysis.reporting.table_html import ROW_IDS

    keep = links if total_ids is None else links.loc[links["total_id"].isin(list(total_ids))]
    rows = []
    for total_id, one in keep.groupby("total_id", sort=True):
        first = one.iloc[0]
        where = "" if is_missing(first["countries"]) else f" in {str(first['countries']).replace(';', ' and ')}"
        rows.append(
            {
                "reported total": str(total_id),
                "figure": format_toll_figure(first),
                "of": schema.MEASURE_LABELS.get(str(first["measure"]), str(first["measure"])),
                "for": f"{first['operation']}{where}, not split between its {len(one)} rows",
                "source": str(first["source_id"]),
                "incidents": "; ".join(one["incident_id"].astype(str)),
            }
        )
    table = pd.DataFrame(rows, columns=["reported total", "figure", "of", "for", "source", "incidents"])
    table.attrs[ROW_IDS] = [TOLL_ANCHOR_PREFIX + t for t in table["reported total"]]
    return table


def name_row_tolls(
    incident_ids: pd.Series, texts: list[str], tolls: pd.DataFrame | None, measure: str
) -> tuple[list[str], list[str | None]]:
    """Cells of ``measure`` for the incidents ``incident_ids`` (``texts``: their own figures): a row an operation
    toll of ``tolls`` counts reads :func:`format_row_in_toll`; also each row's link to the toll (``#toll-<total_id>``)
    or None."""
    hrefs: list[str | None] = [None] * len(texts)
    if tolls is None or not len(tolls):
        return texts, hrefs
    mine = tolls.loc[tolls["measure"] == measure].sort_values("total_id").drop_duplicates("incident_id")
    by_incident = {str(link["incident_id"]): link for _, link in mine.iterrows()}
    out = list(texts)
    for i, incident_id in enumerate(incident_ids.astype(str)):
        link = by_incident.get(incident_id)
        if link is not None:
            out[i] = format_row_in_toll(link, texts[i])
            hrefs[i] = f"#{TOLL_ANCHOR_PREFIX}{link['total_id']}"
    return out, hrefs
