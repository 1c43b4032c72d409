"""Mapping files (TOML): read them, and say where in them something is wrong.

``import acled`` and ``import ucdp`` take an optional mapping file with overrides::

    [category]
    us_forces = ["Military Forces of (the )?United States"]  # regular expressions naming US forces
    [category.events]                                        # one event's category, by the source's event id
    IRQ12345 = "regional"
    [weapon]                                                 # weapon by ACLED sub_event_type (ACLED only)
    "Air/drone strike" = "airstrike"

``import csv`` needs one (see :mod:`analysis.imports.table_mapping` and ``docs/mapping.md``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import re2

from analysis import schema
from analysis.data.problems import Problem, show
from analysis.imports.contract import ImportRejected

US_FORCES = (r"Military Forces of (the )?United States", r"Government of United States of America")
"""Default patterns of US forces: ACLED's actor names (any period suffix) and UCDP's side name."""
_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.log_errors = False  # the problem is reported at the mapping's line, not logged by RE2 too


@dataclass
class MappingFile:
    """One parsed mapping file and its text, to locate keys for messages."""

    path: Path
    data: dict
    lines: list[str]

    @property
    def label(self) -> str:
        return str(self.path)

    def line_of(self, key: str, section: str | None = None) -> int:
        """The first line defining ``key`` (after the ``[section]`` header when given); 0 when not found.

        >>> m = MappingFile(Path("m.toml"), {}, ["[columns]", "event_date = 'Date'", "[dates]"])
        >>> m.line_of("event_date"), m.line_of("dates"), m.line_of("nothing")
        (2, 3, 0)
        """
        start = 0
        if section:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(section)}\s*\]\]?\s*$")
            start = next((i for i, t in enumerate(self.lines) if header.match(t)), 0)
        pattern = re.compile(rf"""^\s*(\[\[?\s*)?(["']?){re.escape(key)}\2\s*(=|\]|\.)""")
        for i in range(start, len(self.lines)):
            if pattern.match(self.lines[i]):
                return i + 1
        return 0

    def problem(self, key: str, found: object, expected: str, section: str | None = None) -> Problem:
        return Problem(
            self.label,
            self.line_of(key, section),
            key,
            found if isinstance(found, str) and found.startswith("'") else show(found),
            expected,
        )


def read_mapping(path: Path | None) -> MappingFile | None:
    """Parse a mapping file; :class:`ImportRejected` at the line of a TOML syntax error."""
    if path is None:
        return None
    label = str(path)
    if not path.is_file():
        raise ImportRejected([Problem(label, 0, "-", "no such file", "a mapping file (TOML)")])
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        data = path.read_bytes()
        line = data.count(b"\n", 0, err.start) + 1
        found = f"byte 0x{data[err.start]:02x} that is not UTF-8"
        raise ImportRejected([Problem(label, line, "-", found, "a UTF-8 mapping file (save it as UTF-8)")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        where = re.search(r"line (\d+)", str(err))
        raise ImportRejected(
            [Problem(label, int(where.group(1)) if where else 0, "-", f"invalid TOML ({err})", "a TOML mapping file")]
        ) from None
    return MappingFile(path, data, text.splitlines())


def compile_patterns(mapping: MappingFile | None, key: str, section: str, default: tuple[str, ...]) -> list[re.Pattern]:
    """The regular expressions under ``[section] key`` (default ``default``), checked."""
    if mapping is None or key not in mapping.data.get(section, {}):
        return [re2.compile(p, options=_RE2_OPTIONS) for p in default]
    values = mapping.data[section][key]
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ImportRejected([mapping.problem(key, repr(values), "a list of regular expressions", section)])
    return [compile_regex(mapping, key, v, section) for v in values]


def compile_regex(
    mapping: MappingFile, key: str, pattern: str, section: str | None = None, line: int | None = None
) -> re2._Regexp:
    """``pattern`` compiled by RE2: a non-backtracking engine, so matching takes time linear in the text
    (``^(a+)+$`` cannot run away); no backreferences or lookarounds. A pattern RE2 refuses is a problem
    at its line (``line``, else the line of ``key`` in ``section``)."""
    try:
        return re2.compile(pattern, options=_RE2_OPTIONS)
    except re2.error as err:
        reason = err.args[0].decode() if err.args and isinstance(err.args[0], bytes) else str(err)
        expected = f"a regular expression RE2 accepts ({reason}; see docs/mapping.md)"
        problem = mapping.problem(key, pattern, expected, section)
        if line is not None:
            problem = Problem(problem.file, line, problem.column, problem.found, problem.expected)
        raise ImportRejected([problem]) from None


def vocabulary_table(mapping: MappingFile | None, section: str, allowed: tuple[str, ...], what: str) -> dict[str, str]:
    """``{key: value}`` of a ``[section]`` whose values must be ``allowed`` (e.g. ``[category.events]``)."""
    if mapping is None:
        return {}
    table = mapping.data
    for part in section.split("."):
        table = table.get(part, {}) if isinstance(table, dict) else {}
    problems = [
        mapping.problem(str(k), v, f"one of {', '.join(allowed)} ({what})", section)
        for k, v in table.items()
        if not all(p in allowed for p in schema.split_values(v)) or not schema.split_values(v)
    ]
    if problems:
        raise ImportRejected(problems)
    return {str(k): str(v) for k, v in table.items() if not isinstance(v, dict)}


def override_categories(mapping: MappingFile | None, ids, category, lines: list[str]) -> None:
    """Set ``category`` (an array aligned with ``ids``, the source's event ids) from the mapping file's
    ``[category.events]`` table, in place, and add a line saying how many it set."""
    overrides = vocabulary_table(mapping, "category.events", tuple(schema.CATEGORIES), "category by event id")
    if overrides:
        hit = ids.isin(list(overrides)).to_numpy()
        category[hit] = ids[hit].map(overrides).to_numpy()
        lines.append(f"{int(hit.sum())} categories set by the mapping file's [category.events]")


def check_known_keys(mapping: MappingFile | None, known: dict[str, tuple[str, ...]]) -> None:
    """Every section and key of the mapping file is one the importer reads (a typo is an error, not ignored)."""
    if mapping is None:
        return
    problems = []
    for section, value in mapping.data.items():
        if section not in known:
            problems.append(mapping.problem(section, section, f"a section of {', '.join(known)}"))
            continue
        keys = known[section]
        if keys and isinstance(value, dict):
            problems += [
                mapping.problem(k, k, f"a key of [{section}]: {', '.join(keys)}", section)
                for k in value
                if k not in keys
            ]
    if problems:
        raise ImportRejected(problems)
