"""What one clause says: does it report a violent event, of which side, with what weapon and outcome,
or is it a mention to decide against (an aggregate, a threat, a denial, background)?

Every decision is a named rule; the candidate keeps the names of the rules that fired.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from analysis.extract.numbers import QUANTITY, Quantity, quantity_from_match

EVENT = re.compile(
    # "F-15E Strike Eagle", "carrier strike group": the name of an aircraft or a unit, not a strike
    r"\b(?:attack(?:ed|s)?|assault|strikes?(?!\s+(?:Eagles?|fighters?|groups?|package)\b)|struck|air ?strikes?|"
    r"air raid|raid|rockets?|drones?|missiles?|"
    r"bomb(?:s|ed|ing)?|explosion|blast|shell(?:ed|ing)|launched|fired|fell|intercepted|killed|killing|"
    r"assassination|assassinated|Katyushas?|target(?:ed|ing)?)\b",
    re.IGNORECASE,
)
_REASONS: list[tuple[str, re.Pattern]] = [
    (
        "denial",
        re.compile(
            r"\b(?:denie[sd]|deny|refuted|has not taken responsibility|"
            r"rejected (?:any )?(?:responsibility|involvement))\b",
            re.I,
        ),
    ),
    (
        "threat",
        re.compile(
            r"\b(?:would|will|could|might|threaten\w*|vow\w*|warn\w*|pledg\w*|prepared to|seek revenge|avenge|"
            r"if|more attacks)\b",
            re.I,
        ),
    ),
    (
        "aggregate",
        re.compile(
            rf"(?:{QUANTITY.pattern})\s+(?:[\w-]+\s+){{0,3}}?(?:attacks|strikes|times)\b|"
            r"\battacks\b[^.]{0,80}\b(?:since|so far|in total)\b|"
            # "the 26th against US bases in Syria since October 19", "at least the 32nd attack ... since"
            r"\b\d+(?:st|nd|rd|th)\b[^.]{0,80}\b(?:since|so far|this year|in total)\b",
            re.I,
        ),
    ),
    (
        "background",
        re.compile(
            r"\b(?:over the years|in recent years|regularly|repeated(?:ly)?|have resumed|has resumed|in recent weeks|"
            r"history of|invaded|withdrew|war on|war against|war in|ceased|halted|"
            r"a series of|a string of|a spate of)\b",
            re.I,
        ),
    ),
]
_HYPOTHETICAL = dict(_REASONS)["threat"]
REASON_TEXT = {
    "denial": "a denial, not a report of an event",
    "threat": "a threat, warning or conditional, not an event that happened",
    "aggregate": "an aggregate of several attacks: a reported total, never an incident",
    "background": "a general or background reference to older or repeated attacks",
    "older": "a reference to an attack in an earlier year",
    "reference": "refers back to an event named earlier, with no date or place of its own",
    "no place": "neither a place nor a country is named for it",
    "no date": "no date for the event is stated, so it cannot be placed on a day",
}
_US = r"(?:U\.\s?S\.|US|American|America|United States)"
_US_FORCES = (
    rf"(?:{_US}|coalition)(?:-led)?\s+(?:(?:and|military|coalition)\s+){{0,3}}(?:forces|troops|personnel|soldiers|base|"
    r"outpost|servicemen|service members|(?:diplomatic\s+)?facility|interests|embassy|consulate)"
)
# "U.S. forces at the Tanf garrison were attacked", "a US base in Syria came under attack": where they are, between
_WHERE = r"(?:\s+(?:at|in|near|on|outside)\s+(?:[\w’'-]+\s+){0,4}?[\w’'-]+)?"
_US_TARGET = re.compile(
    rf"\b(?:at|on|against|targeting|targeted|targets|toward|towards|near|hit|hits|attack|attacked|attacking|attacks|"
    rf"struck|strikes)\b[^.]{{0,60}}?\b{_US_FORCES}|"
    rf"\b(?:hosts?|hosting|housing|houses|house)\b[^.]{{0,40}}?\b(?:{_US}|coalition)|"
    rf"\b{_US_FORCES}{_WHERE}\s+(?:have|has|had)?\s*(?:been|were|was|are|is)\s+(?:targeted|attacked|hit|struck)\b|"
    rf"\b{_US}-led\s[^.]{{0,40}}?\b(?:have|has|had)?\s*(?:been|were|was)\s+(?:targeted|attacked|hit|struck)\b|"
    rf"\b(?:{_US}|coalition)(?:-led)?\s+(?:troops|forces|personnel|soldiers|bases?|outposts?|convoys?){_WHERE}"
    r"\s+(?:came\s+|come\s+|comes\s+)?under\b|"
    rf"\b(?:{_US}|coalition)(?:-led)?\s+(?:coalition\s+)?(?:civilian\s+)?contractors?\b",
    re.IGNORECASE,
)
_US_ACTOR = re.compile(
    rf"\b(?:{_US}\s+(?:Air Force|military|forces|air ?strikes?|drone strikes?|strikes?|warplanes|aircraft|raid|"
    rf"retaliat\w*|Navy|Army|Marines|(?:[\w-]+\s+){{0,3}}?(?:aircraft|jets|bombers|warplanes|fighter jets))|"
    rf"Centcom|CENTCOM|Central Command|Pentagon said it|by (?:a |an |the )?{_US}|"
    r"(?:Trump|Biden|Obama)(?:\s+administration)?(?:-| )ordered|ordered by (?:President )?(?:Trump|Biden|Obama)|"
    r"coalition (?:targeted|struck|launched|conducted|bombed|aircraft|warplanes|jets|air ?strikes?)|"
    rf"{_US} (?:launches|launched|attacks|attacked|struck|strikes|bombed|hit|carried out|conducted|responded|"
    r"retaliated))(?!\w)",
    re.IGNORECASE,
)
# "The U.S. military launched ...": a US actor named before the clause's first event word is its subject
_US_SUBJECT_FIRST = re.compile(rf"^(?:[\w“”\"'’,-]+\s+){{0,6}}?(?:the\s+)?(?:{_US_ACTOR.pattern})", re.IGNORECASE)
_REGIONAL_ACTOR = re.compile(
    r"\b(?P<actor>Israel(?:i)?|Iran(?:ian)?|Hamas|Hezbollah|Hizballah|Houthis?|Turk(?:ey|ish))\b(?![-])",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\bclaimed by (?P<by>(?:[\w-]+\s+){0,3}?(?:fighters|militia|group|groups|faction|factions|Resistance[\w ]*))|"
    r"(?P<who>(?:[\w-]+\s+){0,4}?(?:militia|group|faction)) claimed\b",
    re.IGNORECASE,
)
_SUSPECTED = re.compile(r"\bsuspected (?P<actor>Israeli|Iranian|US|American|Turkish)\b", re.IGNORECASE)
WEAPONS: list[tuple[str, re.Pattern]] = [
    ("missiles_and_drones", re.compile(r"\b(?:drones and missiles|missiles and drones)\b", re.I)),
    ("ballistic_missile", re.compile(r"\bballistic missiles?\b", re.I)),
    ("cruise_missile", re.compile(r"\bcruise missiles?\b", re.I)),
    ("rocket", re.compile(r"\b(?:rockets?|Katyushas?)\b", re.I)),
    ("drone", re.compile(r"\b(?:drones?|UAVs?)\b", re.I)),
    ("airstrike", re.compile(r"\b(?:air ?strikes?|air raids?|bombs|bombers|warplanes|aircraft|bombed)\b", re.I)),
    ("explosive_device", re.compile(r"\b(?:IEDs?|roadside bombs?|planted bombs?|car bombs?)\b", re.I)),
    ("small_arms", re.compile(r"\b(?:gunfire|small arms|gunmen|shot dead)\b", re.I)),
]
_MUNITIONS = re.compile(r"\b(?:rockets|drones|missiles|bombs|Katyushas|projectiles)\b", re.IGNORECASE)
# between a figure and its munitions: at most two words, none of them a figure ("two Katyusha rockets")
_FILLER = re.compile(r"(?:\s+[A-Za-z][\w-]*){0,2}\s+$")
OUTCOMES: list[tuple[str, re.Pattern]] = [
    (
        "partial",
        re.compile(r"\b(?:limited damage|some (?:were|of them were) intercepted|most were intercepted)\b", re.I),
    ),
    ("intercepted", re.compile(r"\b(?:intercepted|shot down|downed)\b(?! before reaching)", re.I)),
    (
        "missed",
        re.compile(r"\b(?:had not been struck|was not struck|missed|fell short|landed (?:near|outside))\b", re.I),
    ),
    ("hit", re.compile(r"\b(?:hit|struck|killed|destroyed|damaged|fell in|injured|wounded)\b", re.I)),
]
_UNCLEAR_OUTCOME = re.compile(r"\bunclear whether\b|\bremains? unclear\b", re.I)
ANAPHORA = re.compile(
    r"\b(?:the|this|that|such|second such) (?:attack|assault|strike|incident|raid|explosion|blast|killing|launch|"
    r"rockets|drones|missiles|projectiles)\b|\b(?:today|yesterday)[’']s (?:attack|strike)",
    re.I,
)
_YEAR = re.compile(r"\b(?:in|since|of) (?P<year>(?:19|20)\d\d)\b")


@dataclass
class ClauseReading:
    """What the rules read in one clause; ``rules`` names every rule that fired."""

    is_event: bool = False
    reason_against: str | None = None
    category: str | None = None
    perpetrator: str | None = None
    claimed_by: str | None = None
    weapon: str | None = None
    munitions: Quantity | None = None
    outcome: str | None = None
    anaphoric: bool = False
    rules: list[str] = field(default_factory=list)


def read_clause(clause: str, published: dt.date, us_casualties: bool) -> ClauseReading:
    """Read one clause: event or not, the reason to decide against it, side, actors, weapon, munitions, outcome.

    >>> r = read_clause("Multiple rockets were launched at Iraq's Ain al-Asad airbase housing US-led forces",
    ...     dt.date(2024, 7, 26), False)
    >>> r.is_event, r.category, r.weapon, r.munitions[:3]
    (True, 'attack_on_us', 'rocket', (2, None, None))
    >>> read_clause("they would target all American bases", dt.date(2024, 10, 3), False).reason_against
    'threat'
    """
    reading = ClauseReading(is_event=bool(EVENT.search(clause)))
    reading.anaphoric = bool(ANAPHORA.search(clause))
    if not reading.is_event:  # "the death of a contractor would be a red line": a conditional states no figure
        reading.reason_against = "threat" if _HYPOTHETICAL.search(clause) else None
        return reading
    reading.reason_against = _reason_against(clause, published)
    if reading.reason_against:
        reading.rules.append(f"decided against: {reading.reason_against}")
        return reading
    _read_side(reading, clause, us_casualties)
    _read_means(reading, clause)
    return reading


def _reason_against(clause: str, published: dt.date) -> str | None:
    for reason, pattern in _REASONS:
        if pattern.search(clause):
            return reason
    years = [int(m.group("year")) for m in _YEAR.finditer(clause)]
    if years and max(years) < published.year - 1:
        return "older"
    return None


def _read_side(reading: ClauseReading, clause: str, us_casualties: bool) -> None:
    claim = _CLAIM.search(clause)
    if claim:
        reading.claimed_by = (claim.group("by") or claim.group("who")).strip()
        reading.rules.append("claim: 'claimed by' names who claimed it")
    suspected = _SUSPECTED.search(clause)
    if _US_DEFENCE.search(clause):
        reading.category, reading.perpetrator = "attack_on_us", "unknown"
        reading.rules.append("side: US forces defended against munitions (an attack on US forces)")
    elif not us_casualties and _us_is_subject(clause) and not _passive_target(clause):
        reading.category, reading.perpetrator = "us_strike", "US military"
        reading.rules.append("side: US forces named as the attacker, before the target")
    elif us_casualties or _US_TARGET.search(clause):
        reading.category = "attack_on_us"
        reading.rules.append("side: US personnel hit or US forces named as the target")
        reading.perpetrator = "unknown"
    elif _US_ACTOR.search(clause) and not _us_is_speaker(clause):
        reading.category, reading.perpetrator = "us_strike", "US military"
        reading.rules.append("side: US forces named as the attacker")
    else:
        reading.category = "regional"
        actor = _REGIONAL_ACTOR.search(clause)
        reading.perpetrator = _actor_name(actor.group("actor")) if actor else "unknown"
        reading.rules.append("side: neither US target nor US attacker named (regional)")
    if suspected:
        reading.perpetrator = f"{_actor_name(suspected.group('actor'))} (suspected)"
        reading.rules.append("attribution: 'suspected' kept in the perpetrator")


_PASSIVE_TARGET = re.compile(
    rf"\b(?:{_US_FORCES}{_WHERE}|{_US}-led\s[^.]{{0,40}}?)\s+(?:have|has|had)?\s*(?:been|were|was)\s+"
    r"(?:targeted|attacked|hit)",
    re.IGNORECASE,
)


# "United States military forces combatted three drones", "US forces shot down two drones": the munitions were
# fired at them; the US is the defender, not the attacker
_US_DEFENCE = re.compile(
    rf"\b(?:{_US}|coalition)(?:-led)?\s+(?:[\w-]+\s+){{0,3}}?(?:combat(?:t)?ed|intercepted|shot down|downed|"
    r"engaged|thwarted|repelled|foiled|countered|defeated)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:drones?|rockets?|missiles?|UAVs?|projectiles?|one-way attack drones?)\b|"
    # the passive: "two drones were shot down by U.S. forces"
    r"\b(?:drones?|rockets?|missiles?|UAVs?|projectiles?)\s+(?:were|was|had been|have been)\s+"
    rf"(?:intercepted|shot down|downed|engaged|destroyed)\s+by\s+(?:the\s+)?(?:{_US}|coalition)",
    re.IGNORECASE,
)


def _passive_target(clause: str) -> bool:
    """
    >>> _passive_target("U.S. forces have been targeted by militias"), _passive_target("US forces struck a depot")
    (True, False)
    >>> _passive_target("the forces of the US-led coalition had been targeted by a rocket attack")
    True
    """
    return bool(_PASSIVE_TARGET.search(clause))


# "U.S. Army Col. Wayne Marotto said ...": a US speaker, not a US attacker
_REPORTER = re.compile(
    r"(?!Pentagon said it)(?:[\w.’'()-]+\s+){1,6}?(?:said|says|told|stated|confirmed|announced|reported|revealed)\b"
    r"(?! its? )"  # "CENTCOM said it struck", "Central Command said its forces struck": the speaker is the attacker
)


_ACCORDING_TO = re.compile(r"\baccording to\s+(?:the\s+)?(?:U\.\s?S\.\s+|US\s+)?$", re.IGNORECASE)


def _us_is_speaker(clause: str) -> bool:
    """The US actor the clause names first is who reports it ("CENTCOM said", "According to CENTCOM:"), not who
    attacked.

    >>> _us_is_speaker("United States Central Command (CENTCOM) has confirmed that no troops were hurt")
    True
    >>> _us_is_speaker("According to CENTCOM: Two rockets targeted coalition forces"), _us_is_speaker("US jets struck")
    (True, False)
    """
    start = _actor_start(clause)
    return bool(_REPORTER.match(clause, start) or _ACCORDING_TO.search(clause[:start]))


def _us_is_subject(clause: str) -> bool:
    """A US actor named in the clause's first words, before its first event word ("The U.S. military launched").

    >>> _us_is_subject("The U.S. military launched airstrikes"), _us_is_subject("Drones attacked U.S. forces")
    (True, False)
    """
    if not _US_SUBJECT_FIRST.search(clause) or _us_is_speaker(clause):
        return False
    event = EVENT.search(clause)
    return event is None or _actor_start(clause) <= event.start()


def _actor_start(clause: str) -> int:
    found = _US_ACTOR.search(clause)
    return found.start() if found else len(clause)


def _actor_name(word: str) -> str:
    """
    >>> _actor_name("Israeli"), _actor_name("Hizballah"), _actor_name("American")
    ('Israel', 'Hezbollah', 'US military')
    """
    names = {"israeli": "Israel", "iranian": "Iran", "hizballah": "Hezbollah", "turkish": "Turkey"}
    names |= {"houthi": "Houthis", "us": "US military", "american": "US military"}
    return names.get(word.lower(), word[:1].upper() + word[1:])


def read_munitions(clause: str) -> Quantity | None:
    """The number of munitions: the figure just before "rockets", "drones", ...; a bare plural gives min 2.

    >>> read_munitions("around 12:20 am two Katyusha rockets fell")[:4]
    (2, 2, 2, 'exact N')
    >>> read_munitions("Rockets fired from southern Lebanon")[:4]
    (2, None, None, 'bare plural')
    """
    noun = _MUNITIONS.search(clause)
    if noun is None:
        return None
    before = clause[: noun.start()]
    for figure in reversed(list(QUANTITY.finditer(before))):
        gap = before[figure.end() :] or " "
        if _FILLER.fullmatch(gap) and not QUANTITY.search(gap):
            return quantity_from_match(figure)
        break
    return Quantity(2, None, None, "bare plural", noun.start(), noun.end())


def _read_means(reading: ClauseReading, clause: str) -> None:
    for weapon, pattern in WEAPONS:
        if pattern.search(clause):
            reading.weapon = weapon
            reading.rules.append(f"weapon: {weapon}")
            break
    reading.munitions = read_munitions(clause)
    if reading.munitions:
        reading.rules.append(f"munitions: {reading.munitions.rule}")
    if _UNCLEAR_OUTCOME.search(clause):
        reading.outcome = "unknown"
        reading.rules.append("outcome: the text says it is unclear")
        return
    for outcome, pattern in OUTCOMES:
        if pattern.search(clause):
            reading.outcome = outcome
            reading.rules.append(f"outcome: {outcome}")
            return
