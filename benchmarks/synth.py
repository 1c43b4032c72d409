"""Deterministic synthetic data directories for the benchmarks.

``write_synthetic_dir(n, path)`` writes a data directory that passes the
schema: ``incidents.csv`` with ``n`` rows (columns in :mod:`analysis.schema`
order), ``sources.csv`` (external references: url set, file and sha256
empty), ``places.csv``, and headed but empty ``evidence.csv``,
``context.csv`` and ``reported_totals.csv``.  The same ``n`` and ``seed``
always give the same bytes.

    python benchmarks/synth.py 100000        # -> benchmarks/.cache/synth-100000/
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import schema

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
SEED = 20240128
LAYOUT = 2
"""Bumped when the written files change, so a cached directory of an older layout is written anew."""

# name, kind, country, admin1, latitude, longitude (WGS84, rounded)
PLACES = [
    ("Al-Asad Airbase", "base", "Iraq", "Anbar", 33.7856, 42.4412),
    ("Erbil Air Base", "base", "Iraq", "Erbil", 36.2376, 43.9632),
    ("Harir Air Base", "base", "Iraq", "Erbil", 36.5360, 44.3530),
    ("Baghdad International Airport", "facility", "Iraq", "Baghdad", 33.2625, 44.2346),
    ("US Embassy Baghdad", "facility", "Iraq", "Baghdad", 33.2980, 44.3960),
    ("Baghdad", "city", "Iraq", "Baghdad", 33.3152, 44.3661),
    ("Jurf al-Sakhar", "city", "Iraq", "Babil", 32.8700, 44.1600),
    ("Al-Qaim", "city", "Iraq", "Anbar", 34.3700, 41.0900),
    ("Kirkuk", "city", "Iraq", "Kirkuk", 35.4681, 44.3922),
    ("Al-Tanf Garrison", "base", "Syria", "Homs", 33.4950, 38.6600),
    ("Conoco Gas Field", "facility", "Syria", "Deir ez-Zor", 35.3550, 40.3090),
    ("Green Village", "base", "Syria", "Deir ez-Zor", 34.9900, 40.5700),
    ("Al-Shaddadi", "base", "Syria", "Al-Hasakah", 36.0582, 40.7286),
    ("Rumalan Landing Zone", "base", "Syria", "Al-Hasakah", 37.0139, 41.9103),
    ("Al-Bukamal", "city", "Syria", "Deir ez-Zor", 34.4536, 40.9367),
    ("Al-Mayadin", "city", "Syria", "Deir ez-Zor", 35.0186, 40.4514),
    ("Deir ez-Zor", "city", "Syria", "Deir ez-Zor", 35.3359, 40.1408),
    ("Damascus", "city", "Syria", "Damascus", 33.5138, 36.2765),
    ("Tower 22", "base", "Jordan", "Mafraq", 33.3243, 38.7006),
    ("Muwaffaq Salti Air Base", "base", "Jordan", "Zarqa", 32.3564, 36.7822),
    ("Beirut", "city", "Lebanon", "Beirut", 33.8938, 35.5018),
    ("Nabatieh", "city", "Lebanon", "Nabatieh", 33.3772, 35.4836),
    ("Eilat", "city", "Israel", "Southern District", 29.5577, 34.9519),
    ("Sanaa", "city", "Yemen", "Amanat al-Asimah", 15.3694, 44.1910),
    ("Hodeidah", "city", "Yemen", "Al Hudaydah", 14.7978, 42.9545),
    ("Tehran", "city", "Iran", "Tehran", 35.6892, 51.3890),
]
_ATTACK_PLACES = [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 18]
_STRIKE_PLACES = [5, 6, 7, 8, 14, 15, 16, 23, 24]
_REGIONAL_PLACES = [1, 17, 19, 20, 21, 22, 23, 24, 25]

_CATEGORY = {"attack_on_us": 0.55, "us_strike": 0.20, "regional": 0.25}
_WEAPONS = {
    "attack_on_us": {
        "drone": 0.45,
        "rocket": 0.30,
        "missiles_and_drones": 0.05,
        "ballistic_missile": 0.03,
        "explosive_device": 0.03,
        "small_arms": 0.02,
        "unknown": 0.12,
    },
    "us_strike": {"airstrike": 0.85, "cruise_missile": 0.10, "unknown": 0.05},
    "regional": {
        "airstrike": 0.40,
        "drone": 0.15,
        "rocket": 0.15,
        "ballistic_missile": 0.05,
        "missiles_and_drones": 0.05,
        "explosive_device": 0.08,
        "small_arms": 0.07,
        "unknown": 0.05,
    },
}
_SUB_EVENT = {  # weapon -> (event_type, sub_event_type)
    "rocket": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "drone": ("Explosions/Remote violence", "Air/drone strike"),
    "ballistic_missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "cruise_missile": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "missiles_and_drones": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "explosive_device": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "small_arms": ("Battles", "Armed clash"),
    "unknown": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
}
_PERPETRATORS = {
    "attack_on_us": {
        "Islamic Resistance in Iraq": 0.5,
        "Kata'ib Hezbollah": 0.15,
        "Harakat al-Nujaba": 0.05,
        "unknown": 0.3,
    },
    "us_strike": {"United States": 1.0},
    "regional": {"Israel": 0.4, "Houthis": 0.25, "Hezbollah": 0.2, "Iran": 0.05, "unknown": 0.1},
}
_TARGETS = {"attack_on_us": "US forces", "us_strike": "militia facility", "regional": "military site"}
_OUTCOMES = {"hit": 0.3, "partial": 0.05, "intercepted": 0.15, "missed": 0.1, "unknown": 0.4}
_OUTLETS = ["Reuters", "Associated Press", "Al-Monitor", "Rudaw", "The National", "Stars and Stripes"]


def _choose(rng: np.random.Generator, weights: dict[str, float], size: int) -> np.ndarray:
    keys = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()), dtype="float64")
    return keys[rng.choice(len(keys), size=size, p=p / p.sum())]


def _range(rng, n, p_unknown, p_zero, scale, p_open) -> tuple[pd.array, pd.array]:
    """A (min, max) pair: unknown (both empty), zero, or a range, some open-ended."""
    kind = rng.random(n)
    lo = rng.geometric(1 / scale, n) - 1
    hi = lo + rng.geometric(0.6, n) - 1
    unknown = kind < p_unknown
    zero = (kind >= p_unknown) & (kind < p_unknown + p_zero)
    lo = np.where(zero, 0, lo)
    hi = np.where(zero, 0, hi)
    open_ = ~unknown & ~zero & (rng.random(n) < p_open)
    lo_arr = pd.array(lo, dtype="Int64")
    hi_arr = pd.array(hi, dtype="Int64")
    lo_arr[unknown] = pd.NA
    hi_arr[unknown | open_] = pd.NA
    return lo_arr, hi_arr


def make_incidents(n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` synthetic incidents, columns in schema order, as they would be written to CSV."""
    rng = np.random.default_rng(seed)
    category = _choose(rng, _CATEGORY, n)
    place = np.empty(n, dtype="int64")
    weapon = np.empty(n, dtype=object)
    perpetrator = np.empty(n, dtype=object)
    for cat, pool in (("attack_on_us", _ATTACK_PLACES), ("us_strike", _STRIKE_PLACES), ("regional", _REGIONAL_PLACES)):
        idx = np.flatnonzero(category == cat)
        place[idx] = np.array(pool)[rng.integers(0, len(pool), len(idx))]
        weapon[idx] = _choose(rng, _WEAPONS[cat], len(idx))
        perpetrator[idx] = _choose(rng, _PERPETRATORS[cat], len(idx))
    places = pd.DataFrame(PLACES, columns=["name", "kind", "country", "admin1", "latitude", "longitude"])

    # dates: the dense months of the campaign (2023-10-17 .. 2024-02-04), then a quieter tail to 2024-12-31
    first, peak_end, last = (np.datetime64(d) for d in ("2023-10-17", "2024-02-04", "2024-12-31"))
    early = rng.random(n) < 0.6
    offset = np.where(
        early,
        rng.integers(0, (peak_end - first).astype(int) + 1, n),
        (peak_end - first).astype(int) + 1 + rng.integers(0, (last - peak_end).astype(int), n),
    )
    dates = first + offset.astype("timedelta64[D]")
    precision = _choose(rng, {"day": 0.92, "week": 0.05, "month": 0.03}, n)
    dates = np.where(precision == "month", dates.astype("datetime64[M]").astype("datetime64[D]"), dates)

    sub = np.array([_SUB_EVENT[w] for w in schema.WEAPONS], dtype=object)
    weapon_code = pd.Categorical(weapon, categories=list(schema.WEAPONS)).codes
    claimed = np.where(perpetrator == "unknown", "Islamic Resistance in Iraq", perpetrator).astype(object)
    claimed[category == "us_strike"] = "US Central Command"
    unclaimed = rng.random(n) < np.where(category == "attack_on_us", 0.45, np.where(category == "us_strike", 0.2, 0.7))
    claimed[unclaimed] = None

    munitions_min, munitions_max = _range(rng, n, 0.3, 0.0, 2.0, 0.2)
    munitions_min = munitions_min + 1
    munitions_max = munitions_max + 1
    us_killed = _range(rng, n, 0.25, 0.72, 1.5, 0.1)
    us_injured = _range(rng, n, 0.3, 0.55, 2.5, 0.2)
    other_killed = _range(rng, n, 0.35, 0.35, 4.0, 0.2)
    other_injured = _range(rng, n, 0.5, 0.25, 5.0, 0.2)
    fatalities = us_killed[0] + other_killed[0]

    n_sources = source_count(n)
    src_a = rng.integers(1, n_sources + 1, n)
    src_b = rng.integers(1, n_sources + 1, n)
    two = rng.random(n) < 0.3
    source_ids = pd.Series(src_a).map("SRC-{:06d}".format)
    source_ids = source_ids.where(~two, source_ids + ";" + pd.Series(src_b).map("SRC-{:06d}".format))

    ids = "SYN-" + pd.Series(np.arange(1, n + 1)).astype(str).str.zfill(7)
    geo_precision = np.where(places["kind"].to_numpy()[place] == "city", 2, 1)
    columns = {
        "incident_id": ids,
        "event_date": pd.Series(dates).dt.strftime("%Y-%m-%d"),
        "date_precision": precision,
        "country": places["country"].to_numpy()[place],
        "admin1": places["admin1"].to_numpy()[place],
        "location": places["name"].to_numpy()[place],
        "latitude": places["latitude"].to_numpy()[place],
        "longitude": places["longitude"].to_numpy()[place],
        "geo_precision": geo_precision,
        "category": category,
        "event_type": sub[weapon_code, 0],
        "sub_event_type": sub[weapon_code, 1],
        "operation": np.where((category == "us_strike") & (rng.random(n) < 0.1), "Synthetic Wave", None),
        "perpetrator": perpetrator,
        "claimed_by": claimed,
        "target": pd.Series(category).map(_TARGETS).to_numpy(),
        "weapon": weapon,
        "munitions_min": munitions_min,
        "munitions_max": munitions_max,
        "outcome": _choose(rng, _OUTCOMES, n),
        "us_killed_min": us_killed[0],
        "us_killed_max": us_killed[1],
        "us_injured_min": us_injured[0],
        "us_injured_max": us_injured[1],
        "other_killed_min": other_killed[0],
        "other_killed_max": other_killed[1],
        "other_injured_min": other_injured[0],
        "other_injured_max": other_injured[1],
        "fatalities": fatalities,
        "source_ids": source_ids,
        "notes": np.where(rng.random(n) < 0.05, "synthetic row; figures drawn at random", None),
    }
    out = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v) for k, v in columns.items()})
    return out.reindex(columns=schema.INCIDENTS.column_names)  # best columns stay empty


def source_count(n: int) -> int:
    """How many sources a table of ``n`` incidents cites."""
    return max(20, min(n // 10, 20_000))


def make_sources(n_sources: int) -> pd.DataFrame:
    """External-reference sources SRC-000001.. (url set; file and sha256 empty)."""
    ids = [f"SRC-{i:06d}" for i in range(1, n_sources + 1)]
    published = pd.Timestamp("2023-10-18") + pd.to_timedelta(np.arange(n_sources) % 440, unit="D")
    out = pd.DataFrame(
        {
            "source_id": ids,
            "file": "",
            "url": [f"https://example.org/synthetic/{i}" for i in ids],
            "outlet": [_OUTLETS[i % len(_OUTLETS)] for i in range(n_sources)],
            "headline": [f"Synthetic report {i}" for i in range(1, n_sources + 1)],
            "published": published.strftime("%Y-%m-%d"),
            "published_basis": "synthetic: date on the page",
            "source_type": "",  # not typed: its incidents are "ungraded"
            "sha256": "",
        }
    )
    return out[schema.SOURCES.column_names]


ALIASES = {"Al-Asad Airbase": "Ain al-Asad air base;Ain al-Asad"}
"""Other names of a synthetic place: the bundled site-profile job asks for Ain al-Asad by its bundled name."""


def make_places() -> pd.DataFrame:
    """The gazetteer of every place the synthetic incidents use."""
    out = pd.DataFrame(PLACES, columns=["name", "kind", "country", "admin1", "latitude", "longitude"])
    out["aliases"] = out["name"].map(ALIASES).fillna("")
    return out[schema.PLACES.column_names]


def write_synthetic_dir(n: int, path: Path | None = None, seed: int = SEED) -> Path:
    """Write (or reuse, when complete) the synthetic data directory of ``n`` incidents."""
    path = Path(path or CACHE_DIR / f"synth-{n}")
    done = path / ".complete"
    if done.exists() and done.read_text() == f"{n} {seed} layout {LAYOUT}\n":
        return path
    path.mkdir(parents=True, exist_ok=True)
    make_incidents(n, seed).to_csv(path / "incidents.csv", index=False, lineterminator="\n")
    make_sources(source_count(n)).to_csv(path / "sources.csv", index=False, lineterminator="\n")
    make_places().to_csv(path / "places.csv", index=False, lineterminator="\n")
    for table in (schema.EVIDENCE, schema.CONTEXT, schema.REPORTED_TOTALS):
        pd.DataFrame(columns=table.column_names).to_csv(path / table.file, index=False, lineterminator="\n")
    done.write_text(f"{n} {seed} layout {LAYOUT}\n")
    return path


if __name__ == "__main__":
    for arg in sys.argv[1:] or ["10000"]:
        print(write_synthetic_dir(int(arg)))
