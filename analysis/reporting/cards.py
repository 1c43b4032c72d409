"""Incident cards: every coded fact of one incident next to the sentences that support it.

Pure functions from the typed tables (:mod:`analysis.data.read`) to HTML
strings; :mod:`analysis.render.companions` writes them to ``cards/`` in the
output folder, on the pages :func:`analysis.reporting.links.assign_card_pages`
assigns. A card (``<article class="incident-card" id="<incident_id>">``) gives
the date and how precisely it is known, the place and its precision, the
category, perpetrator, claim, weapon, munitions, outcome, every casualty
figure as a range ("unknown" when no source gives it, never 0) and the notes;
then, field by field, each evidence quote with its source's outlet, headline,
publication date and a link (the source's url, or the bundled copy of its raw
text; the sources part is :mod:`analysis.reporting.card_sources`, re-exported
here). Every value from the data is escaped where it enters HTML; a link is
made only from an ``http(s)`` url or a file name these modules chose.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Mapping

import pandas as pd

from analysis import schema
from analysis.metrics.grades import grade_incidents
from analysis.metrics.tolls import link_operation_tolls
from analysis.paths import METHODOLOGY_FILENAME
from analysis.reporting.card_sources import (  # re-exported: every name stays importable from here
    BUNDLED_LINK_TEXT,  # noqa: F401 (re-export)
    DATE_UNKNOWN,  # noqa: F401 (re-export)
    SourceRef,
    _e,
    _text,
    build_source_html,
    build_source_refs,
    name_source_copies,  # noqa: F401 (re-export)
    name_source_page,  # noqa: F401 (re-export)
    safe_web_url,  # noqa: F401 (re-export)
)
from analysis.reporting.casualty_text import (
    describe_tolls,
    format_incident_casualty,
    format_incident_figure,
    format_toll_figure,
)
from analysis.reporting.formatting import (
    UNKNOWN,
    format_day,
    format_period,
    format_range,
)
from analysis.reporting.links import CARDS_PER_PAGE, assign_card_pages
from analysis.vocabulary import is_missing

CARD_CLASS = "incident-card"
INDEX_PAGE = "index.html"
STYLESHEET = "cards.css"
NO_QUOTE_TEXT = "No quote is held for this incident"
NO_CLAIM_TEXT = "no claim reported"
METHODOLOGY_LINK = f'<a href="../{METHODOLOGY_FILENAME}">How these figures are made</a>'
"""The link of every card page to the methodology page beside the reports."""


_PAGE_NAME = re.compile(r"(\d{4})-(\d{2})(?:-(\d+))?\.html")


def _count(n: int, noun: str) -> str:
    """A count with its noun.

    >>> _count(1, "incident"), _count(3, "incident")
    ('1 incident', '3 incidents')
    """
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _fragment(incident_id: str) -> str:
    return "#" + urllib.parse.quote(str(incident_id), safe="")


# --- wording of one fact -------------------------------------------------------------------


def format_incident_date(day, precision) -> str:
    """The date of an incident as precisely as it is known.

    >>> format_incident_date(pd.Timestamp("2024-01-28"), "day")
    '2024-01-28 (known to the day)'
    >>> format_incident_date(pd.Timestamp("2024-01-01"), "month")
    'Jan 2024 (known to the month)'
    >>> format_incident_date(pd.Timestamp("2023-01-01"), "year"), format_incident_date(pd.NaT, "day")
    ('2023 (known to the year)', 'unknown')
    """
    if is_missing(day):
        return UNKNOWN
    precision = str(precision)
    if precision in ("week", "month"):
        shown = format_period(day, precision)
    elif precision == "year":
        shown = pd.Timestamp(day).strftime("%Y")
    else:
        shown = format_day(day)
    words = schema.DATE_PRECISION_LABELS.get(precision)
    return f"{shown} ({words})" if words else shown


def format_place(location, admin1, country) -> str:
    """Place, province and country as far as known; ``unknown`` when none is.

    >>> format_place("Tower 22", "Mafraq", "Jordan"), format_place(None, None, "Iraq"), format_place(None, None, None)
    ('Tower 22, Mafraq, Jordan', 'Iraq', 'unknown')
    """
    parts = [t for t in (_text(location), _text(admin1), _text(country)) if t]
    return ", ".join(dict.fromkeys(parts)) if parts else UNKNOWN


def format_geo_precision(geo_precision) -> str:
    """How precisely the place is known, in words; ``unknown`` when the row has no coordinates.

    >>> format_geo_precision(1), format_geo_precision(pd.NA)
    ('the site itself', 'unknown (no coordinates)')
    """
    if is_missing(geo_precision):
        return f"{UNKNOWN} (no coordinates)"
    return schema.GEO_PRECISIONS.get(str(int(geo_precision)), str(geo_precision))


def format_coordinates(latitude, longitude) -> str:
    """Latitude and longitude as the table holds them; ``unknown`` when either is empty.

    >>> format_coordinates(33.7856, 42.4411), format_coordinates(float("nan"), float("nan"))
    ('33.7856, 42.4411', 'unknown')
    """
    if is_missing(latitude) or is_missing(longitude):
        return UNKNOWN
    return f"{float(latitude)}, {float(longitude)}"


def format_outcome(outcome) -> str:
    """The outcome with its meaning from the schema.

    >>> format_outcome("partial")
    'partial: some munitions were intercepted, others hit'
    """
    value = _text(outcome)
    if value is None:
        return UNKNOWN
    meaning = schema.OUTCOMES.get(value)
    return f"{schema.value_label('outcome', value)}: {meaning}" if meaning else schema.value_label("outcome", value)


def label_field(field: str) -> str:
    """The plain label of an evidence field.

    >>> label_field("us_injured"), label_field("claimed_by"), label_field("odd_field")
    ('US personnel injured', 'claimed by', 'odd field')
    """
    return schema.FIELD_LABELS.get(field, field.replace("_", " "))


_FIELD_ORDER = {name: i for i, name in enumerate(schema.FIELD_LABELS)}


# --- one card ----------------------------------------------------------------------------


def _fact(field: str, value: str, css: str = "") -> str:
    """One fact of a card, labelled from the schema (``schema.FIELD_LABELS``)."""
    label = label_field(field)
    cls = f' class="{css}"' if css else ""
    return f"<div{cls}><dt>{_e(label[:1].upper() + label[1:])}</dt><dd>{_e(value)}</dd></div>"


def format_card_casualty(incident: Mapping, measure: str, tolls: pd.DataFrame | None = None) -> str:
    """A casualty fact of a card: the incident's own figure, or the operation toll that counts it.

    A toll covering several rows is not split between them, so the card names
    the toll and its rows: "not split for this row: at least 18 (S001, for the
    wave in Syria, not split between its 3 rows)".
    """
    if tolls is not None and len(tolls):
        mine = tolls.loc[(tolls["measure"] == measure) & (tolls["incident_id"] == incident["incident_id"])]
        if len(mine):
            first = mine.iloc[0]
            toll = format_toll_figure(first)
            return f"not split for this row: {toll} ({describe_tolls(first['total_id'], tolls)})"
    value = incident.get
    lo, best, hi = value(f"{measure}_min"), value(f"{measure}_best"), value(f"{measure}_max")
    return format_incident_casualty(value("category"), measure, lo, best, hi)


def build_card_html(
    incident: Mapping,
    quotes: list[tuple[str, str, str]],
    refs: Mapping[str, SourceRef],
    tolls: pd.DataFrame | None = None,
) -> str:
    """The card of one incident.

    ``incident``: one row of the incident table as a mapping; ``quotes``:
    its evidence as ``(field, source_id, quote)``; ``refs``: the sources by id
    (:func:`build_source_refs`); ``tolls``: the operation tolls covering it
    (:func:`analysis.metrics.tolls.link_operation_tolls`), shown instead of
    its own figure of that measure.
    """
    incident_id = str(incident["incident_id"])
    value = incident.get

    def count(prefix: str) -> str:
        return format_incident_figure(value(f"{prefix}_min"), value(f"{prefix}_best"), value(f"{prefix}_max"))

    kinds = [t for t in (_text(value("event_type")), _text(value("sub_event_type"))) if t]
    facts = [
        _fact("event_date", format_incident_date(value("event_date"), value("date_precision"))),
        _fact("location", format_place(value("location"), value("admin1"), value("country"))),
        _fact("geo_precision", format_geo_precision(value("geo_precision"))),
        _fact("coordinates", format_coordinates(value("latitude"), value("longitude"))),
        _fact("category", schema.value_label("category", value("category"))),
        _fact("event_type", " · ".join(kinds) or UNKNOWN),
        _fact("perpetrator", _text(value("perpetrator")) or schema.NOT_STATED),
        _fact("claimed_by", _text(value("claimed_by")) or NO_CLAIM_TEXT),
        _fact("target", _text(value("target")) or schema.NOT_STATED),
        _fact("weapon", schema.value_label("weapon", value("weapon")) if _text(value("weapon")) else UNKNOWN),
        _fact("munitions", count("munitions")),
        _fact("outcome", format_outcome(value("outcome"))),
    ]
    if _text(value("grade")):
        facts.append(_fact("grade", str(value("grade")), "card-grade"))
    if _text(value("operation")):
        facts.append(_fact("operation", _text(value("operation"))))
    facts += [
        _fact(prefix, format_card_casualty(incident, prefix, tolls), "card-figure")
        for prefix in schema.CASUALTY_PREFIXES
    ]
    fatalities = value(schema.FATALITIES)
    facts.append(_fact(schema.FATALITIES, format_range(fatalities, fatalities), "card-figure"))
    notes = _text(value("notes"))
    parts = [
        f'<article class="{CARD_CLASS}" id="{_e(incident_id)}">',
        f'<h2><a class="incident-link" href="{_e(_fragment(incident_id))}">{_e(incident_id)}</a></h2>',
        f'<dl class="card-facts">{"".join(facts)}</dl>',
    ]
    if notes:
        parts.append(f'<div class="card-notes"><h3>Notes</h3><p>{_e(notes)}</p></div>')
    parts.append(build_evidence_html(quotes, refs))
    quoted = {str(source_id) for _, source_id, _ in quotes}
    cited = [s.strip() for s in (_text(value("source_ids")) or "").split(";") if s.strip()]
    others = [s for s in dict.fromkeys(cited) if s not in quoted]
    if others:
        items = "".join(f"<li>{build_source_html(s, refs.get(s))}</li>" for s in others)
        heading = "Other sources (no quote held)" if quoted else "Sources"
        parts.append(f'<div class="card-sources"><h3>{heading}</h3><ul>{items}</ul></div>')
    parts.append("</article>")
    return "".join(parts)


def build_evidence_html(quotes: list[tuple[str, str, str]], refs: Mapping[str, SourceRef]) -> str:
    """The evidence of one card, source by source: the source cited once (outlet, headline, date, link),
    then each of its quotes under the fields it supports, in the order of the table's columns.

    >>> build_evidence_html([], {})
    '<div class="card-evidence"><h3>Evidence</h3><p class="card-no-quote">No quote is held for this incident.</p></div>'
    """
    if not quotes:
        return f'<div class="card-evidence"><h3>Evidence</h3><p class="card-no-quote">{NO_QUOTE_TEXT}.</p></div>'

    def rank(field: str) -> tuple[int, str]:
        return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), field)

    by_source: dict[str, dict[str, list[str]]] = {}  # source -> quote -> fields
    for field, source_id, quote in quotes:
        by_source.setdefault(str(source_id), {}).setdefault(str(quote), []).append(str(field))
    blocks = []
    for source_id, fields_of in sorted(
        by_source.items(), key=lambda item: min(rank(f) for fields in item[1].values() for f in fields)
    ):
        rows = []
        for quote, fields in sorted(fields_of.items(), key=lambda item: min(rank(f) for f in item[1])):
            labels = ", ".join(dict.fromkeys(label_field(f) for f in sorted(fields, key=rank)))
            rows.append(f"<div><dt>{_e(labels)}</dt><dd><blockquote>{_e(quote)}</blockquote></dd></div>")
        blocks.append(
            f'<div class="card-source"><p class="card-cite">{build_source_html(source_id, refs.get(source_id))}</p>'
            f'<dl class="card-quotes">{"".join(rows)}</dl></div>'
        )
    return f'<div class="card-evidence"><h3>Evidence</h3>{"".join(blocks)}</div>'


# --- pages ------------------------------------------------------------------------------


def describe_page(page: str) -> str:
    """The month (and part) a card page holds, in words.

    >>> describe_page("2024-01.html"), describe_page("2024-01-2.html")
    ('Jan 2024', 'Jan 2024, part 2')
    """
    match = _PAGE_NAME.fullmatch(page)
    if not match:
        return page
    month = pd.Timestamp(year=int(match[1]), month=int(match[2]), day=1).strftime("%b %Y")
    return month + (f", part {match[3]}" if match[3] else "")


def _page_html(title: str, body: str, footer: str = "") -> str:
    foot = f'<footer class="report-footer">{_e(footer)}</footer>' if footer else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'<title>{_e(title)}</title><link rel="stylesheet" href="{STYLESHEET}"></head>'
        f'<body class="report cards"><main>{body}{foot}</main></body></html>\n'
    )


def build_card_page_html(
    page: str, cards: list[tuple[str, str, str]], previous: str | None = None, following: str | None = None, footer=""
) -> str:
    """One page of cards. ``cards``: ``(incident_id, list entry text, card HTML)`` in page order;
    ``previous``/``following``: the neighbouring page file names."""
    nav = ['<a href="../index.html">All reports</a>', f'<a href="{INDEX_PAGE}">All incident cards</a>']
    nav.append(METHODOLOGY_LINK)
    if previous:
        nav.append(f'<a href="{_e(urllib.parse.quote(previous))}" rel="prev">← {_e(describe_page(previous))}</a>')
    if following:
        nav.append(f'<a href="{_e(urllib.parse.quote(following))}" rel="next">{_e(describe_page(following))} →</a>')
    entries = "".join(
        f'<li><a class="incident-link" href="{_e(_fragment(i))}">{_e(entry)}</a></li>' for i, entry, _ in cards
    )
    title = f"Incident cards: {describe_page(page)}"
    body = (
        f'<nav class="cards-nav">{" · ".join(nav)}</nav><h1>{_e(title)}</h1>'
        f"<p>{_count(len(cards), 'incident')}, by date. Each card gives what the table holds "
        "and the sentences of the sources that support it, with a link to each source.</p>"
        f'<nav class="cards-toc" aria-label="Incidents on this page"><ol>{entries}</ol></nav>'
        + "".join(card for _, _, card in cards)
    )
    return _page_html(title, body, footer)


def build_cards_index_html(pages: list[tuple[str, int]], first, last, footer: str = "", export_href: str = "") -> str:
    """The page listing every card page: ``pages`` as ``(file name, cards on it)`` in date order."""
    items = "".join(
        f'<li><a href="{_e(urllib.parse.quote(p))}">{_e(describe_page(p))}</a>: {_count(n, "incident")}</li>'
        for p, n in pages
    )
    total = sum(n for _, n in pages)
    if total:
        span = f"{total} incidents from {format_day(first)} to {format_day(last)}"
        intro = (
            f"<p>{span}, one page per month of their date (at most {CARDS_PER_PAGE} cards a page). "
            "Each card gives the incident's coded facts, the quotes that support them and its sources.</p>"
        )
    else:
        intro = "<p>The table holds no incidents: there is no card to show.</p>"
    export = f'<p><a href="{_e(export_href)}">The whole incident table as CSV</a> (safe to open in a spreadsheet).</p>'
    body = (
        f'<nav class="cards-nav"><a href="../index.html">All reports</a> · {METHODOLOGY_LINK}</nav>'
        "<h1>Incident cards</h1>"
        + intro
        + (export if export_href else "")
        + (f'<ol class="cards-pages">{items}</ol>' if items else "")
    )
    return _page_html("Incident cards", body, footer)


def _group_quotes(evidence: pd.DataFrame) -> dict[str, list[tuple[str, str, str]]]:
    quotes: dict[str, list[tuple[str, str, str]]] = {}
    columns = [evidence[c].astype("string").tolist() for c in ("incident_id", "field", "source_id", "quote")]
    for incident_id, field, source_id, quote in zip(*columns, strict=True):
        quotes.setdefault(str(incident_id), []).append((str(field), str(source_id), str(quote)))
    return quotes


def _list_entry(incident: Mapping) -> str:
    day = incident.get("event_date")
    when = UNKNOWN if is_missing(day) else format_day(day)
    where = _text(incident.get("location")) or _text(incident.get("country")) or "place unknown"
    return f"{when} · {where} · {incident['incident_id']}"


def build_card_pages(
    incidents: pd.DataFrame,
    evidence: pd.DataFrame,
    sources: pd.DataFrame,
    copies: Mapping[str, str] | None = None,
    footer: str = "",
    export_href: str = "",
    reported_totals: pd.DataFrame | None = None,
) -> Iterator[tuple[str, str]]:
    """Yield ``(file name, HTML)`` for every card page of ``incidents`` (the whole table), then ``index.html``.

    Pages and their order come from :func:`analysis.reporting.links.assign_card_pages`;
    ``copies`` names the raw texts copied under ``cards/sources/`` (:func:`name_source_copies`);
    ``reported_totals`` gives the operation tolls shown on the cards of the rows they cover.
    """
    tolls = link_operation_tolls(incidents, reported_totals) if reported_totals is not None else None
    refs = build_source_refs(sources, copies or {})
    quotes = _group_quotes(evidence)
    assigned = assign_card_pages(incidents)
    graded = incidents.assign(grade=grade_incidents(incidents, sources).astype("string"))
    rows = {str(r["incident_id"]): r for r in graded.to_dict("records")}
    order = list(dict.fromkeys(assigned.tolist()))
    members: dict[str, list[str]] = {page: [] for page in order}
    for incident_id, page in zip(assigned.index.astype(str), assigned.tolist()):
        members[page].append(incident_id)
    for n, page in enumerate(order):
        cards = [
            (i, _list_entry(rows[i]), build_card_html(rows[i], quotes.get(i, []), refs, tolls)) for i in members[page]
        ]
        previous = order[n - 1] if n > 0 else None
        following = order[n + 1] if n + 1 < len(order) else None
        yield page, build_card_page_html(page, cards, previous, following, footer)
    dates = incidents["event_date"] if len(incidents) else pd.Series([], dtype="datetime64[s]")
    yield (
        INDEX_PAGE,
        build_cards_index_html([(p, len(members[p])) for p in order], dates.min(), dates.max(), footer, export_href),
    )
