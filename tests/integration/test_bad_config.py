"""Bad jobs files and bad arguments through ``incidents render`` (issue #13).

Each of these once ended in exit 70 (an internal error) or was accepted and
went wrong later. Each must now give exit 2 with one ``error:`` line naming
the problem, no traceback, and leave the reports already in the output folder
byte for byte as they were. ``main()`` runs in-process: every case stops
before a worker starts.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.cli import main
from tests.fixtures.build import VALID_DATA
from tests.integration.conftest import PARAMETERS, write_notebook
from tests.integration.render_checks import snapshot

GOOD = '[[job]]\nname = "good"\nnotebook = "tiny.ipynb"\n'


@dataclass(frozen=True)
class Case:
    id: str
    config: str = GOOD  # the jobs file; "{dir}" is the project folder
    args: tuple[str, ...] = ()  # extra arguments; "{dir}" and "{out}" are replaced
    message: str = ""  # in the error line
    config_path: str = "{dir}/reports.toml"


CASES = [
    Case("job is a string", 'job = "x"\n', message="job: found 'x' (str), expected [[job]] tables"),
    Case("[job] instead of [[job]]", GOOD.replace("[[job]]", "[job]"), message="found a single [job] table"),
    Case("defaults is a number", "defaults = 1\n" + GOOD, message="defaults: found 1 (int), expected [defaults]"),
    Case("default parameters", '[defaults]\nparameters = "x"\n' + GOOD, message="defaults: parameters: found 'x'"),
    Case("parameters is a string", GOOD + 'parameters = "x"\n', message="(good): parameters: found 'x' (str)"),
    Case("timeout_s text", GOOD + 'timeout_s = "abc"\n', message="timeout_s: found 'abc' (str), expected whole"),
    Case("timeout_s inf", GOOD + "timeout_s = inf\n", message="timeout_s: found inf (float)"),
    Case("timeout_s nan", GOOD + "timeout_s = nan\n", message="timeout_s: found nan (float)"),
    Case("timeout_s 0 (switched it off)", GOOD + "timeout_s = 0\n", message="timeout_s: found 0 (int)"),
    Case("timeout_s negative", GOOD + "timeout_s = -1\n", message="timeout_s: found -1 (int)"),
    Case("description a number", GOOD + "description = 123\n", message="description: found 123 (int)"),
    Case("name with a newline", GOOD.replace('"good"', '"evil\\n"'), message="name: found 'evil\\n' (str)"),
    Case("name index", GOOD.replace('"good"', '"index"'), message="name: found 'index', which the output folder"),
    Case("name failed", GOOD.replace('"good"', '"failed"'), message="name: found 'failed', which the output folder"),
    Case("name too long", GOOD.replace('"good"', f'"{"a" * 101}"'), message="at most 100 characters"),
    Case("notebook escapes", GOOD.replace("tiny.ipynb", "../outside.ipynb"), message="outside.ipynb, outside"),
    Case("notebook absolute", GOOD.replace("tiny.ipynb", "{dir}/../outside.ipynb"), message="outside.ipynb, outside"),
    Case("notebook not a notebook", GOOD.replace("tiny.ipynb", "broken.ipynb"), message="broken.ipynb: not a notebook"),
    Case(
        "start far in the past",
        GOOD + 'parameters = { start = "last 99999999 days" }\n',
        message="parameter 'start': 'last 99999999 days' reaches before year 1",
    ),
    Case(
        "--today 0001-01-01",
        GOOD + 'parameters = { start = "last 8 weeks" }\n',
        ("--today", "0001-01-01"),
        "'last 8 weeks' reaches before year 1 (counted back from 0001-01-01)",
    ),
    Case("deeply nested TOML", "a = " + "[" * 3000 + "]" * 3000 + "\n" + GOOD, message="not valid TOML"),
    Case("--config a directory", config_path="{dir}", message="found a directory, expected a TOML file"),
    Case("--config /dev/zero", config_path="/dev/zero", message="found a character device, expected a TOML file"),
    Case("--config over 1 MB", "# " + "x" * 1_000_001 + "\n" + GOOD, message="found more than 1,000,000 bytes"),
    Case("--config a FIFO", config_path="{dir}/jobs.fifo", message="found a named pipe (FIFO), expected a TOML file"),
    Case(
        "--out a file", args=("--out", "{out}/good.html"), message="good.html: found a regular file, expected a folder"
    ),
    Case("--out cannot be created", args=("--out", "/proc/incidents/out"), message="cannot create the folder"),
    Case("index.html a directory", args=("--out", "{dir}/index-dir"), message="index.html: found a directory"),
    Case(
        "the lock a directory",
        args=("--out", "{dir}/lock-dir"),
        message=".render.lock: cannot open the render's lock file",
    ),
    Case("--start not a date", args=("--start", "2024-13-01"), message="--start: found '2024-13-01', expected a date"),
    Case(
        "--end for a notebook without end",
        args=("--start", "2024-02-01", "--end", "2024-01-31"),
        message="--end: found a parameter that job 'good' (tiny.ipynb) does not have, expected one of fail, sleep_s",
    ),
    Case(
        "--start far in the past",
        args=("--start", "last 99999999 days"),
        message="--start: 'last 99999999 days' reaches before year 1",
    ),
    Case(
        "--param a name the notebook lacks",
        args=("--param", "colour=red"),
        message="--param colour=red: found a parameter that job 'good' (tiny.ipynb) does not have, expected one of",
    ),
    Case(
        "--param of the wrong type",
        args=("--param", "fail=maybe"),
        message="--param fail=maybe: found 'maybe', expected true or false (bool)",
    ),
    Case("--param without a value", args=("--param", "title"), message="--param: found 'title', expected NAME=VALUE"),
    Case("--param data_dir", args=("--param", "data_dir=/etc"), message="expected --data DIR for it"),
    Case(
        "--param outside its vocabulary",
        GOOD.replace("tiny", "rolling"),
        ("--param", "rolling_periods=0"),
        "--param rolling_periods=0: found 0, expected a whole number of at least 1",
    ),
    Case(
        "rolling_periods 0",
        GOOD.replace("tiny", "rolling") + "parameters = { rolling_periods = 0 }\n",
        message="parameter 'rolling_periods': found 0, expected a whole number of at least 1",
    ),
    Case(
        "rolling_periods negative",
        GOOD.replace("tiny", "rolling") + "parameters = { rolling_periods = -2 }\n",
        message="parameter 'rolling_periods': found -2, expected a whole number of at least 1",
    ),
]


@pytest.fixture
def project(tmp_path):
    """notebooks/tiny.ipynb and rolling.ipynb, and an output folder holding a previous batch."""
    (tmp_path / "outside.ipynb").write_text("{}")
    tmp_path = tmp_path / "project"
    write_notebook(tmp_path / "notebooks" / "tiny.ipynb")
    write_notebook(
        tmp_path / "notebooks" / "rolling.ipynb", PARAMETERS + "rolling_periods: int = 4  # window\n", "print(1)\n"
    )
    (tmp_path / "notebooks" / "broken.ipynb").write_text('{"cells": "no"}')
    os.mkfifo(tmp_path / "jobs.fifo")
    out = tmp_path / "out"
    (out / "assets").mkdir(parents=True)
    for name, text in {
        "index.html": "<p>old index</p>",
        "good.html": "<p>old report</p>",
        ".render-state.json": '{"good": {"status": "rendered"}}',
        "assets/plotly.js": "js",
    }.items():
        (out / name).write_text(text)
    (tmp_path / "index-dir" / "index.html").mkdir(parents=True)
    (tmp_path / "lock-dir" / ".render.lock").mkdir(parents=True)
    return tmp_path


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_config_or_arguments_exit_2_with_one_line_and_touch_nothing(project, case, capsys):
    fill = {"dir": str(project), "out": str(project / "out")}
    config = Path(case.config_path.format(**fill))
    if case.config_path.endswith("reports.toml"):
        config.write_text(textwrap.dedent(case.config.replace("{dir}", str(project))))
    before = snapshot(project)
    args = [a.format(**fill) for a in case.args]
    if "--out" not in args:
        args += ["--out", str(project / "out")]
    code = main(["render", "--config", str(config), "--data", str(VALID_DATA), "--no-progress", *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    first = err.strip().splitlines()[0]
    assert first.startswith("error: ") and case.message in err, err
    assert snapshot(project) == before, "the previous reports and everything else stay as they were"
