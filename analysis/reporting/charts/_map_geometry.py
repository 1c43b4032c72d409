"""The map's geometry: country outlines as one line trace, axis ranges, and labels placed so they never overlap.

Labels are spaced for a plot :data:`LABEL_PLOT_PX` wide (a 390 px phone): a place
label that would overlap one already placed is skipped, and a country's name moves
off its centre (:data:`COUNTRY_LABEL_NUDGES`) or is left out when a place sits there.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from analysis.reporting.charts._style import OUTLINE_COLOR, escape_text

LABEL_FONT_PX = 6.2  # rough width of one character of a 10 px label
LABEL_PLOT_PX = 300  # labels are spaced for a plot this wide (a 390 px phone)
COUNTRY_LABEL_NUDGES = ((0, 0), (0, -1.0), (0, 1.0), (-1.5, 0), (1.5, 0), (0, -2.0), (0, 2.0))
"""Offsets (degrees) tried in turn for a country's name when a place name sits on its centre."""


def make_outline_trace(outlines: dict) -> go.Scatter:
    """Every ring of every country as one line trace, rings separated by gaps (NaN), as float32."""
    parts = []
    for country in sorted(outlines):
        for ring in outlines[country]:
            parts.append(np.asarray(ring, dtype="float64").reshape(-1, 2))
            parts.append(np.full((1, 2), np.nan))
    # float32 (about 1 m at these latitudes) halves the outlines' weight in every report with a map
    xy = (np.concatenate(parts) if parts else np.empty((0, 2))).astype("float32")
    return go.Scatter(
        x=np.ascontiguousarray(xy[:, 0]),
        y=np.ascontiguousarray(xy[:, 1]),
        mode="lines",
        line={"color": OUTLINE_COLOR, "width": 1},
        hoverinfo="skip",
        showlegend=False,
        name="borders",
        connectgaps=False,
    )


def find_map_ranges(lons: list, lats: list, outlines: dict) -> tuple[list[float], list[float]]:
    """Axis ranges: the incidents with a margin (at least 6 degrees wide), else the outlines.

    >>> find_map_ranges([44.0], [33.0], {})
    ([41.0, 47.0], [30.0, 36.0])
    """
    if lons:
        x0, x1, y0, y1 = min(lons), max(lons), min(lats), max(lats)
    else:
        pts = [p for rings in outlines.values() for ring in rings for p in ring]
        if not pts:
            return [34.0, 50.0], [28.0, 38.0]
        x0, x1 = min(p[0] for p in pts), max(p[0] for p in pts)
        y0, y1 = min(p[1] for p in pts), max(p[1] for p in pts)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_x = max((x1 - x0) / 2 + 1.0, 3.0)
    half_y = max((y1 - y0) / 2 + 1.0, 3.0)
    return [round(cx - half_x, 4), round(cx + half_x, 4)], [round(cy - half_y, 4), round(cy + half_y, 4)]


def _find_ring_centre(ring) -> tuple[float, float, float]:
    """Area-weighted centre and area of a ring of (lon, lat) points (shoelace formula).

    >>> _find_ring_centre([(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)])
    (1.0, 1.0, 4.0)
    """
    xy = np.asarray(ring, dtype="float64").reshape(-1, 2)
    x, y = xy[:, 0], xy[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-12:
        return float(x.mean()), float(y.mean()), 0.0
    cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
    cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    return float(cx), float(cy), abs(float(area))


def _find_label_box(x: float, y: float, text: str, x_range, centred_y: bool = False) -> tuple[float, ...]:
    """The box (x0, x1, y0, y1, in degrees) a label of ``text`` takes above (or around) a point."""
    px_per_degree = LABEL_PLOT_PX / max(x_range[1] - x_range[0], 1e-6)
    half, height = len(text) * LABEL_FONT_PX / 2 / px_per_degree, 14 / px_per_degree
    y0 = y - height / 2 if centred_y else y
    return (x - half, x + half, y0, y0 + height)


def _overlaps(box, boxes) -> bool:
    """Whether ``box`` overlaps any of ``boxes``.

    >>> _overlaps((0, 2, 0, 2), [(1, 3, 1, 3)]), _overlaps((0, 1, 0, 1), [(2, 3, 2, 3)])
    (True, False)
    """
    return any(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3] for b in boxes)


def _place_country_label(country: str, rings, x_range, y_range, taken: list) -> tuple[float, float] | None:
    """Where the country's name goes (the centre of its largest ring, else a nudge off it), or None."""
    centres = [_find_ring_centre(r) for r in rings if len(r) > 2]
    if not centres:
        return None
    cx0, cy0, _ = max(centres, key=lambda c: c[2])
    for dx, dy in COUNTRY_LABEL_NUDGES:  # the centre, else a little off it, else no label
        cx, cy = cx0 + dx, cy0 + dy
        box = _find_label_box(cx, cy, country, x_range, centred_y=True)
        inside = x_range[0] < box[0] and box[1] < x_range[1] and y_range[0] < box[2] and box[3] < y_range[1]
        if inside and not _overlaps(box, taken):  # the whole name on the map, never cut by its edge
            taken.append(box)
            return cx, cy
    return None


def make_country_label_trace(outlines: dict, x_range, y_range, taken: list | None = None) -> go.Scatter:
    """Each country's name at the centre of its largest ring, when that lies on the map and
    does not overlap a place label (boxes in ``taken``)."""
    taken = list(taken or [])
    names, xs, ys = [], [], []
    for country in sorted(outlines):
        spot = _place_country_label(country, outlines[country], x_range, y_range, taken)
        if spot is not None:
            names.append(escape_text(country).upper())
            xs.append(spot[0])
            ys.append(spot[1])
    return go.Scatter(
        x=xs,
        y=ys,
        mode="text",
        text=names,
        textfont={"size": 11, "color": "#9A9A9A"},
        hoverinfo="skip",
        showlegend=False,
        name="countries",
    )


def pick_label_position(x: float, y: float, text: str, x_range) -> str:
    """Where a place's name goes: above its marker, or above and to one side when centred it would
    run off the map's left or right edge.

    >>> pick_label_position(35.0, 31.0, "Gaza border area", [34.0, 50.0])
    'top right'
    >>> pick_label_position(49.5, 31.0, "Tehran", [34.0, 50.0]), pick_label_position(42.0, 31.0, "Erbil", [34.0, 50.0])
    ('top left', 'top center')
    """
    box = _find_label_box(x, y, text, x_range)
    if box[0] < x_range[0]:
        return "top right"
    if box[1] > x_range[1]:
        return "top left"
    return "top center"


def pick_place_labels(lon, lat, names, weights, x_range) -> tuple[list[int], list]:
    """Places to label, most incidents first, skipping a label that would overlap one already placed
    on a plot :data:`LABEL_PLOT_PX` wide (so labels stay readable on a phone); and their boxes."""
    placed, boxes, seen = [], [], set()
    for i in sorted(range(len(names)), key=lambda i: (-weights[i], names[i])):
        box = _find_label_box(lon[i], lat[i], names[i], x_range)
        if names[i] in seen or _overlaps(box, boxes):
            continue
        seen.add(names[i])
        placed.append(i)
        boxes.append(box)
    return placed, boxes
