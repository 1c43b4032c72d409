"""The sources a report cites: which the selection cites, where a reader opens each, and the header's
collapsible "Sources" list (shown by :func:`analysis.reporting.page.show_report_header`)."""

from __future__ import annotations

import html
from urllib.parse import quote

import pandas as pd

from analysis.paths import CARDS_DIRNAME, SOURCES_DIRNAME
from analysis.reporting.cards import name_source_copies, name_source_page
from analysis.reporting.formatting import format_day
from analysis.reporting.row_limits import DEFAULT_ROW_LIMIT


def split_source_ids(ids: str) -> list[str]:
    return [i.strip() for i in ids.split(";") if i.strip()]


def count_citations(selected: pd.DataFrame) -> dict[str, int]:
    """How many incidents of ``selected`` cite each source id."""
    counts: dict[str, int] = {}
    for ids, n in selected["source_ids"].dropna().astype(str).value_counts().items():
        for source_id in set(split_source_ids(ids)):
            counts[source_id] = counts.get(source_id, 0) + int(n)
    return counts


def build_source_links(sources: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """The sources cited by ``selected``, oldest first, with where a reader can open each.

    Columns: ``source_id``, ``outlet``, ``headline``, ``published`` (date or
    missing), ``href`` (the bundled raw text's page, its quotes highlighted, ``cards/sources/<name>.html``,
    else the ``url`` when it is an http(s) address, else missing),
    ``shown`` (the address as text: the url, or the file's path in the data)
    and ``incidents`` (how many incidents of ``selected`` cite it).
    """
    citations = count_citations(selected)
    cited = sources.loc[sources["source_id"].astype(str).isin(citations)]
    cited = cited.sort_values(["published", "source_id"], kind="stable", na_position="last")
    hrefs, shown = [], []
    pages = {i: name_source_page(name) for i, name in name_source_copies(sources).items()}
    for source_id, file, url in zip(cited["source_id"].astype(str), cited["file"], cited["url"]):
        if not pd.isna(file):
            hrefs.append(f"{CARDS_DIRNAME}/{SOURCES_DIRNAME}/{quote(pages[source_id])}")
            shown.append(str(file))
        elif not pd.isna(url):
            ok = str(url).strip().lower().startswith(("http://", "https://"))
            hrefs.append(str(url).strip() if ok else None)
            shown.append(str(url))
        else:
            hrefs.append(None)
            shown.append("")
    return pd.DataFrame(
        {
            "source_id": cited["source_id"].to_numpy(),
            "outlet": cited["outlet"].to_numpy(),
            "headline": cited["headline"].to_numpy(),
            "published": cited["published"].to_numpy(),
            "href": hrefs,
            "shown": shown,
            "incidents": [citations[str(i)] for i in cited["source_id"]],
        }
    )


def build_source_list_html(links: pd.DataFrame, limit: int = DEFAULT_ROW_LIMIT) -> str:
    """A collapsible "Sources" list of :func:`build_source_links` output (every text escaped).

    At most ``limit`` sources are listed (those cited by the most incidents, shown oldest first), so
    the header does not grow with the data; the others are counted, and every incident's card lists
    its own.
    """
    if links.empty:
        return ""
    listed = links
    if len(links) > limit:
        top = links.sort_values("incidents", ascending=False, kind="stable").index[:limit]
        listed = links.loc[sorted(top)]
    items = []
    for row in listed.itertuples(index=False):
        day = "date unknown" if pd.isna(row.published) else format_day(row.published)
        text = f"{row.outlet}, \u201c{row.headline}\u201d, {day}"
        address = html.escape(row.shown)
        if row.href is not None and not pd.isna(row.href):
            address = f'<a href="{html.escape(row.href)}">{address}</a>'
        items.append(f"<li>{html.escape(text)}: {address}</li>" if row.shown else f"<li>{html.escape(text)}</li>")
    bundled = int(links["href"].fillna("").str.startswith(f"{CARDS_DIRNAME}/{SOURCES_DIRNAME}/").sum())
    summary = f"Sources cited by this selection: {len(links)} ({bundled} bundled, {len(links) - bundled} external)"
    rest = ""
    if len(listed) < len(links):
        rest = (
            f"<p>The {len(listed)} sources cited by the most incidents are listed; "
            f"{len(links) - len(listed):,} more are not. Every incident's card lists its own sources.</p>"
        )
    return (
        '<details class="report-sources" style="overflow-wrap: anywhere">'
        f"<summary>{html.escape(summary)}</summary><ul>{''.join(items)}</ul>{rest}</details>"
    )


TOLL_SOURCE_COLUMNS = ("source_outlet", "source_published")
"""What :func:`name_toll_sources` adds to each operation toll: its source's outlet and publication day."""


def name_toll_sources(links: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``links`` (:func:`analysis.metrics.tolls.link_operation_tolls`) with each toll's source named as a card
    names it: ``source_outlet`` (text) and ``source_published`` (``YYYY-MM-DD`` text, missing when the date
    is unknown); both missing for a source id ``sources`` does not hold.

    >>> links = pd.DataFrame({"total_id": ["T"], "source_id": ["S1"]})
    >>> sources = pd.DataFrame({"source_id": ["S1"], "outlet": ["AP"], "published": [pd.Timestamp("2024-02-03")]})
    >>> name_toll_sources(links, sources)[list(TOLL_SOURCE_COLUMNS)].iloc[0].tolist()
    ['AP', '2024-02-03']
    """
    by_id = sources.assign(key=sources["source_id"].astype(str)).drop_duplicates("key").set_index("key")
    ids = links["source_id"].astype(str)
    outlets = [None if pd.isna(outlet) else str(outlet) for outlet in by_id["outlet"].reindex(ids)]
    days = [None if pd.isna(day) else format_day(day) for day in by_id["published"].reindex(ids)]
    return links.assign(source_outlet=outlets, source_published=days)
