"""The methodology page written beside the reports: how the figures are made, from the codebook and the schema.

:func:`build_methodology_html` picks the coding rules a reader needs from the
codebook (what an incident is, dates, places, figures, unknowns and ranges,
conflicting sources, evidence, source grading), adds the vocabularies that
decide them from :mod:`analysis.schema` (date and place precision, source
types, grades), the limits of the data directory rendered (its figures, its
incidents by grade, what the codebook says is left out) and the downloads.
"""

from __future__ import annotations

import html
import re

import mistune
import pandas as pd

from analysis import schema
from analysis.metrics.grades import grade_incidents
from analysis.paths import (
    DATA_ZIP_FILENAME,
    EVIDENCE_EXPORT_FILENAME,
    EXPORT_DIRNAME,
    EXPORT_FILENAME,
    EXPORT_README_FILENAME,
    SOURCES_EXPORT_FILENAME,
)

CODEBOOK_SECTIONS: tuple[str, ...] = (
    "What makes one incident",
    "Dates",
    "Places and geo_precision",
    "Figures: casualties and munitions",
    "Reading the figures: unknown, not applicable, not covered, ranges",
    "Conflicting sources",
    "Evidence requirements",
    "Source grading",
)
"""Codebook sections (headings, any level) the page reproduces, in this order."""
LIMITS_SECTIONS: tuple[str, ...] = ("Purpose", "Events mentioned but not coded")
"""Codebook sections that tell the limits of the data."""
DOWNLOADS: tuple[tuple[str, str], ...] = (
    (
        f"{EXPORT_DIRNAME}/{EXPORT_README_FILENAME}",
        "read this first: plain text written with the files below, saying what every column of the three CSV "
        "files means, how a source id resolves to its source, how figures and operation tolls read, the licence, "
        "and the period the data covers and what it claims complete",
    ),
    (f"{EXPORT_DIRNAME}/{EXPORT_FILENAME}", "the incident table (one row per incident)"),
    (f"{EXPORT_DIRNAME}/{SOURCES_EXPORT_FILENAME}", "the sources, with their type and address"),
    (f"{EXPORT_DIRNAME}/{EVIDENCE_EXPORT_FILENAME}", "every quote, the incident and field it supports, its source"),
    (f"{EXPORT_DIRNAME}/{DATA_ZIP_FILENAME}", "the whole data directory (CSV files, bundled texts, codebook)"),
)
"""Files a reader can download (relative to the output folder) and what each holds."""

_markdown = mistune.create_markdown(escape=True, plugins=["table"])
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def split_markdown_sections(text: str) -> dict[str, str]:
    """Each section of a markdown text by its heading: the text up to the next heading of the same or a higher level.

    >>> split_markdown_sections("# A\\nx\\n## B\\ny\\n### C\\nz\\n## D\\nw")["B"]
    'y\\n### C\\nz'
    """
    lines = _COMMENT.sub("", text).splitlines()
    heads = [(i, len(m[1]), m[2]) for i, line in enumerate(lines) if (m := _HEADING.match(line))]
    sections = {}
    for n, (start, level, title) in enumerate(heads):
        end = next((i for i, lv, _ in heads[n + 1 :] if lv <= level), len(lines))
        sections[title] = "\n".join(lines[start + 1 : end]).strip()
    return sections


def render_markdown(text: str) -> str:
    """Markdown as HTML, raw HTML in it escaped; headings demoted to ``h4`` and below (the page owns h1-h3).

    >>> render_markdown("### Rule\\n**a** <b>")
    '<h4>Rule</h4>\\n<p><strong>a</strong> &lt;b&gt;</p>\\n'
    """
    out = _markdown(text)
    return re.sub(r"<(/?)h([1-6])>", lambda m: f"<{m[1]}h{min(6, max(4, int(m[2]) + 1))}>", out)


def _slug(title: str) -> str:
    """
    >>> _slug("Figures: casualties and munitions")
    'figures-casualties-and-munitions'
    """
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _definition_table(title: str, values: dict[str, str]) -> str:
    cells = [(html.escape(k), html.escape(v)) for k, v in values.items()]
    rows = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in cells)
    caption = f"<caption>{html.escape(title)}</caption>"
    return f'<table class="report-table methodology-table">{caption}<tbody>{rows}</tbody></table>'


def count_incidents_by_grade(incidents: pd.DataFrame, sources: pd.DataFrame) -> dict[str, int]:
    """How many incidents have each grade, strongest first (every grade listed, 0 included)."""
    return grade_incidents(incidents, sources).value_counts(sort=False).astype(int).to_dict()


def _section(title: str, body: str) -> str:
    return f'<section id="{_slug(title)}"><h2>{html.escape(title)}</h2>{body}</section>'


def build_limits_html(dataset, codebook: dict[str, str], figures_markdown: str) -> str:
    """The limits of the data rendered: its own figures, its incidents by grade and the codebook's limits."""
    grades = count_incidents_by_grade(dataset.incidents, dataset.sources)
    graded = "".join(f"<li>{html.escape(g)}: {n:,}</li>" for g, n in grades.items())
    parts = [
        "<p>Every figure of the reports comes from this data directory; nothing is estimated beyond it.</p>",
        render_markdown(figures_markdown),
        f"<p>Incidents by grade (see Source grading):</p><ul>{graded}</ul>",
    ]
    parts += [f"<h3>{html.escape(t)}</h3>" + render_markdown(codebook[t]) for t in LIMITS_SECTIONS if t in codebook]
    return "".join(parts)


def build_downloads_html() -> str:
    """The download links (relative to the output folder) and how to load the data directory again."""
    items = "".join(f'<li><a href="{html.escape(h)}">{html.escape(h)}</a>: {html.escape(w)}</li>' for h, w in DOWNLOADS)
    return (
        f"<ul>{items}</ul><p>The CSV files are safe to open in a spreadsheet (a cell that would run as a "
        "formula starts with <code>'</code>). Unzipped, <code>data.zip</code> is a data directory that "
        "<code>incidents render --data DIR</code> and <code>incidents validate DIR</code> read as they are.</p>"
    )


def build_methodology_html(
    dataset, codebook_text: str, figures_markdown: str, footer: str = "", own_codebook: bool = True
) -> str:
    """The whole methodology page (a standalone HTML document using ``cards/cards.css``).

    ``codebook_text``: the codebook (markdown) the data follows; ``own_codebook`` False when the data
    directory has none and the project's is used, which the page then says. ``figures_markdown``: the
    data's headline figures (:func:`analysis.reporting.tables.build_figures_markdown`).
    """
    codebook = split_markdown_sections(codebook_text)
    rules = [(t, render_markdown(codebook[t])) for t in CODEBOOK_SECTIONS if t in codebook]
    vocab = (
        _definition_table("How precisely a date is known (date_precision)", schema.DATE_PRECISIONS)
        + _definition_table("How precisely a place is known (geo_precision)", schema.GEO_PRECISIONS)
        + _definition_table("Source types (source_type)", schema.SOURCE_TYPES)
        + _definition_table("Incident grades, strongest first", schema.GRADES)
    )
    whose = (
        "the codebook of this data directory"
        if own_codebook
        else "the project's codebook (this data directory has none: its own coding may differ)"
    )
    contents = [t for t, _ in rules] + ["Vocabularies", "Limits of this data", "Downloads"]
    toc = "".join(f'<li><a href="#{_slug(t)}">{html.escape(t)}</a></li>' for t in contents)
    body = (
        '<nav class="cards-nav"><a href="index.html">All reports</a> · <a href="cards/index.html">Incident cards</a>'
        ' · <a href="#downloads">Downloads</a></nav>'
        "<h1>How these figures are made</h1>"
        f"<p>What the reports count and how each value is coded, taken from {html.escape(whose)} and from the "
        "schema every file is checked against. Every figure traces to a quote on its incident's card.</p>"
        f'<nav class="report-toc" aria-label="Contents"><ol>{toc}</ol></nav>'
        + "".join(_section(t, b) for t, b in rules)
        + _section("Vocabularies", vocab)
        + _section("Limits of this data", build_limits_html(dataset, codebook, figures_markdown))
        + _section("Downloads", build_downloads_html())
    )
    foot = f'<footer class="report-footer">{html.escape(footer)}</footer>' if footer else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        '<title>How these figures are made</title><link rel="stylesheet" href="cards/cards.css"></head>'
        f'<body class="report methodology"><main>{body}{foot}</main></body></html>\n'
    )
