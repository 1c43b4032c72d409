"""Country outlines (Natural Earth via ``world-atlas``) and point-in-country tests.

The outlines live in ``analysis/geo/countries.json`` (provenance in the
README beside it). Each country is a list of rings of ``(lon, lat)`` points;
outer rings and holes are combined with the even-odd rule.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache

import numpy as np
import pandas as pd

from analysis.paths import GEO_DIR

OUTLINES_FILE = GEO_DIR / "countries.json"
KM_PER_DEGREE_LAT = 111.2
DEFAULT_TOLERANCE_KM = 10.0
"""Points this close to a border count as inside: coordinates are rounded and
Natural Earth's 1:50m borders are simplified, and sites such as Tower 22 sit
on a tri-border."""


@lru_cache(maxsize=1)
def load_country_outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """Return ``{country: [ring, ...]}`` with each ring a list of ``(lon, lat)``.

    >>> outlines = load_country_outlines()
    >>> sorted(outlines)[:3]
    ['Iran', 'Iraq', 'Israel']
    """
    doc = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    return {
        name: [[(float(x), float(y)) for x, y in ring] for ring in rings] for name, rings in doc["countries"].items()
    }


@cache
def _edges(country: str) -> tuple[np.ndarray, ...]:
    """Edges of all rings of ``country`` as arrays x1, y1, x2, y2, and its bounding box."""
    rings = load_country_outlines()[country]
    parts = [np.asarray(r, dtype=float) for r in rings]
    start = np.concatenate([p for p in parts])
    end = np.concatenate([np.roll(p, -1, axis=0) for p in parts])
    bbox = np.array([start[:, 0].min(), start[:, 1].min(), start[:, 0].max(), start[:, 1].max()])
    return start[:, 0], start[:, 1], end[:, 0], end[:, 1], bbox


_SMALL_CELLS = 1 << 18
"""Up to this many edge x point pairs, :func:`_inside` tests all edges at once."""


def _inside(lons: np.ndarray, lats: np.ndarray, country: str) -> np.ndarray:
    """Even-odd ray casting of many points against one country's rings.

    Few points (the usual case: points are deduplicated first) are tested
    against all edges in one array operation; many points edge by edge.
    """
    x1, y1, x2, y2, _ = _edges(country)
    if len(lons) * len(x1) <= _SMALL_CELLS:
        a, b, c, d = (v[:, None] for v in (x1, y1, x2, y2))
        px, py = lons[None, :], lats[None, :]
        crosses = (b > py) != (d > py)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = a + (py - b) * (c - a) / (d - b)
        return np.count_nonzero(crosses & (px < x_at), axis=0) % 2 == 1
    inside = np.zeros(len(lons), dtype=bool)
    for a, b, c, d in zip(x1, y1, x2, y2):
        crosses = (b > lats) != (d > lats)
        if not crosses.any():
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = a + (lats - b) * (c - a) / (d - b)
        inside ^= crosses & (lons < x_at)
    return inside


def _distance_km(lons: np.ndarray, lats: np.ndarray, country: str) -> np.ndarray:
    """Approximate distance (km) from each point to the nearest border edge.

    Uses an equirectangular projection around each point: good to a few
    percent at the distances (tens of km) that matter here.
    """
    x1, y1, x2, y2, _ = _edges(country)
    out = np.empty(len(lons))
    for i, (lon, lat) in enumerate(zip(lons, lats)):
        k = np.cos(np.radians(lat))
        ax, ay = (x1 - lon) * k, y1 - lat
        bx, by = (x2 - lon) * k, y2 - lat
        dx, dy = bx - ax, by - ay
        seg = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(np.where(seg > 0, -(ax * dx + ay * dy) / seg, 0.0), 0.0, 1.0)
        px, py = ax + t * dx, ay + t * dy
        out[i] = np.sqrt((px * px + py * py).min()) * KM_PER_DEGREE_LAT
    return out


def points_in_country(lats, lons, countries, tolerance_km: float = DEFAULT_TOLERANCE_KM) -> np.ndarray:
    """Return a boolean array: is each point inside (or within ``tolerance_km`` of) its country?

    ``lats``, ``lons`` and ``countries`` are equally long sequences. Points with a
    missing coordinate or a country without an outline give False. Identical
    (lat, lon, country) triples are tested once, so a million rows over a few
    hundred places cost no more than the places.

    >>> points_in_country([33.7856, 33.7856], [42.4411, 42.4411], ["Iraq", "Syria"]).tolist()
    [True, False]
    >>> bool(points_in_country([33.3142], [38.7033], ["Jordan"])[0])  # Tower 22, on the tri-border
    True
    """
    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    result = np.zeros(len(lats), dtype=bool)
    if len(lats) == 0:
        return result
    if not isinstance(getattr(countries, "dtype", None), pd.CategoricalDtype):
        countries = pd.Categorical(np.asarray(countries, dtype=object))
    country_codes = np.asarray(pd.Series(countries).cat.codes, dtype=np.int64)
    categories = np.asarray(pd.Series(countries).cat.categories, dtype=object)
    lat_codes, _ = pd.factorize(lats)
    lon_codes, _ = pd.factorize(lons)
    key = (lat_codes.astype(np.int64) * (lon_codes.max() + 2) + lon_codes) * (len(categories) + 1) + country_codes
    inverse, uniq = pd.factorize(key)
    first = np.empty(len(uniq), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(lats))[::-1]
    u_lat, u_lon = lats[first], lons[first]
    u_cty = np.array([categories[c] if c >= 0 else None for c in country_codes[first]], dtype=object)
    u_ok = np.zeros(len(first), dtype=bool)
    outlines = load_country_outlines()
    for country in set(u_cty.tolist()):
        if not isinstance(country, str) or country not in outlines:
            continue
        sel = np.flatnonzero((u_cty == country) & np.isfinite(u_lat) & np.isfinite(u_lon))
        if len(sel) == 0:
            continue
        ok = _inside(u_lon[sel], u_lat[sel], country)
        if tolerance_km > 0 and not ok.all():
            miss = sel[~ok]
            ok[~ok] = _distance_km(u_lon[miss], u_lat[miss], country) <= tolerance_km
        u_ok[sel] = ok
    result[:] = u_ok[inverse]
    return result


def find_countries_containing(lat: float, lon: float) -> list[str]:
    """Return the outlined countries that contain the point (no tolerance).

    >>> find_countries_containing(33.7856, 42.4411)
    ['Iraq']
    >>> find_countries_containing(0.0, 0.0)
    []
    """
    names = list(load_country_outlines())
    inside = points_in_country([lat] * len(names), [lon] * len(names), names, tolerance_km=0)
    return [n for n, ok in zip(names, inside) if ok]
