"""``incidents review``: one self-contained, offline HTML page to review a candidate directory.

The article is shown with every quote highlighted; each highlight lists the fields it supports and links
to them, and each field links back to its quote. Each candidate shows its fields, confidence and the
rules that fired; the mentions decided against are highlighted apart with their reason. Every piece of
text from the article or the CSV files is escaped where it enters the page.
"""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from analysis import schema
from analysis.extract.store import StoreRejected, read_rows
from analysis.files import write_text_atomic

_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70em;padding:1em;color:#222}
.article{white-space:pre-wrap;border:1px solid #ccc;padding:1em;background:#fafafa}
mark{background:#ffe58a;padding:0 1px}mark.against{background:#e5e5e5;text-decoration:line-through #999}
mark a,td a{color:inherit}:target{outline:3px solid #d33}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;
vertical-align:top}.rules{font-size:90%;color:#555}h2{margin-top:1.5em}
"""
FIELDS = (
    "event_date", "date_precision", "country", "admin1", "location", "geo_precision", "category", "event_type",
    "sub_event_type", "perpetrator", "claimed_by", "target", "weapon", "outcome", "fatalities",
)  # fmt: skip
PAIRS = ("munitions", *schema.CASUALTY_PREFIXES)
_QUOTED_BY = {"date_precision": "event_date", "admin1": "location", "geo_precision": "location", "country": "location"}
"""Fields whose quote is another field's (the place's quote names its country and precision)."""


def write_review(candidate_dir: Path, out: Path | None = None) -> Path:
    """Write the review page of ``candidate_dir`` (default ``DIR/review.html``) and return its path."""
    candidate_dir = Path(candidate_dir)
    if not (candidate_dir / "extraction.csv").is_file():
        raise StoreRejected(
            [f"{candidate_dir}: found no extraction.csv, expected a folder written by incidents extract"]
        )
    out = Path(out) if out else candidate_dir / "review.html"
    write_text_atomic(out, build_review_html(candidate_dir))
    return out


def build_review_html(candidate_dir: Path) -> str:
    """The page as a string (see the module's description)."""
    tables = {n: read_rows(candidate_dir / f"{n}.csv") for n in ("sources", "incidents", "extraction")}
    tables |= {n: read_rows(candidate_dir / f"{n}.csv") for n in ("decided_against", "reported_totals")}
    source = tables["sources"][0]
    text = (candidate_dir / source["file"]).read_text(encoding="utf-8")
    quotes = _quote_ids(tables["extraction"])
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>Review: {_e(source['headline'])}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Review of the candidates from {_e(source['source_id'])}</h1>",
        f"<p>{_e(source['outlet'])}, published {_e(source['published'])}: <em>{_e(source['headline'])}</em>"
        f"<br>SHA-256 <code>{_e(source['sha256'])}</code>; file <code>{_e(source['file'])}</code></p>",
        "<h2>Article</h2>",
        f"<div class='article'>{_highlighted(text, tables['extraction'], tables['decided_against'], quotes)}</div>",
        f"<h2>Candidates ({len(tables['incidents'])})</h2>",
        *[_candidate_html(row, tables["extraction"], quotes) for row in tables["incidents"]],
        _decided_html(tables["decided_against"]),
        _totals_html(tables["reported_totals"]),
        "</body></html>",
    ]
    return "\n".join(parts)


def _e(value) -> str:
    return html.escape(str(value or ""), quote=True)


def _quote_ids(extraction: list[dict]) -> dict[tuple[int, int], str]:
    spans = sorted({(int(r["quote_start"]), int(r["quote_end"])) for r in extraction})
    return {span: f"q{n}" for n, span in enumerate(spans, 1)}


def _highlighted(text: str, extraction: list[dict], against: list[dict], quotes: dict) -> str:
    """The article with quote spans marked; where spans overlap, the innermost wins for each character."""
    fields_by_span = defaultdict(list)
    for r in extraction:
        fields_by_span[(int(r["quote_start"]), int(r["quote_end"]))].append((r["incident_id"], r["field"]))
    marks = {span: ("quote", quotes[span]) for span in fields_by_span}
    for d in against:
        marks.setdefault((int(d["quote_start"]), int(d["quote_end"])), ("against", d["reason"]))
    owner = [None] * len(text)
    for span in sorted(marks, key=lambda s: s[0] - s[1]):  # longest first, so shorter spans overwrite
        for i in range(span[0], span[1]):
            owner[i] = span
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and owner[j] == owner[i]:
            j += 1
        out.append(_mark(text[i:j], owner[i], marks, fields_by_span))
        i = j
    return "".join(out)


def _mark(piece: str, span, marks: dict, fields_by_span: dict) -> str:
    if span is None:
        return _e(piece)
    kind, label = marks[span]
    if kind == "against":
        return f"<mark class='against' title='decided against: {_e(label)}'>{_e(piece)}</mark>"
    links = " ".join(f"{iid} {field}" for iid, field in fields_by_span[span])
    target = f"#{_e(fields_by_span[span][0][0])}-{_e(fields_by_span[span][0][1])}"
    return f"<mark id='{label}' title='supports: {_e(links)}'><a href='{target}'>{_e(piece)}</a></mark>"


def _candidate_html(row: dict, extraction: list[dict], quotes: dict) -> str:
    iid = row["incident_id"]
    mine = [r for r in extraction if r["incident_id"] == iid]
    quote_of = {r["field"]: quotes[(int(r["quote_start"]), int(r["quote_end"]))] for r in mine}
    rule_of = {r["field"]: r["rule"] for r in mine}
    rows = []
    for name in (*FIELDS, *PAIRS):
        value = row.get(name) if name in FIELDS else _range(row, name)
        quote_field = _QUOTED_BY.get(name, name)
        link = quote_of.get(quote_field)
        anchor = f" id='{_e(iid)}-{_e(name)}'" if name in quote_of else ""
        if link and value in ("", None):  # the location quote of a row placed at its province only
            rule = _e(rule_of[quote_field])
            quote = f"not filled: the <a href='#{link}'>quoted</a> passage gives no value here ({rule})"
        elif link:
            quote = f"<a href='#{link}'>quote</a> ({_e(rule_of[quote_field])})"
        elif value not in ("", None):
            quote = "no quote of its own: read by the rules fired (below)"
        else:
            quote = "not filled"
        shown = _e(value) if value not in ("", None) else "<em>empty (no sentence supports it)</em>"
        rows.append(f"<tr{anchor}><th>{_e(name)}</th><td>{shown}</td><td>{quote}</td></tr>")
    confidence = mine[0]["confidence"] if mine else ""
    rules = "".join(f"<li>{_e(r)}</li>" for r in (mine[0]["rules_fired"].split("; ") if mine else []))
    return (
        f"<h3 id='{_e(iid)}'>{_e(iid)}</h3><p>confidence {_e(confidence)}</p>"
        f"<table><tr><th>field</th><th>value</th><th>evidence</th></tr>{''.join(rows)}</table>"
        f"<details class='rules'><summary>rules fired</summary><ul>{rules}</ul></details>"
    )


def _range(row: dict, prefix: str) -> str:
    low, best, high = (row.get(f"{prefix}_{p}") or "" for p in ("min", "best", "max"))
    if not (low or best or high):
        return ""
    return f"min {low or '-'}, best {best or '-'}, max {high or '-'}"


def _decided_html(against: list[dict]) -> str:
    items = "".join(f"<li><strong>{_e(d['reason_text'])}</strong>: “{_e(d['quote'])}”</li>" for d in against)
    return f"<h2>Decided against ({len(against)})</h2><ul>{items}</ul>"


def _totals_html(totals: list[dict]) -> str:
    items = "".join(
        f"<li>{_e(t['metric'])}: {_e(_range(t, 'value'))} ({_e(t['scope'])}): “{_e(t['quote'])}”</li>" for t in totals
    )
    return f"<h2>Reported totals ({len(totals)})</h2><ul>{items}</ul>"
