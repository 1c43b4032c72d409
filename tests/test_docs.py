"""README.md stays true: the two commands, the generated figures, the picture."""

import re

from analysis import paths, schema
from analysis.codebook import check_codebook, readme_blocks
from analysis.data.dataset import load_dataset

README = paths.PROJECT_DIR / "README.md"


def test_readme_figures_and_exit_codes_match_the_data_and_the_schema():
    assert check_codebook(README, readme_blocks(load_dataset())) == []


def test_readme_exit_code_table_lists_every_code_of_the_schema():
    text = README.read_text(encoding="utf-8")
    block = text[text.index("<!-- BEGIN GENERATED: exit_codes -->") : text.index("<!-- END GENERATED: exit_codes -->")]
    codes = [int(c) for c in re.findall(r"^\| (\d+) \|", block, flags=re.M)]
    assert codes == [e.code for e in schema.EXIT_CODES]


def test_readme_starts_with_the_two_commands_and_shows_the_report_picture():
    text = README.read_text(encoding="utf-8")
    top = text[: text.index("## ")]
    assert "make reports" in top and "make test" in top
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (paths.PROJECT_DIR / image).is_file(), image
    assert "docs/overview.png" in text
