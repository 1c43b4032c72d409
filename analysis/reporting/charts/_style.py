"""One look for every chart: sizes, fonts, fixed colours, escaping, the shared layout and count axes."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.vocabulary import is_missing

HEIGHT = 420
TITLE_CHARS = 38
"""Longest line of a chart title: a title wraps so it fits a 390 px phone (17 px type)."""
MAP_HEIGHT = 600
FONT = "Helvetica, Arial, sans-serif"
NEUTRAL_COLOR = "#4C72B0"
OUTLINE_COLOR = "#9A9A9A"
EMPTY_COLOR = "#B0B0B0"  # unclaimed, not stated and "(other)" rows

CATEGORY_COLORS: dict[str, str] = {
    "attack_on_us": "#C0392B",
    "us_strike": "#1F5FA8",
    "regional": "#E69F00",
}
WEAPON_COLORS: dict[str, str] = {
    "rocket": "#E69F00",
    "drone": "#56B4E9",
    "ballistic_missile": "#D55E00",
    "cruise_missile": "#0072B2",
    "missiles_and_drones": "#CC79A7",
    "airstrike": "#009E73",
    "explosive_device": "#8C564B",
    "small_arms": "#BCBD22",
    "unknown": "#999999",
}
OUTCOME_COLORS: dict[str, str] = {
    "hit": "#B2182B",
    "partial": "#EF8A62",
    "intercepted": "#2166AC",
    "missed": "#67A9CF",
    "unknown": "#999999",
}
MEASURE_COLORS: dict[str, str] = {
    "us_killed": "#B2182B",
    "us_injured": "#EF8A62",
    "other_killed": "#2166AC",
    "other_injured": "#67A9CF",
    "fatalities": "#444444",
}
COLOR_MAPS: dict[str, dict[str, str]] = {
    "category": CATEGORY_COLORS,
    "weapon": WEAPON_COLORS,
    "outcome": OUTCOME_COLORS,
    "measure": MEASURE_COLORS,
}


def escape_text(value) -> str:
    """Text from the data made safe for plotly's HTML-like labels.

    >>> escape_text("<script>alert(1)</script> & co")
    '&lt;script&gt;alert(1)&lt;/script&gt; &amp; co'
    >>> escape_text(pd.NA)
    ''
    """
    if is_missing(value):
        return ""
    return html.escape(str(value), quote=False)


def pick_color(dimension: str, value) -> str:
    """The fixed colour of ``value`` in ``dimension`` (a neutral blue when none is fixed).

    >>> pick_color("category", "attack_on_us")
    '#C0392B'
    >>> pick_color("country", "Iraq")
    '#4C72B0'
    """
    return COLOR_MAPS.get(dimension, {}).get(str(value), NEUTRAL_COLOR)


def wrap_title(title: str) -> list[str]:
    """A chart title in lines of at most :data:`TITLE_CHARS` characters (escaped), so no phone clips it.

    >>> wrap_title("Incidents at Ain al-Asad air base in this table per month")
    ['Incidents at Ain al-Asad air base in', 'this table per month']
    >>> wrap_title("A & B")
    ['A &amp; B']
    """
    return [escape_text(line) for line in textwrap.wrap(str(title), TITLE_CHARS)] or [""]


def make_layout(title: str, xaxis_title: str, yaxis_title: str, height: int = HEIGHT) -> dict:
    """The layout shared by every figure (a plain dict for ``fig.update_layout``).

    The title wraps (:func:`wrap_title`) and the top margin grows with it; x tick labels stand a little
    off the axis (a first date never sits on the "0" of the count axis); the legend sits at the foot of
    the figure, under the x axis title whatever the width.
    """
    lines = wrap_title(title)
    return {
        "template": "plotly_white",
        "title": {"text": "<br>".join(lines), "x": 0.01, "xanchor": "left", "font": {"size": 17}},
        "font": {"family": FONT, "size": 13, "color": "#222222"},
        "height": height + 22 * (len(lines) - 1),
        "margin": {"l": 70, "r": 30, "t": 60 + 22 * (len(lines) - 1), "b": 110},
        "xaxis": {"title": {"text": escape_text(xaxis_title)}, "ticklabelstandoff": 6},
        "yaxis": {"title": {"text": escape_text(yaxis_title)}},
        "legend": {
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0.0,
            "xanchor": "left",
            "x": 0.0,
            "traceorder": "normal",
        },
        "hoverlabel": {"font": {"family": FONT}},
    }


def style_figure(fig: go.Figure, title: str, xaxis_title: str, yaxis_title: str, height: int = HEIGHT) -> go.Figure:
    """Apply :func:`make_layout` to ``fig`` and return it."""
    fig.update_layout(**make_layout(title, xaxis_title, yaxis_title, height))
    return fig


def set_integer_axis(fig: go.Figure, axis: str, max_value: int) -> None:
    """Count axes tick at whole numbers: one tick per unit up to 10, plotly's own (integer) steps above.

    >>> fig = go.Figure(); set_integer_axis(fig, "y", 3); fig.layout.yaxis.dtick, fig.layout.yaxis.rangemode
    (1, 'tozero')
    >>> set_integer_axis(fig, "x2", 40); fig.layout.xaxis2.tickformat
    ',d'
    """
    settings = {"rangemode": "tozero", "tickformat": ",d"}
    if max_value <= 10:
        settings.update(dtick=1, tick0=0, range=[0, max(max_value, 1) * 1.05])
    fig.update_layout({f"{axis[0]}axis{axis[1:]}": settings})


def order_levels(values: pd.Series, dimension: str) -> list[str]:
    """Distinct values in vocabulary order (categories) or sorted (text): the order of traces.

    >>> order_levels(pd.Series(["regional", "attack_on_us", None]), "category")
    ['attack_on_us', 'regional']
    """
    present = set(values.dropna().astype(str))
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(c) for c in values.cat.categories if str(c) in present]
    vocab = schema.FILTER_VOCABULARIES.get(dimension)
    if vocab:
        return [v for v in vocab if v in present] + sorted(present - set(vocab))
    return sorted(present)
