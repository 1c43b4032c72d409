"""Tests of analysis.reporting.dataset_summary: what a Dataset shows when printed or displayed."""

import pytest

from analysis.data.dataset import load_dataset
from analysis.metrics.completeness import compare_with_reported_totals


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_repr_is_short_and_names_every_table_with_its_rows(dataset):
    text = repr(dataset)
    assert len(text.splitlines()) <= 15 and len(text) < 2000  # not eight tables of text
    assert "incident_id" not in text and "Kata'ib" not in text
    for name in ("sources", "places", "incidents", "evidence", "context", "reported_totals", "coverage"):
        rows = 0 if name == "coverage" else len(getattr(dataset, name))  # no coverage.csv: no row read, no claim
        assert f"{name} " in text and f" {rows:,} row" in text


def test_repr_gives_the_span_the_coverage_claim_and_the_largest_reported_total(dataset):
    text = repr(dataset)
    last = dataset.incidents["event_date"].max().strftime("%Y-%m-%d")
    assert f"data as of {last}" in text
    assert "Coverage: " in text and "no coverage.csv" in text  # the bundled data claims no coverage of its own
    assert "none claimed" in text and "taken to cover" not in text  # the incidents' span is no claim (issue 20)
    compared = compare_with_reported_totals(dataset.incidents, dataset.reported_totals)
    largest = compared.sort_values("reported_min", ascending=False).iloc[0]
    assert f"Largest reported total ({largest['total_id']}): at least {largest['reported_min']:,} attacks" in text
    assert f"this table holds {largest['incidents_in_table']} of them" in text


def test_a_coverage_file_is_stated_as_a_claim(data_dir):
    (data_dir / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-12-31,,test claim\n", encoding="utf-8"
    )
    assert "Coverage claimed (coverage.csv): 2024-01-01 to 2024-12-31." in repr(load_dataset(data_dir))


def test_html_holds_the_same_facts_escaped(dataset, data_dir):
    page = dataset._repr_html_()
    assert "<table>" in page and "reported_totals.csv" in page
    assert "attacks on US forces" in page
    hostile = data_dir.parent / "<b>data"
    data_dir.rename(hostile)
    assert "&lt;b&gt;data" in load_dataset(hostile)._repr_html_()
