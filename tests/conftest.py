"""Shared pytest fixtures."""

from pathlib import Path

import pytest

from tests.fixtures.build import copy_valid


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid dataset (tests/fixtures/valid_data)."""
    return copy_valid(tmp_path)
