"""Report jobs: read ``reports.toml``, resolve relative periods, check parameters.

A job is one report: a notebook under ``notebooks/`` and the parameters it
runs with. Parameters are checked against the notebook's declared parameters
(names and types, read by ``papermill.inspect_notebook``) before anything
runs, because papermill pastes parameter *names* into code as they are.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths, schema
from analysis.files import file_kind
from analysis.paths import RESERVED_NAMES


class JobConfigError(ValueError):
    """A reports.toml or parameter problem; the CLI prints it and exits 2 (``EXIT["bad_input"]``)."""


@dataclass(frozen=True)
class Job:
    """One report to render: ``name`` becomes ``<name>.html``."""

    name: str
    notebook: Path
    parameters: dict = field(default_factory=dict)
    timeout_s: int = 600
    description: str = ""


_RELATIVE = re.compile(r"last\s+(\d+)\s+(day|week|month)s?", re.IGNORECASE)
_DATA_RELATIVE = re.compile(
    r"data(?:'s)?\s+(start|end|first day|last day|(last\s+\d+\s+(?:day|week|month)s?))", re.IGNORECASE
)
DataSpan = Callable[[], "tuple[dt.date, dt.date] | None"]
"""Gives the first and last incident dates of the data being rendered (``None``: no incidents)."""
_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
MAX_NAME_LENGTH = 100
MAX_CONFIG_BYTES = 1_000_000
MAX_TIMEOUT_S = 86_400
JOB_KEYS = ("name", "notebook", "parameters", "timeout_s", "description")
DEFAULT_KEYS = ("parameters", "timeout_s")
DATE_PARAMETERS = ("start", "end")
# Parameters whose values come from a vocabulary (list parameters: every item).
ALLOWED_VALUES: dict[str, tuple[str, ...]] = {
    "frequency": tuple(schema.FREQUENCIES),
    "categories": tuple(schema.CATEGORIES),
    "countries": schema.COUNTRIES,
}
# Whole-number parameters that must be at least 1 (checked when the notebook declares them).
POSITIVE_PARAMETERS = ("rolling_periods",)


def resolve_relative_date(value: str, today: dt.date) -> str:
    """Resolve ``today`` and ``last N days|weeks|months`` to an ISO date.

    ``last N ...`` means the first day of the period that ends today. A period
    reaching before year 1 raises ``ValueError``.

    >>> resolve_relative_date("last 8 weeks", dt.date(2024, 3, 1))
    '2024-01-05'
    >>> resolve_relative_date("last 2 months", dt.date(2024, 3, 31))
    '2024-01-31'
    >>> resolve_relative_date("today", dt.date(2024, 3, 1))
    '2024-03-01'
    >>> resolve_relative_date("2024-02-02", dt.date(2024, 3, 1))
    '2024-02-02'
    >>> resolve_relative_date("last 99999999 days", dt.date(2024, 3, 1))
    Traceback (most recent call last):
    ...
    ValueError: 'last 99999999 days' reaches before year 1 (counted back from 2024-03-01)
    """
    text = value.strip()
    if text.lower() == "today":
        return today.isoformat()
    match = _RELATIVE.fullmatch(text)
    if not match:
        return text
    count, unit = int(match.group(1)), match.group(2).lower()
    try:
        if unit == "day":
            return (today - dt.timedelta(days=count)).isoformat()
        if unit == "week":
            return (today - dt.timedelta(weeks=count)).isoformat()
        month_index = today.year * 12 + today.month - 1 - count
        year, month = divmod(month_index, 12)
        day = min(today.day, _days_in_month(year, month + 1))
        return dt.date(year, month + 1, day).isoformat()
    except (OverflowError, ValueError):
        raise ValueError(f"{value!r} reaches before year 1 (counted back from {today})") from None


def resolve_data_date(value: str, data_span: DataSpan | None) -> str:
    """Resolve a period relative to the data: ``data start``, ``data end`` (its first and last incident
    dates) and ``data's last N days|weeks|months`` (counted back from its last incident); other values
    are returned as they are. ``ValueError`` when the data has no incident dates.

    >>> span = lambda: (dt.date(2003, 3, 20), dt.date(2018, 6, 14))
    >>> resolve_data_date("data start", span), resolve_data_date("data's last 8 weeks", span)
    ('2003-03-20', '2018-04-19')
    >>> resolve_data_date("last 8 weeks", span)
    'last 8 weeks'
    """
    match = _DATA_RELATIVE.fullmatch(value.strip())
    if not match:
        return value
    span = data_span() if data_span else None
    if span is None:
        raise ValueError(f"found {value!r}, but the data has no incident dates to count from")
    first, last = span
    word = match.group(1).lower()
    if word in ("start", "first day"):
        return first.isoformat()
    if word in ("end", "last day"):
        return last.isoformat()
    return resolve_relative_date(match.group(2), last)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def _found(value: object) -> str:
    """``value`` as an error message shows it: its repr (cut at 60 characters) and its type."""
    text = repr(value)
    return f"{text[:60]}... ({type(value).__name__})" if len(text) > 60 else f"{text} ({type(value).__name__})"


def read_config(path: Path) -> dict:
    """Parse the TOML file at ``path``: a regular file of at most 1 MB (``/dev/zero``, a FIFO: refused, not read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise JobConfigError(f"{path}: file not found, expected a reports.toml with [[job]] tables") from None
    except OSError as exc:
        raise JobConfigError(f"{path}: cannot be read ({exc.strerror}), expected a reports.toml file") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise JobConfigError(f"{path}: found {file_kind(path) or 'no file'}, expected a TOML file")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_CONFIG_BYTES:
        raise JobConfigError(f"{path}: found more than {MAX_CONFIG_BYTES:,} bytes, expected a small TOML file")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise JobConfigError(f"{path}: not UTF-8 text: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise JobConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise JobConfigError(f"{path}: not valid TOML: nested too deeply") from None


def read_jobs(path: Path | None = None, today: dt.date | None = None, data_span: DataSpan | None = None) -> list[Job]:
    """Read the jobs of ``reports.toml`` with relative periods resolved against ``today``, and periods
    relative to the data (``data's last 8 weeks``, :func:`resolve_data_date`) against ``data_span``.

    Every value is checked for its type before it is used, so a bad file gives
    one line naming the job, the key, what was found and what was expected.
    """
    path = Path(path or paths.REPORTS_TOML)
    today = today or dt.date.today()
    config = read_config(path)
    unknown = sorted(set(config) - {"defaults", "job"})
    if unknown:
        raise JobConfigError(f"{path}: found unknown top-level key(s) {unknown}, expected [defaults] and [[job]]")
    defaults = _table(config.get("defaults", {}), f"{path}: defaults", "[defaults]")
    unknown = sorted(set(defaults) - set(DEFAULT_KEYS))
    if unknown:
        raise JobConfigError(f"{path}: defaults: found unknown key(s) {unknown}, expected {', '.join(DEFAULT_KEYS)}")
    default_parameters = _table(defaults.get("parameters", {}), f"{path}: defaults: parameters", "a table")
    default_timeout = _timeout(defaults.get("timeout_s", 600), f"{path}: defaults")
    jobs, seen = [], set()
    for number, raw in enumerate(_job_tables(config, path), start=1):
        where = f"{path}: job {number}"
        name = _job_name(raw.get("name"), where)
        if name in seen:
            raise JobConfigError(f"{where}: name: found duplicate {name!r}, expected each job name once")
        seen.add(name)
        jobs.append(_read_job(raw, f"{where} ({name})", path, today, default_parameters, default_timeout, data_span))
    if not jobs:
        raise JobConfigError(f"{path}: found no [[job]] tables, expected at least one")
    return jobs


def _job_tables(config: dict, path: Path) -> list[dict]:
    """The ``[[job]]`` tables of the file, each a dict."""
    raw_jobs = config.get("job", [])
    if isinstance(raw_jobs, dict):
        raise JobConfigError(f"{path}: job: found a single [job] table, expected [[job]] tables (double brackets)")
    if not isinstance(raw_jobs, list) or not all(isinstance(raw, dict) for raw in raw_jobs):
        raise JobConfigError(f"{path}: job: found {_found(raw_jobs)}, expected [[job]] tables")
    return raw_jobs


def _read_job(
    raw: dict,
    where: str,
    path: Path,
    today: dt.date,
    default_parameters: dict,
    default_timeout: int,
    data_span: DataSpan | None = None,
) -> Job:
    """One ``[[job]]`` table whose name is checked, checked; ``where`` names it (``reports.toml: job 3 (weekly)``)."""
    name = raw["name"]
    unknown = sorted(set(raw) - set(JOB_KEYS))
    if unknown:
        raise JobConfigError(f"{where}: found unknown key(s) {unknown}, expected {', '.join(JOB_KEYS)}")
    notebook = resolve_notebook(raw.get("notebook"), path, where)
    parameters = {**default_parameters, **_table(raw.get("parameters", {}), f"{where}: parameters", "a table")}
    for key in DATE_PARAMETERS:
        if isinstance(parameters.get(key), str):
            try:
                parameters[key] = resolve_relative_date(resolve_data_date(parameters[key], data_span), today)
            except ValueError as exc:
                raise JobConfigError(f"{where}: parameter {key!r}: {exc}, expected a later date") from None
    timeout = _timeout(raw["timeout_s"], where) if "timeout_s" in raw else default_timeout
    description = raw.get("description", "")
    if not isinstance(description, str):
        raise JobConfigError(f"{where}: description: found {_found(description)}, expected a string")
    return Job(name, notebook, parameters, timeout, description)


def _table(value: object, where: str, expected: str) -> dict:
    if not isinstance(value, dict):
        raise JobConfigError(f"{where}: found {_found(value)}, expected {expected}")
    return value


def _job_name(name: object, where: str) -> str:
    """A job name: ``<name>.html`` must be a safe file name that the output folder does not use already."""
    if not isinstance(name, str) or not _NAME.fullmatch(name) or len(name) > MAX_NAME_LENGTH:
        raise JobConfigError(
            f"{where}: name: found {_found(name)}, expected lower-case letters, digits, '-' or '_' "
            f"(first a letter or digit, at most {MAX_NAME_LENGTH} characters)"
        )
    if name in RESERVED_NAMES:
        raise JobConfigError(
            f"{where}: name: found {name!r}, which the output folder uses itself; expected another name "
            f"(reserved: {', '.join(RESERVED_NAMES)})"
        )
    return name


def _timeout(value: object, where: str) -> int:
    """``timeout_s``: whole seconds per cell, from 1 to a day (0 or less would switch the timeout off)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_TIMEOUT_S:
        raise JobConfigError(
            f"{where}: timeout_s: found {_found(value)}, expected whole seconds per cell from 1 to {MAX_TIMEOUT_S}"
        )
    return value


def notebook_roots(config_path: Path) -> list[Path]:
    """The folders a job file may take notebooks from: ``notebooks/`` for the project's
    reports.toml; for any other file, its own folder and the project's ``notebooks/``."""
    notebooks = paths.NOTEBOOKS_DIR.resolve()
    config_path = Path(config_path).resolve()
    if config_path == paths.REPORTS_TOML.resolve():
        return [notebooks]
    return [config_path.parent, notebooks]


def resolve_notebook(value: object, config_path: Path, where: str = "") -> Path:
    """The notebook file a job names, resolved (symbolic links followed) and kept inside :func:`notebook_roots`.

    A relative name is looked up in ``notebooks/`` beside the job file, then
    beside the job file itself (then, for a job file of your own, in the
    project's ``notebooks/``). A path that leads out of those folders is refused.
    """
    where = where or str(config_path)
    roots = notebook_roots(config_path)
    if not isinstance(value, str) or not value.strip():
        raise JobConfigError(f"{where}: notebook: found {_found(value)}, expected a notebook file name")
    if "\0" in value:
        raise JobConfigError(f"{where}: notebook: found {_found(value)}, expected a file name without NUL")
    base = Path(config_path).resolve().parent
    candidates = [base / "notebooks" / value, base / value, paths.NOTEBOOKS_DIR / value]
    found = [c.resolve() for c in candidates if c.is_file()]
    inside = [p for p in found if any(p.is_relative_to(root) for root in roots)]
    shown_roots = " or ".join(f"{root}/" for root in roots)
    if not inside and (found or ".." in Path(value).parts or Path(value).is_absolute()):
        outside = found[0] if found else (base / value).resolve()
        raise JobConfigError(
            f"{where}: notebook: found {value!r}, which leads to {outside}, outside {shown_roots}; "
            "expected a notebook inside"
        )
    if not inside:
        raise JobConfigError(f"{where}: notebook: found {value!r}, expected a file under {shown_roots}")
    if inside[0].suffix != ".ipynb":
        raise JobConfigError(f"{where}: notebook: found {value!r}, expected a .ipynb notebook")
    return inside[0]


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


def read_declared_by_notebook(jobs: list[Job]) -> dict[Path, dict[str, dict]]:
    """:func:`read_declared_parameters` of each job's notebook; one that papermill cannot read raises
    :class:`JobConfigError`."""
    declared: dict[Path, dict[str, dict]] = {}
    for job in jobs:
        if job.notebook not in declared:
            try:
                declared[job.notebook] = read_declared_parameters(job.notebook)
            except Exception as exc:  # nbformat's validation, JSON, encoding: whatever makes it unreadable
                first = next((line.strip() for line in str(exc).splitlines() if line.strip()), "")
                problem = f"{type(exc).__name__}: {first[:200]}"
                raise JobConfigError(
                    f"{job.name}: {job.notebook}: not a notebook papermill can read ({problem})"
                ) from None
    return declared


def check_job_parameters(job: Job, declared: dict[str, dict]) -> list[str]:
    """List what is wrong with ``job.parameters`` against the notebook's declaration.

    >>> job = Job("x", Path("x.ipynb"), {"start": "2024-13-01", "colour": "red", "countries": "Iraq",
    ...                                  "frequency": "fortnight", "rolling_periods": 0})
    >>> declared = {"start": {"type": "str"}, "countries": {"type": "list[str]"}, "frequency": {"type": "str"},
    ...             "rolling_periods": {"type": "int"}}
    >>> for problem in check_job_parameters(job, declared): print(problem)
    x: parameter 'colour': found an unknown name, expected one of countries, frequency, rolling_periods, start
    x: parameter 'countries': found 'Iraq' (str), expected list[str]
    x: parameter 'frequency': found 'fortnight', expected day or week or month
    x: parameter 'rolling_periods': found 0, expected a whole number of at least 1
    x: parameter 'start': found '2024-13-01', expected a date YYYY-MM-DD, 'today' or 'last N days|weeks|months'
    """
    problems = [
        f"{job.name}: parameter {name!r}: {problem}"
        for name in sorted(job.parameters)
        if (problem := check_parameter(name, job.parameters[name], declared))
    ]
    period = check_period(job.parameters.get("start"), job.parameters.get("end"))
    if period:
        problems.append(f"{job.name}: parameter 'end': {period}")
    return problems


def check_parameter(name: str, value: object, declared: dict[str, dict]) -> str:
    """What is wrong with one parameter value ("found ..., expected ..."), or "".

    >>> check_parameter("frequency", "month", {"frequency": {"type": "str"}})
    ''
    >>> check_parameter("categories", ["attack_on_us", "raid"], {"categories": {"type": "list[str]"}})
    "found 'raid', expected attack_on_us or us_strike or regional"
    """
    if name not in declared:
        return f"found an unknown name, expected one of {', '.join(sorted(declared))}"
    expected = declared[name]["type"]
    check = _TYPE_CHECKS.get(expected)
    if check is not None and not check(value):
        return f"found {value!r} ({type(value).__name__}), expected {expected}"
    if name in DATE_PARAMETERS and value != "":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return f"found {value!r}, expected a date YYYY-MM-DD, 'today' or 'last N days|weeks|months'"
    if name in POSITIVE_PARAMETERS and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        return f"found {value!r}, expected a whole number of at least 1"
    allowed = ALLOWED_VALUES.get(name)
    if allowed is not None:
        found = [v for v in (value if isinstance(value, list) else [value]) if v not in allowed]
        if found:
            return f"found {', '.join(map(repr, found))}, expected {' or '.join(allowed)}"
    return ""


def check_period(start: object, end: object) -> str:
    """ "found ..., expected ..." when ``end`` comes before ``start`` (both ISO dates), else "".

    >>> check_period("2024-02-01", "2024-01-31")
    "found '2024-01-31', expected a date on or after the start 2024-02-01"
    >>> check_period("2024-02-01", ""), check_period("not a date", "2024-01-01")
    ('', '')
    """
    try:
        first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    except (TypeError, ValueError):
        return ""
    return f"found {end!r}, expected a date on or after the start {first}" if last < first else ""


# --- overrides from the command line (`incidents render --start/--end/--param`) ----------------

_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}


def parse_override(text: str, flag: str = "--param") -> tuple[str, str]:
    """``NAME=VALUE`` -> ``(NAME, VALUE)`` (the value stays text until the notebook says its type).

    >>> parse_override("countries=Iraq,Syria")
    ('countries', 'Iraq,Syria')
    >>> parse_override("title")
    Traceback (most recent call last):
    ...
    analysis.render.jobs.JobConfigError: --param: found 'title', expected NAME=VALUE
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise JobConfigError(f"{flag}: found {text!r}, expected NAME=VALUE")
    return name.strip(), value


def convert_override(text: str, expected: str) -> object:
    """A command-line value as the type the notebook declares; ``ValueError`` says what was expected.

    Lists are comma-separated; an empty value is an empty list.

    >>> convert_override("Iraq, Syria", "list[str]"), convert_override("", "list[str]")
    (['Iraq', 'Syria'], [])
    >>> convert_override("4", "int"), convert_override("no", "bool"), convert_override("2024", "str")
    (4, False, '2024')
    >>> convert_override("four", "int")
    Traceback (most recent call last):
    ...
    ValueError: a whole number (int)
    """
    if expected in {"list[str]", "list"}:
        return [item.strip() for item in text.split(",") if item.strip()]
    if expected == "int":
        try:
            return int(text.strip())
        except ValueError:
            raise ValueError("a whole number (int)") from None
    if expected == "float":
        try:
            value = float(text.strip())
        except ValueError:
            raise ValueError("a number (float)") from None
        if value != value or value in {float("inf"), float("-inf")}:
            raise ValueError("a finite number (float)")
        return value
    if expected == "bool":
        if text.strip().lower() in _TRUE | _FALSE:
            return text.strip().lower() in _TRUE
        raise ValueError("true or false (bool)")
    return text


def apply_overrides(
    jobs: list[Job],
    overrides: list[tuple[str, str, str]],
    today: dt.date,
    declared_by_notebook: dict[Path, dict[str, dict]],
) -> list[Job]:
    """``jobs`` with every ``(flag, name, text)`` override applied, each checked like a reports.toml value.

    ``declared_by_notebook`` holds each job notebook's declared parameters. A
    name some selected job's notebook does not declare, a value of the wrong
    type or outside its vocabulary, or a period that ends before it starts
    raises :class:`JobConfigError` naming the flag (and the job, when it
    concerns one), so nothing runs.
    """
    result = []
    for job in jobs:
        declared = declared_by_notebook[job.notebook]
        parameters = dict(job.parameters)
        flags = {}
        for flag, name, text in overrides:
            shown = f"{flag} {name}={text}" if flag == "--param" else flag
            if name == "data_dir":
                raise JobConfigError(f"{shown}: found the data directory, expected --data DIR for it")
            if name not in declared:
                raise JobConfigError(
                    f"{shown}: found a parameter that job {job.name!r} ({job.notebook.name}) does not have, "
                    f"expected one of {', '.join(sorted(set(declared) - {'data_dir'}))} (or --job to choose jobs)"
                )
            value: object = text
            if name in DATE_PARAMETERS:
                try:
                    value = resolve_relative_date(text, today)
                except ValueError as exc:
                    raise JobConfigError(f"{shown}: {exc}, expected a later date") from None
            else:
                try:
                    value = convert_override(text, declared[name]["type"])
                except ValueError as exc:
                    raise JobConfigError(f"{shown}: found {text!r}, expected {exc}") from None
            problem = check_parameter(name, value, declared)
            if problem:
                raise JobConfigError(f"{shown}: {problem}")
            parameters[name], flags[name] = value, shown
        period = check_period(parameters.get("start"), parameters.get("end"))
        if period and ("start" in flags or "end" in flags):
            shown = flags.get("end") or flags["start"]
            raise JobConfigError(
                f"{shown}: found a period of job {job.name!r} that ends {parameters['end']}, before its start "
                f"{parameters['start']}; expected an end on or after the start"
            )
        result.append(Job(job.name, job.notebook, parameters, job.timeout_s, job.description))
    return result
