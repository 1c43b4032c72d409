"""What every importer uses: the input file as text, its bad rows located as FILE:LINE: COLUMN, every row
accounted for, lossless ids, sides (typed cells are in :mod:`analysis.imports.cells`).

An importer reads the whole file once through pyarrow (:func:`read_text_table`), works on whole
columns, and collects a :class:`~analysis.data.problems.Problem` for every cell it cannot map
(:class:`Rejections`, located lazily: line numbers are counted only when something is wrong).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis import schema
from analysis.data.claimed_coverage import build_coverage_rows
from analysis.data.problems import Problem, show
from analysis.data.read import find_utf8_problem, read_csv_as_text, read_header, record_start_lines
from analysis.imports.cells import arrow_text
from analysis.imports.contract import Imported, Importer, ImportRejected, Option


@dataclass
class Rejections:
    """Problems found in the input file, each tied to its data row; lines are counted only when needed.

    ``keys`` (the source's own event ids, once known) are named in each problem. :meth:`settle` either
    stops the import (every problem listed) or, with ``--skip-invalid``, leaves the bad rows out;
    :meth:`reasons` then says why each was left out.
    """

    path: Path
    label: str
    problems: list[Problem] = field(default_factory=list)
    keys: pd.Series | None = None
    key_name: str = "event"
    _reasons: dict[int, list[str]] = field(default_factory=dict)
    _lines: np.ndarray | None = None

    def line(self, row: int) -> int:
        """Physical line where data row ``row`` (0-based) starts."""
        if self._lines is None:
            self._lines = record_start_lines(self.path)
        return int(self._lines[row]) if row < len(self._lines) else row + 2

    def lines(self, n_rows: int) -> np.ndarray:
        """Physical start line of every data row (``n_rows`` of them): from the count of line breaks when
        every record is one line (fast), else from the CSV reader (quoted line breaks, blank lines)."""
        if self._lines is None:
            self._lines = _one_line_records(self.path, n_rows)
        if self._lines is None:
            self._lines = record_start_lines(self.path)
        return self._lines

    def key_text(self, row: int) -> str:
        """``; <key_name> <id>`` of ``row`` when its key is known (for messages), else ``""``."""
        if self.keys is None or row >= len(self.keys) or pd.isna(self.keys.iat[row]):
            return ""
        return f"; {self.key_name} {self.keys.iat[row]}"

    def add_rows(self, rows, column: str, values, expected: str, limit: int = 200) -> None:
        """One problem per row of ``rows`` (positions), showing ``values[row]``; at most ``limit`` are listed
        as problems, every row keeps its reason for :meth:`reasons`."""
        rows = np.asarray(rows, dtype=np.int64)
        for n, row in enumerate(rows.tolist()):
            found = show(values[row])
            self._reasons.setdefault(row, []).append(f"{column}: found {found}, expected {expected}")
            if n < limit:
                self.problems.append(Problem(self.label, self.line(row), column, found, expected + self.key_text(row)))
        if len(rows) > limit:
            more = len(rows) - limit
            self.problems.append(Problem(self.label, 0, column, f"{more} more rows like these", expected))

    def add_where(self, mask, keep: np.ndarray, column: str, values: pd.Series, expected: str) -> None:
        """One problem per row where ``mask`` holds among the rows kept (``keep``); the cells are turned into
        Python objects only when some row has a problem (the usual case has none)."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool) & keep)
        if len(rows):
            self.add_rows(rows, column, values.to_numpy(object), expected)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ImportRejected(sorted(self.problems, key=lambda p: (p.line == 0, p.line)))

    def settle(self, keep: np.ndarray, skip_invalid: bool) -> np.ndarray:
        """The rows to import: ``keep`` when nothing is wrong; else :class:`ImportRejected` (nothing is
        written), or with ``skip_invalid`` ``keep`` without the rows that have a problem."""
        if not self._reasons:
            return keep
        if not skip_invalid:
            self.raise_if_any()
        bad = np.zeros(len(keep), dtype=bool)
        bad[np.fromiter(self._reasons, dtype=np.int64)] = True
        return keep & ~bad

    def reasons(self) -> dict[int, str]:
        """``{row: 'COLUMN: found X, expected Y | ...'}`` of every row with a problem.

        >>> r = Rejections(Path("x.csv"), "x.csv", _lines=np.array([2, 3]))
        >>> r.add_rows([1], "date", ["", "31 Feb"], "a date")
        >>> r.reasons()
        {1: "date: found '31 Feb', expected a date"}
        """
        return {row: " | ".join(texts) for row, texts in self._reasons.items()}


def _one_line_records(path: Path, n_rows: int) -> np.ndarray | None:
    """Lines 2 .. n_rows + 1 when the file has exactly one line per record after its header, else ``None``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     one = Path(d) / "a.csv"
    ...     _ = one.write_bytes(b"h\\n1\\n2")
    ...     _one_line_records(one, 2).tolist(), _one_line_records(one, 3)
    ([2, 3], None)
    """
    breaks, last, block = 0, 10, bytearray(1 << 24)  # one block reused (a memory map would count as resident)
    with open(path, "rb") as handle:
        while size := handle.readinto(block):
            data = np.frombuffer(block, dtype=np.uint8, count=size)
            breaks += int(np.count_nonzero(data == 10))
            last = int(data[-1])
    records = breaks + (last != 10)  # a last line without its line break is a record too
    return np.arange(2, n_rows + 2, dtype=np.int64) if records == n_rows + 1 else None


def account_for_rows(
    rejected: Rejections, keys: pd.Series, keep: np.ndarray, left_out: list[tuple[np.ndarray, pd.Series]]
) -> tuple[np.ndarray, pd.Series, pd.DataFrame]:
    """The input line and key of every kept row, and a report of every other row with its reason.

    ``left_out`` holds ``(mask, reason per row)`` pairs for rows left out on purpose (not data, other
    countries); rows with a problem (``--skip-invalid``) take :meth:`Rejections.reasons`. A row left out
    without a reason is a bug, not a silent loss: ``AssertionError``.
    Returns ``(input_lines, source_keys, skipped)``; ``skipped`` has columns ``input_line``, ``source_key``,
    ``reason``.
    """
    lines = rejected.lines(len(keep))
    reasons = np.full(len(keep), None, dtype=object)
    for mask, why in left_out:
        if not np.any(mask):
            continue
        fill = np.asarray(mask, dtype=bool) & (reasons == None)  # noqa: E711 (element-wise)
        reasons[fill] = np.asarray(why.to_numpy(object) if isinstance(why, pd.Series) else why, dtype=object)[fill]
    for row, text in rejected.reasons().items():
        if not keep[row] and reasons[row] is None:
            reasons[row] = f"invalid (--skip-invalid): {text}"
    out = ~keep
    missing = out & (reasons == None)  # noqa: E711
    assert not missing.any(), f"rows left out without a reason: {np.flatnonzero(missing)[:5].tolist()}"
    skipped = pd.DataFrame(
        {
            "input_line": lines[out],
            "source_key": keys[out].reset_index(drop=True).astype("string"),
            "reason": pd.Series(reasons[out], dtype="string"),
        }
    )
    if keep.all():  # the usual case: no copy of the keys
        return lines, keys.reset_index(drop=True).astype("string"), skipped
    return lines[keep], keys[keep].reset_index(drop=True).astype("string"), skipped


def read_text_table(
    path: Path, required: tuple[str, ...], what: str, columns: tuple[str, ...] | None = None
) -> tuple[pd.DataFrame, Rejections]:
    """Every cell of ``path`` as text (``""`` when empty), and an empty :class:`Rejections` for it;
    with ``columns``, only those columns are kept (a smaller, faster read; every row is still checked).

    Raises :class:`ImportRejected` when the file is missing, not UTF-8, malformed, or lacks a column of
    ``required`` (``what`` names the format in the message).
    """
    label = str(path)
    rejections = Rejections(path, label)
    if not path.is_file():
        raise ImportRejected([Problem(label, 0, "-", "no such file", f"a {what} CSV file")])
    try:
        header = read_header(path)
    except UnicodeDecodeError:
        header = None
        bad = find_utf8_problem(path, label)
        if bad:
            raise ImportRejected([bad]) from None
    if header is None:
        raise ImportRejected([Problem(label, 1, "-", "an empty file", f"a {what} CSV file with a header row")])
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportRejected(
            [
                Problem(
                    label, 1, c, "no such column in the header", f"the columns of a {what} file: {', '.join(required)}"
                )
                for c in missing
            ]
        )
    table = read_csv_as_text(path, columns)
    if table is None:
        raise ImportRejected([find_utf8_problem(path, label) or _malformed_problem(path, label, len(header))])
    frame = pd.DataFrame(
        {n: pd.Series(pd.arrays.ArrowStringArray(table.column(n)), copy=False) for n in table.column_names},
        copy=False,
    )
    return frame, rejections


SKIP_OTHER_COUNTRIES = Option(
    "--skip-other-countries", "leave out rows in countries outside the schema's list instead of stopping", switch=True
)
"""The option of :func:`screen_countries` for importers of files that span many countries."""
SKIP_INVALID = Option(
    "--skip-invalid",
    "import the rows that can be mapped and list each line left out (default: stop, write nothing)",
    switch=True,
)
NO_COVERAGE = Option("--no-coverage", "claim no coverage period for this file (see coverage.csv)", switch=True)


def dataset_importer(name: str, help: str, description: str, read) -> Importer:
    """The :class:`Importer` of a published dataset (ACLED, UCDP): ``read(path, mapping, skip_other_countries,
    skip_invalid, claim_coverage)`` behind ``--mapping`` (overrides), ``--skip-other-countries``,
    ``--skip-invalid`` and ``--no-coverage``."""

    def run(path: Path, options) -> Imported:
        return read(
            path,
            options.get("mapping"),
            bool(options.get("skip_other_countries")),
            bool(options.get("skip_invalid")),
            not options.get("no_coverage"),
        )

    overrides = Option("--mapping", "overrides: US forces' names, categories by id", metavar="TOML")
    options = (overrides, SKIP_OTHER_COUNTRIES, SKIP_INVALID, NO_COVERAGE)
    return Importer(name=name, help=help, description=description, run=run, options=options)


def screen_countries(
    country: pd.Series, rows: np.ndarray, skip_other_countries: bool, noun: str, rejected: Rejections
) -> tuple[np.ndarray, list[str], tuple[np.ndarray, pd.Series]]:
    """The rows to import, the line saying what was skipped, and ``(left out, reason)`` for the row report.

    A row (of ``rows``) whose country is outside ``schema.COUNTRIES`` is a
    problem, or with ``skip_other_countries`` left out and counted by country.
    """
    outside = (country.notna() & ~country.isin(schema.COUNTRIES)).to_numpy() & rows
    keep = rows & ~outside if skip_other_countries else rows
    lines = []
    if skip_other_countries and outside.any():
        counts = country[outside].value_counts()
        lines.append(
            f"skipped {int(outside.sum())} {noun} in countries outside the schema: "
            + ", ".join(f"{c} ({n})" for c, n in counts.items())
        )
    expected = f"one of {', '.join(schema.COUNTRIES)} (or --skip-other-countries)"
    rejected.add_where(outside, keep, "country", country, expected)
    reason = np.full(len(country), None, dtype=object)  # only the rows left out need their reason
    if outside.any():
        words = "country " + country[outside] + " is outside the schema's countries (--skip-other-countries)"
        reason[outside] = words.to_numpy(object)
    return keep, lines, (outside & ~keep, reason)


def coverage_claim(incidents: pd.DataFrame, basis: str, claim: bool, skipped_invalid: int = 0) -> pd.DataFrame | None:
    """The coverage a dataset import claims: its countries from its first to its last event date; ``None``
    (no claim) when ``claim`` is off, nothing was imported, or rows were left out as invalid (the period
    would then hold events the data does not list)."""
    if not claim or incidents.empty or skipped_invalid:
        return None
    countries = sorted(incidents["country"].dropna().unique().tolist())
    return build_coverage_rows(
        incidents, basis=f"{basis} (claimed by the import; --no-coverage: no claim)", countries=countries
    )


def _malformed_problem(path: Path, label: str, width: int) -> Problem:
    """The first record whose cell count differs from the header's."""
    import csv

    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        start = 1
        try:
            for i, record in enumerate(reader):
                if i and record and len(record) != width:
                    return Problem(label, start, "-", f"{len(record)} cells", f"{width} cells, as in the header")
                start = reader.line_num + 1
        except csv.Error as err:
            return Problem(label, start, "-", f"unreadable CSV ({err})", "a well-formed CSV file")
    return Problem(label, 0, "-", "a CSV file pyarrow cannot read", "a well-formed CSV file")


# --- ids ----------------------------------------------------------------------------


def stable_id(prefix: str, text: str, width: int = 40) -> str:
    """A readable id that always comes out the same for the same ``text``: a slug and a short hash.

    >>> stable_id("SRC", "Xinhua; Khaama Press"), stable_id("SRC", "Xinhua; Khaama Press") == stable_id("SRC", "xinhua")
    ('SRC-Xinhua-Khaama-Press-8d9523', False)
    """
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:width].strip("-") or "x"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return f"{prefix}-{slug}-{digest}"


def id_column(prefix: str, ids: pd.Series) -> pd.Series:
    """``<prefix>-<id>``, lossless: an id that an incident_id may hold is kept as it is; in any other, every
    character outside ``A-Z a-z 0-9 . : -`` becomes ``_<hex code>_`` (so ``IRQ 1``, ``IRQ/1`` and ``IRQ_1``
    stay three ids). The rare id that still meets another is caught by :func:`reject_id_collisions`.

    >>> id_column("ACLED", pd.Series(["IRQ123", "IRQ 1", "IRQ/1", "IRQ_1", "IRQ١٢"], dtype="string")).tolist()
    ['ACLED-IRQ123', 'ACLED-IRQ_20_1', 'ACLED-IRQ_2f_1', 'ACLED-IRQ_1', 'ACLED-IRQ_661__662_']
    """
    text = arrow_text(ids)
    valid = pc.match_substring_regex(text, r"^[A-Za-z0-9_.:-]+$")
    if not pc.all(pc.fill_null(valid, True)).as_py():
        escaped = pd.Series(text.to_pylist(), dtype=object).map(_escape_id, na_action="ignore")
        text = pc.if_else(valid, text, pa.chunked_array([pa.array(escaped, type=text.type)]))
    joined = pc.binary_join_element_wise(pa.scalar(prefix + "-", text.type), text, pa.scalar("", text.type))
    return pd.Series(pd.arrays.ArrowStringArray(joined))


def _escape_id(text: str) -> str:
    """Every character outside ``A-Z a-z 0-9 . : -`` as ``_<hex>_`` (``_`` itself too).

    >>> _escape_id("a b_c")
    'a_20_b_5f_c'
    """
    return "".join(c if c.isascii() and (c.isalnum() or c in ".:-") else f"_{ord(c):x}_" for c in text)


def reject_id_collisions(ids: pd.Series, keys: pd.Series, keep: np.ndarray, rejected: Rejections, what: str) -> None:
    """A problem for every kept row whose incident id (``ids``) an earlier kept row already has: the same
    source id twice (``what``: e.g. ``event_id_cnty``), an empty id, or two source ids made one; each names
    the other line.
    """
    empty = keys.isna().to_numpy() & keep
    rejected.add_where(empty, keep, what, keys, "an id in every row")
    taken = ids[keep]
    repeated_mask = (taken.duplicated(keep="first") & taken.notna()).to_numpy()
    if not repeated_mask.any():  # the usual case: one cheap pass over the ids
        return
    taken = pd.Series(taken.to_numpy(object), index=np.flatnonzero(keep))
    repeated = taken[repeated_mask]
    first_row = taken.reset_index().drop_duplicates(0).set_index(0)["index"]
    shown = keys.to_numpy(object)
    for row, incident_id in repeated.items():
        first = int(first_row[incident_id])
        same = keys.iat[first] == keys.iat[row]
        expected = (
            f"each id once (line {rejected.line(first)} has it too)"
            if same
            else f"an id that gives its own incident_id ({incident_id} is also made from {keys.iat[first]!r} "
            f"on line {rejected.line(first)})"
        )
        rejected.add_rows([row], what, shown, expected)


# --- sides --------------------------------------------------------------------------------


def matches_any(values: pd.Series, patterns: list[re.Pattern]) -> np.ndarray:
    """Rows whose cell any pattern is found in (each distinct cell is searched once; empty cells never match).

    >>> matches_any(pd.Series(["US forces", None, "IS", "US forces"]), [re.compile("US")]).tolist()
    [True, False, False, True]
    """
    codes, uniques = pd.factorize(values)
    hit = np.array([any(p.search(str(u)) for p in patterns) for u in uniques], dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def fully_matches(values: pd.Series, patterns: list[re.Pattern]) -> np.ndarray:
    """Rows whose whole cell a pattern matches (the US alone, not a coalition naming the US among others).

    >>> fully_matches(pd.Series(["US", "UK, US", None]), [re.compile("US")]).tolist()
    [True, False, False]
    """
    codes, uniques = pd.factorize(values)
    hit = np.array([any(p.fullmatch(str(u).strip()) for p in patterns) for u in uniques], dtype=bool)
    return np.where(codes >= 0, hit[np.maximum(codes, 0)] if len(hit) else False, False)


def categories_from_sides(
    side1: pd.Series, side2: pd.Series, us_patterns: list, name1: str, name2: str, counted: np.ndarray | None = None
) -> tuple[np.ndarray, list[str]]:
    """``us_strike`` where US forces are on side 1, ``attack_on_us`` where on side 2, else ``regional``.

    >>> us = [re.compile("Military Forces of (the )?United States")]
    >>> side1 = pd.Series(["Military Forces of the United States (2021-)", "Kataib Hezbollah"])
    >>> side2 = pd.Series(["Kataib Hezbollah", "Military Forces of United States"])
    >>> cats, _ = categories_from_sides(side1, side2, us, "actor1", "actor2")
    >>> cats.tolist()
    ['us_strike', 'attack_on_us']
    """
    us1, us2 = matches_any(side1, us_patterns), matches_any(side2, us_patterns)
    names = np.array(["us_strike", "attack_on_us", "regional"], dtype=object)  # picked, no text made per row
    category = names[np.where(us1, 0, np.where(us2, 1, 2))]
    if counted is not None:  # count only the rows that are imported
        us1, us2 = us1[counted], us2[counted]
    lines = [
        f"category from the actors: {int(us1.sum())} us_strike (US forces in {name1}), "
        f"{int((us2 & ~us1).sum())} attack_on_us (US forces in {name2}), {int((~us1 & ~us2).sum())} regional"
    ]
    return category, lines
