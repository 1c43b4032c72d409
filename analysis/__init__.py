"""incident-reports: load the sourced incident table and compute what the reports show.

The functions an analyst needs, importable from here (``import analysis``;
``analysis.<TAB>`` lists them); each is imported on first use, so
``import analysis`` itself loads neither pandas nor plotly:

- load: :func:`load_dataset` (a validated data directory, the bundled one by default);
- select: :func:`filter_incidents` (dates, "last 12 months", countries, categories, places and their aliases, ...);
- count: :func:`count_by`, :func:`count_per_period` (not-covered periods stay missing, never 0),
  :func:`find_lulls`;
- tally: :func:`tally_casualties` (ranges, open ends and unknowns kept apart);
- compare: :func:`compare_with_reported_totals` (what the sources report against what the table holds);
- quotes: :func:`list_evidence` (one row per quote, with its source);
- charts: the ``plot_*`` functions, and :func:`show_figure` to display one in a notebook and in a report;
- export: :func:`write_csv_safely` (a CSV safe to open in a spreadsheet).

The report notebooks use the same functions; the sub-packages (``analysis.data``, ``analysis.metrics``,
``analysis.reporting``, ...) hold the rest.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_PUBLIC: dict[str, str] = {
    "load_dataset": "analysis.data.dataset",
    "filter_incidents": "analysis.metrics.filters",
    "count_by": "analysis.metrics.counts",
    "count_per_period": "analysis.metrics.frequency",
    "find_lulls": "analysis.metrics.frequency",
    "tally_casualties": "analysis.metrics.casualties",
    "compare_with_reported_totals": "analysis.metrics.completeness",
    "list_evidence": "analysis.metrics.evidence",
    "plot_frequency_timeline": "analysis.reporting.charts",
    "plot_frequency_comparison": "analysis.reporting.charts",
    "plot_cumulative": "analysis.reporting.charts",
    "plot_counts": "analysis.reporting.charts",
    "plot_incident_map": "analysis.reporting.charts",
    "plot_us_casualties": "analysis.reporting.charts",
    "plot_other_casualties": "analysis.reporting.charts",
    "show_figure": "analysis.reporting.charts",
    "write_csv_safely": "analysis.data.export_csv",
}
"""Each public name and the module that defines it."""

__all__ = list(_PUBLIC)


def __getattr__(name: str):
    """Import a public name on first use (PEP 562), so ``import analysis`` stays fast."""
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Only the public names (``analysis.<TAB>``), not the sub-packages or this module's internals."""
    return sorted(__all__)
