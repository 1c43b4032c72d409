"""The tables of the reports: built from metric frames, shown as escaped HTML.

``build_*`` functions turn a metric's frame into a display frame (plain
headers, ranges as text, dates as days); :func:`show_table` writes it as
escaped HTML (:func:`build_table_html`, in :mod:`analysis.reporting.table_html`
and re-exported here): any text coming from the data (notes, names,
headlines) is escaped there, where it enters HTML.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from IPython.display import display

from analysis import schema
from analysis.metrics.casualties import US_MEASURES, tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import NOT_COVERED
from analysis.metrics.tolls import link_operation_tolls
from analysis.reporting.casualty_text import (
    TOLL_ANCHOR_PREFIX,
    build_toll_table,
    describe_us_tally,
    format_incident_casualty,
    format_measure_cell,
    name_row_tolls,
)
from analysis.reporting.formatting import (
    format_day,
    format_period,
    format_range,
    format_share,
    format_share_held,
)
from analysis.reporting.links import EXPORT_HREF, build_card_hrefs
from analysis.reporting.table_html import (  # re-exported: every name stays importable from here
    CELL_HREFS,
    FOLLOWING_TABLE,
    INCIDENT_ID_COLUMNS,
    NOT_MEASURED,
    ROWS_NOT_LISTED,
    build_table_html,
)

DEFAULT_ROW_LIMIT = 50
"""Rows a long table shows at most (the rest are counted under it, with a link to the CSV export)."""


def limit_rows(table: pd.DataFrame, limit: int | None, noun: str = "rows", keep: str = "first") -> pd.DataFrame:
    """The first (``keep="first"``) or last ``limit`` rows of ``table``; the rest are counted, not shown.

    The count and ``noun`` (what a row is: ``"incidents"``, ``"weeks"`` ...)
    go into ``attrs`` so :func:`build_table_html` writes the line "N more
    <noun> are not listed" with a link to the CSV export. ``None`` keeps all
    (and, like any limit, tells :func:`show_table` the rows were chosen).

    >>> shown = limit_rows(pd.DataFrame({"n": range(5)}), 2, "incidents")
    >>> shown["n"].tolist(), shown.attrs[ROWS_NOT_LISTED]
    ([0, 1], {'count': 3, 'noun': 'incidents', 'where': 'more'})
    >>> limit_rows(pd.DataFrame({"n": range(5)}), 2, "weeks", keep="last")["n"].tolist()
    [3, 4]
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more, got {limit}")
    if keep not in ("first", "last"):
        raise ValueError(f"keep must be 'first' or 'last', got {keep!r}")
    cut = limit is not None and len(table) > limit
    shown = (table.head(limit) if keep == "first" else table.tail(limit)) if cut else table
    shown = shown.copy()
    shown.attrs = dict(table.attrs)
    return _note_rows_not_listed(shown, len(table) - len(shown), noun, "more" if keep == "first" else "earlier")


def _note_rows_not_listed(shown: pd.DataFrame, count: int, noun: str, where: str = "more") -> pd.DataFrame:
    """Record in ``shown.attrs`` that ``count`` rows (``noun``) were left out (0: all rows are shown)."""
    shown.attrs[ROWS_NOT_LISTED] = {"count": int(count), "noun": noun, "where": where}
    return shown


def find_card_hrefs(table: pd.DataFrame, all_incidents: pd.DataFrame) -> dict[str, str]:
    """Card links of the incident ids in ``table``'s id columns (``attrs[INCIDENT_ID_COLUMNS]``).

    ``all_incidents`` is the whole incident table (the card pages are cut
    from it, see :mod:`analysis.reporting.links`). Ids not in it get no link.
    """
    columns = [c for c in table.attrs.get(INCIDENT_ID_COLUMNS, ()) if c in table.columns]
    if not columns or all_incidents is None:
        return {}
    ids = set(pd.concat([table[c].astype("string") for c in columns]).dropna())
    shown = all_incidents[all_incidents["incident_id"].astype("string").isin(ids)]
    return build_card_hrefs(shown, all_incidents).to_dict() if len(shown) else {}


def show_table(
    table: pd.DataFrame,
    caption: str | None = None,
    index: bool = False,
    all_incidents: pd.DataFrame | None = None,
    max_rows: int | None = DEFAULT_ROW_LIMIT,
) -> None:
    """Display ``table`` as escaped HTML with a plain-text fallback.

    A table longer than ``max_rows`` that no builder has cut already shows
    its first ``max_rows`` rows and counts the rest (so no report grows with
    the data). With ``all_incidents`` (the whole incident table), incident
    ids link to their cards.
    """
    if ROWS_NOT_LISTED not in table.attrs:
        table = limit_rows(table, max_rows)
    hrefs = find_card_hrefs(table, all_incidents) if all_incidents is not None else None
    plain = table.to_string(index=index)
    not_listed = table.attrs.get(ROWS_NOT_LISTED)
    if not_listed and not_listed["count"]:
        plain += f"\n({not_listed['count']:,} {not_listed['where']} {not_listed['noun']} not listed; see {EXPORT_HREF})"
    following = table.attrs.get(FOLLOWING_TABLE)
    if following is not None:
        plain += f"\n\n{following[1]}\n" + following[0].to_string(index=False)
    display({"text/html": build_table_html(table, caption, index, hrefs), "text/plain": plain}, raw=True)


def build_incident_list(
    selected: pd.DataFrame, limit: int | None = DEFAULT_ROW_LIMIT, tolls: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ``limit`` most recent incidents, newest first: ranges as "3–5", unknowns as "unknown".

    Columns: incident (its id, linked to its card when shown by a report), date, location, country,
    category, perpetrator, weapon, outcome, US killed, US injured, others killed, others injured,
    claimed by, and grade when ``selected`` has one (:func:`analysis.metrics.grades.grade_incidents`). The
    incidents left out are counted under the table (``None``: list all).

    ``tolls`` (:func:`analysis.metrics.tolls.link_operation_tolls`): a row an
    operation toll counts reads "in operation toll: at least 18", linked to
    the toll's row in the table of tolls shown right under the list
    (``attrs[FOLLOWING_TABLE]``), never "unknown" and never a share of the toll.
    """
    ordered = selected.sort_values(["event_date", "incident_id"], ascending=[False, True])
    if limit is not None:
        if limit < 0:
            raise ValueError(f"limit must be 0 or more, got {limit}")
        ordered = ordered.head(limit)

    hrefs: dict[str, list[str | None]] = {}

    def pair(prefix: str, name: str) -> list[str]:
        best = ordered[f"{prefix}_best"] if f"{prefix}_best" in ordered else [pd.NA] * len(ordered)
        columns = (ordered["category"], ordered[f"{prefix}_min"], best, ordered[f"{prefix}_max"])
        texts = [format_incident_casualty(c, prefix, lo, b, hi) for c, lo, b, hi in zip(*columns)]
        texts, hrefs[name] = name_row_tolls(ordered["incident_id"], texts, tolls, prefix)
        return texts

    date_text = [
        d.strftime("%Y-%m-%d") + ("" if p == "day" else f" ({p})")
        for d, p in zip(ordered["event_date"], ordered["date_precision"].astype("string"))
    ]
    table = pd.DataFrame(
        {
            "incident": ordered["incident_id"].to_numpy(),
            "date": date_text,
            "location": ordered["location"].to_numpy(),
            "country": ordered["country"].astype("string").to_numpy(),
            "category": [schema.value_label("category", v) for v in ordered["category"].astype("string")],
            "perpetrator": ordered["perpetrator"].fillna(schema.NOT_STATED).to_numpy(),
            "weapon": [schema.value_label("weapon", v) for v in ordered["weapon"].astype("string")],
            "outcome": ordered["outcome"].astype("string").to_numpy(),
            "US killed": pair("us_killed", "US killed"),
            "US injured": pair("us_injured", "US injured"),
            "others killed": pair("other_killed", "others killed"),
            "others injured": pair("other_injured", "others injured"),
            "claimed by": ordered["claimed_by"].fillna("no claim reported").to_numpy(),
        }
    )
    if "grade" in ordered:  # open_report grades its selection (analysis.metrics.grades)
        table["grade"] = ordered["grade"].astype("string").to_numpy()
    table.attrs[INCIDENT_ID_COLUMNS] = ["incident"]
    linked = {name: links for name, links in hrefs.items() if any(links)}
    if linked:
        table.attrs[CELL_HREFS] = linked
        shown = {h.removeprefix("#" + TOLL_ANCHOR_PREFIX) for links in linked.values() for h in links if h}
        caption = "Operation tolls: figures a source gives for a whole operation, not split between its rows"
        table.attrs[FOLLOWING_TABLE] = (build_toll_table(tolls, shown), caption)
    return _note_rows_not_listed(table, len(selected) - len(ordered), "incidents")


def _source_types(sources: pd.DataFrame) -> list[str]:
    """Each source's ``source_type``, "not typed" when empty or when the table has no such column."""
    if "source_type" not in sources:
        return ["not typed"] * len(sources)
    return sources["source_type"].astype("string").fillna("not typed").tolist()


def _source_addresses(sources: pd.DataFrame) -> list[str]:
    """Where each source can be read: its ``url``, else its bundled ``file``, else empty (known by name only)."""
    empty = pd.Series(pd.NA, index=sources.index, dtype="string")
    url, file = (sources[c].astype("string") if c in sources else empty for c in ("url", "file"))
    return url.fillna(file).fillna("").tolist()


def build_source_list(
    sources: pd.DataFrame, selected: pd.DataFrame, limit: int | None = DEFAULT_ROW_LIMIT
) -> pd.DataFrame:
    """The sources behind ``selected``, oldest first: outlet, headline, published date, incidents cited.

    With more than ``limit`` sources, the ``limit`` citing most incidents
    (then the most recent) are listed and the rest counted under the table.

    Columns: source, outlet, type (``source_type``, "not typed" when empty), headline, published,
    incidents, address (the url, or the bundled file's path in the data directory; empty for a source
    known by name only).
    """
    cited = selected["source_ids"].fillna("").str.split(";").explode().str.strip()
    counts = cited[cited != ""].value_counts()
    table = pd.DataFrame(
        {
            "source": sources["source_id"].to_numpy(),
            "outlet": sources["outlet"].to_numpy(),
            "type": _source_types(sources),
            "headline": sources["headline"].to_numpy(),
            "published": pd.to_datetime(sources["published"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "incidents": [int(counts.get(s, 0)) for s in sources["source_id"]],
            "address": _source_addresses(sources),
        }
    )
    cited_sources = table[table["incidents"] > 0]
    chosen = cited_sources
    if limit is not None and len(cited_sources) > limit:
        chosen = cited_sources.sort_values(["incidents", "published"], ascending=False, kind="stable").head(limit)
    shown = chosen.sort_values("published", kind="stable").reset_index(drop=True)
    return _note_rows_not_listed(shown, len(cited_sources) - len(shown), "sources")


def build_count_table(counts: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """A :func:`analysis.metrics.counts.count_by` table for display: dimension, incidents, share (%).

    Columns: the dimension, incidents in this table, share.
    """

    return pd.DataFrame(
        {
            dimension.replace("_", " "): [schema.value_label(dimension, v) for v in counts[dimension].astype("string")],
            "incidents in this table": counts["incidents"].to_numpy(),
            "share": [format_share(s) for s in counts["share"]],
        }
    )


def build_coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Reported totals against the table's count, for display.

    Columns: reported figure, scope, period, countries, reported, in this table, share held.
    """

    def day(value) -> str:
        return "not stated" if pd.isna(value) else format_day(value)

    return pd.DataFrame(
        {
            "reported figure": coverage["total_id"].to_numpy(),
            "scope": coverage["scope"].to_numpy(),
            "period": [f"{day(a)} – {day(b)}" for a, b in zip(coverage["period_start"], coverage["as_of"])],
            "countries": coverage["countries"].fillna("not stated").to_numpy(),
            "reported": [format_range(lo, hi) for lo, hi in zip(coverage["reported_min"], coverage["reported_max"])],
            "in this table": coverage["incidents_in_table"].to_numpy(),
            "share held": [
                format_share_held(lo, hi, top)
                for lo, hi, top in zip(coverage["share_low"], coverage["share_high"], coverage["reported_max"])
            ],
        }
    )


def build_period_table(
    per_period: pd.DataFrame, freq: str = "day", limit: int | None = DEFAULT_ROW_LIMIT
) -> pd.DataFrame:
    """Periods with the table's count, its running count and the rolling mean, for display.

    A run of periods without incidents outside claimed coverage (``incidents``
    missing) is one row reading "none recorded — not a complete count" in the
    three figure columns, never 0; a period outside claimed coverage has its
    rolling mean "not measured".  Only the ``limit`` most recent rows are
    listed (the earlier ones are counted under the table; the chart shows them all).

    Columns: period, incidents in this table, cumulative, rolling mean.
    """
    known = per_period["incidents"].notna().to_numpy(dtype=bool)
    starts = np.flatnonzero(~known & np.r_[True, known[:-1]])
    ends = np.flatnonzero(~known & np.r_[known[1:], True])
    rows, gap = [], dict(zip(starts, ends))
    i = 0
    while i < len(per_period):
        period = format_period(per_period["period"].iloc[i], freq)
        if i in gap:
            last = gap[i]
            if last > i:
                period += f" to {format_period(per_period['period'].iloc[last], freq)}"
            rows.append((period, NOT_COVERED, NOT_COVERED, NOT_COVERED))
            i = last + 1
            continue
        mean = per_period["rolling_mean"].iloc[i]
        rows.append(
            (
                period,
                f"{int(per_period['incidents'].iloc[i]):,}",
                f"{int(per_period['cumulative'].iloc[i]):,}",
                NOT_MEASURED if pd.isna(mean) else f"{round(float(mean), 2):g}",
            )
        )
        i += 1
    table = pd.DataFrame(rows, columns=["period", "incidents in this table", "cumulative", "rolling mean"])
    return limit_rows(table, limit, noun=f"{freq}s" if len(table) == len(per_period) else "rows", keep="last")


def build_lull_table(lulls: pd.DataFrame) -> pd.DataFrame:
    """Lulls for display (:func:`analysis.metrics.frequency.find_lulls` output).

    A lull bounded by the edge of claimed coverage reads "at least N" days,
    and its edge says so. Columns: last incident before, lull began, lull
    ended (next incident), days.
    """

    def day(value) -> str:
        return "none in the table" if pd.isna(value) else format_day(value)

    began, ended = [], []
    for a, b, prev, open_ in zip(lulls["began"], lulls["ended"], lulls["previous_incident_date"], lulls["open_ended"]):
        starts_at_edge = bool(open_) and (pd.isna(prev) or pd.Timestamp(prev) + pd.Timedelta(days=1) != a)
        began.append(day(a) + (" (start of claimed coverage)" if starts_at_edge else ""))
        ended.append(day(b) + (" (end of claimed coverage)" if bool(open_) and not starts_at_edge else ""))
    return pd.DataFrame(
        {
            "last incident before": [day(v) for v in lulls["previous_incident_date"]],
            "lull began": began,
            "lull ended (next incident)": ended,
            "days": [f"at least {n:,}" if o else f"{n:,}" for n, o in zip(lulls["gap_days"], lulls["open_ended"])],
        }
    )


def describe_lulls(lulls: pd.DataFrame) -> str:
    """The sentence above a lull table (:func:`analysis.metrics.frequency.find_lulls` output), or instead of it.

    >>> describe_lulls(pd.DataFrame({"gap_days": []}))[:40]
    'No lull is measured: the data claims no '
    """
    if len(lulls) == 0:
        return (
            "No lull is measured: the data claims no period of this selection complete (or none without an "
            "incident), and a stretch the table does not cover may have had incidents."
        )
    return (
        "The longest stretches without any incident in the selection, inside the periods the data claims to "
        'cover; "at least" where the claim, not an incident, ends the stretch.'
    )


def build_place_table(places: pd.DataFrame, name: str) -> pd.DataFrame:
    """The gazetteer row of ``name``. Columns: name, aliases, kind, country, admin1, latitude, longitude."""
    row = places[places["name"] == name]
    return pd.DataFrame(
        {
            "name": row["name"].to_numpy(),
            "aliases": row["aliases"].fillna("").str.replace(";", ", ").to_numpy(),
            "kind": row["kind"].astype("string").to_numpy(),
            "country": row["country"].astype("string").to_numpy(),
            "admin1": row["admin1"].to_numpy(),
            "latitude": row["latitude"].to_numpy(),
            "longitude": row["longitude"].to_numpy(),
        }
    )


def _evidence_text(dataset) -> str:
    """How many quotes there are, and which of them the validator found verbatim in a bundled text."""
    bundled_ids = set(dataset.sources.loc[dataset.sources["file"].notna(), "source_id"])
    checked = int(dataset.evidence["source_id"].isin(bundled_ids).sum())
    external = len(dataset.evidence) - checked
    text = f"{len(dataset.evidence)}: {checked} found verbatim in the bundled articles"
    return text + (f", {external} from external references (not bundled, so not checked)" if external else "")


def build_figures_markdown(dataset) -> str:
    """The README's table of the bundled data's headline figures (markdown).

    Regenerated by ``incidents codebook``; a test fails when it drifts from the data.
    """

    incidents = dataset.incidents
    counts = count_by(incidents, "category", include_empty=True)
    by_category = dict(zip(counts["category"].astype(str), counts["incidents"]))
    tolls = link_operation_tolls(incidents, dataset.reported_totals)
    tally = tally_casualties(incidents, tolls=tolls).set_index("measure")
    bundled = int(dataset.sources["file"].notna().sum())
    rows = [
        (
            "incidents",
            f"{len(incidents)} ({incidents['event_date'].min():%Y-%m-%d} to {incidents['event_date'].max():%Y-%m-%d})",
        ),
    ]
    rows += [(label, str(by_category.get(category, 0))) for category, label in schema.CATEGORY_LABELS.items()]
    attacks = by_category.get("attack_on_us", 0)
    for measure in schema.CASUALTY_PREFIXES:
        row = tally.loc[measure]
        text = describe_us_tally(row, attacks) if measure in US_MEASURES else format_measure_cell(row, tolls)
        rows.append((schema.MEASURE_LABELS[measure], text))
    rows += [
        ("sources", f"{bundled} bundled articles, {len(dataset.sources) - bundled} external references"),
        ("evidence quotes", _evidence_text(dataset)),
        ("places in the gazetteer", str(len(dataset.places))),
    ]
    lines = ["| bundled data | figure |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)
