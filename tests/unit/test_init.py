"""Tests of analysis/__init__.py: the public face of the package, imported lazily."""

import importlib
import inspect
import subprocess
import sys

import pytest

import analysis


def test_dir_lists_exactly_the_public_names():
    assert dir(analysis) == sorted(analysis.__all__)
    assert len(analysis.__all__) == len(set(analysis.__all__))


@pytest.mark.parametrize("name", analysis.__all__)
def test_every_public_name_is_a_documented_function_of_its_module(name):
    value = getattr(analysis, name)
    assert inspect.isfunction(value) and value.__doc__
    assert value is getattr(importlib.import_module(value.__module__), name)
    assert not name.startswith("_")


def test_the_brief_names_are_public():
    wanted = {
        "load_dataset",
        "filter_incidents",
        "count_by",
        "count_per_period",
        "tally_casualties",
        "compare_with_reported_totals",
        "list_evidence",
        "plot_frequency_timeline",
        "plot_incident_map",
        "write_csv_safely",
    }
    assert wanted <= set(analysis.__all__)
    assert "data_dir" in inspect.signature(analysis.load_dataset).parameters


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'load_datset'"):
        analysis.load_datset  # noqa: B018


def test_importing_the_package_loads_neither_pandas_nor_plotly():
    code = "import analysis, sys; print(sorted(m for m in ('pandas', 'plotly', 'numpy') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_star_import_gives_the_public_names():
    namespace: dict = {}
    exec("from analysis import *", namespace)
    assert set(analysis.__all__) <= set(namespace)
