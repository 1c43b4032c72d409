"""The tables of the reports: built from metric frames, shown as escaped HTML.

``build_*`` functions turn a metric's frame into a display frame (plain
headers, ranges as text, dates as days); :func:`show_table` writes it as
escaped HTML by pandas: any text coming from the data (notes, names,
headlines) is escaped here, where it enters HTML.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import display

from analysis import schema
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import NOT_COVERED
from analysis.reporting.formatting import (
    format_day,
    format_period,
    format_range,
    format_share,
    format_share_range,
    format_tally_cell,
)


def build_table_html(table: pd.DataFrame, caption: str | None = None, index: bool = False) -> str:
    """Render ``table`` as escaped HTML (every cell and header is escaped).

    >>> build_table_html(pd.DataFrame({"a": ["<b>"]}))
    '<table class="report-table"><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head_cells = ([table.index.name or ""] if index else []) + [str(c) for c in table.columns]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in head_cells)
    rows = []
    for idx, values in zip(table.index, table.itertuples(index=False, name=None)):
        cells = ([idx] if index else []) + list(values)
        rows.append("<tr>" + "".join(f"<td>{html.escape(_cell_text(v))}</td>" for v in cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="report-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _cell_text(value: object) -> str:
    """Text of one table cell: missing values read ``unknown``, never 0 or nan."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "unknown"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def show_table(table: pd.DataFrame, caption: str | None = None, index: bool = False) -> None:
    """Display ``table`` as escaped HTML with a plain-text fallback."""
    display(
        {"text/html": build_table_html(table, caption, index), "text/plain": table.to_string(index=index)},
        raw=True,
    )


def build_incident_list(selected: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Incidents newest first, ready to show: ranges as "3–5", unknowns as "unknown".

    Columns: date, location, country, category, perpetrator, weapon, outcome,
    US killed, US injured, others killed, others injured, claimed by, incident.
    """
    ordered = selected.sort_values(["event_date", "incident_id"], ascending=[False, True])
    if limit is not None:
        ordered = ordered.head(limit)

    def pair(prefix: str) -> list[str]:
        return [format_range(lo, hi) for lo, hi in zip(ordered[f"{prefix}_min"], ordered[f"{prefix}_max"])]

    date_text = [
        d.strftime("%Y-%m-%d") + ("" if p == "day" else f" ({p})")
        for d, p in zip(ordered["event_date"], ordered["date_precision"].astype("string"))
    ]
    return pd.DataFrame(
        {
            "date": date_text,
            "location": ordered["location"].to_numpy(),
            "country": ordered["country"].astype("string").to_numpy(),
            "category": [schema.value_label("category", v) for v in ordered["category"].astype("string")],
            "perpetrator": ordered["perpetrator"].fillna(schema.NOT_STATED).to_numpy(),
            "weapon": [schema.value_label("weapon", v) for v in ordered["weapon"].astype("string")],
            "outcome": ordered["outcome"].astype("string").to_numpy(),
            "US killed": pair("us_killed"),
            "US injured": pair("us_injured"),
            "others killed": pair("other_killed"),
            "others injured": pair("other_injured"),
            "claimed by": ordered["claimed_by"].fillna("no claim reported").to_numpy(),
            "incident": ordered["incident_id"].to_numpy(),
        }
    )


def build_source_list(sources: pd.DataFrame, selected: pd.DataFrame) -> pd.DataFrame:
    """The sources behind ``selected``: outlet, headline, published date, incidents cited.

    Columns: source, outlet, headline, published, incidents.
    """
    cited = selected["source_ids"].fillna("").str.split(";").explode().str.strip()
    counts = cited[cited != ""].value_counts()
    table = pd.DataFrame(
        {
            "source": sources["source_id"].to_numpy(),
            "outlet": sources["outlet"].to_numpy(),
            "headline": sources["headline"].to_numpy(),
            "published": pd.to_datetime(sources["published"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "incidents": [int(counts.get(s, 0)) for s in sources["source_id"]],
        }
    )
    return table[table["incidents"] > 0].sort_values("published").reset_index(drop=True)


def build_count_table(counts: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """A :func:`analysis.metrics.counts.count_by` table for display: dimension, incidents, share (%).

    Columns: the dimension, incidents, share.
    """

    return pd.DataFrame(
        {
            dimension.replace("_", " "): [schema.value_label(dimension, v) for v in counts[dimension].astype("string")],
            "incidents": counts["incidents"].to_numpy(),
            "share": [format_share(s) for s in counts["share"]],
        }
    )


def build_coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Reported totals against the table's count, for display.

    Columns: reported figure, scope, period, countries, reported, in this table, share held.
    """

    def day(value) -> str:
        return "not stated" if pd.isna(value) else format_day(value)

    return pd.DataFrame(
        {
            "reported figure": coverage["total_id"].to_numpy(),
            "scope": coverage["scope"].to_numpy(),
            "period": [f"{day(a)} – {day(b)}" for a, b in zip(coverage["period_start"], coverage["as_of"])],
            "countries": coverage["countries"].fillna("not stated").to_numpy(),
            "reported": [format_range(lo, hi) for lo, hi in zip(coverage["reported_min"], coverage["reported_max"])],
            "in this table": coverage["incidents_in_table"].to_numpy(),
            "share held": [format_share_range(lo, hi) for lo, hi in zip(coverage["share_low"], coverage["share_high"])],
        }
    )


def build_period_table(per_period: pd.DataFrame, freq: str = "day") -> pd.DataFrame:
    """Periods with their count, cumulative count and rolling mean, for display.

    Columns: period, incidents, cumulative, rolling mean; a period the data
    does not cover (``covered`` False) reads "not covered" in all three, never 0.
    """
    table = pd.DataFrame(
        {
            "period": [format_period(p, freq) for p in per_period["period"]],
            "incidents": per_period["incidents"].astype("Int64").array,
            "cumulative": per_period["cumulative"].astype("Int64").array,
            "rolling mean": per_period["rolling_mean"].round(2).to_numpy(),
        }
    )
    if "covered" in per_period.columns and not per_period["covered"].all():
        uncovered = ~per_period["covered"].to_numpy(dtype=bool)
        for column in ("incidents", "cumulative", "rolling mean"):
            table[column] = table[column].astype(object).where(~uncovered, NOT_COVERED)
    return table


def build_lull_table(lulls: pd.DataFrame) -> pd.DataFrame:
    """Lulls for display. Columns: last incident before, lull began, lull ended (next incident), days."""

    def day(series: pd.Series) -> list[str]:
        return pd.to_datetime(series).dt.strftime("%Y-%m-%d").tolist()

    return pd.DataFrame(
        {
            "last incident before": day(lulls["previous_incident_date"]),
            "lull began": day(lulls["began"]),
            "lull ended (next incident)": day(lulls["ended"]),
            "days": lulls["gap_days"].to_numpy(),
        }
    )


def build_place_table(places: pd.DataFrame, name: str) -> pd.DataFrame:
    """The gazetteer row of ``name``. Columns: name, aliases, kind, country, admin1, latitude, longitude."""
    row = places[places["name"] == name]
    return pd.DataFrame(
        {
            "name": row["name"].to_numpy(),
            "aliases": row["aliases"].fillna("").str.replace(";", ", ").to_numpy(),
            "kind": row["kind"].astype("string").to_numpy(),
            "country": row["country"].astype("string").to_numpy(),
            "admin1": row["admin1"].to_numpy(),
            "latitude": row["latitude"].to_numpy(),
            "longitude": row["longitude"].to_numpy(),
        }
    )


def _evidence_text(dataset) -> str:
    """How many quotes there are, and which of them the validator found verbatim in a bundled text."""
    bundled_ids = set(dataset.sources.loc[dataset.sources["file"].notna(), "source_id"])
    checked = int(dataset.evidence["source_id"].isin(bundled_ids).sum())
    external = len(dataset.evidence) - checked
    text = f"{len(dataset.evidence)}: {checked} found verbatim in the bundled articles"
    return text + (f", {external} from external references (not bundled, so not checked)" if external else "")


def build_figures_markdown(dataset) -> str:
    """The README's table of the bundled data's headline figures (markdown).

    Regenerated by ``incidents codebook``; a test fails when it drifts from the data.
    """

    incidents = dataset.incidents
    counts = count_by(incidents, "category", include_empty=True)
    by_category = dict(zip(counts["category"].astype(str), counts["incidents"]))
    tally = tally_casualties(incidents).set_index("measure")
    bundled = int(dataset.sources["file"].notna().sum())
    rows = [
        (
            "incidents",
            f"{len(incidents)} ({incidents['event_date'].min():%Y-%m-%d} to {incidents['event_date'].max():%Y-%m-%d})",
        ),
    ]
    rows += [(label, str(by_category.get(category, 0))) for category, label in schema.CATEGORY_LABELS.items()]
    for measure in schema.CASUALTY_PREFIXES:
        label = schema.MEASURE_LABELS[measure]
        row = tally.loc[measure]
        rows.append(
            (
                label,
                format_tally_cell(
                    row["low"], row["high"], bool(row["high_open"]), int(row["incidents_unknown"]), row["best"]
                ),
            )
        )
    rows += [
        ("sources", f"{bundled} bundled articles, {len(dataset.sources) - bundled} external references"),
        ("evidence quotes", _evidence_text(dataset)),
        ("places in the gazetteer", str(len(dataset.places))),
    ]
    lines = ["| bundled data | figure |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)
