"""``incidents import acled``: an ACLED export CSV, current layout or older (``data_id``, ``event_id_no_cnty``).

Column by column (the printed summary repeats it):

- ``event_id_cnty`` → ``incident_id`` ``ACLED-<event_id_cnty>`` (a re-import updates the same incident);
- ``event_date`` (ISO, ``28 January 2024``, or a spreadsheet's ``28-Jan-24``) and ``time_precision``
  1/2/3 → ``event_date`` and ``date_precision`` day/week/month (month: the first of ACLED's month;
  week: ACLED's own date, the middle of the week it codes, said in ``notes``);
- ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``, ``geo_precision`` 1/2/3 as they are;
- ``event_type``, ``sub_event_type`` as they are (ACLED's vocabulary is the schema's);
- ``actor1`` → ``perpetrator``, ``actor2`` → ``target`` (``unknown`` when empty); ``category`` from the
  actors: US forces in ``actor1``/``assoc_actor_1`` → ``us_strike``, in ``actor2``/``assoc_actor_2`` →
  ``attack_on_us``, else ``regional`` (a mapping file overrides, see :mod:`analysis.imports.mapping`);
- ``fatalities`` → ``fatalities``; no US/other split is made, so every casualty column stays empty;
- ``weapon`` ``unknown`` (ACLED has no weapon column) except ``Remote explosive/landmine/IED`` and
  ``Suicide bomb`` → ``explosive_device``; ``outcome`` ``unknown``;
- ``source`` → one sources.csv row per outlet (known by name only) plus one row for the export itself;
- ``notes`` → ``notes``, after the ACLED id and file name.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.read import read_header
from analysis.imports import mapping as maps
from analysis.imports.contract import Imported, Importer
from analysis.imports.sources import dataset_source, outlet_sources
from analysis.imports.toolkit import (
    DATE_FORMATS,
    SKIP_OTHER_COUNTRIES,
    arrow_text,
    categories_from_sides,
    choose_text,
    constant_text,
    decimals,
    id_column,
    iso_days,
    parse_dates,
    read_text_table,
    screen_countries,
    text_column,
    whole_numbers,
)

REQUIRED = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
)
USED = (*REQUIRED, "year")
TIME_PRECISIONS = {"1": "day", "2": "week", "3": "month"}
WEAPON_BY_SUB_EVENT = {"Remote explosive/landmine/IED": "explosive_device", "Suicide bomb": "explosive_device"}
SPELLINGS = {"Excessive force against protestors": "Excessive force against protesters"}
"""Older spellings of ACLED values and the schema's."""
MAPPING_KEYS = {"category": ("us_forces", "events"), "weapon": ()}


def import_acled(path: Path, mapping_path: Path | None = None, skip_other_countries: bool = False) -> Imported:
    """Read an ACLED export; :class:`~analysis.imports.contract.ImportRejected` for any row it cannot map."""
    mapping = maps.read_mapping(mapping_path)
    maps.check_known_keys(mapping, MAPPING_KEYS)
    raw, rejected = read_text_table(path, REQUIRED, "ACLED export", columns=USED)
    header = read_header(path)
    layout = (
        "older layout (data_id / event_id_no_cnty)"
        if "data_id" in header or "event_id_no_cnty" in header
        else "current layout"
    )
    mapped = [f"ACLED export, {layout}: {len(raw)} rows"]

    country = text_column(raw["country"])
    keep, not_mapped = screen_countries(country, np.ones(len(raw), dtype=bool), skip_other_countries, "rows", rejected)

    def reject(mask, column: str, values: pd.Series, expected: str) -> None:
        rejected.add_where(mask, keep, column, values, expected)

    event_id = text_column(raw["event_id_cnty"])
    reject(event_id.isna(), "event_id_cnty", event_id, "ACLED's event id")
    reject(event_id.duplicated(keep="first") & event_id.notna(), "event_id_cnty", event_id, "each event id once")

    dates, met = parse_dates(raw["event_date"], list(DATE_FORMATS))
    reject(dates.isna(), "event_date", raw["event_date"], "a date as 2024-01-28 or 28 January 2024")
    precision_code = text_column(raw["time_precision"])
    date_precision = precision_code.map(TIME_PRECISIONS)
    reject(date_precision.isna(), "time_precision", precision_code, "1, 2 or 3")
    month = (precision_code == "3").fillna(False).to_numpy()
    event_date = dates.copy()
    event_date[month] = dates[month].dt.to_period("M").dt.start_time.astype("datetime64[s]")

    event_type = text_column(raw["event_type"])
    sub_event = text_column(raw["sub_event_type"]).replace(SPELLINGS)
    reject(
        ~event_type.isin(list(schema.EVENT_TYPES)), "event_type", event_type, f"one of {', '.join(schema.EVENT_TYPES)}"
    )
    reject(
        ~sub_event.isin(list(schema.SUB_EVENT_TYPES)),
        "sub_event_type",
        sub_event,
        "an ACLED sub-event type (CODEBOOK.md)",
    )

    latitude, bad_lat = decimals(raw["latitude"], -90, 90)
    longitude, bad_lon = decimals(raw["longitude"], -180, 180)
    reject(bad_lat, "latitude", raw["latitude"], "a number from -90 to 90")
    reject(bad_lon, "longitude", raw["longitude"], "a number from -180 to 180")
    geo_code = text_column(raw["geo_precision"])
    geo_precision = pd.to_numeric(geo_code.where(geo_code.isin(["1", "2", "3"])), errors="coerce").astype("Int64")
    reject(geo_code.notna() & geo_precision.isna(), "geo_precision", geo_code, "1, 2 or 3")
    fatalities, bad_fatalities = whole_numbers(raw["fatalities"])
    reject(bad_fatalities, "fatalities", raw["fatalities"], "a whole number >= 0")
    rejected.raise_if_any()

    actor1, actor2 = text_column(raw["actor1"]), text_column(raw["actor2"])
    side1 = _joined(actor1, text_column(raw["assoc_actor_1"]))
    side2 = _joined(actor2, text_column(raw["assoc_actor_2"]))
    us_patterns = maps.compile_patterns(mapping, "us_forces", "category", maps.US_FORCES)
    category, category_lines = categories_from_sides(side1, side2, us_patterns, "actor1", "actor2", keep)
    maps.override_categories(mapping, event_id, category, category_lines)
    weapon_map = {
        **WEAPON_BY_SUB_EVENT,
        **maps.vocabulary_table(mapping, "weapon", tuple(schema.WEAPONS), "weapon by sub_event_type"),
    }
    weapon = sub_event.map(weapon_map).fillna("unknown").astype("string")

    file_name = path.name
    dataset = dataset_source(
        "ACLED", file_name, "https://acleddata.com/", "ACLED (Armed Conflict Location & Event Data)"
    )
    source_ids, outlets = outlet_sources("ACLED", text_column(raw["source"]), dataset["source_id"])
    acled_notes = text_column(raw["notes"])
    week = (precision_code == "2").fillna(False).to_numpy()
    notes = _notes(event_id, file_name, week, month, dates, acled_notes)

    incidents = pd.DataFrame(
        {
            "incident_id": id_column("ACLED", event_id),
            "event_date": event_date,
            "date_precision": date_precision.astype("string"),
            "country": country.astype("string"),
            "admin1": text_column(raw["admin1"]),
            "location": text_column(raw["location"]),
            "latitude": latitude,
            "longitude": longitude,
            "geo_precision": geo_precision,
            "category": choose_text(*np.unique(category.astype(str), return_inverse=True)[::-1]),
            "event_type": event_type,
            "sub_event_type": sub_event,
            "perpetrator": actor1.fillna("unknown"),
            "target": actor2.fillna("unknown"),
            "weapon": weapon,
            "outcome": constant_text("unknown", len(raw)),
            "fatalities": fatalities,
            "source_ids": source_ids,
            "notes": notes,
        }
    )
    mapped += [
        "event_id_cnty -> incident_id (ACLED-<event_id_cnty>)",
        f"event_date, time_precision -> event_date, date_precision (dates met: {met or 'none'}; "
        "1 day, 2 week, 3 month)",
        "country, admin1, location, latitude, longitude, geo_precision -> the same columns",
        "event_type, sub_event_type -> the same columns",
        "actor1 -> perpetrator, actor2 -> target ('unknown' when empty)",
        *category_lines,
        "fatalities -> fatalities (ACLED's figure; no split into US and other deaths, those columns stay empty)",
        f"weapon: {_count_text(weapon)} (ACLED has no weapon column; from sub_event_type where it names one)",
        f"source -> {len(outlets)} sources.csv rows known by name only, plus the export ({dataset['source_id']})",
        "notes -> notes, after the ACLED id and file",
    ]
    unused = [c for c in header if c not in USED]
    not_mapped.append(f"columns not used: {', '.join(unused) or 'none'}")
    not_mapped.append("outcome: 'unknown' for every row (ACLED does not code it); munitions and casualty splits: empty")
    sources = pd.concat([pd.DataFrame([dataset]), outlets], ignore_index=True)
    incidents = incidents[keep].reset_index(drop=True) if not keep.all() else incidents
    return Imported("ACLED", path, incidents, sources, mapped, not_mapped)


def _joined(first: pd.Series, second: pd.Series) -> pd.Series:
    """``first; second`` per row, either alone when the other is empty."""
    both = first.fillna("") + "; " + second.fillna("")
    return both.str.strip("; ").replace("", pd.NA)


def _notes(event_id, file_name, week, month, dates, acled_notes) -> pd.Series:
    """``ACLED <id> (<file>).``, what the date precision means, then ACLED's notes (built in pyarrow).

    >>> ids = pd.Series(["IRQ1", "IRQ2"], dtype="string")
    >>> dates = pd.Series(pd.to_datetime(["2024-01-28", "2024-01-03"])).astype("datetime64[s]")
    >>> notes = _notes(ids, "x.csv", np.array([False, True]), np.array([False, False]), dates,
    ...                pd.Series(["Rockets hit.", pd.NA], dtype="string"))
    >>> notes.tolist()[0]
    'ACLED IRQ1 (x.csv). ACLED notes: Rockets hit.'
    >>> notes.tolist()[1]
    "ACLED IRQ2 (x.csv). ACLED time_precision 2: the week is known; event_date is ACLED's date 2024-01-03."
    """
    text = pa.large_string()

    def words(value: str) -> pa.Scalar:
        return pa.scalar(value, text)

    def join(*parts) -> pa.ChunkedArray:
        return pc.binary_join_element_wise(*parts, words(""))

    date_text = iso_days(dates)
    week_words = " ACLED time_precision 2: the week is known; event_date is ACLED's date "
    week_text = join(words(week_words), date_text, words("."))
    month_text = join(words(" ACLED time_precision 3: the month is known (ACLED's date "), date_text, words(")."))
    precision = pc.if_else(pa.array(week), week_text, pc.if_else(pa.array(month), month_text, words("")))
    own_notes = arrow_text(acled_notes)
    lead = pc.if_else(pc.is_null(own_notes), words(""), words(" ACLED notes: "))
    parts = (words("ACLED "), arrow_text(event_id), words(f" ({file_name})."), precision, lead, own_notes)
    # one join, empty parts skipped: no intermediate copy of the long notes text
    notes = pc.binary_join_element_wise(*parts, words(""), null_handling="skip")
    chunked = notes if isinstance(notes, pa.ChunkedArray) else pa.chunked_array([notes])
    return pd.Series(pd.arrays.ArrowStringArray(chunked))


def _count_text(values: pd.Series) -> str:
    counts = values.value_counts()
    return ", ".join(f"{n} {v}" for v, n in counts.items())


def _run(path: Path, options) -> Imported:
    return import_acled(path, options.get("mapping"), bool(options.get("skip_other_countries")))


IMPORTER = Importer(
    name="acled",
    help="import an ACLED export CSV (current or older layout)",
    description="Import an ACLED export CSV (current or older layout).",
    run=_run,
    options=(maps.OVERRIDES_OPTION, SKIP_OTHER_COUNTRIES),
)
