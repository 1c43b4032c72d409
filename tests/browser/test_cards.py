"""Incident cards in Chromium from file://: every incident link resolves, cards show their quotes and sources.

Reports link an incident id to ``cards/<page>.html#<incident_id>``
(:mod:`analysis.reporting.links`); the render writes those pages
(:mod:`analysis.render.companions`). Every link found, in every report, the
index and every card page, must open a file that exists and an element with
that id. The card pages must fit a phone and load nothing from the network.
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse
from functools import cache
from pathlib import Path

import pytest

from analysis.data.dataset import load_dataset
from analysis.devtools.browser import wait_for_charts
from analysis.reporting.cards import BUNDLED_LINK_TEXT, CARD_CLASS, NO_QUOTE_TEXT
from analysis.reporting.links import build_card_hrefs

LINKS_JS = """() => [...document.querySelectorAll('a.incident-link, a[href*="cards/"]')].map(a => a.href)"""
OVERFLOW_JS = "() => ({page: document.documentElement.scrollWidth, viewport: window.innerWidth})"


class _Ids(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.cards: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
            if CARD_CLASS in (attrs.get("class") or "").split():
                self.cards.append(attrs["id"])


@cache
def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html")) + sorted((out / "cards").glob("*.html"))


def _unresolved(url: str) -> str | None:
    """Why ``url`` (absolute, file://) does not lead to an existing file and element; None when it does."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "file":
        return f"{url}: not a local file"
    path = Path(urllib.parse.unquote(parts.path))
    if not path.is_file():
        return f"{url}: no file {path}"
    fragment = urllib.parse.unquote(parts.fragment)
    if fragment and fragment not in _parse(path).ids:
        return f"{url}: no element with id {fragment!r} in {path.name}"
    return None


@pytest.fixture
def fixture_reports(valid_data_reports) -> tuple[Path, Path]:
    """The overview rendered from tests/fixtures/valid_data: (data dir, output dir), shared by the run."""
    return valid_data_reports


def test_every_incident_link_resolves_to_its_card(rendered_reports, open_page):
    incidents = load_dataset().incidents
    broken, found = [], {}
    for page in _pages(rendered_reports):
        opened = open_page(page.as_uri())
        if page.parent == rendered_reports and page.name != "index.html":
            wait_for_charts(opened.page)  # links a chart script may add
        urls = opened.page.evaluate(LINKS_JS)
        found[page.relative_to(rendered_reports).as_posix()] = len(urls)
        broken += [problem for url in urls if (problem := _unresolved(url))]
        assert opened.guard.blocked == [] and opened.watch.problems == [], page.name
    assert broken == [], "\n".join(broken)
    # every incident has exactly one card, and its card page links to it
    cards = [i for page in (rendered_reports / "cards").glob("20*.html") for i in _parse(page).cards]
    assert sorted(cards) == sorted(incidents["incident_id"])
    card_page_links = sum(n for name, n in found.items() if re.fullmatch(r"cards/\d{4}-\d{2}(-\d+)?\.html", name))
    assert card_page_links >= len(incidents), found
    assert found["index.html"] >= 1, "the index links to the incident cards"
    assert found["casualties.html"] >= len(incidents), "every incident of the casualty table links to its card"
    assert found["overview.html"] >= 1, "the overview's tables link their incidents"


def _quote_text(text: str) -> str:
    return " ".join(text.split())


def test_a_card_shows_its_quotes_and_a_link_to_each_source(rendered_reports, open_page):
    dataset = load_dataset()
    evidence = dataset.evidence
    bundled = set(dataset.sources.loc[dataset.sources["file"].notna(), "source_id"])
    with_bundled = evidence[evidence["source_id"].isin(bundled)]
    incident_id = with_bundled["incident_id"].value_counts().index[0]  # the incident with the most checked quotes
    quotes = evidence[evidence["incident_id"] == incident_id]
    href = build_card_hrefs(dataset.incidents)[incident_id]

    opened = open_page(f"{(rendered_reports / href.split('#')[0]).as_uri()}#{href.split('#')[1]}")
    card = opened.page.locator(f"article.{CARD_CLASS}[id='{incident_id}']")
    assert card.count() == 1
    top, height = card.evaluate("el => [el.getBoundingClientRect().top, window.innerHeight]")
    assert -2 <= top < height / 2, f"the link scrolls to its card (card top at {top} px of {height})"
    text = _quote_text(card.inner_text())
    assert NO_QUOTE_TEXT not in text
    for quote in quotes["quote"]:
        assert _quote_text(quote) in text, f"quote not shown: {quote}"
    links = card.evaluate("el => [...el.querySelectorAll('a[href]')].map(a => [a.href, a.textContent])")
    sources = dataset.sources.set_index("source_id").loc[quotes["source_id"].unique()]
    for source_id, source in sources.iterrows():
        assert source["outlet"] in text and source["headline"] in text, source_id
        if isinstance(source["url"], str):
            assert [source["url"], f"the source online ({urllib.parse.urlsplit(source['url']).hostname})"] in links
    copies = [url for url, label in links if label == BUNDLED_LINK_TEXT]
    assert copies, "the card links the bundled copy of its article"
    for url in copies:
        assert _unresolved(url) is None, url
    # the bundled copy opens from file:// as a page of the text, its quotes highlighted
    first = quotes[quotes["source_id"].isin(bundled)].iloc[0]
    card.get_by_text(BUNDLED_LINK_TEXT).first.click()
    opened.page.wait_for_load_state("load")
    assert opened.page.url.endswith(".html")
    assert _quote_text(first["quote"]) in _quote_text(opened.page.inner_text(".source-text"))
    assert opened.page.locator(".source-text mark").count() > 0, "the quotes are highlighted"
    assert opened.guard.blocked == [] and opened.watch.problems == []


def test_card_pages_fit_a_phone(rendered_reports, open_page):
    for page in sorted((rendered_reports / "cards").glob("*.html")):
        opened = open_page(page.as_uri(), viewport=(390, 844))
        widths = opened.page.evaluate(OVERFLOW_JS)
        assert widths["page"] <= widths["viewport"], f"{page.name}: {widths['page']} px wide at 390 px"
        heading = opened.page.locator("h1")
        assert heading.is_visible() and heading.bounding_box()["width"] <= 390


def test_a_card_without_evidence_says_so(fixture_reports, open_page):
    data, out = fixture_reports
    dataset = load_dataset(data)
    quoted = set(dataset.evidence["incident_id"])
    hrefs = build_card_hrefs(dataset.incidents)
    without = [i for i in dataset.incidents["incident_id"] if i not in quoted]
    assert without, "the fixture holds an incident with no quote"
    for incident_id, href in hrefs.items():
        page, fragment = href.split("#")
        opened = open_page(f"{(out / page).as_uri()}#{fragment}")
        card = opened.page.locator(f"article.{CARD_CLASS}[id='{incident_id}']")
        assert card.is_visible()
        says_no_quote = NO_QUOTE_TEXT in card.inner_text()
        assert says_no_quote == (incident_id in without), incident_id
