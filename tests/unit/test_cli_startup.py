"""The command line's processes skip jsonschema's IRI grammars (about 2.4 s of CPU per render process)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from analysis import paths

SCRIPT = textwrap.dedent(
    """
    import sys
    from analysis.cli import main
    assert main(["validate", "data"]) == 0
    import nbformat, papermill  # what a render and its workers import
    nbformat.validate(nbformat.read("notebooks/overview.ipynb", as_version=4))  # notebooks still validate
    print("lark" in sys.modules, "rfc3987_syntax" in sys.modules and sys.modules["rfc3987_syntax"] is not None)
    """
)


def test_a_command_line_process_validates_notebooks_without_compiling_iri_grammars():
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=paths.PROJECT_DIR, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-2:] == ["False", "False"], done.stdout
