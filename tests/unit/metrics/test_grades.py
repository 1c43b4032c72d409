"""Incident grades from the types of their sources (the rule of the codebook's "Source grading")."""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.data.dataset import load_dataset
from analysis.metrics.grades import grade_incidents
from tests.fixtures.tables import make_incidents

SOURCES = pd.DataFrame(
    {
        "source_id": ["wire1", "wire2", "bbc", "rudaw1", "rudaw2", "dod", "claim", "agg", "untyped"],
        "outlet": ["Reuters", "LBCI (relaying Reuters)", "BBC", "Rudaw", "rudaw ", "CENTCOM", "KH", "?", "X"],
        "source_type": [
            "wire/agency",
            "wire/agency",
            "newspaper or broadcaster",
            "newspaper or broadcaster",
            "newspaper or broadcaster",
            "official statement",
            "claim by an armed group",
            "aggregator/unknown",
            None,
        ],
    }
).astype({"source_type": "string"})


def _grades(*source_ids: str, sources: pd.DataFrame = SOURCES) -> list[str]:
    incidents = make_incidents(*({"incident_id": f"I{n}", "source_ids": ids} for n, ids in enumerate(source_ids)))
    return grade_incidents(incidents, sources).astype(str).tolist()


def test_each_rule_of_the_codebook_in_order():
    assert _grades("wire1;dod", "agg;claim", "wire1;bbc", "bbc;rudaw1", "wire1", "bbc", "agg", "untyped") == [
        "confirmed",
        "confirmed",
        "corroborated",
        "corroborated",
        "single source",
        "single source",
        "weak",
        "ungraded",
    ]


def test_relays_of_one_wire_and_one_outlet_twice_are_not_independent():
    assert _grades("wire1;wire2", "rudaw1;rudaw2") == ["single source", "single source"]


def test_an_untyped_source_adds_nothing_and_an_unknown_id_counts_as_untyped():
    assert _grades("untyped;agg", "untyped;bbc", "missing", "missing;bbc") == [
        "weak",
        "single source",
        "ungraded",
        "single source",
    ]


def test_sources_without_the_column_grade_every_incident_ungraded():
    assert _grades("wire1;dod", "bbc", sources=SOURCES.drop(columns="source_type")) == ["ungraded", "ungraded"]


def test_grades_keep_the_incidents_index_and_order_strongest_first():
    incidents = make_incidents({"source_ids": "agg"}, {"source_ids": "dod"}).set_axis([7, 3])
    grades = grade_incidents(incidents, SOURCES)
    assert grades.index.tolist() == [7, 3] and grades.tolist() == ["weak", "confirmed"]
    assert list(grades.cat.categories) == list(schema.GRADES) and grades.name == "grade"


def test_the_bundled_data_is_graded_with_every_source_typed():
    dataset = load_dataset()
    assert dataset.sources["source_type"].notna().all(), "every bundled source has a type"
    grades = grade_incidents(dataset.incidents, dataset.sources)
    assert "ungraded" not in set(grades)
    # The Tower 22 attack is reported by an aggregator and one AP copy: one independent report.
    tower = dataset.incidents["incident_id"].eq("JOR-20240128-TOWER22").to_numpy()
    assert grades[tower].tolist() == ["single source"]
