"""What an empty report says: the period it covered, where the data lies, the command for that period; no section."""

from __future__ import annotations

from IPython.core.interactiveshell import InteractiveShell

from analysis.data.dataset import load_dataset
from analysis.metrics.completeness import select_claimed_spans
from analysis.reporting.claims import claimed_coverage
from analysis.reporting.empty_report import describe_where_the_data_lies, select_scope


def _where(data, countries=(), categories=(), locations=(), data_dir=""):
    scope = select_scope(data.incidents, countries, categories, locations, data.places)
    claims = claimed_coverage(data.coverage)
    spans = select_claimed_spans(claims, data.reported_totals, countries, categories)
    return describe_where_the_data_lies(data, scope, spans, claims, data_dir)


def test_the_scheduled_last_weeks_over_old_data_say_where_the_data_lies_and_how_to_render_it():
    data = load_dataset()
    in_scope = data.incidents[data.incidents["country"].isin(["Iraq", "Syria"])]
    first, last = in_scope["event_date"].min(), in_scope["event_date"].max()
    lines = _where(data, ["Iraq", "Syria"])
    assert lines[0].startswith(f"Where the data lies: its {len(in_scope)} incidents of these countries")
    assert f"dated {first:%Y-%m-%d} to {last:%Y-%m-%d}" in lines[0]
    assert lines[1] == "The data makes no claim to list every incident of any period (no coverage.csv)."
    command = f"incidents render --start {first:%Y-%m-%d} --end {last:%Y-%m-%d} --out reports-{first:%Y-%m-%d}-to-"
    assert f"To render that period: {command}" in lines[2]


def test_an_import_elsewhere_names_its_folder_and_its_claims(data_dir):
    (data_dir / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-07-31,Iraq,ACLED query\n"
        "2024-01-01,2024-02-29,Jordan;Syria,tracker\n",
        encoding="utf-8",
    )
    data = load_dataset(data_dir)
    lines = _where(data, ["Iraq"], data_dir=str(data_dir))
    assert "claims to list every incident of these countries and categories from 2024-01-01 to 2024-07-31" in lines[1]
    assert f"incidents render --data {data_dir} --start 2024-07-25 --end 2024-07-25" in lines[2]
    assert "only elsewhere (Iraq, Jordan, Syria), none for this report's scope" in _where(data, ["Lebanon"])[1]


def test_a_scope_the_table_never_holds_says_no_period_would_fill_it():
    lines = _where(load_dataset(), ["Kuwait"])
    assert "holds no incident of these countries, categories and places in any period" in lines[0]
    assert not any("incidents render" in line for line in lines)


def test_an_empty_report_shows_no_section_heading_and_a_full_one_does():
    from IPython.utils.capture import capture_output

    from analysis.reporting import page

    InteractiveShell.instance()  # the real display publisher, outside a kernel
    data = load_dataset()
    with capture_output() as empty:
        page.Report(data, data.incidents.iloc[0:0], "", None, None).show_section("Per period")
    assert empty.outputs == []
    with capture_output() as full:
        page.Report(data, data.incidents, "", None, None).show_section("Per period")
    assert [o.data for o in full.outputs] == [
        {"text/html": '<h2 id="Per-period">Per period</h2>', "text/plain": "Per period"}
    ]
