"""What a map marker says and the legends that explain it: colour the category, area the deaths,
style how well the place is known (``geo_precision``)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from analysis import schema
from analysis.reporting.charts._style import CATEGORY_COLORS, escape_text

GEO_PRECISION_STYLES: dict[int, tuple[str, str]] = {
    1: ("the site itself", "filled circle"),
    2: ("a nearby town or part of a region", "hollow circle"),
    3: ("a region or province", "pale disc"),
}
"""How sure a point's place is (``geo_precision``), and the marker that says it."""
MARKER_MIN, MARKER_SPAN = 8.0, 30.0


def find_marker_size(deaths, max_deaths: float):
    """Marker diameter in px: its area grows with the deaths (the smallest: none or unknown).

    >>> find_marker_size([0, 100], 100).tolist()
    [8.0, 38.0]
    """
    deaths = np.asarray(deaths, dtype="float64")
    return MARKER_MIN + (MARKER_SPAN * np.sqrt(deaths / max_deaths) if max_deaths > 0 else 0 * deaths)


def _rgba(hex_color: str, alpha: float) -> str:
    """``#RRGGBB`` as an ``rgba()`` colour.

    >>> _rgba("#C0392B", 0.25)
    'rgba(192,57,43,0.25)'
    """
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def style_precision_marker(precision: float, color: str) -> dict:
    """Marker style of a geo precision (1 site, 2 nearby town, 3 region)."""
    if precision == 1:
        return {"color": color, "line": {"color": "#FFFFFF", "width": 1}}
    if precision == 2:
        return {"color": "rgba(255,255,255,0.7)", "line": {"color": color, "width": 2.5}}
    return {"color": _rgba(color, 0.25), "line": {"color": _rgba(color, 0.7), "width": 1}}


def _make_legend_entry(name: str, marker: dict, group: str) -> go.Scatter:
    """A legend entry with no point on the map."""
    return go.Scatter(x=[None], y=[None], mode="markers", name=name, marker=marker, legendgroup=group, hoverinfo="skip")


def add_map_legend(fig: go.Figure, categories_present: set[str]) -> None:
    """Legend entries: the colour of each category present, then the marker of each geo precision."""
    for c in [c for c in schema.CATEGORIES if c in categories_present]:
        name = escape_text(schema.value_label("category", c))
        fig.add_trace(_make_legend_entry(name, {"size": 11, "color": CATEGORY_COLORS[c]}, "category"))
    for level, (meaning, _) in GEO_PRECISION_STYLES.items():
        marker = {"size": 11, **style_precision_marker(level, "#555555")}
        fig.add_trace(_make_legend_entry(f"place: {meaning}", marker, "precision"))


def _pick_reference_deaths(max_deaths: float) -> list[int]:
    """Up to three round death counts for the size legend, the largest at most ``max_deaths``.

    >>> _pick_reference_deaths(1221), _pick_reference_deaths(7), _pick_reference_deaths(0)
    ([10, 100, 1000], [1, 5], [])
    >>> _pick_reference_deaths(3)  # the largest too, when no second round number fits
    [1, 3]
    """
    if max_deaths < 1:
        return []
    steps = [1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000, 100000]
    fitting = [v for v in steps if v <= max_deaths]
    decades = [v for v in fitting if str(v).startswith("1")]
    pick = decades[-3:] if len(decades) >= 3 else fitting[-3:]
    if len(pick) == 1 and max_deaths >= 2:
        pick.append(int(max_deaths))
    return sorted(pick)


def add_size_legend(fig: go.Figure, max_deaths: float, label: str = "deaths") -> None:
    """Three reference circles in a strip under the map (their own axes): what a marker's size means,
    ``label`` naming what it counts (deaths, incidents or a casualty measure)."""
    values = _pick_reference_deaths(max_deaths)
    smallest = "one incident" if label == "incidents" else "none or unknown"
    xs = [0.06 + 0.22 * i for i in range(len(values))]
    labels = [f"{v:,}" for v in values]
    sizes = list(find_marker_size(values, max_deaths))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[0.5] * len(xs),
            mode="markers+text",
            text=labels,
            textposition="middle right",
            textfont={"size": 11, "color": "#333333"},
            marker={"size": sizes, "color": "rgba(120,120,120,0.35)", "line": {"color": "#555555", "width": 1}},
            xaxis="x2",
            yaxis="y2",
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
            name="circle size",
        )
    )
    fig.update_layout(
        xaxis2={"domain": [0, 1], "range": [0, 1], "visible": False, "fixedrange": True},
        yaxis2={"domain": [0, 0.1], "range": [0, 1], "visible": False, "fixedrange": True, "anchor": "x2"},
        annotations=list(fig.layout.annotations)
        + [
            {
                "text": escape_text(f"Circle area: {label} (smallest: {smallest})"),
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0.115,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": "#555555"},
            }
        ],
    )
