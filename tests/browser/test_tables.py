"""Report tables in headless Chromium: sorted by a click, figures right-aligned, scrolled in their box, bounded.

The casualties job of reports.toml is rendered from a synthetic data
directory (benchmarks/synth.py) of more incidents than a table lists, so its
incident list is cut and says how many incidents it leaves out.
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from analysis import paths
from analysis.data.dataset import load_dataset
from analysis.render.jobs import read_jobs
from analysis.reporting.links import EXPORT_HREF, build_card_hrefs
from analysis.reporting.page import select_incidents
from analysis.reporting.tables import DEFAULT_ROW_LIMIT
from tests.browser.conftest import render_batch, require_chromium
from tests.fixtures.shared import build_once

SYNTHETIC_INCIDENTS = 3 * DEFAULT_ROW_LIMIT
JOB = "casualties"
INCIDENT_TABLE = "table.report-table:has(a.incident-link)"

ROWS_JS = """(table) => [...table.tBodies[0].rows].map(row => ({
    id: row.querySelector('a.incident-link').textContent,
    href: row.querySelector('a.incident-link').getAttribute('href'),
    cells: Object.fromEntries([...row.cells].map((cell, i) =>
        [table.tHead.rows[0].cells[i].textContent.trim(), cell.textContent])),
    sort: Object.fromEntries([...row.cells].map((cell, i) =>
        [table.tHead.rows[0].cells[i].textContent.trim(), cell.getAttribute('data-sort')])),
}))"""


def _write_synthetic_dir(rows: int, path):
    spec = importlib.util.spec_from_file_location("synth", paths.PROJECT_DIR / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    return synth.write_synthetic_dir(rows, path)


@pytest.fixture(scope="session")
def synthetic_render(tmp_path_factory):
    """(output folder, the whole incident table, the incidents the job selects); rendered once for the run
    (every xdist worker reads the same folder: the tests only read it, so they spread over the workers)."""
    require_chromium()

    def build(base):
        _write_synthetic_dir(SYNTHETIC_INCIDENTS, base / "data")
        render_batch(base / "reports", "--data", str(base / "data"), "--job", JOB)

    base, _ = build_once(tmp_path_factory, "tables-synthetic", build)
    data = base / "data"
    job = next(j for j in read_jobs() if j.name == JOB)
    incidents = load_dataset(data).incidents
    keys = ("start", "end", "countries", "categories")
    selected = select_incidents(incidents, **{k: job.parameters[k] for k in keys if k in job.parameters})
    return base / "reports", incidents, selected


@pytest.fixture
def report_page(synthetic_render, open_page):
    def open_(viewport=(1366, 900)):
        return open_page((synthetic_render[0] / f"{JOB}.html").as_uri(), viewport=viewport)

    return open_


def _rows(page) -> list[dict]:
    return page.locator(INCIDENT_TABLE).evaluate(ROWS_JS)


def _ordered(keys: list[str | None], descending: bool = False) -> bool:
    """Known keys in order, every unknown (empty) after them."""
    known = [float(k) for k in keys if k]
    unknown_after_known = all(not k for k in keys[len(known) :])
    return unknown_after_known and known == sorted(known, reverse=descending)


def test_clicking_a_figure_header_sorts_the_rows_numerically(report_page):
    opened = report_page()
    page = opened.page
    header = page.locator(f"{INCIDENT_TABLE} th", has_text="others killed")
    before = _rows(page)
    keys_before = [r["sort"]["others killed"] for r in before]
    assert len({k for k in keys_before if k}) > 2 and "" in keys_before, "the test needs distinct and unknown figures"
    assert not _ordered(keys_before), "rows already in order: the click would prove nothing"
    assert header.get_attribute("aria-sort") == "none"

    header.locator("button").click()
    ascending = _rows(page)
    assert _ordered([r["sort"]["others killed"] for r in ascending])
    assert header.get_attribute("aria-sort") == "ascending"
    assert sorted(ascending, key=lambda r: r["id"]) == sorted(before, key=lambda r: r["id"]), "rows moved whole"
    first_known = next(r for r in ascending if r["sort"]["others killed"])
    assert float(first_known["sort"]["others killed"]) == min(float(k) for k in keys_before if k)

    header.locator("button").focus()
    page.keyboard.press("Enter")
    descending = _rows(page)
    assert _ordered([r["sort"]["others killed"] for r in descending], descending=True)
    assert header.get_attribute("aria-sort") == "descending"
    others = page.locator(f"{INCIDENT_TABLE} th[aria-sort='none']").count()
    assert others == page.locator(f"{INCIDENT_TABLE} th").count() - 1
    assert opened.watch.problems == []


def test_clicking_a_text_header_sorts_the_rows_alphabetically(report_page):
    page = report_page().page
    page.locator(f"{INCIDENT_TABLE} th", has_text="location").locator("button").click()
    places = [r["cells"]["location"] for r in _rows(page)]
    assert places == sorted(places, key=str.casefold) and len(set(places)) > 1


def test_figures_are_right_aligned_and_text_left(report_page):
    page = report_page().page
    align = page.locator(INCIDENT_TABLE).evaluate(
        """(table) => ({
            figure: getComputedStyle(table.querySelector('td.num')).textAlign,
            figureHeader: getComputedStyle(table.querySelector('th.num')).textAlign,
            text: getComputedStyle(table.querySelector('td:not(.num)')).textAlign,
            figureHeaders: [...table.querySelectorAll('th.num')].map(th => th.textContent.trim()),
        })"""
    )
    assert align["figure"] == "right" and align["figureHeader"] == "right" and align["text"] == "left"
    assert align["figureHeaders"] == ["US killed", "US injured", "others killed", "others injured"]


def test_a_wide_table_becomes_stacked_rows_on_a_phone(report_page):
    page = report_page(viewport=(390, 844)).page
    table = page.locator(INCIDENT_TABLE)
    box = table.evaluate("(t) => ({scroll: t.scrollWidth, client: t.clientWidth, rows: t.tBodies[0].rows.length})")
    assert box["scroll"] <= box["client"], "a stacked table has nothing to scroll"
    first = table.locator("tbody tr").first
    labels = first.evaluate("(tr) => [...tr.cells].map(td => getComputedStyle(td, '::before').content)")
    assert '"incident"' in labels and '"US killed"' in labels, labels
    widths = page.evaluate("() => ({page: document.documentElement.scrollWidth, viewport: window.innerWidth})")
    assert widths["page"] <= widths["viewport"]


def test_a_long_list_names_how_many_incidents_it_leaves_out(report_page, synthetic_render):
    _, _, selected = synthetic_render
    page = report_page().page
    assert len(_rows(page)) == DEFAULT_ROW_LIMIT
    more = page.locator(f".table-box:has({INCIDENT_TABLE}) + p.table-more")  # tables.js boxes each table
    left_out = len(selected) - DEFAULT_ROW_LIMIT
    assert left_out > 0
    assert more.inner_text() == f"{left_out} more incidents are not listed: the full table is in {EXPORT_HREF}."
    assert more.locator("a").get_attribute("href") == EXPORT_HREF
    assert more.is_visible()


def test_incident_ids_link_to_their_cards_and_unknown_figures_never_read_0(report_page, synthetic_render):
    _, incidents, selected = synthetic_render
    rows = _rows(report_page().page)
    expected_hrefs = build_card_hrefs(selected, incidents)
    by_id = selected.set_index("incident_id")
    checked_unknown = 0
    for row in rows:
        assert row["href"] == expected_hrefs[row["id"]]
        for column, prefix in [("US killed", "us_killed"), ("others injured", "other_injured")]:
            low, high = by_id.loc[row["id"], f"{prefix}_min"], by_id.loc[row["id"], f"{prefix}_max"]
            if pd.isna(low) and pd.isna(high):
                # US personnel could be casualties of an attack on US forces only (or where a source says so)
                applies = prefix != "us_killed" or by_id.loc[row["id"], "category"] == "attack_on_us"
                expected = "unknown" if applies else "not applicable"
                assert row["cells"][column] == expected, f"{row['id']}: {column} coded unknown reads {row['cells']}"
                checked_unknown += applies
            else:
                assert row["cells"][column] != "unknown"
    assert checked_unknown > 0, "no unknown figure among the rows shown: the test would prove nothing"
