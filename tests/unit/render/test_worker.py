"""What a worker says about a job: timeouts with their cell and limit, empty selections, error lines."""

import json
from pathlib import Path

import nbformat
from nbclient.exceptions import CellTimeoutError

from analysis.render.jobs import Job
from analysis.render.worker import JobResult, describe_failure, selection_is_empty
from analysis.report_flags import empty_selection_metadata

PREVIEW = "-------------------"


def _executed(path: Path, cells: list, started: int) -> Path:
    """An executed notebook as papermill leaves it: the first ``started`` cells have a start time."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = cells
    for number, cell in enumerate(cells):
        cell.metadata["papermill"] = {"start_time": "2024-01-01T00:00:00" if number < started else None}
    nbformat.write(notebook, str(path))
    return path


def test_a_timeout_names_its_cell_and_its_limit_not_a_row_of_dashes(tmp_path):
    parameters = nbformat.v4.new_code_cell("sleep_s = 1")
    parameters.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell("sleep_s = 9")
    injected.metadata["tags"] = ["injected-parameters"]
    cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        parameters,
        injected,
        nbformat.v4.new_code_cell("\nimport time\ntime.sleep(sleep_s)"),
        nbformat.v4.new_code_cell("print('never')"),
    ]
    notebook = _executed(tmp_path / "slow.ipynb", cells, started=4)
    error = CellTimeoutError(
        f"A cell timed out while it was being executed, after 2 seconds.\nThe message was: Cell execution timed out."
        f"\nHere is a preview of the cell contents:\n{PREVIEW}\nimport time\ntime.sleep(sleep_s)\n{PREVIEW}\n"
    )
    job = Job("slow", notebook, timeout_s=2)
    assert describe_failure(error, job, notebook) == "timed out: cell 3 ('import time') ran longer than timeout_s = 2 s"
    assert describe_failure(error, job, None) == "timed out: a cell ran longer than timeout_s = 2 s"


def test_other_failures_keep_the_last_meaningful_line():
    error = RuntimeError("Kernel died\n-------------------\n")
    assert describe_failure(error, Job("x", Path("x.ipynb")), None) == "RuntimeError: Kernel died"


def test_an_empty_selection_is_read_from_the_executed_notebook(tmp_path):
    cell = nbformat.v4.new_code_cell("report = open_report(...)")
    message = {"text/html": '<div class="report-empty">No incidents match.</div>', "text/plain": "No incidents"}
    cell.outputs = [nbformat.v4.new_output("display_data", data=message, metadata=empty_selection_metadata())]
    empty = _executed(tmp_path / "empty.ipynb", [cell], started=1)
    assert selection_is_empty(empty)
    cell.outputs = [nbformat.v4.new_output("display_data", data=message)]  # the same HTML without the flag
    assert not selection_is_empty(_executed(tmp_path / "unflagged.ipynb", [cell], started=1))
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<h1>3 incidents</h1>"})]
    assert not selection_is_empty(_executed(tmp_path / "full.ipynb", [cell], started=1))
    (tmp_path / "broken.ipynb").write_text("{")
    assert not selection_is_empty(tmp_path / "broken.ipynb")
    assert json.loads((tmp_path / "empty.ipynb").read_text())  # untouched


def test_an_empty_report_reads_empty():
    assert JobResult("weekly", "rendered", empty=True).shown_status == "empty"
    assert JobResult("weekly", "skipped", empty=True).shown_status == "empty"
    assert JobResult("weekly", "failed", empty=True).shown_status == "failed"
