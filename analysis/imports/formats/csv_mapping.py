"""``incidents import csv``: any tracker spreadsheet, through a mapping file (TOML).

The mapping language (:mod:`analysis.imports.table_mapping`) is documented in ``docs/mapping.md``;
``--suggest`` (:mod:`analysis.imports.suggest`) writes a mapping that imports its file as it is.

Per row: ``[[drop]]`` rules first (a dropped row is reported with its reason); then the value of
each incidents.csv column is, in this order of precedence, a ``[constants]`` value, the first
``[[values]]`` rule that matches (``weapon`` collects every rule's weapons), the ``[columns]`` cell,
the ``[defaults]`` value. Ids: ``[id] column`` (the table's own ids, kept lossless), else ``[id] key``
(columns whose values name a row: stable when its other cells are corrected; rows with the same key
are kept apart as ``-2``, ``-3`` in file order), else the row number. Nothing is guessed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema
from analysis.data.kinds import dtype_of, kind_of
from analysis.imports.cells import date_range_text, out_of_range, parse_date_text
from analysis.imports.contract import Imported, Importer, ImportUsageError, Option
from analysis.imports.sources import NOT_DATED
from analysis.imports.suggest import suggest_mapping
from analysis.imports.table_mapping import NOT_SET, VOCABULARIES, TableMapping, bad_value, read_table_mapping
from analysis.imports.toolkit import (
    SKIP_INVALID,
    account_for_rows,
    id_column,
    read_text_table,
    reject_id_collisions,
    stable_id,
)

_URL = re.compile(r"https?://[^\s;,<>\"]+")


def import_tracker(path: Path, mapping_path: Path, skip_invalid: bool = False) -> Imported:
    """Read a tracker table through its mapping file (rows that cannot be mapped stop the import, or with
    ``skip_invalid`` are left out and reported)."""
    raw, rejected = read_text_table(path, (), "tracker table")
    table = read_table_mapping(mapping_path, list(raw.columns))
    cells = {c: raw[c].fillna("").str.strip().tolist() for c in raw.columns}
    n = len(raw)
    keys = _source_keys(table, cells, n)
    rejected.keys, rejected.key_name = keys, "row" if table.id_column is None else table.id_column
    dropped, drop_reasons = _dropped_rows(table, cells, n)
    keep = ~dropped
    rows, hits = _mapped_rows(table, cells, n)
    frame = pd.DataFrame(rows, columns=schema.INCIDENTS.column_names).astype("string")
    incidents = _typed(frame, table, rejected, keep)
    incidents["incident_id"] = _incident_ids(table, keys, cells, n)
    reject_id_collisions(incidents["incident_id"], keys, keep, rejected, table.id_column or "row")
    keep = rejected.settle(keep, skip_invalid)
    incidents["source_ids"], sources = _row_sources(table, cells, path, n)

    input_lines, kept_keys, skipped = account_for_rows(rejected, keys, keep, [(dropped, drop_reasons)])
    mapped = [f"tracker table: {n} rows", *_mapping_lines(table, hits)]
    not_mapped = [f"columns not used: {', '.join(c for c in raw.columns if c not in table.used_columns) or 'none'}"]
    incidents = incidents[keep].reset_index(drop=True)
    empty = [c.name for c in schema.INCIDENTS.columns if not c.required and incidents[c.name].isna().all()]
    not_mapped.append(f"left empty in every row: {', '.join(empty) or 'none'}")
    coverage = _coverage(table)
    return Imported(
        "tracker table", path, incidents, sources, mapped, not_mapped, input_lines, kept_keys, skipped, coverage
    )


def _source_keys(table: TableMapping, cells: dict[str, list[str]], n: int) -> pd.Series:
    """What names each row in messages and the log: its id, its key cells, or ``row N``."""
    if table.id_column:
        return pd.Series(cells[table.id_column], dtype="string").replace("", pd.NA)
    if table.id_key:
        return pd.Series([" | ".join(cells[c][r] for c in table.id_key) for r in range(n)], dtype="string")
    return pd.Series([f"row {r + 1}" for r in range(n)], dtype="string")


def _dropped_rows(table: TableMapping, cells: dict[str, list[str]], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows a ``[[drop]]`` rule leaves out, and the reason of the first rule that matched each."""
    dropped = np.zeros(n, dtype=bool)
    reasons = np.full(n, None, dtype=object)
    for rule in table.drops:
        for r in range(n):
            if not dropped[r] and rule.pattern.search(cells[rule.column][r]):
                dropped[r], reasons[r] = True, rule.reason
    return dropped, reasons


def _mapped_rows(table: TableMapping, cells: dict[str, list[str]], n: int) -> tuple[list[dict], list[int]]:
    """Each row's incidents.csv values as text (precedence: constants, value maps, columns, defaults), and
    how many rows each value map matched."""
    rows, hits = [], [0] * len(table.rules)
    for r in range(n):
        values = {name: cells[col][r] for name, col in table.columns.items() if cells[col][r]}
        matched: dict[str, str] = {}
        weapons: list[str] = []
        for i, rule in enumerate(table.rules):
            found = rule.pattern.search(cells[rule.column][r])
            if not found or (rule.also_column and not rule.also_pattern.search(cells[rule.also_column][r])):
                continue
            hits[i] += 1
            for target, template in rule.sets.items():
                value = _fill(template, found)
                if target == "weapon":
                    weapons += [w for w in schema.split_values(value) if w not in weapons]
                elif value:
                    matched.setdefault(target, value)
        values.update(matched)
        if weapons:
            ordered = [w for w in schema.WEAPONS if w in weapons] + [w for w in weapons if w not in schema.WEAPONS]
            values["weapon"] = ";".join(ordered)
        values.update(table.constants)
        for k, v in table.defaults.items():
            values.setdefault(k, v)
        rows.append(values)
    return rows, hits


def _fill(template: str, found) -> str:
    """``template`` with ``{1}``, ``{2}`` ... replaced by the match's groups (a group that took no part: empty).

    >>> import re2
    >>> _fill("{1}", re2.search(r"(\\d+) rockets", "about 30 rockets"))
    '30'
    """
    return re.sub(r"\{(\d+)\}", lambda m: found.group(int(m.group(1))) or "", template)


def _typed(frame: pd.DataFrame, table: TableMapping, rejected, keep: np.ndarray) -> pd.DataFrame:
    """Every mapped value checked (a problem per bad cell of a kept row) and typed as the writer expects."""
    out = {}
    for col in schema.INCIDENTS.columns:
        values = frame[col.name]
        label = f"{table.columns[col.name]} ({col.name})" if col.name in table.columns else col.name
        shown = values.to_numpy(object)
        kind = kind_of(col)
        if kind.is_date:
            parsed = pd.Series([parse_date_text(v, table.formats) if v else None for v in values.fillna("")])
            out[col.name] = pd.Series(pd.to_datetime(parsed.astype(object)), dtype="datetime64[s]")
            bad = values.notna().to_numpy() & parsed.isna().to_numpy() & keep
            rejected.add_rows(np.flatnonzero(bad), label, shown, f"a real date in one of the formats {table.formats}")
            far = out_of_range(out[col.name]) & keep
            rejected.add_rows(np.flatnonzero(far), label, shown, date_range_text())
        elif kind.is_number:
            number = pd.to_numeric(values, errors="coerce")
            low = col.minimum if col.minimum is not None else -np.inf
            high = col.maximum if col.maximum is not None else np.inf
            ok = number.between(low, high) & ((number == number.round()) if kind.is_whole_number else True)
            bad = values.notna().to_numpy() & ~ok.to_numpy(dtype=bool, na_value=False) & keep
            rejected.add_rows(np.flatnonzero(bad), label, shown, f"{kind.number_word} from {low:g} to {high:g}")
            out[col.name] = number.where(ok).astype(dtype_of(col))
        else:
            if col.name in VOCABULARIES:
                wrong = [i for i, v in enumerate(values) if keep[i] and not pd.isna(v) and bad_value(col.name, v)]
                rejected.add_rows(wrong, label, shown, bad_value(col.name, "\0") or "")
            out[col.name] = values
        if col.required and col.name not in NOT_SET:
            empty = np.flatnonzero(values.isna().to_numpy() & keep)
            rejected.add_rows(empty, label, shown, "a value (map a column, a constant or a default)")
    return pd.DataFrame(out)


def _incident_ids(table: TableMapping, keys: pd.Series, cells: dict[str, list[str]], n: int) -> pd.Series:
    """``<prefix>-<id>`` (lossless), ``<prefix>-<key words>-<hash of the key>`` (``-2``, ``-3`` for later rows
    with the same key), or ``<prefix>-row<N>``; never a hash of the whole row."""
    prefix = table.id_prefix
    if table.id_column:
        return id_column(prefix, keys)
    if not table.id_key:
        return pd.Series([f"{prefix}-row{r + 1}" for r in range(n)], dtype="string")
    ids, seen = [], {}
    for r in range(n):
        base = key_id(prefix, [cells[c][r] for c in table.id_key])
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return pd.Series(ids, dtype="string")


def key_id(prefix: str, parts: list[str]) -> str:
    """``<prefix>-<key words>-<hash of the exact key cells>``: the same key always gives the same id.

    >>> key_id("WSY", ["April 7, 2017", "Shayrat Airbase"])
    'WSY-April-7-2017-Shayrat-Airbase-26d37d'
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", " ".join(parts)).strip("-")[:40].strip("-") or "x"
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{slug}-{digest}"


def _row_sources(
    table: TableMapping, cells: dict[str, list[str]], path: Path, n: int
) -> tuple[pd.Series, pd.DataFrame]:
    """Each row's ``source_ids`` (the table, then each URL of its ``url_column``) and the sources.csv rows."""
    own = dict(table.source)
    own["headline"] = own["headline"] or f"tracker table {path.name}"
    own["published_basis"] = own["published_basis"] or NOT_DATED
    rows = {own["source_id"]: own}
    ids = []
    for r in range(n):
        cited = [own["source_id"]]
        for url in _URL.findall(cells[table.url_column][r]) if table.url_column else []:
            sid = stable_id("SRC", url)
            outlet = cells[table.outlet_column][r] if table.outlet_column else ""
            rows.setdefault(sid, _url_source(sid, url, outlet or "not stated", path.name))
            cited.append(sid)
        ids.append(";".join(dict.fromkeys(cited)))
    return pd.Series(ids, dtype="string"), pd.DataFrame(list(rows.values()), columns=schema.SOURCES.column_names)


def _url_source(sid: str, url: str, outlet: str, file_name: str) -> dict:
    return {
        "source_id": sid,
        "file": None,
        "url": url,
        "outlet": outlet,
        "headline": f"a page cited by {file_name} (its title is not in the table)",
        "published": None,
        "published_basis": "not stated: the table gives the address only",
        "sha256": None,
    }


def _mapping_lines(table: TableMapping, hits: list[int]) -> list[str]:
    lines = [f"{theirs} -> {ours}" for ours, theirs in table.columns.items()]
    lines += [f"constant {k} = {v!r}" for k, v in table.constants.items()]
    lines += [f"default {k} = {v!r} where empty" for k, v in table.defaults.items()]
    lines += [
        f"value map {i + 1} ({r.column} ~ /{r.pattern.pattern}/"
        + (f" and {r.also_column} ~ /{r.also_pattern.pattern}/" if r.also_column else "")
        + f" -> {', '.join(r.sets)}): {n} rows"
        for i, (r, n) in enumerate(zip(table.rules, hits, strict=True))
    ]
    if table.id_column:
        lines.append(f"{table.id_column} -> incident_id ({table.id_prefix}-<id>)")
    elif table.id_key:
        lines.append(f"{', '.join(table.id_key)} -> incident_id ({table.id_prefix}-<key>-<hash of the key>)")
    else:
        lines.append(f"row number -> incident_id ({table.id_prefix}-row<N>; stable while no row is inserted above)")
    if table.url_column:
        lines.append(f"{table.url_column} -> one sources.csv row per address, cited by its row")
    coverage = "[coverage]" if table.coverage else "no claim (the mapping has no [coverage] section)"
    lines.append(f"coverage: {coverage}")
    return lines


def _coverage(table: TableMapping) -> pd.DataFrame | None:
    """The ``[coverage]`` claim as coverage rows (typed as ``schema.COVERAGE``), or ``None``."""
    if table.coverage is None:
        return None
    cov = table.coverage
    return pd.DataFrame(
        {
            "period_start": pd.Series([pd.Timestamp(cov["period_start"])], dtype="datetime64[s]"),
            "period_end": pd.Series([pd.Timestamp(cov["period_end"])], dtype="datetime64[s]"),
            "countries": pd.Series([cov["countries"]], dtype="string"),
            "basis": pd.Series([f"{cov['basis']} (the mapping's [coverage])"], dtype="string"),
        }
    )


def _run(path: Path, options) -> Imported:
    if options.get("mapping") is None:
        raise ImportUsageError("import csv needs --mapping TOML and --out DIR (or --suggest)")
    return import_tracker(path, options["mapping"], bool(options.get("skip_invalid")))


def _answer(path: Path, options) -> str | None:
    return suggest_mapping(path) if options.get("suggest") else None


IMPORTER = Importer(
    name="csv",
    help="import any tracker spreadsheet (CSV) through a mapping file",
    description="Import a CSV table through a mapping file (docs/mapping.md: renames, value maps, constants, "
    "defaults, ids, dropped rows, coverage); --suggest prints a mapping that imports the file as it is.",
    run=_run,
    answer=_answer,
    options=(
        Option("--mapping", "the mapping file (required to import)", metavar="TOML"),
        Option("--suggest", "print a starter mapping for FILE and write nothing", switch=True),
        SKIP_INVALID,
    ),
)
