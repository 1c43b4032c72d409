"""Tests of analysis.reporting.page: open_report loads, selects and shows the header once."""

import pytest

from analysis.reporting import page
from tests.fixtures.build import VALID_DATA


@pytest.fixture
def shown(monkeypatch):
    """Everything page, tables and charts display, as (mimetype bundle) dicts."""
    out = []
    monkeypatch.setattr(page, "display", lambda bundle, raw=False: out.append(bundle))
    from analysis.reporting import tables

    monkeypatch.setattr(tables, "display", lambda bundle, raw=False: out.append(bundle))
    return out


def test_open_report_selects_and_shows_the_header(shown):
    report = page.open_report(str(VALID_DATA), "A title", start="2024-01-01", countries=["Iraq"])
    assert report.has_incidents and (report.start, report.end) == ("2024-01-01", None)
    assert set(report.selected["country"].astype(str)) == {"Iraq"}
    assert (report.selected["event_date"] >= "2024-01-01").all()
    assert len(shown) == 1 and "<h1>A title</h1>" in shown[0]["text/html"]
    assert "countries: Iraq" in report.filters_text


def test_an_empty_selection_says_so_once_and_shows_nothing_else(shown):
    report = page.open_report(str(VALID_DATA), "Empty", countries=["Yemen"])
    assert not report.has_incidents
    assert len(shown) == 2 and "No incidents match these filters" in shown[1]["text/plain"]
    report.show_table(report.selected, caption="nothing")
    report.show_figure(None, "nothing")
    assert len(shown) == 2


def test_a_selection_shows_its_tables(shown):
    report = page.open_report(str(VALID_DATA), "Some")
    report.show_table(report.selected[["incident_id"]].head(1), caption="one row")
    assert len(shown) == 2 and "one row" in shown[1]["text/html"]


def test_headline_gives_categories_us_casualties_span_and_data_as_of():
    from tests.fixtures.tables import make_incidents

    incidents = make_incidents(
        {"event_date": "2024-01-02", "us_killed_min": 1, "us_killed_max": 1},
        {"event_date": "2024-02-03", "category": "us_strike"},
        {"event_date": "2024-05-01", "category": "regional"},
    )
    headline = dict(page.build_headline(incidents, incidents.iloc[:2]))
    assert headline["Incidents"] == "2: 1 attacks on US forces · 1 US strikes"
    assert headline["US personnel killed"] == "1 (1 unknown)"
    assert headline["US personnel injured"] == "unknown"
    assert headline["Dates"] == "2024-01-02 to 2024-02-03"
    assert headline["Data as of"].startswith("2024-05-01")


def test_coverage_lines_word_open_totals_and_totals_smaller_than_the_table():
    import pandas as pd

    coverage = pd.DataFrame(
        {
            "period_start": [pd.Timestamp("2023-10-07"), pd.NaT, pd.NaT],
            "as_of": [pd.Timestamp("2024-02-03"), pd.Timestamp("2024-07-26"), pd.Timestamp("2024-04-20")],
            "countries": [pd.NA, "Iraq;Syria", pd.NA],
            "reported_min": pd.array([160, 2, 0], dtype="Int64"),
            "reported_max": pd.array([pd.NA, 2, 0], dtype="Int64"),
            "incidents_in_table": [6, 3, 0],
        }
    )
    assert page.build_coverage_lines(coverage) == [
        "The sources report at least 160 attacks on US forces from 2023-10-07 to 2024-02-03; this table holds 6 of them.",
        "The sources report 2 attacks on US forces in Iraq and Syria up to 2024-07-26; "
        "this table holds 3, more than that figure (the sources count differently or less).",
        "The sources report 0 attacks on US forces up to 2024-04-20; this table holds none either.",
    ]
