"""A click on a casualty figure, as a reader makes it in Chromium at 390 and 1366 px: the list beside the
tooltip names only incidents that carry a figure for the clicked measure, each with its own figure as its
card words it (one figure, one rendering), says how many others have none, and never covers the tooltip."""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

import pytest

from analysis.devtools.browser import wait_for_charts

WIDTHS = ((390, 844), (1366, 900))
ENTRY = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2}), (?P<place>.+): (?P<figure>.+) \((?P<id>\S+)\)$")
TRACE_INDEX_JS = """([chart, name]) => [...document.querySelectorAll(`${chart} .scatterlayer .trace`)]
    .findIndex(g => g.__data__ && g.__data__[0] && g.__data__[0].trace.name === name)"""
MARKS = [
    ("#chart-us-casualties", "US personnel killed", "US personnel killed"),
    ("#chart-us-casualties", "US personnel injured", "US personnel injured"),
    ("#chart-other-casualties", "others killed", "Others killed"),
]


def _card_figure(reports, href: str, label: str) -> str:
    """The figure a card shows for ``label`` (its ``<dt>``), read from the card page's HTML."""
    page, incident = href.split("#")
    text = (reports / page).read_text(encoding="utf-8")
    card = text[text.index(f'id="{unquote(incident)}"') :]
    card = card[: card.index("</article>")]
    facts = dict(re.findall(r"<dt[^>]*>([^<]*)</dt>\s*<dd[^>]*>([^<]*)</dd>", card))
    return html.unescape(facts[label])


def _boxes_apart(a, b) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("viewport", WIDTHS, ids=lambda v: f"{v[0]}px")
def test_a_figure_click_lists_only_incidents_with_a_figure_each_with_its_own(viewport, rendered_reports, open_page):
    opened = open_page((rendered_reports / "overview.html").as_uri(), viewport=viewport)
    page = opened.page
    wait_for_charts(page)
    for chart, trace, card_label in MARKS:
        index = page.evaluate(TRACE_INDEX_JS, [chart, trace])
        assert index >= 0, f"{chart}: no trace {trace!r}"
        point = page.locator(f"{chart} .scatterlayer .trace").nth(index).locator(".point").first
        point.scroll_into_view_if_needed()
        links = page.locator(".chart-cards a.incident-link")
        for attempt in range(2):  # on a loaded machine plotly now and then drops a click (see the report): once more
            page.mouse.move(0, 0)
            point.hover(force=True)
            page.locator(".hoverlayer .hovertext").first.wait_for(timeout=5_000)  # plotly clicks what it hovers
            point.click(force=True)
            try:
                links.first.wait_for(timeout=5_000)
                break
            except Exception:
                if attempt:
                    raise
        point.hover(force=True)  # the pointer still on the mark: its tooltip shows, unless the list covers the mark
        tooltip = page.locator(".hoverlayer .hovertext")
        tooltip.first.wait_for(timeout=5_000)
        assert tooltip.count() == 1, f"{trace}: the tooltip stays on screen with the list"
        a, b = tooltip.first.bounding_box(), page.locator(".chart-cards").bounding_box()
        assert _boxes_apart(a, b), f"{trace}: the list covers the tooltip: {a} {b}"
        assert _boxes_apart(point.bounding_box(), b), f"{trace}: the list covers the clicked mark"
        title = page.locator(".chart-cards-title").inner_text()
        assert trace in title, title
        for text, href in zip(
            links.all_inner_texts(), [links.nth(i).get_attribute("href") for i in range(links.count())]
        ):
            entry = ENTRY.match(text)
            assert entry, f"{trace}: {text!r} is not 'date, place: figure (id)'"
            assert entry["figure"] not in ("unknown", "not applicable"), f"{trace}: {text!r} has no figure"
            assert entry["figure"] == _card_figure(rendered_reports, href, card_label), (trace, text)
        none = page.locator(".chart-cards-none")
        unknown = page.evaluate(
            """([chart]) => [...document.querySelectorAll(`${chart} .barlayer text`)].map(t => t.textContent)""",
            [chart],
        )
        if none.count():
            assert re.fullmatch(r"\d+ more with no figure", none.inner_text()), none.inner_text()
            assert f"{none.inner_text().split()[0]} unknown" in unknown, (none.inner_text(), unknown)
        page.keyboard.press("Escape")
        page.mouse.move(0, 0)  # off the chart: the next mark's tooltip is the only one
    assert opened.guard.blocked == [] and opened.watch.problems == []
