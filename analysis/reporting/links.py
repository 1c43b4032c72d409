"""Where each incident's card lives, so tables, maps and charts can link to it.

Cards are written by the renderer into ``cards/`` next to the reports, one page
per calendar month of ``event_date`` and at most :data:`CARDS_PER_PAGE` cards
a page (a busy month is split into ``<YYYY-MM>-2.html``, ``-3`` ...), so no
page grows with the size of the table. The page of an incident depends only
on the incidents of its own month, ordered by ``(event_date, incident_id)``.

Every report links with :func:`build_card_hrefs`; the cards writer uses
:func:`assign_card_pages` so both agree on the page of every incident.
"""

from __future__ import annotations

import html
import urllib.parse

import pandas as pd

from analysis.paths import CARDS_DIRNAME, EXPORT_DIRNAME, EXPORT_FILENAME

CARDS_PER_PAGE = 50
"""Largest number of cards on one page."""
EXPORT_HREF = f"{EXPORT_DIRNAME}/{EXPORT_FILENAME}"


def assign_card_pages(incidents: pd.DataFrame) -> pd.Series:
    """The card page file name (``"2024-01.html"``, ``"2024-01-2.html"``) of every incident.

    Index: ``incident_id``. Pages hold at most :data:`CARDS_PER_PAGE` cards.

    >>> frame = pd.DataFrame({"incident_id": ["B", "A"], "event_date": pd.to_datetime(["2024-01-05", "2024-01-05"])})
    >>> assign_card_pages(frame).to_dict()
    {'A': '2024-01.html', 'B': '2024-01.html'}
    """
    if incidents.empty:
        return pd.Series([], index=pd.Index([], name="incident_id"), dtype="string")
    ordered = incidents[["incident_id", "event_date"]].sort_values(["event_date", "incident_id"])
    month = pd.to_datetime(ordered["event_date"]).dt.strftime("%Y-%m")
    chunk = ordered.groupby(month.to_numpy()).cumcount().to_numpy() // CARDS_PER_PAGE
    names = [m if c == 0 else f"{m}-{c + 1}" for m, c in zip(month, chunk, strict=True)]
    return pd.Series([f"{n}.html" for n in names], index=pd.Index(ordered["incident_id"], name="incident_id"))


def build_card_hrefs(incidents: pd.DataFrame, all_incidents: pd.DataFrame | None = None) -> pd.Series:
    """Relative link from a report to the card of each incident in ``incidents``.

    ``all_incidents`` is the whole table (the pages are cut from it); by default
    ``incidents`` itself. Index: ``incident_id``; values like
    ``cards/2024-01.html#IRQ-2024-01-05-X``.

    >>> frame = pd.DataFrame({"incident_id": ["IRQ 1"], "event_date": pd.to_datetime(["2024-01-05"])})
    >>> build_card_hrefs(frame).iloc[0]
    'cards/2024-01.html#IRQ%201'
    """
    pages = assign_card_pages(incidents if all_incidents is None else all_incidents)
    ids = incidents["incident_id"].astype(str)
    hrefs = [f"{CARDS_DIRNAME}/{pages[i]}#{urllib.parse.quote(i, safe='')}" for i in ids]
    return pd.Series(hrefs, index=pd.Index(ids, name="incident_id"), dtype="string")


def format_incident_link(incident_id: str, href: str) -> str:
    """An HTML link to a card, both parts escaped.

    >>> format_incident_link("A<1>", "cards/2024-01.html#A%3C1%3E")
    '<a class="incident-link" href="cards/2024-01.html#A%3C1%3E">A&lt;1&gt;</a>'
    """
    return f'<a class="incident-link" href="{html.escape(href)}">{html.escape(str(incident_id))}</a>'
