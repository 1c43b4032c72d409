"""Counts by one dimension (weapon, country, claimed by, ...) as horizontal bars, largest on top."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analysis import schema
from analysis.metrics.members import sample_members
from analysis.reporting.charts._members import (
    HOVER_INCIDENTS,
    build_card_data,
    describe_members,
    format_member_text,
)
from analysis.reporting.charts._style import (
    EMPTY_COLOR,
    HEIGHT,
    escape_text,
    pick_color,
    set_integer_axis,
    style_figure,
)
from analysis.reporting.formatting import format_share


def _describe_bars(incidents: pd.DataFrame | None, dimension: str, card_hrefs: pd.Series | None) -> dict:
    """Tooltip lines and card hrefs per value of ``dimension`` (empty values under their "(...)" label)."""
    if incidents is None or not len(incidents):
        return {}
    empty_label = schema.UNCLAIMED if dimension == "claimed_by" else schema.NOT_STATED
    named = incidents.assign(_value=incidents[dimension].astype("string").fillna(empty_label))
    members = sample_members(named, by="_value", limit=HOVER_INCIDENTS)
    return describe_members(named, members, ["key"], card_hrefs)


def plot_counts(
    count_table: pd.DataFrame,
    dimension: str,
    title: str | None = None,
    top: int | None = 25,
    incidents: pd.DataFrame | None = None,
    card_hrefs: pd.Series | None = None,
) -> go.Figure:
    """Horizontal bars of :func:`analysis.metrics.counts.count_by` output, largest on top.

    Bars of categories and weapons take their fixed colour; ``top`` keeps
    the first rows only (the table is already sorted). With ``incidents``
    (the frame counted), each bar's tooltip names its incidents and its
    ``customdata`` carries their cards (``card_hrefs``).
    """
    data = count_table if top is None else count_table.iloc[:top]
    labels = [escape_text(schema.value_label(dimension, v)) for v in data[dimension]]
    described = _describe_bars(incidents, dimension, card_hrefs)
    members = [described.get((str(v),), ([], [])) for v in data[dimension]]
    fig = go.Figure(
        go.Bar(
            x=data["incidents"],
            y=labels,
            orientation="h",
            marker_color=[EMPTY_COLOR if str(v).startswith("(") else pick_color(dimension, v) for v in data[dimension]],
            text=[f"{n} ({format_share(s)})" for n, s in zip(data["incidents"], data["share"])],
            textposition="auto",
            hovertext=[
                f"{lab}<br>incidents: {n}<br>share: {format_share(s, 1)}" + format_member_text(lines, n)
                for lab, n, s, (lines, _) in zip(labels, data["incidents"], data["share"], members)
            ],
            hoverinfo="text",
            customdata=[build_card_data(links, n) for n, (_, links) in zip(data["incidents"], members)],
            showlegend=False,
        )
    )
    plain = dimension.replace("_", " ")
    title = title or f"Incidents by {plain}"
    height = max(HEIGHT, 120 + 26 * len(data))
    style_figure(fig, title, "Incidents", plain.capitalize(), height=height)
    fig.update_yaxes(autorange="reversed", type="category")
    set_integer_axis(fig, "x", int(data["incidents"].max()) if len(data) else 0)
    return fig
