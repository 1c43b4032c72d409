"""The tables of the reports: built from metric frames, shown as escaped HTML.

``build_*`` functions turn a metric's frame into a display frame (plain
headers, ranges as text, dates as days); :func:`show_table` writes it as
escaped HTML (:func:`build_table_html`, in :mod:`analysis.reporting.table_html`
and re-exported here): any text coming from the data (notes, names,
headlines) is escaped there, where it enters HTML.

Here: :func:`show_table` and the lists of incidents and sources; the tables of counts live in
:mod:`analysis.reporting.summary_tables`, row limits in :mod:`analysis.reporting.row_limits` and the README's
figures in :mod:`analysis.reporting.readme_figures`, each re-exported here.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import display

from analysis import schema
from analysis.reporting.casualty_text import (
    TOLL_ANCHOR_PREFIX,
    build_toll_table,
    format_incident_casualty,
    name_row_tolls,
)
from analysis.reporting.links import EXPORT_HREF, build_card_hrefs
from analysis.reporting.readme_figures import build_figures_markdown  # noqa: F401 (re-exported)
from analysis.reporting.row_limits import DEFAULT_ROW_LIMIT, limit_rows, note_rows_not_listed
from analysis.reporting.summary_tables import (  # noqa: F401 (re-exported: the notebooks import them from here)
    build_count_table,
    build_coverage_table,
    build_lull_table,
    build_period_table,
    build_place_table,
    describe_lulls,
)
from analysis.reporting.table_html import (  # re-exported: every name stays importable from here
    CELL_HREFS,
    FOLLOWING_TABLE,
    INCIDENT_ID_COLUMNS,
    ROWS_NOT_LISTED,
    build_table_html,
)


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
    return note_rows_not_listed(table, len(selected) - len(ordered), "incidents")


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
    return note_rows_not_listed(shown, len(cited_sources) - len(shown), "sources")
