"""What every importer is and returns: the contract the ``incidents import`` command loops over.

An importer (one module of :mod:`analysis.imports.formats`, found by
:mod:`analysis.imports.registry`) is an :class:`Importer`: a name (``incidents import NAME``), a
one-line help, its own options, and ``run(file, options) -> Imported``. It reads one file and
returns the rows as ``incidents.csv`` columns (:class:`Imported`); it never writes. The writer
(:mod:`analysis.imports.writer`) merges, validates and moves them into place, whatever produced them.
This module imports nothing heavier than the standard library, so the command line can list the
importers without loading pandas.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported by the importers, not by the command line's parser
    import pandas as pd

    from analysis.data.problems import Problem


IMPORT_LOG_FILE = "import-log.csv"
"""Written beside the data by every import (one row per input line); its presence marks an imported directory."""


class ImportRejected(Exception):
    """The input cannot be imported as it is; ``problems`` says where (nothing was written)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ImportUsageError(Exception):
    """The options given cannot run this importer (e.g. a mapping file is needed); one line for people."""


@dataclass
class Imported:
    """What an importer made of one file, before it is written.

    ``incidents`` has the columns of ``schema.INCIDENTS`` (text as pandas strings, numbers as
    ``Int64``/``float64``); ``sources`` the columns of ``schema.SOURCES``; ``mapped`` and
    ``not_mapped`` are the lines the command prints.

    Every data row of the input is accounted for (rows in = rows out + rows reported):
    ``input_lines`` and ``source_keys`` give, for each row of ``incidents``, the line of the input it
    came from and the source's own id of it (or the key the mapping names); ``skipped`` lists every
    other row (columns ``input_line``, ``source_key``, ``reason``). ``coverage`` is the claim the
    producer makes about what it lists (columns of ``schema.COVERAGE``), or ``None``: no claim.
    """

    kind: str
    path: Path
    incidents: pd.DataFrame
    sources: pd.DataFrame
    mapped: list[str] = field(default_factory=list)
    not_mapped: list[str] = field(default_factory=list)
    input_lines: Any = None
    source_keys: pd.Series | None = None
    skipped: pd.DataFrame | None = None
    coverage: pd.DataFrame | None = None


@dataclass(frozen=True)
class Option:
    """One command-line option of an importer, as ``argparse.add_argument`` takes it.

    ``dest`` (the key of ``options`` in :meth:`Importer.run`) is the flag without its dashes, with
    ``_`` for ``-``: ``--skip-other-countries`` gives ``skip_other_countries``.

    >>> Option("--mapping", "the mapping file", metavar="TOML").dest
    'mapping'
    >>> Option("--skip-invalid", "skip rows", switch=True).argparse_keywords()["action"]
    'store_true'
    """

    flag: str
    help: str
    metavar: str | None = None
    switch: bool = False

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")

    def argparse_keywords(self) -> dict[str, Any]:
        """The keywords of ``add_argument(flag, **keywords)``: a switch, or a path."""
        if self.switch:
            return {"action": "store_true", "help": self.help}
        return {"type": Path, "default": None, "metavar": self.metavar or "FILE", "help": self.help}


Run = Callable[[Path, Mapping[str, Any]], Imported]
Answer = Callable[[Path, Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class Importer:
    """One input format of ``incidents import``.

    - ``name``: the word after ``incidents import``; ``help``: one line for ``incidents import --help``;
    - ``options``: its own options (``--out`` and ``FILE`` are every importer's);
    - ``run(file, options)``: read ``file`` and return an :class:`Imported` (``options`` maps each
      option's ``dest`` to its value); raises :class:`ImportRejected` (with FILE:LINE problems) or
      :class:`ImportUsageError`;
    - ``answer(file, options)``: optional; text to print *instead* of importing (``--suggest``), or
      ``None`` to import. An importer with an answer does not require ``--out``.
    """

    name: str
    help: str
    run: Run
    options: tuple[Option, ...] = ()
    description: str = ""
    answer: Answer | None = None

    def __post_init__(self) -> None:
        if "\n" in self.help:
            raise ValueError(f"importer {self.name}: help must be one line, found {self.help!r}")
