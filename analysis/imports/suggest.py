"""``incidents import csv FILE --suggest``: a starter mapping file for a tracker table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.data.problems import show
from analysis.imports.toolkit import parse_date_text, read_text_table

_GUESSES = {
    "event_date": ("date", "day", "when", "event_date"),
    "location": ("location", "place", "site", "base", "where", "town", "city"),
    "country": ("country",),
    "admin1": ("province", "governorate", "admin1", "region", "state"),
    "latitude": ("lat", "latitude"),
    "longitude": ("lon", "lng", "long", "longitude"),
    "perpetrator": ("perpetrator", "attacker", "actor", "group"),
    "claimed_by": ("claimed", "claim"),
    "target": ("target",),
    "weapon": ("weapon", "munition", "type"),
    "notes": ("notes", "description", "details", "summary"),
}
_DATE_GUESSES = ("%Y-%m-%d", "%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%d/%m/%Y", "%m/%d/%Y", "%d-%b-%y")


def suggest_mapping(path: Path) -> str:
    """A starter mapping file for ``path``: guessed renames and the columns' most frequent values."""
    raw, _ = read_text_table(path, (), "tracker table")
    header = list(raw.columns)
    guessed: dict[str, str] = {}
    for ours, words in _GUESSES.items():
        for col in header:
            if col not in guessed.values() and col.strip().lower().rstrip(".") in words:
                guessed[ours] = col
                break
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-").upper()[:20] or "TABLE"
    lines = [
        f"# Starter mapping for {path.name} ({len(raw)} rows),",
        f"# printed by `incidents import csv {path.name} --suggest`.",
        f"# Edit it, then: incidents import csv {path.name} --mapping MAPPING.toml --out DIR",
        "",
        "[source]  # the table itself: one sources.csv row that every incident cites",
        f'id = "{slug}"',
        'outlet = ""           # who publishes the table',
        f'headline = "{path.name}"',
        'url = ""',
        'published = ""        # YYYY-MM-DD, or empty when unknown',
        'published_basis = "not stated"',
        "",
        "[id]",
        f'prefix = "{slug[:8]}"',
        'column = ""           # a column holding a stable row id; empty: derived from the date and the row',
        "",
        "[columns]  # incidents.csv column = this table's column",
    ]
    lines += [f'{ours} = "{theirs}"' for ours, theirs in guessed.items()]
    for col in header:
        counts = raw[col].str.strip().replace("", pd.NA).dropna().value_counts()
        top = "; ".join(f"{show(v, 40)} x{n}" for v, n in counts.head(3).items()) or "always empty"
        mark = "mapped" if col in guessed.values() else "not mapped"
        lines.append(f"# {col!r} ({mark}): {counts.size} distinct values, most frequent: {top}")
    date_col = guessed.get("event_date")
    if date_col:
        sample = raw[date_col].str.strip().replace("", pd.NA).dropna().head(50).tolist()
        best = max(_DATE_GUESSES, key=lambda f: sum(parse_date_text(v, [f]) is not None for v in sample))
        fits = sum(parse_date_text(v, [best]) is not None for v in sample)
        lines += ["", "[dates]", f'formats = ["{best}"]  # fits {fits} of the first {len(sample)} dates']
    lines += [
        "",
        "[constants]  # the same value on every row; uncomment what holds for the whole table",
        f'# category = "attack_on_us"  # {", ".join(schema.CATEGORIES)}',
        '# country = "Iraq"',
        '# event_type = "Explosions/Remote violence"',
        '# sub_event_type = "Shelling/artillery/missile attack"',
        "",
        "[defaults]  # where a row leaves the column empty",
        'date_precision = "day"',
        'perpetrator = "unknown"',
        'target = "unknown"',
        'weapon = "unknown"',
        'outcome = "unknown"',
        "",
        "# [[values]]  # free text to the vocabularies; {1} is the first group of the pattern",
        f'# column = "{guessed.get("notes", header[-1])}"',
        "# pattern = '(?i)rockets? \\(~?(\\d+)\\)'",
        '# set = { weapon = "rocket", munitions_best = "{1}" }',
    ]
    return "\n".join(lines) + "\n"
