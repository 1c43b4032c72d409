"""The real report notebooks through the renderer: content, empty selections, --self-contained."""

from __future__ import annotations

import logging
import re

from analysis import paths
from analysis.render.batch import render_jobs
from analysis.render.html_export import plotly_js_filename
from analysis.render.jobs import Job

OVERVIEW = paths.NOTEBOOKS_DIR / "overview.ipynb"


def _render(tmp_path, jobs, **kwargs):
    return render_jobs(jobs, out_dir=tmp_path, progress=False, **kwargs)


def test_self_contained_overview_inlines_plotly_and_shows_ranges_and_unknowns(tmp_path):
    summary = _render(tmp_path, [Job("overview", OVERVIEW, {"title": "Overview <test>"})], self_contained=True)
    assert summary.exit_code == 0
    page = (tmp_path / "overview.html").read_text(encoding="utf-8")
    assert "assets/" + plotly_js_filename() not in page and not (tmp_path / "assets").exists()
    assert page.count("Plotly.newPlot") >= 3 and len(page) > 4_000_000  # plotly.js inside
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']https?:""", page)
    assert "<title>Overview &lt;test&gt;</title>" in page and "<h1>Overview &lt;test&gt;</h1>" in page
    # the 2024-08-05 Al-Asad attack: "several" injured -> at least 2, no upper bound
    assert re.search(
        r'<a class="incident-link" href="cards/2024-08\.html#IRQ-20240805-ASAD">IRQ-20240805-ASAD</a>', page
    )
    assert re.search(r"<td[^>]*>at least 2</td>", page)
    assert re.search(r"<td[^>]*>unknown</td>", page) and "nan" not in re.sub(
        r"<script.*?</script>", "", page, flags=re.S
    )
    assert 'id="chart-incident-map"' in page and 'id="chart-frequency-timeline"' in page


def test_an_empty_selection_renders_a_clear_message_and_reads_empty_not_rendered(tmp_path, caplog):
    jobs = [
        Job("nothing", OVERVIEW, {"start": "2030-01-01", "title": "Nothing yet"}),
        Job("everything", OVERVIEW, {"title": "Everything"}),
    ]
    with caplog.at_level(logging.INFO, logger="analysis"):
        summary = _render(tmp_path, jobs)
    assert summary.exit_code == 0
    assert {r.name: r.shown_status for r in summary.results} == {"nothing": "empty", "everything": "rendered"}
    assert re.search(r"^nothing +empty .*no incidents match its filters$", "\n".join(caplog.messages), re.M), (
        caplog.messages
    )
    page = (tmp_path / "nothing.html").read_text(encoding="utf-8")
    assert (
        "No data after 2024-10-01: this period (2030-01-01 to the latest incident) is not covered by the table." in page
    )
    assert "Plotly.newPlot" not in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "EMPTY: no incidents match its filters (report rendered in this run)" in index
    assert "1 empty (no incidents match the filters): nothing" in index

    caplog.clear()
    with caplog.at_level(logging.INFO, logger="analysis"):
        again = _render(tmp_path, jobs)
    assert {r.name: r.shown_status for r in again.results} == {"nothing": "empty", "everything": "skipped"}
    assert re.search(
        r"^nothing +empty +\(unchanged, skipped\): no incidents match its filters$", "\n".join(caplog.messages), re.M
    )
    assert "EMPTY: no incidents match its filters (report unchanged, not re-rendered)" in (
        tmp_path / "index.html"
    ).read_text(encoding="utf-8")
