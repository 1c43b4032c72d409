"""The mapping language of ``incidents import csv``: a TOML file read and checked into a :class:`TableMapping`.

``docs/mapping.md`` is the reference (every key, precedence, the regular expressions' flavour,
examples). Everything is checked before a row is read: a mistake is a problem at the mapping file's
line (FILE:LINE), never a silent default.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from analysis import schema
from analysis.data.problems import Problem, show
from analysis.imports import mapping as maps
from analysis.imports.contract import ImportRejected

SECTIONS = {
    "source": ("id", "outlet", "headline", "url", "published", "published_basis", "url_column", "outlet_column"),
    "id": ("prefix", "column", "key"),
    "columns": tuple(schema.INCIDENTS.column_names),
    "dates": ("formats",),
    "constants": tuple(schema.INCIDENTS.column_names),
    "defaults": tuple(schema.INCIDENTS.column_names),
    "values": (),
    "drop": (),
    "coverage": ("period_start", "period_end", "countries", "basis"),
}
VOCABULARIES = {
    "category": tuple(schema.CATEGORIES),
    "event_type": tuple(schema.EVENT_TYPES),
    "sub_event_type": schema.SUB_EVENT_TYPES,
    "weapon": tuple(schema.WEAPONS),
    "outcome": tuple(schema.OUTCOMES),
    "date_precision": tuple(schema.DATE_PRECISIONS),
    "country": schema.COUNTRIES,
}
NOT_SET = ("incident_id", "source_ids")
"""Columns a mapping never sets: ``[id]`` makes the ids, ``[source]`` the sources."""
RULE_KEYS = {"column", "pattern", "set", "also_column", "also_pattern"}
DROP_KEYS = {"column", "pattern", "reason"}


@dataclass(frozen=True)
class ValueRule:
    """One ``[[values]]`` rule: where ``pattern`` is found in ``column`` (and ``also_pattern`` in
    ``also_column``, when given), set each column of ``sets`` (``{1}`` is the pattern's first group)."""

    column: str
    pattern: object
    sets: dict[str, str]
    also_column: str | None = None
    also_pattern: object = None


@dataclass(frozen=True)
class DropRule:
    """One ``[[drop]]`` rule: a row whose ``column`` matches ``pattern`` is left out, reported with ``reason``."""

    column: str
    pattern: object
    reason: str


@dataclass
class TableMapping:
    """A checked mapping file of ``incidents import csv``."""

    file: maps.MappingFile
    columns: dict[str, str]
    constants: dict[str, str]
    defaults: dict[str, str]
    formats: list[str]
    rules: list[ValueRule]
    drops: list[DropRule]
    id_prefix: str
    id_column: str | None
    id_key: list[str]
    source: dict[str, str | None]
    url_column: str | None = None
    outlet_column: str | None = None
    coverage: dict | None = None
    used_columns: set[str] = field(default_factory=set)


def read_table_mapping(path, header: list[str]) -> TableMapping:
    """Read and check the mapping file ``path`` against the table's ``header``; :class:`ImportRejected`
    listing every problem at its line."""
    mapping = maps.read_mapping(path)
    maps.check_known_keys(mapping, SECTIONS)
    problems = [
        *_section_type_problems(mapping),
        *_column_problems(mapping, header),
        *_value_problems(mapping),
        *_unfilled_problems(mapping),
    ]
    if problems:
        raise ImportRejected(problems)
    data = mapping.data
    rules = [_value_rule(mapping, i, r, header) for i, r in enumerate(data.get("values", []))]
    drops = [_drop_rule(mapping, r, header) for r in data.get("drop", [])]
    id_spec = data.get("id", {})
    source = data.get("source", {})
    table = TableMapping(
        file=mapping,
        columns={k: str(v) for k, v in data.get("columns", {}).items()},
        constants={k: str(v) for k, v in data.get("constants", {}).items()},
        defaults={k: str(v) for k, v in data.get("defaults", {}).items()},
        formats=[*_date_formats(mapping), "%Y-%m-%d"],
        rules=rules,
        drops=drops,
        id_prefix=re.sub(r"[^A-Za-z0-9_.:-]", "_", str(id_spec.get("prefix", "ROW"))) or "ROW",
        id_column=str(id_spec.get("column", "")) or None,
        id_key=_key_columns(mapping),
        source=_table_source(mapping),
        url_column=str(source.get("url_column", "")) or None,
        outlet_column=str(source.get("outlet_column", "")) or None,
        coverage=_coverage(mapping),
    )
    table.used_columns = (
        set(table.columns.values())
        | {r.column for r in rules}
        | {r.also_column for r in rules if r.also_column}
        | {d.column for d in drops}
        | {c for c in (table.id_column, table.url_column, table.outlet_column) if c}
        | set(table.id_key)
    )
    return table


# --- checks -----------------------------------------------------------------------------


def _section_type_problems(mapping: maps.MappingFile) -> list[Problem]:
    """Tables where tables belong, lists of tables for ``[[values]]`` and ``[[drop]]``."""
    problems = []
    for section, value in mapping.data.items():
        if section in ("values", "drop"):
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(
                    mapping.problem(section, repr(value), f"[[{section}]] tables (note the double brackets)")
                )
        elif not isinstance(value, dict):
            problems.append(mapping.problem(section, repr(value), f"a [{section}] section"))
    return problems


def _column_problems(mapping: maps.MappingFile, header: list[str]) -> list[Problem]:
    data = mapping.data
    table_columns = f"a column of the table: {', '.join(header)}"
    problems = []
    for ours, theirs in _table(data, "columns").items():
        if theirs not in header:
            problems.append(mapping.problem(ours, theirs, table_columns, "columns"))
        if ours in NOT_SET:
            problems.append(mapping.problem(ours, ours, "a column other than incident_id and source_ids", "columns"))
    for section, key in (("id", "column"), ("source", "url_column"), ("source", "outlet_column")):
        named = _table(data, section).get(key, "")
        if named and named not in header:
            problems.append(mapping.problem(key, named, table_columns, section))
    key = _table(data, "id").get("key", [])
    for column in [key] if isinstance(key, str) else key if isinstance(key, list) else [key]:
        if column not in header:
            problems.append(mapping.problem("key", column, table_columns, "id"))
    return problems


def _value_problems(mapping: maps.MappingFile) -> list[Problem]:
    data = mapping.data
    problems = []
    for section in ("constants", "defaults"):
        for ours, value in _table(data, section).items():
            if ours in NOT_SET:
                expected = "a column other than incident_id and source_ids ([id] makes the ids, [source] the sources)"
                problems.append(mapping.problem(ours, ours, expected, section))
            elif bad := bad_value(ours, value):
                problems.append(mapping.problem(ours, value, bad, section))
    source_id = _table(data, "source").get("id")
    if not isinstance(source_id, str) or not re.match(schema._ID_PATTERN, source_id):
        problems.append(mapping.problem("source", "no [source] id", "a [source] section with an id such as WIKI-LIST"))
    return problems


def _unfilled_problems(mapping: maps.MappingFile) -> list[Problem]:
    data = mapping.data
    covered = set(_table(data, "columns")) | set(_table(data, "constants")) | set(_table(data, "defaults"))
    rules = data.get("values", []) if isinstance(data.get("values"), list) else []
    covered |= {t for r in rules if isinstance(r, dict) and isinstance(r.get("set"), dict) for t in r["set"]}
    return [
        Problem(
            mapping.label,
            mapping.line_of("defaults") or mapping.line_of("columns") or max(len(mapping.lines), 1),
            col.name,
            "no mapping",
            "a [columns] entry, a constant or a default (e.g. in [defaults])",
        )
        for col in schema.INCIDENTS.columns
        if col.required and col.name not in covered and col.name not in NOT_SET
    ]


def bad_value(column: str, value: object) -> str | None:
    """What is wrong with a constant or default ``value`` for ``column`` (``None`` when fine).

    >>> bad_value("weapon", "rocket;drone"), bad_value("category", "attack")
    (None, 'one of attack_on_us, us_strike, regional')
    """
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        return "a text or a number"
    if column in VOCABULARIES:
        text = str(value)
        parts = schema.split_values(text) if column in schema.MULTI_VALUED else [text]
        if not parts or any(p not in VOCABULARIES[column] for p in parts):
            return f"one of {', '.join(VOCABULARIES[column])}"
    return None


def _table(data: dict, section: str) -> dict:
    value = data.get(section, {})
    return value if isinstance(value, dict) else {}


# --- parts ----------------------------------------------------------------------------------


def _date_formats(mapping: maps.MappingFile) -> list[str]:
    """``[dates] formats``: one strptime format (a string) or a list of them, each checked."""
    formats = _table(mapping.data, "dates").get("formats", [])
    if isinstance(formats, str):
        formats = [formats]
    if not isinstance(formats, list) or not all(isinstance(f, str) and "%" in f for f in formats):
        expected = 'strptime formats: "%d/%m/%Y" or a list such as ["%B %d, %Y", "%d/%m/%Y"]'
        raise ImportRejected([mapping.problem("formats", repr(formats), expected, "dates")])
    for fmt in formats:
        try:
            dt.datetime(2024, 1, 28).strftime(fmt)
            dt.datetime.strptime(dt.datetime(2024, 1, 28).strftime(fmt), fmt)
        except ValueError as err:
            raise ImportRejected([mapping.problem("formats", fmt, f"a strptime format ({err})", "dates")]) from None
    return formats


def _key_columns(mapping: maps.MappingFile) -> list[str]:
    key = _table(mapping.data, "id").get("key", [])
    keys = [key] if isinstance(key, str) else key
    if not isinstance(keys, list) or not all(isinstance(k, str) for k in keys):
        raise ImportRejected([mapping.problem("key", repr(key), "a list of column names", "id")])
    return keys


def _value_rule(mapping: maps.MappingFile, i: int, rule: dict, header: list[str]) -> ValueRule:
    line = _rule_line(mapping, "values", i)
    if set(rule) - RULE_KEYS or not isinstance(rule.get("set"), dict) or "column" not in rule:
        expected = "column, pattern and set = { column = value } (also_column, also_pattern optional)"
        raise ImportRejected([Problem(mapping.label, line, "values", show(repr(rule)), expected)])
    for column in (rule.get("column"), rule.get("also_column")):
        if column is not None and column not in header:
            raise ImportRejected([Problem(mapping.label, line, "column", show(column), _columns_text(header))])
    pattern_line = _rule_line(mapping, "values", i, "pattern")
    pattern = maps.compile_regex(mapping, "pattern", str(rule.get("pattern", "")), line=pattern_line)
    also = rule.get("also_column")
    also_line = _rule_line(mapping, "values", i, "also_pattern")
    also_pattern = maps.compile_regex(mapping, "also_pattern", str(rule.get("also_pattern", "")), line=also_line)
    sets = {}
    for target, value in rule["set"].items():
        if target not in schema.INCIDENTS.column_names or target in NOT_SET:
            expected = "an incidents.csv column other than incident_id and source_ids"
            raise ImportRejected([Problem(mapping.label, line, target, show(target), expected)])
        text = str(value)
        groups = [int(g) for g in re.findall(r"\{(\d+)\}", text)]
        if any(g < 1 or g > pattern.groups for g in groups):
            expected = f"groups {{1}} to {{{pattern.groups}}} of the pattern (it has {pattern.groups})"
            problem_line = _rule_line(mapping, "values", i, target)
            raise ImportRejected([Problem(mapping.label, problem_line, target, show(text), expected)])
        if not groups and (bad := bad_value(target, value)):
            problem_line = _rule_line(mapping, "values", i, target)
            raise ImportRejected([Problem(mapping.label, problem_line, target, show(text), bad)])
        sets[target] = text
    return ValueRule(rule["column"], pattern, sets, also, also_pattern if also else None)


def _drop_rule(mapping: maps.MappingFile, rule: dict, header: list[str]) -> DropRule:
    line = _rule_line(mapping, "drop", mapping.data["drop"].index(rule))
    if set(rule) - DROP_KEYS or "column" not in rule or "pattern" not in rule:
        expected = 'column, pattern and reason (e.g. reason = "not an attack")'
        raise ImportRejected([Problem(mapping.label, line, "drop", show(repr(rule)), expected)])
    if rule["column"] not in header:
        raise ImportRejected([Problem(mapping.label, line, "column", show(rule["column"]), _columns_text(header))])
    index = mapping.data["drop"].index(rule)
    pattern = maps.compile_regex(
        mapping, "pattern", str(rule["pattern"]), line=_rule_line(mapping, "drop", index, "pattern")
    )
    reason = str(rule.get("reason", "")) or f"{rule['column']} matches /{rule['pattern']}/"
    return DropRule(rule["column"], pattern, f"dropped by the mapping: {reason}")


def _rule_line(mapping: maps.MappingFile, section: str, i: int, word: str | None = None) -> int:
    """The line of the ``i``-th ``[[section]]`` table: the first line in it naming ``word`` when given, else
    its header (0 when not found)."""
    headers = [n + 1 for n, t in enumerate(mapping.lines) if re.match(r"^\s*\[\[?\s*[^\]]*\]\]?", t)]
    mine = [n + 1 for n, t in enumerate(mapping.lines) if re.match(rf"^\s*\[\[\s*{section}\s*\]\]", t)]
    if i >= len(mine):
        return 0
    start = mine[i]
    end = next((h for h in headers if h > start), len(mapping.lines) + 1)
    if word:
        found = [n for n in range(start, end) if re.search(rf"\b{re.escape(word)}\b", mapping.lines[n - 1])]
        return found[0] if found else start
    return start


def _columns_text(header: list[str]) -> str:
    return f"a column of the table: {', '.join(header)}"


def _table_source(mapping: maps.MappingFile) -> dict[str, str | None]:
    """The sources.csv row of the table itself (``[source]``)."""
    src = _table(mapping.data, "source")
    published = str(src.get("published", "")) or None
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            expected = "a real date as YYYY-MM-DD, or empty"
            raise ImportRejected([mapping.problem("published", published, expected, "source")]) from None
    return {
        "source_id": str(src["id"]),
        "file": None,
        "url": str(src.get("url", "")) or None,
        "outlet": str(src.get("outlet", "")) or "not stated",
        "headline": str(src.get("headline", "")) or None,
        "published": published,
        "published_basis": str(src.get("published_basis", "")) or ("as the mapping file states" if published else None),
        "sha256": None,
    }


def _coverage(mapping: maps.MappingFile) -> dict | None:
    """``[coverage]``: the period (and countries) the table's publisher says it lists completely; ``None``
    when the mapping has no such section (then the import claims nothing)."""
    cov = mapping.data.get("coverage")
    if cov is None:
        return None
    problems = []
    days = {}
    for key in ("period_start", "period_end"):
        try:
            days[key] = dt.date.fromisoformat(str(cov.get(key, "")))
        except ValueError:
            problems.append(mapping.problem(key, cov.get(key, ""), "a real date as YYYY-MM-DD", "coverage"))
    countries = cov.get("countries", [])
    countries = [countries] if isinstance(countries, str) else countries
    if not isinstance(countries, list) or any(c not in schema.COUNTRIES for c in countries):
        problems.append(
            mapping.problem("countries", repr(countries), f"a list of {', '.join(schema.COUNTRIES)}", "coverage")
        )
    if not str(cov.get("basis", "")).strip():
        expected = "who says the table is complete for this period, and where (e.g. the tracker's methodology page)"
        problems.append(mapping.problem("basis", "", expected, "coverage"))
    if not problems and days["period_end"] < days["period_start"]:
        problems.append(
            mapping.problem("period_end", str(days["period_end"]), "a date on or after period_start", "coverage")
        )
    if problems:
        raise ImportRejected(problems)
    return {**days, "countries": ";".join(countries) or None, "basis": str(cov["basis"])}
