"""Every rendered report, and the index, in headless Chromium from file:// with the network cut off.

A report passes when it loads with no console error, no uncaught error, no
failed load and no dialog; every plotly chart on it has drawn its SVG; the map
has drawn its points and country outlines; and not a single request tried to
leave the machine.
"""

from __future__ import annotations

import re
import struct
import subprocess
import sys

import pytest

from analysis import paths
from analysis.devtools.browser import wait_for_charts
from tests.browser.conftest import JOB_NAMES

CHART_STATE_JS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(div => ({
    id: div.id,
    drawn: div.classList.contains('js-plotly-plot') && !!div.querySelector('svg.main-svg'),
    traces: (div.data || []).length,
    points: div.querySelectorAll('.scatterlayer .trace path.point').length,
    lines: div.querySelectorAll('.scatterlayer .trace path.js-line').length,
    bars: div.querySelectorAll('.barlayer .trace path').length,
}))"""


def _assert_offline_and_quiet(opened) -> None:
    assert opened.guard.blocked == [], f"requests tried to leave the machine: {opened.guard.blocked}"
    assert opened.watch.problems == []


@pytest.mark.parametrize("name", JOB_NAMES)
def test_report_opens_offline_and_every_chart_draws(name, rendered_reports, open_page):
    opened = open_page((rendered_reports / f"{name}.html").as_uri())
    wait_for_charts(opened.page)
    charts = opened.page.evaluate(CHART_STATE_JS)
    empty_selection = opened.page.locator(".report-empty").count() > 0
    assert charts or empty_selection, f"{name}: no chart and no 'no incidents' message"
    for chart in charts:
        assert chart["drawn"], f"{name}: chart {chart['id']} did not draw"
        assert chart["traces"] > 0, f"{name}: chart {chart['id']} has no data"
        assert chart["points"] + chart["lines"] + chart["bars"] > 0, f"{name}: chart {chart['id']} drew nothing"
    maps = [c for c in charts if "map" in c["id"]]
    if name == "overview":  # the offline map: a scattergeo map would fetch topojson from a CDN and stay blank
        assert maps, "the overview has no chart whose id contains 'map'"
    for chart in maps:
        assert chart["lines"] > 0, f"{name}: map {chart['id']} drew no country outline"
        assert chart["points"] > 0, f"{name}: map {chart['id']} drew no incident"
    assert opened.page.title(), f"{name}: no <title>"
    assert opened.page.locator("h1").count() >= 1
    _assert_offline_and_quiet(opened)


HEADINGS_JS = """() => [...document.querySelectorAll('main h1, main h2, main h3')].map(h => {
    const box = h.getBoundingClientRect(), style = getComputedStyle(h);
    return {text: h.textContent.replace(/¶$/, '').trim(), width: box.width, height: box.height,
            shown: style.display !== 'none' && style.visibility !== 'hidden' && style.opacity !== '0'};
})"""


def _markdown_headings(notebook) -> list[str]:
    """The report's section headings: shown markdown headings and ``report.show_section("...")`` calls, in order."""
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    shown = [c for c in nb.cells if "notebook-only" not in c.metadata.get("tags", [])]
    headings = []
    for c in shown:
        if c.cell_type == "markdown":
            headings += [line.lstrip("#").strip() for line in c.source.splitlines() if line.startswith("#")]
        else:
            headings += re.findall(r'report\.show_section\("([^"]+)"\)', c.source)
    return headings


@pytest.mark.parametrize("name", JOB_NAMES)
def test_every_notebook_heading_is_visible_in_the_report(name, rendered_reports, open_page):
    """The headings and prose of markdown cells show (a stylesheet once hid them with the code)."""
    from analysis.render.jobs import read_jobs

    job = next(j for j in read_jobs() if j.name == name)
    opened = open_page((rendered_reports / f"{name}.html").as_uri())
    headings = {h["text"]: h for h in opened.page.evaluate(HEADINGS_JS)}
    expected = _markdown_headings(job.notebook)
    assert len(expected) >= 2, f"{job.notebook} has fewer than two report headings"
    if opened.page.locator(".report-empty").count():  # nothing matched: no heading of a section with nothing in it
        assert opened.page.locator("main h2").count() == 0, f"{name}: an empty report shows section headings"
        expected = []
    toc = opened.page.eval_on_selector_all("nav.report-toc a", "links => links.map(a => a.textContent)")
    assert toc == expected, f"{name}: the contents list {toc}, expected the headings {expected}"
    targets = opened.page.eval_on_selector_all(
        "nav.report-toc a",
        "links => links.map(a => [a.hash, !!document.getElementById(decodeURIComponent(a.hash.slice(1)))])",
    )
    assert all(found for _, found in targets), f"{name}: contents links that go nowhere: {targets}"
    for text in expected:
        assert text in headings, f"{name}: heading {text!r} is not in the page"
        h = headings[text]
        assert h["shown"] and h["width"] > 0 and h["height"] > 0, f"{name}: heading {text!r} is invisible"


OVERFLOW_JS = "() => ({page: document.documentElement.scrollWidth, viewport: window.innerWidth})"


@pytest.mark.parametrize("name", [*JOB_NAMES, "index"])
def test_no_page_is_wider_than_a_phone(name, rendered_reports, open_page):
    """At 390 px (a phone) the page does not scroll sideways: wide tables scroll in their own box."""
    opened = open_page((rendered_reports / f"{name}.html").as_uri(), viewport=(390, 844))
    if name != "index":
        wait_for_charts(opened.page)
    widths = opened.page.evaluate(OVERFLOW_JS)
    assert widths["page"] <= widths["viewport"], f"{name}: {widths['page']} px wide at a {widths['viewport']} px screen"


def test_index_opens_offline_and_links_every_report(rendered_reports, open_page):
    opened = open_page((rendered_reports / "index.html").as_uri())
    page = opened.page
    links = page.eval_on_selector_all("table a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"{name}.html" for name in JOB_NAMES)
    for href in links:
        assert (rendered_reports / href).is_file()
    text = page.inner_text("body")
    assert f"{len(JOB_NAMES)} reports, none with problems in the last run; data as of " in text
    assert "rendered in this run" in text and "FAILED" not in text
    first = page.locator("table a[href]").first
    first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(links[0])
    wait_for_charts(page)
    _assert_offline_and_quiet(opened)


def test_the_guard_counts_what_would_leave_the_machine(open_page, tmp_path):
    """Control: the zero above means something only if the guard sees and blocks real attempts."""
    page = tmp_path / "leaky.html"
    page.write_text(
        "<!DOCTYPE html><html><head><script src='https://cdn.plot.ly/plotly-2.0.0.min.js'></script></head>"
        "<body><img src='http://example.com/pixel.png'>"
        "<script>fetch('https://example.org/beacon').catch(() => {});"
        "new WebSocket('wss://example.net/socket');</script></body></html>",
        encoding="utf-8",
    )
    opened = open_page(page.as_uri())
    opened.page.wait_for_timeout(500)
    blocked = opened.guard.blocked
    assert any("cdn.plot.ly" in u for u in blocked)
    assert any("example.com/pixel.png" in u for u in blocked)
    assert any("example.org/beacon" in u for u in blocked)
    assert any(u.startswith("wss://example.net") for u in blocked)


def test_screenshot_script_writes_the_readme_picture(rendered_reports, tmp_path):
    out = tmp_path / "docs" / "overview.png"
    result = subprocess.run(
        [
            sys.executable,
            str(paths.PROJECT_DIR / "scripts" / "screenshot.py"),
            "--report",
            str(rendered_reports / "overview.html"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    png = out.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width == 1200 and height > 900, (width, height)
