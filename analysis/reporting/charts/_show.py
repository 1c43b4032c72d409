"""Showing a figure in a notebook and in the HTML report, with what goes under it.

Plotly's default renderer under papermill writes only the plotly JSON
mimetype, which nbconvert drops from HTML; :func:`show_figure` emits the JSON
(JupyterLab draws it) and a ``text/html`` div with a stable id (kept by
nbconvert, deterministic for nbval). What a chart says under itself (the
numbered context list, notes) rides in ``fig.layout.meta`` (:func:`add_meta`).
"""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go
from IPython.display import display

PLOTLY_MIME = "application/vnd.plotly.v1+json"

FIGURE_CONFIG: dict = {
    "displaylogo": False,
    "showSendToCloud": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}
"""plotly.js options: no logo link, no button that sends the chart off the machine."""


def add_meta(fig: go.Figure, **items) -> None:
    """Merge ``items`` into ``fig.layout.meta`` (a dict): what the report shows under the chart.

    A list extends the list already there (``notes``, ``context``); any other value replaces it.

    >>> fig = go.Figure(); add_meta(fig, notes=["a"]); add_meta(fig, notes=["b"]); fig.layout.meta
    {'notes': ['a', 'b']}
    """
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    for key, value in items.items():
        meta[key] = list(meta.get(key, [])) + list(value) if isinstance(value, list) else value
    fig.update_layout(meta=meta)


def make_div_id(name: str) -> str:
    """Turn a chart name into a stable, valid HTML id.

    >>> make_div_id("Attacks per week / category")
    'chart-attacks-per-week-category'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"chart-{slug or 'figure'}"


def build_notes_html(fig: go.Figure) -> str:
    """HTML under a chart from ``fig.layout.meta``: the numbered context list and the notes.

    Their text was escaped when the figure was built.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    parts = []
    context = meta.get("context") or []
    if context:
        items = "".join(
            f'<li value="{int(e["number"])}"><span class="context-date">{e["date"]}</span> {e["label"]}</li>'
            for e in context
        )
        parts.append(
            '<div class="chart-context"><p class="chart-context-title">Numbered markers on the chart '
            "(hover over a marker for the details):</p>"
            f"<ol>{items}</ol></div>"
        )
    for note in meta.get("notes") or []:
        parts.append(f'<p class="chart-note">{note}</p>')
    return "".join(parts)


def build_figure_bundle(fig: go.Figure, name: str) -> dict:
    """Return the mimebundle that :func:`show_figure` displays.

    Keys: the plotly JSON mimetype, ``text/html`` (the chart, then the
    numbered context list and the notes of :func:`build_notes_html`) and ``text/plain``.
    """
    div_id = make_div_id(name)
    fig_json = json.loads(fig.to_json(validate=False, engine="json"))
    chart_html = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={**FIGURE_CONFIG, "responsive": True},
    )
    return {
        PLOTLY_MIME: {
            "data": fig_json.get("data", []),
            "layout": fig_json.get("layout", {}),
            "config": FIGURE_CONFIG,
        },
        "text/html": f'<div class="report-figure">{chart_html}{build_notes_html(fig)}</div>',
        "text/plain": f"<figure {div_id}>",
    }


def show_figure(fig: go.Figure, name: str) -> None:
    """Display ``fig`` for JupyterLab and for the HTML report alike."""
    display(build_figure_bundle(fig, name), raw=True)
