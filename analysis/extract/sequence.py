"""The order of events as a text tells it: a retaliation answers an attack told before it, an aftermath follows one,
"Earlier, ..." goes back before the event just told, "after ..." names an earlier cause."""

from __future__ import annotations

import datetime as dt
import re

from analysis.extract.dates import DateFound
from analysis.extract.model import Candidate, Clause, Extraction

__all__ = ["EARLIER_EVENT", "EARLIER_START", "answering_week", "follows_aftermath", "with_lead"]

EARLIER_EVENT = re.compile(
    r"^(?:after|following|in response|in retaliation|(?:just )?(?:days|a day|weeks) after)\b", re.I
)
"""A clause opening with an earlier cause ("after ...", "in response ..."): its event is not the one being told."""
EARLIER_START = re.compile(r"^\s*(?:Earlier|Before that|Previously)\b", re.IGNORECASE)
"""A clause opening "Earlier, ..." reports an event before the one just told: never the same event as that one."""


_RETALIATION = re.compile(r"\b(?:in retaliation|retaliat(?:ory|ion|es|ed)|in response to|responded)\b", re.I)


def with_lead(text: str, span) -> str:
    """The clause with the words before it in its sentence ("In retaliation, " before "the Coalition targeted")."""
    return re.split(r"[.\n]", text[max(0, span.start - 60) : span.start])[-1] + span.text


def answering_week(result: Extraction, clause: Clause) -> DateFound | None:
    """A US strike with no date that the text calls a retaliation or response answers the last attack on US forces
    before it: it fell between that attack and publication. When that span is at most seven days, the strike is
    dated by the week from the attack's day (precision week, the codebook's "span of up to seven days").

    >>> from analysis.extract.mentions import ClauseReading
    >>> from analysis.extract.text import Span
    >>> result = Extraction("", dt.date(2023, 4, 11), [Candidate(dt.date(2023, 4, 5), "week", "attack_on_us")], [], [])
    >>> strike = ClauseReading(True, category="us_strike")
    >>> c = Clause(Span(0, 40, "In retaliation, the Coalition targeted areas"), strike, [], [], [], [])
    >>> found = answering_week(result, c)
    >>> found.day.isoformat(), found.precision
    ('2023-04-05', 'week')

    The attack answered is the one told just before: when a mention decided against (an older, undated or
    aggregate attack) is told between the last candidate and the strike ("The site last came under attack in late
    March ... The U.S. military then conducted retaliatory airstrikes"), the strike's date is not known either.
    """
    if clause.reading.category != "us_strike" or not _RETALIATION.search(with_lead(result.text, clause.span)):
        return None
    attack = next((c for c in reversed(result.candidates) if c.category == "attack_on_us"), None)
    if attack is None or (result.published - attack.event_date).days > 6 or _told_between(result, attack, clause):
        return None
    rule = f"retaliation for the attack of {attack.event_date.isoformat()}: the week from that day to publication"
    return DateFound(attack.event_date, "week", rule, clause.span.start, clause.span.start)


_NOT_TOLD = ("threat", "denial", "reference")


def _told_between(result: Extraction, attack: Candidate, clause: Clause) -> bool:
    """A mention of violence decided against (other than a threat, a denial or a reference back), told after the
    last sentence about ``attack`` and before ``clause``."""
    last = max(e.start for e in attack.evidence) if attack.evidence else 0
    return any(last < d.start < clause.span.start and d.reason not in _NOT_TOLD for d in result.decided_against)


AFTERMATH = re.compile(r"\baftermath of\b", re.IGNORECASE)


def follows_aftermath(clause: Clause, current: Candidate | None, day: dt.date | None) -> bool:
    """'Workers clear debris in the aftermath of rocket attacks in Irbil, Iraq, Tuesday': the clause's date is the
    aftermath's, and its attack is the one told before (same side or none named, its place or none, on the
    clause's day or up to a week before it).

    >>> from analysis.extract.mentions import ClauseReading
    >>> from analysis.extract.text import Span
    >>> attack = Candidate(dt.date(2021, 2, 15), "day", "attack_on_us", "Iraq")
    >>> c = Clause(Span(0, 40, "Workers clear debris in the aftermath of rocket attacks"), ClauseReading(True,
    ...     category="regional", perpetrator="unknown"), [], [], [], [])
    >>> follows_aftermath(c, attack, dt.date(2021, 2, 16)), follows_aftermath(c, attack, dt.date(2021, 3, 16))
    (True, False)
    """
    if current is None or day is None or not AFTERMATH.search(clause.span.text):
        return False
    reading = clause.reading
    unsided = reading.category == "regional" and reading.perpetrator == "unknown"
    if not (unsided or reading.category == current.category):
        return False
    names = {p.name for p in clause.places}
    if names and (current.place is None or current.place.name not in names):
        return False
    return 0 <= (day - current.event_date).days <= 7
