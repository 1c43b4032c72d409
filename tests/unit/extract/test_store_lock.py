"""analysis.extract.store: every writer takes the data directory's one lock; a symlinked data directory is
updated through its link, under its target's lock."""

from __future__ import annotations

import os
from pathlib import Path

from analysis.cli import main
from analysis.data.dataset import load_dataset
from tests.fixtures.lock_holder import hold_in_another_process

ROOT = Path(__file__).resolve().parents[3]
GED = ROOT / "tests" / "fixtures" / "formats" / "ucdp" / "ged_hdx_iraq_sample.csv"
ARTICLE = ROOT / "benchmarks" / "extraction" / "articles" / "a01_antiwar_2024-08-05.txt"


def _folder_and_candidates(tmp_path: Path) -> tuple[Path, Path, Path]:
    real, link, candidates = tmp_path / "real", tmp_path / "link", tmp_path / "candidates"
    assert main(["import", "ucdp", str(GED), "--out", str(real)]) == 0
    link.symlink_to(real)
    assert main(["extract", str(ARTICLE), "--published", "2024-08-05", "--out", str(candidates)]) == 0
    return real, link, candidates


def test_a_merge_into_a_symlinked_folder_updates_its_target_and_the_link_stays(tmp_path):
    real, link, candidates = _folder_and_candidates(tmp_path)
    assert main(["merge", str(candidates), "--into", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(load_dataset(real).incidents) == 12 + 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["candidates", "link", "real"], "nothing left beside"


def test_a_merge_through_a_link_waits_on_the_lock_of_its_target(tmp_path, capsys):
    real, link, candidates = _folder_and_candidates(tmp_path)
    capsys.readouterr()
    with hold_in_another_process(real) as pid:
        assert main(["merge", str(candidates), "--into", str(link)]) == 3
    assert f"{real}: being written by pid {pid} (incidents import), which holds its lock" in capsys.readouterr().err
    assert len(load_dataset(real).incidents) == 12


def test_add_source_and_extract_are_refused_while_another_command_writes(tmp_path, capsys):
    real, _, candidates = _folder_and_candidates(tmp_path)
    before = {p: p.read_bytes() for folder in (real, candidates) for p in folder.rglob("*") if p.is_file()}
    capsys.readouterr()
    with hold_in_another_process(real, doing="incidents merge") as pid:
        added = main(["add-source", str(ARTICLE), "--outlet", "A", "--published", "2024-08-05", "--data", str(real)])
    assert added == 3
    assert f"{real}: being written by pid {pid} (incidents merge)" in capsys.readouterr().err
    with hold_in_another_process(candidates, doing="incidents merge") as pid:
        extracted = main(["extract", str(ARTICLE), "--published", "2024-08-05", "--out", str(candidates)])
    assert extracted == 3
    assert f"{candidates}: being written by pid {pid} (incidents merge)" in capsys.readouterr().err
    assert {p: p.read_bytes() for folder in (real, candidates) for p in folder.rglob("*") if p.is_file()} == before
