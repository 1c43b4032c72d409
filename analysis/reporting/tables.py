"""Show figures and tables in a way that survives papermill, nbconvert and nbval.

Plotly's default renderer under papermill writes only the plotly JSON
mimetype, which nbconvert drops from HTML (see ``shared/guide/STACK.md``).
:func:`show_figure` emits both the JSON (JupyterLab draws it interactively)
and a ``text/html`` div with a stable id (kept by nbconvert; stable ids keep
nbval comparisons deterministic). Figures need plotly.js on the page, which
the report template loads once.

Tables are written as escaped HTML by pandas: any text coming from the data
(notes, names, headlines) is escaped here, where it enters HTML.
"""

from __future__ import annotations

import html
import json
import re

import pandas as pd
import plotly.graph_objects as go
from IPython.display import display

_PLOTLY_MIME = "application/vnd.plotly.v1+json"


def make_div_id(name: str) -> str:
    """Turn a chart name into a stable, valid HTML id.

    >>> make_div_id("Attacks per week / category")
    'chart-attacks-per-week-category'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return f"chart-{slug or 'figure'}"


def build_figure_bundle(fig: go.Figure, name: str) -> dict:
    """Return the mimebundle that :func:`show_figure` displays.

    Keys: the plotly JSON mimetype, ``text/html`` and ``text/plain``.
    """
    div_id = make_div_id(name)
    fig_json = json.loads(fig.to_json(validate=False, engine="json"))
    chart_html = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )
    return {
        _PLOTLY_MIME: {
            "data": fig_json.get("data", []),
            "layout": fig_json.get("layout", {}),
            "config": {"displaylogo": False},
        },
        "text/html": f'<div class="report-figure">{chart_html}</div>',
        "text/plain": f"<figure {div_id}>",
    }


def show_figure(fig: go.Figure, name: str) -> None:
    """Display ``fig`` for JupyterLab and for the HTML report alike."""
    display(build_figure_bundle(fig, name), raw=True)


def build_table_html(table: pd.DataFrame, caption: str | None = None, index: bool = False) -> str:
    """Render ``table`` as escaped HTML (every cell and header is escaped).

    >>> build_table_html(pd.DataFrame({"a": ["<b>"]}))
    '<table class="report-table"><thead><tr><th>a</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
    """
    head_cells = ([table.index.name or ""] if index else []) + [str(c) for c in table.columns]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in head_cells)
    rows = []
    for idx, values in zip(table.index, table.itertuples(index=False, name=None)):
        cells = ([idx] if index else []) + list(values)
        rows.append("<tr>" + "".join(f"<td>{html.escape(_cell_text(v))}</td>" for v in cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f'<table class="report-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _cell_text(value: object) -> str:
    """Text of one table cell: missing values read ``unknown``, never 0 or nan."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return "unknown"
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def show_table(table: pd.DataFrame, caption: str | None = None, index: bool = False) -> None:
    """Display ``table`` as escaped HTML with a plain-text fallback."""
    display(
        {"text/html": build_table_html(table, caption, index), "text/plain": table.to_string(index=index)},
        raw=True,
    )
