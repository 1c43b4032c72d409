"""A bundled source text as an HTML page: the text unchanged, the quotes taken from it highlighted.

Each highlighted quote links back to the cards of the incidents it supports, and
the page links to the unchanged copy of the text (``.txt``) beside it. Quotes are
found as the validator finds them: exactly, or after collapsing white space (a
quote spanning a line break). A quote not found stays listed under the text,
marked so.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class QuoteUse:
    """One quote of a source: its text, and the incidents it supports as ``(incident id, card href, fields)``."""

    quote: str
    uses: tuple[tuple[str, str, str], ...]


def find_quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``quote`` in ``text``, white space matched loosely (any run of it is one).

    >>> find_quote_spans("one two\\n  three two", "two three")
    [(4, 15)]
    >>> find_quote_spans("abc", "x")
    []
    """
    words = quote.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def merge_spans(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """Overlapping ``(start, end, quote number)`` spans merged into ``(start, end, quote numbers)``.

    >>> merge_spans([(0, 5, 0), (3, 8, 1), (10, 12, 2)])
    [(0, 8, [0, 1]), (10, 12, [2])]
    """
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, n in sorted(spans):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), [*last[2], n])
        else:
            merged.append((start, end, [n]))
    return merged


def _quote_links(n: int, use: QuoteUse) -> str:
    cards = " · ".join(
        (f'<a class="incident-link" href="{html.escape(href)}">{html.escape(i)}</a>' if href else html.escape(i))
        + f" ({html.escape(fields)})"
        for i, href, fields in use.uses
    )
    return f'<li id="q{n + 1}"><span class="quote-number">[{n + 1}]</span> {cards}</li>'


def highlight_text(text: str, quotes: list[QuoteUse]) -> tuple[str, set[int]]:
    """``text`` escaped with each found quote in a ``<mark>`` linking to its entry; also the quote numbers found."""
    spans = [(s, e, n) for n, use in enumerate(quotes) for s, e in find_quote_spans(text, use.quote)]
    out, at = [], 0
    for start, end, numbers in merge_spans(spans):
        out.append(html.escape(text[at:start]))
        refs = "".join(f'<a class="quote-ref" href="#q{n + 1}">[{n + 1}]</a>' for n in sorted(set(numbers)))
        out.append(f'<mark id="m{numbers[0] + 1}">{html.escape(text[start:end])}</mark>{refs}')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out), {n for _, _, numbers in merge_spans(spans) for n in numbers}


def build_source_page_html(
    title: str, cite: str, text: str, quotes: list[QuoteUse], raw_href: str, footer: str = ""
) -> str:
    """The page of one bundled source (a standalone document using ``../cards.css``).

    ``cite``: outlet, headline and date as text; ``raw_href``: the unchanged copy beside it.
    """
    body_text, found = highlight_text(text, quotes)
    items = "".join(_quote_links(n, use) for n, use in enumerate(quotes))
    missing = [n + 1 for n in range(len(quotes)) if n not in found]
    note = (
        f'<p class="card-no-quote">Quotes not found in this text: {", ".join(f"[{n}]" for n in missing)}.</p>'
        if missing
        else ""
    )
    body = (
        '<nav class="cards-nav"><a href="../../index.html">All reports</a> · <a href="../index.html">Incident cards</a>'
        ' · <a href="../../methodology.html">How these figures are made</a></nav>'
        f"<h1>{html.escape(title)}</h1><p>{html.escape(cite)} · "
        f'<a href="{html.escape(raw_href)}">the unchanged text</a></p>'
        f"<p>{len(found)} of {len(quotes)} quotes the data takes from this text are highlighted; each links to "
        "the incidents it supports.</p>"
        f'<div class="source-text">{body_text}</div>'
        f'<h2>Quotes and the incidents they support</h2><ol class="source-quotes">{items}</ol>{note}'
    )
    foot = f'<footer class="report-footer">{html.escape(footer)}</footer>' if footer else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'<title>{html.escape(title)}</title><link rel="stylesheet" href="../cards.css"></head>'
        f'<body class="report source-page"><main>{body}{foot}</main></body></html>\n'
    )


def collect_quote_uses(
    evidence_rows: list[tuple[str, str, str]], card_hrefs: Mapping[str, str], label_field
) -> list[QuoteUse]:
    """The quotes of one source from its evidence ``(incident id, field, quote)``, in first-seen order.

    ``card_hrefs``: incident id -> href of its card relative to the source page; ``label_field``
    names a field for a reader.
    """
    by_quote: dict[str, dict[str, list[str]]] = {}
    for incident_id, field, quote in evidence_rows:
        by_quote.setdefault(quote, {}).setdefault(incident_id, []).append(label_field(field))
    return [
        QuoteUse(q, tuple((i, card_hrefs.get(i, ""), ", ".join(dict.fromkeys(f))) for i, f in uses.items()))
        for q, uses in by_quote.items()
    ]
