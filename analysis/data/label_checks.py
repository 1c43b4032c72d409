"""Rules over free-text labels that tie rows together (an incident's ``operation``), declared in the schema.

- ``Column.one_spelling``: labels that are the same once case, spaces,
  punctuation and a plural ``s`` on a lower-case word are ignored
  (:data:`ONE_SPELLING_RULE`) are one label written two ways; every row not
  using the most common spelling (ties: the first one met) is refused.
- ``Column.refers_to`` (``"file.csv column"``): each value must be one that
  column holds; the problem names the nearest known labels.
- an operation toll of ``reported_totals.csv`` naming ``countries`` must
  have a row of its operation in one of them, else it counts no incident.

Every ``check_*`` function appends :class:`~analysis.data.problems.Problem`
objects to the list it is given.
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from analysis.data.problems import Problem, show
from analysis.data.read import TableRead

NEAREST_SHOWN = 3
"""How many known labels a problem about an unknown one names."""


ONE_SPELLING_RULE = (
    "one spelling per label (labels differing only in case, spaces, punctuation or a plural s on a lower-case "
    "word, as in strike/strikes, are refused; a word with a capital is a name and keeps its s: Hama/Hamas)"
)
"""The rule of ``Column.one_spelling`` in the codebook's words (:func:`normalise_label` applies it)."""

_WORD = re.compile(r"[^\W_]+")
_PLURAL_FROM = 4
"""A lower-case word this long or longer ending in one ``s`` is read as a plural (``gas``, ``bus`` are not)."""


def normalise_label(text: str) -> str:
    """A label with case, spaces, punctuation and plural ``s`` taken out: two spellings of one label give
    the same key (the rule is :data:`ONE_SPELLING_RULE`).

    >>> normalise_label("US strikes (Feb 2024)") == normalise_label("us  strikes, feb-2024")
    True
    >>> normalise_label("US retaliatory strikes for Tower 22") == normalise_label("US retaliatory strike for Tower 22")
    True
    >>> normalise_label("Archer 1") == normalise_label("Archer 2")
    False
    >>> normalise_label("US strikes on Hamas") == normalise_label("US strikes on Hama")
    False
    """
    return "".join(_drop_plural_s(word).casefold() for word in _WORD.findall(text))


def _drop_plural_s(word: str) -> str:
    """``word`` without the ``s`` of a plural: only a lower-case word of letters, :data:`_PLURAL_FROM` letters
    or more, ending in one ``s`` (``ss`` is not a plural: ``process``).

    >>> [_drop_plural_s(w) for w in ("strikes", "attacks", "Hamas", "gas", "process", "1990s")]
    ['strike', 'attack', 'Hamas', 'gas', 'process', '1990s']
    """
    if len(word) >= _PLURAL_FROM and word.isalpha() and word.islower() and word[-1] == "s" and word[-2] != "s":
        return word[:-1]
    return word


def check_one_spelling(read: TableRead, problems: list[Problem]) -> None:
    """Refuse a second spelling of a label in each column of ``read`` declared ``one_spelling``."""
    for col in read.table.columns:
        if col.one_spelling and col.name in read.frame:
            _check_spellings(read, col.name, problems)


def _check_spellings(read: TableRead, column: str, problems: list[Problem]) -> None:
    codes, labels = pd.factorize(read.frame[column].astype("string"))  # labels in order of first use
    by_key: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_key.setdefault(normalise_label(str(label)), []).append(i)
    clashes = [spellings for spellings in by_key.values() if len(spellings) > 1]
    if not clashes:
        return  # no line is looked up (that reads the whole file) unless a problem names it
    counts = np.bincount(codes[codes >= 0], minlength=len(labels))
    for spellings in clashes:
        kept = max(spellings, key=lambda i: (counts[i], -spellings.index(i)))
        expected = (
            f"one spelling per {column}: {show(str(labels[kept]))} (line {read.line(int(np.argmax(codes == kept)))})"
        )
        for other in spellings:
            for row in np.flatnonzero(codes == other) if other != kept else ():
                problems.append(Problem(read.label, read.line(int(row)), column, show(str(labels[other])), expected))


def check_refers_to(reads: dict[str, TableRead], problems: list[Problem]) -> None:
    """Each value of a column declared with ``refers_to`` is one the named file's column holds."""
    by_file = {read.table.file: read for read in reads.values()}
    for read in reads.values():
        for col in read.table.columns:
            if not col.refers_to or col.name not in read.frame:
                continue
            file, target_column = col.refers_to.split(" ", 1)
            target = by_file.get(file)
            if target is None or target_column not in target.frame:
                continue
            known = sorted(set(target.frame[target_column].dropna().astype(str)))
            _check_known(read, col.name, known, f"{'an' if col.name[0] in 'aeiou' else 'a'} {col.name} label that "
                         f"{file} carries", problems)  # fmt: skip


def _check_known(read: TableRead, column: str, known: list[str], wanted: str, problems: list[Problem]) -> None:
    values = read.frame[column].astype("string")
    for row in range(len(values)):
        value = values.iat[row]
        if pd.isna(value) or value in known:
            continue
        nearest = difflib.get_close_matches(str(value), known, n=NEAREST_SHOWN, cutoff=0.0)
        hint = f" (nearest: {', '.join(map(show, nearest))})" if nearest else f" (none does: {column} is empty there)"
        problems.append(Problem(read.label, read.line(row), column, show(value), wanted + hint))


def check_toll_countries(totals: TableRead, incidents: TableRead, problems: list[Problem]) -> None:
    """An operation toll naming ``countries`` must have a row of its operation there (else it counts none).

    An operation no incident carries is :func:`check_refers_to`'s business.
    """
    frame = incidents.frame
    for row in range(len(totals.frame)):
        name, listed = totals.frame["operation"].iat[row], totals.frame["countries"].iat[row]
        named = [c.strip() for c in str(listed).split(";") if c.strip()] if not pd.isna(listed) else []
        if pd.isna(name) or not named:
            continue
        its_rows = (frame["operation"] == name).to_numpy(dtype=bool, na_value=False)
        rows_in = {str(c) for c in frame["country"][its_rows].dropna()}
        if rows_in and not rows_in & set(named):
            problems.append(
                Problem(
                    totals.label,
                    totals.line(row),
                    "operation",
                    f"{show(name)} in {' and '.join(named)}",
                    "an operation with incidents in the toll's countries "
                    f"(its rows are in {', '.join(sorted(rows_in))})",
                )
            )
