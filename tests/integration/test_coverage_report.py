"""A data directory with a hole in its coverage, through the real frequency notebook and the renderer."""

from __future__ import annotations

import re

from analysis import paths
from analysis.metrics.frequency import NOT_CLAIMED, NOT_COVERED
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


def test_weeks_outside_coverage_read_none_recorded_in_tables_charts_and_lulls(tmp_path):
    data = copy_valid(tmp_path)
    (data / "coverage.csv").write_text(TWO_PERIODS, encoding="utf-8")
    job = Job("frequency", FREQUENCY, {"title": "Frequency with a hole", "frequency": "week"})
    summary = render_jobs([job], data_dir=data, out_dir=tmp_path / "out", progress=False)
    assert summary.exit_code == 0, summary.results
    page = (tmp_path / "out" / "frequency.html").read_text(encoding="utf-8")
    text = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    none = NOT_COVERED.replace("—", "&#8212;")
    cell = rf"<td[^>]*>(?:{NOT_COVERED}|{none})</td>"
    # the period table: March to June are not covered: one row for the run, never 0
    # (weeks of 2024-03-04 .. 2024-06-24; week of 2024-02-26 runs into March, so it is not covered either)
    assert re.search(rf"<td[^>]*>week of 2024-02-26 to week of 2024-06-24</td>{cell}{cell}{cell}", text)
    assert not re.search(r"<td[^>]*>week of 2024-04-01</td><td[^>]*>0</td>", text)
    # the charts: one shaded, labelled span each on the per-period and cumulative charts
    assert page.count(f'"text":"{NOT_CLAIMED}"') >= 3, "per period by category, by weapon and cumulative"
    # the lulls: only inside the claims; 2024-02-02 -> 2024-07-25 runs through the hole
    lulls = text[text.index("Longest lulls") :][:3000]
    assert "2024-02-03 (" in lulls or "<td>2024-02-03" in lulls  # from the last incident to the claim's end
    assert "at least" in lulls
    assert "The data claims to cover 2024-01-01 to 2024-02-29; 2024-07-01 to 2024-07-31 (coverage.csv)" in text
    assert "Rendered</span>" in text
