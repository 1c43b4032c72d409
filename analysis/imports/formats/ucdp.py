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

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.data import geo
from analysis.imports import mapping as maps
from analysis.imports.cells import date_range_text, decimals, out_of_range, parse_dates, text_column, whole_numbers
from analysis.imports.contract import Imported
from analysis.imports.sources import PLACEHOLDER_DATE, citation_sources, dataset_source
from analysis.imports.toolkit import (
    account_for_rows,
    categories_from_sides,
    coverage_claim,
    dataset_importer,
    fully_matches,
    id_column,
    matches_any,
    read_text_table,
    reject_id_collisions,
    screen_countries,
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
MAPPING_KEYS = {"category": ("us_forces", "events"), "deaths": ("us_personnel_sides",)}
US_PERSONNEL_SIDES = (r"Government of United States of America",)
"""Sides whose deaths are US personnel: the US government alone (the whole side, matched in full). A
coalition (``Government of Australia, Government of United Kingdom, Government of United States of
America``) is not the US alone: its deaths are never counted as US personnel."""


def import_ucdp(
    path: Path,
    mapping_path: Path | None = None,
    skip_other_countries: bool = False,
    skip_invalid: bool = False,
    claim_coverage: bool = True,
) -> Imported:
    """Read a UCDP GED CSV; :class:`~analysis.imports.contract.ImportRejected` for rows it cannot map (with
    ``skip_invalid``, those rows are left out and reported). UCDP's known quirks follow the module's rules."""
    mapping = maps.read_mapping(mapping_path)
    maps.check_known_keys(mapping, MAPPING_KEYS)
    raw, rejected = read_text_table(path, REQUIRED, "UCDP GED")
    ident = text_column(raw["id"])
    rejected.keys, rejected.key_name = ident, "UCDP event"
    hashtags = ident.fillna("").str.startswith("#").to_numpy() | (
        ident.isna().to_numpy() & raw.apply(lambda c: c.str.startswith("#")).any(axis=1).to_numpy()
    )
    data_row = ~hashtags
    country = text_column(raw["country"])
    keep, not_mapped, other_countries = screen_countries(country, data_row, skip_other_countries, "events", rejected)
    columns = _checked_columns(raw, keep, rejected)
    columns["incident_id"] = id_column("UCDP", ident)
    reject_id_collisions(columns["incident_id"], ident, keep, rejected, "id")
    keep = rejected.settle(keep, skip_invalid)

    mapped = [f"UCDP GED: {int(data_row.sum())} events" + (" (HXL hashtag row skipped)" if hashtags.any() else "")]
    incidents, sources, lines = _incidents(path, raw, columns, ident, country, keep, mapping)
    mapped += lines
    used = set(REQUIRED) | {"source_office", "conflict_name", "source_original"}
    not_mapped.append(f"columns not used: {', '.join(c for c in raw.columns if c not in used)}")
    not_mapped.append("weapon and outcome: 'unknown' for every event (UCDP does not code them)")
    hxl = (hashtags, pd.Series(["HXL hashtag row (column tags, not an event)"] * len(raw)))
    input_lines, keys, skipped = account_for_rows(rejected, ident, keep, [hxl, other_countries])
    incidents = incidents[keep].reset_index(drop=True)
    basis = f"UCDP GED file {path.name}: the countries and first to last event date of the file"
    coverage = coverage_claim(incidents, basis, claim_coverage, skipped_invalid=len(rejected.reasons()))
    return Imported("UCDP GED", path, incidents, sources, mapped, not_mapped, input_lines, keys, skipped, coverage)


def _checked_columns(raw: pd.DataFrame, keep: np.ndarray, rejected) -> dict[str, pd.Series]:
    """The typed columns of the cells UCDP codes; a problem for every cell that breaks no known quirk rule."""

    def reject(mask, column: str, values: pd.Series, expected: str) -> None:
        rejected.add_where(mask, keep, column, values, expected)

    start, _ = parse_dates(raw["date_start"], ["%Y-%m-%d"])
    end, _ = parse_dates(raw["date_end"], ["%Y-%m-%d"])
    reject(start.isna(), "date_start", raw["date_start"], "a real date as YYYY-MM-DD")
    reject(out_of_range(start), "date_start", raw["date_start"], date_range_text())
    reject(end.isna() & text_column(raw["date_end"]).notna(), "date_end", raw["date_end"], "a real date as YYYY-MM-DD")
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
    columns = {"start": start, "end": end, "date_code": date_code, "where": where, "violence": violence}
    columns |= {"latitude": latitude, "longitude": longitude}
    for column in ("deaths_a", "deaths_b", "low", "best", "high"):
        columns[column], bad = whole_numbers(raw[column])
        reject(bad, column, raw[column], "a whole number >= 0")
    return columns


def _incidents(path, raw, columns, ident, country, keep, mapping) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Every event as incidents.csv columns, the sources.csv rows, and the lines saying how each was mapped."""
    side_a, side_b = text_column(raw["side_a"]), text_column(raw["side_b"])
    us_patterns = maps.compile_patterns(mapping, "us_forces", "category", maps.US_FORCES)
    category, category_lines = categories_from_sides(side_a, side_b, us_patterns, "side_a", "side_b", keep)
    maps.override_categories(mapping, ident, category, category_lines)
    personnel = maps.compile_patterns(mapping, "us_personnel_sides", "deaths", US_PERSONNEL_SIDES)
    deaths, death_notes, death_lines = attribute_deaths(side_a, side_b, columns, personnel, us_patterns, keep)
    place, place_notes, place_lines = _place(columns, country, text_column(raw["where_coordinates"]), keep)
    dataset = dataset_source("UCDP", path.name, "https://ucdp.uu.se/downloads/", "UCDP Georeferenced Event Dataset")
    source_ids, sources, placeholder = citation_sources(
        raw["source_article"], _optional(raw, "source_office"), dataset["source_id"]
    )
    violence = columns["violence"]
    incidents = pd.DataFrame(
        {
            "incident_id": columns["incident_id"],
            "event_date": columns["start"],
            "date_precision": columns["date_code"].map(DATE_PRECISIONS).astype("string"),
            "country": country,
            "admin1": text_column(raw["adm_1"]),
            **place,
            "category": pd.Series(category, dtype="string"),
            "event_type": violence.map(lambda v: EVENT_TYPES.get(v, ("", ""))[0]).astype("string"),
            "sub_event_type": violence.map(lambda v: EVENT_TYPES.get(v, ("", ""))[1]).astype("string"),
            "perpetrator": side_a.fillna("unknown"),
            "target": side_b.fillna("unknown"),
            "weapon": "unknown",
            "outcome": "unknown",
            **deaths,
            "source_ids": source_ids,
            "notes": _notes(path.name, raw, columns, ident, [death_notes, place_notes]),
        }
    )
    lines = [
        "id -> incident_id (UCDP-<id>)",
        "date_start, date_prec -> event_date, date_precision (1 day, 2-3 week, 4 month, 5 year); date_end in notes",
        "country, adm_1, where_coordinates, latitude, longitude -> country, admin1, location, latitude, longitude",
        *place_lines,
        "type_of_violence -> event_type, sub_event_type (1-2 Battles/Armed clash, 3 Violence against civilians/Attack)",
        "side_a -> perpetrator, side_b -> target",
        *category_lines,
        *death_lines,
        f"source_article / source_office -> {len(sources)} sources.csv rows, plus the file itself"
        + (
            f"; {placeholder} cited with UCDP's placeholder date {PLACEHOLDER_DATE}: published unknown"
            if placeholder
            else ""
        ),
    ]
    return incidents, pd.concat([pd.DataFrame([dataset]), sources], ignore_index=True), lines


def attribute_deaths(side_a, side_b, columns, personnel, us_patterns, keep) -> tuple[dict, pd.Series, list[str]]:
    """The casualty columns of every event, a note per event, and the summary lines.

    - ``low``/``best``/``high`` are kept: ``best`` is ``fatalities``; where UCDP's bounds contradict its
      best (``low`` above it, ``high`` below it), the contradicting bound is dropped and noted;
    - deaths of a side that is the US alone (``[deaths] us_personnel_sides``, in full) are US personnel
      killed; the rest of ``best`` are others killed;
    - a side with US forces among others (a coalition): nobody is counted as US personnel, and the split
      of the deaths between the coalition and others is unknown (others killed left empty, noted);
    - no US forces on either side: others killed = low/best/high.
    """
    low, best, high = columns["low"], columns["best"], columns["high"]
    low_bad = (low > best).fillna(False).to_numpy()
    high_bad = (high < best).fillna(False).to_numpy()
    low, high = low.mask(low_bad), high.mask(high_bad)
    alone_a, alone_b = fully_matches(side_a, personnel), fully_matches(side_b, personnel)
    alone_b &= ~alone_a
    any_us = matches_any(side_a, us_patterns) | matches_any(side_b, us_patterns)
    coalition = any_us & ~alone_a & ~alone_b
    us_deaths = columns["deaths_a"].where(alone_a, columns["deaths_b"].where(alone_b))
    alone = alone_a | alone_b
    others_best = (best - us_deaths.fillna(0)).where(alone, best).mask(coalition)
    deaths = {
        "us_killed_best": us_deaths,
        "other_killed_min": low.where(~any_us),
        "other_killed_best": others_best,
        "other_killed_max": high.where(~any_us),
        "fatalities": best,
    }
    notes = pd.Series("", index=range(len(best)), dtype=object)
    notes[low_bad] += "UCDP's low is above its best: low dropped (UCDP's own inconsistency). "
    notes[high_bad] += "UCDP's high is below its best: high dropped (UCDP's own inconsistency). "
    notes[coalition] += (
        "A side is a coalition with US forces among others: its deaths are not counted as US personnel, "
        "and how the deaths split between the coalition and others is unknown. "
    )
    lines = [
        "low/best/high -> other_killed_min/best/max, best -> fatalities; "
        f"{int((alone & keep).sum())} events with the US alone as a side: its deaths -> us_killed_best, "
        "the rest of best -> other_killed_best",
        f"{int((coalition & keep).sum())} events with a coalition side including US forces: no deaths counted as US "
        "personnel, others killed left empty (split unknown); best -> fatalities",
        f"UCDP bounds that contradict best, dropped and noted: {int((low_bad & keep).sum())} low above best, "
        f"{int((high_bad & keep).sum())} high below best",
    ]
    return deaths, notes, lines


def _place(columns, country, location, keep) -> tuple[dict, pd.Series, list[str]]:
    """Location, coordinates and geo_precision, with UCDP's quirks: precision 6-7 (country centroid, waters)
    is an unknown place; a point outside its country's outline keeps the country, with a note, and its
    coordinates when within the schema's tolerance (``geo.DEFAULT_TOLERANCE_KM``), else they are left out."""
    where, lat, lon = columns["where"], columns["latitude"], columns["longitude"]
    unknown = where.isin(UNKNOWN_PLACE).to_numpy()
    has_point = lat.notna().to_numpy() & lon.notna().to_numpy() & ~unknown
    inside = np.zeros(len(lat), dtype=bool)
    near = np.zeros(len(lat), dtype=bool)
    if has_point.any():
        args = (lat[has_point].to_numpy(), lon[has_point].to_numpy(), country[has_point].fillna("").to_numpy())
        inside[has_point] = geo.points_in_country(*args, tolerance_km=0)
        near[has_point] = geo.points_in_country(*args)
    far = has_point & ~near
    near &= ~inside & has_point
    drop = unknown | far
    notes = pd.Series("", index=range(len(lat)), dtype=object)
    km = geo.DEFAULT_TOLERANCE_KM
    notes[near] = (
        "UCDP's point lies just outside "
        + country[near].fillna("").astype(str)
        + f"'s outline (within {km:g} km): kept, with its country. "
    )
    notes[far] = (
        "UCDP's point ("
        + lat[far].astype(str)
        + ", "
        + lon[far].astype(str)
        + f") lies more than {km:g} km outside "
        + country[far].fillna("").astype(str)
        + "'s outline: coordinates left out, country kept as UCDP codes it. "
    )
    place = {
        "location": location.mask(unknown),
        "latitude": lat.mask(drop),
        "longitude": lon.mask(drop),
        "geo_precision": where.map(GEO_PRECISIONS).astype("Int64").mask(drop),
    }
    lines = [
        f"where_prec -> geo_precision (1, 2, 3-5 as 3); {int((unknown & keep).sum())} events at precision 6-7 "
        "(country or waters only): place unknown, not drawn on the map",
        f"points outside their country's outline, country kept and noted: {int((near & keep).sum())} within "
        f"{km:g} km (coordinates kept), {int((far & keep).sum())} farther (coordinates left out)",
    ]
    return place, notes, lines


def _notes(file_name: str, raw: pd.DataFrame, columns, ident: pd.Series, extra: list[pd.Series]) -> pd.Series:
    """``UCDP GED event <id> (<file>); dates ..., low/best/high ...``, then the quirk notes of the event."""
    date_text = pd.Series(columns["end"].dt.strftime("%Y-%m-%d"), dtype="string")
    bounds = (
        columns["low"].astype("string").fillna("?")
        + "/"
        + columns["best"].astype("string").fillna("?")
        + "/"
        + columns["high"].astype("string").fillna("?")
    )
    notes = (
        "UCDP GED event "
        + ident.fillna("")
        + f" ({file_name}); dates "
        + raw["date_start"]
        + " to "
        + date_text.fillna("?")
        + " (date_prec "
        + columns["date_code"].fillna("")
        + "), where_prec "
        + columns["where"].fillna("")
        + "; UCDP low/best/high deaths "
        + bounds
        + (", conflict " + _optional(raw, "conflict_name")).fillna("")
        + ("; original source: " + _optional(raw, "source_original")).fillna("")
        + "."
    )
    quirks = pd.Series("", index=range(len(notes)), dtype=object)
    for part in extra:
        quirks += part
    quirks = pd.Series(quirks, dtype="string").str.strip()
    return (notes + (" " + quirks).where(quirks != "", "")).astype("string")


def _optional(raw: pd.DataFrame, column: str) -> pd.Series:
    """A column the file may lack, as text (all empty when absent)."""
    if column in raw:
        return text_column(raw[column])
    return pd.Series([pd.NA] * len(raw), dtype="string")


IMPORTER = dataset_importer(
    "ucdp",
    "import a UCDP GED CSV",
    "Import a UCDP GED CSV (the native download or HDX's copy with its HXL row).",
    import_ucdp,
)
