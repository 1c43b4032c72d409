"""Hostile free text in the data and in report titles: nothing runs, nothing is injected, the text reads as written.

The data (tests/corpus/hostile.py) puts markup that would set
``window.__pwned`` and open a dialog into every free-text field: notes,
perpetrator, target, claimed_by, operation, headlines, outlets, place aliases
and one place name, context labels and descriptions, reported-total scopes and operations;
the jobs get hostile titles and descriptions. The whole batch is rendered
with ``--data`` and every page is opened, its charts drawn and hovered.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.devtools.browser import wait_for_charts
from tests.browser.conftest import JOB_NAMES, render_batch, require_chromium
from tests.corpus.hostile import HOSTILE, PAYLOADS, build_hostile_data, write_hostile_jobs
from tests.fixtures.shared import build_once

PAGE_STATE_JS = """() => ({
    pwned: typeof window.__pwned,
    parentPwned: typeof window.parent.__pwned,
    scripts: document.scripts.length,
    externalScripts: [...document.scripts].filter(s => s.src).map(s => s.getAttribute('src')),
    charts: document.querySelectorAll('div.plotly-graph-div').length,
    handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
        .filter(a => a.name.toLowerCase().startsWith('on'))
        .map(a => `${el.tagName.toLowerCase()}[${a.name}]`)),
    scriptLinks: [...document.querySelectorAll('[href], [src], [action], [formaction], [srcdoc]')].flatMap(el =>
        ['href', 'src', 'action', 'formaction', 'xlink:href'].map(n => el.getAttribute(n) || '')
        .filter(v => /^\\s*javascript:/i.test(v)).map(v => `${el.tagName.toLowerCase()}: ${v}`)),
    frames: document.querySelectorAll('iframe, frame, object, embed').length,
    images: [...document.images].map(img => img.getAttribute('src')),
    svgOnload: document.querySelectorAll('svg[onload]').length,
    text: document.body.innerText,
})"""

MAP_POINTS_JS = """(id) => {
    const gd = document.getElementById(id);
    gd.scrollIntoView({block: 'center'});
    const box = gd.getBoundingClientRect(), xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
    // _fullData: the traces as drawn, with numpy-encoded x/y already decoded to arrays
    return gd._fullData.flatMap(trace => Array.isArray(trace.hovertext)
        ? Array.from(trace.x, (x, j) => [box.left + xa._offset + xa.l2p(x), box.top + ya._offset + ya.l2p(trace.y[j])])
        : []);
}"""
HOVER_TEXT_JS = "() => [...document.querySelectorAll('.hoverlayer')].map(layer => layer.textContent).join(' ')"


def hover_everything(page) -> list[str]:
    """Move the mouse over every map marker and every chart annotation; return the hover labels shown."""
    labels = []
    for chart_id in page.eval_on_selector_all("div.plotly-graph-div[id*='map']", "divs => divs.map(d => d.id)"):
        for x, y in page.evaluate(MAP_POINTS_JS, chart_id):
            page.mouse.move(x, y)
            page.wait_for_timeout(80)  # plotly throttles hover events
            labels.append(page.evaluate(HOVER_TEXT_JS))
    annotations = page.locator("div.plotly-graph-div g.annotation")
    for i in range(annotations.count()):
        annotations.nth(i).hover(force=True, timeout=5_000)
        page.wait_for_timeout(80)
        labels.append(page.evaluate(HOVER_TEXT_JS))
    page.mouse.move(0, 0)
    return labels


@pytest.fixture(scope="session")
def hostile_reports(tmp_path_factory):
    """Every real report rendered from the hostile data with hostile titles: (out dir, renamed place);
    the corpus is built and rendered once for the whole run (every xdist worker reads the same folder)."""
    require_chromium()

    def build(root: Path) -> str:
        data, renamed_place = build_hostile_data(root / "data")
        config = write_hostile_jobs(root / "project")
        render_batch(root / "reports", "--data", str(data), "--config", str(config))
        return renamed_place

    root, renamed_place = build_once(tmp_path_factory, "hostile-reports", build)
    return root / "reports", renamed_place


def _assert_nothing_ran_or_was_injected(name: str, state: dict, watch) -> None:
    assert state["pwned"] == "undefined" and state["parentPwned"] == "undefined", f"{name}: a payload ran"
    assert watch.dialogs == [], f"{name}: a dialog opened: {watch.dialogs}"
    assert state["handlers"] == [], f"{name}: elements with event handler attributes: {state['handlers']}"
    assert state["scriptLinks"] == [], f"{name}: javascript: links: {state['scriptLinks']}"
    assert state["frames"] == 0 and state["svgOnload"] == 0
    assert state["images"] == [], f"{name}: injected images: {state['images']}"


@pytest.mark.parametrize("name", JOB_NAMES)
def test_hostile_text_in_a_report_is_shown_not_run(name, hostile_reports, open_page):
    out, renamed_place = hostile_reports
    source = (out / f"{name}.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in source, f"{name}: payload reached the HTML unescaped: {payload}"

    opened = open_page((out / f"{name}.html").as_uri())
    wait_for_charts(opened.page)
    state = opened.page.evaluate(PAGE_STATE_JS)
    _assert_nothing_ran_or_was_injected(name, state, opened.watch)
    # the expected scripts only: the shared plotly.js and one inline call per chart
    assert state["externalScripts"] == [f"assets/{next((out / 'assets').glob('plotly-*.min.js')).name}"]
    # plotly.js, the contents list and the chart-click script (local inline scripts), one call per chart
    assert state["scripts"] == 3 + state["charts"], f"{name}: {state['scripts']} scripts for {state['charts']} charts"
    # the text reads as written: the hostile title is the page heading, and the <title>
    assert HOSTILE in state["text"], f"{name}: the hostile text is not shown as written"
    assert opened.page.title().endswith(HOSTILE)

    hover_everything(opened.page)
    after_hover = opened.page.evaluate(PAGE_STATE_JS)
    _assert_nothing_ran_or_was_injected(name, after_hover, opened.watch)
    assert opened.guard.blocked == []
    assert opened.watch.problems == []


def test_hostile_data_reads_as_written_in_tables_and_map_hover(hostile_reports, open_page):
    """The overview shows data text verbatim: place names, claims and headlines in tables, places and context in hover labels."""
    out, renamed_place = hostile_reports
    opened = open_page((out / "overview.html").as_uri())
    wait_for_charts(opened.page)
    cells = opened.page.eval_on_selector_all("table.report-table td", "tds => tds.map(td => td.innerText)")
    assert renamed_place in cells, "the renamed place appears in the incident list as one cell, verbatim"
    assert any(cell.endswith(HOSTILE) for cell in cells if cell != renamed_place), "claims or headlines verbatim"
    labels = hover_everything(opened.page)
    assert any(renamed_place in label for label in labels), "a map hover label shows the place name as written"
    assert any(HOSTILE in label and renamed_place not in label for label in labels), (
        "an annotation hover label shows a context description as written"
    )
    state = opened.page.evaluate(PAGE_STATE_JS)
    _assert_nothing_ran_or_was_injected("overview", state, opened.watch)


def test_hostile_titles_and_descriptions_in_the_index_are_shown_not_run(hostile_reports, open_page):
    out, _ = hostile_reports
    source = (out / "index.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:
        assert payload not in source
    opened = open_page((out / "index.html").as_uri())
    state = opened.page.evaluate(PAGE_STATE_JS)
    _assert_nothing_ran_or_was_injected("index", state, opened.watch)
    assert state["scripts"] == 0
    links = opened.page.eval_on_selector_all(
        "table a[href]", "links => links.map(a => [a.getAttribute('href'), a.innerText])"
    )
    assert sorted(href for href, _ in links) == sorted(f"{name}.html" for name in JOB_NAMES)
    assert all(text.endswith(HOSTILE) for _, text in links), links
    assert state["text"].count(HOSTILE) >= 2 * len(JOB_NAMES), "every title and description shown as written"
    assert opened.guard.blocked == [] and opened.watch.problems == []


def test_hostile_text_in_the_incident_cards_is_shown_not_run(hostile_reports, open_page):
    """Card pages show every hostile field (notes, claims, places, outlets, headlines) as text and run nothing."""
    out, renamed_place = hostile_reports
    pages = sorted((out / "cards").glob("*.html"))
    assert len(pages) >= 2, "card pages and their index"
    shown = []
    for page in pages:
        source = page.read_text(encoding="utf-8")
        for payload in PAYLOADS:
            assert payload not in source, f"cards/{page.name}: payload reached the HTML unescaped: {payload}"
        opened = open_page(page.as_uri())
        state = opened.page.evaluate(PAGE_STATE_JS)
        _assert_nothing_ran_or_was_injected(f"cards/{page.name}", state, opened.watch)
        assert state["scripts"] == 0, f"cards/{page.name}: a card page needs no script"
        assert opened.guard.blocked == [] and opened.watch.problems == []
        shown.append(state["text"])
    text = "\n".join(shown)
    assert text.count(HOSTILE) >= 10 and renamed_place in text, "hostile text reads as written on the cards"
