"""Every rendered report, and the index, in headless Chromium from file:// with the network cut off.

A report passes when it loads with no console error, no uncaught error, no
failed load and no dialog; every plotly chart on it has drawn its SVG; the map
has drawn its points and country outlines; and not a single request tried to
leave the machine.
"""

from __future__ import annotations

import struct
import subprocess
import sys

import pytest

from analysis import paths
from analysis.render.browser import wait_for_charts
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


def test_index_opens_offline_and_links_every_report(rendered_reports, open_page):
    opened = open_page((rendered_reports / "index.html").as_uri())
    page = opened.page
    links = page.eval_on_selector_all("table a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted(f"{name}.html" for name in JOB_NAMES)
    for href in links:
        assert (rendered_reports / href).is_file()
    text = page.inner_text("body")
    assert f"{len(JOB_NAMES)} reports, all up to date" in text
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
