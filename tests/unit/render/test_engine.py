"""The renderer's papermill engine: the executed notebook is not rewritten at every cell, and is whole at the end."""

import json
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.render import engine
from analysis.render.engine import register_engine

# the second cell looks at the executed notebook on disk while the cells run
READ_BACK = """\
import json, pathlib
on_disk = json.loads(pathlib.Path(executed).read_text())
print("first output on disk:", any("".join(o.get("text", "")) == "first\\n" for c in on_disk["cells"] for o in c.get("outputs", [])))
"""


def _notebook(path: Path, *sources: str) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.cells[0].metadata["tags"] = ["parameters"]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, str(path))
    return path


def _outputs(path: Path) -> list[str]:
    cells = json.loads(path.read_text())["cells"]
    return ["".join(o.get("text", "")) for c in cells for o in c.get("outputs", []) if o.get("name") == "stdout"]


@pytest.mark.parametrize(("save_every_s", "seen"), [(3600.0, False), (0.0, True)])
def test_the_executed_notebook_is_rewritten_at_most_every_save_every_s_and_is_whole_at_the_end(
    tmp_path, monkeypatch, save_every_s, seen
):
    monkeypatch.setattr(engine, "SAVE_EVERY_S", save_every_s)  # no timing: never, or at every cell
    source = _notebook(tmp_path / "in.ipynb", 'executed = ""', 'print("first")', READ_BACK, 'print("last")')
    executed = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(source),
        str(executed),
        parameters={"executed": str(executed)},
        progress_bar=False,
        engine_name=register_engine(),
    )
    # papermill's own engine writes the notebook when each cell ends: the third cell would always see "first"
    assert _outputs(executed) == ["first\n", f"first output on disk: {seen}\n", "last\n"]


def test_a_failing_notebook_is_saved_with_its_error(tmp_path):
    source = _notebook(tmp_path / "in.ipynb", "x = 1", 'print("before")', 'raise ValueError("failing on purpose")')
    executed = tmp_path / "out.ipynb"
    with pytest.raises(papermill.PapermillExecutionError):
        papermill.execute_notebook(str(source), str(executed), progress_bar=False, engine_name=register_engine())
    assert _outputs(executed) == ["before\n"]
    assert "failing on purpose" in executed.read_text()
