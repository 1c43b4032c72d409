"""Casualty figures in a passage: who (US personnel or others), killed or injured, and how many.

US personnel are US soldiers, troops, servicemen, service members or personnel named as US or American;
contractors, partner forces, coalition troops of other countries and "Iran-backed fighters" are
others. Wording goes through :mod:`analysis.extract.numbers`; a count of a subgroup ("seven Iranian
commanders", "a member of the security forces") gives a min only, as the codebook says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.extract.numbers import QUANTITY, Quantity, as_lower_bound, quantity_from_match

_PERSONS = (
    r"personnel|soldiers?|troops|service(?:wo)?m[ae]n|servicemembers?|service ?members?|sailors|marines|"
    r"people|persons?|civilians?|fighters?|militants?|members?|commanders?|generals?|officers?|combatants|extremists|"
    r"contractors?|guards?|Americans|children|women|men|employees"
)
_SUBGROUP = re.compile(r"\b(?:commanders?|generals?|officers?|members?|leaders?)\b", re.IGNORECASE)
_US = re.compile(r"\b(?:U\.\s?S\.|US|American|United States)(?!-)", re.IGNORECASE)
_NOT_US = re.compile(r"\b(?:contractors?|Iraqi|Syrian|partner|Kurdish|Iran-backed|pro-Iran)\b", re.IGNORECASE)
_KILLED = r"killed|dead|died|die|lost|slain"
_INJURED = r"injured|wounded|hurt"
_WHO = rf"(?P<who>(?:[\w’'“”\".,-]+\s+){{0,6}}?(?:{_PERSONS})(?:\s+(?:{_PERSONS}))?)\b"
_QTY = QUANTITY.pattern
# "three US servicemen were lost", "“several” American personnel were injured"
_FIGURE_FIRST = re.compile(
    rf"(?P<qty>{_QTY})[”\"’']?\s+{_WHO}(?:\s+(?:[\w-]+\s+){{0,5}}?(?:were|was|have been|had been|are|did))?\s+"
    rf"(?P<what>{_KILLED}|{_INJURED})\b",
    re.IGNORECASE,
)
# "killed at least four pro-Iran extremists", "claimed the lives of three US soldiers", "the death of a member",
# and a headline's present tense: "Drone kills two guards"
_VERB_FIRST = re.compile(
    rf"\b(?P<what>killed|kills|killing(?:\s+of)?|claimed the lives of|the deaths? of|injured|injures|injuring|wounded|"
    rf"wounds|wounding)\s+"
    rf"(?P<qty>{_QTY})\s+{_WHO}",
    re.IGNORECASE,
)
_NONE = re.compile(
    r"\b(?:no|zero|not cause any|without (?:causing )?any) (?:damage or )?(?P<noun>casualties|injuries|deaths)\b|"
    r"\b(?:no|without (?:causing )?any) (?P<human>human)(?: or material)? losses\b|"
    r"\bno (?P<us>US |U\.S\. |American )?"
    r"(?:personnel|troops|soldiers|service ?members|servicemembers|forces|one) (?:were|was) "
    r"(?P<what>injured|killed|hurt|wounded)\b",
    re.IGNORECASE,
)


# "The death toll later rose to four", "the toll stood at 12": the figure of the whole toll, as stated
_TOLL = re.compile(
    rf"\b(?P<who>(?:[\w.-]+\s+){{0,2}}?)(?:death|casualty)\s+toll\s+(?:\w+\s+)?"
    rf"(?:rose|climbed|jumped|increased|reached|stood|stands|is|was|has (?:risen|reached)|had (?:risen|reached))"
    rf"(?:\s+(?:to|at))?\s+(?P<qty>{QUANTITY.pattern})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CasualtyFound:
    """One casualty figure: ``pair`` (us_killed, us_injured, other_killed, other_injured), its quantity, rule."""

    pair: str
    quantity: Quantity
    rule: str


def find_casualties(passage: str, offset: int = 0) -> list[CasualtyFound]:
    """Every casualty figure the passage states, in text order.

    >>> [(c.pair, c.quantity[:3]) for c in find_casualties("three US servicemen were lost in the incident")]
    [('us_killed', (3, 3, 3))]
    >>> [(c.pair, c.quantity[:3]) for c in find_casualties("a strike killed seven Iranian commanders")]
    [('other_killed', (7, None, None))]
    >>> [c.pair for c in find_casualties("with no damage or casualties reported")]
    ['us_killed', 'us_injured', 'other_killed', 'other_injured']
    """
    found = []
    for match in _matches(passage):
        qty_match = QUANTITY.fullmatch(match.group("qty"))
        who = _own_group(match.group("who"))
        if qty_match is None or who is None:
            continue  # "a U.S. spokesperson said several personnel were injured": the inner figure counts
        quantity = quantity_from_match(qty_match)
        quantity = Quantity(*quantity[:4], offset + match.start(), offset + match.end())
        if _SUBGROUP.search(who.split()[-1]) and not re.search(r"\bservice\s?members?$", who, re.IGNORECASE):
            quantity = as_lower_bound(quantity, f"{quantity.rule}; count of a subgroup")
        side = "us" if _US.search(who) and not _NOT_US.search(who) else "other"
        killed = re.match(rf"(?:{_KILLED}|kill|claimed|the death)", match.group("what"), re.I)
        harm = "killed" if killed else "injured"
        found.append(CasualtyFound(f"{side}_{harm}", quantity, f"{side} {harm}: {quantity.rule}"))
    found.extend(_find_none(passage, offset))
    found.extend(_find_toll(passage, offset))
    if not any(c.pair == "other_killed" for c in found):
        found.extend(_find_named(passage, offset))
    return sorted(found, key=lambda c: c.quantity.start)


_PAIRED_GROUP = re.compile(rf"^(?P<own>.*?\b(?:{_PERSONS}))\s+and\s+(?:{QUANTITY.pattern})\s", re.IGNORECASE)


def _own_group(who: str) -> str | None:
    """The people a figure counts: ``who`` itself, or its part before "and <another figure>"; None when another
    figure stands inside it for another reason ("a U.S. spokesperson said several personnel").

    >>> _own_group("U.S. service members and one U.S. contractor")
    'U.S. service members'
    >>> _own_group("U.S. spokesperson said several personnel") is None
    True
    """
    rest = who.split(maxsplit=1)[-1] if " " in who else ""
    if not QUANTITY.search(rest):
        return who
    paired = _PAIRED_GROUP.match(who + " ")
    return paired.group("own") if paired else None


def _matches(passage: str) -> list[re.Match]:
    """Casualty phrases, tried at every figure (so a figure inside another phrase's words is not skipped)."""
    found = [m for m in _VERB_FIRST.finditer(passage)]
    for figure in QUANTITY.finditer(passage):
        match = _FIGURE_FIRST.match(passage, figure.start())
        if match is not None:
            found.append(match)
    return found


def _find_toll(passage: str, offset: int) -> list[CasualtyFound]:
    """A death toll stated as a figure: killed, US when the words before "toll" say so, else others.

    >>> [(c.pair, c.quantity[:3]) for c in _find_toll("The death toll later rose to six after two died", 0)]
    [('other_killed', (6, 6, 6))]
    >>> [(c.pair, c.quantity[:3]) for c in _find_toll("the U.S. death toll stood at at least 3", 0)]
    [('us_killed', (3, None, None))]
    """
    found = []
    for match in _TOLL.finditer(passage):
        quantity = quantity_from_match(QUANTITY.fullmatch(match.group("qty")), 0)
        start, end = offset + match.start(), offset + match.end()
        side = "us" if _US.search(match.group("who")) else "other"
        found.append(CasualtyFound(f"{side}_killed", Quantity(*quantity[:4], start, end), f"toll: {quantity.rule}"))
    return found


def widen_to_later_figure(held: Quantity, later: Quantity) -> Quantity | None:
    """A stated minimum with no maximum, and a later figure for the same pair as high or higher: the later figure
    is the highest the wording supports, so it becomes the max (the codebook: max is the highest figure any
    wording supports). A later, lower figure counts a part of the toll ("two other members"), and changes nothing.

    >>> widen_to_later_figure(Quantity(1, None, None, "at least N"), Quantity(3, 3, 3, "exact N"))[:3]
    (1, None, 3)
    >>> widen_to_later_figure(Quantity(4, None, None, "at least N"), Quantity(2, 2, 2, "exact N")) is None
    True
    >>> widen_to_later_figure(Quantity(2, 2, 2, "exact N"), Quantity(3, 3, 3, "exact N")) is None
    True
    """
    if held.low is None or held.high is not None or later.high is None or later.high < held.low:
        return None
    return Quantity(held.low, held.best, later.high, f"{held.rule}; max from a later figure", held.start, held.end)


# "the assassination of Hezbollah leader Hassan Nasrallah", "killed Qasim Soleimani": one named person, at least
_NAMED_KILLED = re.compile(
    r"\b(?:assassination|killing) of (?:[\w’'-]+\s+){0,4}?[A-Z][a-z]+\s+[A-Z][a-z]+|"
    r"\b(?:killed|assassinated) (?:[a-z][\w’'-]*\s+){0,3}?(?:leader|commander|chief|general)?\s*"
    r"[A-Z][a-z]+\s+[A-Z][a-z]+"
)


def _find_named(passage: str, offset: int) -> list[CasualtyFound]:
    """
    >>> [c.quantity[:3] for c in _find_named("the assassination of Hezbollah leader Hassan Nasrallah", 0)]
    [(1, None, None)]
    """
    found = []
    for match in _NAMED_KILLED.finditer(passage):
        one = Quantity(1, None, None, "a named person killed", offset + match.start(), offset + match.end())
        found.append(CasualtyFound("other_killed", one, "other killed: a named person (at least one)"))
    return found


# the codebook: a phrase sets only the pairs it covers ("no injuries" says nothing of the dead)
_NONE_PAIRS = {
    "casualties": ["us_killed", "us_injured", "other_killed", "other_injured"],
    "injuries": ["us_injured", "other_injured"],
    "deaths": ["us_killed", "other_killed"],
}


def _find_none(passage: str, offset: int) -> list[CasualtyFound]:
    """Zeros for the pairs a "no casualties" phrase covers.

    >>> [c.pair for c in _find_none("resulted in no injuries or damage to the base", 0)]
    ['us_injured', 'other_injured']
    >>> [c.pair for c in _find_none("there were no deaths", 0)]
    ['us_killed', 'other_killed']
    """
    found = []
    for match in _NONE.finditer(passage):
        zero = Quantity(0, 0, 0, "no casualties", offset + match.start(), offset + match.end())
        if match.group("human"):  # "no human losses": no one killed or injured
            pairs = _NONE_PAIRS["casualties"]
        elif match.group("what"):
            side = "us" if match.group("us") else "other"
            harm = "killed" if match.group("what").lower() == "killed" else "injured"
            pairs = [f"{side}_{harm}"]
        else:
            pairs = _NONE_PAIRS[match.group("noun").lower()]
        found.extend(CasualtyFound(pair, zero, f"{pair}: no casualties") for pair in pairs)
    return found
