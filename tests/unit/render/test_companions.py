"""The files every render writes next to the reports: cards, copies of the bundled texts, the CSV export."""

from __future__ import annotations

import csv
import os

import pytest

from analysis.data.dataset import load_dataset
from analysis.files import fingerprint_data_dir
from analysis.render import companions
from analysis.render.state import RenderError
from analysis.reporting.cards import NO_QUOTE_TEXT
from analysis.reporting.links import assign_card_pages
from tests.fixtures.build import read_rows, set_cell, write_rows


def _write(out, data_dir, code="code", force=False):
    return companions.write_companions(out, data_dir, fingerprint_data_dir(data_dir), code, force=force)


def test_cards_source_copies_and_export_are_written(tmp_path, data_dir):
    out = tmp_path / "out"
    result = _write(out, data_dir)
    dataset = load_dataset(data_dir)
    pages = set(assign_card_pages(dataset.incidents))
    assert {p.name for p in (out / "cards").glob("*.html")} == pages | {"index.html"}
    assert (out / "cards" / "cards.css").read_text().count("incident-card") >= 1
    for source_id, file in zip(dataset.sources["source_id"], dataset.sources["file"]):
        if isinstance(file, str):
            copy = out / "cards" / "sources" / os.path.basename(file)
            assert copy.read_bytes() == (data_dir / file).read_bytes(), source_id
    with open(out / "export" / "incidents.csv", encoding="utf-8", newline="") as f:
        exported = list(csv.reader(f))
    assert exported[0] == list(dataset.incidents.columns)
    assert [r[0] for r in exported[1:]] == list(dataset.incidents["incident_id"])
    assert result.pages == len(pages) + 1 and not result.skipped and result.refused_sources == []


def test_a_second_call_with_the_same_inputs_writes_nothing(tmp_path, data_dir):
    out = tmp_path / "out"
    _write(out, data_dir)
    page = next((out / "cards").glob("20*.html"))
    before = page.stat().st_mtime_ns
    assert _write(out, data_dir).skipped
    assert not _write(out, data_dir, code="other code").skipped, "a code change writes again"
    assert page.stat().st_mtime_ns == before, "an unchanged page is not rewritten"
    page.unlink()
    assert not _write(out, data_dir, code="other code").skipped, "a missing file writes again"
    assert page.exists()
    assert not _write(out, data_dir, code="other code", force=True).skipped


def test_changed_data_rewrites_the_cards_and_removes_pages_no_longer_written(tmp_path, data_dir):
    out = tmp_path / "out"
    _write(out, data_dir)
    (out / "cards" / "1999-01.html").write_text("old page")
    (out / "cards" / "sources" / "gone.txt").write_text("old copy")
    (out / "cards" / "notes-of-mine.html").write_text("not ours")
    rows = read_rows(data_dir / "incidents.csv")
    column = rows[0].index("notes")
    rows[3][column] = "A new note for the card"
    write_rows(data_dir / "incidents.csv", rows)
    result = _write(out, data_dir)
    assert sorted(result.removed) == ["cards/1999-01.html", "cards/sources/gone.txt"]
    assert (out / "cards" / "notes-of-mine.html").exists(), "a file the cards never write is left alone"
    page = assign_card_pages(load_dataset(data_dir).incidents)[rows[3][0]]
    assert "A new note for the card" in (out / "cards" / page).read_text()


def test_a_raw_file_outside_the_data_folder_stops_the_cards(tmp_path, data_dir):
    """A symlink under raw/ to a file elsewhere is a validation problem: no card page, no copy is written."""
    outside = tmp_path / "secret.txt"
    outside.write_bytes((data_dir / "raw" / "alpha.txt").read_bytes())
    (data_dir / "raw" / "alpha.txt").unlink()
    (data_dir / "raw" / "alpha.txt").symlink_to(outside)
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="outside the data directory"):
        _write(out, data_dir)
    assert not (out / "cards").exists() or not any((out / "cards").rglob("*"))


@pytest.mark.parametrize("file", ["../outside.txt", "/etc/passwd", "raw", "", "raw/../../x"])
def test_paths_that_leave_the_data_folder_or_name_no_file_are_refused(data_dir, file):
    assert companions.resolve_raw_file(data_dir, file) is None


def test_a_file_where_the_cards_folder_goes_stops_with_a_clear_message(tmp_path, data_dir):
    out = tmp_path / "out"
    out.mkdir()
    (out / "cards").write_text("a file")
    with pytest.raises(RenderError, match=r"cards: found a regular file, expected a directory"):
        _write(out, data_dir)


def test_a_symlink_where_a_card_page_goes_is_refused_and_left_alone(tmp_path, data_dir):
    out = tmp_path / "out"
    target = tmp_path / "elsewhere.html"
    target.write_text("keep me")
    (out / "cards").mkdir(parents=True)
    (out / "cards" / "2024-07.html").symlink_to(target)
    with pytest.raises(RenderError, match="symbolic link"):
        _write(out, data_dir)
    assert target.read_text() == "keep me"


def test_the_fixture_incident_without_evidence_says_so(tmp_path, data_dir):
    out = tmp_path / "out"
    _write(out, data_dir)
    page = (out / "cards" / "2024-02.html").read_text()
    assert 'id="SYR-2024-02-02-MAYADIN"' in page and NO_QUOTE_TEXT in page


def test_downloads_are_formula_safe_and_the_zip_is_a_data_directory_that_validates(tmp_path, data_dir):
    import zipfile

    set_cell(data_dir / "sources.csv", 0, "headline", "=HYPERLINK(1)")
    out = tmp_path / "out"
    _write(out, data_dir)
    with open(out / "export" / "sources.csv", encoding="utf-8", newline="") as f:
        sources = list(csv.DictReader(f))
    assert sources[0]["headline"] == "'=HYPERLINK(1)" and "source_type" in sources[0]
    with open(out / "export" / "evidence.csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.reader(f))) == len(load_dataset(data_dir).evidence) + 1
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(out / "export" / "data.zip").extractall(unpacked)
    again = load_dataset(unpacked / "data")  # raises when the copy does not validate
    assert again.incidents["incident_id"].tolist() == load_dataset(data_dir).incidents["incident_id"].tolist()
    assert (unpacked / "data" / "sources.csv").read_bytes() == (data_dir / "sources.csv").read_bytes()
    first = (out / "export" / "data.zip").read_bytes()
    _write(out, data_dir, force=True)
    assert (out / "export" / "data.zip").read_bytes() == first, "the zip is the same bytes for the same data"


def test_the_methodology_page_and_a_highlighted_page_per_bundled_text_are_written(tmp_path, data_dir):
    out = tmp_path / "out"
    _write(out, data_dir)
    page = (out / "methodology.html").read_text(encoding="utf-8")
    assert "Source grading" in page and 'href="export/data.zip"' in page
    assert "this data directory has none" in page, "the fixture has no codebook: the project's is used, and said"
    dataset = load_dataset(data_dir)
    for file in dataset.sources["file"].dropna():
        html_page = out / "cards" / "sources" / (os.path.basename(file)[:-4] + ".html")
        text = html_page.read_text(encoding="utf-8")
        assert "<mark" in text and 'class="incident-link" href="../20' in text, html_page.name
        assert "quotes not found" not in text.lower()


def test_the_export_has_a_readme_that_resolves_every_source_id_and_names_every_column(tmp_path, data_dir):
    from analysis import schema

    out = tmp_path / "out"
    _write(out, data_dir)
    readme = (out / "export" / "README.txt").read_text(encoding="utf-8")
    dataset = load_dataset(data_dir)
    first, last = dataset.incidents["event_date"].min(), dataset.incidents["event_date"].max()
    assert f"dated {first:%Y-%m-%d} to {last:%Y-%m-%d}" in readme
    assert "no claim to list every incident" in readme  # the fixture has no coverage.csv
    assert "MIT licence" in readme and "sources.csv" in readme and "evidence.csv" in readme
    text = " ".join(readme.split())  # lines are wrapped
    for table in (schema.INCIDENTS, schema.SOURCES, schema.EVIDENCE):
        for col in table.columns:
            assert f"{col.name} ({col.kind}, " in text, col.name
    with open(out / "export" / "sources.csv", encoding="utf-8", newline="") as f:
        listed = {row["source_id"] for row in csv.DictReader(f)}
    cited = {i.strip() for ids in dataset.incidents["source_ids"] for i in str(ids).split(";")}
    assert cited <= listed  # a reader of the folder alone finds every source id


def test_the_bundled_export_readme_gives_the_operation_toll_and_the_stated_zero():
    from analysis.reporting.export_readme import build_export_readme

    text = " ".join(build_export_readme(load_dataset()).split())
    assert "Operation toll RT-S001-FEB-SYRIA-KILLED: others killed at least 18" in text
    assert "SYR-20240203-ABUKAMAL, SYR-20240203-DEIREZZOR, SYR-20240203-MAYADIN" in text
    assert "S003 states there were no attacks on US forces from 2024-02-01 to 2024-04-20" in text
