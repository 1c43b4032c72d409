"""``incidents import csv FILE --suggest``: a mapping file that imports FILE as it is, on the first run.

Only what the table shows is mapped: a column named like an incidents.csv column (``claimed_by``,
``date_precision``; ``us_killed`` -> ``us_killed_best``) or like a common header (``Date``,
``Location``), and only when every value fits that column (a date format that reads every date,
whole numbers, values of the vocabulary). Free text goes to ``notes``; a vocabulary column whose
values are free text gets commented value-map stubs of its frequent values. Whatever the table does
not say is ``unknown`` where the schema has that value; the three required classifications that
have none (category, event_type, sub_event_type) get placeholders marked ``CHECK``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.data.problems import show
from analysis.imports.cells import parse_date_text
from analysis.imports.table_mapping import VOCABULARIES
from analysis.imports.toolkit import read_text_table

_GUESSES = {
    "event_date": ("date", "day", "when", "event date"),
    "location": ("location", "place", "site", "base", "where", "town", "city"),
    "country": ("country",),
    "admin1": ("province", "governorate", "region", "state"),
    "latitude": ("lat",),
    "longitude": ("lon", "lng", "long"),
    "perpetrator": ("attacker", "actor", "group", "perpetrators"),
    "claimed_by": ("claimed", "claim", "claimed by"),
    "weapon": ("weapons", "munition", "munitions", "type", "attack type"),
    "notes": ("description", "details", "summary", "note"),
}
_RANGE_PREFIXES = ("us_killed", "us_injured", "other_killed", "other_injured", "munitions")
_DATE_GUESSES = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%b-%y", "%d.%m.%Y")
_PLACEHOLDERS = {
    "category": ("regional", f"CHECK: one of {', '.join(schema.CATEGORIES)} (no 'unknown' in the schema)"),
    "event_type": ("Strategic developments", "CHECK: ACLED's event type of these rows"),
    "sub_event_type": ("Other", "CHECK: ACLED's sub-event type of these rows"),
}
_UNKNOWN = {"perpetrator": "unknown", "target": "unknown", "weapon": "unknown", "outcome": "unknown"}


def suggest_mapping(path: Path) -> str:
    """The text of a mapping file for ``path`` that imports it as it is (see the module's rules)."""
    raw, _ = read_text_table(path, (), "tracker table")
    values = {c: raw[c].str.strip().replace("", pd.NA).dropna() for c in raw.columns}
    mapped, notes = _guess_columns(list(raw.columns), values)
    date_col = mapped.get("event_date")
    date_format, fits = _date_format(values[date_col]) if date_col else (None, 0)
    if date_col and date_format is None:
        del mapped["event_date"]
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-").upper()[:20] or "TABLE"
    lines = [
        f"# Mapping for {path.name} ({len(raw)} rows), written by `incidents import csv {path.name} --suggest`.",
        "# It imports the file as it is; read every CHECK, then edit (docs/mapping.md is the reference).",
        f"# incidents import csv {path.name} --mapping MAPPING.toml --out DIR",
        "",
        "[source]  # the table itself: one sources.csv row that every incident cites",
        f"id = {_toml(slug)}",
        'outlet = ""           # who publishes the table',
        f"headline = {_toml(path.name)}",
        'url = ""',
        'published = ""        # YYYY-MM-DD, or empty when unknown',
        'published_basis = "not stated"',
        *_url_lines(values),
        "",
        "[id]",
        f"prefix = {_toml(slug[:8])}",
        '# column = "..."  # a column holding the table\'s own stable row ids, or',
        '# key = ["..."]    # the columns whose values name a row (stable when other cells are corrected);',
        "# with neither, ids are the row numbers (stable while no row is inserted above)",
        "",
        "[columns]  # incidents.csv column = this table's column",
        *[f"{ours} = {_toml(theirs)}" for ours, theirs in mapped.items()],
        *_column_comments(list(raw.columns), values, mapped),
    ]
    if date_col:
        lines += ["", "[dates]"]
        if date_format:
            lines.append(f"formats = [{_toml(date_format)}]  # reads {fits} of the {len(values[date_col])} dates")
        else:
            lines.append(f'# formats = ["..."]  # CHECK: no common format reads every date of {date_col!r}')
    lines += _default_lines(mapped)
    lines += _stub_lines(notes, values)
    return "\n".join(lines) + "\n"


def _guess_columns(header: list[str], values: dict[str, pd.Series]) -> tuple[dict[str, str], dict[str, str]]:
    """``{incidents.csv column: table column}`` of the columns whose every value fits, and the vocabulary
    columns of free text (``{table column: incidents.csv column}``) that get value-map stubs instead."""
    mapped = _named_columns(header)
    stubs: dict[str, str] = {}
    for ours, col in list(mapped.items()):
        if not _fits(ours, values[col]):
            del mapped[ours]
            if ours in VOCABULARIES or ours == "weapon":
                stubs[col] = ours
    if "notes" not in mapped:
        free = [c for c in header if c not in mapped.values() and c not in stubs and _looks_like_text(values[c])]
        if free:
            mapped["notes"] = free[0]
    return mapped, stubs


def _named_columns(header: list[str]) -> dict[str, str]:
    """Columns named like an incidents.csv column (``us_killed`` -> ``us_killed_best``), then like a common
    header (``Date``, ``Location``), each table column used once.

    >>> _named_columns(["Date", "claimed_by", "us_killed", "Place"])
    {'claimed_by': 'claimed_by', 'us_killed_best': 'us_killed', 'event_date': 'Date', 'location': 'Place'}
    """
    by_name = {c.strip().lower().rstrip("."): c for c in header}
    mapped: dict[str, str] = {}
    for name, col in by_name.items():
        ours = name if name in schema.INCIDENTS.column_names else f"{name}_best" if name in _RANGE_PREFIXES else None
        if ours and ours not in ("incident_id", "source_ids"):
            mapped[ours] = col
    for ours, words in _GUESSES.items():
        col = next((by_name[w] for w in words if w in by_name and by_name[w] not in mapped.values()), None)
        if col and ours not in mapped:
            mapped[ours] = col
    return mapped


def _fits(ours: str, cells: pd.Series) -> bool:
    """Whether every value of ``cells`` can go to the incidents.csv column ``ours`` as it is."""
    column = schema.INCIDENTS.column(ours)
    if ours in VOCABULARIES:
        allowed = set(VOCABULARIES[ours])
        parts = cells.map(schema.split_values) if ours in schema.MULTI_VALUED else cells.map(lambda v: [v])
        return bool(parts.map(lambda p: bool(p) and set(p) <= allowed).all())
    if column.kind in ("int", "float"):
        number = pd.to_numeric(cells, errors="coerce")
        low = column.minimum if column.minimum is not None else -float("inf")
        high = column.maximum if column.maximum is not None else float("inf")
        whole = (number == number.round()).all() if column.kind == "int" else True
        return bool(number.notna().all() and number.between(low, high).all() and whole)
    return True


def _looks_like_text(cells: pd.Series) -> bool:
    """Free text: most values have several words."""
    return len(cells) > 0 and float(cells.str.count(" ").ge(3).mean()) >= 0.5


def _date_format(cells: pd.Series) -> tuple[str | None, int]:
    """The common format that reads every date (and how many it reads), or ``(None, best count)``."""
    counts = {f: int(sum(parse_date_text(v, [f]) is not None for v in cells)) for f in _DATE_GUESSES}
    best = max(_DATE_GUESSES, key=lambda f: counts[f])
    return (best if counts[best] == len(cells) and len(cells) else None), counts[best]


def _url_lines(values: dict[str, pd.Series]) -> list[str]:
    links = [c for c, v in values.items() if len(v) and float(v.str.match(r"https?://").mean()) >= 0.5]
    if not links:
        return []
    return [f"url_column = {_toml(links[0])}  # each row also cites the page at its address"]


def _column_comments(header: list[str], values: dict[str, pd.Series], mapped: dict[str, str]) -> list[str]:
    lines = []
    for col in header:
        counts = values[col].value_counts()
        top = "; ".join(f"{show(v, 40)} x{n}" for v, n in counts.head(3).items()) or "always empty"
        mark = "mapped" if col in mapped.values() else "not mapped"
        lines.append(f"# {col!r} ({mark}): {counts.size} distinct values, most frequent: {top}")
    return lines


def _default_lines(mapped: dict[str, str]) -> list[str]:
    """``[defaults]``: unknown where the schema has it; placeholders marked CHECK where it has none."""
    lines = ["", "[defaults]  # where a row leaves the column empty"]
    if "date_precision" not in mapped:
        lines.append('date_precision = "day"  # CHECK: day, week, month or year: how precise the dates are')
    lines += [f"{k} = {_toml(v)}" for k, v in _UNKNOWN.items()]
    lines += [f"{k} = {_toml(v)}  # {why}" for k, (v, why) in _PLACEHOLDERS.items()]
    lines += ['# country = "Iraq"  # when every row is in one country']
    return lines


def _stub_lines(stubs: dict[str, str], values: dict[str, pd.Series]) -> list[str]:
    """Commented ``[[values]]`` stubs for vocabulary columns of free text, from their frequent values."""
    lines = []
    for col, ours in stubs.items():
        allowed = ", ".join(VOCABULARIES.get(ours, schema.WEAPONS))
        lines += ["", f"# {col!r} holds free text, not {ours} values ({allowed}): map its frequent values, e.g."]
        for value, n in values[col].value_counts().head(5).items():
            lines += [
                f"# [[values]]  # {n} rows",
                f"# column = {_toml(col)}",
                f"# pattern = {_toml('^' + re.escape(str(value)) + '$')}",
                f'# set = {{ {ours} = "..." }}',
            ]
    return lines


def _toml(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escaping is TOML's for these characters).

    >>> _toml('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    return json.dumps(text, ensure_ascii=False)
