"""analysis.imports.writer: what an import writes, byte for byte, against the files written before its speed-ups.

Each case imports real fixtures with the CLI (relative paths, so ``import-log.csv`` names the same input file
wherever the tests run) and compares every written file with ``tests/fixtures/formats/golden/<case>/``.
A difference is a change of output: look at it, and if it is meant, say so and write the files anew
(``tests/fixtures/formats/golden/README.md``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.cli import main

ROOT = Path(__file__).resolve().parents[3]
GOLDEN = ROOT / "tests" / "fixtures" / "formats" / "golden"
FORMATS = "tests/fixtures/formats"
ACLED_CURRENT = ["acled", f"{FORMATS}/acled_layout/layout_current.csv"]
UCDP_SAMPLE = ["ucdp", f"{FORMATS}/ucdp/ged_hdx_iraq_sample.csv"]
CASES = {  # case: the imports run one after the other into the same folder
    "acled_current": [ACLED_CURRENT],
    "acled_older": [["acled", f"{FORMATS}/acled_layout/layout_older.csv"]],
    "ucdp_sample": [UCDP_SAMPLE],
    "ucdp_quirks": [["ucdp", f"{FORMATS}/ucdp/ged_hdx_iraq_quirks.csv"]],
    "tracker": [
        [
            "csv",
            f"{FORMATS}/tracker/wikipedia_us_attacks_on_syria.csv",
            "--mapping",
            "examples/wikipedia_us_attacks_on_syria.toml",
        ]
    ],
    "acled_then_ucdp_then_acled_again": [ACLED_CURRENT, UCDP_SAMPLE, ACLED_CURRENT],
    "acled_bad_rows_skipped": [["acled", "bad_rows.csv", "--skip-invalid"]],
}
BAD_CELLS = {  # made at test time from the current-layout fixture: (text, its replacement)
    "WSY20180207,2018-02-07,": "WSY20180207,2018-02-30,",  # no such day
    "34.196632,43.873899": "north,43.873899",  # no latitude
}


def _write_bad_rows(folder: Path) -> None:
    """``bad_rows.csv`` in ``folder``: the current-layout fixture with two rows spoilt (:data:`BAD_CELLS`)."""
    text = (ROOT / ACLED_CURRENT[1]).read_text(encoding="utf-8")
    for good, bad in BAD_CELLS.items():
        assert good in text
        text = text.replace(good, bad)
    (folder / "bad_rows.csv").write_text(text, encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix == ".csv"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_import_writes_the_same_bytes_as_before(case, tmp_path, monkeypatch, capsys):
    out = tmp_path / "data"
    if case == "acled_bad_rows_skipped":  # a file made here, named relatively as the log shows it
        _write_bad_rows(tmp_path)
        monkeypatch.chdir(tmp_path)
    else:
        monkeypatch.chdir(ROOT)
    for fmt, *args in CASES[case]:
        assert main(["import", fmt, *args, "--out", str(out)]) == 0, capsys.readouterr()
    written, expected = _files(out), _files(GOLDEN / case)
    assert sorted(written) == sorted(expected)
    for name, content in expected.items():
        assert written[name] == content, f"{case}/{name} differs from the golden file"
