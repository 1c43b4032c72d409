"""Plotly figures of the reports, all with one look: import the charts from here.

- One layout (``_style.style_figure``): white template, fixed fonts, margins
  and height, title and axis titles always set.
- Fixed colours per category, weapon, outcome and casualty measure
  (:data:`CATEGORY_COLORS`, ...), so a colour means the same in every report.
- Deterministic: no random ids, traces in vocabulary order.
- Safe: every piece of text taken from the data is HTML-escaped
  (``_style.escape_text``) before it enters hover text, labels or annotations.
- Offline: the map draws country outlines as plain line traces on a
  cartesian lon/lat plot; no topojson, no tiles, no network.
- Shown so they survive papermill, nbconvert and nbval (:func:`show_figure`):
  nbconvert drops plotly's JSON mimetype from HTML, so we emit the JSON
  (JupyterLab draws it) and a ``text/html`` div with a stable id.

Rooms (the ``_`` ones are shared helpers, not imported by notebooks):

- ``timeline``: :func:`plot_frequency_timeline`, :func:`plot_cumulative`, uncovered periods shaded.
- ``comparison``: :func:`plot_frequency_comparison`, datasets or selections side by side.
- ``casualties``: :func:`plot_casualty_ranges`, :func:`plot_us_casualties`, :func:`plot_other_casualties`
  (marks and traces in ``_casualty_traces``, the incidents behind a row in ``_casualty_members``).
- ``counts``: :func:`plot_counts`.
- ``incident_map``: :func:`plot_incident_map` (markers and legends in ``_map_marks``; outlines,
  ranges and labels in ``_map_geometry``).
- ``_style``: sizes, colours, ``escape_text``, ``pick_color``, ``style_figure``, ``set_integer_axis``,
  ``order_levels``.
- ``_members``: which incidents a mark stands for: ``describe_members`` (tooltip lines and card
  hrefs), ``format_member_text`` (up to 10, then "and N more"), ``build_card_data`` (``customdata``).
- ``_context``: ``add_context``, numbered context markers that never overlap.
- ``_show``: ``add_meta`` (notes and lists under a chart), :func:`build_figure_bundle`, :func:`show_figure`.
- ``_missing``: ``is_missing``, the one test of a missing value in this package.

Adding a chart: write ``plot_<what>(table, ..., incidents=None, card_hrefs=None) -> go.Figure``
in the room of its kind (or a new module), then:

1. build the traces with text through ``escape_text`` and colours from ``pick_color``;
2. with ``incidents``, name each mark's incidents: ``describe_members`` then
   ``format_member_text`` in the hover text and ``build_card_data`` as ``customdata``;
3. ``style_figure(fig, title, x_title, y_title)`` and ``set_integer_axis`` for a count axis;
4. ``add_meta(fig, notes=[...])`` for what the reader must know under the chart;
5. import it here and add it to ``__all__``; a notebook shows it with :func:`show_figure`.
"""

from analysis.reporting.charts._map_marks import MARKER_MIN, MARKER_SPAN
from analysis.reporting.charts._members import find_hover_limit
from analysis.reporting.charts._show import build_figure_bundle, show_figure
from analysis.reporting.charts._style import (
    CATEGORY_COLORS,
    EMPTY_COLOR,
    HEIGHT,
    MAP_HEIGHT,
    MEASURE_COLORS,
    OUTCOME_COLORS,
    WEAPON_COLORS,
)
from analysis.reporting.charts.casualties import plot_casualty_ranges, plot_other_casualties, plot_us_casualties
from analysis.reporting.charts.comparison import plot_frequency_comparison
from analysis.reporting.charts.counts import plot_counts
from analysis.reporting.charts.incident_map import describe_unplaced, plot_incident_map
from analysis.reporting.charts.timeline import plot_cumulative, plot_frequency_timeline

__all__ = [
    "CATEGORY_COLORS",
    "EMPTY_COLOR",
    "HEIGHT",
    "MAP_HEIGHT",
    "MARKER_MIN",
    "MARKER_SPAN",
    "MEASURE_COLORS",
    "OUTCOME_COLORS",
    "WEAPON_COLORS",
    "build_figure_bundle",
    "describe_unplaced",
    "find_hover_limit",
    "plot_casualty_ranges",
    "plot_counts",
    "plot_cumulative",
    "plot_frequency_comparison",
    "plot_frequency_timeline",
    "plot_incident_map",
    "plot_other_casualties",
    "plot_us_casualties",
    "show_figure",
]
