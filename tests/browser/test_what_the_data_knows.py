"""What Chromium shows says no more than the data knows (bundled data, and a sample with a gap in its coverage).

Not covered is not zero; not applicable is not unknown; a toll for an
operation is shown with its rows; one figure reads the same everywhere; a
period the data does not reach says so; totals are drawn only with the series
they count; a one-category report lists no other category.
"""

from __future__ import annotations

import math
import re
import urllib.parse

import pytest

from analysis.devtools.browser import wait_for_charts
from analysis.metrics.frequency import NOT_COVERED
from tests.browser.conftest import render_batch, require_chromium
from tests.fixtures.build import copy_valid

HEADLINE_JS = """() => Object.fromEntries([...document.querySelectorAll('.headline-item')].map(item =>
    [item.querySelector('.headline-label').textContent.trim(), item.querySelector('.headline-value').textContent.trim()]))"""
TABLES_JS = """() => [...document.querySelectorAll('table.report-table')].map(t => ({
    caption: (t.querySelector('caption') || {textContent: ''}).textContent.trim(),
    head: [...t.querySelectorAll('thead th')].map(th => th.innerText.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.querySelectorAll('td, th')].map(td => td.innerText.trim())),
}))"""
CHART_DATA_JS = """id => { const div = document.getElementById(id), list = v => v ? Array.from(v) : [];
    return (div._fullData || []).map(t => ({name: t.name, type: t.type, x: list(t.x), y: list(t.y),
                                            text: list(t.text), hovertext: list(t.hovertext)})); }"""
"""What plotly drew: each trace's decoded points (a missing value comes back as NaN)."""


def _drawn(y) -> bool:
    return y is not None and not (isinstance(y, float) and math.isnan(y))


CHART_IDS_JS = "() => [...document.querySelectorAll('div.plotly-graph-div')].map(d => d.id)"


def _open(open_page, path, width=1366):
    opened = open_page(path.as_uri(), viewport=(width, 900))
    wait_for_charts(opened.page)
    return opened


def _table(tables: list[dict], caption_start: str) -> dict:
    found = [t for t in tables if t["caption"].startswith(caption_start)]
    assert found, f"no table whose caption starts {caption_start!r}: {[t['caption'] for t in tables]}"
    return found[0]


def _column(table: dict, name: str) -> list[str]:
    return [row[table["head"].index(name)] for row in table["rows"]]


def _chart(opened, id_part: str) -> list[dict]:
    ids = [i for i in opened.page.evaluate(CHART_IDS_JS) if id_part in i]
    assert ids, f"no chart whose id contains {id_part!r}"
    return opened.page.evaluate(CHART_DATA_JS, ids[0])


# --- 1. coverage is a claim ---------------------------------------------------------------


def test_the_weekly_chart_and_table_draw_no_zero_where_nothing_is_claimed(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "frequency.html")
    headline = opened.page.evaluate(HEADLINE_JS)
    assert headline["Incidents in this table"].startswith("6: 6 attacks on US forces"), headline
    # October 2023 to mid-January 2024: no claim, so no bar, no zero
    for trace in _chart(opened, "per-period-by-category"):
        if trace["type"] != "bar":
            continue
        for x, y in zip(trace["x"], trace["y"]):
            if "2023-10-09" <= x[:10] <= "2024-01-15":
                assert not _drawn(y), f"{trace['name']} draws {y} in the week of {x[:10]}"
    periods = _table(opened.page.evaluate(TABLES_JS), "Incidents per week")
    cells = dict(zip(_column(periods, "period"), _column(periods, "incidents in this table")))
    run = [p for p in cells if p.endswith(" to week of 2024-01-15")]
    assert run and cells[run[0]] == NOT_COVERED, cells
    assert "0" not in [c for p, c in cells.items() if p < "week of 2024-01-29"]
    # the S003 zero (no attack from the February halt to 21 April) is a claim: those weeks read 0
    assert cells["week of 2024-02-05"] == "0" and cells["week of 2024-04-08"] == "0"
    means = dict(zip(_column(periods, "period"), _column(periods, "rolling mean")))
    assert means["week of 2024-07-15"] == "not measured" and means["week of 2024-03-04"] == "0"
    text = opened.page.inner_text("body")
    assert "S003 states there were none from 2024-02-01 to 2024-04-20" in text


def test_lulls_are_measured_only_inside_the_claim(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "frequency.html")
    lulls = _table(opened.page.evaluate(TABLES_JS), "Longest lulls")
    assert lulls["rows"][0][1] == "2024-02-01 (start of claimed coverage)", lulls["rows"]
    assert lulls["rows"][0][2] == "2024-04-21" and lulls["rows"][0][3] == "at least 80"
    assert len(lulls["rows"]) == 1, "no lull outside the one claimed span"


@pytest.fixture
def gap_reports(tmp_path):
    """The frequency report of a sample whose coverage.csv claims two periods with a gap between them (one test
    reads it: built in that test's own folder, so the module's other tests spread over the xdist workers)."""
    require_chromium()
    root = tmp_path
    data = copy_valid(root)
    (data / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n"
        "2024-01-01,2024-02-29,,sample export: first burst\n"
        "2024-07-01,2024-07-31,,sample export: second burst\n",
        encoding="utf-8",
    )
    out = root / "reports"
    render_batch(
        out,
        "--data",
        str(data),
        "--job",
        "frequency",
        "--param",
        "categories=attack_on_us,us_strike,regional",
        "--start",
        "2024-01-01",
    )
    return out


def test_a_sample_with_a_gap_reads_none_recorded_between_its_claims(gap_reports, open_page):
    opened = _open(open_page, gap_reports / "frequency.html", width=390)
    periods = _table(opened.page.evaluate(TABLES_JS), "Incidents per week")
    cells = dict(zip(_column(periods, "period"), _column(periods, "incidents in this table")))
    assert cells["week of 2024-02-26 to week of 2024-06-24"] == NOT_COVERED, cells
    assert cells["week of 2024-01-01"] == "0" and cells["week of 2024-07-01"] == "0"
    for trace in _chart(opened, "per-period-by-category"):
        if trace["type"] == "bar":
            for x, y in zip(trace["x"], trace["y"]):
                if "2024-03-04" <= x[:10] <= "2024-06-24":
                    assert not _drawn(y), f"{trace['name']} draws {y} in the week of {x[:10]}"


# --- 3. applicability, 4. operation tolls, 5. one figure --------------------------------------


def test_us_tallies_say_over_which_incidents_and_strikes_are_not_applicable(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "overview.html")
    headline = opened.page.evaluate(HEADLINE_JS)
    assert headline["US personnel killed"] == "3 in 6 attacks on US forces; 3 without a figure"
    assert headline["US personnel injured"] == "at least 2 in 6 attacks on US forces; 2 without a figure"
    by_category = _table(opened.page.evaluate(TABLES_JS), "Killed and injured by category")
    rows = {row[0]: dict(zip(by_category["head"], row)) for row in by_category["rows"]}
    strikes = rows["US strikes"]
    assert strikes["US personnel killed"] == "not applicable"
    assert strikes["others killed"] == (
        "at least 18 (S001, for US retaliatory strikes for Tower 22 (Feb 2024) in Syria, not split between its "
        "3 rows) + at least 4 elsewhere (2 unknown)"
    )
    assert rows["other violent events of the escalation"]["US personnel injured"] == "not applicable"


def test_every_incident_figure_reads_the_same_in_the_table_and_on_its_card(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "casualties.html")
    listed = _table(opened.page.evaluate(TABLES_JS), "Incidents selected")
    assert len(listed["rows"]) > 10
    columns = {"US killed": "US personnel killed", "others killed": "Others killed"}
    hamas = None
    for row in listed["rows"]:
        cells = dict(zip(listed["head"], row))
        card = opened.page.context.new_page()
        href = opened.page.locator(f"a:text-is('{cells['incident']}')").first.get_attribute("href")
        page, fragment = href.split("#", 1)
        card.goto(f"{(rendered_reports / page).as_uri()}#{fragment}")
        fact = card.evaluate(
            """id => { const facts = {};  // the card's facts come first; quotes under the same labels follow
                for (const dt of document.getElementById(id).querySelectorAll('dt')) {
                    const label = dt.textContent.trim();
                    if (!(label in facts)) facts[label] = dt.nextElementSibling.textContent.trim(); }
                return facts; }""",
            urllib.parse.unquote(fragment),
        )
        card.close()
        for table_column, card_label in columns.items():
            if fact[card_label].startswith("not split for this row: "):  # an operation toll: the whole toll, once
                toll = fact[card_label].removeprefix("not split for this row: ").split(" (", 1)[0]
                assert cells[table_column] == f"in operation toll: {toll}", (cells["incident"], table_column)
                continue
            assert cells[table_column] == fact[card_label], (cells["incident"], table_column)
        if cells["incident"] == "ISR-20231007-HAMAS":
            hamas = cells
    assert hamas and hamas["others killed"] == "about 1,200" and hamas["US killed"] == "not applicable"


# --- 6. a period the data does not reach, 7. one category, 2. totals with their series --------


def test_a_period_the_data_does_not_reach_says_so_and_nothing_else(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "iraq-syria-weekly.html")
    headline = opened.page.evaluate(HEADLINE_JS)
    assert re.fullmatch(
        r"No data after 2024-10-01: this period \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\) is not covered by the table\.",
        headline["Incidents in this table"],
    ), headline
    text = opened.page.inner_text("body")
    assert "Widen" not in text and "Hover over" not in text and "INCIDENTS 0" not in text.upper().replace(":", "")
    assert opened.page.locator(".section-note").count() == 0
    assert opened.page.locator("main h2").count() == 0, "no heading of a section with nothing in it"
    empty = opened.page.inner_text(".report-empty")
    assert "Where the data lies: its " in empty and "dated 2022-08-24 to 2024-10-01" in empty
    assert "no claim to list every incident" in empty
    command = opened.page.inner_text(".report-empty code")
    assert command == "incidents render --start 2022-08-24 --end 2024-10-01 --out reports-2022-08-24-to-2024-10-01"


def test_a_one_category_report_lists_no_other_category(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "frequency.html")
    by_category = _table(opened.page.evaluate(TABLES_JS), "By category")
    assert [row[0] for row in by_category["rows"]] == ["attacks on US forces"]


def test_reported_totals_are_drawn_only_on_the_series_they_count(rendered_reports, open_page):
    opened = _open(open_page, rendered_reports / "frequency.html")
    reported = [t for t in _chart(opened, "cumulative") if "reported" in (t["name"] or "")]
    assert len(reported) == 1 and reported[0]["y"] == [160], reported
    listed = _table(opened.page.evaluate(TABLES_JS), "Reported totals overlapping")
    ids = _column(listed, "reported figure")
    assert "RT-S004-HUNDREDS" in ids and "RT-S001-ATTACKS-SINCE-OCT7" in ids, "the others are listed beside"
    profile = _open(open_page, rendered_reports / "ain-al-asad.html")
    assert "The sources report" not in profile.page.inner_text("body"), "a base is not set against a regional total"
