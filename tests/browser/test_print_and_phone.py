"""Reports as a reader prints them and reads them on a phone, in headless Chromium.

- Printed to PDF (A4, Chromium's print) and read back with ``pdftotext``: every
  address of the sources the report cites is on paper, no word of the page
  (chart labels included) lies outside the sheet, and the overview of the
  bundled data takes at most five pages.
- Laid out for print at the width of the A4 text block: every chart's
  drawing fits inside it.
- At 390 and 1366 px: no sideways scroll, neither of the page nor hidden in a
  box, in any report, the methodology page, a card page or a source page.
- Every report, card page, source page and the index link to a methodology
  page that exists; the cards show their grade and their sources' types.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from analysis import schema
from analysis.data.dataset import load_dataset
from tests.browser.conftest import JOB_NAMES, click_tallest_bar

A4_TEXT_WIDTH_PX = round((210 - 2 * 9) / 25.4 * 96)  # the print stylesheet's @page: A4, 9 mm side margins
OVERVIEW_MAX_PAGES = 5
WIDTHS = ((390, 844), (1366, 900))
REPORTS = [name for name in JOB_NAMES if name != "iraq-syria-weekly"]  # that job selects nothing: no sources
OVERFLOW_JS = """() => {
  const hidden = [];
  for (const el of document.querySelectorAll('main *')) {
    if (el.closest('.plotly-graph-div')) continue;  // plotly's own layers clip on purpose
    const style = getComputedStyle(el);
    if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
      hidden.push(`${el.tagName.toLowerCase()}.${el.className}: ${el.scrollWidth} px in ${el.clientWidth} px`);
  }
  return {page: document.documentElement.scrollWidth, viewport: document.documentElement.clientWidth, hidden};
}"""


def _require_poppler() -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not found: apt-get install poppler-utils to run the print tests")


def _print_pdf(open_page, html: Path, pdf: Path) -> list[str]:
    """Print ``html`` to ``pdf`` (A4, as Chromium's print dialog does); the http(s) addresses the page links."""
    opened = open_page(html.as_uri())
    page = opened.page
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg'))"
    )
    addresses = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('main a[href^=\"http\"]')].map(a => a.getAttribute('href'))"
        ".concat([...document.querySelectorAll('td')].map(td => td.textContent.trim()).filter(t => /^https?:/.test(t))))]"
    )
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert opened.watch.problems == [] and opened.guard.blocked == []
    return addresses


def read_pdf_words(pdf: Path) -> list[tuple[float, float, str]]:
    """``(page width, word's right edge, word)`` of every word pdftotext finds, in reading order.

    Words are taken as printed: a line broken after a hyphen keeps its hyphen (plain ``pdftotext``
    joins such lines and drops it, which would garble a printed address).
    """
    layout = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    words = []
    for width, body in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', layout, re.DOTALL):
        for x_max, word in re.findall(r'<word xMin="[^"]+" yMin="[^"]+" xMax="([^"]+)" yMax="[^"]+">([^<]*)<', body):
            words.append((float(width), float(x_max), html.unescape(word)))
    return words


@pytest.mark.parametrize("name", REPORTS)
def test_a_printed_report_carries_every_address_and_nothing_leaves_the_sheet(
    name, rendered_reports, open_page, tmp_path
):
    _require_poppler()
    pdf = tmp_path / f"{name}.pdf"
    addresses = _print_pdf(open_page, rendered_reports / f"{name}.html", pdf)
    words = read_pdf_words(pdf)
    flat = "".join(word for _, _, word in words)
    assert addresses, f"{name}: the report links no source address"
    missing = [a for a in addresses if a not in flat]
    assert not missing, f"{name}: addresses not printed in full: {missing}"
    outside = [word for width, right, word in words if right > width + 0.5]
    assert outside == [], f"{name}: words printed beyond the page's edge"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.count("\f")
    if name == "overview":
        assert pages <= OVERVIEW_MAX_PAGES, f"the overview prints on {pages} A4 pages"


@pytest.mark.parametrize("name", REPORTS)
def test_every_chart_fits_the_printed_page(name, rendered_reports, open_page):
    opened = open_page((rendered_reports / f"{name}.html").as_uri(), viewport=(A4_TEXT_WIDTH_PX, 1100))
    page = opened.page
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('svg'))"
    )
    page.set_viewport_size({"width": 1280, "height": 900})  # drawn at a screen's width, then printed
    page.wait_for_timeout(300)
    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": 1100})
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.plotly-graph-div')].map(div => {
             const svg = div.querySelector('svg.main-svg'), r = svg.getBoundingClientRect();
             return {id: div.id, left: r.left, right: r.right, drawn: Number(svg.getAttribute('width')),
                     viewBox: svg.getAttribute('viewBox')};
           })"""
    )
    assert boxes, f"{name}: no chart"
    for box in boxes:
        assert box["viewBox"], f"{name}: {box['id']} cannot scale to the page"
        assert box["left"] >= -0.5 and box["right"] <= A4_TEXT_WIDTH_PX + 0.5, f"{name}: {box}"


def _pages_to_check(out: Path) -> list[Path]:
    cards = sorted((out / "cards").glob("20*.html"))
    sources = sorted((out / "cards" / "sources").glob("*.html"))
    return [*(out / f"{n}.html" for n in REPORTS), out / "methodology.html", cards[0], sources[0]]


@pytest.mark.parametrize("viewport", WIDTHS, ids=[f"{w}px" for w, _ in WIDTHS])
def test_no_sideways_scroll_hidden_or_not(viewport, rendered_reports, open_page):
    for path in _pages_to_check(rendered_reports):
        opened = open_page(path.as_uri(), viewport=viewport)
        found = opened.page.evaluate(OVERFLOW_JS)
        where = path.relative_to(rendered_reports)
        assert found["page"] <= found["viewport"], f"{where}: {found['page']} px wide at {viewport[0]} px"
        assert found["hidden"] == [], f"{where} at {viewport[0]} px: {found['hidden']}"


def test_wide_tables_become_stacked_rows_on_a_phone(rendered_reports, open_page):
    page = open_page((rendered_reports / "overview.html").as_uri(), viewport=(390, 844)).page
    cells = page.evaluate(
        """() => [...document.querySelectorAll('table.report-table.stack tbody td')].map(td => ({
             label: td.getAttribute('data-label'), before: getComputedStyle(td, '::before').content,
             right: td.getBoundingClientRect().right}))"""
    )
    assert cells, "no wide table on the overview"
    assert all(c["label"] and c["before"] == f'"{c["label"]}"' for c in cells), "each value shows its label"
    assert max(c["right"] for c in cells) <= 390


def _links(path: Path) -> list[str]:
    return re.findall(r'href="([^"#]+)[^"]*"', path.read_text(encoding="utf-8"))


def test_every_page_links_to_an_existing_methodology_page(rendered_reports):
    pages = [rendered_reports / f"{n}.html" for n in JOB_NAMES] + [rendered_reports / "index.html"]
    pages += sorted((rendered_reports / "cards").glob("*.html"))
    pages += sorted((rendered_reports / "cards" / "sources").glob("*.html"))
    assert len(pages) > len(JOB_NAMES) + 2
    for path in pages:
        targets = [(path.parent / unquote(h)).resolve() for h in _links(path) if h.endswith("methodology.html")]
        assert targets, f"{path.relative_to(rendered_reports)} does not link the methodology page"
        assert all(t == (rendered_reports / "methodology.html").resolve() and t.is_file() for t in targets), path
    downloads = [h for h in _links(rendered_reports / "methodology.html") if h.startswith("export/")]
    assert downloads and all((rendered_reports / h).is_file() for h in downloads), downloads


def test_cards_show_the_grade_and_the_type_of_each_source(rendered_reports, open_page):
    dataset = load_dataset()
    page = open_page((rendered_reports / "cards" / "2024-02.html").as_uri()).page
    grades = page.locator(".incident-card .card-grade dd").all_inner_texts()
    cards = page.locator(".incident-card").count()
    assert cards and len(grades) == cards and set(grades) <= set(schema.GRADES), grades
    types = {t.strip("()") for t in page.locator(".incident-card .source-type").all_inner_texts()}
    assert types and types <= set(schema.SOURCE_TYPES)
    cited = {s for ids in dataset.incidents["source_ids"] for s in schema.split_values(ids)}
    assert types <= set(dataset.sources.loc[dataset.sources["source_id"].isin(cited), "source_type"])
    table = open_page((rendered_reports / "overview.html").as_uri()).page
    shown = table.evaluate("() => [...document.querySelectorAll('td[data-label=\"grade\"]')].map(td => td.textContent)")
    assert shown and set(shown) <= set(schema.GRADES), "the incident table shows each incident's grade"


def test_a_bundled_text_opens_as_a_page_with_its_quotes_highlighted_and_linked(rendered_reports, open_page):
    source = sorted((rendered_reports / "cards" / "sources").glob("*.html"))[0]
    opened = open_page(source.as_uri())
    page = opened.page
    marks = page.locator(".source-text mark")
    assert marks.count() > 0
    assert page.locator(".card-no-quote").count() == 0, "every quote of the bundled text is found in it"
    link = page.locator(".source-quotes a.incident-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    fragment = unquote(urlsplit(page.url).fragment)
    assert fragment and page.locator(f"article.incident-card[id='{fragment}']").count() == 1, href
    assert opened.guard.blocked == [] and opened.watch.problems == []


def test_a_chart_click_names_each_incident_in_words_beside_the_tooltip(rendered_reports, open_page):
    opened = open_page((rendered_reports / "overview.html").as_uri(), viewport=(1366, 900))
    page = opened.page
    click_tallest_bar(page)
    links = page.locator(".chart-cards a.incident-link")
    links.first.wait_for(timeout=5_000)
    texts = links.all_inner_texts()
    assert all(re.match(r"\d{4}-\d{2}-\d{2}, .+ \(\S+\)$", t) for t in texts), texts  # "date, place (id)"
    tooltip = page.locator(".hoverlayer .hovertext")
    assert tooltip.count() == 1, "the tooltip stays on screen with the list"
    a, b = tooltip.first.bounding_box(), page.locator(".chart-cards").bounding_box()
    apart = a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
    apart = apart or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"]
    assert apart, f"the list covers the tooltip: {a} {b}"
    assert opened.guard.blocked == [] and opened.watch.problems == []
