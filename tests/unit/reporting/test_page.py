"""Tests of analysis.reporting.page: open_report loads, selects and shows the header once."""

import re

import pytest

from analysis.report_flags import says_selection_empty
from analysis.reporting import claims, page
from tests.fixtures.build import VALID_DATA


@pytest.fixture
def shown(monkeypatch):
    """Everything page, tables and charts display, as (mimetype bundle) dicts (with the output's metadata, if any)."""
    out = []
    monkeypatch.setattr(
        page, "display", lambda bundle, raw=False, metadata=None: out.append({**bundle, "metadata": metadata or {}})
    )
    from analysis.reporting import empty_report, tables

    monkeypatch.setattr(tables, "display", lambda bundle, raw=False: out.append(bundle))
    monkeypatch.setattr(
        empty_report,
        "display",
        lambda bundle, raw=False, metadata=None: out.append({**bundle, "metadata": metadata or {}}),
    )
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
    assert len(shown) == 2 and "No incident in this table matches these filters" in shown[1]["text/plain"]
    assert "Widen" not in shown[1]["text/plain"]
    assert "holds no incident of these countries, categories and places in any period" in shown[1]["text/plain"]
    assert says_selection_empty(shown[1]) and not says_selection_empty(shown[0])
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
    assert headline["Incidents in this table"] == "2: 1 attacks on US forces · 1 US strikes"
    # the US strike is not counted: US personnel were not its targets and no source gives a US figure
    assert headline["US personnel killed"] == "1 in 1 attack on US forces"
    assert headline["US personnel injured"] == "unknown: no source gives a figure for the 1 attack on US forces"
    assert headline["Dates"] == "2024-01-02 to 2024-02-03"
    assert headline["Data as of"].startswith("2024-05-01")


def test_headline_counts_carry_thousands_separators_like_the_tables():
    from tests.fixtures.tables import make_incidents

    many = make_incidents(*[{"event_date": "2024-01-02"}] * 1200, {"event_date": "2024-01-03", "category": "us_strike"})
    assert (
        dict(page.build_headline(many, many))["Incidents in this table"]
        == "1,201: 1,200 attacks on US forces · 1 US strikes"
    )


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
    assert claims.build_coverage_lines(coverage) == [
        "The sources report at least 160 attacks on US forces from 2023-10-07 to 2024-02-03; this table holds 6 of them.",
        "The sources report 2 attacks on US forces in Iraq and Syria up to 2024-07-26; "
        "this table holds 3, more than that figure (the sources count differently or less).",
        "The sources report 0 attacks on US forces up to 2024-04-20; this table holds none either.",
    ]


# --- wording true to the data: quotes, sources, coverage, the day rendered --------------------


def test_headline_says_the_day_the_report_was_rendered():
    import datetime as dt

    from tests.fixtures.tables import make_incidents

    incidents = make_incidents({"event_date": "2024-01-02"})
    assert dict(page.build_headline(incidents, incidents, rendered=dt.date(2025, 3, 4)))["Rendered"] == "2025-03-04"
    assert dict(page.build_headline(incidents, incidents))["Rendered"] == dt.date.today().isoformat()


def test_the_nbval_sanitizer_hides_only_the_rendered_date(shown):
    from nbval.plugin import get_sanitize_patterns

    from analysis import paths

    patterns = get_sanitize_patterns((paths.NOTEBOOKS_DIR / "nbval-sanitize.cfg").read_text())

    def sanitized(text: str) -> str:
        import re

        for regex, replace in patterns:
            text = re.sub(regex, replace, text)
        return text

    page.open_report(str(VALID_DATA), "Today")
    html_today, plain_today = shown[0]["text/html"], shown[0]["text/plain"]
    other_day = __import__("datetime").date(2001, 2, 3).isoformat()
    today = __import__("datetime").date.today().isoformat()
    assert sanitized(html_today) == sanitized(html_today.replace(today, other_day)) != html_today
    assert sanitized(plain_today) == sanitized(plain_today.replace(today, other_day)) != plain_today
    assert "2024-07-25" in sanitized(html_today)  # other dates stay compared


def test_caveats_count_incidents_without_a_quote_and_external_sources(shown):
    report = page.open_report(str(VALID_DATA), "All")
    caveats = page.build_evidence_caveats(report.selected, report.dataset.evidence, report.dataset.sources)
    assert caveats == [
        "1 of the 3 incidents in this selection has no supporting quote in evidence.csv: "
        "check them against their sources (listed under Sources).",
        "The incidents in this selection are coded from 3 sources: 2 bundled texts and 1 external reference "
        "(web pages, linked under Sources); compare with the totals the sources report before reading a count "
        "as complete.",
    ]
    assert "only incidents coded from the bundled sources" not in shown[0]["text/html"]
    assert "1 of the 3 incidents in this selection has no supporting quote" in shown[0]["text/html"]


def test_the_quote_claim_is_made_only_when_it_holds(shown):
    report = page.open_report(str(VALID_DATA), "Bundled only", countries=["Iraq", "Jordan"])
    caveats = page.build_evidence_caveats(report.selected, report.dataset.evidence, report.dataset.sources)
    assert caveats[0].startswith("Every incident in this selection cites a bundled source text and has quotes")
    assert caveats[1].startswith("The incidents in this selection are coded from 2 bundled source texts only;")


def test_sources_list_links_urls_and_bundled_texts_escaped():
    import pandas as pd

    from tests.fixtures.tables import make_incidents

    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d"],
            "file": ["raw/articles/000_x.txt", None, None, None],
            "url": [None, "https://example.org/p?q=1&r=2", "javascript:alert(1)", None],
            "outlet": ["Reuters", "<b>Outlet</b>", "Evil", "Unused"],
            "headline": ["H1", "H2", "H3", "H4"],
            "published": pd.to_datetime(["2024-01-02", None, "2024-01-01", "2024-01-01"]),
        }
    )
    selected = make_incidents({"source_ids": "a;b"}, {"source_ids": "c"})
    links = page.build_source_links(sources, selected)
    assert links["source_id"].tolist() == ["c", "a", "b"]  # oldest first, unknown dates last
    assert links["href"].fillna("").tolist() == ["", "cards/sources/000_x.html", "https://example.org/p?q=1&r=2"]
    text = page.build_source_list_html(links)
    assert '<a href="cards/sources/000_x.html">raw/articles/000_x.txt</a>' in text
    assert '<a href="https://example.org/p?q=1&amp;r=2">https://example.org/p?q=1&amp;r=2</a>' in text
    assert "&lt;b&gt;Outlet&lt;/b&gt;, “H2”, date unknown" in text
    assert 'href="javascript' not in text and "javascript:alert(1)" in text
    assert "Sources cited by this selection: 3 (1 bundled, 2 external)" in text


def test_the_sources_list_stops_at_its_limit_keeping_the_most_cited_in_date_order():
    import pandas as pd

    from tests.fixtures.tables import make_incidents

    sources = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d"],
            "file": [None] * 4,
            "url": [f"https://example.org/{i}" for i in "abcd"],
            "outlet": ["A", "B", "C", "D"],
            "headline": ["HA", "HB", "HC", "HD"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]),
        }
    )
    selected = make_incidents({"source_ids": "d;b"}, {"source_ids": "b"}, {"source_ids": "a;d"}, {"source_ids": "c"})
    links = page.build_source_links(sources, selected)
    assert dict(zip(links["source_id"], links["incidents"])) == {"a": 1, "b": 2, "c": 1, "d": 2}
    text = page.build_source_list_html(links, limit=2)
    assert text.index("“HB”") < text.index("“HD”")  # the two most cited, oldest first
    assert "“HA”" not in text and "“HC”" not in text
    assert "Sources cited by this selection: 4 (0 bundled, 4 external)" in text
    assert "The 2 sources cited by the most incidents are listed; 2 more are not." in text
    assert "more are not" not in page.build_source_list_html(links, limit=4)


def test_coverage_caveat_says_no_claim_without_a_coverage_file_and_quotes_a_stated_zero():
    import pandas as pd

    from analysis.data.claimed_coverage import build_coverage_rows
    from analysis.metrics.completeness import select_claimed_spans
    from tests.fixtures.tables import make_incidents

    assumed = build_coverage_rows(make_incidents({"event_date": "2024-01-02"}, {"event_date": "2024-03-01"}))
    no_totals = pd.DataFrame(columns=["metric", "period_start", "as_of", "value_max", "countries"])
    spans = select_claimed_spans(claims.claimed_coverage(assumed), no_totals)
    assert len(spans) == 0, "the incidents' span is no claim"
    assert claims.build_coverage_caveat(assumed, spans, "2024-01-02", "2024-03-01") == (
        "The data makes no claim to list every incident of any period of this report: counts are of the incidents "
        "in this table, a period without one reads 'none recorded — not a complete count', never 0, "
        "and no lull is measured there."
    )
    zero = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2024-02-01"]),
            "period_end": pd.to_datetime(["2024-04-20"]),
            "countries": [pd.NA],
            "total_id": ["RT-0"],
            "source_id": ["S3"],
            "quote": ["none since February"],
        }
    )
    text = claims.build_coverage_caveat(assumed, zero, "2024-01-02", "2024-06-01", zero)
    assert text.startswith(
        "S3 states there were none from 2024-02-01 to 2024-04-20 (“none since February”, RT-0), "
        "so periods inside that span count 0; outside claimed coverage: counts are of the incidents in this table"
    )
    stated = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2019-01-01", "2023-10-07"]),
            "period_end": pd.to_datetime(["2020-12-31", "2024-12-31"]),
            "countries": ["Iraq;Syria", pd.NA],
            "basis": ["ACLED query", "tracker"],
        }
    )
    spans = select_claimed_spans(stated, no_totals)
    assert claims.build_coverage_caveat(stated, spans, "2019-03-01", "2024-03-01").startswith(
        "The data claims to cover 2019-01-01 to 2020-12-31 (Iraq, Syria); 2023-10-07 to 2024-12-31 (coverage.csv); "
        "outside claimed coverage: counts are of the incidents in this table"
    )
    assert claims.build_coverage_caveat(stated, spans, "2024-01-01", "2024-03-01").endswith(
        "this report lies inside it."
    )


def test_open_report_gives_the_covered_spans_for_counts_and_lulls(shown, tmp_path):
    import shutil

    from analysis.metrics.frequency import count_per_period, find_lulls

    data = tmp_path / "data"
    shutil.copytree(VALID_DATA, data)
    (data / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-02-29,,a\n2024-07-01,2024-07-31,,b\n"
    )
    report = page.open_report(str(data), "Gap")
    months = count_per_period(report.selected, "month", coverage=report.covered_spans)
    assert months["covered"].tolist() == [True, True, False, False, False, False, True]  # July: 07-01..07-31
    assert months["incidents"].tolist() == [1, 1, pd_na(), pd_na(), pd_na(), pd_na(), 1]
    # inside the claims: 02-03..02-29 (to the claim's end), 01-01..01-27 (from its start), 07-26..07-31,
    # 07-01..07-24 and 01-29..02-01; nothing through 03-01 .. 06-30
    assert find_lulls(report.selected, coverage=report.covered_spans)["gap_days"].tolist() == [27, 27, 24, 6, 4]
    assert report.selected.attrs == {}  # the spans are a value of the report, not a hidden channel on the frame
    assert "The data claims to cover 2024-01-01 to 2024-02-29; 2024-07-01 to 2024-07-31" in shown[0]["text/html"]


def pd_na():
    import pandas as pd

    return pd.NA


def test_the_headline_strip_carries_its_own_styles_for_jupyterlab(shown):
    report = page.open_report(str(VALID_DATA), "Styled")
    strip = re.search(r'<div class="report-headline" style="([^"]+)">', shown[0]["text/html"])
    assert strip and "display: flex" in strip[1] and "background" in strip[1], "Lab has no report stylesheet"
    assert shown[0]["text/html"].count(f'style="{page.HEADLINE_STYLES["label"]}"') >= 3
    assert "grade" in report.selected.columns, "open_report grades its selection"


def test_an_all_countries_report_is_covered_only_where_every_country_is_claimed(shown, data_dir):
    """Claims for Iraq (Jan-Jul 2024) and Jordan+Syria (Jan-Feb 2024): neither makes the whole region complete."""
    from analysis.metrics.frequency import count_per_period, find_lulls

    (data_dir / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-07-31,Iraq,ACLED query\n"
        "2024-01-01,2024-02-29,Jordan;Syria,tracker\n",
        encoding="utf-8",
    )
    every = page.open_report(str(data_dir), "All countries")
    assert len(every.covered_spans) == 0
    weeks = count_per_period(every.selected, coverage=every.covered_spans, freq="week")
    assert not weeks["covered"].any()  # drawn and tabled as not a complete count, never as 0
    assert len(find_lulls(every.selected, coverage=every.covered_spans)) == 0  # no lull outside claims
    two = page.open_report(str(data_dir), "Iraq and Syria", countries=["Iraq", "Syria"])
    assert two.covered_spans.astype(str).values.tolist() == [["2024-01-01", "2024-02-29"]]
    iraq = page.open_report(str(data_dir), "Iraq", countries=["Iraq"])
    assert iraq.covered_spans.astype(str).values.tolist() == [["2024-01-01", "2024-07-31"]]
    assert len(find_lulls(iraq.selected, coverage=iraq.covered_spans)) > 0


def test_a_place_profile_is_covered_by_the_claims_of_its_country(shown, data_dir):
    (data_dir / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-07-31,Iraq,ACLED query\n"
        "2024-01-01,2024-02-29,Jordan;Syria,tracker\n",
        encoding="utf-8",
    )
    base = page.open_report(str(data_dir), "Ain al-Asad", locations=["Ain al-Asad air base"])
    assert base.has_incidents and set(base.selected["country"].astype(str)) == {"Iraq"}
    assert base.covered_spans.astype(str).values.tolist() == [["2024-01-01", "2024-07-31"]]
