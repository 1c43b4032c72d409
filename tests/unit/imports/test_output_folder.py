"""analysis.imports.output_folder: the writer in a hostile filesystem (every case built at test time)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.output_folder import hold_import_lock

CURRENT = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "acled_layout" / "layout_current.csv"
GED = CURRENT.parents[1] / "ucdp" / "ged_hdx_iraq_sample.csv"


def _import(path: Path, out: Path) -> int:
    return main(["import", "acled" if path == CURRENT else "ucdp", str(path), "--out", str(out)])


def test_a_second_import_into_the_same_folder_exits_3_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "d"
    assert _import(CURRENT, out) == 0
    before = sorted(p.name for p in out.iterdir())
    with hold_import_lock(out):  # another import is running
        assert _import(GED, out) == 3
    assert (
        f"{out}: being written by pid {os.getpid()} (incidents import), which holds its lock" in capsys.readouterr().err
    )
    assert sorted(p.name for p in out.iterdir()) == before
    assert len(load_dataset(out).incidents) == 4
    assert _import(GED, out) == 0, "the lock is gone with the import that held it"
    assert not list(tmp_path.glob(".d.import*"))


def test_a_symlink_loop_inside_the_data_directory_is_kept_as_a_link_not_followed(tmp_path):
    out = tmp_path / "d"
    assert _import(CURRENT, out) == 0
    (out / "up").symlink_to("..")  # a loop: following it copies the tree into itself
    assert _import(GED, out) == 0
    assert (out / "up").is_symlink() and os.readlink(out / "up") == ".."
    assert len(load_dataset(out).incidents) == 16


def test_a_fifo_inside_the_data_directory_is_refused_not_opened(tmp_path, capsys):
    out = tmp_path / "d"
    assert _import(CURRENT, out) == 0
    os.mkfifo(out / "pipe")
    assert _import(GED, out) == 2
    assert f"{out / 'pipe'}: found something other than a file, a folder or a link" in capsys.readouterr().err


def test_a_symlinked_out_updates_its_target_and_stays_a_link(tmp_path):
    real, link = tmp_path / "real", tmp_path / "link"
    assert _import(CURRENT, real) == 0
    link.symlink_to(real)
    assert _import(GED, link) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert len(load_dataset(real).incidents) == 16


def test_an_interrupted_swap_is_repaired_and_stale_copies_are_removed(tmp_path, capsys):
    out = tmp_path / "d"
    assert _import(CURRENT, out) == 0
    out.rename(tmp_path / ".d.old-x1")  # killed between the two renames of a swap: --out missing
    (tmp_path / ".d.import-x2").mkdir()  # a copy left by kill -9
    assert _import(GED, out) == 0
    printed = capsys.readouterr().out
    assert f"{out}: put back from .d.old-x1, set aside by an interrupted import" in printed
    assert "removed 1 temporary copies left by an interrupted import" in printed
    assert len(load_dataset(out).incidents) == 16, "the data set aside was put back, then updated"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def test_the_new_folder_has_the_users_umask(tmp_path):
    old = os.umask(0o022)
    try:
        assert _import(CURRENT, tmp_path / "d") == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "d").stat().st_mode) == 0o755


def test_the_current_folder_as_out_is_refused(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert _import(CURRENT, Path(".")) == 2
    assert "found the current folder (or one that holds it)" in capsys.readouterr().err


def test_an_out_below_a_file_is_exit_2_naming_the_path(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert _import(CURRENT, tmp_path / "file" / "d") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{tmp_path / 'file'}" in err[0]


@pytest.mark.skipif(not Path("/sys/class").is_dir(), reason="needs Linux sysfs (a folder nobody may write)")
def test_a_folder_the_machine_refuses_to_write_is_exit_74_in_one_line(capsys):
    code = _import(CURRENT, Path("/sys/incidents-import-test"))
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 74 and len(err) == 1 and "/sys" in err[0] and "cannot" in err[0]
