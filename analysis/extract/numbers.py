"""Quantities as the codebook reads them: exact, approximate, bounded or vague wording into min/best/max."""

from __future__ import annotations

import re
from typing import NamedTuple

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a dozen": 12, "half a dozen": 6,
}  # fmt: skip
# the codebook's vague words: the smallest number they literally entail, as a min only
VAGUE_MINIMUM = {
    "several thousand": 2000, "several": 2, "multiple": 2, "a few": 2, "a handful of": 2, "a handful": 2,
    "dozens of": 12, "dozens": 12, "tens of": 10, "hundreds of": 100, "hundreds": 100,
    "thousands of": 1000, "thousands": 1000,
}  # fmt: skip
# wording before a figure -> which of min, best, max it gives (the codebook's table)
QUALIFIERS = {
    "at least": "min", "over": "min", "more than": "min", "upwards of": "min",
    "about": "best", "around": "best", "some": "best", "approximately": "best", "roughly": "best",
    "nearly": "best_max", "almost": "best_max", "up to": "max",
}  # fmt: skip

# digits that are part of a date, a time or a calibre ("2023-03-24", "12:20", "107 mm") are not figures
_FIGURE = r"(?<![-:/.\d])(?:\d{1,3}(?:,\d{3})+|\d+)(?![-:/]\d|\s?mm\b)|" + "|".join(
    sorted(WORD_NUMBERS, key=len, reverse=True)
)
_QUALIFIER = "|".join(sorted(QUALIFIERS, key=len, reverse=True))
_VAGUE = "|".join(re.escape(w) for w in sorted(VAGUE_MINIMUM, key=len, reverse=True))
QUANTITY = re.compile(
    rf"(?P<vague>\b(?:{_VAGUE})\b)|(?:\b(?P<qualifier>{_QUALIFIER})\s+)?\b(?P<figure>{_FIGURE})\b",
    re.IGNORECASE,
)
"""A quantity phrase: a vague word, or an optional qualifier and a figure (digits or a number word)."""


class Quantity(NamedTuple):
    """A figure as min/best/max (None = not given), the rule that read it, and its offsets in the text."""

    low: int | None
    best: int | None
    high: int | None
    rule: str
    start: int = 0
    end: int = 0


def read_figure(word: str) -> int:
    """
    >>> read_figure("1,200"), read_figure("Three"), read_figure("a"), read_figure("a dozen")
    (1200, 3, 1, 12)
    """
    word = word.lower()
    return WORD_NUMBERS[word] if word in WORD_NUMBERS else int(word.replace(",", ""))


def quantity_from_match(match: re.Match, offset: int = 0) -> Quantity:
    """The :class:`Quantity` of a :data:`QUANTITY` match (``offset``: where the matched text starts).

    >>> q = lambda t: quantity_from_match(QUANTITY.search(t))[:4]
    >>> q("at least five"), q("around 180"), q("almost 40,000")
    ((5, None, None, 'at least N'), (None, 180, None, 'about N'), (None, 40000, 40000, 'almost N'))
    >>> q("several"), q("three")
    ((2, None, None, 'vague: several'), (3, 3, 3, 'exact N'))
    """
    start, end = offset + match.start(), offset + match.end()
    if match.group("vague"):
        word = match.group("vague").lower()
        return Quantity(VAGUE_MINIMUM[word], None, None, f"vague: {word}", start, end)
    value = read_figure(match.group("figure"))
    qualifier = (match.group("qualifier") or "").lower()
    kind = QUALIFIERS.get(qualifier)
    if kind == "min":
        return Quantity(value, None, None, "at least N" if qualifier == "at least" else "over N", start, end)
    if kind == "best":
        return Quantity(None, value, None, "about N", start, end)
    if kind == "best_max":
        return Quantity(None, value, value, "almost N", start, end)
    if kind == "max":
        return Quantity(None, None, value, "up to N", start, end)
    return Quantity(value, value, value, "exact N", start, end)


def as_lower_bound(quantity: Quantity, rule: str) -> Quantity:
    """The figure as a min only (a count of a subgroup, a bare plural): ``rule`` says why.

    >>> as_lower_bound(Quantity(7, 7, 7, "exact N"), "subgroup")[:4]
    (7, None, None, 'subgroup')
    """
    low = quantity.low if quantity.low is not None else quantity.best
    return Quantity(low, None, None, rule, quantity.start, quantity.end)
