"""``incidents merge``: add reviewed candidates to a data directory without duplicating an incident.

A candidate is the same event as an incident already held when both have the same category, dates that
can name the same day (equal days; inside the week or month of a coarser date) and the same location
or the same admin1 (the regional gazetteer may name a base's site where the table names its town).
It is then merged into that incident: its source and quotes are added and the figures reconciled (the
lowest min, the highest max, the best kept when both agree, emptied when they differ) with a note. A
candidate with only a country is merged when exactly one incident matches; with several it is left out
and named. Everything else is added.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from analysis import schema
from analysis.data.validate import validate_data_dir
from analysis.extract.directory import find_held, next_source_id, raw_file_name
from analysis.extract.store import StoreRejected, hold_lock, read_rows, replace_directory, write_rows

COUNT_PREFIXES = ("munitions", *schema.CASUALTY_PREFIXES)
_TABLES = ("sources", "places", "incidents", "evidence", "reported_totals")


def merge_candidates(candidate_dir: Path, into: Path, only: list[str] | None = None) -> list[str]:
    """Merge the candidates of ``candidate_dir`` into ``into``; return the lines to print."""
    candidate_dir, into = Path(candidate_dir), Path(into)
    if (candidate_dir / "incidents.csv").is_file() and not read_rows(candidate_dir / "incidents.csv"):
        return [f"{candidate_dir}: holds no candidate incident; nothing merged into {into}"]
    cand = _read_valid(candidate_dir, "the candidate directory")
    with hold_lock(into, "incidents merge"):
        held = _read_valid(into, "the data directory (--into)")
        chosen = _choose(cand["incidents"], only, candidate_dir)
        lines, renamed_source = _merge_sources(cand, held)
        plan = _plan(chosen, held["incidents"])
        lines += _apply(plan, cand, held, renamed_source)
        source_files = [s["file"] for s in cand["sources"] if s["file"]]

        def fill(tmp: Path) -> None:
            for file in source_files:
                target = tmp / renamed_source.get(file, file)
                if not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes((candidate_dir / file).read_bytes())
            for name in _TABLES:
                write_rows(tmp / schema.table(name).file, schema.table(name).column_names, held[name])

        notes = replace_directory(into, fill, start_from_existing=True)
    return [*lines, *[f"note: {n}" for n in notes], f"{into}: written and validated"]


def _read_valid(folder: Path, what: str) -> dict[str, list[dict]]:
    if not (folder / "incidents.csv").is_file():
        raise StoreRejected([f"{folder}: found no incidents.csv, expected {what}"])
    report = validate_data_dir(folder)
    if not report.ok:
        raise StoreRejected([*map(str, report.problems[:20]), f"{folder}: {what} does not validate; nothing merged"])
    return {name: read_rows(folder / schema.table(name).file) for name in _TABLES}


def _choose(incidents: list[dict], only: list[str] | None, folder: Path) -> list[dict]:
    if not only:
        return incidents
    known = {r["incident_id"] for r in incidents}
    unknown = [i for i in only if i not in known]
    if unknown:
        raise StoreRejected(
            [f"--only: found {', '.join(unknown)}, expected ids of {folder}: {', '.join(sorted(known))}"]
        )
    return [r for r in incidents if r["incident_id"] in only]


def _merge_sources(cand: dict, held: dict) -> tuple[list[str], dict[str, str]]:
    """Add the candidate's source (or find it held); remap its id and file where they clash."""
    lines, renamed_file = [], {}
    for source in cand["sources"]:
        same = find_held(held["sources"], source["sha256"]) if source.get("sha256") else None
        if same is not None:
            _rename_source(cand, source["source_id"], same["source_id"])
            lines.append(f"source {same['source_id']}: already held ({same['file']})")
            continue
        if any(s["source_id"] == source["source_id"] for s in held["sources"]):
            new_id = next_source_id(held["sources"])
            new_file = raw_file_name(new_id, source["sha256"])
            renamed_file[source["file"]] = new_file
            _rename_source(cand, source["source_id"], new_id)
            source = {**source, "source_id": new_id, "file": new_file}
        held["sources"].append(source)
        lines.append(f"source {source['source_id']}: added ({source['file']})")
    return lines, renamed_file


def _rename_source(cand: dict, old: str, new: str) -> None:
    for name in ("incidents", "evidence", "reported_totals", "sources"):
        for row in cand[name]:
            if row.get("source_id") == old:
                row["source_id"] = new
            if row.get("source_ids"):
                row["source_ids"] = ";".join(new if s == old else s for s in row["source_ids"].split(";"))


def _day_span(row: dict) -> tuple[dt.date, dt.date]:
    day = dt.date.fromisoformat(row["event_date"])
    length = {"day": 0, "week": 6, "month": 30, "year": 365}[row["date_precision"]]
    return day, day + dt.timedelta(days=length)


def is_same_event(candidate: dict, incident: dict) -> bool:
    """Same category and country, overlapping dates, and the same location or the same admin1."""
    if candidate["category"] != incident["category"] or candidate["country"] != incident["country"]:
        return False
    (a0, a1), (b0, b1) = _day_span(candidate), _day_span(incident)
    if a1 < b0 or b1 < a0:
        return False
    if candidate["location"] and candidate["location"] == incident["location"]:
        return True
    return bool(candidate["admin1"]) and candidate["admin1"] == incident["admin1"]


def _plan(chosen: list[dict], held: list[dict]) -> list[tuple[dict, dict | None, list[dict]]]:
    """``(candidate, incident to merge into or None, ambiguous matches)`` per candidate."""
    plan = []
    for c in chosen:
        same = [i for i in held if is_same_event(c, i)]
        if not same and not c["location"] and not c["admin1"]:
            same = [i for i in held if _same_country_day(c, i)]
        plan.append((c, same[0] if len(same) == 1 else None, same if len(same) > 1 else []))
    return plan


def _same_country_day(c: dict, i: dict) -> bool:
    return c["category"] == i["category"] and c["country"] == i["country"] and _day_span(c)[0] == _day_span(i)[0]


def _apply(plan, cand: dict, held: dict, renamed: dict) -> list[str]:
    lines = []
    taken = {r["incident_id"] for r in held["incidents"]}
    for candidate, target, ambiguous in plan:
        cid = candidate["incident_id"]
        evidence = [e for e in cand["evidence"] if e["incident_id"] == cid]
        if ambiguous:
            names = ", ".join(i["incident_id"] for i in ambiguous)
            lines.append(f"left out {cid}: it could be any of {names} (no place to tell them apart); code it by hand")
            continue
        if target is not None:
            lines.append(f"merged {cid} into {target['incident_id']}: {reconcile(target, candidate)}")
            _add_evidence(held, evidence, target["incident_id"])
            continue
        new_id = cid
        while new_id in taken:
            new_id += "-b"
        taken.add(new_id)
        held["incidents"].append({**candidate, "incident_id": new_id})
        _add_evidence(held, evidence, new_id)
        _add_place(held, cand, candidate["location"])
        lines.append(
            f"added {new_id}: {candidate['event_date']} {candidate['category']} at "
            f"{candidate['location'] or candidate['country'] or 'an unknown place'}"
        )
    known = {(t["source_id"], t["quote"]) for t in held["reported_totals"]}
    ids = {t["total_id"] for t in held["reported_totals"]}
    added = [t for t in cand["reported_totals"] if (t["source_id"], t["quote"]) not in known]
    for t in added:
        while t["total_id"] in ids:
            t["total_id"] += "-b"
        ids.add(t["total_id"])
    held["reported_totals"] += added
    lines.append(f"reported totals: {len(added)} added")
    return lines


def _add_evidence(held: dict, evidence: list[dict], incident_id: str) -> None:
    have = {(e["incident_id"], e["field"], e["source_id"], e["quote"]) for e in held["evidence"]}
    for e in evidence:
        row = {**e, "incident_id": incident_id}
        if (row["incident_id"], row["field"], row["source_id"], row["quote"]) not in have:
            held["evidence"].append(row)


def _add_place(held: dict, cand: dict, name: str) -> None:
    if name and all(p["name"] != name for p in held["places"]):
        held["places"] += [p for p in cand["places"] if p["name"] == name]


def _number(text: str) -> int | None:
    return int(float(text)) if text not in ("", None) else None


def reconcile(incident: dict, candidate: dict) -> str:
    """Add the candidate's source to ``incident`` and widen its figures into ranges; say what changed.

    >>> inc = {"source_ids": "S002", "notes": "", "us_injured_min": "2", "us_injured_best": "", "us_injured_max": ""}
    >>> cand = {"source_ids": "S005", "incident_id": "C1", "us_injured_min": "3", "us_injured_best": "3",
    ...         "us_injured_max": "3"}
    >>> reconcile(inc, cand), inc["us_injured_min"], inc["us_injured_best"], inc["us_injured_max"]
    ('source S005 added; us_injured: 2-? and 3 reconciled to min 2, max 3', '2', '', '3')
    """
    sources = incident["source_ids"].split(";")
    new = [s for s in candidate["source_ids"].split(";") if s not in sources]
    incident["source_ids"] = ";".join(sources + new)
    changes = []
    for prefix in COUNT_PREFIXES:
        change = _reconcile_pair(incident, candidate, prefix)
        if change:
            changes.append(change)
    if any(c.startswith(("us_killed", "other_killed")) for c in changes):
        incident["fatalities"] = _fatalities_text(incident)
    said = f"source {', '.join(new)} added" if new else "source already cited"
    said += "; " + "; ".join(changes) if changes else "; figures unchanged"
    note = f"incidents merge: candidate {candidate['incident_id']} merged ({said})."
    incident["notes"] = f"{incident.get('notes') or ''} {note}".strip()
    return said


def _fatalities_text(incident: dict) -> str:
    """US plus other killed, each its best estimate where given, else its min (the codebook's rule)."""
    given = []
    for prefix in ("us_killed", "other_killed"):
        best, low = _number(incident.get(f"{prefix}_best", "")), _number(incident.get(f"{prefix}_min", ""))
        if best is not None or low is not None:
            given.append(best if best is not None else low)
    return str(sum(given)) if given else ""


def _reconcile_pair(incident: dict, candidate: dict, prefix: str) -> str | None:
    keys = [f"{prefix}_{p}" for p in ("min", "best", "max")]
    old = [_number(incident.get(k, "")) for k in keys]
    cand = [_number(candidate.get(k, "")) for k in keys]
    if all(v is None for v in cand) or old == cand:
        return None
    if all(v is None for v in old):
        incident.update({k: candidate.get(k, "") for k in keys})
        return f"{prefix} from the new source"
    lows = [v for v in (old[0], cand[0]) if v is not None]
    highs = [v for v in (old[2], cand[2]) if v is not None]
    low, high = (min(lows) if lows else None), (max(highs) if highs else None)
    best = old[1] if old[1] == cand[1] else None
    new = [low, best, high]
    incident.update({k: "" if v is None else str(v) for k, v in zip(keys, new)})
    bounds = f"min {'none' if low is None else low}, max {'none (no source bounds it)' if high is None else high}"
    return f"{prefix}: {range_text(old)} and {range_text(cand)} reconciled to {bounds}"


def range_text(values: list[int | None]) -> str:
    """
    >>> range_text([3, 3, 3]), range_text([2, None, None]), range_text([None, 180, None])
    ('3', '2-?', '?-?')
    """
    low, best, high = values
    if low is not None and low == best == high:
        return str(low)
    return f"{'?' if low is None else low}-{'?' if high is None else high}"
