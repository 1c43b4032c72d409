"""Inputs shared by the chart tests: two country outlines, a hostile string, the text of a figure."""

import plotly.graph_objects as go

OUTLINES = {
    "Iraq": [[(39.0, 29.0), (48.0, 29.0), (48.0, 37.0), (39.0, 37.0), (39.0, 29.0)]],
    "Jordan": [
        [(35.0, 29.0), (39.0, 29.0), (39.0, 33.0), (35.0, 33.0), (35.0, 29.0)],
        [(36.0, 30.0), (36.5, 30.0), (36.5, 30.5), (36.0, 30.0)],
    ],
}
EVIL = "<img src=x onerror=alert(1)>"


def all_text(fig: go.Figure) -> str:
    return fig.to_json()
