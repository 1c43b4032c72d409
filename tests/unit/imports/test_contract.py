"""analysis.imports.contract: an importer's declaration is checked when it is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.imports.contract import Importer, Option


def test_help_must_be_one_line():
    with pytest.raises(ValueError, match="help must be one line"):
        Importer(name="x", help="two\nlines", run=lambda path, options: None)


def test_an_option_is_a_switch_or_a_path():
    assert Option("--mapping", "m", metavar="TOML").argparse_keywords() == {
        "type": Path,
        "default": None,
        "metavar": "TOML",
        "help": "m",
    }
    assert Option("--skip-invalid", "s", switch=True).dest == "skip_invalid"
