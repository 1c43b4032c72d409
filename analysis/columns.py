"""The building blocks of :mod:`analysis.schema`: :class:`Column`, :class:`Table` and the column helpers.

Declarations only, pandas-free, and nothing of ours imported: :mod:`analysis.schema` builds every table
from these and re-exports them (``from analysis.schema import Column, Table`` keeps working).
"""

from __future__ import annotations

from dataclasses import dataclass

COLUMN_KINDS: tuple[str, ...] = ("id", "text", "date", "int", "float", "category", "ids")
"""Every kind a column may have (see :mod:`analysis.schema`); :mod:`analysis.data.kinds` maps each to its dtypes."""


@dataclass(frozen=True)
class Column:
    """One column of one table; a kind outside :data:`COLUMN_KINDS` fails when the column is declared."""

    name: str
    kind: str
    description: str
    required: bool = True
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    unique: bool = False
    reference: str = "own"
    refers_to: str | None = None
    """``"file.csv column"``: every value must be one that column of that file holds (checked across files)."""
    one_spelling: bool = False
    """Labels that differ only in case, spaces, punctuation or a plural s on a lower-case word are refused: one
    thing, one spelling (the rule: ``analysis.data.label_checks.ONE_SPELLING_RULE``)."""

    def __post_init__(self) -> None:
        if self.kind not in COLUMN_KINDS:
            raise ValueError(
                f"analysis/schema.py: column {self.name!r} has kind {self.kind!r}, "
                f"expected one of {', '.join(COLUMN_KINDS)}"
            )


@dataclass(frozen=True)
class Table:
    """One CSV file of the data directory."""

    name: str
    file: str
    description: str
    columns: tuple[Column, ...]
    optional: bool = False

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


MAX_COUNT = 10_000_000
"""Largest count (people, munitions, attacks, troops) a cell may hold: far above any real figure, far below int64."""


def count_range(prefix: str, who: str, what: str, ref: str, best_ref: str) -> tuple[Column, Column, Column]:
    """The min/best/max triple of one casualty or munitions count (``best_ref``: the best estimate's reference)."""
    return (
        Column(
            f"{prefix}_min",
            "int",
            f"lowest number of {who} {what} the wording of any source supports; empty when no source gives a figure "
            "or the wording sets no lower bound ('about N', 'almost N')",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
            reference=ref,
        ),
        Column(
            f"{prefix}_best",
            "int",
            f"best estimate of the number of {who} {what}: a figure a source states exactly or approximately "
            "('about N'); empty = no best estimate; min <= best <= max",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
            reference=best_ref,
        ),
        Column(
            f"{prefix}_max",
            "int",
            f"highest number of {who} {what} the wording of any source supports; empty when unbounded "
            "('at least', 'about N') or unknown",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
            reference=ref,
        ),
    )
