"""``make baseline``: re-execute the stored notebooks in place on the bundled data.

Run it after a deliberate change to the data or the analysis code; review the
diff of ``notebooks/*.ipynb`` before committing. nbval then compares every
later run against these stored outputs.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat

from analysis import paths
from analysis.files import write_text_atomic
from analysis.schema import EXIT


def strip_run_metadata(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop timings and papermill bookkeeping so stored notebooks diff cleanly."""
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
    return notebook


def store_executed_notebook(path: Path) -> float:
    """Execute ``path`` with its default parameters and store the result in place; return seconds."""
    import papermill

    started = time.perf_counter()
    tmp = path.with_name(f".{path.stem}.baseline.ipynb")
    try:
        papermill.execute_notebook(str(path), str(tmp), kernel_name="python3", progress_bar=False, cwd=str(path.parent))
        notebook = strip_run_metadata(nbformat.read(str(tmp), as_version=4))
        write_text_atomic(path, nbformat.writes(notebook) + "\n")
    finally:
        tmp.unlink(missing_ok=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    names = argv if argv is not None else sys.argv[1:]
    notebooks = [paths.NOTEBOOKS_DIR / n for n in names] or sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    for notebook in notebooks:
        seconds = store_executed_notebook(notebook)
        print(f"{notebook.relative_to(paths.PROJECT_DIR)}: stored ({seconds:.1f} s)")
    return EXIT["ok"]


if __name__ == "__main__":
    raise SystemExit(main())
