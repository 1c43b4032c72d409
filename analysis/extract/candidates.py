"""One candidate per event the article states (one event, one place, one local day), built clause by clause.

A clause that reports an event starts a candidate, or joins one already made when it names the same side,
a compatible day and a compatible place (rule "same event named again"). A clause that refers back
("the attack", "the incident") adds what it says to the last candidate. A clause that gives only
casualties or an outcome adds them to the last candidate. US strikes named at several places give one
candidate per place. Mentions decided against (aggregates, threats, denials, background, undated) are
kept with the reason; aggregates with a figure become reported totals.
"""

from __future__ import annotations

import datetime as dt
import re

from analysis.extract.casualties import find_casualties, widen_to_later_figure
from analysis.extract.dates import DateFound, find_dates
from analysis.extract.mentions import REASON_TEXT, ClauseReading, read_clause
from analysis.extract.model import Candidate, Clause, DecidedAgainst, Evidence, Extraction, days_compatible
from analysis.extract.places import PlaceMention, find_place_mentions
from analysis.extract.sequence import EARLIER_EVENT, EARLIER_START, answering_week, follows_aftermath, with_lead
from analysis.extract.siting import (
    LAUNCH_POINT,
    THE_BASE,
    base_near_town,
    candidate_at,
    choose_sites,
    distinct_sites,
    drop_unplaced,
)
from analysis.extract.text import Span, split_clauses, split_sentences
from analysis.extract.totals import read_reported_total

__all__ = ["Candidate", "Evidence", "Extraction", "describe_reason", "extract_candidates"]


def extract_candidates(text: str, published: dt.date, gazetteer) -> Extraction:
    """Read ``text`` (published on ``published``) clause by clause into candidates, rejections and totals."""
    result = Extraction(text, published, [], [], [])
    mentions = find_place_mentions(text, gazetteer)
    current: Candidate | None = None
    for sentence in split_sentences(text):
        clauses = [
            _read(span, published, [m for m in mentions if span.start <= m.start < span.end], text)
            for span in split_clauses(sentence)
        ]
        _share_sentence_dates(clauses)
        for clause in clauses:
            current = _take_clause(result, clause, current)
    drop_unplaced(result)
    if not result.candidates:
        _date_lead_by_publication(result)
    _join_lead(result)
    return result


def _join_lead(result: Extraction) -> None:
    """Undated event clauses told before the first candidate (a headline, a lead that dates nothing), naming its side
    or none and no other country, are that event, which the article goes on to date ("Rocket attack in Iraq kills
    contractor" ... "More than a dozen rockets hit late Monday in Irbil"): they add what they say to it."""
    first = result.candidates[0] if result.candidates else None
    if first is None:
        return
    opening = min((e.start for e in first.evidence), default=0)
    for clause in [c for c in result.undated if c.span.end <= opening]:
        reading = clause.reading
        sided = reading.category == first.category or (reading.category, reading.perpetrator) == ("regional", "unknown")
        countries = set(clause.countries) | {p.country for p in clause.places}
        quoted = len(first.evidence)
        if sided and countries <= {first.country}:
            _add_details(first, clause, "the headline or lead, told before the event is dated", widen=False)
        if len(first.evidence) > quoted:  # it gave something: no longer a mention decided against
            result.decided_against = [d for d in result.decided_against if d.start != clause.span.start]


def _date_lead_by_publication(result: Extraction) -> None:
    """An article that dates none of its events reports its first sided, placed event as news: the week up to
    publication (the codebook: precision week for a span of up to seven days)."""
    lead = next((c for c in result.undated if c.reading.category in SIDES and (c.places or c.countries)), None)
    if lead is None:
        return
    rule = "no date in the article: the news of the week up to publication"
    date = DateFound(result.published - dt.timedelta(days=6), "week", rule, lead.span.start, lead.span.start)
    result.decided_against = [d for d in result.decided_against if d.start != lead.span.start]
    for place, country, place_rule in choose_sites(lead, None):
        _add_event(result, lead, date, place, country, place_rule)


def _reports_on(clause: Clause, current: Candidate) -> bool:
    """A clause dated only by its report, naming no side and no other place ("Col. X said Tuesday a contractor
    was killed"), speaks of the last event."""
    reading = clause.reading
    unsided = reading.category == "regional" and reading.perpetrator == "unknown"
    places = {p.name for p in clause.places} - ({current.place.name} if current.place else set())
    return unsided and not places and set(clause.countries) <= {current.country}


def _last_attack_on_us(result: Extraction, clause: Clause) -> Candidate | None:
    """US personnel killed or injured with no event at hand ("three US servicemen were lost in the incident"):
    the latest attack on US forces."""
    if not any(c.pair.startswith("us_") for c in clause.casualties):
        return None
    return next((c for c in reversed(result.candidates) if c.category == "attack_on_us"), None)


def _share_sentence_dates(clauses: list[Clause]) -> None:
    """An event clause with no date takes the date of a clause of its sentence that reports no event.

    ("On Monday, CENTCOM confirmed that ..."; "... forces in Iraq, the Pentagon confirmed on Tuesday".)
    """
    lent = [d for c in clauses if not c.reading.is_event for d in c.dates]
    for clause in clauses:
        if clause.reading.is_event and not clause.dates and lent and not EARLIER_EVENT.match(clause.span.text):
            clause.dates = lent[:1]
            clause.reading.rules.append("date: from another clause of the same sentence")


def _read(span: Span, published: dt.date, mentions: list[PlaceMention], text: str) -> Clause:
    casualties = find_casualties(span.text, span.start)
    us_hit = any(c.pair.startswith("us_") and (c.quantity.low or c.quantity.best) for c in casualties)
    named = [m for m in mentions if not LAUNCH_POINT.search(text[span.start : m.start])]
    return Clause(
        span,
        read_clause(span.text, published, us_hit),
        find_dates(span.text, published, span.start),
        [m for m in named if m.level != "country"],
        list(dict.fromkeys(m.country for m in named if m.level == "country")),
        casualties,
    )


def _take_clause(result: Extraction, clause: Clause, current: Candidate | None) -> Candidate | None:
    """Add what one clause says to ``result``; return the candidate later references attach to."""
    reading = clause.reading
    if not reading.is_event:
        target = candidate_at(result.candidates, clause.places) or current or _last_attack_on_us(result, clause)
        told = target is not None and not reading.reason_against and not clause.dates
        if told and (clause.casualties or reading.anaphoric):
            _add_details(target, clause, "detail of the last event (or of the event at the place it names)")
        return current
    if reading.reason_against:
        _decide_against(result, clause, reading.reason_against)
        return current if reading.reason_against in ("threat", "denial") else None
    date = _event_date(clause) or _day_next_to(clause, current)
    why = _why_it_joins(clause, current, date)
    if why is not None:
        _join(result, current, clause, why)
        return current
    if reading.anaphoric and (date is None or date.dates_report):
        _decide_against(result, clause, "reference")
        return current
    if date is None:
        date, taken = _take_undated(result, clause, current)
        if date is None:
            return taken
    sites = choose_sites(clause, current) or [(None, None, "place: none named yet (a later sentence may name it)")]
    made = None
    for place, country, place_rule in sites:
        made = _add_event(result, clause, date, place, country, place_rule)
    return made


def _take_undated(result: Extraction, clause: Clause, current: Candidate | None):
    """An event clause with no date: it joins the candidate it names again, or is dated as a retaliation, or is
    decided against. Returns ``(date, None)`` to go on with that date, else ``(None, candidate to attach to)``."""
    _take_side_of(current, clause)
    same = _same_undated(result.candidates, clause) or _continues(current, clause)
    if same is not None:
        _join(result, same, clause, "same side and place as an earlier candidate, no date of its own")
        return None, same
    date = answering_week(result, clause)
    return (date, None) if date is not None else (None, _undated_against(result, clause, current))


def _undated_against(result: Extraction, clause: Clause, current: Candidate | None) -> Candidate | None:
    """An undated event clause is decided against ("no date"); the side it continues is kept."""
    _decide_against(result, clause, "no date")
    result.undated.append(clause)
    same_side = current is not None and current.category == clause.reading.category
    keep = same_side or EARLIER_EVENT.match(clause.span.text)
    return current if keep else None


_DAY_NEXT_TO = re.compile(
    r"\b(?P<before>a day earlier|the day before|the previous day)\b|"
    r"\b(?P<after>a day later|the next day|the following day)\b",
    re.IGNORECASE,
)


def _day_next_to(clause: Clause, current: Candidate | None) -> DateFound | None:
    """ "A day earlier" is counted from the date of the passage it follows (the codebook's rule)."""
    found = _DAY_NEXT_TO.search(clause.span.text)
    if found is None or current is None or current.date_precision != "day":
        return None
    step = -1 if found.group("before") else 1
    day = current.event_date + dt.timedelta(days=step)
    start = clause.span.start + found.start()
    return DateFound(day, "day", f"'{found.group().lower()}' from the event before", start, start + len(found.group()))


def _why_it_joins(clause: Clause, current: Candidate | None, date: DateFound | None) -> str | None:
    """Why a clause speaks of the last event (a reference back, its aftermath, a report on it); None if it does not."""
    if current is None:
        return None
    if _refers_back(clause, current, date):
        return "refers back to the last event"
    if follows_aftermath(clause, current, date and date.day):
        return "the aftermath of the last event (dated by the aftermath)"
    if date is not None and date.dates_report and _reports_on(clause, current):
        return "a report about the last event (no side or place of its own)"
    return None


def _event_date(clause: Clause) -> DateFound | None:
    """The clause's event date: the first not after a reporting verb, else the date of the report."""
    own = [d for d in clause.dates if not d.dates_report]
    return (own or clause.dates or [None])[0]


def _refers_back(clause: Clause, current: Candidate, date: DateFound | None) -> bool:
    """'the attack' with no other day and no other place than the last candidate's."""
    if not clause.reading.anaphoric:
        return False
    compatible = days_compatible(current.event_date, current.date_precision, date.day, date.precision) if date else True
    if date is not None and not date.dates_report and not compatible:
        return False
    other_place = any(current.place is None or p.name != current.place.name for p in clause.places)
    return not (other_place and current.place is not None)


def _join(result: Extraction, candidate: Candidate, clause: Clause, why: str) -> None:
    """Add a clause to a candidate; further places it names for an unplaced candidate become rows of their own."""
    others = distinct_sites(clause.places)[1:] if candidate.place is None else []
    _add_details(candidate, clause, why)
    for site in others:
        _add_sibling(result, candidate, site, clause)


def _add_sibling(result: Extraction, first: Candidate, site: PlaceMention, clause: Clause) -> None:
    """A second place named for an event ("at Ain al-Asad ... as well as near the consulate in Erbil"): its own row."""
    sibling = Candidate(first.event_date, first.date_precision, first.category, site.country, site)
    sibling.perpetrator, sibling.date_from_report = first.perpetrator, first.date_from_report
    sibling.evidence = [e for e in first.evidence if e.field == "event_date"][:1]
    sibling.evidence.append(Evidence("location", clause.span.start, clause.span.end, "place: one row per place named"))
    sibling.rules = [r for r in first.rules if r.startswith("date")] + ["place: one row per place named"]
    _add_details(sibling, clause, None)
    result.candidates.append(sibling)


def _take_side_of(current: Candidate | None, clause: Clause) -> None:
    """An undated clause naming no side ("its headquarters had been struck") continues the event before it; not an
    earlier cause ("after a drone attacked the base")."""
    reading = clause.reading
    unsided = reading.category == "regional" and reading.perpetrator == "unknown"
    if current is not None and unsided and not EARLIER_EVENT.match(clause.span.text):
        reading.category = current.category
        reading.rules.append(f"side: no actor named; the side of the event before ({current.category})")


_PLURAL_ONLY = re.compile(r"\b(?:attacks|strikes)\b(?![^.]*\b(?:attack|strike)\b)", re.IGNORECASE)
_DEFINITE_PLURAL = re.compile(r"\b(?:the|these|those)\s+(?:[\w-]+\s+)?(?:attacks|strikes)\b", re.IGNORECASE)


def _continues(current: Candidate | None, clause: Clause) -> Candidate | None:
    """An undated event clause naming no place, no country and no other side goes on about the event before it
    ("A contractor was killed when rockets struck outside an airport"); not an earlier cause ("after ...") and not
    attacks in general."""
    if current is None or clause.places or clause.countries or current.category != clause.reading.category:
        return None
    if EARLIER_EVENT.match(clause.span.text) or _PLURAL_ONLY.search(clause.span.text):
        return None
    return current


def _same_undated(candidates: list[Candidate], clause: Clause) -> Candidate | None:
    """The earlier candidate an undated clause names again (same side and place); not for "attacks" in general."""
    if _PLURAL_ONLY.search(clause.span.text) and not _DEFINITE_PLURAL.search(clause.span.text):
        return None
    for candidate in reversed(candidates):
        if candidate.category != clause.reading.category:
            continue
        if candidate.place is None and candidate.country is None and (clause.places or clause.countries):
            return candidate
        names = {p.name for p in clause.places}
        if candidate.place is not None and candidate.place.name in names:
            return candidate
        if candidate.place is None and any(p.country == candidate.country for p in clause.places):
            return candidate
        if not names and candidate.country and candidate.country in clause.countries:
            return candidate
        if not names and not clause.countries and candidate.place is not None and THE_BASE.search(clause.span.text):
            return candidate  # "two Katyusha rockets were fired at the base": the base named last
    return None


def _add_event(result, clause: Clause, date: DateFound, place, country, place_rule: str) -> Candidate:
    reading = clause.reading
    _side_of_place(result.candidates, reading, place)
    unsided = reading.category == "regional" and reading.perpetrator == "unknown"
    before = result.candidates[-1:] if EARLIER_START.match(with_lead(result.text, clause.span)) else []
    for candidate in result.candidates:
        if candidate not in before and _same_event(candidate, reading.category, date, place, country, unsided):
            _merge_into(candidate, clause, date, place, place_rule)
            return candidate
    province = place if place is not None and place.level == "province" else None
    site = None if province else place
    candidate = Candidate(date.day, date.precision, reading.category, country, site, province and province.admin1)
    candidate.perpetrator = reading.perpetrator or "unknown"
    candidate.date_from_report = date.dates_report
    date_rule = f"date: {date.rule}" + (" (the date of the report)" if date.dates_report else "")
    candidate.rules += [date_rule, place_rule]
    span = clause.span
    candidate.evidence += [Evidence("event_date", span.start, span.end, date_rule)]
    candidate.evidence += [Evidence("location", span.start, span.end, place_rule)]
    _add_details(candidate, clause, None)
    result.candidates.append(candidate)
    return candidate


def _merge_into(candidate: Candidate, clause: Clause, date: DateFound, place, place_rule: str) -> None:
    """A clause naming the same event again: a finer date or place replaces the coarser one, details are added."""
    span = clause.span
    if _finer(date, candidate):
        candidate.event_date, candidate.date_precision = date.day, date.precision
        candidate.rules.append(f"date: refined by a more precise later date ({date.rule})")
        candidate.evidence.append(Evidence("event_date", span.start, span.end, date.rule))
    near = candidate.place is not None and place is not None and base_near_town(place, candidate.place)
    if near and place.kind != "city":
        candidate.place = place
        candidate.evidence.append(Evidence("location", span.start, span.end, place_rule))
        candidate.rules.append("place: the base named by a later sentence, near the town named first")
    if candidate.place is None and place is not None and place.level == "site":
        candidate.place, candidate.country = place, place.country
        candidate.evidence.append(Evidence("location", span.start, span.end, place_rule))
    _add_details(candidate, clause, "same side, day and place as an earlier candidate")


SIDES = {"attack_on_us": "US forces the target", "us_strike": "US forces the attacker"}
US_HOST_COUNTRIES = ("Iraq", "Syria", "Jordan")
"""Where the gazetteer's bases are those that host US or coalition forces (GAZETTEER.md)."""


def _side_of_place(candidates: list[Candidate], reading: ClauseReading, place: PlaceMention | None) -> None:
    """A place the article names as the target of an attack on US forces stays one ("Al-Tanf was hit"); an attack
    that names no side on a base of Iraq, Syria or Jordan in the gazetteer (bases that host US or coalition
    forces) is an attack on US forces (the codebook: "attacks on US forces, bases hosting them")."""
    unsided = reading.category == "regional" and reading.perpetrator == "unknown"
    if not unsided or place is None or place.level != "site":
        return
    targets = {c.place.name for c in candidates if c.category == "attack_on_us" and c.place is not None}
    if place.name in targets:
        reading.category = "attack_on_us"
        reading.rules.append("side: the article names this place as the target of an attack on US forces")
    elif place.kind == "base" and place.country in US_HOST_COUNTRIES:
        reading.category = "attack_on_us"
        reading.rules.append("side: a base hosting US or coalition forces (gazetteer), no other side named")


def _same_event(candidate: Candidate, category, date: DateFound, place, country, unsided: bool = False) -> bool:
    """Same side (or a clause that names no side), a compatible day and a compatible place."""
    if place is not None and place.level == "province":
        if candidate.admin1 not in (None, place.admin1) or candidate.place is not None:
            return (
                candidate.place is not None
                and candidate.place.admin1 == place.admin1
                and category == candidate.category
            )
        place = None
    candidate_unsided = candidate.category == "regional" and candidate.perpetrator == "unknown"
    if candidate.category != category and not ((unsided or candidate_unsided) and place is not None):
        return False
    if not days_compatible(candidate.event_date, candidate.date_precision, date.day, date.precision):
        return False
    if place is not None and candidate.place is not None:
        return place.name == candidate.place.name or base_near_town(place, candidate.place)
    pending = candidate.country is None and candidate.place is None
    return pending or country is None or country == candidate.country


_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _finer(date: DateFound, candidate: Candidate) -> bool:
    return _PRECISION_RANK[date.precision] < _PRECISION_RANK[candidate.date_precision] and not date.dates_report


def _add_details(candidate: Candidate, clause: Clause, why: str | None, widen: bool = True) -> None:
    """Fill the candidate's empty fields from the clause (the first sentence that gives a figure keeps it; a later,
    higher figure gives the max of a stated minimum, unless ``widen`` is False: a headline's rounded figure)."""
    reading, span = clause.reading, clause.span
    if why:
        candidate.rules.append(why)
    _place_later(candidate, clause)
    if reading.category in SIDES and candidate.category == "regional" and candidate.perpetrator == "unknown":
        candidate.category, candidate.perpetrator = reading.category, reading.perpetrator or "unknown"
        candidate.rules.append(f"side: a later sentence names the side ({SIDES[reading.category]})")
    filled = [
        ("weapon", reading.weapon),
        ("munitions", reading.munitions),
        ("outcome", reading.outcome),
        ("claimed_by", reading.claimed_by),
    ]
    for name, value in filled:
        if value is not None and getattr(candidate, name) is None:
            setattr(candidate, name, value)
            candidate.evidence.append(Evidence(name, span.start, span.end, _rule_named(reading.rules, name)))
    for found in clause.casualties:
        held = candidate.casualties.get(found.pair)
        widened = widen_to_later_figure(held, found.quantity) if held is not None and widen else None
        if held is None or widened is not None:
            candidate.casualties[found.pair] = widened or found.quantity
            rule = widened.rule if widened else found.rule
            candidate.evidence.append(Evidence(found.pair, span.start, span.end, rule))
    if reading.perpetrator and candidate.perpetrator == "unknown" and reading.category == candidate.category:
        candidate.perpetrator = reading.perpetrator
    own = [r for r in reading.rules if not (why and r.startswith("side:"))]
    candidate.rules += [r for r in own if r not in candidate.rules]


def _place_later(candidate: Candidate, clause: Clause) -> None:
    """An unplaced candidate takes the first site (else the country) a later clause names."""
    span = clause.span
    if candidate.place is None:
        inside = [p for p in clause.places if candidate.country in (None, p.country) and p.level == "site"]
        if inside:
            candidate.place, candidate.country = inside[0], inside[0].country
            candidate.evidence.append(Evidence("location", span.start, span.end, "place: named by a later sentence"))
        provinces = [p for p in clause.places if candidate.country in (None, p.country) and p.level == "province"]
        if not inside and provinces and not candidate.admin1:
            candidate.admin1, candidate.country = provinces[0].admin1, provinces[0].country
            rule = "place: the province a later sentence names (admin1 only)"
            candidate.evidence.append(Evidence("admin1", span.start, span.end, rule))
    if candidate.place is None and candidate.country is None and clause.countries:
        candidate.country = clause.countries[0]
        candidate.evidence.append(
            Evidence("location", span.start, span.end, "place: country named by a later sentence")
        )


def _rule_named(rules: list[str], name: str) -> str:
    prefix = {"claimed_by": "claim"}.get(name, name)
    return next((r for r in rules if r.startswith(prefix)), name)


def _decide_against(result: Extraction, clause: Clause, reason: str) -> None:
    result.decided_against.append(DecidedAgainst(clause.span.start, clause.span.end, reason))
    if reason == "aggregate":
        total = read_reported_total(clause.span, result.published, clause.countries)
        if total is not None:
            result.totals.append(total)


def describe_reason(reason: str) -> str:
    """The reason a mention was decided against, in words."""
    return REASON_TEXT.get(reason, reason)
