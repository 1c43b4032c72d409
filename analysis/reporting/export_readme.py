"""The text written beside the CSV export (``export/README.txt``): what each column means, where the sources and
quotes are, the licence and the period the data covers, so a reader who downloads only that folder can resolve
every source id and read every figure as the reports do.

Every part comes from the schema and the data: the columns from :mod:`analysis.schema`, the wording of figures from
:func:`analysis.reporting.formatting.format_figure`, the licence from the installed package's metadata.
"""

from __future__ import annotations

import textwrap
from importlib import metadata

import pandas as pd

from analysis import schema
from analysis.data.rules import bounds_text, expected_allowed
from analysis.metrics.completeness import select_zero_claims, split_countries
from analysis.metrics.tolls import link_operation_tolls
from analysis.paths import (
    CARDS_DIRNAME,
    DATA_ZIP_FILENAME,
    EVIDENCE_EXPORT_FILENAME,
    EXPORT_FILENAME,
    SOURCES_DIRNAME,
    SOURCES_EXPORT_FILENAME,
)
from analysis.reporting.casualty_text import describe_tolls, format_toll_figure
from analysis.reporting.claims import claimed_coverage
from analysis.reporting.formatting import format_day, format_figure

PACKAGE = "incident-reports"
WIDTH = 100
EXPORTED_TABLES = ((EXPORT_FILENAME, schema.INCIDENTS), (SOURCES_EXPORT_FILENAME, schema.SOURCES))
EXPORTED_TABLES += ((EVIDENCE_EXPORT_FILENAME, schema.EVIDENCE),)


def _paragraph(text: str, indent: str = "") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent or "")


def describe_licence() -> str:
    """The licence the installed package declares (``pyproject.toml``), or a plain "not stated"."""
    try:
        declared = metadata.metadata(PACKAGE).get("License") or metadata.metadata(PACKAGE).get("License-Expression")
    except metadata.PackageNotFoundError:
        declared = None
    if not declared:
        return "The project states no licence for these tables."
    return (
        f"The tables are part of the {PACKAGE} project, published under the {declared} licence. The news articles "
        "they quote are not covered by it: each stays its outlet's (sources.csv names the outlet and where the "
        "article is)."
    )


def describe_period(dataset) -> list[str]:
    """The incidents' first and last dates, what the data claims complete, and the sources' stated zeros."""
    incidents = dataset.incidents
    if incidents.empty:
        return ["The table holds no incident."]
    first, last = incidents["event_date"].min(), incidents["event_date"].max()
    lines = [f"{len(incidents):,} incidents, dated {format_day(first)} to {format_day(last)}."]
    claims = claimed_coverage(dataset.coverage)
    if len(claims):
        for row in claims.itertuples(index=False):
            where = ", ".join(split_countries(row.countries)) or "every country"
            basis = getattr(row, "basis", None)
            lines.append(
                f"Claimed complete (coverage.csv): {format_day(row.period_start)} to {format_day(row.period_end)}, "
                f"{where}" + ("" if pd.isna(basis) else f" ({basis})") + "."
            )
        lines.append("Outside those spans a period without incidents means none recorded, not zero.")
    else:
        lines.append(
            "The data makes no claim to list every incident of any period (no coverage.csv): a period without "
            "incidents in this table means none recorded, not zero."
        )
    zeros = select_zero_claims(dataset.reported_totals, categories=["attack_on_us"])
    for z in zeros.itertuples(index=False):
        lines.append(
            f"{z.source_id} states there were no attacks on US forces from {format_day(z.period_start)} to "
            f"{format_day(z.period_end)} ({z.total_id}: \u201c{z.quote}\u201d)."
        )
    return lines


def describe_figures(dataset) -> list[str]:
    """How the count columns read, in the reports' own words, and the tolls given for a whole operation."""
    lines = [
        "Counts come as three columns, <name>_min, <name>_best and <name>_max: the lowest and highest figure any "
        "source supports and the best estimate. An empty cell is not known, never 0. The reports word them as: "
        f"min 3, max 3: '{format_figure(3, 3)}'; min 2, max 5: '{format_figure(2, 5)}'; min 18, no max: "
        f"'{format_figure(18, None, high_open=True)}'; best 1200 alone: "
        f"'{format_figure(1200, 1200, best=1200, approximate=True)}'; all empty: '{format_figure(None, None)}'.",
        "US personnel figures apply to attacks on US forces and to incidents where a source gives a US figure; "
        "elsewhere an empty US cell means not applicable, not unknown.",
    ]
    links = link_operation_tolls(dataset.incidents, dataset.reported_totals)
    for total_id, one in links.groupby("total_id", sort=True):
        first = one.iloc[0]
        measure = schema.MEASURE_LABELS.get(str(first["measure"]), str(first["measure"]))
        lines.append(
            f"Operation toll {total_id}: {measure} {format_toll_figure(first)} ({describe_tolls(total_id, links)}): "
            f"{', '.join(one['incident_id'].astype(str))}. Their own cells stay empty; the toll is not split "
            "between them, and it is held in reported_totals.csv (in data.zip)."
        )
    return lines


def describe_column(col) -> str:
    """One column as the companion text lists it: name, kind, required or not, meaning, allowed values or bounds.

    >>> text = describe_column(schema.INCIDENTS.column("us_killed_min"))
    >>> text.startswith("us_killed_min (int, may be empty): "), text.endswith("; a number from 0 to 10000000")
    (True, True)
    """
    rules = []
    if col.allowed:
        rules.append(expected_allowed(col))
    if col.minimum is not None or col.maximum is not None:
        rules.append(bounds_text(col))
    if col.refers_to:
        rules.append("one of the {1} labels of {0}".format(*col.refers_to.split(" ", 1)))
    required = "required" if col.required else "may be empty"
    return f"{col.name} ({col.kind}, {required}): {col.description}" + (f"; {'; '.join(rules)}" if rules else "")


def build_export_readme(dataset) -> str:
    """The whole ``README.txt`` of ``export/``: plain text, LF line endings, ending with a newline."""
    sources = f"../{CARDS_DIRNAME}/{SOURCES_DIRNAME}/"
    parts = [
        "THE INCIDENT TABLE AS CSV",
        "",
        _paragraph(
            f"{EXPORT_FILENAME}: one row per incident. {SOURCES_EXPORT_FILENAME}: one row per source. "
            f"{EVIDENCE_EXPORT_FILENAME}: the verbatim quotes behind each incident's fields. {DATA_ZIP_FILENAME}: the "
            "whole data directory (every table, the bundled article texts and, when the data has one, CODEBOOK.md "
            "with the coding rules), "
            "which `incidents render --data DIR` reads once unzipped."
        ),
        "",
        "PERIOD COVERED",
        "",
        *[_paragraph(line) for line in describe_period(dataset)],
        "",
        "SOURCES AND QUOTES",
        "",
        _paragraph(
            f"Each id in the source_ids column of {EXPORT_FILENAME} (several are separated by ';') is the source_id "
            f"of one row of {SOURCES_EXPORT_FILENAME}: its outlet, headline, published date, its address (url) and, "
            f"when the text is bundled, its file (under data/ in {DATA_ZIP_FILENAME}; a copy with the quotes "
            f"highlighted is in {sources} beside the reports). Each row of {EVIDENCE_EXPORT_FILENAME} ties an "
            "incident_id and a field to a source_id and the exact quote from that source's text."
        ),
        "",
        "READING THE FIGURES",
        "",
        *[_paragraph(line) for line in describe_figures(dataset)],
        "",
        _paragraph(
            "Spreadsheet safety: a text cell that would start a formula (=, +, -, @) begins with a single quote ' "
            "here; the tables in data.zip hold the original text."
        ),
        "",
        "LICENCE",
        "",
        _paragraph(describe_licence()),
    ]
    for file, table in EXPORTED_TABLES:
        parts += ["", f"COLUMNS OF {file.upper()}", ""]
        parts += [_paragraph(describe_column(col), "  ")[2:] for col in table.columns]
    return "\n".join(parts) + "\n"
