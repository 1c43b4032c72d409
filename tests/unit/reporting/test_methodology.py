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


def test_the_downloads_link_the_export_readme_and_say_what_it_is():
    page = _page()
    downloads = page[page.index('id="downloads"') :]
    readme = f"{paths.EXPORT_DIRNAME}/{paths.EXPORT_README_FILENAME}"
    assert f'<li><a href="{readme}">{readme}</a>: read this first' in downloads
    assert "what every column of the three CSV files means" in downloads and "the licence" in downloads


def test_every_download_the_page_links_is_written_beside_it(tmp_path, data_dir):
    from analysis.files import fingerprint_data_dir
    from analysis.render.companions import write_companions

    out = tmp_path / "out"
    write_companions(out, data_dir, fingerprint_data_dir(data_dir), "code")
    page = (out / "methodology.html").read_text(encoding="utf-8")
    downloads = re.findall(r'href="([^"]+)"', page[page.index('id="downloads"') :])
    assert f"{paths.EXPORT_DIRNAME}/{paths.EXPORT_README_FILENAME}" in downloads
    assert [h for h in downloads if h.startswith(paths.EXPORT_DIRNAME) and not (out / h).is_file()] == []
