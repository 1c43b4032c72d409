"""The sources of the incident cards: how a card cites a source and links its bundled text.

Pure functions from ``sources.csv`` (:mod:`analysis.data.read`) to the names of the bundled raw
texts under ``cards/sources/`` and the escaped HTML of one cited source (outlet, headline,
publication date, links). A link is made only from an ``http(s)`` url or a file name this module
chose. :mod:`analysis.reporting.cards` re-exports these names.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

import pandas as pd

from analysis.paths import SOURCES_DIRNAME
from analysis.reporting.formatting import format_day
from analysis.vocabulary import is_missing

DATE_UNKNOWN = "date unknown"
BUNDLED_LINK_TEXT = "bundled copy of the text"


def name_source_page(copy_name: str) -> str:
    """The HTML page of a bundled text (quotes highlighted) beside its ``.txt`` copy.

    >>> name_source_page("000_a.txt"), name_source_page("p.html.txt")
    ('000_a.html', 'p.html.html')
    """
    return copy_name[:-4] + ".html"


_EXTERNAL_REL = ' rel="noopener noreferrer"'
_WEB_URL = re.compile(r"https?://[^\s\"'<>\\]+", re.IGNORECASE)


def _text(value) -> str | None:
    """A cell as text, None when empty."""
    if is_missing(value):
        return None
    text = str(value).strip()
    return text or None


def _e(value) -> str:
    return html.escape(str(value))


@dataclass(frozen=True)
class SourceRef:
    """What a card shows of one source: outlet, headline, publication date and links ``(href, text)``."""

    outlet: str
    headline: str
    published: str
    links: tuple[tuple[str, str], ...]
    kind: str = ""


def safe_web_url(url) -> str | None:
    """``url`` when it is a plain ``http(s)`` address, else None (no ``javascript:``, no ``data:``).

    >>> safe_web_url(" https://www.bbc.com/news/x "), safe_web_url("javascript:alert(1)"), safe_web_url(None)
    ('https://www.bbc.com/news/x', None, None)
    """
    text = _text(url)
    return text if text and _WEB_URL.fullmatch(text) else None


def name_source_copies(sources: pd.DataFrame) -> dict[str, str]:
    """The file name under ``cards/sources/`` of each bundled raw text: ``{source_id: name}``.

    The raw file's own name, ending in ``.txt`` so a browser shows it as text
    (a raw file called ``x.html`` must not run as a page); names that would
    collide get their source id in front.

    >>> frame = pd.DataFrame({"source_id": ["a", "b", "c"], "file": ["raw/x.txt", "raw/y/x.txt", "raw/p.html"]})
    >>> name_source_copies(frame)
    {'a': 'x.txt', 'b': 'b-x.txt', 'c': 'p.html.txt'}
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for source_id, file in zip(sources["source_id"], sources["file"]):
        file = _text(file)
        if file is None:
            continue
        name = PurePosixPath(file.replace("\\", "/")).name
        if not name.strip("."):
            name = str(source_id)
        if not name.lower().endswith(".txt"):
            name += ".txt"
        candidate, n = name, 1
        while candidate.lower() in taken:
            candidate = f"{source_id}-{name}" if n == 1 else f"{source_id}-{n}-{name}"
            n += 1
        taken.add(candidate.lower())
        names[str(source_id)] = candidate
    return names


def build_source_refs(sources: pd.DataFrame, copies: Mapping[str, str]) -> dict[str, SourceRef]:
    """Each source as cards cite it, by source id.

    ``copies``: ``{source_id: file name}`` of the raw texts copied under ``cards/sources/``.

    >>> frame = pd.DataFrame({"source_id": ["S1"], "outlet": ["AP"], "headline": ["Drone attack"],
    ...     "published": [pd.NaT], "url": ["https://apnews.com/x"]})
    >>> build_source_refs(frame, {"S1": "a b.txt"})["S1"].links
    (('https://apnews.com/x', 'the source online (apnews.com)'), ('sources/a%20b.html', 'bundled copy of the text'))
    """
    refs = {}
    for row in sources.to_dict("records"):
        source_id = str(row["source_id"])
        links = []
        url = safe_web_url(row.get("url"))
        if url:
            host = urllib.parse.urlsplit(url).hostname or url
            links.append((url, f"the source online ({host})"))
        if source_id in copies:
            page = name_source_page(copies[source_id])
            links.append((f"{SOURCES_DIRNAME}/{urllib.parse.quote(page)}", BUNDLED_LINK_TEXT))
        published = row.get("published")
        refs[source_id] = SourceRef(
            outlet=_text(row.get("outlet")) or "unknown outlet",
            headline=_text(row.get("headline")) or "no headline",
            published=DATE_UNKNOWN if is_missing(published) else format_day(published),
            links=tuple(links),
            kind=_text(row.get("source_type")) or "",
        )
    return refs


def build_source_html(source_id: str, ref: SourceRef | None) -> str:
    """One source cited: outlet, headline, date and links, escaped.

    >>> build_source_html("S1", SourceRef("AP", "<b>", "date unknown", (("sources/a.txt", "bundled copy"),)))
    'AP, “&lt;b&gt;”, published date unknown · <a href="sources/a.txt">bundled copy</a>'
    """
    if ref is None:
        return f"source {_e(source_id)} (not in sources.csv)"
    links = " · ".join(
        f'<a href="{_e(href)}"{_EXTERNAL_REL if href.startswith("http") else ""}>{_e(text)}</a>'
        for href, text in ref.links
    )
    kind = f' <span class="source-type">({_e(ref.kind)})</span>' if ref.kind else ""
    text = f"{_e(ref.outlet)}{kind}, “{_e(ref.headline)}”, published {_e(ref.published)}"
    return text + (f" · {links}" if links else " · no link held")
