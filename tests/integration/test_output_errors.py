"""An output folder the machine will not write to: read-only, full from the start, or full halfway through.

Each case runs the real ``incidents render`` in a private mount namespace
(``unshare --user --map-root-user --mount``, no privileges needed) where the
output folder is a read-only bind mount or a small tmpfs, so it works the same
as root (CI), where permission bits stop nothing. Each must end with exit 74
(``EXIT["cannot_write"]``), one ``error:`` line naming the folder and the
system's reason, and the reports already there byte for byte as they were.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from analysis.schema import EXIT
from tests.fixtures.build import VALID_DATA
from tests.integration.conftest import write_notebook
from tests.integration.render_checks import CLI, leftovers, snapshot

UNSHARE = ["unshare", "--user", "--map-root-user", "--mount"]
OLD_REPORTS = {
    "index.html": "<p>old index</p>",
    "good.html": "<p>old report</p>",
    ".render-state.json": '{"good": {"status": "rendered"}}',
}


def _namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run([*UNSHARE, "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not _namespaces_work(), reason="needs unshare with user and mount namespaces")


@pytest.fixture
def project(tmp_path):
    """notebooks/tiny.ipynb, a jobs file, and an earlier batch in ``seed/`` (no plotly.js copied yet)."""
    write_notebook(tmp_path / "notebooks" / "tiny.ipynb")
    (tmp_path / "reports.toml").write_text('[[job]]\nname = "good"\nnotebook = "tiny.ipynb"\n')
    seed = tmp_path / "seed"
    seed.mkdir()
    for name, text in OLD_REPORTS.items():
        (seed / name).write_text(text)
    return tmp_path


def _render_in_namespace(project: Path, setup: str) -> tuple[subprocess.CompletedProcess, Path]:
    """Run ``incidents render --force`` into ``project/out`` after ``setup`` (shell, in the namespace) mounted it;
    return the run and a copy of what the output folder held at the end (``after/``, the filler left out)."""
    out, after = project / "out", project / "after"
    out.mkdir(exist_ok=True)
    after.mkdir()
    script = f'set -e\n{setup}\nset +e\n"$@"; code=$?\nrm -f "$OUT/filler"; cp -a "$OUT/." "$AFTER/"; exit $code\n'
    command = [*CLI, "render", "--config", project / "reports.toml", "--data", VALID_DATA, "--out", out]
    run = subprocess.run(
        [*UNSHARE, "sh", "-c", script, "sh", *map(str, command), "--force", "--no-progress"],
        env={**_environment(), "OUT": str(out), "SEED": str(project / "seed"), "AFTER": str(after)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return run, after


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in {"OUT", "SEED", "AFTER"}}


def _assert_one_error_line(run: subprocess.CompletedProcess, out: Path, reason: str) -> None:
    assert run.returncode == EXIT["cannot_write"], run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith(f"error: {out}: cannot write") or f"cannot write {out} " in errors[0], errors[0]
    assert f"({reason})" in errors[0] and "left as they were" in errors[0], errors[0]


def test_a_read_only_output_folder_is_refused_before_anything_runs(project):
    out = project / "out"
    shutil.copytree(project / "seed", out)
    before = snapshot(out)
    run, _ = _render_in_namespace(project, 'mount --bind "$OUT" "$OUT"\nmount -o remount,ro,bind "$OUT"')
    _assert_one_error_line(run, out, "Read-only file system")
    assert "rendered" not in run.stderr, "no job ran"
    assert snapshot(out) == before


def test_a_full_output_folder_is_refused_before_anything_runs(project):
    setup = (
        'mount -t tmpfs -o size=1m tmpfs "$OUT"\ncp -a "$SEED/." "$OUT/"\n'
        'cat /dev/zero > "$OUT/filler" 2>/dev/null || true'
    )
    run, after = _render_in_namespace(project, setup)
    _assert_one_error_line(run, project / "out", "No space left on device")
    assert "rendered" not in run.stderr, "no job ran"
    assert snapshot(after) == snapshot(project / "seed"), "the earlier reports are intact"


def test_a_disk_that_fills_during_the_render_fails_with_its_own_code_and_keeps_the_earlier_report(project):
    """3 MB: room for the lock, the executed notebook, the state and the index, not for plotly.js (4.8 MB)."""
    run, after = _render_in_namespace(project, 'mount -t tmpfs -o size=3m tmpfs "$OUT"\ncp -a "$SEED/." "$OUT/"')
    _assert_one_error_line(run, project / "out", "No space left on device")
    assert (after / "good.html").read_text() == OLD_REPORTS["good.html"], "the earlier report is intact"
    assert "cannot write" in (after / "index.html").read_text(), "the index says why the report is old"
    assert not leftovers(after) and not list(after.glob("assets/*")), "no half-written file is left"
