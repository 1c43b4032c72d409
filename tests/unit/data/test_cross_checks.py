"""Row and cross-file rules (analysis.data.cross_checks) not covered by test_validate.py.

Fixture lines: reported_totals.csv and sources.csv have their first row on line 2.
"""

from __future__ import annotations

from analysis import schema
from analysis.data.validate import run_validate, validate_data_dir
from tests.fixtures.build import set_cell

COUNTRIES = ", ".join(schema.COUNTRIES)


def problems(data_dir) -> list[str]:
    return [str(p) for p in validate_data_dir(data_dir).problems]


def test_reported_totals_countries_are_checked_against_the_country_vocabulary(data_dir):
    """issue #13: `Narnia` validated."""
    set_cell(data_dir / "reported_totals.csv", 0, "countries", "Narnia")
    assert problems(data_dir) == [
        f"{data_dir}/reported_totals.csv:2: countries: found 'Narnia', expected one of {COUNTRIES}"
    ]


def test_each_country_of_the_list_is_checked_with_a_did_you_mean(data_dir):
    set_cell(data_dir / "reported_totals.csv", 0, "countries", "Iraq; Syrai;;iraq")
    assert problems(data_dir) == [
        f"{data_dir}/reported_totals.csv:2: countries: found 'Syrai', expected one of {COUNTRIES} (did you mean 'Syria'?)",
        f"{data_dir}/reported_totals.csv:2: countries: found 'iraq', expected one of {COUNTRIES} (did you mean 'Iraq'?)",
    ]


def test_known_countries_and_an_empty_list_pass(data_dir):
    set_cell(data_dir / "reported_totals.csv", 0, "countries", " Iraq ;Syria;United States")
    assert problems(data_dir) == []
    set_cell(data_dir / "reported_totals.csv", 0, "countries", "")
    assert problems(data_dir) == []


def test_a_raw_file_that_is_a_directory_is_named(data_dir):
    (data_dir / "raw" / "beta.txt").unlink()
    (data_dir / "raw" / "beta.txt").mkdir()
    assert problems(data_dir)[0] == (
        f"{data_dir}/sources.csv:3: file: found 'raw/beta.txt' (a directory), expected a regular file under {data_dir}"
    )
    assert run_validate(data_dir) == 2
