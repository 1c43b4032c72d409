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
from analysis.imports.cells import (
    DATE_FORMATS,
    arrow_text,
    choose_text,
    constant_text,
    date_range_text,
    decimals,
    iso_days,
    out_of_range,
    parse_dates,
    text_column,
    whole_numbers,
)
from analysis.imports.contract import Imported
from analysis.imports.sources import dataset_source, outlet_sources
from analysis.imports.toolkit import (
    account_for_rows,
    categories_from_sides,
    coverage_claim,
    dataset_importer,
    id_column,
    read_text_table,
    reject_id_collisions,
    screen_countries,
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


def import_acled(
    path: Path,
    mapping_path: Path | None = None,
    skip_other_countries: bool = False,
    skip_invalid: bool = False,
    claim_coverage: bool = True,
) -> Imported:
    """Read an ACLED export; :class:`~analysis.imports.contract.ImportRejected` for any row it cannot map
    (with ``skip_invalid``, those rows are left out and reported instead)."""
    mapping = maps.read_mapping(mapping_path)
    maps.check_known_keys(mapping, MAPPING_KEYS)
    raw, rejected = read_text_table(path, REQUIRED, "ACLED export", columns=USED)
    event_id = text_column(raw["event_id_cnty"])
    rejected.keys, rejected.key_name = event_id, "ACLED event"
    country = text_column(raw["country"])
    keep, not_mapped, other_countries = screen_countries(
        country, np.ones(len(raw), dtype=bool), skip_other_countries, "rows", rejected
    )
    columns, met = _checked_columns(raw, keep, rejected)
    columns["incident_id"] = id_column("ACLED", event_id)
    reject_id_collisions(columns["incident_id"], event_id, keep, rejected, "event_id_cnty")
    keep = rejected.settle(keep, skip_invalid)

    header = read_header(path)
    layout = (
        "older layout (data_id / event_id_no_cnty)"
        if {"data_id", "event_id_no_cnty"} & set(header)
        else "current layout"
    )
    mapped = [f"ACLED export, {layout}: {len(raw)} rows"]
    incidents, sources, lines = _incidents(path, raw, columns, event_id, country, keep, mapping)
    dates_line = f"event_date, time_precision -> event_date, date_precision (dates met: {met or 'none'}; "
    mapped += [dates_line + "1 day, 2 week, 3 month)", *lines]
    not_mapped.append(f"columns not used: {', '.join(c for c in header if c not in USED) or 'none'}")
    not_mapped.append("outcome: 'unknown' for every row (ACLED does not code it); munitions and casualty splits: empty")
    input_lines, keys, skipped = account_for_rows(rejected, event_id, keep, [other_countries])
    incidents = incidents[keep].reset_index(drop=True) if not keep.all() else incidents
    basis = f"ACLED export {path.name}: the countries and first to last event date of the export"
    coverage = coverage_claim(incidents, basis, claim_coverage, skipped_invalid=len(rejected.reasons()))
    return Imported("ACLED", path, incidents, sources, mapped, not_mapped, input_lines, keys, skipped, coverage)


def _checked_columns(raw: pd.DataFrame, keep: np.ndarray, rejected) -> tuple[dict[str, pd.Series], str]:
    """The typed columns of the cells ACLED codes, and the date formats met; a problem for every bad cell."""

    def reject(mask, column: str, values: pd.Series, expected: str) -> None:
        rejected.add_where(mask, keep, column, values, expected)

    dates, met = parse_dates(raw["event_date"], list(DATE_FORMATS))
    reject(dates.isna(), "event_date", raw["event_date"], "a real date as 2024-01-28, 28 January 2024 or 28-Jan-24")
    reject(out_of_range(dates), "event_date", raw["event_date"], date_range_text())
    precision_code = text_column(raw["time_precision"])
    date_precision = precision_code.map(TIME_PRECISIONS)
    reject(date_precision.isna(), "time_precision", precision_code, "1, 2 or 3")
    event_type = text_column(raw["event_type"])
    sub_event = text_column(raw["sub_event_type"]).replace(SPELLINGS)
    expected_types = f"one of {', '.join(schema.EVENT_TYPES)}"
    reject(~event_type.isin(list(schema.EVENT_TYPES)), "event_type", event_type, expected_types)
    sub_expected = "an ACLED sub-event type (CODEBOOK.md)"
    reject(~sub_event.isin(list(schema.SUB_EVENT_TYPES)), "sub_event_type", sub_event, sub_expected)
    latitude, bad_lat = decimals(raw["latitude"], -90, 90)
    longitude, bad_lon = decimals(raw["longitude"], -180, 180)
    reject(bad_lat, "latitude", raw["latitude"], "a number from -90 to 90")
    reject(bad_lon, "longitude", raw["longitude"], "a number from -180 to 180")
    geo_code = text_column(raw["geo_precision"])
    geo_precision = pd.to_numeric(geo_code.where(geo_code.isin(["1", "2", "3"])), errors="coerce").astype("Int64")
    reject(geo_code.notna() & geo_precision.isna(), "geo_precision", geo_code, "1, 2 or 3")
    fatalities, bad_fatalities = whole_numbers(raw["fatalities"])
    reject(bad_fatalities, "fatalities", raw["fatalities"], "a whole number >= 0")
    columns = {
        "dates": dates,
        "precision_code": precision_code,
        "date_precision": date_precision.astype("string"),
        "event_type": event_type,
        "sub_event_type": sub_event,
        "latitude": latitude,
        "longitude": longitude,
        "geo_precision": geo_precision,
        "fatalities": fatalities,
    }
    return columns, met


def _incidents(path, raw, columns, event_id, country, keep, mapping) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """Every row as incidents.csv columns, the sources.csv rows, and the lines saying how each was mapped."""
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
    weapon = columns["sub_event_type"].map(weapon_map).fillna("unknown").astype("string")
    dataset = dataset_source(
        "ACLED", path.name, "https://acleddata.com/", "ACLED (Armed Conflict Location & Event Data)"
    )
    source_ids, outlets = outlet_sources("ACLED", text_column(raw["source"]), dataset["source_id"])
    dates, code = columns["dates"], columns["precision_code"]
    week, month = (code == "2").fillna(False).to_numpy(), (code == "3").fillna(False).to_numpy()
    event_date = dates.copy()  # month precision: the first of ACLED's month (a real date, never rolled over)
    event_date[month] = dates[month].dt.to_period("M").dt.start_time.astype("datetime64[s]")
    notes = _notes(event_id, path.name, week, month, dates, text_column(raw.pop("notes")))  # frees ACLED's text
    incidents = pd.DataFrame(
        {
            "incident_id": columns["incident_id"],
            "event_date": event_date,
            "date_precision": columns["date_precision"],
            "country": country.astype("string"),
            "admin1": text_column(raw["admin1"]),
            "location": text_column(raw["location"]),
            "latitude": columns["latitude"],
            "longitude": columns["longitude"],
            "geo_precision": columns["geo_precision"],
            "category": choose_text(*_codes_and_labels(category)),
            "event_type": columns["event_type"],
            "sub_event_type": columns["sub_event_type"],
            "perpetrator": actor1.fillna("unknown"),
            "target": actor2.fillna("unknown"),
            "weapon": weapon,
            "outcome": constant_text("unknown", len(raw)),
            "fatalities": columns["fatalities"],
            "source_ids": source_ids,
            "notes": notes,
        }
    )
    lines = [
        "event_id_cnty -> incident_id (ACLED-<event_id_cnty>, symbols other than _ . : - spelt out as _<hex>_)",
        "country, admin1, location, latitude, longitude, geo_precision -> the same columns",
        "event_type, sub_event_type -> the same columns",
        "actor1 -> perpetrator, actor2 -> target ('unknown' when empty)",
        *category_lines,
        "fatalities -> fatalities (ACLED's figure; no split into US and other deaths, those columns stay empty)",
        f"weapon: {_count_text(weapon[keep])} (ACLED has no weapon column; from sub_event_type where it names one)",
        f"source -> {len(outlets)} sources.csv rows known by name only, plus the export ({dataset['source_id']})",
        "notes -> notes, after the ACLED id and file",
    ]
    return incidents, pd.concat([pd.DataFrame([dataset]), outlets], ignore_index=True), lines


def _codes_and_labels(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Each value's code and the distinct values (a hash, not a sort of a million strings).

    >>> _codes_and_labels(np.array(["b", "a", "b"], dtype=object))
    (array([0, 1, 0]), ['b', 'a'])
    """
    codes, labels = pd.factorize(values)
    return codes, [str(v) for v in labels]


def _joined(first: pd.Series, second: pd.Series) -> pd.Series:
    """``first; second`` per row, either alone when the other is empty, ``;`` and spaces trimmed at either end
    (a categorical: each distinct pair of cells is joined once, not each of a million rows).

    >>> first = pd.Series(["US forces", None, "IS;", None, "US forces"], dtype="string")
    >>> second = pd.Series(["UK forces", "Civilians", None, None, "UK forces"], dtype="string")
    >>> _joined(first, second).tolist()
    ['US forces; UK forces', 'Civilians', 'IS', nan, 'US forces; UK forces']
    """
    codes1, names1 = pd.factorize(first)
    codes2, names2 = pd.factorize(second)
    pairs, pair_codes = pd.factorize(codes1.astype(np.int64) * (len(names2) + 1) + codes2 + 1)
    labels: dict[str, int] = {}
    label_of_pair = np.full(len(pair_codes) + 1, -1, dtype=np.int64)  # the last: no pair (no rows)
    for i, pair in enumerate(pair_codes.tolist()):
        code1, code2 = divmod(pair, len(names2) + 1)
        text = f"{names1[code1] if code1 >= 0 else ''}; {names2[code2 - 1] if code2 else ''}".strip("; ")
        if text:
            label_of_pair[i] = labels.setdefault(text, len(labels))
    return pd.Series(pd.Categorical.from_codes(label_of_pair[pairs], categories=list(labels)))


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
    no_text = pa.scalar(None, text)
    week_words = " ACLED time_precision 2: the week is known; event_date is ACLED's date "
    # null where it does not apply: a null takes no room and the join below skips it
    week_text = join(words(week_words), pc.if_else(pa.array(week), date_text, no_text), words("."))
    month_date = pc.if_else(pa.array(month), date_text, no_text)
    month_text = join(words(" ACLED time_precision 3: the month is known (ACLED's date "), month_date, words(")."))
    own_notes = arrow_text(acled_notes)
    lead = pc.if_else(pc.is_null(own_notes), no_text, words(" ACLED notes: "))
    parts = (words("ACLED "), arrow_text(event_id), words(f" ({file_name})."), week_text, month_text, lead, own_notes)
    # one join, empty parts skipped: no intermediate copy of the long notes text
    notes = pc.binary_join_element_wise(*parts, words(""), null_handling="skip")
    chunked = notes if isinstance(notes, pa.ChunkedArray) else pa.chunked_array([notes])
    return pd.Series(pd.arrays.ArrowStringArray(chunked))


def _count_text(values: pd.Series) -> str:
    counts = values.value_counts()
    return ", ".join(f"{n} {v}" for v, n in counts.items())


IMPORTER = dataset_importer(
    "acled",
    "import an ACLED export CSV (current or older layout)",
    "Import an ACLED export CSV (current or older layout).",
    import_acled,
)
