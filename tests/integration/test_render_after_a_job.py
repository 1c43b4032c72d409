"""A process that ran a job itself (execute_job) can still render a batch: its forked workers start their own thread.

A worker is forked from the process that calls render_jobs. When that process
had run a job directly, it holds the queue of its papermill thread; the fork
copies the queue but no thread, so a worker that kept it waited for ever on
its first call. Run in a child process, so a hang is a timeout, not a stuck suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from analysis import paths

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from analysis import paths
    from analysis.render.batch import prepare_jobs, render_jobs
    from analysis.render.jobs import Job
    from analysis.render.worker import execute_job

    out = Path(sys.argv[1])
    job = Job("overview", paths.NOTEBOOKS_DIR / "overview.ipynb", {})
    parameters = prepare_jobs([job], paths.DATA_DIR.resolve())
    alone = execute_job(job, parameters["overview"], out / "alone", "footer", False)
    print("alone", alone.status.value, flush=True)
    batch = render_jobs([job], out_dir=out / "batch", force=True, workers=1, progress=False)
    print("batch", batch.exit_code, [r.status.value for r in batch.results], flush=True)
    """
)


def test_a_batch_renders_in_a_process_that_ran_a_job_itself(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        cwd=paths.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,  # the batch takes seconds; without the fix its worker waits for ever
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "alone rendered" in done.stdout
    assert "batch 0 ['rendered']" in done.stdout, done.stdout
    assert (tmp_path / "batch" / "overview.html").is_file()
