"""Chart labels as Chromium draws them, at 390x844 and 1366x900, in every chart of every report:
no two labels overlap, none runs off its chart or the page, none is cut by the plot area's clip.

Read from the drawn boxes (``getBoundingClientRect`` of every ``<text>`` of the rendered SVG), not
from the figure JSON: what a reader sees. Tooltips (the hover layer) and the mode bar are left out.
"""

from __future__ import annotations

import pytest

from analysis.devtools.browser import wait_for_charts
from tests.browser.conftest import JOB_NAMES

WIDTHS = ((390, 844), (1366, 900))
TOLERANCE_PX = 0.5
LABEL_PROBLEMS_JS = """(tol) => {
  const problems = [], vw = document.documentElement.clientWidth;
  const inside = (b, r) => b.left >= r.left - tol && b.right <= r.right + tol && b.top >= r.top - tol
    && b.bottom <= r.bottom + tol;
  const clipOf = el => {  // the screen box of the nearest clip-path over el (plotly clips traces to the plot area)
    for (let g = el.parentElement; g && !g.classList.contains('plotly-graph-div'); g = g.parentElement) {
      const ref = (g.getAttribute('clip-path') || '').match(/#([^)'"]+)/);
      const rect = ref && document.getElementById(ref[1]) && document.getElementById(ref[1]).querySelector('rect');
      if (!rect) continue;
      const m = g.getScreenCTM(), x = +rect.getAttribute('x') || 0, y = +rect.getAttribute('y') || 0;
      const a = new DOMPoint(x, y).matrixTransform(m);
      const b = new DOMPoint(x + +rect.getAttribute('width'), y + +rect.getAttribute('height')).matrixTransform(m);
      return {left: a.x, top: a.y, right: b.x, bottom: b.y};
    }
    return null;
  };
  for (const gd of document.querySelectorAll('div.plotly-graph-div')) {
    const svg = gd.querySelector('svg.main-svg').getBoundingClientRect();
    const sheet = {left: Math.max(svg.left, 0), right: Math.min(svg.right, vw), top: svg.top, bottom: svg.bottom};
    const labels = [...gd.querySelectorAll('svg.main-svg text')].filter(t => {
      if (t.closest('.hoverlayer, .modebar-container') || !t.textContent.trim()) return false;
      const s = getComputedStyle(t), r = t.getBoundingClientRect();
      return s.display !== 'none' && s.visibility !== 'hidden' && +s.opacity !== 0 && r.width > 0 && r.height > 0;
    }).map(t => ({el: t, text: t.textContent.trim(), box: t.getBoundingClientRect()}));
    for (const l of labels) {
      if (!inside(l.box, sheet)) problems.push(`${gd.id}: "${l.text}" runs off the chart or the page`);
      const clip = clipOf(l.el);
      if (clip && !inside(l.box, clip)) problems.push(`${gd.id}: "${l.text}" is cut by the plot area`);
    }
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i].box, b = labels[j].box;
      if (labels[i].el.contains(labels[j].el) || labels[j].el.contains(labels[i].el)) continue;
      if (a.left < b.right - tol && b.left < a.right - tol && a.top < b.bottom - tol && b.top < a.bottom - tol)
        problems.push(`${gd.id}: "${labels[i].text}" overlaps "${labels[j].text}"`);
    }
  }
  return {charts: document.querySelectorAll('div.plotly-graph-div').length, problems};
}"""


@pytest.mark.parametrize("viewport", WIDTHS, ids=lambda v: f"{v[0]}px")
@pytest.mark.parametrize("name", JOB_NAMES)
def test_no_chart_label_collides_or_is_clipped(name, viewport, rendered_reports, open_page):
    opened = open_page((rendered_reports / f"{name}.html").as_uri(), viewport=viewport)
    wait_for_charts(opened.page)
    found = opened.page.evaluate(LABEL_PROBLEMS_JS, TOLERANCE_PX)
    assert found["problems"] == [], "\n".join(found["problems"])
    assert opened.guard.blocked == [] and opened.watch.problems == []
