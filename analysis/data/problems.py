"""What validation says: one :class:`Problem` per thing wrong, and the report that collects them.

Every problem prints as::

    FILE:LINE: COLUMN: found X, expected Y

``FILE`` is the path as given (``data/incidents.csv``), ``LINE`` the 1-based
physical line where the record starts (the header is line 1). Problems about
a whole file use column ``-`` and line 0 (file missing, no rows) or line 1
(empty file, header).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import schema
from analysis.vocabulary import is_missing

FOUND_WIDTH = 60
_TABLE_WORDS = {
    "evidence": "evidence rows",
    "context": "context rows",
    "reported_totals": "reported totals",
    "coverage": "coverage periods",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located for a person to fix."""

    file: str
    line: int
    column: str
    found: str
    expected: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}: found {self.found}, expected {self.expected}"


class DataValidationError(ValueError):
    """The data directory breaks the schema; ``.problems`` lists every problem."""

    def __init__(self, problems: list[Problem], data_dir: Path | str = ""):
        self.problems = list(problems)
        lines = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{len(self.problems)} problems in {data_dir}:\n{lines}")


@dataclass
class ValidationReport:
    """The outcome of :func:`analysis.data.validate.validate_data_dir`.

    ``tables`` holds the typed tables (see :mod:`analysis.data.read`) as far as
    they could be read, ``notes`` informational lines that are not problems.
    """

    data_dir: str
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line: ``data/ OK: 3 incidents, ...`` or ``N problems in data/``."""
        if self.problems:
            return f"{count_text(len(self.problems), 'problem')} in {self.data_dir}"
        counts = ", ".join(
            table_rows_text(t.name, len(self.tables[t.name])) for t in schema.TABLES if t.name in self.tables
        )
        return f"{self.data_dir} OK: {counts}"

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems] + [f"note: {n}" for n in self.notes] + [self.summary()]


def count_text(n: int, word: str) -> str:
    """``n`` and ``word``, with an ``s`` unless ``n`` is 1.

    >>> count_text(1, "problem"), count_text(3, "incident")
    ('1 problem', '3 incidents')
    """
    return f"{n} {word}{'s' * (n != 1)}"


def table_rows_text(table_name: str, n: int) -> str:
    """How many rows a table has, in words.

    >>> table_rows_text("places", 1), table_rows_text("evidence", 10), table_rows_text("reported_totals", 1)
    ('1 place', '10 evidence rows', '1 reported total')
    """
    word = _TABLE_WORDS.get(table_name, table_name)
    return f"{n} {word[:-1] if n == 1 and word.endswith('s') else word}"


def show(value: object, width: int = FOUND_WIDTH) -> str:
    """Quote a found value for a message, shortened to about ``width`` characters.

    >>> show("25/07/2024")
    "'25/07/2024'"
    >>> show("x" * 100)[-6:]
    "xx...'"
    >>> show(None)
    'an empty cell'
    """
    if is_missing(value):
        return "an empty cell"
    text = str(value)
    if text == "":
        return "an empty cell"
    if len(text) > width:
        text = text[: width - 3] + "..."
    return repr(text)


def number_text(value: float) -> str:
    """A bound as people write it: whole numbers in full, others as short decimals.

    >>> number_text(10_000_000), number_text(-90), number_text(0.5)
    ('10000000', '-90', '0.5')
    """
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
