"""The batch's shortcuts change no report: warmed and kept kernels against a fresh kernel per report.

A batch forks its workers before the data is checked, starts each worker's
kernel and imports the notebooks' modules there, keeps the kernel for the
worker's next job (``%reset -f`` between jobs) and writes the cards while the
jobs run. Every report of reports.toml rendered so (one worker: four jobs on
one kept kernel) must be byte for byte the report of a fresh kernel that ran
only that notebook (:func:`analysis.render.worker.execute_job` called
directly), apart from what differs from run to run anyway: the id papermill
gives the injected-parameters cell and the time in the footer.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis import paths
from analysis.render.batch import prepare_jobs, render_jobs
from analysis.render.jobs import read_jobs
from analysis.render.status import JobStatus
from analysis.render.worker import execute_job

TODAY = dt.date(2024, 10, 15)  # the bundled data's last weeks: the rolling job has incidents
RUN_TO_RUN = [
    (re.compile(r'id="cell-id=[0-9a-f]+"'), 'id="cell-id=X"'),  # papermill's injected-parameters cell
    (re.compile(r"rendered \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}"), "rendered T"),  # the footer
]


def normalise(html: str) -> str:
    for pattern, replacement in RUN_TO_RUN:
        html = pattern.sub(replacement, html)
    return html


def test_every_report_of_a_batch_is_the_report_of_a_fresh_kernel(tmp_path):
    jobs = read_jobs(paths.PROJECT_DIR / "reports.toml", today=TODAY)
    batch = render_jobs(jobs, out_dir=tmp_path / "batch", force=True, workers=1, progress=False)
    assert {r.name: r.status for r in batch.results} == dict.fromkeys((j.name for j in jobs), JobStatus.RENDERED)
    parameters = prepare_jobs(jobs, paths.DATA_DIR.resolve())
    footer = re.search(
        r'<footer class="report-footer">([^<]*)</footer>', (tmp_path / "batch" / "overview.html").read_text()
    )
    for job in jobs:
        alone = execute_job(job, parameters[job.name], tmp_path / "alone", footer.group(1), False)
        assert alone.status == JobStatus.RENDERED, alone
        fresh = normalise((tmp_path / "alone" / f"{job.name}.html").read_text(encoding="utf-8"))
        batched = normalise((tmp_path / "batch" / f"{job.name}.html").read_text(encoding="utf-8"))
        assert batched == fresh, f"{job.name}.html differs between the batch and a fresh kernel"
