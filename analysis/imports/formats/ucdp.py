"""``incidents import ucdp``: a UCDP GED CSV (the native download or HDX's copy with its HXL row).

- ``id`` → ``incident_id`` ``UCDP-<id>``; ``date_start`` → ``event_date`` (the first day of UCDP's
  span) and ``date_prec`` 1 → day, 2-3 → week, 4 → month, 5 → year (``date_end`` in ``notes``);
- ``country``, ``adm_1`` → ``admin1``, ``where_coordinates`` → ``location``, ``latitude``,
  ``longitude``; ``where_prec`` 1 → 1, 2 → 2, 3-5 → 3 (district, province or estimated area);
  6-7 (country centroid, waters or airspace) → place unknown: location, coordinates and
  ``geo_precision`` empty, country kept;
- ``type_of_violence`` 1-2 (state-based, non-state) → Battles / Armed clash, 3 (one-sided) →
  Violence against civilians / Attack;
- ``side_a`` → ``perpetrator``, ``side_b`` → ``target``; ``category``: US forces as side A →
  ``us_strike``, as side B → ``attack_on_us``, else ``regional`` (UCDP sides do not say who struck
  first: check these rows, or set them in a mapping file);
- deaths: ``low``/``best``/``high`` → ``other_killed_min/best/max`` when neither side is US forces;
  when one is, its ``deaths_a``/``deaths_b`` → ``us_killed_best`` and the rest of ``best`` →
  ``other_killed_best`` (UCDP gives low and high only for the total); ``best`` → ``fatalities``;
- ``source_article`` citations (``"Outlet,YYYY-MM-DD,Headline"``) → one sources.csv row each, with
  its date; otherwise ``source_office`` → outlets known by name only; plus the file itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.imports import mapping as maps
from analysis.imports.contract import Imported, Importer
from analysis.imports.sources import dataset_source
from analysis.imports.toolkit import (
    SKIP_OTHER_COUNTRIES,
    categories_from_sides,
    decimals,
    id_column,
    matches_any,
    parse_dates,
    read_text_table,
    screen_countries,
    stable_id,
    text_column,
    whole_numbers,
)

REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_article",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "low",
    "best",
    "high",
)
DATE_PRECISIONS = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
GEO_PRECISIONS = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3}
UNKNOWN_PLACE = ("6", "7")
EVENT_TYPES = {
    "1": ("Battles", "Armed clash"),
    "2": ("Battles", "Armed clash"),
    "3": ("Violence against civilians", "Attack"),
}
_CITATION = re.compile(r'"([^",]+),(\d{4}-\d{2}-\d{2}),([^"]*)"')
MAPPING_KEYS = {"category": ("us_forces", "events")}


def import_ucdp(path: Path, mapping_path: Path | None = None, skip_other_countries: bool = False) -> Imported:
    """Read a UCDP GED CSV; :class:`~analysis.imports.contract.ImportRejected` for rows it cannot map."""
    mapping = maps.read_mapping(mapping_path)
    maps.check_known_keys(mapping, MAPPING_KEYS)
    raw, rejected = read_text_table(path, REQUIRED, "UCDP GED")
    ident = text_column(raw["id"])
    data_row = ident.notna().to_numpy() & ~ident.fillna("").str.startswith("#").to_numpy()
    country = text_column(raw["country"])
    keep, not_mapped = screen_countries(country, data_row, skip_other_countries, "events", rejected)
    mapped = [f"UCDP GED: {int(data_row.sum())} events" + (" (HXL hashtag row skipped)" if not data_row.all() else "")]

    def reject(mask, column: str, values: pd.Series, expected: str) -> None:
        rejected.add_where(mask, keep, column, values, expected)

    reject(ident.duplicated(keep="first"), "id", ident, "each event id once")
    start, _ = parse_dates(raw["date_start"], ["%Y-%m-%d"])
    end, _ = parse_dates(raw["date_end"], ["%Y-%m-%d"])
    reject(start.isna(), "date_start", raw["date_start"], "a date as YYYY-MM-DD")
    date_code = text_column(raw["date_prec"])
    reject(~date_code.isin(list(DATE_PRECISIONS)), "date_prec", date_code, "1 to 5")
    where = text_column(raw["where_prec"])
    reject(~where.isin([*GEO_PRECISIONS, *UNKNOWN_PLACE]), "where_prec", where, "1 to 7")
    violence = text_column(raw["type_of_violence"])
    reject(~violence.isin(list(EVENT_TYPES)), "type_of_violence", violence, "1, 2 or 3")
    latitude, bad_lat = decimals(raw["latitude"], -90, 90)
    longitude, bad_lon = decimals(raw["longitude"], -180, 180)
    reject(bad_lat, "latitude", raw["latitude"], "a number from -90 to 90")
    reject(bad_lon, "longitude", raw["longitude"], "a number from -180 to 180")
    numbers = {}
    for column in ("deaths_a", "deaths_b", "low", "best", "high"):
        numbers[column], bad = whole_numbers(raw[column])
        reject(bad, column, raw[column], "a whole number >= 0")
    rejected.raise_if_any()

    unknown_place = where.isin(UNKNOWN_PLACE).to_numpy()
    side_a, side_b = text_column(raw["side_a"]), text_column(raw["side_b"])
    us_patterns = maps.compile_patterns(mapping, "us_forces", "category", maps.US_FORCES)
    category, category_lines = categories_from_sides(side_a, side_b, us_patterns, "side_a", "side_b", keep)
    maps.override_categories(mapping, ident, category, category_lines)
    us_a = matches_any(side_a, us_patterns)
    us_b = matches_any(side_b, us_patterns) & ~us_a
    us_sides = us_a | us_b
    us_deaths = numbers["deaths_a"].where(us_a, numbers["deaths_b"].where(us_b))
    best = numbers["best"]
    other_best = (best - us_deaths.fillna(0)).where(us_sides, best)

    dataset = dataset_source("UCDP", path.name, "https://ucdp.uu.se/downloads/", "UCDP Georeferenced Event Dataset")
    source_ids, sources = _article_sources(raw["source_article"], _optional(raw, "source_office"), dataset["source_id"])
    event_types = violence.map(lambda v: EVENT_TYPES.get(v, ("", ""))[0])
    sub_types = violence.map(lambda v: EVENT_TYPES.get(v, ("", ""))[1])
    date_text = pd.Series(end.dt.strftime("%Y-%m-%d"), dtype="string")
    notes = (
        "UCDP GED event "
        + ident.fillna("")
        + " ("
        + path.name
        + "); dates "
        + raw["date_start"]
        + " to "
        + date_text
        + " (date_prec "
        + date_code.fillna("")
        + "), where_prec "
        + where.fillna("")
        + (", conflict " + _optional(raw, "conflict_name")).fillna("")
        + ("; original source: " + _optional(raw, "source_original")).fillna("")
        + "."
    )
    incidents = pd.DataFrame(
        {
            "incident_id": id_column("UCDP", ident),
            "event_date": start,
            "date_precision": date_code.map(DATE_PRECISIONS).astype("string"),
            "country": country,
            "admin1": text_column(raw["adm_1"]),
            "location": text_column(raw["where_coordinates"]).mask(unknown_place),
            "latitude": latitude.mask(unknown_place),
            "longitude": longitude.mask(unknown_place),
            "geo_precision": where.map(GEO_PRECISIONS).astype("Int64").mask(unknown_place),
            "category": pd.Series(category, dtype="string"),
            "event_type": event_types.astype("string"),
            "sub_event_type": sub_types.astype("string"),
            "perpetrator": side_a.fillna("unknown"),
            "target": side_b.fillna("unknown"),
            "weapon": "unknown",
            "outcome": "unknown",
            "us_killed_best": us_deaths,
            "other_killed_min": numbers["low"].where(~us_sides),
            "other_killed_best": other_best,
            "other_killed_max": numbers["high"].where(~us_sides),
            "fatalities": best,
            "source_ids": source_ids,
            "notes": notes.astype("string"),
        }
    )
    mapped += [
        "id -> incident_id (UCDP-<id>)",
        "date_start, date_prec -> event_date, date_precision (1 day, 2-3 week, 4 month, 5 year); date_end in notes",
        "country, adm_1, where_coordinates, latitude, longitude -> country, admin1, location, latitude, longitude",
        f"where_prec -> geo_precision (1, 2, 3-5 as 3); {int((unknown_place & keep).sum())} events at precision 6-7 "
        "(country or waters only): place unknown, not drawn on the map",
        "type_of_violence -> event_type, sub_event_type (1-2 Battles/Armed clash, 3 Violence against civilians/Attack)",
        "side_a -> perpetrator, side_b -> target",
        *category_lines,
        f"low/best/high -> other_killed_min/best/max; {int((us_sides & keep).sum())} events with US forces as a side: "
        "their side's deaths -> us_killed_best, the rest of best -> other_killed_best",
        "best -> fatalities",
        f"source_article / source_office -> {len(sources)} sources.csv rows, plus the file itself",
    ]
    used = set(REQUIRED) | {"source_office", "conflict_name", "source_original"}
    not_mapped.append(f"columns not used: {', '.join(c for c in raw.columns if c not in used)}")
    not_mapped.append("weapon and outcome: 'unknown' for every event (UCDP does not code them)")
    all_sources = pd.concat([pd.DataFrame([dataset]), sources], ignore_index=True)
    return Imported("UCDP GED", path, incidents[keep].reset_index(drop=True), all_sources, mapped, not_mapped)


def _optional(raw: pd.DataFrame, column: str) -> pd.Series:
    """A column the file may lack, as text (all empty when absent)."""
    if column in raw:
        return text_column(raw[column])
    return pd.Series([pd.NA] * len(raw), dtype="string")


def _article_sources(articles: pd.Series, offices: pd.Series, dataset_id: str) -> tuple[pd.Series, pd.DataFrame]:
    """``source_ids`` per event and the sources.csv rows of the citations (dated) or outlets (named only)."""
    rows: dict[str, dict] = {}
    ids = []
    for article, office in zip(articles.fillna("").tolist(), offices.fillna("").tolist(), strict=False):
        cited = [dataset_id]
        citations = _CITATION.findall(article)
        for outlet, date, headline in citations:
            sid = stable_id("SRC", f"{outlet}|{date}|{headline}")
            rows.setdefault(sid, _source_row(sid, outlet.strip(), headline.strip() or "no headline given", date))
            cited.append(sid)
        if not citations:
            for outlet in schema.split_values(office):
                sid = stable_id("SRC", outlet)
                rows.setdefault(sid, _source_row(sid, outlet, "an article cited by UCDP (not named in the data)", None))
                cited.append(sid)
        ids.append(";".join(dict.fromkeys(cited)))
    return pd.Series(ids, dtype="string"), pd.DataFrame(list(rows.values()), columns=schema.SOURCES.column_names)


def _source_row(sid: str, outlet: str, headline: str, published: str | None) -> dict:
    basis = "the date UCDP's source_article gives" if published else "not stated: UCDP names the outlet only"
    return {
        "source_id": sid,
        "file": None,
        "url": None,
        "outlet": outlet,
        "headline": headline,
        "published": published,
        "published_basis": basis,
        "sha256": None,
    }


def _run(path: Path, options) -> Imported:
    return import_ucdp(path, options.get("mapping"), bool(options.get("skip_other_countries")))


IMPORTER = Importer(
    name="ucdp",
    help="import a UCDP GED CSV",
    description="Import a UCDP GED CSV (the native download or HDX's copy with its HXL row).",
    run=_run,
    options=(maps.OVERRIDES_OPTION, SKIP_OTHER_COUNTRIES),
)
