"""Problems and the validation report (analysis.data.problems)."""

from analysis.data.problems import DataValidationError, Problem, ValidationReport, show


def test_problem_prints_file_line_column_found_expected():
    p = Problem("data/incidents.csv", 4, "weapon", show("drones"), "one of rocket, drone")
    assert str(p) == "data/incidents.csv:4: weapon: found 'drones', expected one of rocket, drone"


def test_data_validation_error_is_a_value_error_listing_every_problem():
    found = [Problem("d/a.csv", 2, "x", "'1'", "y"), Problem("d/a.csv", 3, "x", "'2'", "y")]
    err = DataValidationError(found, "d/")
    assert isinstance(err, ValueError) and err.problems == found
    assert str(err) == "2 problems in d/:\nd/a.csv:2: x: found '1', expected y\nd/a.csv:3: x: found '2', expected y"


def test_report_summary_and_lines():
    report = ValidationReport("d/", notes=["a note"])
    report.tables = {"evidence": [1], "incidents": [1, 2]}  # only len() is used
    assert report.ok and report.summary() == "d/ OK: 2 incidents, 1 evidence row"
    report.problems.append(Problem("d/a.csv", 2, "x", "'1'", "y"))
    assert not report.ok
    assert report.lines() == ["d/a.csv:2: x: found '1', expected y", "note: a note", "1 problem in d/"]
