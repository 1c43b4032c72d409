"""The candidate data directory as rows: incidents, evidence, places, reported totals, the extraction sidecar
(quote offsets, rule, confidence, rules fired) and the mentions decided against.

Unknown stays empty: a field no sentence supports is left empty, except the columns the schema requires
(``perpetrator``, ``target``, ``weapon``, ``outcome``: "unknown", with the sentence that names the event
as their quote).
"""

from __future__ import annotations

import re

from analysis import schema
from analysis.extract.candidates import describe_reason
from analysis.extract.model import Candidate, Evidence, Extraction
from analysis.extract.numbers import Quantity

COUNTRY_CODES = {
    "Iraq": "IRQ", "Syria": "SYR", "Jordan": "JOR", "Lebanon": "LBN", "Israel": "ISR", "Palestine": "PSE",
    "Iran": "IRN", "Yemen": "YEM", "Saudi Arabia": "SAU", "Kuwait": "KWT", "Turkey": "TUR", "United States": "USA",
}  # fmt: skip
EXTRACTION_COLUMNS = (
    "incident_id",
    "field",
    "source_id",
    "quote_start",
    "quote_end",
    "rule",
    "confidence",
    "rules_fired",
)
DECIDED_AGAINST_COLUMNS = ("source_id", "quote_start", "quote_end", "reason", "reason_text", "quote")
SUB_EVENT_BY_WEAPON = {
    "airstrike": "Air/drone strike", "drone": "Air/drone strike", "explosive_device": "Remote explosive/landmine/IED",
    "rocket": "Shelling/artillery/missile attack", "ballistic_missile": "Shelling/artillery/missile attack",
    "cruise_missile": "Shelling/artillery/missile attack", "missiles_and_drones": "Shelling/artillery/missile attack",
}  # fmt: skip


def score_confidence(candidate: Candidate) -> float:
    """A transparent score from 0 to 1: 0.4, plus 0.2 for a day stated as the event's (not the report's),
    0.2 for a gazetteer place, 0.1 for a side read from an explicit target or attacker, 0.1 for a weapon named.

    >>> import datetime as dt
    >>> score_confidence(Candidate(dt.date(2024, 1, 1), "day", "regional", rules=["side: neither ..."]))
    0.6
    """
    score = 0.4
    score += 0.2 if candidate.date_precision == "day" and not candidate.date_from_report else 0.0
    score += 0.2 if candidate.place is not None else 0.0
    score += 0.0 if any(r.startswith("side: neither") for r in candidate.rules) else 0.1
    score += 0.1 if candidate.weapon not in (None, "unknown") else 0.0
    return round(min(score, 1.0), 2)


_GENERIC = {"air", "base", "airbase", "international", "airport", "landing", "zone", "camp", "garrison", "the"}


def place_slug(name: str) -> str:
    """The place part of an incident id: the name's distinctive words, upper case, at most 12 characters.

    >>> place_slug("Ain al-Asad air base"), place_slug("Rumalan landing zone"), place_slug("Tower 22")
    ('AINALASAD', 'RUMALAN', 'TOWER22')
    """
    words = [w for w in re.split(r"[\s]+", name) if w.lower() not in _GENERIC] or [name]
    return re.sub(r"[^A-Z0-9]", "", "".join(words).upper())[:12]


def assign_incident_ids(candidates: list[Candidate], taken: set[str]) -> list[str]:
    """``IRQ-20240725-AINALASAD``: country code, local date, place (``UNPLACED`` when unknown); ``-2``... on a clash.

    >>> import datetime as dt
    >>> assign_incident_ids([Candidate(dt.date(2024, 7, 25), "day", "attack_on_us", "Iraq")], set())
    ['IRQ-20240725-UNPLACED']
    """
    ids = []
    taken = set(taken)
    for c in candidates:
        place = place_slug(c.place.name if c.place else "unplaced")
        base = f"{COUNTRY_CODES.get(c.country or '', 'UNK')}-{c.event_date:%Y%m%d}-{place}"
        iid, n = base, 1
        while iid in taken:
            n += 1
            iid = f"{base}-{n}"
        taken.add(iid)
        ids.append(iid)
    return ids


def build_rows(extraction: Extraction, source_id: str, taken_ids: set[str] = frozenset()) -> dict[str, list[dict]]:
    """Rows of ``incidents``, ``evidence``, ``places``, ``reported_totals``, ``extraction``, ``decided_against``."""
    text = extraction.text
    ids = assign_incident_ids(extraction.candidates, taken_ids)
    rows: dict[str, list[dict]] = {k: [] for k in ("incidents", "evidence", "places", "reported_totals")}
    rows |= {"extraction": [], "decided_against": []}
    for iid, candidate in zip(ids, extraction.candidates):
        _complete_required(candidate)
        confidence = score_confidence(candidate)
        rows["incidents"].append(_incident_row(iid, candidate, source_id))
        fired = "; ".join(candidate.rules)
        for ev in _unique_evidence(candidate.evidence):
            rows["evidence"].append(
                {"incident_id": iid, "field": ev.field, "source_id": source_id, "quote": text[ev.start : ev.end]}
            )
            rows["extraction"].append(
                dict(zip(EXTRACTION_COLUMNS, (iid, ev.field, source_id, ev.start, ev.end, ev.rule, confidence, fired)))
            )
    rows["places"] = _place_rows(extraction.candidates)
    rows["reported_totals"] = _total_rows(extraction, source_id)
    for d in extraction.decided_against:
        values = (source_id, d.start, d.end, d.reason, describe_reason(d.reason), text[d.start : d.end])
        rows["decided_against"].append(dict(zip(DECIDED_AGAINST_COLUMNS, values)))
    return rows


def _complete_required(candidate: Candidate) -> None:
    """Required columns no sentence filled become "unknown", quoted by the sentence that names the event."""
    date_quote = next(e for e in candidate.evidence if e.field == "event_date")
    for name in ("weapon", "outcome"):
        if getattr(candidate, name) is None:
            setattr(candidate, name, "unknown")
            candidate.evidence.append(Evidence(name, date_quote.start, date_quote.end, f"{name}: not stated"))


def _unique_evidence(evidence: list[Evidence]) -> list[Evidence]:
    seen, kept = set(), []
    for ev in evidence:
        if (ev.field, ev.start, ev.end) not in seen:
            seen.add((ev.field, ev.start, ev.end))
            kept.append(ev)
    return kept


def _event_type(candidate: Candidate) -> tuple[str, str]:
    if candidate.outcome == "intercepted":
        return "Strategic developments", "Disrupted weapons use"
    if candidate.weapon == "small_arms":
        return "Battles", "Armed clash"
    sub = SUB_EVENT_BY_WEAPON.get(candidate.weapon or "")
    return ("Explosions/Remote violence", sub) if sub else ("Strategic developments", "Other")


def _figures(prefix: str, quantity: Quantity | None) -> dict:
    values = quantity[:3] if quantity is not None else (None, None, None)
    return {f"{prefix}_{part}": v for part, v in zip(("min", "best", "max"), values)}


def _fatalities(candidate: Candidate):
    killed = [candidate.casualties.get(p) for p in ("us_killed", "other_killed")]
    given = [q.best if q.best is not None else q.low for q in killed if q is not None]
    return sum(v for v in given if v is not None) if given and any(v is not None for v in given) else None


def _incident_row(iid: str, c: Candidate, source_id: str) -> dict:
    event_type, sub_event_type = _event_type(c)
    place = c.place
    row = {
        "incident_id": iid,
        "event_date": c.event_date.isoformat(),
        "date_precision": c.date_precision,
        "country": c.country,
        "admin1": place.admin1 if place else c.admin1,
        "location": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "geo_precision": place.geo_precision if place and place.lat is not None else None,
        "category": c.category,
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "perpetrator": c.perpetrator or "unknown",
        "claimed_by": c.claimed_by,
        "target": "US forces or facilities" if c.category == "attack_on_us" else "unknown",
        "weapon": c.weapon,
        "outcome": c.outcome,
        "fatalities": _fatalities(c),
        "source_ids": source_id,
        "notes": f"Candidate extracted by rules from {source_id} (confidence {score_confidence(c)}); "
        f"{'; '.join(r for r in c.rules if r.startswith(('date', 'place')))}. Review before merging.",
    }
    row |= _figures("munitions", c.munitions)
    for prefix in schema.CASUALTY_PREFIXES:
        row |= _figures(prefix, c.casualties.get(prefix))
    return row


def _place_rows(candidates: list[Candidate]) -> list[dict]:
    rows = {}
    for c in candidates:
        p = c.place
        if p is not None and p.name not in rows:
            rows[p.name] = {
                "name": p.name, "aliases": None, "kind": p.kind or None, "country": p.country or None,
                "admin1": p.admin1 or None, "latitude": p.lat, "longitude": p.lon,
            }  # fmt: skip
    return list(rows.values())


def _total_rows(extraction: Extraction, source_id: str) -> list[dict]:
    rows = []
    for n, t in enumerate(extraction.totals, 1):
        rows.append(
            {
                "total_id": f"RT-{source_id}-{n}",
                "metric": t.metric,
                "scope": t.scope,
                "period_start": t.period_start.isoformat() if t.period_start else None,
                "as_of": extraction.published.isoformat(),
                "value_min": t.quantity.low,
                "value_best": t.quantity.best,
                "value_max": t.quantity.high,
                "countries": ";".join(t.countries) or None,
                "source_id": source_id,
                "quote": extraction.text[t.start : t.end],
            }
        )
    return rows
