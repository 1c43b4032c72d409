"""index.html: what each row says (empty selections, timeouts, skipped reports) and the headline."""

import datetime as dt
import re

from analysis.render.index import build_index_html

NOW = dt.datetime(2024, 10, 3, 6, 0)


def _row(page: str, name: str) -> str:
    start = page.index(f"{name}<br>") if f'href="{name}.html"' not in page else page.index(f'href="{name}.html"')
    return page[page.rindex("<tr", 0, start) : page.index("</tr>", start)]


def _text(html: str) -> str:
    return re.sub(r"<(br|/td)>", " ", re.sub(r"<(?!br>|/td>)[^>]+>", "", html))


def test_an_empty_report_reads_empty_in_its_row_and_in_the_headline(tmp_path):
    for name in ("overview", "weekly"):
        (tmp_path / f"{name}.html").write_text("<html></html>")
    state = {
        "overview": {"status": "rendered", "rendered_at": "2024-10-03T06:00:00", "title": "Overview"},
        "weekly": {"status": "skipped", "rendered_at": "2024-10-02T06:00:00", "title": "Weekly", "empty": True},
    }
    page = build_index_html(tmp_path, ["overview", "weekly"], state, NOW)
    weekly = _row(page, "weekly")
    assert 'class="empty"' in weekly
    assert "EMPTY: no incidents match its filters (report unchanged, not re-rendered)" in _text(weekly)
    assert "EMPTY" not in _row(page, "overview")
    assert "2 reports, none with problems in the last run; 1 empty (no incidents match the filters): weekly." in page


def test_a_timed_out_report_says_which_cell_and_which_limit(tmp_path):
    (tmp_path / "slow.html").write_text("<html></html>")
    error = "timed out: cell 3 ('import time') ran longer than timeout_s = 2 s"
    state = {"slow": {"status": "failed", "rendered_at": "2024-10-01T06:00:00", "error": error}}
    row = _text(_row(build_index_html(tmp_path, ["slow"], state, NOW), "slow"))
    assert "FAILED; the report shown is the previous one, rendered 2024-10-01T06:00:00" in row
    assert "cell 3 (&#x27;import time&#x27;) ran longer than timeout_s = 2 s" in row
    assert "-----" not in row


def test_a_report_never_rendered_has_no_link(tmp_path):
    page = build_index_html(tmp_path, ["new"], {}, NOW)
    assert "new (no report yet)" in page and 'href="new.html"' not in page


def test_each_row_gives_its_period_in_real_dates_the_data_as_of_and_a_note_when_the_data_ends_before_it(tmp_path):
    for name in ("overview", "weekly"):
        (tmp_path / f"{name}.html").write_text("<html></html>")
    span = {"data_first": "2022-08-24", "data_latest": "2024-10-01", "data_fingerprint": "62ef1265decc"}
    state = {
        "overview": {"status": "rendered", "parameters": {"start": "2023-10-07"}, **span},
        "weekly": {
            "status": "rendered",
            "parameters": {"start": "2026-09-26", "end": "2026-11-21"},
            "empty": True,
            **span,
        },
    }
    page = build_index_html(tmp_path, ["overview", "weekly"], state, NOW)
    overview, weekly = _text(_row(page, "overview")), _text(_row(page, "weekly"))
    assert "2023-10-07 – 2024-10-01 (latest incident)" in overview and "as of 2024-10-01" in overview
    assert "no incident in the data" not in overview
    assert "2026-09-26 – 2026-11-21" in weekly and "EMPTY" in weekly
    assert "no incident in the data after 2024-10-01; this period starts 2026-09-26" in weekly
    assert "data as of 2024-10-01 (its latest incident)" in page
    assert "all up to date" not in page, "the headline no longer calls two-year-old data up to date"
