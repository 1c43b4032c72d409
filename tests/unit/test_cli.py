"""The incidents command line: usage errors, validate, export."""

import csv

import pytest

from analysis.cli import main
from tests.fixtures.build import read_rows, set_cell


def test_unknown_command_or_option_prints_usage_and_exits_2(capsys):
    for argv in (["bogus"], ["render", "--colour", "red"], []):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 2
    assert "usage: incidents" in capsys.readouterr().err


def test_every_subcommand_has_help(capsys):
    for command in ("validate", "render", "export", "codebook"):
        with pytest.raises(SystemExit) as caught:
            main([command, "--help"])
        assert caught.value.code == 0
        assert f"usage: incidents {command}" in capsys.readouterr().out


def test_export_neutralises_formulas(data_dir, tmp_path):
    first_id = read_rows(data_dir / "incidents.csv")[1][0]
    set_cell(data_dir / "incidents.csv", 0, "notes", '=HYPERLINK("http://x","click")')
    out = tmp_path / "incidents.csv"
    assert main(["export", "incidents", "--data", str(data_dir), "--out", str(out)]) == 0
    with open(out, newline="", encoding="utf-8") as handle:
        rows = {r["incident_id"]: r for r in csv.DictReader(handle)}
    assert rows[first_id]["notes"] == '\'=HYPERLINK("http://x","click")'


def test_export_of_broken_data_exits_2_and_writes_nothing(data_dir, tmp_path, capsys):
    set_cell(data_dir / "incidents.csv", 0, "weapon", "catapult")
    out = tmp_path / "incidents.csv"
    assert main(["export", "incidents", "--data", str(data_dir), "--out", str(out)]) == 2
    assert "weapon: found 'catapult'" in capsys.readouterr().err
    assert not out.exists()


def test_export_refuses_a_fifo_or_a_symlink_as_out_and_exits_2(data_dir, tmp_path, capsys):
    """issue #13: `--out /dev/full` (or a FIFO, or a symlink) must not be replaced by a regular file."""
    import os
    import stat

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert main(["export", "incidents", "--data", str(data_dir), "--out", str(fifo)]) == 2
    err = capsys.readouterr().err
    assert f"error: {fifo}: found a named pipe (FIFO), expected a regular file" in err and "Traceback" not in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    target = tmp_path / "keep.txt"
    target.write_text("keep")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert main(["export", "incidents", "--data", str(data_dir), "--out", str(link)]) == 2
    assert f"{link}: found a symbolic link to {target}" in capsys.readouterr().err
    assert link.is_symlink() and target.read_text() == "keep"


def _internal_error(monkeypatch):
    """Make `incidents render` hit a bug (an exception nobody expects)."""
    import analysis.render.jobs

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(analysis.render.jobs, "read_jobs", broken)


def test_an_internal_error_is_one_line_and_exit_70_and_debug_adds_the_traceback(monkeypatch, capsys):
    from analysis.schema import EXIT

    _internal_error(monkeypatch)
    monkeypatch.delenv("INCIDENTS_DEBUG", raising=False)
    assert main(["render"]) == EXIT["internal"] == 70
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "internal error (ZeroDivisionError): a bug; please report it with the command you ran"
        " (--debug or INCIDENTS_DEBUG=1 shows the traceback)"
    ]
    for argv, env in ((["render", "--debug"], None), (["--debug", "render"], None), (["render"], "1")):
        if env:
            monkeypatch.setenv("INCIDENTS_DEBUG", env)
        assert main(argv) == 70
        err = capsys.readouterr().err
        assert err.startswith("internal error (ZeroDivisionError): a bug; please report it with the command you ran\n")
        assert "Traceback (most recent call last):" in err and 'raise ZeroDivisionError("a bug")' in err


def test_workers_must_be_a_whole_number_of_at_least_1(capsys):
    for value in ("0", "-3", "two"):
        with pytest.raises(SystemExit) as caught:
            main(["render", "--workers", value])
        assert caught.value.code == 2
        assert "--workers: found" in capsys.readouterr().err


def test_no_exit_status_is_written_as_a_number_outside_the_schema():
    """One exit-code table (analysis.schema.EXIT_CODES): the CLI and the renderer name codes, never number them."""
    import re

    from analysis import paths

    sources = [paths.PACKAGE_DIR / "cli.py", *(paths.PACKAGE_DIR / "render").glob("*.py")]
    sources += (paths.PACKAGE_DIR / "commands").glob("*.py")
    pattern = re.compile(r"\b(return|exit|_exit|SystemExit\(|exit_code\s*=)\s*\(?\s*(0|1|2|3|70|130)\b")
    found = [f"{p.name}: {m.group(0)}" for p in sources for m in pattern.finditer(p.read_text())]
    assert not found, found
