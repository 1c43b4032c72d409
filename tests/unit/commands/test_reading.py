"""A command that reads a data directory holds its lock shared (analysis.commands.reading)."""

from __future__ import annotations

from analysis.commands.reading import run_reading
from analysis.files import hold_data_lock
from analysis.schema import EXIT


def test_a_reader_finding_a_writer_does_not_run_and_exits_locked(tmp_path, caplog):
    folder = tmp_path / "d"
    folder.mkdir()
    ran = []
    with hold_data_lock(folder, doing="incidents merge"):
        code = run_reading([folder], 0, "nothing was read", lambda: ran.append(1) or EXIT["ok"])
    assert code == EXIT["locked"] and not ran
    assert f"error: {folder}: being written by pid" in caplog.text
    assert "which holds its lock (.d.lock beside it); waited 0 s; nothing was read" in caplog.text


def test_the_folder_a_command_writes_is_not_locked_again_for_its_read(tmp_path):
    """``merge DIR --into DIR``: merge's own exclusive lock covers the read; a shared one would refuse itself."""
    folder = tmp_path / "d"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder)
    with hold_data_lock(folder, doing="incidents merge"):  # what merge itself takes on --into
        assert run_reading([link], 0, "nothing was read", lambda: EXIT["ok"], writes=folder) == EXIT["ok"]


def test_readers_do_not_exclude_one_another(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    with hold_data_lock(folder, doing="incidents render", shared=True):
        assert run_reading([folder, folder], 0, "nothing was read", lambda: EXIT["ok"]) == EXIT["ok"]
