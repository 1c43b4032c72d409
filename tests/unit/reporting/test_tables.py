"""Tests of analysis.reporting.tables: figures aligned and sortable, ids linked, long tables cut."""

import re

import pandas as pd
import pytest

from analysis.reporting import tables
from analysis.reporting.links import CARDS_PER_PAGE, EXPORT_HREF, build_card_hrefs
from tests.fixtures.tables import make_incidents


def _cells(html_text: str, tag: str = "td") -> list[tuple[str, str]]:
    """(attributes, text) of every ``tag`` cell, in document order."""
    return re.findall(rf"<{tag}([^>]*)>(.*?)</{tag}>", html_text)


def _column(html_text: str, position: int, width: int) -> list[tuple[str, str]]:
    return _cells(html_text)[position::width]


def _daily_incidents(n: int, first: str = "2024-01-01", **values) -> pd.DataFrame:
    days = pd.date_range(first, periods=n, freq="D").strftime("%Y-%m-%d")
    return make_incidents(*({"incident_id": f"IRQ-{i:03d}", "event_date": d, **values} for i, d in enumerate(days)))


def test_figure_columns_are_marked_and_sort_by_their_lead_number():
    table = pd.DataFrame(
        {
            "place": ["Baghdad", "Erbil", "Tower 22", "Kirkuk"],
            "date": ["2024-01-05", "2024-01-06", "2024-01-07", "2024-01-08"],
            "US killed": ["3 (2–4)", "unknown", "≥1,203 (2 unknown)", "1–2"],
            "share": ["46%", "≤150%", "0%", "unknown"],
            "incidents": [4, 0, 12, 7],
        }
    )
    out = tables.build_table_html(table)
    heads = _cells(out, "th")
    assert [("num" in attrs) for attrs, _ in heads] == [False, False, True, True, True]
    assert _column(out, 2, 5) == [
        (' class="num" data-sort="3"', "3 (2–4)"),
        (' class="num words" data-sort=""', "unknown"),
        (' class="num" data-sort="1203"', "≥1,203 (2 unknown)"),
        (' class="num" data-sort="1"', "1–2"),
    ]
    assert [attrs for attrs, _ in _column(out, 3, 5)] == [
        ' class="num" data-sort="46"',
        ' class="num" data-sort="150"',
        ' class="num" data-sort="0"',
        ' class="num words" data-sort=""',
    ]
    assert [text for _, text in _column(out, 4, 5)] == ["4", "0", "12", "7"]
    assert all("num" not in attrs for attrs, _ in _column(out, 0, 5) + _column(out, 1, 5))


def test_a_column_with_one_cell_of_words_is_text():
    out = tables.build_table_html(pd.DataFrame({"figure": ["3", "some 4"], "only unknown": [None, None]}))
    assert not any("num" in attrs for attrs, _ in _cells(out, "th") + _cells(out))


def test_period_cells_sort_by_their_date_not_their_month_name():
    out = tables.build_table_html(pd.DataFrame({"period": ["Apr 2024", "Feb 2024", "week of 2024-01-22"]}))
    assert [attrs for attrs, _ in _cells(out)] == [
        ' data-sort="2024-04"',
        ' data-sort="2024-02"',
        ' data-sort="2024-01-22"',
    ]


def test_an_unknown_figure_reads_unknown_never_0():
    incidents = make_incidents(
        {"incident_id": "A", "event_date": "2024-01-02"},
        {"incident_id": "B", "event_date": "2024-01-01", "us_killed_min": 0, "us_killed_max": 0},
    )
    shown = tables.build_incident_list(incidents)
    assert shown.set_index("incident")["US killed"].to_dict() == {"A": "unknown", "B": "0"}
    killed = _column(tables.build_table_html(shown), list(shown.columns).index("US killed"), len(shown.columns))
    assert killed == [(' class="num words" data-sort=""', "unknown"), (' class="num" data-sort="0"', "0")]


def test_incident_ids_link_to_the_card_page_cut_from_the_whole_table():
    """More incidents in one month than a card page holds; the last 15 alone would sit on the first page."""
    all_incidents = _daily_incidents(CARDS_PER_PAGE + 20, first="2024-01-01").assign(
        event_date=pd.Timestamp("2024-01-15"), incident_id=lambda f: f["incident_id"].str.replace("IRQ", "I<R>")
    )
    selected = all_incidents.tail(15)
    shown = tables.build_incident_list(selected)
    hrefs = tables.find_card_hrefs(shown, all_incidents)
    expected = build_card_hrefs(all_incidents).to_dict()
    assert hrefs == {i: expected[i] for i in selected["incident_id"]}
    quoted = {i: i.replace("<", "%3C").replace(">", "%3E") for i in hrefs}
    assert set(hrefs.values()) == {f"cards/2024-01-2.html#{q}" for q in quoted.values()}  # the last 15 of 70
    out = tables.build_table_html(shown, card_hrefs=hrefs)
    first = shown["incident"].iloc[0]
    assert f'<a class="incident-link" href="cards/2024-01-2.html#{quoted[first]}">' in out
    assert "I&lt;R&gt;-" in out and "I<R>" not in out
    assert "incident-link" not in tables.build_table_html(shown), "no links without the whole table"


def test_the_incident_list_keeps_the_most_recent_and_counts_the_rest():
    incidents = _daily_incidents(tables.DEFAULT_ROW_LIMIT + 12)
    shown = tables.build_incident_list(incidents)
    assert len(shown) == tables.DEFAULT_ROW_LIMIT
    assert shown["date"].iloc[0] == "2024-03-02" and shown["date"].tolist() == sorted(shown["date"], reverse=True)
    out = tables.build_table_html(shown)
    assert out.endswith(
        '<p class="table-more">12 more incidents are not listed: the full table is in '
        f'<a href="{EXPORT_HREF}">{EXPORT_HREF}</a>.</p>'
    )
    one_more = tables.build_table_html(tables.build_incident_list(incidents, limit=len(incidents) - 1))
    assert "1 more incident is not listed" in one_more
    assert "table-more" not in tables.build_table_html(tables.build_incident_list(incidents, limit=None))


def test_the_source_list_keeps_the_most_cited_sources():
    sources = pd.DataFrame(
        {
            "source_id": ["S1", "S2", "S3", "S4"],
            "outlet": ["A", "B", "C", "D"],
            "headline": ["h1", "h2", "h3", "h4"],
            "published": ["2024-01-04", "2024-01-01", "2024-01-03", "2024-01-02"],
        }
    )
    selected = make_incidents(*({"source_ids": ids} for ids in ["S1;S2", "S2", "S2;S3", "S3", "S4"]))
    shown = tables.build_source_list(sources, selected, limit=2)
    assert shown["source"].tolist() == ["S2", "S3"], "the two most cited, oldest first"
    assert "2 more sources are not listed: every incident is in" in tables.build_table_html(shown)
    assert tables.build_source_list(sources, selected)["source"].tolist() == ["S2", "S4", "S3", "S1"]


def test_the_period_table_keeps_the_most_recent_periods():
    periods = pd.date_range("2023-01-02", periods=60, freq="W-MON")
    per_period = pd.DataFrame(
        {"period": periods, "incidents": range(60), "cumulative": range(60), "rolling_mean": [1.5] * 60}
    )
    shown = tables.build_period_table(per_period, freq="week")
    assert len(shown) == tables.DEFAULT_ROW_LIMIT
    assert shown["period"].iloc[-1] == f"week of {periods[-1]:%Y-%m-%d}"
    assert "10 earlier weeks are not listed" in tables.build_table_html(shown)


def test_show_table_cuts_any_long_table_but_keeps_a_builders_choice(monkeypatch):
    shown = []
    monkeypatch.setattr(tables, "display", lambda bundle, raw=False: shown.append(bundle))
    long = pd.DataFrame({"n": range(tables.DEFAULT_ROW_LIMIT + 5)})
    tables.show_table(long, caption="long")
    assert shown[-1]["text/html"].count("<tr>") == tables.DEFAULT_ROW_LIMIT + 1  # header row too
    assert "5 more rows are not listed" in shown[-1]["text/html"]
    assert "5 more rows not listed" in shown[-1]["text/plain"]
    tables.show_table(tables.limit_rows(long, None), caption="all, on purpose")
    assert shown[-1]["text/html"].count("<tr>") == len(long) + 1 and "table-more" not in shown[-1]["text/html"]


def test_limit_rows_refuses_a_negative_limit():
    with pytest.raises(ValueError, match="limit must be 0 or more, got -1"):
        tables.limit_rows(pd.DataFrame({"n": [1]}), -1)


def test_a_report_links_the_ids_of_its_tables(monkeypatch):
    from analysis.reporting import page
    from tests.fixtures.build import VALID_DATA

    shown = []
    monkeypatch.setattr(page, "display", lambda bundle, raw=False: shown.append(bundle))
    monkeypatch.setattr(tables, "display", lambda bundle, raw=False: shown.append(bundle))
    report = page.open_report(str(VALID_DATA), "Links")
    report.show_table(tables.build_incident_list(report.selected))
    links = re.findall(r'<a class="incident-link" href="([^"]+)">([^<]+)</a>', shown[-1]["text/html"])
    expected = build_card_hrefs(report.selected, report.dataset.incidents).to_dict()
    assert len(links) == len(report.selected) > 0
    assert {i: h for h, i in links} == expected


def test_incident_list_shows_the_grade_when_the_selection_has_one():
    incidents = make_incidents(
        {"incident_id": "A", "event_date": "2024-01-01"}, {"incident_id": "B", "event_date": "2024-02-01"}
    )
    assert "grade" not in tables.build_incident_list(incidents).columns
    graded = incidents.assign(grade=pd.Categorical(["weak", "confirmed"], categories=["confirmed", "weak"]))
    shown = tables.build_incident_list(graded)
    assert dict(zip(shown["incident"], shown["grade"])) == {"A": "weak", "B": "confirmed"}


def test_source_list_gives_each_source_its_type_and_address():
    sources = pd.DataFrame(
        {
            "source_id": ["S1", "X1", "N1"],
            "file": ["raw/a.txt", None, None],
            "url": [None, "https://example.org/x", None],
            "outlet": ["Reuters", "BBC", "Named only"],
            "headline": ["h1", "h2", "h3"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "source_type": pd.array(["wire/agency", "newspaper or broadcaster", None], dtype="string"),
        }
    )
    shown = tables.build_source_list(sources, make_incidents({"source_ids": "S1;X1;N1"}))
    assert shown["type"].tolist() == ["wire/agency", "newspaper or broadcaster", "not typed"]
    assert shown["address"].tolist() == ["raw/a.txt", "https://example.org/x", ""]


def test_rows_of_an_operation_toll_name_the_toll_and_link_to_it_never_unknown_nor_a_share():
    """The US strikes of 2-3 February 2024 in Syria: SOHR's 'at least 18' is for the three rows together."""
    from analysis.data.dataset import load_dataset
    from analysis.metrics.tolls import link_operation_tolls

    data = load_dataset()
    tolls = link_operation_tolls(data.incidents, data.reported_totals)
    shown = tables.build_incident_list(data.incidents, limit=None, tolls=tolls)
    wave = shown.set_index("incident")
    syrian = ["SYR-20240203-ABUKAMAL", "SYR-20240203-DEIREZZOR", "SYR-20240203-MAYADIN"]
    assert wave.loc[syrian, "others killed"].tolist() == ["in operation toll: at least 18"] * 3
    assert wave.loc["SYR-20240203-MAYADIN", "others injured"] == "unknown"  # no toll of injured
    page = tables.build_table_html(shown)
    anchor = "toll-RT-S001-FEB-SYRIA-KILLED"
    assert page.count(f'<a href="#{anchor}">in operation toll: at least 18</a>') == 3
    assert page.count(f'id="{anchor}"') == 1  # the toll itself, shown under the list: figure, source, its rows
    toll_row = re.search(rf'<tr id="{anchor}">(.*?)</tr>', page).group(1)
    for text in ["at least 18", "S001", "US retaliatory strikes for Tower 22 (Feb 2024)", "Syria", *syrian]:
        assert text in toll_row
