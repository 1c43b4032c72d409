"""The renderer on real notebooks: papermill, nbconvert, the index, failures, skips, the lock."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import subprocess
import sys
import textwrap
import time

import pytest

from analysis.render.batch import render_jobs
from analysis.render.jobs import read_jobs
from analysis.render.state import RenderError


def _render(project, **kwargs):
    jobs = read_jobs(project / "reports.toml")
    return render_jobs(jobs, out_dir=project / "out", progress=False, **kwargs)


def test_one_failing_job_keeps_the_others_its_notebook_and_the_index_truthful(tiny_project):
    summary = _render(tiny_project, workers=2)
    statuses = {r.name: r.status for r in summary.results}
    assert statuses == {"good": "rendered", "bad": "failed"}
    assert summary.exit_code == 1
    out = tiny_project / "out"
    page = (out / "good.html").read_text()
    assert 'id="chart-tiny"' in page and "assets/plotly-" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)
    assert not (out / "bad.html").exists()
    failed = json.loads((out / "failed" / "bad.ipynb").read_text())
    assert "failing on purpose" in json.dumps(failed)
    index = (out / "index.html").read_text()
    assert 'href="good.html"' in index and "FAILED" in index and 'href="failed/bad.ipynb"' in index
    assert not list(out.glob(".work/*.ipynb")), "no half-written notebook is left behind"


def test_failed_job_keeps_the_previous_good_html(tiny_project):
    toml = tiny_project / "reports.toml"
    toml.write_text(toml.read_text().replace("fail = true", "fail = false"))
    _render(tiny_project)
    before = (tiny_project / "out" / "bad.html").read_bytes()
    toml.write_text(toml.read_text().replace('title = "Bad report", fail = false', 'title = "Bad report", fail = true'))
    summary = _render(tiny_project)
    assert {r.name: r.status for r in summary.results}["bad"] == "failed"
    assert (tiny_project / "out" / "bad.html").read_bytes() == before
    index = (tiny_project / "out" / "index.html").read_text()
    assert "the report shown is the previous one" in index


def test_unchanged_jobs_are_skipped_and_force_renders_them(tiny_project):
    toml = tiny_project / "reports.toml"
    toml.write_text(toml.read_text().replace("fail = true", "fail = false"))
    first = _render(tiny_project)
    assert {r.status for r in first.results} == {"rendered"}
    second = _render(tiny_project)
    assert {r.status for r in second.results} == {"skipped"}
    toml.write_text(toml.read_text().replace('title = "Good report"', 'title = "Good report, retitled"'))
    third = _render(tiny_project)
    assert {r.name: r.status for r in third.results} == {"good": "rendered", "bad": "skipped"}
    forced = _render(tiny_project, force=True)
    assert {r.status for r in forced.results} == {"rendered"}


def test_a_partial_render_keeps_every_report_in_the_index(tiny_project):
    toml = tiny_project / "reports.toml"
    toml.write_text(toml.read_text().replace("fail = true", "fail = false"))
    _render(tiny_project)
    good_only = [job for job in read_jobs(toml) if job.name == "good"]
    render_jobs(
        good_only,
        out_dir=tiny_project / "out",
        force=True,
        progress=False,
        index_names=["good", "bad"],
    )
    index = (tiny_project / "out" / "index.html").read_text()
    assert 'href="good.html"' in index and 'href="bad.html"' in index


def test_unknown_or_mistyped_parameters_stop_the_batch_before_anything_runs(tiny_project):
    (tiny_project / "reports.toml").write_text(
        textwrap.dedent("""\
        [[job]]
        name = "good"
        notebook = "tiny.ipynb"

        [[job]]
        name = "typo"
        notebook = "tiny.ipynb"
        parameters = { titel = "x", sleep_s = "slow", "x = __import__('os')" = 1 }
    """)
    )
    with pytest.raises(RenderError) as caught:
        _render(tiny_project)
    message = str(caught.value)
    assert caught.value.exit_code == 2
    assert "typo: parameter 'titel': found an unknown name" in message
    assert "typo: parameter 'sleep_s': found 'slow' (str), expected float" in message
    assert "parameter \"x = __import__('os')\": found an unknown name" in message
    assert not (tiny_project / "out" / "good.html").exists()


def test_cli_refuses_a_second_render_running_in_another_process(tiny_project):
    toml = tiny_project / "reports.toml"
    toml.write_text(toml.read_text().replace("fail = true", "fail = false, sleep_s = 6.0"))
    command = [
        sys.executable,
        "-m",
        "analysis",
        "render",
        "--config",
        str(toml),
        "--out",
        str(tiny_project / "out"),
        "--no-progress",
    ]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 30
        lock = tiny_project / "out" / ".render.lock"
        while time.time() < deadline and not (lock.exists() and lock.read_text().startswith("pid")):
            time.sleep(0.1)
        second = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert second.returncode == 3, second.stderr
        assert "another render is running" in second.stderr
    finally:
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err


def test_a_worker_reuses_its_kernel_but_each_job_starts_with_an_empty_namespace(tiny_project):
    from tests.integration.conftest import write_notebook

    write_notebook(
        tiny_project / "notebooks" / "check.ipynb",
        work=(
            "import os\n"
            "assert 'incidents' not in globals(), 'a variable of the previous job leaked'\n"
            "print('kernel pid', os.getpid())\n"
        ),
    )
    (tiny_project / "reports.toml").write_text(
        textwrap.dedent("""\
        [[job]]
        name = "first"
        notebook = "tiny.ipynb"

        [[job]]
        name = "second"
        notebook = "check.ipynb"
    """)
    )
    summary = _render(tiny_project, workers=1)
    assert {r.name: r.status for r in summary.results} == {"first": "rendered", "second": "rendered"}, summary.results


def test_a_timeout_fails_its_job_naming_the_cell_and_the_limit(tiny_project):
    """A timeout once showed in the index as a row of dashes (the last line of nbclient's message)."""
    (tiny_project / "reports.toml").write_text(
        textwrap.dedent("""\
        [[job]]
        name = "slow"
        notebook = "tiny.ipynb"
        timeout_s = 2
        parameters = { sleep_s = 30.0 }
    """)
    )
    summary = _render(tiny_project)
    (result,) = summary.results
    expected = "timed out: cell 2 ('import time') ran longer than timeout_s = 2 s"
    assert (result.status, result.error) == ("failed", expected)
    index = (tiny_project / "out" / "index.html").read_text()
    assert expected.replace("'", "&#x27;") in index and "-----" not in index
    assert (tiny_project / "out" / "failed" / "slow.ipynb").is_file()


def test_a_state_file_of_the_wrong_shape_is_ignored_with_a_warning_not_a_blocked_folder(tiny_project, caplog):
    toml = tiny_project / "reports.toml"
    toml.write_text(toml.read_text().replace("fail = true", "fail = false"))
    out = tiny_project / "out"
    out.mkdir()
    (out / ".render-state.json").write_text('["not", "a", "state"]')
    with caplog.at_level(logging.WARNING, logger="analysis"):
        summary = _render(tiny_project)
    assert summary.exit_code == 0 and {r.status for r in summary.results} == {"rendered"}
    assert "found list, expected an object of job entries; every job is treated as never rendered" in caplog.text
    assert set(json.loads((out / ".render-state.json").read_text())) == {"good", "bad"}


def test_command_line_overrides_reach_the_notebook_and_the_index_shows_them(tiny_project, capsys):
    from analysis.cli import main

    out = tiny_project / "out"
    args = ["render", "--config", str(tiny_project / "reports.toml"), "--out", str(out), "--no-progress"]
    code = main([*args, "--job", "good", "--start", "last 2 weeks", "--today", "2024-01-19", "--param", "title=Jan"])
    assert code == 0, capsys.readouterr().err
    state = json.loads((out / ".render-state.json").read_text())
    assert state["good"]["parameters"]["start"] == "2024-01-05" and state["good"]["parameters"]["title"] == "Jan"
    index = (out / "index.html").read_text()
    assert "start=&#x27;2024-01-05&#x27;" in index and ">Jan</a>" in index
    assert "<title>Jan</title>" in (out / "good.html").read_text()
    # the same command again is unchanged; another period renders again
    assert main([*args, "--job", "good", "--start", "2024-01-05", "--param", "title=Jan"]) == 0
    assert json.loads((out / ".render-state.json").read_text())["good"]["status"] == "skipped"
    assert main([*args, "--job", "good", "--start", "2024-01-06", "--param", "title=Jan"]) == 0
    assert json.loads((out / ".render-state.json").read_text())["good"]["status"] == "rendered"


def test_the_index_dates_each_report_by_the_data_it_was_rendered_from(tiny_project, capsys):
    from analysis.cli import main
    from analysis.data.validate import validate_data_dir

    dates = validate_data_dir().tables["incidents"]["event_date"]
    first, latest = (d.date().isoformat() for d in (dates.min(), dates.max()))
    after = (dates.max() + dt.timedelta(days=30)).date().isoformat()
    out = tiny_project / "out"
    args = ["render", "--config", str(tiny_project / "reports.toml"), "--out", str(out), "--no-progress"]
    assert main([*args, "--job", "good", "--start", after]) == 0, capsys.readouterr().err
    assert main([*args, "--job", "bad", "--param", "fail=false"]) == 0, capsys.readouterr().err
    state = json.loads((out / ".render-state.json").read_text())
    assert (state["good"]["data_first"], state["good"]["data_latest"]) == (first, latest)
    text = re.sub(r"<[^>]+>", "", (out / "index.html").read_text())
    assert f"data as of {latest} (its latest incident)" in text
    assert f"no incident in the data after {latest}; this period starts {after}" in text
    assert f"{first} (first incident) – {latest} (latest incident)" in text, "an open period in real dates"
