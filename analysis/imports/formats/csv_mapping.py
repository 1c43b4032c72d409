"""``incidents import csv``: any tracker spreadsheet, through a mapping file (TOML).

A mapping file (``--suggest`` prints a starter one for a file)::

    [source]                 # the table itself: one sources.csv row every incident cites
    id = "WIKI-US-SYRIA"
    outlet = "Wikipedia"
    headline = "List of United States attacks on Syria during the Syrian civil war"
    url = "https://en.wikipedia.org/wiki/..."
    published = ""           # YYYY-MM-DD, or empty when unknown
    published_basis = "not stated on the page copy"

    [id]
    prefix = "WSY"           # incident_id = <prefix>-<column's value>, or <prefix>-<date>-<hash of the row>
    column = ""

    [columns]                # incidents.csv column = the table's column (its text, trimmed)
    event_date = "Date"

    [dates]
    formats = ["%B %d, %Y"]  # strptime formats of the date column, tried in order (ISO is always tried)

    [constants]              # the same value on every row
    category = "us_strike"

    [defaults]               # where the row (and the value maps) leave a column empty
    weapon = "unknown"

    [[values]]               # a regular expression over a column's text; {1} is its first group
    column = "Notes"
    pattern = '(?i)rockets? \\(~?(\\d+)\\)'
    set = { weapon = "rocket", munitions_best = "{1}" }

Value maps run in file order; the first that matches sets a column, except ``weapon``, which
collects every weapon matched (``rocket;drone``). Nothing else is guessed: a column no rule fills
stays empty (or takes its default).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema
from analysis.data.problems import Problem, show
from analysis.imports import mapping as maps
from analysis.imports.contract import Imported, Importer, ImportRejected, ImportUsageError, Option
from analysis.imports.sources import NOT_DATED
from analysis.imports.suggest import suggest_mapping
from analysis.imports.toolkit import parse_date_text, read_text_table

SECTIONS = {
    "source": ("id", "outlet", "headline", "url", "published", "published_basis"),
    "id": ("prefix", "column"),
    "columns": tuple(schema.INCIDENTS.column_names),
    "dates": ("formats",),
    "constants": tuple(schema.INCIDENTS.column_names),
    "defaults": tuple(schema.INCIDENTS.column_names),
    "values": (),
}
_VOCABULARIES = {
    "category": tuple(schema.CATEGORIES),
    "event_type": tuple(schema.EVENT_TYPES),
    "sub_event_type": schema.SUB_EVENT_TYPES,
    "weapon": tuple(schema.WEAPONS),
    "outcome": tuple(schema.OUTCOMES),
    "date_precision": tuple(schema.DATE_PRECISIONS),
    "country": schema.COUNTRIES,
}
_NOT_SET = ("incident_id", "source_ids")


def import_tracker(path: Path, mapping_path: Path) -> Imported:
    """Read a tracker table through its mapping file."""
    mapping = maps.read_mapping(mapping_path)
    maps.check_known_keys(mapping, SECTIONS)
    data = mapping.data
    raw, rejected = read_text_table(path, (), "tracker table")
    _check_mapping(mapping, list(raw.columns))
    columns = data.get("columns", {})
    constants, defaults = data.get("constants", {}), data.get("defaults", {})
    rules = [_rule(mapping, i, r, list(raw.columns)) for i, r in enumerate(data.get("values", []))]
    formats = [*data.get("dates", {}).get("formats", []), "%Y-%m-%d"]
    cells = {c: raw[c].fillna("").str.strip().tolist() for c in raw.columns}

    rows, hits = [], {i: 0 for i in range(len(rules))}
    for r in range(len(raw)):
        values: dict[str, str] = {name: cells[col][r] for name, col in columns.items() if cells[col][r]}
        matched: dict[str, str] = {}
        weapons: list[str] = []
        for i, (column, pattern, sets) in enumerate(rules):
            found = pattern.search(cells[column][r])
            if not found:
                continue
            hits[i] += 1
            for target, template in sets.items():
                value = _fill(template, found)
                if target == "weapon":
                    weapons += [w for w in schema.split_values(value) if w not in weapons]
                else:
                    matched.setdefault(target, value)
        values.update(matched)
        if weapons:
            ordered = [w for w in schema.WEAPONS if w in weapons] + [w for w in weapons if w not in schema.WEAPONS]
            values["weapon"] = ";".join(ordered)
        values.update({k: str(v) for k, v in constants.items()})
        for k, v in defaults.items():
            values.setdefault(k, str(v))
        rows.append(values)

    table = pd.DataFrame(rows, columns=schema.INCIDENTS.column_names).astype("string")
    incidents = _typed(table, formats, rejected, columns)
    source = _table_source(mapping, path)
    incidents["source_ids"] = pd.Series([source["source_id"]] * len(incidents), dtype="string")
    incidents["incident_id"] = _incident_ids(mapping, raw, incidents, cells)
    rejected.raise_if_any()
    mapped = [f"tracker table: {len(raw)} rows"]
    mapped += [f"{theirs} -> {ours}" for ours, theirs in columns.items()]
    mapped += [f"constant {k} = {v!r}" for k, v in constants.items()]
    mapped += [f"default {k} = {v!r} where empty" for k, v in defaults.items()]
    mapped += [
        f"value map {i + 1} ({rules[i][0]} ~ /{rules[i][1].pattern}/ -> {', '.join(rules[i][2])}): {n} rows"
        for i, n in hits.items()
    ]
    used = set(columns.values()) | {r[0] for r in rules} | {data.get("id", {}).get("column", "")}
    not_mapped = [f"columns not used: {', '.join(c for c in raw.columns if c not in used) or 'none'}"]
    empty = [c.name for c in schema.INCIDENTS.columns if not c.required and incidents[c.name].isna().all()]
    not_mapped.append(f"left empty in every row: {', '.join(empty)}")
    sources = pd.DataFrame([source], columns=schema.SOURCES.column_names)
    return Imported("tracker table", path, incidents, sources, mapped, not_mapped)


def _check_mapping(mapping: maps.MappingFile, header: list[str]) -> None:
    """Every column the mapping names is in ``header``, every constant and default is allowed, every
    required incidents.csv column is filled by something; :class:`ImportRejected` listing what is not."""
    problems = [*_column_problems(mapping, header), *_value_problems(mapping), *_unfilled_problems(mapping)]
    if problems:
        raise ImportRejected(problems)


def _column_problems(mapping: maps.MappingFile, header: list[str]) -> list[Problem]:
    data = mapping.data
    problems = []
    for ours, theirs in data.get("columns", {}).items():
        if theirs not in header:
            problems.append(mapping.problem(ours, theirs, f"a column of the table: {', '.join(header)}", "columns"))
        if ours in _NOT_SET:
            problems.append(mapping.problem(ours, ours, "a column other than incident_id and source_ids", "columns"))
    id_column = data.get("id", {}).get("column", "")
    if id_column and id_column not in header:
        problems.append(mapping.problem("column", id_column, f"a column of the table: {', '.join(header)}", "id"))
    return problems


def _value_problems(mapping: maps.MappingFile) -> list[Problem]:
    data = mapping.data
    problems = [
        mapping.problem(ours, value, bad, section)
        for section in ("constants", "defaults")
        for ours, value in data.get(section, {}).items()
        if (bad := _bad_value(ours, str(value)))
    ]
    if "id" not in data.get("source", {}) or not re.match(schema._ID_PATTERN, str(data["source"]["id"])):
        problems.append(mapping.problem("source", "no [source] id", "a [source] section with an id such as WIKI-LIST"))
    return problems


def _unfilled_problems(mapping: maps.MappingFile) -> list[Problem]:
    data = mapping.data
    covered = set(data.get("columns", {})) | set(data.get("constants", {})) | set(data.get("defaults", {}))
    covered |= {t for r in data.get("values", []) if isinstance(r, dict) for t in r.get("set", {})}
    return [
        Problem(mapping.label, 0, col.name, "no mapping", "a [columns] entry, a constant or a default")
        for col in schema.INCIDENTS.columns
        if col.required and col.name not in covered and col.name not in _NOT_SET
    ]


def _bad_value(column: str, value: str) -> str | None:
    """What is wrong with a constant or default for ``column`` (None when fine)."""
    if column in _VOCABULARIES:
        parts = schema.split_values(value) if column in schema.MULTI_VALUED else [value]
        if not parts or any(p not in _VOCABULARIES[column] for p in parts):
            return f"one of {', '.join(_VOCABULARIES[column])}"
    return None


def _rule(mapping: maps.MappingFile, i: int, rule, header: list[str]):
    if not isinstance(rule, dict) or set(rule) - {"column", "pattern", "set"} or not isinstance(rule.get("set"), dict):
        raise ImportRejected([mapping.problem("values", repr(rule), "column, pattern and set = { column = value }")])
    if rule.get("column") not in header:
        found = rule.get("column")
        raise ImportRejected(
            [mapping.problem("column", found, f"a column of the table: {', '.join(header)}", "values")]
        )
    for target, value in rule["set"].items():
        if target not in schema.INCIDENTS.column_names or target in _NOT_SET:
            raise ImportRejected([mapping.problem(target, target, "an incidents.csv column", "values")])
        bad = _bad_value(target, str(value)) if "{" not in str(value) else None
        if bad:
            line = _rule_line(mapping, i, target)
            raise ImportRejected([Problem(mapping.label, line, target, show(str(value)), bad)])
    return (
        rule["column"],
        maps.compile_regex(mapping, "pattern", str(rule.get("pattern", "")), "values"),
        {k: str(v) for k, v in rule["set"].items()},
    )


def _rule_line(mapping: maps.MappingFile, i: int, target: str) -> int:
    """The line of the ``set`` of the ``i``-th ``[[values]]`` rule."""
    seen = -1
    for n, text in enumerate(mapping.lines):
        if text.strip().startswith("[[values]]"):
            seen += 1
        elif seen == i and text.strip().startswith("set") and target in text:
            return n + 1
    return 0


def _fill(template: str, found: re.Match) -> str:
    """``template`` with ``{1}``, ``{2}`` ... replaced by the match's groups.

    >>> _fill("{1}", re.search(r"(\\d+) rockets", "about 30 rockets"))
    '30'
    """
    return re.sub(r"\{(\d+)\}", lambda m: found.group(int(m.group(1))) or "", template)


def _typed(table: pd.DataFrame, formats: list[str], rejected, columns: dict) -> pd.DataFrame:
    """Check every mapped value and type the columns as the writer expects."""
    out = {}
    for col in schema.INCIDENTS.columns:
        values = table[col.name]
        label = f"{columns[col.name]} ({col.name})" if col.name in columns else col.name
        if col.kind == "date":
            parsed = [parse_date_text(v, formats) for v in values.fillna("")]
            bad = [i for i, (v, p) in enumerate(zip(values.fillna(""), parsed, strict=True)) if v and p is None]
            rejected.add_rows(bad, label, values.to_numpy(object), f"a date in one of the formats {formats}")
            out[col.name] = pd.Series(pd.to_datetime(pd.Series(parsed, dtype=object)), dtype="datetime64[s]")
        elif col.kind in ("int", "float"):
            number = pd.to_numeric(values, errors="coerce")
            low = col.minimum if col.minimum is not None else -np.inf
            high = col.maximum if col.maximum is not None else np.inf
            ok = number.between(low, high) & ((number == number.round()) if col.kind == "int" else True)
            bad = np.flatnonzero((values.notna() & ~ok).to_numpy())
            rejected.add_rows(bad, label, values.to_numpy(object), f"a number from {low:g} to {high:g}")
            out[col.name] = number.where(ok).astype("Int64" if col.kind == "int" else "float64")
        else:
            if col.name in _VOCABULARIES:
                wrong = [i for i, v in enumerate(values) if not pd.isna(v) and _bad_value(col.name, v)]
                rejected.add_rows(wrong, label, values.to_numpy(object), _bad_value(col.name, "\0") or "")
            out[col.name] = values
    for col in schema.INCIDENTS.columns:
        if col.required and col.name not in _NOT_SET:
            empty = np.flatnonzero(out[col.name].isna().to_numpy())
            rejected.add_rows(
                empty, col.name, table[col.name].to_numpy(object), "a value (map a column, a constant or a default)"
            )
    return pd.DataFrame(out)


def _table_source(mapping: maps.MappingFile, path: Path) -> dict:
    src = mapping.data.get("source", {})
    published = str(src.get("published", "")) or None
    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise ImportRejected(
                [mapping.problem("published", published, "a date as YYYY-MM-DD or empty", "source")]
            ) from None
    return {
        "source_id": str(src["id"]),
        "file": None,
        "url": str(src.get("url", "")) or None,
        "outlet": str(src.get("outlet", "")) or "not stated",
        "headline": str(src.get("headline", "")) or f"tracker table {path.name}",
        "published": published,
        "published_basis": str(src.get("published_basis", ""))
        or ("as the mapping file states" if published else NOT_DATED),
        "sha256": None,
    }


def _incident_ids(mapping: maps.MappingFile, raw: pd.DataFrame, incidents: pd.DataFrame, cells: dict) -> pd.Series:
    """``<prefix>-<id column>``, or ``<prefix>-<date>-<hash of the row's cells>`` (stable while the row is)."""
    spec = mapping.data.get("id", {})
    prefix = re.sub(r"[^A-Za-z0-9_.:-]", "_", str(spec.get("prefix", "ROW"))) or "ROW"
    column = spec.get("column", "")
    ids = []
    for r in range(len(raw)):
        if column:
            ids.append(f"{prefix}-{re.sub(r'[^A-Za-z0-9_.:-]', '_', cells[column][r])}")
            continue
        date = incidents["event_date"].iat[r]
        day = date.strftime("%Y%m%d") if not pd.isna(date) else "nodate"
        row_text = "\x1f".join(cells[c][r] for c in raw.columns)
        ids.append(f"{prefix}-{day}-{hashlib.sha256(row_text.encode('utf-8')).hexdigest()[:8]}")
    return pd.Series(ids, dtype="string")


def _run(path: Path, options) -> Imported:
    if options.get("mapping") is None:
        raise ImportUsageError("import csv needs --mapping TOML and --out DIR (or --suggest)")
    return import_tracker(path, options["mapping"])


def _answer(path: Path, options) -> str | None:
    return suggest_mapping(path) if options.get("suggest") else None


IMPORTER = Importer(
    name="csv",
    help="import any tracker spreadsheet (CSV) through a mapping file",
    description="Import a CSV table through a mapping file (renames, value maps, constants, defaults); "
    "--suggest prints a starter mapping for the file.",
    run=_run,
    answer=_answer,
    options=(
        Option("--mapping", "the mapping file (required to import)", metavar="TOML"),
        Option("--suggest", "print a starter mapping for FILE and write nothing", switch=True),
    ),
)
