"""Write what an importer made into a data directory: merge, build places, validate, move into place.

1. The output folder must be new, empty, or a data directory (it holds ``incidents.csv``); anything
   else is refused before anything is written.
2. Merge, keyed on ids: an incident, source or place of the folder whose id (``incident_id``,
   ``source_id``, place ``name``) the import also has is replaced by the import's row in place;
   the others are kept; new rows follow. Re-importing the same file changes nothing; a newer
   export of the same source updates its incidents without duplicating them.
3. Places: one ``places.csv`` row per distinct location of the imported rows (name, country,
   admin1, coordinates; ``kind`` empty: the sources do not say). A name that the rows (or the
   folder) use for two different points gets its admin1 or country, then its coordinates, added.
4. The whole directory is written to a temporary folder beside the output, validated like
   ``incidents validate`` does, and only then swapped into place, under a lock, never following a
   symlink (:mod:`analysis.imports.output_folder`). Any problem: the temporary folder is removed,
   nothing changed.
5. Coverage is a claim the importer makes or not (``Imported.coverage``): ACLED and UCDP claim
   their countries from the first to the last event date (``--no-coverage``: none), a csv-mapping
   import only what its mapping's ``[coverage]`` states. A claim is added to the folder's
   ``coverage.csv`` (an identical row is not repeated); an import that claims nothing adds nothing.
6. Rows in = rows out + rows reported: ``import-log.csv`` (:data:`LOG_FILE`), written with the data,
   has one row per input data row: its line, the source's id, the incident it became and whether
   that was new, updated or unchanged, or why it was skipped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from analysis import schema
from analysis.data.kinds import kind_of
from analysis.data.problems import Problem, count_text
from analysis.data.read import empty_as_missing, read_csv_as_text, record_start_lines
from analysis.data.validate import validate_data_dir
from analysis.imports.contract import IMPORT_LOG_FILE, Imported, ImportRejected
from analysis.imports.output_folder import (
    hold_import_lock,
    make_temporary_folder,
    os_error,
    recover_and_clean,
    resolve_output,
    swap_into_place,
)

_CORE = ("sources", "places", "incidents", "evidence")


LOG_FILE = IMPORT_LOG_FILE
"""Written beside the data by every import: one row per input line, what became of it and why."""
LOG_COLUMNS = ("input_file", "input_line", "source_id", "incident_id", "outcome", "reason")
TEXT = pa.large_string()
SHOWN_SKIPPED = 100
"""At most this many skipped lines are printed; the log lists them all."""


def write_import(imported: Imported, out: Path) -> list[str]:
    """Merge ``imported`` into ``out`` (created when absent) and return the lines to print.

    Raises :class:`ImportRejected` (nothing written) when ``out`` is not a data directory or the result
    would not validate.
    """
    out = Path(out)
    target = resolve_output(out)
    with hold_import_lock(target):
        try:
            return _write_locked(imported, out, target)
        except OSError as exc:
            raise os_error(Path(exc.filename) if exc.filename else out, exc, "write the import") from None


def _write_locked(imported: Imported, out: Path, target: Path) -> list[str]:
    """:func:`write_import` under the lock: ``out`` as the user named it, ``target`` the folder written."""
    recovered = recover_and_clean(target)
    _check_output_folder(target)
    existing = _read_existing(target)
    incidents = _incidents_as_text(imported.incidents)
    incidents, places, renamed = _places_for(incidents, existing.get("places"))
    merged_incidents, counts, outcome = _merge(existing.get("incidents"), incidents, "incident_id", unique=True)
    sources = _as_text_frame(imported.sources, schema.SOURCES)
    merged_sources, _, _ = _merge(existing.get("sources"), sources, "source_id")
    merged_places, place_counts, _ = _merge(existing.get("places"), places, "name")
    coverage = _coverage_for(imported, existing.get("coverage"))
    log = import_log(imported, incidents["incident_id"], outcome)
    tables = {"incidents": merged_incidents, "sources": merged_sources, "places": merged_places}
    if coverage is not None:
        tables["coverage"] = coverage
    report = _write_and_swap(target, out, tables, log)
    claimed = "its countries, first to last event date" if imported.coverage is not None else "no claim"
    lines = [
        *recovered,
        _rows_line(imported, counts, out),
        f"incidents: {counts['new']} new, {counts['updated']} updated, {counts['unchanged']} unchanged"
        + (f", {counts['kept']} kept (in {out} but not in this file)" if counts["kept"] else ""),
        f"places: {place_counts['new']} new, {len(merged_places) - place_counts['new']} already there"
        + (f"; {renamed} names given their region or coordinates to tell places apart" if renamed else ""),
        f"sources: {len(sources)} from this file ({len(merged_sources)} in {out})",
        f"coverage: {0 if coverage is None else len(coverage)} period(s) claimed in coverage.csv "
        f"(this file: {claimed})",
        *_skipped_lines(imported),
        *[f"note: {n}" for n in report.notes],
        f"{out}: written; {report.summary()}",
    ]
    return lines


def _rows_line(imported: Imported, counts: dict[str, int], out: Path) -> str:
    """``rows: N in = a new + b updated + c unchanged + d skipped`` (every input row accounted for)."""
    skipped = 0 if imported.skipped is None else len(imported.skipped)
    total = len(imported.incidents) + skipped
    return (
        f"rows: {total} in = {counts['new']} new + {counts['updated']} updated + {counts['unchanged']} unchanged"
        f" + {skipped} skipped; each line and what became of it: {out / LOG_FILE}"
    )


def _skipped_lines(imported: Imported) -> list[str]:
    skipped = imported.skipped
    if skipped is None or skipped.empty:
        return []
    lines = []
    for row in skipped.head(SHOWN_SKIPPED).itertuples(index=False):
        key = f" ({row.source_key})" if not pd.isna(row.source_key) else ""
        lines.append(f"skipped: {imported.path}:{row.input_line}{key}: {row.reason}")
    if len(skipped) > SHOWN_SKIPPED:
        lines.append(f"skipped: {len(skipped) - SHOWN_SKIPPED} more lines, listed in {LOG_FILE}")
    return lines


def import_log(imported: Imported, incident_ids: pd.Series, outcome: pd.Series) -> pd.DataFrame:
    """One row per input data row, in the input's order: ``input_file``, ``input_line``, ``source_id`` (the
    source's own id or key), ``incident_id``, ``outcome`` (new, updated, unchanged, skipped) and ``reason``
    (every column text, built in pyarrow: no Python object per row)."""
    n = len(imported.incidents)
    lines = np.asarray(imported.input_lines if imported.input_lines is not None else np.arange(2, n + 2), np.int64)
    keys = imported.source_keys if imported.source_keys is not None else _missing(n)
    parts = {
        "input_line": [pa.array(lines)],
        "source_id": [_as_arrow_text(keys)],
        "incident_id": [_as_arrow_text(incident_ids)],
        "outcome": [_as_arrow_text(outcome)],
        "reason": [pa.nulls(n, TEXT)],
    }
    skipped = imported.skipped
    if skipped is not None and len(skipped):
        skipped_lines = skipped["input_line"].astype(np.int64).to_numpy()
        lines = np.concatenate([lines, skipped_lines])
        parts["input_line"].append(pa.array(skipped_lines))
        parts["source_id"].append(_as_arrow_text(skipped["source_key"]))
        parts["incident_id"].append(pa.nulls(len(skipped), TEXT))
        parts["outcome"].append(_constant("skipped", len(skipped)))
        parts["reason"].append(_as_arrow_text(skipped["reason"]))
    columns = {
        name: _joined_chunks(arrays, pa.int64() if name == "input_line" else TEXT) for name, arrays in parts.items()
    }
    if len(lines) > 1 and not (np.diff(lines) >= 0).all():  # skipped rows go back among the others
        order = pa.array(np.argsort(lines, kind="stable"))
        columns = {name: column.take(order) for name, column in columns.items()}
    columns["input_line"] = columns["input_line"].cast(pa.large_string())
    text = {"input_file": _constant(str(imported.path), len(lines)), **columns}
    return pd.DataFrame({c: pd.Series(pd.arrays.ArrowStringArray(text[c]), copy=False) for c in LOG_COLUMNS})


def _joined_chunks(arrays: list, arrow_type: pa.DataType) -> pa.ChunkedArray:
    """The arrays (or chunked arrays) of ``arrow_type`` one after the other, as one chunked array."""
    chunks = [c for a in arrays for c in (a.chunks if isinstance(a, pa.ChunkedArray) else [a])]
    return pa.chunked_array(chunks, type=arrow_type)


def _constant(text: str, n: int) -> pa.ChunkedArray:
    """``n`` cells of ``text``."""
    return pa.chunked_array([pa.repeat(pa.scalar(text, TEXT), n)])


def _coverage_for(imported: Imported, existing: pd.DataFrame | None) -> pd.DataFrame | None:
    """The folder's coverage rows plus the claim of this import, if it makes one (as text, an identical row
    kept once). An import that claims nothing adds nothing: a gap between imports stays "not covered"."""
    parts = [] if existing is None or existing.empty else [_as_text_frame(existing, schema.COVERAGE)]
    if imported.coverage is not None and len(imported.coverage):
        rows = imported.coverage
        parts.append(
            pd.DataFrame(
                {
                    "period_start": rows["period_start"].dt.strftime("%Y-%m-%d").astype("string"),
                    "period_end": rows["period_end"].dt.strftime("%Y-%m-%d").astype("string"),
                    "countries": rows["countries"].astype("string"),
                    "basis": rows["basis"].astype("string"),
                }
            )
        )
    if not parts:
        return None  # no coverage.csv: no claim (an empty one would claim that nothing is covered)
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


# --- the output folder ------------------------------------------------------------------


def _check_output_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ImportRejected([Problem(str(out), 0, "-", "a file", "a folder for the data directory (--out)")])
    if out.is_dir() and any(out.iterdir()) and not (out / "incidents.csv").is_file():
        raise ImportRejected(
            [
                Problem(
                    str(out),
                    0,
                    "-",
                    "a folder that is not a data directory (no incidents.csv)",
                    "a new or empty folder, or a data directory to update",
                )
            ]
        )


def _read_existing(out: Path) -> dict[str, pd.DataFrame]:
    """The core tables already in ``out``, every cell as text; a folder that does not validate is refused."""
    if not (out / "incidents.csv").is_file():
        return {}
    report = validate_data_dir(out)
    if not report.ok:
        problems = [*report.problems[:20]]
        problems.append(
            Problem(
                str(out), 0, "-", f"{count_text(len(report.problems), 'problem')}", "a valid data directory to update"
            )
        )
        raise ImportRejected(problems)
    tables = {}
    for name in (*_CORE, "coverage"):
        path = out / schema.table(name).file
        if name == "coverage" and not path.is_file():
            continue
        arrow = read_csv_as_text(path)
        tables[name] = pd.DataFrame({c: empty_as_missing(arrow.column(c)) for c in arrow.column_names})
    return tables


# --- tables as text -----------------------------------------------------------------------


def _as_text_frame(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    return pd.DataFrame(
        {c.name: _as_text(frame[c.name], c) if c.name in frame else _missing(len(frame)) for c in table.columns}
    )


def _as_text(values: pd.Series, column: schema.Column) -> pd.Series:
    """The column's cells as text, empty cells ``<NA>``; a column that is text already and has no empty cell
    is kept as it is (one look over the whole column instead of a pass per pyarrow chunk).

    >>> col = schema.INCIDENTS.column("notes")
    >>> _as_text(pd.Series(["a", "", None], dtype="string[pyarrow]"), col).tolist()
    ['a', <NA>, <NA>]
    >>> kept = pd.Series(["a", None], dtype="string[pyarrow]")
    >>> _as_text(kept, col) is kept
    True
    """
    arr = getattr(values.array, "_pa_array", None)
    if arr is not None and arr.type == TEXT and not pc.any(pc.equal(pc.binary_length(arr), 0)).as_py():
        return values
    return kind_of(column).to_text(values)


def _missing(n: int) -> pd.Series:
    """``n`` empty text cells."""
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.nulls(n, pa.large_string())])))


def _incidents_as_text(incidents: pd.DataFrame) -> pd.DataFrame:
    return _as_text_frame(incidents, schema.INCIDENTS)


# --- places -------------------------------------------------------------------------------


def _places_for(incidents: pd.DataFrame, existing: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The places of the incidents' locations, with names made unique; incidents renamed to match."""
    key = ["location", "country", "latitude", "longitude"]
    known = incidents["location"].notna()
    distinct = incidents.loc[known, [*key, "admin1"]].drop_duplicates(subset=key).reset_index(drop=True)
    names = distinct["location"].astype("string")
    clash = np.array(names.duplicated(keep=False).to_numpy(), dtype=bool)
    if existing is not None and len(existing):
        point = ["latitude", "longitude", "country"]
        old = existing.drop_duplicates("name").set_index("name")[point].fillna("")
        here = distinct[point].fillna("")
        for i in np.flatnonzero(names.isin(old.index).to_numpy()):
            clash[i] |= tuple(old.loc[names.iat[i]]) != tuple(here.iloc[i])
    renamed = 0
    if clash.any():
        region = distinct["admin1"].fillna(distinct["country"]).fillna("unknown country")
        names = names.mask(clash, names + " (" + region + ")")
        again = names.duplicated(keep=False).to_numpy() & clash
        coords = distinct["latitude"].fillna("?") + ", " + distinct["longitude"].fillna("?")
        names = names.mask(again, distinct["location"] + " (" + coords + ")")
        renamed = int(clash.sum())
        lookup = distinct[key].assign(_name=names)
        merged = incidents[key].merge(lookup, on=key, how="left")
        incidents = incidents.assign(location=merged["_name"].to_numpy())
    places = pd.DataFrame(
        {
            "name": names,
            "aliases": distinct["location"].where(names != distinct["location"]),
            "kind": pd.NA,
            "country": distinct["country"],
            "admin1": distinct["admin1"],
            "latitude": distinct["latitude"],
            "longitude": distinct["longitude"],
        }
    ).astype("string")
    return incidents, places, renamed


# --- merging -----------------------------------------------------------------------------


def _merge(
    old: pd.DataFrame | None, new: pd.DataFrame, key: str, unique: bool = False
) -> tuple[pd.DataFrame, dict[str, int], pd.Series]:
    """Rows of ``old`` replaced in place by the rows of ``new`` with the same ``key``, then ``new``'s others;
    the counts, and the outcome of each row of ``new`` (``new``, ``updated``, ``unchanged``).

    ``unique``: ``new`` must not repeat a key (incidents: the importers make every id once); a repeat is a
    bug, never a silent merge. Otherwise a repeated key (a source cited by many rows) is kept once. Into
    an empty folder, ``unique`` keys are not hashed here: the validation of the written folder refuses a
    repeated incident id (naming both lines) before anything is moved into place.
    """
    if unique and (old is None or old.empty):
        return new, {"new": len(new), "updated": 0, "unchanged": 0, "kept": 0}, _outcome_new(len(new))
    repeated = new[key].duplicated(keep="last")
    if unique and repeated.any():
        raise AssertionError(f"{key} repeated by an importer: {new.loc[repeated, key].head(3).tolist()}")
    if repeated.any():  # a copy of every column only when some row goes
        new = new[~repeated.to_numpy()].reset_index(drop=True)
    outcome = _outcome_new(len(new))
    if old is None or old.empty:
        return new, {"new": len(new), "updated": 0, "unchanged": 0, "kept": 0}, outcome
    old = old[list(new.columns)].reset_index(drop=True)
    in_new = old[key].isin(new[key]).to_numpy()
    position = pd.Series(np.arange(len(new)), index=new[key].to_numpy())
    replaced_at = position[old.loc[in_new, key].to_numpy()].to_numpy()
    replacing = new.iloc[replaced_at].reset_index(drop=True)
    before = old[in_new].reset_index(drop=True)
    same = (before.fillna("\0") == replacing.fillna("\0")).all(axis=1).to_numpy()
    outcome.iloc[replaced_at] = np.where(same, "unchanged", "updated")
    merged = old.copy()
    merged.loc[in_new] = replacing.to_numpy()
    added = new[~new[key].isin(old[key]).to_numpy()]
    counts = {
        "new": len(added),
        "updated": int((~same).sum()),
        "unchanged": int(same.sum()),
        "kept": int((~in_new).sum()),
    }
    return pd.concat([merged, added], ignore_index=True), counts, outcome


def _outcome_new(n: int) -> pd.Series:
    """``new`` for each of ``n`` rows (text)."""
    return pd.Series(pd.arrays.ArrowStringArray(_constant("new", n)))


# --- writing ------------------------------------------------------------------------------


def write_text_csv(frame: pd.DataFrame, path: Path) -> pa.Table:
    """Write a text frame as CSV (every text quoted, empty cells for ``<NA>``); return the arrow table written."""
    arrays = pa.table({c: _as_arrow_text(frame[c]) for c in frame.columns})
    pv.write_csv(arrays, path)
    return arrays


def _as_arrow_text(values: pd.Series) -> pa.ChunkedArray:
    arr = getattr(values.array, "_pa_array", None)
    if arr is None:
        arr = pa.chunked_array([pa.array(values.astype("string").array, type=pa.large_string())])
    return arr.cast(pa.large_string()) if arr.type != pa.large_string() else arr


def _write_and_swap(target: Path, out: Path, tables: dict[str, pd.DataFrame], log: pd.DataFrame):
    """Write the tables into a copy of ``target``, validate it, and swap it into place (messages name ``out``)."""
    tmp = make_temporary_folder(target)
    try:
        written = {name: write_text_csv(frame, tmp / schema.table(name).file) for name, frame in tables.items()}
        if not (tmp / "evidence.csv").exists():
            write_text_csv(
                pd.DataFrame({c: pd.Series([], dtype="string") for c in schema.EVIDENCE.column_names}),
                tmp / "evidence.csv",
            )
        write_text_csv(log, tmp / LOG_FILE)
        report = validate_data_dir(tmp, written=written)  # the tables written are checked from memory
        del written
        if not report.ok:
            raise ImportRejected(_problems_as_output(report.problems, tmp, out, tables["incidents"]))
        swap_into_place(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    report.data_dir = f"{out}/"
    return report


def _problems_as_output(problems: list[Problem], tmp: Path, out: Path, incidents: pd.DataFrame) -> list[Problem]:
    """Validation problems of the folder that was not written, named as the output files, with the incident id."""
    lines = None
    result = []
    for p in problems:
        file = p.file.replace(str(tmp), str(out))
        expected = p.expected
        if file.endswith("incidents.csv") and p.line > 1:
            if lines is None:
                lines = {int(line): row for row, line in enumerate(record_start_lines(tmp / "incidents.csv"))}
            row = lines.get(p.line)
            if row is not None:
                expected += f" (incident {incidents['incident_id'].iat[row]}; nothing was written)"
        result.append(Problem(file, p.line, p.column, p.found, expected))
    return result
