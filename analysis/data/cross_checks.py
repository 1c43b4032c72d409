"""Rules over whole rows and across files, run on the typed tables of :mod:`analysis.data.read`.

- rows: each ``*_min`` <= ``*_max``; ``sub_event_type`` belongs to
  ``event_type``; each ``;``-separated item of a text column with allowed
  values (``reported_totals.countries``) is one of them; a coverage period
  ends on or after it starts.
- across files: source, place and incident references resolve (raw files
  and quotes: :mod:`analysis.data.source_texts`); coordinates lie in the
  stated country (:func:`analysis.data.geo.points_in_country`), and are
  given together (an unknown place has no coordinates and no
  ``geo_precision``); every
  incident has evidence for ``schema.EVIDENCE_REQUIRED_FIELDS`` and for each
  casualty pair that holds a figure. Incidents whose sources are all
  external references (url, no raw file) are exempt from the evidence rules;
  they are counted in a note, not reported as problems. When
  ``coverage.csv`` is present, the incidents outside every one of its
  periods (for their country) are counted in a note: allowed, shown as not
  covered.

Every ``check_*`` function appends :class:`~analysis.data.problems.Problem`
objects to the list it is given.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.geo import DEFAULT_TOLERANCE_KM, find_countries_containing, points_in_country
from analysis.data.kinds import as_arrow
from analysis.data.problems import Problem, count_text, show
from analysis.data.read import TableRead
from analysis.data.rules import distinct_id_items, expected_allowed

# evidence.field may name a column, a casualty pair, or one of these words
EVIDENCE_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("event_date",),
    "place": ("location",),
    "casualties": schema.CASUALTY_PREFIXES,
}
_PAIR_PREFIXES = tuple(c.name[:-4] for c in schema.INCIDENTS.columns if c.name.endswith("_min"))


# --- helpers over text columns ------------------------------------------------------


def _rows(mask) -> np.ndarray:
    return np.flatnonzero(np.asarray(mask, dtype=bool))


def _isin(values: pd.Series, known) -> np.ndarray:
    """Vectorized membership test of a text Series (pyarrow; NA -> False).

    >>> _isin(pd.Series(["a", None, "c"], dtype="string"), ["a", "b"]).tolist()
    [True, False, False]
    """
    arr = as_arrow(values)
    return pc.fill_null(pc.is_in(arr, value_set=as_arrow(known).drop_null()), False).to_numpy(zero_copy_only=False)


def _split_ids(value) -> list[str]:
    """
    >>> _split_ids(" a; b;;")
    ['a', 'b']
    """
    return [i.strip() for i in str(value).split(";") if i.strip()]


def _rows_with_item(values: pd.Series, test, items: list[str] | None = None) -> np.ndarray:
    """Boolean per row: does any non-empty ``;``-separated item of the cell pass ``test``? (NA -> False)

    ``items`` (the column's :func:`~analysis.data.rules.distinct_id_items`, when known) lets a column
    where no item passes be answered without splitting it again.

    >>> _rows_with_item(pd.Series(["a; b", None, "c;;a", " "], dtype="string"), lambda i: i == "b").tolist()
    [True, False, False, False]
    """
    out = np.zeros(len(values), dtype=bool)
    if items is None:
        items = distinct_id_items(values)
    if not any(i and test(i) for i in items):
        return out
    lists = pc.split_pattern(as_arrow(values), ";")
    pieces = pc.list_flatten(lists)
    distinct = pc.unique(pieces)
    hit = distinct.filter(
        pa.array([bool(p.strip()) and bool(test(p.strip())) for p in distinct.to_pylist()], pa.bool_())
    )
    rows = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)
    out[rows[pc.is_in(pieces, value_set=hit).to_numpy(zero_copy_only=False)]] = True
    return out


def _did_you_mean(value: str, candidates: list[str], cutoff: float = 0.6) -> str:
    """
    >>> _did_you_mean("alpah", ["alpha", "beta"]), _did_you_mean("zzz", ["alpha"])
    (" (did you mean 'alpha'?)", '')
    """
    guess = difflib.get_close_matches(value, candidates, n=1, cutoff=cutoff)
    return f" (did you mean {guess[0]!r}?)" if guess else ""


def _check_items(
    read: TableRead,
    column: str,
    unknown: Callable[[str], bool],
    candidates: list[str],
    target: str,
    problems: list[Problem],
) -> None:
    """One problem per ``;``-separated item of ``column`` that is ``unknown``, with a close match suggested."""
    values = read.frame[column]
    rows = _rows(_rows_with_item(values, unknown, read.id_items.get(column)))
    bad = {v: [i for i in _split_ids(v) if unknown(i)] for v in pd.unique(values.iloc[rows])}
    for row in rows:
        for item in bad[values.iat[row]]:
            problems.append(
                Problem(read.label, read.line(row), column, show(item), target + _did_you_mean(item, candidates))
            )


# --- rows ------------------------------------------------------------------------------


def check_pairs(read: TableRead, problems: list[Problem]) -> None:
    """Each ``X_min`` <= ``X_max``; where the table has ``X_best``, also ``X_min`` <= ``X_best`` <= ``X_max``.

    Empty cells are not compared (an empty max is open, an empty best is no estimate).
    """
    df = read.frame
    for col in read.table.columns:
        if not col.name.endswith("_min"):
            continue
        prefix = col.name[:-4]
        low, best, high = f"{prefix}_min", f"{prefix}_best", f"{prefix}_max"
        for a, b in ((low, high), (low, best), (best, high)):
            if a not in df.columns or b not in df.columns:
                continue
            for row in _rows((df[a] > df[b]).fillna(False)):
                problems.append(
                    Problem(read.label, read.line(row), a, f"{df.at[row, a]} > {b} {df.at[row, b]}", f"{a} <= {b}")
                )


def check_sub_event_types(read: TableRead, problems: list[Problem]) -> None:
    """``sub_event_type`` must be one of the sub-types of ``event_type`` (schema.EVENT_TYPES)."""
    df = read.frame
    events = list(schema.EVENT_TYPES)
    sub, ev = df["sub_event_type"], df["event_type"]
    parent = np.array(
        [events.index(next(e for e, subs in schema.EVENT_TYPES.items() if c in subs)) for c in sub.cat.categories]
        + [-1]
    )
    sub_codes, ev_codes = sub.cat.codes.to_numpy(), ev.cat.codes.to_numpy()
    bad = (sub_codes >= 0) & (ev_codes >= 0) & (parent[sub_codes] != ev_codes)
    for row in _rows(bad):
        s_val, e_val = sub.iat[row], ev.iat[row]
        problems.append(
            Problem(
                read.label,
                read.line(row),
                "sub_event_type",
                f"{show(s_val)} with event_type {show(e_val)}",
                f"one of {', '.join(schema.EVENT_TYPES[e_val])}",
            )
        )


def check_listed_values(read: TableRead, problems: list[Problem]) -> None:
    """Each ``;``-separated item of a text column with allowed values (``reported_totals.countries``) is one of them."""
    for col in read.table.columns:
        if col.kind == "text" and col.allowed:
            known = set(col.allowed).__contains__
            _check_items(
                read, col.name, lambda i, k=known: not k(i), list(col.allowed), expected_allowed(col), problems
            )


# --- references between files -------------------------------------------------------


def check_reference(read: TableRead, column: str, known: pd.Series, target: str, problems: list[Problem]) -> None:
    """Each value of ``column`` must be one of ``known``; a close match is suggested."""
    values = read.frame[column]
    uniq = pd.Series(pd.unique(values.dropna()), dtype="string")
    if uniq.empty:
        return
    missing = uniq[~_isin(uniq, known)].tolist()
    if not missing:
        return
    candidates = [str(k) for k in pd.unique(known.dropna())[:10000]]
    for row in _rows(_isin(values, missing)):
        value = values.iat[row]
        problems.append(
            Problem(read.label, read.line(row), column, show(value), target + _did_you_mean(str(value), candidates))
        )


def check_source_ids(read: TableRead, known: set, problems: list[Problem]) -> None:
    """Each item of ``incidents.source_ids`` is a source of sources.csv (malformed ids are the cell rules' business)."""
    _check_items(
        read,
        "source_ids",
        lambda i: i not in known and bool(re.match(schema._ID_PATTERN, i)),
        sorted(known),
        "a source_id of sources.csv",
        problems,
    )


# --- places ------------------------------------------------------------------------------


def check_coordinates(read: TableRead, problems: list[Problem]) -> None:
    """Latitude and longitude lie in the row's country (within ``DEFAULT_TOLERANCE_KM`` of its border)."""
    df = read.frame
    have = df["latitude"].notna() & df["longitude"].notna() & df["country"].notna()
    if not have.any():
        return
    ok = points_in_country(df["latitude"].to_numpy(), df["longitude"].to_numpy(), df["country"])
    for row in _rows(have.to_numpy() & ~ok):
        lat, lon, country = df.at[row, "latitude"], df.at[row, "longitude"], df.at[row, "country"]
        where = find_countries_containing(lat, lon)
        in_text = f"in {', '.join(where)}" if where else "outside the mapped countries"
        problems.append(
            Problem(
                read.label,
                read.line(row),
                "latitude/longitude",
                f"{lat:g}, {lon:g} ({in_text})",
                f"a point in {country} (within {DEFAULT_TOLERANCE_KM:g} km of its border)",
            )
        )


def check_unknown_places(read: TableRead, problems: list[Problem]) -> None:
    """Latitude and longitude are both given or both empty; in incidents.csv geo_precision is empty exactly then."""
    df = read.frame
    lat, lon = df["latitude"].isna().to_numpy(), df["longitude"].isna().to_numpy()
    for row in _rows(lat != lon):
        given, missing = ("latitude", "longitude") if lon[row] else ("longitude", "latitude")
        problems.append(
            Problem(
                read.label,
                read.line(row),
                missing,
                f"an empty cell with {given} {df.at[row, given]:g}",
                "both coordinates, or neither when the place is unknown",
            )
        )
    if "geo_precision" not in df.columns:
        return
    precision = df["geo_precision"].isna().to_numpy()
    for row in _rows((lat == lon) & (precision != lat)):
        found = show(None) if precision[row] else f"{df.at[row, 'geo_precision']} with no coordinates"
        expected = "1, 2 or 3 (coordinates are given)" if precision[row] else "an empty cell (the place is unknown)"
        problems.append(Problem(read.label, read.line(row), "geo_precision", found, expected))


# --- evidence ------------------------------------------------------------------------------


def _evidence_fields(field_value: str) -> tuple[str, ...]:
    """Fields of incidents.csv that one evidence ``field`` value covers.

    >>> _evidence_fields("us_killed_max")
    ('us_killed',)
    >>> _evidence_fields("place")
    ('location',)
    """
    if field_value in EVIDENCE_FIELD_ALIASES:
        return EVIDENCE_FIELD_ALIASES[field_value]
    for prefix in _PAIR_PREFIXES:
        if field_value in (prefix, f"{prefix}_min", f"{prefix}_best", f"{prefix}_max"):
            return (prefix,)
    return (field_value,)


def check_evidence_fields(read: TableRead, problems: list[Problem]) -> None:
    """``evidence.field`` names an incidents.csv column, a min/max pair or an alias (date, place, casualties)."""
    valid = sorted(set(schema.INCIDENTS.column_names) | set(_PAIR_PREFIXES) | set(EVIDENCE_FIELD_ALIASES))
    values = read.frame["field"]
    for row in _rows(values.notna().to_numpy() & ~_isin(values, valid)):
        value = values.iat[row]
        problems.append(
            Problem(
                read.label,
                read.line(row),
                "field",
                show(value),
                "an incidents.csv column, a min/max pair name (us_killed) or date/place/casualties"
                + _did_you_mean(str(value), valid),
            )
        )


def check_coverage(
    incidents: TableRead, evidence: TableRead | None, bundled: set[str], problems: list[Problem], notes: list[str]
) -> None:
    """Every incident has evidence for the required fields and for each casualty figure."""
    df = incidents.frame
    covered = _covered_fields(evidence)
    iid_col = df["incident_id"]
    exempt = _external_only(incidents, bundled)
    lacking_external = int((exempt & ~_isin(iid_col, list(covered))).sum()) if covered else int(exempt.sum())
    casualty_given = {
        p: (df[f"{p}_min"].notna() | df[f"{p}_best"].notna() | df[f"{p}_max"].notna()).to_numpy()
        for p in schema.CASUALTY_PREFIXES
    }
    checked = ~exempt & iid_col.notna().to_numpy()
    lacking = np.zeros(len(df), dtype=bool)
    for name in schema.EVIDENCE_REQUIRED_FIELDS + schema.CASUALTY_PREFIXES:
        needs = checked & casualty_given[name] if name in casualty_given else checked
        if needs.any():
            lacking |= needs & ~_isin(iid_col, [iid for iid, have in covered.items() if name in have])
    for row in np.flatnonzero(lacking):
        iid = iid_col.iat[row]
        needed = schema.EVIDENCE_REQUIRED_FIELDS + tuple(p for p in schema.CASUALTY_PREFIXES if casualty_given[p][row])
        for name in (n for n in needed if n not in covered.get(iid, set())):
            column = name if name in df.columns else f"{name}_min/{name}_max"
            problems.append(
                Problem(
                    incidents.label,
                    incidents.line(row),
                    column,
                    "no evidence row",
                    f"a quote in evidence.csv for {iid} {name}",
                )
            )
    if lacking_external:
        verb = "lacks" if lacking_external == 1 else "lack"
        notes.append(f"{count_text(lacking_external, 'incident')} {verb} evidence (external sources)")


def _covered_fields(evidence: TableRead | None) -> dict[str, set[str]]:
    """``{incident_id: incidents.csv fields its evidence rows cover}``."""
    covered: dict[str, set[str]] = {}
    if evidence is not None and not evidence.frame.empty:
        ev = evidence.frame[["incident_id", "field"]].dropna().drop_duplicates()
        for iid, fld in zip(ev["incident_id"].tolist(), ev["field"].tolist()):
            covered.setdefault(iid, set()).update(_evidence_fields(fld))
    return covered


def _external_only(incidents: TableRead, bundled: set[str]) -> np.ndarray:
    """Rows none of whose sources is a bundled raw file (unknown ids are reported elsewhere)."""
    source_ids = incidents.frame["source_ids"]
    exempt = source_ids.notna().to_numpy()
    if bundled:
        exempt = exempt & ~_rows_with_item(source_ids, bundled.__contains__, incidents.id_items.get("source_ids"))
    return exempt


# --- coverage.csv -----------------------------------------------------------------------


def check_period_order(read: TableRead, problems: list[Problem]) -> None:
    """Each coverage period ends on or after the day it starts."""
    df = read.frame
    for row in _rows((df["period_end"] < df["period_start"]).fillna(False)):
        problems.append(
            Problem(
                read.label,
                read.line(row),
                "period_end",
                f"{df.at[row, 'period_end']:%Y-%m-%d} before period_start {df.at[row, 'period_start']:%Y-%m-%d}",
                "period_end on or after period_start",
            )
        )


def note_incidents_outside_coverage(incidents: TableRead, coverage: TableRead, notes: list[str]) -> None:
    """A note counting the incidents outside every period of ``coverage.csv`` that covers their country.

    They are allowed: a claim says the table is complete inside its periods, not that the table holds
    nothing outside them (an import that claims nothing adds its incidents there). Reports show their
    periods as not covered: the incidents are counted, an empty period is "none recorded", never 0.
    """
    inc, cov = incidents.frame, coverage.frame
    days = inc["event_date"].to_numpy(dtype="datetime64[D]")
    country = inc["country"].astype("string")
    covered = np.zeros(len(inc), dtype=bool)
    for start, end, listed in zip(cov["period_start"], cov["period_end"], cov["countries"]):
        if pd.isna(start) or pd.isna(end):
            continue
        inside = (days >= np.datetime64(start, "D")) & (days <= np.datetime64(end, "D"))
        wanted = [] if pd.isna(listed) else _split_ids(listed)
        if wanted:
            inside &= country.isin(wanted).to_numpy(dtype=bool, na_value=False)
        covered |= inside
    outside = _rows(~covered & ~np.isnat(days))
    if len(outside) == 0:
        return
    row = outside[0]
    where = "" if pd.isna(country.iat[row]) else f" in {country.iat[row]}"
    verb = "lies" if len(outside) == 1 else "lie"
    notes.append(
        f"{count_text(len(outside), 'incident')} {verb} outside every period of coverage.csv (first: "
        f"{incidents.label.rsplit('/', 1)[-1]}:{incidents.line(row)}, {days[row]}{where}): no complete count "
        "is claimed there; reports show their periods as not covered"
    )
