"""What every report notebook says around its numbers: filters, caveats, empty selections.

A notebook's Load section is one call, :func:`open_report`: it loads the
data, applies the parameters, shows the header (title, filters, caveats)
and returns a :class:`Report` whose ``show_table``/``show_figure`` stay
silent when nothing matched (the header has said so once), so no Show
cell needs a guard.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import display

from analysis import schema
from analysis.data.dataset import load_dataset
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.completeness import select_claimed_spans, select_zero_claims
from analysis.metrics.counts import count_by
from analysis.metrics.filters import filter_incidents
from analysis.metrics.grades import grade_incidents
from analysis.metrics.tolls import link_operation_tolls
from analysis.reporting.casualty_text import describe_us_tally
from analysis.reporting.caveats import build_caveats, build_evidence_caveats
from analysis.reporting.charts import show_figure
from analysis.reporting.claims import (
    build_coverage_caveat,
    build_coverage_lines,
    claimed_coverage,
    compare_reported_totals,
    describe_unreached_period,
)
from analysis.reporting.empty_report import describe_where_the_data_lies, select_scope, show_no_incidents
from analysis.reporting.formatting import format_day
from analysis.reporting.source_list import build_source_links, build_source_list_html, name_toll_sources
from analysis.reporting.tables import show_table


def select_incidents(
    incidents: pd.DataFrame, start: str = "", end: str = "", countries=(), categories=(), locations=(), places=None
) -> pd.DataFrame:
    """Apply the notebooks' parameters ("" and [] mean no filter) to ``incidents``; ``places`` (the gazetteer)
    lets ``locations`` be aliases too."""
    return filter_incidents(
        incidents,
        start=start or None,
        end=end or None,
        countries=list(countries) or None,
        categories=list(categories) or None,
        locations=list(locations) or None,
        places=places,
    )


def describe_filters(start: str = "", end: str = "", countries=(), categories=(), locations=()) -> str:
    """One sentence naming the filters in force.

    >>> describe_filters("2024-01-01", "", ["Iraq"], [])
    'Incidents from 2024-01-01 to the latest incident; countries: Iraq; all categories.'
    """
    period = f"from {start or 'the first incident'} to {end or 'the latest incident'}"
    where = f"countries: {', '.join(countries)}" if countries else "all countries"
    what = (
        f"categories: {', '.join(schema.value_label('category', c) for c in categories)}"
        if categories
        else "all categories"
    )
    place = f"; locations: {', '.join(locations)}" if locations else ""
    return f"Incidents {period}; {where}; {what}{place}."


HEADLINE_COUNT_LABEL = "Incidents in this table"
"""The headline's count label: the table's incidents, not every incident that happened."""


def build_headline(
    incidents: pd.DataFrame,
    selected: pd.DataFrame,
    rendered: dt.date | None = None,
    period: tuple[str | None, str | None] = (None, None),
) -> list[tuple[str, str]]:
    """The figures a reader takes in first, as (label, text) pairs.

    Incidents in ``selected`` by category, US killed and injured as ranges
    with the number of incidents whose figure is unknown, the date span of
    the selection, the data's "as of" (the latest incident of the whole
    table ``incidents``) and the day the report was rendered (``rendered``,
    default today).  An empty selection over a ``period`` (start, end) the
    table does not reach says so instead of a count.
    """
    counts = count_by(selected, "category", include_empty=True)
    by_category = dict(zip(counts["category"].astype(str), counts["incidents"]))
    parts = [f"{by_category[c]:,} {label}" for c, label in schema.CATEGORY_LABELS.items() if by_category.get(c, 0)]
    unreached = None if len(selected) else describe_unreached_period(incidents, *period)
    count = f"{len(selected):,}: " + " · ".join(parts) if parts else (unreached or "none recorded")
    items = [(HEADLINE_COUNT_LABEL, count)]  # 99,755 as in the tables
    if len(selected):
        tally = tally_casualties(selected, include_fatalities=False).set_index("measure")
        attacks = int((selected["category"].astype("string") == "attack_on_us").sum())
        for measure in ("us_killed", "us_injured"):
            label = schema.MEASURE_LABELS[measure]
            items.append((label[0].upper() + label[1:], describe_us_tally(tally.loc[measure], attacks)))
        items.append(
            ("Dates", f"{format_day(selected['event_date'].min())} to {format_day(selected['event_date'].max())}")
        )
    if len(incidents):
        items.append(("Data as of", f"{format_day(incidents['event_date'].max())} (the latest incident in the table)"))
    items.append(("Rendered", format_day(rendered or dt.date.today())))
    return items


HEADLINE_STYLES = {
    "strip": "display: flex; flex-wrap: wrap; gap: 0.4rem 1.6rem; background: #f6f8fa; color: #1f2328; "
    "border: 1px solid #d0d7de; border-radius: 6px; padding: 0.6rem 0.9rem; margin: 0.4rem 0 0.6rem",
    "label": "display: block; font-size: 0.75rem; color: #57606a; text-transform: uppercase; letter-spacing: 0.03em",
    "value": "font-size: 1.05rem; font-weight: 600",
}
"""Inline styles of the headline strip: JupyterLab shows a notebook's outputs without the reports' stylesheet."""


def show_report_header(
    title: str,
    filters_text: str,
    selected: pd.DataFrame,
    total: int,
    dataset=None,
    period: tuple[str | None, str | None] = (None, None),
    countries=(),
    categories=(),
    reported: pd.DataFrame | None = None,
) -> None:
    """Display the title, the headline strip, the coverage line, the filters, the caveats and the sources.

    ``period`` (start, end; None for open) and ``countries`` are the report's
    parameters: with ``dataset`` they decide whether the data's coverage needs a caveat.
    ``reported`` (:func:`compare_reported_totals`) are the totals set against the table's count.
    """
    caveats = build_caveats(selected) if len(selected) else []
    headline, coverage_lines, sources_html = [], [], ""
    if dataset is not None:
        headline = build_headline(dataset.incidents, selected, period=period)
        if len(selected):
            coverage_lines = build_coverage_lines(reported) if reported is not None else []
            caveats += build_evidence_caveats(selected, dataset.evidence, dataset.sources)
            first = period[0] or selected["event_date"].min()
            last = period[1] or selected["event_date"].max()
            claims = claimed_coverage(dataset.coverage)
            spans = select_claimed_spans(claims, dataset.reported_totals, countries, categories)
            zeros = select_zero_claims(dataset.reported_totals, countries, categories)
            caveats.append(build_coverage_caveat(dataset.coverage, spans, first, last, zeros))
            sources_html = build_source_list_html(build_source_links(dataset.sources, selected))
    items = "".join(f"<li>{html.escape(c)}</li>" for c in caveats)
    strip = "".join(
        f'<div class="headline-item"><span class="headline-label" style="{HEADLINE_STYLES["label"]}">'
        f'{html.escape(label)}</span> <span class="headline-value" style="{HEADLINE_STYLES["value"]}">'
        f"{html.escape(value)}</span></div>"
        for label, value in headline
    )
    coverage_html = ""
    if coverage_lines:
        more = len(coverage_lines) - 1
        extra = f" ({more} more reported total{'s' if more != 1 else ''} listed below.)" if more else ""
        coverage_html = f'<p class="report-coverage">{html.escape(coverage_lines[0] + extra)}</p>'
    body = (
        f"<h1>{html.escape(title)}</h1>"
        + (f'<div class="report-headline" style="{HEADLINE_STYLES["strip"]}">{strip}</div>' if strip else "")
        + coverage_html
        + f"<p>{html.escape(filters_text)} {len(selected)} of the table's {total} incidents match.</p>"
        + (f'<div class="report-note"><strong>Caveats</strong><ul>{items}</ul></div>' if items else "")
        + sources_html
    )
    plain = [title, *(f"{label}: {value}" for label, value in headline), *coverage_lines[:1]]
    plain.append(f"{filters_text} {len(selected)} of {total} incidents match.")
    display({"text/html": body, "text/plain": "\n".join(plain)}, raw=True)


@dataclass
class Report:
    """What a report notebook works on, from :func:`open_report`.

    ``dataset`` is the whole data directory (:class:`analysis.data.dataset.Dataset`),
    ``selected`` the incidents matching the parameters, ``filters_text`` the
    sentence naming the filters, ``start``/``end`` the period as
    ``YYYY-MM-DD`` or ``None`` (open), ``covered_spans`` the day spans the
    data covers for the report's countries (columns ``period_start``,
    ``period_end``; pass them as ``coverage=`` to
    :func:`analysis.metrics.frequency.count_per_period` and ``find_lulls``
    so they mark what is not covered).
    """

    dataset: object
    selected: pd.DataFrame
    filters_text: str
    start: str | None
    end: str | None
    covered_spans: pd.DataFrame | None = None
    tolls: pd.DataFrame | None = None
    reported: pd.DataFrame | None = None
    """The sources' totals of attacks on US forces overlapping the selection, each set against the whole table's
    count of its own scope (:func:`compare_reported_totals`); ``same_series`` marks those a running count of the
    selection may draw (``plot_cumulative(..., reported=report.reported[report.reported["same_series"]])``)."""
    """Operation tolls covering incidents of ``selected`` (:func:`analysis.metrics.tolls.link_operation_tolls`),
    for ``tally_casualties(..., tolls=report.tolls)`` and ``format_casualty_table(..., tolls=report.tolls)``."""

    @property
    def has_incidents(self) -> bool:
        return not self.selected.empty

    def show_table(self, table: pd.DataFrame, caption: str | None = None, index: bool = False) -> None:
        """Show ``table`` (see :func:`analysis.reporting.tables.show_table`) unless nothing matched.

        Incident ids in it link to their cards (pages cut from the whole table).
        """
        if self.has_incidents:
            show_table(table, caption=caption, index=index, all_incidents=self.dataset.incidents)

    def show_section(self, title: str) -> None:
        """Show a section heading (``<h2>``, with the id the contents list links to) unless nothing matched.

        An empty report shows no heading of a section with nothing in it.
        """
        if self.has_incidents:
            anchor = html.escape(title.replace(" ", "-"))
            display({"text/html": f'<h2 id="{anchor}">{html.escape(title)}</h2>', "text/plain": title}, raw=True)

    def show_figure(self, fig, name: str) -> None:
        """Show ``fig`` (see :func:`analysis.reporting.charts.show_figure`) unless nothing matched."""
        if self.has_incidents:
            show_figure(fig, name)

    def show_note(self, text: str) -> None:
        """Show a paragraph about the tables and charts that follow, unless nothing matched (then none follow)."""
        if self.has_incidents:
            display({"text/html": f'<p class="section-note">{html.escape(text)}</p>', "text/plain": text}, raw=True)


def _countries_of_places(selected: pd.DataFrame, locations) -> list[str]:
    """The countries a profile of ``locations`` lies in (those of its incidents): a claim for Iraq covers a base in
    Iraq; without ``locations`` none (every country is in scope)."""
    return sorted(set(selected["country"].dropna().astype(str))) if list(locations or ()) else []


def open_report(
    data_dir: str = "",
    title: str = "",
    start: str = "",
    end: str = "",
    countries=(),
    categories=(),
    locations=(),
) -> Report:
    """Load the data, select the incidents the parameters ask for and show the report's header.

    The notebooks' parameters pass straight through ("" and [] mean no
    filter; ``data_dir`` "" means the bundled data).  An empty selection
    shows the "no incidents match" message once.
    """
    dataset = load_dataset(data_dir or None)
    filters_text = describe_filters(start, end, countries, categories, locations)
    selected = select_incidents(dataset.incidents, start, end, countries, categories, locations, dataset.places)
    selected = selected.assign(grade=grade_incidents(selected, dataset.sources))
    in_scope = list(countries) or _countries_of_places(selected, locations)
    spans = select_claimed_spans(claimed_coverage(dataset.coverage), dataset.reported_totals, in_scope, categories)
    period = (start or None, end or None)
    reported = compare_reported_totals(dataset, start, end, countries, categories, locations)
    total = len(dataset.incidents)
    show_report_header(title, filters_text, selected, total, dataset, period, in_scope, categories, reported)
    if selected.empty:
        scope = select_scope(dataset.incidents, countries, categories, locations, dataset.places)
        where = describe_where_the_data_lies(dataset, scope, spans, claimed_coverage(dataset.coverage), data_dir)
        show_no_incidents(filters_text, describe_unreached_period(dataset.incidents, *period), where)
    tolls = name_toll_sources(link_operation_tolls(selected, dataset.reported_totals), dataset.sources)
    return Report(dataset, selected, filters_text, start or None, end or None, spans, tolls, reported)
