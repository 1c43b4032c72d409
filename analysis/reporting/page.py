"""What every report notebook says around its numbers: filters, caveats, empty selections.

Notebooks pass their parameters here so the wording of filters and caveats
is written once, and so an empty selection reads as a clear message.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import display

from analysis.metrics.filters import filter_incidents
from analysis.reporting.formatting import format_range


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
    what = f"categories: {', '.join(categories)}" if categories else "all categories"
    place = f"; locations: {', '.join(locations)}" if locations else ""
    return f"Incidents {period}; {where}; {what}{place}."


def build_caveats(selected: pd.DataFrame) -> list[str]:
    """The caveats that apply to ``selected``: date precision, ranges, unknown figures."""
    caveats = []
    coarse = int((selected["date_precision"].astype("string") != "day").sum())
    if coarse:
        caveats.append(
            f"{coarse} incident(s) are dated only to the week, month or year; they are counted in the period of their first possible day."
        )
    ranged = 0
    unknown = 0
    for prefix in ("us_killed", "us_injured", "other_killed", "other_injured"):
        lo, hi = selected[f"{prefix}_min"], selected[f"{prefix}_max"]
        ranged += int(((lo != hi) | hi.isna() & lo.notna()).fillna(False).sum())
        unknown += int((lo.isna() & hi.isna()).sum())
    caveats.append(
        f"Casualty figures are ranges (lowest to highest figure any source supports; ≥ means no upper bound was stated): {ranged} figure(s) in this selection are ranges or open-ended."
    )
    caveats.append(
        f"{unknown} casualty figure(s) are unknown (no source gives them); they are shown as 'unknown' and never counted as 0."
    )
    caveats.append(
        "The table holds only incidents coded from the bundled sources; compare with the totals the sources report before reading a count as complete."
    )
    return caveats


def show_report_header(title: str, filters_text: str, selected: pd.DataFrame, total: int) -> None:
    """Display the report title, the filters in force and the caveats."""
    items = "".join(f"<li>{html.escape(c)}</li>" for c in build_caveats(selected)) if len(selected) else ""
    body = (
        f"<h1>{html.escape(title)}</h1>"
        f"<p>{html.escape(filters_text)} {len(selected)} of the table's {total} incidents match.</p>"
        + (f'<div class="report-note"><strong>Caveats</strong><ul>{items}</ul></div>' if items else "")
    )
    display(
        {"text/html": body, "text/plain": f"{title}\n{filters_text} {len(selected)} of {total} incidents match."},
        raw=True,
    )


def show_no_incidents(filters_text: str) -> None:
    """Display the message an empty selection gets instead of charts."""
    text = (
        f"No incidents match these filters. {filters_text} Widen the period, countries or categories and render again."
    )
    display({"text/html": f'<div class="report-empty">{html.escape(text)}</div>', "text/plain": text}, raw=True)


def build_incident_list(selected: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Incidents newest first, ready to show: ranges as "3–5", unknowns as "unknown".

    Columns: date, location, country, category, weapon, outcome, US killed,
    US injured, others killed, others injured, claimed by, incident.
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
            "category": ordered["category"].astype("string").to_numpy(),
            "weapon": ordered["weapon"].astype("string").to_numpy(),
            "outcome": ordered["outcome"].astype("string").to_numpy(),
            "US killed": pair("us_killed"),
            "US injured": pair("us_injured"),
            "others killed": pair("other_killed"),
            "others injured": pair("other_injured"),
            "claimed by": ordered["claimed_by"].fillna("unclaimed").to_numpy(),
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
    from analysis.reporting.formatting import format_share

    return pd.DataFrame(
        {
            dimension: counts[dimension].astype("string").to_numpy(),
            "incidents": counts["incidents"].to_numpy(),
            "share": [format_share(s) for s in counts["share"]],
        }
    )


def build_coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """Reported totals against the table's count, for display.

    Columns: reported figure, scope, period, countries, reported, in this table, share held.
    """

    def day(value) -> str:
        return "not stated" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")

    return pd.DataFrame(
        {
            "reported figure": coverage["total_id"].to_numpy(),
            "scope": coverage["scope"].to_numpy(),
            "period": [f"{day(a)} – {day(b)}" for a, b in zip(coverage["period_start"], coverage["as_of"])],
            "countries": coverage["countries"].fillna("not stated").to_numpy(),
            "reported": coverage["reported"].to_numpy(),
            "in this table": coverage["incidents_in_table"].to_numpy(),
            "share held": coverage["share_held"].to_numpy(),
        }
    )


def build_period_table(per_period: pd.DataFrame) -> pd.DataFrame:
    """Periods with their count, cumulative count and rolling mean, for display.

    Columns: period, incidents, cumulative, rolling mean.
    """
    return pd.DataFrame(
        {
            "period": pd.to_datetime(per_period["period"]).dt.strftime("%Y-%m-%d").to_numpy(),
            "incidents": per_period["incidents"].to_numpy(),
            "cumulative": per_period["cumulative"].to_numpy(),
            "rolling mean": per_period["rolling_mean"].round(2).to_numpy(),
        }
    )


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


def build_figures_markdown(dataset) -> str:
    """The README's table of the bundled data's headline figures (markdown).

    Regenerated by ``incidents codebook``; a test fails when it drifts from the data.
    """
    from analysis.metrics.casualties import tally_casualties
    from analysis.metrics.counts import count_by
    from analysis.reporting.formatting import format_tally_cell

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
        ("attacks on US forces", str(by_category.get("attack_on_us", 0))),
        ("US strikes", str(by_category.get("us_strike", 0))),
        ("other violent events of the escalation", str(by_category.get("regional", 0))),
    ]
    for measure, label in (
        ("us_killed", "US personnel killed"),
        ("us_injured", "US personnel injured"),
        ("other_killed", "others killed"),
        ("other_injured", "others injured"),
    ):
        row = tally.loc[measure]
        rows.append(
            (label, format_tally_cell(row["low"], row["high"], bool(row["high_open"]), int(row["incidents_unknown"])))
        )
    rows += [
        ("sources", f"{bundled} bundled articles, {len(dataset.sources) - bundled} external references"),
        ("evidence quotes", f"{len(dataset.evidence)}, each found verbatim in its article"),
        ("places in the gazetteer", str(len(dataset.places))),
    ]
    lines = ["| bundled data | figure |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)
