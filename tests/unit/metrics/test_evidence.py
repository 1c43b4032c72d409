"""Tests of analysis.metrics.evidence: the quotes of the bundled data as a table, one row per quote."""

import pandas as pd
import pytest

from analysis.data.dataset import load_dataset
from analysis.metrics.evidence import EVIDENCE_COLUMNS, list_evidence
from analysis.metrics.filters import filter_incidents


@pytest.fixture(scope="module")
def dataset():
    return load_dataset()


def test_every_quote_once_with_its_source(dataset):
    out = list_evidence(dataset)
    assert list(out.columns) == EVIDENCE_COLUMNS
    assert len(out) == len(dataset.evidence)  # every bundled incident has quotes: no empty row is added
    assert sorted(out["quote"]) == sorted(dataset.evidence["quote"])
    joined = out.merge(dataset.sources, on="source_id", suffixes=("", "_source"))
    assert (joined["outlet"] == joined["outlet_source"]).all()
    assert (joined["headline"] == joined["headline_source"]).all()


def test_bundled_quotes_are_checked_external_ones_are_not(dataset):
    out = list_evidence(dataset)
    bundled = out["file"].notna()
    assert out.loc[bundled, "quote_checked"].all() and not out.loc[~bundled, "quote_checked"].any()
    assert out.loc[~bundled, "url"].notna().all()
    hashed = set(dataset.sources.loc[dataset.sources["sha256"].notna(), "source_id"])  # texts validation opened
    assert out["quote_checked"].tolist() == out["source_id"].isin(hashed).tolist()


def test_one_incident_by_id_in_evidence_order(dataset):
    out = list_evidence(dataset, "IRQ-20240805-ASAD")
    expected = dataset.evidence.loc[dataset.evidence["incident_id"] == "IRQ-20240805-ASAD"]
    assert out["quote"].tolist() == expected["quote"].tolist()
    assert set(out["incident_id"]) == {"IRQ-20240805-ASAD"}


def test_a_selection_gives_its_incidents_in_its_order(dataset):
    syria_2024 = filter_incidents(dataset, countries="Syria", start="2024-01-01", end="2024-12-31")
    out = list_evidence(dataset, syria_2024)
    assert list(dict.fromkeys(out["incident_id"])) == syria_2024["incident_id"].tolist()
    asked = ["SYR-20240421-RUMALAN", "SYR-20240203-MAYADIN"]
    assert list(dict.fromkeys(list_evidence(dataset, asked)["incident_id"])) == asked


def test_an_unknown_id_is_an_error_with_close_ids(dataset):
    with pytest.raises(ValueError, match="found 'IRQ-20240805-ASADX' \\(did you mean 'IRQ-20240805-ASAD'"):
        list_evidence(dataset, ["IRQ-20240805-ASADX"])


def test_an_incident_without_a_quote_keeps_one_empty_row(dataset):
    evidence = dataset.evidence.loc[dataset.evidence["incident_id"] != "IRQ-20240805-ASAD"]
    trimmed = type(dataset)(**{**dataset.__dict__, "evidence": evidence})
    out = list_evidence(trimmed, ["IRQ-20240805-ASAD", "JOR-20240128-TOWER22"])
    first = out.iloc[0]
    assert first["incident_id"] == "IRQ-20240805-ASAD"
    assert pd.isna(first["quote"]) and pd.isna(first["source_id"]) and not first["quote_checked"]
    assert (out["incident_id"].iloc[1:] == "JOR-20240128-TOWER22").all() and out["quote"].iloc[1:].notna().all()


def test_a_frame_instead_of_the_dataset_says_what_to_pass(dataset):
    with pytest.raises(TypeError, match="found DataFrame, expected the Dataset .* pass a selection of incidents"):
        list_evidence(dataset.incidents)
