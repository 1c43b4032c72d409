"""The four commands end to end through the real CLI: add-source, extract, review, merge."""

import csv
import shutil

import pytest

from analysis import paths
from analysis.cli import main
from analysis.data.validate import validate_data_dir

SEED = next((paths.DATA_DIR / "raw" / "articles").glob("003_*.txt"))


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def bundled(tmp_path):
    """A writable copy of the bundled data."""
    return shutil.copytree(paths.DATA_DIR, tmp_path / "data")


def test_extract_writes_a_candidate_directory_that_validates(tmp_path, capsys):
    out = tmp_path / "cand"
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes() + b"\nWire copy.\n")  # not the bundled file: a new source
    assert main(["extract", str(article), "--published", "2024-04-22", "--out", str(out)]) == 0
    assert validate_data_dir(out).ok
    text = article.read_text(encoding="utf-8")
    offsets = _rows(out / "extraction.csv")
    evidence = _rows(out / "evidence.csv")
    assert len(offsets) == len(evidence) > 0
    for ev, at in zip(evidence, offsets):
        assert ev["quote"] == text[int(at["quote_start"]) : int(at["quote_end"])]
    (source,) = _rows(out / "sources.csv")
    assert (out / source["file"]).read_bytes() == article.read_bytes()
    assert source["source_id"] == "S005"  # the next id of the bundled data, which holds S000-S004
    assert {r["reason"] for r in _rows(out / "decided_against.csv")} >= {"no date"}
    assert "candidate SYR-20240421-RUMALAN-2:" in capsys.readouterr().out  # the bundled data holds the plain id


def test_extract_a_held_source_by_id_or_by_checksum_keeps_its_id(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    for article, published in (("S003", []), (str(copy), ["--published", "2024-04-22"])):
        out = tmp_path / article.replace("/", "_")
        assert main(["extract", article, *published, "--out", str(out)]) == 0
        assert {r["source_ids"] for r in _rows(out / "incidents.csv")} == {"S003"}
        ids = {r["incident_id"] for r in _rows(out / "incidents.csv")}
        assert not ids & {r["incident_id"] for r in _rows(paths.DATA_DIR / "incidents.csv")}


@pytest.mark.parametrize(
    ("content", "published", "message"),
    [
        (b"", "2024-04-22", "found an empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "2024-04-22", "a binary file"),
        (b"Rockets \xff hit", "2024-04-22", "which is not UTF-8"),
        (SEED.read_bytes(), "22/04/2024", "expected a date YYYY-MM-DD"),
        (SEED.read_bytes(), "2999-01-01", "a day in the future"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, content, published, message):
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    out = tmp_path / "cand"
    assert main(["extract", str(article), "--published", published, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_an_article_with_no_event_gives_an_empty_directory_and_the_reason(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("The ministers met in Baghdad on Monday.\nIran could attack if talks fail.\n")
    out = tmp_path / "cand"
    assert main(["extract", str(article), "--published", "2024-04-22", "--out", str(out)]) == 0
    assert _rows(out / "incidents.csv") == []
    assert [p.found for p in validate_data_dir(out).problems] == ["no incidents"]  # and nothing else wrong
    assert "no candidate incident in S005: a threat" in capsys.readouterr().out
    assert main(["merge", str(out), "--into", str(tmp_path / "never")]) == 0
    assert "holds no candidate incident; nothing merged" in capsys.readouterr().out
    assert not (tmp_path / "never").exists()


def test_add_source_copies_the_text_unchanged_and_refuses_it_twice(bundled, tmp_path, capsys):
    article = tmp_path / "new.txt"
    article.write_bytes("Drones hit Tower 22 on Sunday, killing three US soldiers.\r\n\u00a0".encode())
    argv = ["add-source", str(article), "--outlet", "Test Wire", "--published", "2024-01-29", "--data", str(bundled)]
    assert main([*argv, "--url", "https://example.org/a"]) == 0
    row = _rows(bundled / "sources.csv")[-1]
    assert (row["source_id"], row["outlet"], row["url"]) == ("S005", "Test Wire", "https://example.org/a")
    assert (bundled / row["file"]).read_bytes() == article.read_bytes()
    assert validate_data_dir(bundled).ok
    capsys.readouterr()
    assert main(argv) == 2
    assert "already held as source S005" in capsys.readouterr().err
    held = next((paths.DATA_DIR / "raw" / "articles").glob("000_*.txt"))
    assert main(["add-source", str(held), "--outlet", "x", "--published", "2024-07-26", "--data", str(bundled)]) == 2
    assert "already held as source S000" in capsys.readouterr().err


def test_merge_adds_new_events_and_merges_the_ones_held(bundled, tmp_path, capsys):
    article = tmp_path / "second.txt"
    article.write_text(
        "Rockets hit Ain al-Asad air base late on Monday, injuring three US personnel.\n"
        "A drone struck the Tower 22 outpost housing US troops on Tuesday.\n"
    )
    assert (
        main(["add-source", str(article), "--outlet", "Wire", "--published", "2024-08-06", "--data", str(bundled)]) == 0
    )
    cand = tmp_path / "cand"
    assert main(["extract", "S005", "--out", str(cand), "--data", str(bundled)]) == 0
    before = _rows(bundled / "incidents.csv")
    capsys.readouterr()
    assert main(["merge", str(cand), "--into", str(bundled)]) == 0
    printed = capsys.readouterr().out
    assert "merged IRQ-20240805-AINALASAD into IRQ-20240805-ASAD" in printed
    assert "added JOR-20240806-TOWER22" in printed
    after = {r["incident_id"]: r for r in _rows(bundled / "incidents.csv")}
    assert len(after) == len(before) + 1
    asad = after["IRQ-20240805-ASAD"]
    assert asad["source_ids"] == "S002;S005"
    assert (asad["us_injured_min"], asad["us_injured_best"], asad["us_injured_max"]) == ("2", "", "3")
    assert "incidents merge: candidate IRQ-20240805-AINALASAD merged" in asad["notes"]
    quotes = [e for e in _rows(bundled / "evidence.csv") if e["source_id"] == "S005"]
    assert {e["incident_id"] for e in quotes} == {"IRQ-20240805-ASAD", "JOR-20240806-TOWER22"}
    assert validate_data_dir(bundled).ok
    assert main(["merge", str(cand), "--into", str(bundled)]) == 0  # again: nothing duplicated
    assert len(_rows(bundled / "incidents.csv")) == len(before) + 1


def test_merge_only_unknown_id_is_refused(tmp_path, bundled, capsys):
    cand = tmp_path / "cand"
    assert main(["extract", "S000", "--out", str(cand)]) == 0
    assert main(["merge", str(cand), "--into", str(bundled), "--only", "NOPE"]) == 2
    assert "--only: found NOPE, expected ids of" in capsys.readouterr().err


def _review_page(tmp_path, text: str) -> str:
    """The review page of the candidates extracted from ``text`` (published 2024-08-06)."""
    article = tmp_path / "a.txt"
    article.write_text(text)
    cand = tmp_path / "cand"
    assert main(["extract", str(article), "--published", "2024-08-06", "--out", str(cand)]) == 0
    assert main(["review", str(cand)]) == 0
    return (cand / "review.html").read_text(encoding="utf-8")


def test_review_page_highlights_quotes_and_escapes_text(tmp_path):
    page = _review_page(
        tmp_path, "<script>alert(1)</script> Rockets hit Ain al-Asad air base housing US troops on Monday.\n"
    )
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark id='q1'" in page and "href='#q1'" in page
    assert "confidence" in page and "rules fired" in page
    assert "http" not in page.replace("https://", "")  # nothing fetched from a network


def test_the_four_commands_have_help(capsys):
    for command in ("add-source", "extract", "review", "merge"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        assert f"usage: incidents {command}" in capsys.readouterr().out


def test_review_page_says_a_field_its_quote_leaves_empty_is_not_filled(tmp_path):
    """A row placed at its province only: the location's quote is shown, but the field reads "not filled"."""
    page = _review_page(tmp_path, "Rockets hit a base housing US troops in the province of Kirkuk on Monday.\n")
    location = next(row for row in page.split("<tr") if "<th>location</th>" in row)
    assert "empty (no sentence supports it)" in location and "not filled: the <a href='#q" in location
