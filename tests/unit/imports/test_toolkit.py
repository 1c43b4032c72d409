"""The shared parts of every importer: rows screened by country, problems located by line."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.imports.toolkit import Rejections, screen_countries


def _rejections(tmp_path) -> Rejections:
    path = tmp_path / "in.csv"
    path.write_text("country\nIraq\nNarnia\nSyria\nNarnia\n", encoding="utf-8")
    return Rejections(path, "in.csv")


COUNTRY = pd.Series(["Iraq", "Narnia", "Syria", "Narnia"], dtype="string")


def test_a_country_outside_the_schema_is_a_problem_on_its_line(tmp_path):
    rejected = _rejections(tmp_path)
    keep, lines, (left_out, _) = screen_countries(COUNTRY, np.ones(4, dtype=bool), False, "rows", rejected)
    assert not left_out.any()
    assert keep.all() and lines == []
    assert [(p.line, p.column, p.found) for p in rejected.problems] == [
        (3, "country", "'Narnia'"),
        (5, "country", "'Narnia'"),
    ]


def test_skipping_other_countries_drops_and_counts_them(tmp_path):
    rejected = _rejections(tmp_path)
    rows = np.array([True, True, True, False])  # the last row is not data (e.g. a hashtag row)
    keep, lines, (left_out, reason) = screen_countries(COUNTRY, rows, True, "events", rejected)
    assert left_out.tolist() == [False, True, False, False]
    assert reason[1] == "country Narnia is outside the schema's countries (--skip-other-countries)"
    assert keep.tolist() == [True, False, True, False]
    assert lines == ["skipped 1 events in countries outside the schema: Narnia (1)"]
    assert rejected.problems == []
