"""Shared pytest fixtures, and how pytest-xdist shares the tests out among its workers.

``make test`` runs ``pytest -n 4 --dist loadscope``, with the scheduler of
:func:`pytest_xdist_make_scheduler`: every test of a module that defines a
module-scoped fixture runs on one worker (xdist's ``loadscope``), so the
fixture (the fault project with its pid files, a loaded gazetteer) is built
once, as without xdist; every other test goes on its own to whichever worker
is free (xdist's ``load``). (xdist's ``loadgroup`` cannot be used: it renames
test ids, which pytest 9 no longer allows, so its groups are silently
ignored.) Outputs that tests only read are built once for the whole run by
:func:`tests.fixtures.shared.build_once`: prefer it to a module-scoped
fixture in a slow module, since a module kept whole is one worker's chain.
xdist's default ``--loadscope-reorder`` starts the scopes with the most tests
first (the modules kept whole), then the rest in collection order (browser,
integration, then the fast unit tests and doctests last).
"""

import functools
import re
from pathlib import Path

import pytest

from tests.fixtures.build import copy_valid

ROOT = Path(__file__).resolve().parent.parent
MODULE_FIXTURE = re.compile(r"""scope\s*=\s*["']module["']""")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid dataset (tests/fixtures/valid_data)."""
    return copy_valid(tmp_path)


@functools.cache
def defines_module_fixture(path: Path) -> bool:
    """True when the test module at ``path`` defines a module-scoped fixture."""
    try:
        return bool(MODULE_FIXTURE.search(path.read_text(encoding="utf-8")))
    except OSError:
        return False


def split_scope(nodeid: str, root: Path) -> str:
    """The unit of work of a test for the scheduler: its module when the module defines a module-scoped
    fixture, else the test alone.

    >>> split_scope("tests/integration/test_faults.py::test_a_kill[x]", ROOT)
    'tests/integration/test_faults.py'
    >>> split_scope("tests/unit/test_schema.py::test_kinds", ROOT)
    'tests/unit/test_schema.py::test_kinds'
    """
    path = nodeid.split("::", 1)[0]
    return path if path.startswith("tests/") and defines_module_fixture(root / path) else nodeid


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Under ``--dist loadscope``: modules with a module-scoped fixture kept whole, every other test alone."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleFixtureScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return split_scope(nodeid, config.rootpath)

    return ModuleFixtureScheduling(config, log)
