"""analysis.files: atomic writes that never replace a special file, file kinds, data fingerprints."""

import os
import stat
from pathlib import Path

import pytest

from analysis.files import (
    OutputTargetError,
    check_output_target,
    file_kind,
    fingerprint_data_dir,
    sha256_hex,
    write_bytes_atomic,
    write_text_atomic,
)


def test_write_replaces_a_regular_file_atomically(tmp_path):
    path = tmp_path / "out" / "table.csv"
    write_text_atomic(path, "old")
    write_text_atomic(path, "new")
    assert path.read_text() == "new"
    assert sorted(p.name for p in path.parent.iterdir()) == ["table.csv"]


def test_write_refuses_a_fifo_and_leaves_it_a_fifo(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OutputTargetError, match=rf"^{fifo}: found a named pipe \(FIFO\), expected a regular file"):
        write_bytes_atomic(fifo, b"x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.csv"], "no temporary file left"


def test_write_never_follows_nor_replaces_a_symlink(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    link = tmp_path / "out" / "table.csv"
    link.parent.mkdir()
    link.symlink_to(outside)
    with pytest.raises(OutputTargetError, match=f"found a symbolic link to {outside}"):
        write_text_atomic(link, "attack")
    assert link.is_symlink() and outside.read_text() == "keep me"
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere")
    with pytest.raises(OutputTargetError):
        write_text_atomic(dangling, "x")
    assert dangling.is_symlink() and not (tmp_path / "nowhere").exists()


def test_write_refuses_a_directory_and_a_device(tmp_path):
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(OutputTargetError, match="found a directory"):
        write_bytes_atomic(tmp_path / "dir.csv", b"x")
    assert isinstance(OutputTargetError("x"), ValueError)


def test_a_device_is_refused_by_the_check_every_write_makes_first():
    # only the check: a writer without it would replace /dev/null when run as root
    with pytest.raises(OutputTargetError, match="^/dev/null: found a character device"):
        check_output_target(Path("/dev/null"))


def test_file_kind(tmp_path):
    (tmp_path / "f").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "f")
    assert file_kind(tmp_path / "f") == file_kind(tmp_path / "link") == "a regular file"
    assert file_kind(tmp_path / "link", follow_symlinks=False) == "a symbolic link"
    assert file_kind(tmp_path / "f" / "below") is None


def test_sha256_hex():
    assert sha256_hex(b"abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_fingerprint_changes_with_data(data_dir):
    before = fingerprint_data_dir(data_dir)
    assert before == fingerprint_data_dir(data_dir)
    (data_dir / "raw" / "alpha.txt").write_text("edited", encoding="utf-8")
    assert fingerprint_data_dir(data_dir) != before


def test_fingerprint_never_reads_a_raw_file_that_leads_outside_the_data_directory(data_dir, tmp_path):
    before = fingerprint_data_dir(data_dir)
    outside = tmp_path / "outside.txt"
    outside.write_text("private")
    (data_dir / "raw" / "link.txt").symlink_to(outside)
    assert fingerprint_data_dir(data_dir) == before, "the outside file is left out"
    (data_dir / "raw" / "inside.txt").symlink_to(data_dir / "raw" / "alpha.txt")
    assert fingerprint_data_dir(data_dir) != before, "a link that stays inside counts like any raw file"
