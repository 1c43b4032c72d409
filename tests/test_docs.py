"""README.md stays true: the two commands, the generated figures, the picture."""

import re

from analysis import paths
from analysis.codebook import check_codebook
from analysis.data.load import load_dataset
from analysis.reporting.tables import build_figures_markdown

README = paths.PROJECT_DIR / "README.md"


def test_readme_figures_match_the_bundled_data():
    assert check_codebook(README, {"figures": build_figures_markdown(load_dataset())}) == []


def test_readme_starts_with_the_two_commands_and_shows_the_report_picture():
    text = README.read_text(encoding="utf-8")
    top = text[: text.index("## ")]
    assert "make reports" in top and "make test" in top
    for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert (paths.PROJECT_DIR / image).is_file(), image
    assert "docs/overview.png" in text
