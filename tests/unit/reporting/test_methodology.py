"""The methodology page: the codebook's coding rules, the schema's vocabularies, the data's limits, the downloads."""

from __future__ import annotations

import re

from analysis import paths, schema
from analysis.data.dataset import load_dataset
from analysis.reporting import methodology
from analysis.reporting.tables import build_figures_markdown

CODEBOOK = (paths.DATA_DIR / "CODEBOOK.md").read_text(encoding="utf-8")


def _page(codebook: str = CODEBOOK, own: bool = True) -> str:
    dataset = load_dataset()
    return methodology.build_methodology_html(dataset, codebook, build_figures_markdown(dataset), "foot", own)


def test_every_rule_section_of_the_bundled_codebook_is_on_the_page():
    page = _page()
    sections = methodology.split_markdown_sections(CODEBOOK)
    for title in methodology.CODEBOOK_SECTIONS:
        assert title in sections, f"the codebook lost its section {title!r}"
        assert f'<section id="{methodology._slug(title)}"><h2>' in page
    assert "ungraded" in page and "claim by an armed group" in page  # the schema's vocabularies
    assert "at least two independent reports" in page  # the codebook's grading rule


def test_the_limits_count_the_incidents_by_grade_from_the_data():
    dataset = load_dataset()
    counts = methodology.count_incidents_by_grade(dataset.incidents, dataset.sources)
    assert list(counts) == list(schema.GRADES) and sum(counts.values()) == len(dataset.incidents)
    page = _page()
    for grade, n in counts.items():
        assert f"<li>{grade}: {n:,}</li>" in page


def test_downloads_are_linked_and_the_codebook_cannot_inject_html():
    page = _page(CODEBOOK + "\n### Source grading\n<script>alert(1)</script>\n")
    assert "<script>" not in page and "&lt;script&gt;" in page
    hrefs = re.findall(r'href="([^"]+)"', page)
    assert {h for h, _ in methodology.DOWNLOADS} <= set(hrefs)
    assert 'id="downloads"' in page and "cards/cards.css" in hrefs


def test_a_data_directory_without_a_codebook_is_told_whose_rules_it_reads():
    assert "this data directory has none" in _page(own=False)
    assert "this data directory has none" not in _page(own=True)
