"""Tests of the public face of analysis.reporting.charts: titled on empty input, deterministic, small modules."""

import ast
import json
from pathlib import Path

import pytest

from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.frequency import count_per_period
from analysis.reporting import charts
from analysis.reporting.links import build_card_hrefs
from tests.unit.reporting.charts.shared import OUTLINES


def test_empty_inputs_still_give_titled_figures(incidents):
    empty = incidents.iloc[0:0]
    figs = [
        charts.plot_frequency_timeline(count_per_period(empty, by="category")),
        charts.plot_cumulative(count_per_period(empty)),
        charts.plot_casualty_ranges(tally_casualties(empty)),
        charts.plot_us_casualties(tally_casualties(empty), empty, build_card_hrefs(empty)),
        charts.plot_counts(count_by(empty, "weapon"), "weapon"),
        charts.plot_incident_map(empty, outlines=OUTLINES),
    ]
    for fig in figs:
        assert fig.layout.title.text and fig.layout.height


def test_figures_are_deterministic(incidents):
    def build():
        return [
            charts.plot_frequency_timeline(count_per_period(incidents, by="category")),
            charts.plot_casualty_ranges(tally_casualties(incidents, by="month")),
            charts.plot_incident_map(incidents, outlines=OUTLINES),
        ]

    first, second = build(), build()
    for a, b in zip(first, second):
        assert a.to_json() == b.to_json()
        assert "uid" not in json.loads(a.to_json())["data"][0]


PACKAGE = Path(charts.__file__).parent


@pytest.mark.parametrize("module", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_every_module_is_small_and_every_function_short(module):
    text = module.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 400, f"{module.name}: {len(text.splitlines())} lines, expected under 400"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            assert length < 80, f"{module.name}:{node.lineno}: {node.name} is {length} lines, expected under 80"


def test_the_public_face_exports_what_notebooks_and_the_renderer_import():
    assert set(charts.__all__) >= {
        "plot_frequency_timeline",
        "plot_cumulative",
        "plot_casualty_ranges",
        "plot_us_casualties",
        "plot_other_casualties",
        "plot_counts",
        "plot_incident_map",
        "show_figure",
        "build_figure_bundle",
    }
    assert all(hasattr(charts, name) for name in charts.__all__)
