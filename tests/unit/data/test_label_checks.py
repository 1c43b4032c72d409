"""Labels that tie rows together (analysis.data.label_checks): one spelling per operation."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys

from analysis import paths, schema
from analysis.data.label_checks import ONE_SPELLING_RULE
from analysis.data.validate import validate_data_dir
from tests.fixtures.build import set_cell

TOWER_22 = "US retaliatory strikes for Tower 22 (Feb 2024)"


def _operation_rows(path, label: str) -> list[tuple[int, int]]:
    """``(row index, line)`` of each incident carrying ``label``, lines as the csv module counts them."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return [(i, reader.line_num) for i, row in enumerate(reader) if row["operation"] == label]


def test_a_label_differing_only_by_a_plural_s_is_refused_naming_file_row_column_and_the_kept_spelling(tmp_path):
    """The bundled data's Tower 22 strikes with one row written 'strike': it validated before."""
    data = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, data)
    rows = _operation_rows(data / "incidents.csv", TOWER_22)
    assert len(rows) > 2, "the bundled data has the operation on several rows"
    (first_row, first_line), (odd_row, odd_line) = rows[0], rows[-1]
    misspelt = TOWER_22.replace("strikes", "strike")
    set_cell(data / "incidents.csv", odd_row, "operation", misspelt)

    run = subprocess.run(
        [sys.executable, "-m", "analysis", "validate", str(data)], capture_output=True, text=True, cwd=paths.PROJECT_DIR
    )
    assert run.returncode == schema.EXIT["bad_input"] == 2
    expected = (
        f"{data}/incidents.csv:{odd_line}: operation: found '{misspelt}', "
        f"expected one spelling per operation: '{TOWER_22}' (line {first_line})"
    )
    assert run.stdout.splitlines() == [expected, f"1 problem in {data}/"]
    assert first_row != odd_row


def test_names_with_a_capital_keep_their_s_and_other_words_stay_apart(data_dir):
    for row, label in enumerate(("US strikes on Hama", "US strikes on Hamas", "Archer 1")):
        set_cell(data_dir / "incidents.csv", row, "operation", label)
    assert [p for p in validate_data_dir(data_dir).problems if p.column == "operation"] == []


def test_attacks_and_attack_are_one_label_whichever_comes_first(data_dir):
    set_cell(data_dir / "incidents.csv", 0, "operation", "drone attack wave")
    set_cell(data_dir / "incidents.csv", 1, "operation", "Drone attacks wave")
    found = [str(p) for p in validate_data_dir(data_dir).problems if p.column == "operation"]
    assert found == [
        f"{data_dir}/incidents.csv:4: operation: found 'Drone attacks wave', "
        "expected one spelling per operation: 'drone attack wave' (line 2)"
    ]


def test_the_codebook_states_the_rule_the_check_applies():
    from analysis.codebook import table_markdown

    assert "strike/strikes" in ONE_SPELLING_RULE
    assert ONE_SPELLING_RULE in table_markdown(schema.INCIDENTS)
    assert ONE_SPELLING_RULE in (paths.DATA_DIR / "CODEBOOK.md").read_text(encoding="utf-8")
