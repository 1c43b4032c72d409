"""analysis.imports.registry: the command line lists and runs every importer of formats/, and only those."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis import cli
from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports import formats
from analysis.imports.registry import find_importer, list_importers

FORMATS_DIR = Path(formats.__file__).parent
CURRENT = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "acled_layout" / "layout_current.csv"

# A format added as one new module (written at test time into a folder added to the package's path):
# it re-reads the rows of the ACLED importer under its own name, through the contract only.
EXTRA_FORMAT = """
from analysis.imports.contract import Importer, Option
from analysis.imports.registry import find_importer


def _run(path, options):
    imported = find_importer("acled").run(path, {})
    imported.kind = "echo" + ("!" if options.get("loud") else "")
    return imported


IMPORTER = Importer(name="echo", help="read an ACLED file as a new format would", run=_run,
                    options=(Option("--loud", "shout", switch=True),))
"""


def test_every_format_module_is_one_importer_and_none_imports_another():
    modules = sorted(p.stem for p in FORMATS_DIR.glob("*.py") if p.stem != "__init__")
    assert len(list_importers()) == len(modules) == 3
    for path in FORMATS_DIR.glob("*.py"):
        imported = {node.module for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m and m.startswith("analysis.imports.formats")}, path.name


def test_the_command_line_holds_no_list_of_formats():
    source = Path(cli.__file__).read_text()
    for importer in list_importers():
        assert f'"{importer.name}"' not in source, f"cli.py names the format {importer.name}"


def test_import_help_lists_every_importer_with_its_one_line_help(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for importer in list_importers():
        assert f"{importer.name} {importer.help}" in out


def test_a_new_format_module_is_listed_and_dispatched_to_itself(tmp_path, monkeypatch, capsys):
    extra = tmp_path / "plugins"
    extra.mkdir()
    (extra / "echo.py").write_text(EXTRA_FORMAT)
    monkeypatch.setattr(formats, "__path__", [*formats.__path__, str(extra)])
    assert find_importer("echo").help == "read an ACLED file as a new format would"
    assert main(["import", "echo", str(CURRENT), "--out", str(tmp_path / "d"), "--loud"]) == 0
    assert f"{CURRENT}: echo!" in capsys.readouterr().out
    assert len(load_dataset(tmp_path / "d").incidents) == 4


def test_an_unknown_format_is_refused_not_run_by_another_importer(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["import", "gdelt", str(CURRENT), "--out", str(tmp_path / "d")])
    assert exit_.value.code == 2
    assert "invalid choice: 'gdelt'" in capsys.readouterr().err
    with pytest.raises(KeyError, match="expected one of acled, csv, ucdp"):
        find_importer("gdelt")
    assert not (tmp_path / "d").exists()


def test_other_commands_do_not_load_the_importers():
    import subprocess
    import sys

    code = "import sys; from analysis.cli import _build_parser; _build_parser(False); print('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
