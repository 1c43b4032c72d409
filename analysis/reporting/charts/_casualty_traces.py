"""The marks of a casualty chart, collected row by row, and the traces drawn from them."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

UNKNOWN_COLOR = "#8A8A8A"


@dataclass
class UnknownBars:
    """Right panel: per row, the incidents whose figure no source gives."""

    x: list = field(default_factory=list)
    y: list = field(default_factory=list)
    text: list = field(default_factory=list)
    hover: list = field(default_factory=list)
    custom: list = field(default_factory=list)


@dataclass
class RangeMarks:
    """Left panel, one measure: ranges (``xs``...), rows with no figure (``none_*``), open ends (``arrow_*``)."""

    xs: list = field(default_factory=list)
    ys: list = field(default_factory=list)
    minus: list = field(default_factory=list)
    plus: list = field(default_factory=list)
    symbols: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    sides: list = field(default_factory=list)
    hover: list = field(default_factory=list)
    custom: list = field(default_factory=list)
    none_y: list = field(default_factory=list)
    none_text: list = field(default_factory=list)
    none_hover: list = field(default_factory=list)
    none_custom: list = field(default_factory=list)
    arrow_x: list = field(default_factory=list)
    arrow_y: list = field(default_factory=list)


def label_points(marks, color: str) -> dict:
    """The label, tooltip and cards of marks that carry them (``texts``, ``sides``, ``hover``, ``custom``)."""
    return {
        "text": marks.texts,
        "textposition": marks.sides,
        "textfont": {"size": 12, "color": color},
        "cliponaxis": False,
        "hovertext": marks.hover,
        "hoverinfo": "text",
        "customdata": marks.custom,
    }


def make_range_trace(marks: RangeMarks, name: str, color: str) -> go.Scatter:
    """The ranges of one measure: error bars with the best estimate (or a dot) and a label above."""
    return go.Scatter(
        x=marks.xs,
        y=marks.ys,
        mode="markers+text",
        name=name,
        marker={"symbol": marks.symbols, "size": 12, "color": color, "line": {"color": color, "width": 2}},
        error_x={
            "type": "data",
            "symmetric": False,
            "array": marks.plus,
            "arrayminus": marks.minus,
            "color": color,
            "thickness": 3,
            "width": 7,
        },
        **label_points(marks, color),
        xaxis="x",
        yaxis="y",
    )


def make_unknown_word_trace(marks: RangeMarks, name: str, color: str, floor: float) -> go.Scatter:
    """The word "unknown" (or "not applicable", or an operation toll) at the left edge of each row with no figure."""
    return go.Scatter(
        x=[floor] * len(marks.none_y),
        y=marks.none_y,
        mode="text",
        name=f"{name}: unknown",
        text=marks.none_text,
        textposition="middle right",
        textfont={"size": 12, "color": color},
        cliponaxis=False,
        hovertext=marks.none_hover,
        hoverinfo="text",
        customdata=marks.none_custom,
    )


def make_open_end_trace(marks: RangeMarks, name: str, color: str) -> go.Scatter:
    """Dashed lines ending in an arrow: figures with no upper bound ("at least N")."""
    return go.Scatter(
        x=marks.arrow_x,
        y=marks.arrow_y,
        mode="lines+markers",
        name=f"{name}: no upper bound",
        line={"color": color, "width": 3, "dash": "dash"},
        marker={"symbol": ["line-ns", "triangle-right", "line-ns"] * (len(marks.arrow_x) // 3), "size": 12},
        hoverinfo="skip",
        showlegend=False,
        connectgaps=False,
    )


def make_unknown_bar_trace(bars: UnknownBars) -> go.Bar:
    """Right panel: a grey hatched bar per row, "N unknown"."""
    return go.Bar(
        x=bars.x,
        y=bars.y,
        orientation="h",
        name="incidents with no figure",
        marker={"color": UNKNOWN_COLOR, "pattern": {"shape": "/", "fgcolor": "#FFFFFF"}},
        text=bars.text,
        textposition="outside",
        textfont={"size": 10, "color": "#555555"},
        cliponaxis=False,
        hovertext=bars.hover,
        hoverinfo="text",
        customdata=bars.custom,
        xaxis="x2",
        yaxis="y",
        width=0.35,
        showlegend=False,
    )
