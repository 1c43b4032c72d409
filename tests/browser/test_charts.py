"""The charts as a reader meets them in Chromium: whole-number count axes, unknown never read as 0,
the numbered context list under the timeline, the US casualty chart, a click on a mark opening its cards.

Axis ticks and hover labels are read from what plotly drew (``_fullLayout`` and the hover layer),
not from the figure JSON the Python side wrote.
"""

from __future__ import annotations

import re

import pytest

from analysis.devtools.browser import wait_for_charts
from tests.browser.conftest import JOB_NAMES, click_tallest_bar

COUNT_AXES_JS = """() => [...document.querySelectorAll('div.plotly-graph-div')].flatMap(gd =>
    Object.keys(gd._fullLayout).filter(k => /^[xy]axis\\d*$/.test(k)).map(k => {
        const ax = gd._fullLayout[k];
        return {chart: gd.id, axis: k, title: (ax.title && ax.title.text) || '', type: ax.type,
                visible: ax.visible !== false && ax.showticklabels !== false,
                values: (ax._vals || []).map(v => v.x),
                labels: [...gd.querySelectorAll(`.${k.replace('axis', '')}tick text`)].map(t => t.textContent)};
    }))"""
COUNT_TITLE = re.compile(r"incident|people", re.IGNORECASE)

HOVER_ALL_JS = """async () => {
    const labels = [], pause = () => new Promise(done => setTimeout(done, 60));  // plotly throttles hover
    for (const gd of document.querySelectorAll('div.plotly-graph-div')) {
        for (const [curve, trace] of gd._fullData.entries()) {
            if (trace.hoverinfo === 'skip' || !Array.isArray(trace.hovertext)) continue;
            for (let point = 0; point < trace.hovertext.length; point++) {
                Plotly.Fx.hover(gd, [{curveNumber: curve, pointNumber: point}], trace.xaxis + trace.yaxis);
                await pause();
                labels.push({chart: gd.id, text: [...gd.querySelectorAll('.hoverlayer .hovertext')]
                    .map(h => h.textContent).join(' ')});
            }
        }
        Plotly.Fx.unhover(gd);
    }
    return labels;
}"""


@pytest.fixture
def fixture_reports(valid_data_reports):
    """The overview and casualties reports of tests/fixtures/valid_data, where SYR-2024-02-02-MAYADIN
    has no casualty figure at all (every count unknown); shared by the run."""
    return valid_data_reports[1]


def _open(open_page, path, width=1280):
    opened = open_page(path.as_uri(), viewport=(width, 900))
    wait_for_charts(opened.page)
    return opened


@pytest.mark.parametrize("name", JOB_NAMES)
def test_no_count_axis_shows_a_fractional_tick(name, rendered_reports, open_page):
    for width in (1280, 390):
        opened = _open(open_page, rendered_reports / f"{name}.html", width)
        axes = [a for a in opened.page.evaluate(COUNT_AXES_JS) if a["visible"] and COUNT_TITLE.search(a["title"])]
        if opened.page.locator("div.plotly-graph-div").count():
            assert axes, f"{name}: no count axis found on its charts"
        for axis in axes:
            where = f"{name} at {width} px: {axis['chart']} {axis['axis']} ({axis['title']})"
            assert axis["values"], f"{where}: no ticks"
            fractional = [v for v in axis["values"] if abs(v - round(v)) > 1e-9]
            assert not fractional, f"{where}: ticks at {fractional}"
            assert all(re.fullmatch(r"[\d,]+", label) for label in axis["labels"]), f"{where}: {axis['labels']}"
            assert len(set(axis["labels"])) == len(axis["labels"]), f"{where}: repeated labels {axis['labels']}"


def test_no_tooltip_shows_0_for_a_figure_coded_unknown(fixture_reports, open_page):
    for name in ("overview", "casualties"):
        opened = _open(open_page, fixture_reports / f"{name}.html")
        labels = opened.page.evaluate(HOVER_ALL_JS)
        assert labels, f"{name}: no hover label drawn"
        about_mayadin = [h["text"] for h in labels if "SYR-2024-02-02-MAYADIN" in h["text"]]
        assert about_mayadin, f"{name}: no tooltip names the incident whose figures are unknown"
        map_labels = [h["text"] for h in labels if "map" in h["chart"] and "Al-Mayadin" in h["text"]]
        if name == "overview":
            assert map_labels and all("deaths: unknown" in t for t in map_labels), map_labels
        for text in about_mayadin:
            assert "deaths: 0" not in text, text
            mayadin_part = text.split("SYR-2024-02-02-MAYADIN", 1)[1]
            assert not re.search(r"(killed|injured):? 0\b", mayadin_part), text
        for text in map_labels:
            # a US strike: US personnel could not be its casualties, so their figure is not applicable, not unknown
            assert "US personnel killed not applicable" in text and "others killed unknown" in text, text
        casualty_labels = [h["text"] for h in labels if "casualties" in h["chart"]]
        assert any("unknown" in t for t in casualty_labels), f"{name}: no casualty tooltip says unknown"
        for text in casualty_labels:
            assert not re.search(r"others (killed|injured): 0\b", text), text
        assert opened.watch.problems == []


def test_the_us_casualty_chart_shows_unknown_marks(rendered_reports, fixture_reports, open_page):
    for path in (rendered_reports / "overview.html", rendered_reports / "casualties.html"):
        opened = _open(open_page, path)
        chart = opened.page.locator("div.plotly-graph-div#chart-us-casualties")
        assert chart.count() == 1, f"{path.name}: no US casualty chart"
        texts = chart.locator("text").all_text_contents()
        # the incidents whose figure no source gives: grey bars labelled "N unknown"
        assert [t for t in texts if re.fullmatch(r"\d+ unknown", t)], texts
        assert sum("US personnel" in t for t in texts) >= 2 and not any("others" in t for t in texts), texts
    # in the fixture the incident with no US figure at all is a US strike: US personnel could not be its
    # casualties, so it is not applicable, not one more unknown (and never a point at 0)
    opened = _open(open_page, fixture_reports / "overview.html")
    bars = opened.page.locator("#chart-us-casualties .bartext").all_text_contents()
    assert bars == ["0 unknown", "0 unknown"], bars


def test_the_context_list_under_the_timeline_is_visible_and_numbered(rendered_reports, open_page):
    for width in (1280, 390):
        opened = _open(open_page, rendered_reports / "overview.html", width)
        figure = opened.page.locator(".report-figure", has=opened.page.locator("#chart-frequency-timeline"))
        items = figure.locator(".chart-context li")
        assert items.count() > 0
        for i in range(items.count()):
            assert items.nth(i).is_visible() and items.nth(i).bounding_box()["height"] > 0
        markers = figure.locator("g.annotation-text-g text").all_text_contents()
        numbers = {int(n) for m in markers for n in re.findall(r"\d+", m)}
        assert 1 in numbers and max(numbers) == items.count(), markers
        # markers are upright, never rotated labels
        angles = figure.locator("g.annotation-text-g").evaluate_all(
            "gs => gs.map(g => (g.getAttribute('transform') || '').match(/rotate\\((-?[\\d.]+)/)).map(m => m ? +m[1] : 0)"
        )
        assert angles and all(a == 0 for a in angles), angles
    opened.page.emulate_media(media="print")
    assert figure.locator(".chart-context").is_visible()


def test_a_click_on_a_bar_offers_the_cards_of_its_incidents(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "overview.html")
    page = opened.page
    click_tallest_bar(page)
    links = page.locator(".chart-cards a.incident-link")
    links.first.wait_for(timeout=5_000)
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(re.fullmatch(r"cards/\d{4}-\d{2}(-\d+)?\.html#\S+", h) for h in hrefs), hrefs
    page.keyboard.press("Escape")
    assert page.locator(".chart-cards").count() == 0
    assert opened.guard.blocked == [] and opened.watch.problems == []
