"""reports.toml: jobs, relative periods, where notebooks may come from, and the errors a user gets."""

import datetime as dt
import os
import textwrap
from pathlib import Path

import pytest

from analysis import paths
from analysis.render.jobs import (
    MAX_CONFIG_BYTES,
    Job,
    JobConfigError,
    apply_overrides,
    check_job_parameters,
    read_jobs,
    resolve_notebook,
)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "a.ipynb").write_text("{}")
    return tmp_path


def _write(project, text):
    path = project / "reports.toml"
    path.write_text(textwrap.dedent(text))
    return path


def test_relative_periods_are_resolved_against_the_reference_day(project):
    path = _write(
        project,
        """\
        [defaults]
        parameters = { frequency = "week" }
        [[job]]
        name = "weekly"
        notebook = "a.ipynb"
        parameters = { start = "last 8 weeks", end = "today" }
    """,
    )
    (job,) = read_jobs(path, today=dt.date(2024, 10, 3))
    assert job.parameters == {"frequency": "week", "start": "2024-08-08", "end": "2024-10-03"}
    assert job.notebook == project / "notebooks" / "a.ipynb"


JOB = '[[job]]\nname = "a"\nnotebook = "a.ipynb"\n'


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '[[job]]\nname = "Bad Name"\nnotebook = "a.ipynb"\n',
            "name: found 'Bad Name' (str), expected lower-case letters",
        ),
        # `$` matched before a trailing newline: "evil\n" passed and became a file name
        (
            '[[job]]\nname = "evil\\n"\nnotebook = "a.ipynb"\n',
            "name: found 'evil\\n' (str), expected lower-case letters",
        ),
        (f'[[job]]\nname = "{"x" * 101}"\nnotebook = "a.ipynb"\n', "at most 100 characters"),
        ('[[job]]\nname = 7\nnotebook = "a.ipynb"\n', "name: found 7 (int), expected lower-case letters"),
        *(
            (
                f'[[job]]\nname = "{reserved}"\nnotebook = "a.ipynb"\n',
                f"name: found '{reserved}', which the output folder uses",
            )
            for reserved in ("index", "assets", "failed", "cards", "export")
        ),
        (JOB + JOB, "found duplicate 'a'"),
        ('[[job]]\nname = "a"\nnotebook = "missing.ipynb"\n', "notebook: found 'missing.ipynb', expected a file under"),
        (JOB + "params = {}\n", "found unknown key(s) ['params']"),
        ("[[job]\n", "not valid TOML"),
        ("", "found no [[job]] tables"),
        ('job = "x"\n', "job: found 'x' (str), expected [[job]] tables"),
        ("job = [1, 2]\n", "job: found [1, 2] (list), expected [[job]] tables"),
        ('[job]\nname = "a"\nnotebook = "a.ipynb"\n', "job: found a single [job] table, expected [[job]] tables"),
        ("defaults = 1\n" + JOB, "defaults: found 1 (int), expected [defaults]"),
        ('[defaults]\nparameters = "x"\n' + JOB, "defaults: parameters: found 'x' (str), expected a table"),
        ("[defaults]\ncolour = 1\n" + JOB, "defaults: found unknown key(s) ['colour']"),
        ("jobs = []\n" + JOB, "found unknown top-level key(s) ['jobs']"),
        (JOB + 'parameters = "x"\n', "(a): parameters: found 'x' (str), expected a table"),
        (JOB + 'timeout_s = "abc"\n', "timeout_s: found 'abc' (str), expected whole seconds per cell from 1 to 86400"),
        (JOB + "timeout_s = inf\n", "timeout_s: found inf (float)"),
        (JOB + "timeout_s = nan\n", "timeout_s: found nan (float)"),
        (JOB + "timeout_s = 0\n", "timeout_s: found 0 (int)"),  # 0 or less switched the timeout off
        (JOB + "timeout_s = -5\n", "timeout_s: found -5 (int)"),
        (JOB + "timeout_s = true\n", "timeout_s: found True (bool)"),
        (JOB + "timeout_s = 10000000\n", "timeout_s: found 10000000 (int)"),
        ('[defaults]\ntimeout_s = "abc"\n' + JOB, "defaults: timeout_s: found 'abc' (str)"),
        (JOB + "description = 123\n", "description: found 123 (int), expected a string"),
        (JOB + "notebook = 5\n", "not valid TOML"),  # a key twice
        ('[[job]]\nname = "a"\nnotebook = 5\n', "notebook: found 5 (int), expected a notebook file name"),
        (
            JOB + 'parameters = { start = "last 99999999 days" }\n',
            "parameter 'start': 'last 99999999 days' reaches before year 1",
        ),
        (
            JOB + 'parameters = { end = "last 99999999 months" }\n',
            "parameter 'end': 'last 99999999 months' reaches before year 1",
        ),
        ("a = " + "[" * 3000 + "]" * 3000 + "\n" + JOB, "not valid TOML"),
    ],
)
def test_bad_reports_toml_names_the_problem(project, text, message):
    path = _write(project, text)
    with pytest.raises(JobConfigError) as caught:
        read_jobs(path, today=dt.date(2024, 10, 3))
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value).replace("\\n", ""), "one line"


def test_a_reference_day_too_early_for_a_relative_period_is_bad_input(project):
    path = _write(project, JOB + 'parameters = { start = "last 8 weeks" }\n')
    with pytest.raises(JobConfigError, match=r"'last 8 weeks' reaches before year 1 \(counted back from 0001-01-01\)"):
        read_jobs(path, today=dt.date(1, 1, 1))


@pytest.mark.parametrize(
    "notebook",
    ["../secret.ipynb", "../../etc/passwd", "/etc/passwd", "notebooks/../../secret.ipynb", "link.ipynb"],
)
def test_a_notebook_path_that_leaves_the_allowed_folders_is_refused(tmp_path, notebook):
    project = tmp_path / "project"
    (project / "notebooks").mkdir(parents=True)
    (tmp_path / "secret.ipynb").write_text("{}")
    (project / "notebooks" / "link.ipynb").symlink_to(tmp_path / "secret.ipynb")
    path = _write(project, f'[[job]]\nname = "a"\nnotebook = "{notebook}"\n')
    with pytest.raises(JobConfigError, match=r"notebook: found .*(outside|expected a file under)"):
        read_jobs(path)


def test_the_projects_reports_toml_takes_notebooks_from_notebooks_only():
    with pytest.raises(JobConfigError, match=r"which leads to .*README.md, outside .*/notebooks/"):
        resolve_notebook("README.md", paths.REPORTS_TOML)
    with pytest.raises(JobConfigError, match="outside"):
        resolve_notebook("../pyproject.toml", paths.REPORTS_TOML)
    assert resolve_notebook("overview.ipynb", paths.REPORTS_TOML) == paths.NOTEBOOKS_DIR / "overview.ipynb"


def test_a_config_of_your_own_resolves_notebooks_against_its_folder(tmp_path):
    """--config elsewhere: beside the file, in notebooks/ beside it, or the project's notebooks/ (no absolute path needed)."""
    (tmp_path / "mine.ipynb").write_text("{}")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "theirs.ipynb").write_text("{}")
    config = tmp_path / "jobs.toml"
    config.write_text(
        '[[job]]\nname = "a"\nnotebook = "mine.ipynb"\n'
        '[[job]]\nname = "b"\nnotebook = "theirs.ipynb"\n'
        '[[job]]\nname = "c"\nnotebook = "overview.ipynb"\n'
    )
    assert [job.notebook for job in read_jobs(config)] == [
        tmp_path / "mine.ipynb",
        tmp_path / "notebooks" / "theirs.ipynb",
        paths.NOTEBOOKS_DIR / "overview.ipynb",
    ]


def test_a_config_that_is_not_a_small_regular_file_is_refused_without_reading_it(tmp_path):
    with pytest.raises(JobConfigError, match=r"found a directory, expected a TOML file"):
        read_jobs(tmp_path)
    with pytest.raises(JobConfigError, match=r"found a character device, expected a TOML file"):
        read_jobs("/dev/zero")  # read to the end, it never ends
    fifo = tmp_path / "jobs.fifo"
    os.mkfifo(fifo)
    with pytest.raises(JobConfigError, match=r"found a named pipe \(FIFO\), expected a TOML file"):
        read_jobs(fifo)  # opening it for reading would wait for a writer
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * MAX_CONFIG_BYTES + "\n" + JOB)
    with pytest.raises(JobConfigError, match=r"found more than 1,000,000 bytes, expected a small TOML file"):
        read_jobs(big)
    with pytest.raises(JobConfigError, match="file not found"):
        read_jobs(tmp_path / "missing.toml")


def test_a_relative_config_path_resolves_notebooks_against_its_folder_not_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "mine" / "notebooks").mkdir(parents=True)
    (tmp_path / "mine" / "notebooks" / "own.ipynb").write_text("{}")
    (tmp_path / "mine" / "jobs.toml").write_text('[[job]]\nname = "a"\nnotebook = "own.ipynb"\n')
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    (job,) = read_jobs(Path("../mine/jobs.toml"))
    assert job.notebook == tmp_path / "mine" / "notebooks" / "own.ipynb"


DECLARED = {
    "start": {"type": "str"},
    "end": {"type": "str"},
    "countries": {"type": "list[str]"},
    "rolling_periods": {"type": "int"},
    "title": {"type": "str"},
    "data_dir": {"type": "str"},
}


def _overridden(overrides, parameters=None):
    job = Job("weekly", Path("w.ipynb"), parameters or {"start": "2024-01-01", "title": "Weekly"})
    (result,) = apply_overrides([job], overrides, dt.date(2024, 10, 3), {Path("w.ipynb"): DECLARED})
    return result.parameters


def test_overrides_replace_the_jobs_values_typed_as_the_notebook_declares_them():
    parameters = _overridden(
        [
            ("--start", "start", "last 8 weeks"),
            ("--end", "end", "today"),
            ("--param", "countries", "Iraq, Syria"),
            ("--param", "rolling_periods", "6"),
            ("--param", "title", "2024"),
        ]
    )
    assert parameters == {
        "start": "2024-08-08",
        "end": "2024-10-03",
        "countries": ["Iraq", "Syria"],
        "rolling_periods": 6,
        "title": "2024",
    }


@pytest.mark.parametrize(
    "overrides, message",
    [
        ([("--start", "start", "2024-02-30")], "--start: found '2024-02-30', expected a date YYYY-MM-DD"),
        ([("--end", "end", "2023-12-31")], "--end: found a period of job 'weekly' that ends 2023-12-31, before its"),
        ([("--param", "rolling_periods", "4.5")], "--param rolling_periods=4.5: found '4.5', expected a whole number"),
        ([("--param", "rolling_periods", "-1")], "--param rolling_periods=-1: found -1, expected a whole number of at"),
        ([("--param", "countries", "Iraq,Mars")], "--param countries=Iraq,Mars: found 'Mars', expected Iraq or"),
        ([("--param", "location", "x")], "--param location=x: found a parameter that job 'weekly' (w.ipynb) does not"),
    ],
)
def test_a_bad_override_names_its_flag_what_was_found_and_what_was_expected(overrides, message):
    with pytest.raises(JobConfigError) as caught:
        _overridden(overrides)
    assert str(caught.value).startswith(message), caught.value


def test_a_period_that_ends_before_it_starts_is_refused_in_reports_toml_too():
    job = Job("x", Path("x.ipynb"), {"start": "2024-02-01", "end": "2024-01-01"})
    assert check_job_parameters(job, DECLARED) == [
        "x: parameter 'end': found '2024-01-01', expected a date on or after the start 2024-02-01"
    ]
