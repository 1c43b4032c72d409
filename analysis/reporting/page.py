"""What every report notebook says around its numbers: filters, caveats, empty selections.

A notebook's Load section is one call, :func:`open_report`: it loads the
data, applies the parameters, shows the header (title, filters, caveats)
and returns a :class:`Report` whose ``show_table``/``show_figure`` stay
silent when nothing matched (the header has said so once), so no Show
cell needs a guard.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import display

from analysis import schema
from analysis.data.read import load_dataset
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.coverage import compare_with_reported_totals
from analysis.metrics.filters import filter_incidents
from analysis.reporting.charts import show_figure
from analysis.reporting.formatting import format_day, format_tally_cell
from analysis.reporting.tables import show_table


def select_incidents(
    incidents: pd.DataFrame, start: str = "", end: str = "", countries=(), categories=(), locations=()
) -> pd.DataFrame:
    """Apply the notebooks' parameters ("" and [] mean no filter) to ``incidents``."""
    return filter_incidents(
        incidents,
        start=start or None,
        end=end or None,
        countries=list(countries) or None,
        categories=list(categories) or None,
        locations=list(locations) or None,
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


def build_caveats(selected: pd.DataFrame) -> list[str]:
    """The caveats that apply to ``selected``: date precision, ranges, unknown figures."""
    caveats = []
    coarse = int((selected["date_precision"].astype("string") != "day").sum())
    if coarse:
        caveats.append(
            f"{coarse} incident(s) are dated only to the week, month or year; "
            "they are counted in the period of their first possible day."
        )
    ranged = 0
    unknown = 0
    for prefix in schema.CASUALTY_PREFIXES:
        lo, hi = selected[f"{prefix}_min"], selected[f"{prefix}_max"]
        ranged += int(((lo != hi) | hi.isna() & lo.notna()).fillna(False).sum())
        unknown += int((lo.isna() & hi.isna()).sum())
    caveats.append(
        "Casualty figures are ranges (lowest to highest figure any source supports; "
        f"≥ means no upper bound was stated): {ranged} figure(s) in this selection are ranges or open-ended."
    )
    caveats.append(
        f"{unknown} casualty figure(s) are unknown (no source gives them); "
        "they are shown as 'unknown' and never counted as 0."
    )
    caveats.append(
        "The table holds only incidents coded from the bundled sources; "
        "compare with the totals the sources report before reading a count as complete."
    )
    return caveats


def build_headline(incidents: pd.DataFrame, selected: pd.DataFrame) -> list[tuple[str, str]]:
    """The figures a reader takes in first, as (label, text) pairs.

    Incidents in ``selected`` by category, US killed and injured as ranges
    with the number of incidents whose figure is unknown, the date span of
    the selection, and the data's "as of" (the latest incident of the whole
    table ``incidents``).
    """
    counts = count_by(selected, "category", include_empty=True)
    by_category = dict(zip(counts["category"].astype(str), counts["incidents"]))
    parts = [f"{by_category[c]} {label}" for c, label in schema.CATEGORY_LABELS.items() if by_category.get(c, 0)]
    items = [("Incidents", f"{len(selected)}: " + " · ".join(parts) if parts else "0")]
    if len(selected):
        tally = tally_casualties(selected, include_fatalities=False).set_index("measure")
        for measure in ("us_killed", "us_injured"):
            row = tally.loc[measure]
            cell = format_tally_cell(
                row["low"], row["high"], bool(row["high_open"]), int(row["incidents_unknown"]), row["best"]
            )
            label = schema.MEASURE_LABELS[measure]
            items.append((label[0].upper() + label[1:], cell))
        items.append(
            ("Dates", f"{format_day(selected['event_date'].min())} to {format_day(selected['event_date'].max())}")
        )
    if len(incidents):
        items.append(("Data as of", f"{format_day(incidents['event_date'].max())} (the latest incident in the table)"))
    return items


def _reported_value(lo, hi) -> str:
    if pd.isna(hi):
        return f"at least {int(lo)}"
    return f"{int(lo)}" if lo == hi else f"between {int(lo)} and {int(hi)}"


def build_coverage_lines(coverage: pd.DataFrame) -> list[str]:
    """Plain sentences setting what the sources report against what the table holds.

    ``coverage`` is :func:`analysis.metrics.coverage.compare_with_reported_totals`
    output; the largest reported total comes first.
    """
    lines = []
    ordered = coverage.sort_values("reported_min", ascending=False, kind="stable")
    for row in ordered.itertuples(index=False):
        lo, hi, held = row.reported_min, row.reported_max, int(row.incidents_in_table)
        period = (
            f"up to {format_day(row.as_of)}"
            if pd.isna(row.period_start)
            else (f"from {format_day(row.period_start)} to {format_day(row.as_of)}")
        )
        where = "" if pd.isna(row.countries) else f" in {row.countries.replace(';', ' and ')}"
        text = f"The sources report {_reported_value(lo, hi)} attacks on US forces{where} {period}; "
        if not pd.isna(hi) and hi == 0 and held == 0:
            text += "this table holds none either."
        elif not pd.isna(hi) and held > hi:
            text += f"this table holds {held}, more than that figure (the sources count differently or less)."
        else:
            text += f"this table holds {held} of them."
        lines.append(text)
    return lines


def show_report_header(title: str, filters_text: str, selected: pd.DataFrame, total: int, dataset=None) -> None:
    """Display the title, the headline strip, the coverage line, the filters and the caveats."""
    items = "".join(f"<li>{html.escape(c)}</li>" for c in build_caveats(selected)) if len(selected) else ""
    headline, coverage_lines = [], []
    if dataset is not None:
        headline = build_headline(dataset.incidents, selected)
        if len(selected):
            coverage_lines = build_coverage_lines(compare_with_reported_totals(selected, dataset.reported_totals))
    strip = "".join(
        f'<div class="headline-item"><span class="headline-label">{html.escape(label)}</span> '
        f'<span class="headline-value">{html.escape(value)}</span></div>'
        for label, value in headline
    )
    coverage_html = ""
    if coverage_lines:
        more = len(coverage_lines) - 1
        extra = f" ({more} more reported total{'s' if more != 1 else ''} under Coverage below.)" if more else ""
        coverage_html = f'<p class="report-coverage">{html.escape(coverage_lines[0] + extra)}</p>'
    body = (
        f"<h1>{html.escape(title)}</h1>"
        + (f'<div class="report-headline">{strip}</div>' if strip else "")
        + coverage_html
        + f"<p>{html.escape(filters_text)} {len(selected)} of the table's {total} incidents match.</p>"
        + (f'<div class="report-note"><strong>Caveats</strong><ul>{items}</ul></div>' if items else "")
    )
    plain = [title, *(f"{label}: {value}" for label, value in headline), *coverage_lines[:1]]
    plain.append(f"{filters_text} {len(selected)} of {total} incidents match.")
    display({"text/html": body, "text/plain": "\n".join(plain)}, raw=True)


def show_no_incidents(filters_text: str) -> None:
    """Display the message an empty selection gets instead of charts."""
    text = (
        f"No incidents match these filters. {filters_text} Widen the period, countries or categories and render again."
    )
    display({"text/html": f'<div class="report-empty">{html.escape(text)}</div>', "text/plain": text}, raw=True)


@dataclass
class Report:
    """What a report notebook works on, from :func:`open_report`.

    ``dataset`` is the whole data directory (:class:`analysis.data.read.Dataset`),
    ``selected`` the incidents matching the parameters, ``filters_text`` the
    sentence naming the filters, ``start``/``end`` the period as
    ``YYYY-MM-DD`` or ``None`` (open).
    """

    dataset: object
    selected: pd.DataFrame
    filters_text: str
    start: str | None
    end: str | None

    @property
    def has_incidents(self) -> bool:
        return not self.selected.empty

    def show_table(self, table: pd.DataFrame, caption: str | None = None, index: bool = False) -> None:
        """Show ``table`` (see :func:`analysis.reporting.tables.show_table`) unless nothing matched.

        Incident ids in it link to their cards (pages cut from the whole table).
        """
        if self.has_incidents:
            show_table(table, caption=caption, index=index, all_incidents=self.dataset.incidents)

    def show_figure(self, fig, name: str) -> None:
        """Show ``fig`` (see :func:`analysis.reporting.charts.show_figure`) unless nothing matched."""
        if self.has_incidents:
            show_figure(fig, name)


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
    selected = select_incidents(dataset.incidents, start, end, countries, categories, locations)
    show_report_header(title, filters_text, selected, len(dataset.incidents), dataset)
    if selected.empty:
        show_no_incidents(filters_text)
    return Report(dataset, selected, filters_text, start or None, end or None)
