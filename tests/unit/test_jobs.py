"""reports.toml: jobs, relative periods, and the errors a user gets."""

import datetime as dt
import textwrap

import pytest

from analysis.render.jobs import JobConfigError, read_jobs


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


@pytest.mark.parametrize(
    "text, message",
    [
        ('[[job]]\nname = "Bad Name"\nnotebook = "a.ipynb"\n', "name: found 'Bad Name', expected lower-case letters"),
        (
            '[[job]]\nname = "a"\nnotebook = "a.ipynb"\n[[job]]\nname = "a"\nnotebook = "a.ipynb"\n',
            "found duplicate 'a'",
        ),
        (
            '[[job]]\nname = "a"\nnotebook = "missing.ipynb"\n',
            "notebook: found 'missing.ipynb', expected a file under notebooks/",
        ),
        ('[[job]]\nname = "a"\nnotebook = "a.ipynb"\nparams = {}\n', "found unknown key(s) ['params']"),
        ("[[job]\n", "not valid TOML"),
        ("", "found no [[job]] tables"),
    ],
)
def test_bad_reports_toml_names_the_problem(project, text, message):
    path = _write(project, text)
    with pytest.raises(JobConfigError) as caught:
        read_jobs(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)
