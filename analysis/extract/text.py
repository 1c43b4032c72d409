"""Sentences and clauses of an article, each with its start and end offsets in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# a sentence ends at . ! ? (and a closing quote) followed by white space, or at a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+|\n+")
# "U.S.", "U.N.", "Col." do not end a sentence
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Col|Gen|Lt|Sgt|Capt|Maj|Sen|Rep|St|No|Gov|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)$"
)
# clause boundaries: ", " "; " " -- " and the connectives that start a second event in one sentence ("in response
# “to ...", a quote mark between; "The attack came as Iran marked ...")
_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:including|after|following|while|as|just|days|a day|when|but|and the|and an?|the|with)\b)|;\s+|\s+--\s+|"
    r"\s+(?=in (?:response|retaliation) [“\"]?(?:to|for)\b)|\s+(?=(?:came|comes|come) as\b)|"
    r"\s+(?=(?:just )?(?:days|a day|weeks|hours) after\b)|"
    r"\s+(?=after (?:the|a|an|multiple|\w+ attacks?)\b)|\s+(?=(?:is |was )?(?:likely |probably )?a response to\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A passage of the article: ``text == article[start:end]``."""

    start: int
    end: int
    text: str


def split_sentences(article: str) -> list[Span]:
    """Sentences (or headline lines) of ``article``, stripped, with their offsets.

    >>> [s.text for s in split_sentences("Rockets hit U.S. troops. Drones too!\\nA line")]
    ['Rockets hit U.S. troops.', 'Drones too!', 'A line']
    """
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(article):
        if "\n" not in match.group() and _ABBREVIATION.search(article, 0, match.start()):
            continue
        spans.append(_stripped(article, start, match.start() + _closing_quote(match.group())))
        start = match.end()
    spans.append(_stripped(article, start, len(article)))
    return [s for s in spans if s.text]


def _closing_quote(separator: str) -> int:
    return 1 if separator[:1] in "\"”’'" and separator[:1].strip() else 0


def _stripped(article: str, start: int, end: int) -> Span:
    piece = article[start:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    return Span(start + left, start + right, piece.strip())


def split_clauses(sentence: Span) -> list[Span]:
    """Clauses of a sentence where a second event may start ("..., including ...", "in response to ...").

    >>> [c.text for c in split_clauses(Span(0, 44, "Iran attacked Israel in response to a strike"))]
    ['Iran attacked Israel', 'in response to a strike']
    """
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        spans.append(_stripped(sentence.text, start, match.start()))
        start = match.end()
    spans.append(_stripped(sentence.text, start, len(sentence.text)))
    return [Span(sentence.start + s.start, sentence.start + s.end, s.text) for s in spans if s.text]
