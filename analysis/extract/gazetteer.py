"""The regional gazetteer ``gazetteer.csv`` (see ``GAZETTEER.md``): load it, find its places in a text."""

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis.data.geo import points_in_country
from analysis.data.problems import Problem
from analysis.schema import COUNTRIES

GAZETTEER_CSV = Path(__file__).with_name("gazetteer.csv")
COLUMNS = ("name", "aliases", "kind", "country", "admin1", "latitude", "longitude", "geo_precision")
COLUMNS += ("coordinate_source", "licence")
KINDS = ("base", "facility", "town", "city", "province", "country", "border_crossing", "region")
PLACE_KIND = {"base": "base", "facility": "facility", "border_crossing": "facility", "town": "city", "city": "city"}
"""``places.csv`` kind of each gazetteer kind; a province, country or region is a ``region`` there."""
MENTION_COLUMNS = ["start", "end", "matched", "name", "country", "admin1", "kind", "latitude", "longitude"]
MENTION_COLUMNS += ["geo_precision"]
_FOLD = str.maketrans(dict.fromkeys("’‘`´ʼʻ′", "'") | dict.fromkeys("‐‑‒–—−", "-"))  # apostrophes, dashes
_ARTICLE = re.compile(r"^(?:al|el)[ -]+")


class GazetteerError(ValueError):
    """The gazetteer file is not valid; ``.problems`` lists where and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def fold(text: str) -> str:
    """Lowercase, strip accents, unify apostrophes and dashes, keeping every offset.

    >>> fold("Ḩadīthah’s AL–Asad")
    "hadithah's al-asad"
    """
    low = ((c, c.lower()) for c in text.translate(_FOLD))
    return "".join(unicodedata.normalize("NFD", lo)[0] if len(lo) == 1 else c for c, lo in low)


def forms(name: str, aliases: str) -> list[str]:
    """The folded forms a place is known by: name and aliases, single blanks, leading "al-" dropped.

    >>> forms("Ain al-Asad air base", "Al-Asad;Ayn al Asad")
    ['ain al-asad air base', 'asad', 'ayn al asad']
    """
    return [_ARTICLE.sub("", " ".join(fold(f).split())) for f in [name, *aliases.split(";")] if f.strip()]


def _pattern(form: str) -> str:
    """Regex of one form: optional leading article, blanks or dashes between words, optional apostrophes."""
    words = ["(?:al|el)" if w in ("al", "el") else re.escape(w).replace("'", "'?") for w in re.split(r"[ -]+", form)]
    return r"(?:(?:al|el)[ -]*)?" + r"[ -]*".join(words)


def _row_problems(r: dict[str, str]) -> list[tuple[str, str, str]]:
    """(column, found, expected) for every bad value of one row, the coordinates' country aside."""
    bad = [(c, "nothing", "a value") for c in ("name", "coordinate_source", "licence") if not r[c].strip()]
    for col, allowed in (("kind", KINDS), ("country", COUNTRIES)):
        if r[col] not in allowed:
            bad.append((col, repr(r[col]), "one of " + ", ".join(allowed)))
    if not r["admin1"].strip() and r["kind"] not in ("country", "region"):
        bad.append(("admin1", "nothing", "the first-level division (empty only for a country or region)"))
    wanted = ("3",) if r["kind"] in ("country", "province") else ("1", "2", "3")
    if r["geo_precision"] not in wanted:
        bad.append(("geo_precision", repr(r["geo_precision"]), " or ".join(wanted) + f" for a {r['kind']}"))
    for col, bound in (("latitude", 90), ("longitude", 180)):
        if not re.fullmatch(r"-?\d{1,3}(\.\d{1,4})?", r[col]) or abs(float(r[col])) > bound:
            bad.append((col, repr(r[col]), f"decimal degrees between -{bound} and {bound}, at most 4 decimals"))
    return bad


def load_gazetteer(path: str | Path | None = None) -> pd.DataFrame:
    """Read and validate the gazetteer; :class:`GazetteerError` names file, line, column, found and expected.

    >>> g = load_gazetteer()
    >>> g.loc[g["name"] == "Tower 22", ["country", "kind", "geo_precision"]].values.tolist()
    [['Jordan', 'base', 1]]
    """
    path, problems, rows, lines, seen = Path(path or GAZETTEER_CSV), [], [], [], {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header, start = next(reader, []), 2
        if tuple(header) != COLUMNS:
            raise GazetteerError([Problem(str(path), 1, "-", repr(",".join(header)), ",".join(COLUMNS))])
        for rec in reader:
            if len(rec) != len(COLUMNS):
                problems.append(Problem(str(path), start, "-", f"{len(rec)} fields", f"{len(COLUMNS)}"))
            else:
                rows.append(r := dict(zip(COLUMNS, rec)))
                lines.append(start)
                problems += [Problem(str(path), start, *p) for p in _row_problems(r)]
                for form in forms(r["name"], r["aliases"]):  # "Qa'im" is "Qaim", "el-" is "al-"
                    key = re.sub(r"[ '-]", "", re.sub(r"(^|[ -])el(?=[ -])", r"\1al", form))
                    other = seen.setdefault((r["country"], key), r["name"])
                    if other != r["name"]:
                        expected = f"a name or alias no other place in {r['country']} has ({other})"
                        problems.append(Problem(str(path), start, "aliases", repr(form), expected))
            start = reader.line_num + 1
    if problems:
        raise GazetteerError(problems)
    g = pd.DataFrame(rows, columns=list(COLUMNS)).astype(
        {"latitude": float, "longitude": float, "geo_precision": "int8"}
    )
    g["kind"], g["country"] = pd.Categorical(g["kind"], KINDS), pd.Categorical(g["country"], COUNTRIES)
    inside = points_in_country(g["latitude"], g["longitude"], g["country"].astype(str))
    for i in (~inside).nonzero()[0]:
        found, expected = f"{g.at[i, 'latitude']}, {g.at[i, 'longitude']}", f"a point inside {g.at[i, 'country']}"
        problems.append(Problem(str(path), lines[i], "latitude", found, expected))
    if problems:
        raise GazetteerError(problems)
    return g


def find_places(text: str, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a gazetteer place in ``text``, the longest match first; ``matched == text[start:end]``.

    Names match case-insensitively on word boundaries, but a one-word name written all in lowercase is an
    ordinary word ("rockets hit", "salt"), not a place. A name several places share gives one row each.

    >>> g = load_gazetteer()
    >>> find_places("Rockets hit the Ain al-Asad airbase in Anbar.", g)[["start", "matched", "name"]].values.tolist()
    [[16, 'Ain al-Asad airbase', 'Ain al-Asad air base'], [39, 'Anbar', 'Anbar Governorate']]
    """
    matcher, places = _matcher(tuple(zip(gazetteer["name"], gazetteer["aliases"].fillna(""))))
    spans = [(*m.span(m.lastgroup), places[m.lastgroup]) for m in matcher.finditer(fold(text))]
    found = [(s, e, rows) for s, e, rows in spans if not (text[s:e].islower() and text[s:e].isalpha())]
    taken, rows = [], []
    for start, end, indices in sorted(found, key=lambda x: (x[0] - x[1], x[0])):
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            rows += [[start, end, text[start:end], *gazetteer.iloc[i][MENTION_COLUMNS[3:]]] for i in indices]
    return pd.DataFrame(sorted(rows, key=lambda r: (r[0], r[3])), columns=MENTION_COLUMNS)


@lru_cache(maxsize=4)
def _matcher(named: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, dict[str, list[int]]]:
    """One regex trying every form (longest first) at every word start, and the rows of each form's group."""
    rows_of: dict[str, list[int]] = {}
    for i, (name, aliases) in enumerate(named):
        for pattern in dict.fromkeys(_pattern(form) for form in forms(name, aliases)):
            rows_of.setdefault(pattern, []).append(i)
    ordered = sorted(rows_of, key=len, reverse=True)
    alternation = "|".join(f"(?P<f{n}>{p})" for n, p in enumerate(ordered))
    return re.compile(rf"(?<![\w'])(?=(?:{alternation})(?!\w))"), {f"f{n}": rows_of[p] for n, p in enumerate(ordered)}
