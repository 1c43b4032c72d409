"""Report jobs: read ``reports.toml``, resolve relative periods, check parameters.

A job is one report: a notebook under ``notebooks/`` and the parameters it
runs with. Parameters are checked against the notebook's declared parameters
(names and types, read by ``papermill.inspect_notebook``) before anything
runs, because papermill pastes parameter *names* into code as they are.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths, schema


class JobConfigError(ValueError):
    """A reports.toml or parameter problem; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class Job:
    """One report to render: ``name`` becomes ``<name>.html``."""

    name: str
    notebook: Path
    parameters: dict = field(default_factory=dict)
    timeout_s: int = 600
    description: str = ""


_RELATIVE = re.compile(r"^last\s+(\d+)\s+(day|week|month)s?$", re.IGNORECASE)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DATE_PARAMETERS = ("start", "end")
# Parameters whose values come from a vocabulary (list parameters: every item).
ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "frequency": tuple(schema.FREQUENCIES),
    "categories": tuple(schema.CATEGORIES),
    "countries": schema.COUNTRIES,
}


def resolve_relative_date(value: str, today: dt.date) -> str:
    """Resolve ``today`` and ``last N days|weeks|months`` to an ISO date.

    ``last N ...`` means the first day of the period that ends today.

    >>> resolve_relative_date("last 8 weeks", dt.date(2024, 3, 1))
    '2024-01-05'
    >>> resolve_relative_date("last 2 months", dt.date(2024, 3, 31))
    '2024-01-31'
    >>> resolve_relative_date("today", dt.date(2024, 3, 1))
    '2024-03-01'
    >>> resolve_relative_date("2024-02-02", dt.date(2024, 3, 1))
    '2024-02-02'
    """
    text = value.strip()
    if text.lower() == "today":
        return today.isoformat()
    match = _RELATIVE.match(text)
    if not match:
        return text
    count, unit = int(match.group(1)), match.group(2).lower()
    if unit == "day":
        return (today - dt.timedelta(days=count)).isoformat()
    if unit == "week":
        return (today - dt.timedelta(weeks=count)).isoformat()
    month_index = today.year * 12 + today.month - 1 - count
    year, month = divmod(month_index, 12)
    day = min(today.day, _days_in_month(year, month + 1))
    return dt.date(year, month + 1, day).isoformat()


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def read_jobs(path: Path | None = None, today: dt.date | None = None) -> list[Job]:
    """Read the jobs of ``reports.toml`` with relative periods resolved against ``today``."""
    path = Path(path or paths.REPORTS_TOML)
    today = today or dt.date.today()
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise JobConfigError(f"{path}: file not found, expected a reports.toml with [[job]] tables") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise JobConfigError(f"{path}: not valid TOML: {exc}") from None
    defaults = config.get("defaults", {})
    jobs, seen = [], set()
    for number, raw in enumerate(config.get("job", []), start=1):
        where = f"{path}: job {number}"
        name = raw.get("name")
        if not isinstance(name, str) or not _NAME.match(name):
            raise JobConfigError(f"{where}: name: found {name!r}, expected lower-case letters, digits, '-' or '_'")
        if name in seen:
            raise JobConfigError(f"{where}: name: found duplicate {name!r}, expected each job name once")
        seen.add(name)
        notebook = raw.get("notebook")
        if not isinstance(notebook, str):
            raise JobConfigError(f"{where} ({name}): notebook: found {notebook!r}, expected a notebook file name")
        notebook_path = (path.parent / "notebooks" / notebook).resolve()
        if not notebook_path.is_file():
            raise JobConfigError(f"{where} ({name}): notebook: found {notebook!r}, expected a file under notebooks/")
        unknown = set(raw) - {"name", "notebook", "parameters", "timeout_s", "description"}
        if unknown:
            raise JobConfigError(
                f"{where} ({name}): found unknown key(s) {sorted(unknown)}, expected name, notebook, parameters, timeout_s, description"
            )
        parameters = {**defaults.get("parameters", {}), **raw.get("parameters", {})}
        for key in DATE_PARAMETERS:
            if isinstance(parameters.get(key), str):
                parameters[key] = resolve_relative_date(parameters[key], today)
        timeout = raw.get("timeout_s", defaults.get("timeout_s", 600))
        jobs.append(Job(name, notebook_path, parameters, int(timeout), raw.get("description", "")))
    if not jobs:
        raise JobConfigError(f"{path}: found no [[job]] tables, expected at least one")
    return jobs


_TYPE_CHECKS = {
    "str": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "list": lambda v: isinstance(v, list),
}


def read_declared_parameters(notebook: Path) -> dict[str, dict]:
    """Return the notebook's declared parameters: name -> {type, default, help}."""
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    return {
        name: {
            "type": (info.get("inferred_type_name") or "").replace(" ", ""),
            "default": info.get("default"),
            "help": info.get("help"),
        }
        for name, info in declared.items()
    }


def check_job_parameters(job: Job, declared: dict[str, dict]) -> list[str]:
    """List what is wrong with ``job.parameters`` against the notebook's declaration.

    >>> job = Job("x", Path("x.ipynb"), {"start": "2024-13-01", "colour": "red", "countries": "Iraq", "frequency": "fortnight"})
    >>> declared = {"start": {"type": "str"}, "countries": {"type": "list[str]"}, "frequency": {"type": "str"}}
    >>> for problem in check_job_parameters(job, declared): print(problem)
    x: parameter 'colour': found an unknown name, expected one of countries, frequency, start
    x: parameter 'countries': found 'Iraq' (str), expected list[str]
    x: parameter 'frequency': found 'fortnight', expected day or week or month
    x: parameter 'start': found '2024-13-01', expected a date YYYY-MM-DD, 'today' or 'last N days|weeks|months'
    """
    problems = []
    for name in sorted(job.parameters):
        value = job.parameters[name]
        if name not in declared:
            problems.append(
                f"{job.name}: parameter {name!r}: found an unknown name, expected one of {', '.join(sorted(declared))}"
            )
            continue
        expected = declared[name]["type"]
        check = _TYPE_CHECKS.get(expected)
        if check is not None and not check(value):
            problems.append(
                f"{job.name}: parameter {name!r}: found {value!r} ({type(value).__name__}), expected {expected}"
            )
            continue
        if name in DATE_PARAMETERS and value != "":
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                problems.append(
                    f"{job.name}: parameter {name!r}: found {value!r}, expected a date YYYY-MM-DD, 'today' or 'last N days|weeks|months'"
                )
        allowed = ALLOWED_VALUES.get(name)
        if allowed is not None:
            found = [v for v in (value if isinstance(value, list) else [value]) if v not in allowed]
            if found:
                problems.append(
                    f"{job.name}: parameter {name!r}: found {', '.join(map(repr, found))}, expected {' or '.join(allowed)}"
                )
    return problems
