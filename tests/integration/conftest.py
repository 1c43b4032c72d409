"""Small real notebooks and a jobs file in a temporary project, for renderer tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

import nbformat
import pytest

PARAMETERS = """\
data_dir: str = ""  # data directory
title: str = "Tiny report"  # report title
start: str = ""  # first day, YYYY-MM-DD
fail: bool = False  # raise on purpose
sleep_s: float = 0.0  # seconds to sleep in the work cell
"""

WORK = """\
import time
import plotly.graph_objects as go
from analysis.reporting.charts import show_figure
from analysis.data.dataset import load_incidents
time.sleep(sleep_s)
if fail:
    raise ValueError("failing on purpose")
incidents = load_incidents(data_dir or None)
print(f"{len(incidents)} incidents")
show_figure(go.Figure(go.Bar(x=["a", "b"], y=[1, len(incidents)])), "tiny")
"""


def write_notebook(path: Path, parameters: str = PARAMETERS, work: str = WORK) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(parameters)
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(work)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


@pytest.fixture
def tiny_project(tmp_path):
    """A project folder with notebooks/tiny.ipynb and a reports.toml of two jobs."""
    write_notebook(tmp_path / "notebooks" / "tiny.ipynb")
    (tmp_path / "reports.toml").write_text(
        textwrap.dedent("""\
        [[job]]
        name = "good"
        notebook = "tiny.ipynb"
        parameters = { title = "Good report" }

        [[job]]
        name = "bad"
        notebook = "tiny.ipynb"
        parameters = { title = "Bad report", fail = true }
    """)
    )
    return tmp_path
