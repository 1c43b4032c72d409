"""What the machine gives a render: a temporary folder too long for a kernel's socket stops it before anything runs."""

from __future__ import annotations

import os
import subprocess

from tests.integration.render_checks import CLI, snapshot


def test_a_tmpdir_too_long_for_a_kernel_socket_stops_the_render_with_one_line_and_exit_2(tiny_project, tmp_path):
    """Every job used to fail with ZMQ's "File name too long (addr='ipc://...')" and the render went on to the cards."""
    long_tmp = tmp_path / ("t" * 100)
    long_tmp.mkdir()
    out = tmp_path / "out"
    config = tiny_project / "reports.toml"
    command = [*CLI, "render", "--config", str(config), "--out", str(out), "--no-progress", "--force"]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=240, env={**os.environ, "TMPDIR": str(long_tmp)}
    )
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(lines) == 1, result.stderr
    size = len(os.fsencode(str(long_tmp)))
    assert lines[0].startswith("error: TMPDIR ") and f"({size} bytes)" in lines[0], lines[0]
    assert "over the limit of 107" in lines[0] and "set TMPDIR to a shorter folder" in lines[0], lines[0]
    assert not [name for name in snapshot(out) if name.endswith(".html") or name.startswith("cards")], snapshot(out)
    assert not list(long_tmp.iterdir()), "no kernel folder was made"
