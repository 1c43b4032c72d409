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
