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


# --- operation names (fixture: SYR-2024-02-02-MAYADIN, line 4 of incidents.csv, in Syria, carries "Operation 2024-02-02")


def test_a_toll_naming_an_operation_no_incident_carries_is_refused_with_the_nearest_names(data_dir):
    import io

    set_cell(data_dir / "reported_totals.csv", 0, "operation", "Operation 2024-02-03")
    assert problems(data_dir) == [
        f"{data_dir}/reported_totals.csv:2: operation: found 'Operation 2024-02-03', expected an operation label "
        "that incidents.csv carries (nearest: 'Operation 2024-02-02')"
    ]
    out = io.StringIO()
    assert run_validate(data_dir, out=out) == 2
    assert "reported_totals.csv:2: operation: found 'Operation 2024-02-03'" in out.getvalue()


def test_a_toll_whose_countries_hold_none_of_its_operation_rows_is_refused(data_dir):
    set_cell(data_dir / "reported_totals.csv", 0, "operation", "Operation 2024-02-02")
    set_cell(data_dir / "reported_totals.csv", 0, "countries", "Iraq")
    assert problems(data_dir) == [
        f"{data_dir}/reported_totals.csv:2: operation: found 'Operation 2024-02-02' in Iraq, expected an operation "
        "with incidents in the toll's countries (its rows are in Syria)"
    ]
    set_cell(data_dir / "reported_totals.csv", 0, "countries", "Syria;Iraq")
    assert problems(data_dir) == []


def test_two_spellings_of_one_operation_in_incidents_are_refused(data_dir):
    set_cell(data_dir / "incidents.csv", 0, "operation", "Operation 2024-02-02")
    set_cell(data_dir / "incidents.csv", 1, "operation", "operation 2024 02 02")
    assert problems(data_dir) == [  # the spelling most rows use is kept
        f"{data_dir}/incidents.csv:4: operation: found 'operation 2024 02 02', expected one spelling per operation: "
        "'Operation 2024-02-02' (line 2)"
    ]


def test_the_operation_rules_are_in_the_codebook():
    from analysis.codebook import table_markdown

    assert "one of the `operation` labels of incidents.csv" in table_markdown(schema.REPORTED_TOTALS)
    assert "one spelling per label" in table_markdown(schema.INCIDENTS)
