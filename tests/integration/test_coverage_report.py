"""A data directory with a hole in its coverage, through the real frequency notebook and the renderer."""

from __future__ import annotations

import re

from analysis import paths
from analysis.render.batch import render_jobs
from analysis.render.jobs import Job
from tests.fixtures.build import copy_valid

FREQUENCY = paths.NOTEBOOKS_DIR / "frequency.ipynb"
# the fixture's incidents: 2024-01-28 (Jordan), 2024-02-02 (Syria), 2024-07-25 (Iraq)
TWO_PERIODS = (
    "period_start,period_end,countries,basis\n"
    "2024-01-01,2024-02-29,,tracker's own statement\n"
    "2024-07-01,2024-07-31,,ACLED query\n"
)


def test_weeks_outside_coverage_read_not_covered_in_tables_charts_and_lulls(tmp_path):
    data = copy_valid(tmp_path)
    (data / "coverage.csv").write_text(TWO_PERIODS, encoding="utf-8")
    job = Job("frequency", FREQUENCY, {"title": "Frequency with a hole", "frequency": "week"})
    summary = render_jobs([job], data_dir=data, out_dir=tmp_path / "out", progress=False)
    assert summary.exit_code == 0, summary.results
    page = (tmp_path / "out" / "frequency.html").read_text(encoding="utf-8")
    text = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    # the period table: March to June are not covered, never 0 (weeks of 2024-03-04 .. 2024-06-24, three columns each)
    assert len(re.findall(r"<td[^>]*>not covered</td>", text)) == 3 * 17
    assert not re.search(r"<td[^>]*>week of 2024-04-01</td><td[^>]*>0</td>", text)
    assert re.search(r"<td[^>]*>week of 2024-04-01</td><td[^>]*>not covered</td>", text)
    # the charts: one shaded, labelled span each on the per-period and cumulative charts
    assert page.count('"text":"not covered"') >= 3, "per period by category, by weapon and cumulative"
    # the lulls: 2024-01-28 -> 2024-02-02 only; 2024-02-02 -> 2024-07-25 runs through the hole
    lulls = text[text.index("Longest lulls") :]
    assert "2024-02-03" not in lulls[:2000] and re.search(r"<td[^>]*>4</td>", lulls[:2000])
    assert "The data claims to cover 2024-01-01 to 2024-02-29; 2024-07-01 to 2024-07-31 (coverage.csv)" in text
    assert "Rendered</span>" in text
