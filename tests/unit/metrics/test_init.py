"""Tests of analysis/metrics/__init__.py: the room lists its modules and imports each on first use."""

import pytest

import analysis.metrics
from analysis import paths


def test_dir_lists_every_module_of_the_room():
    files = sorted(p.stem for p in (paths.PROJECT_DIR / "analysis" / "metrics").glob("*.py") if p.stem != "__init__")
    assert dir(analysis.metrics) == files


def test_a_module_is_reached_as_an_attribute():
    assert analysis.metrics.evidence.list_evidence.__name__ == "list_evidence"
    with pytest.raises(AttributeError, match="has no attribute 'evidense'"):
        analysis.metrics.evidense  # noqa: B018
