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
MENTION_COLUMNS = ["start", "end", "matched", "name", "country", "admin1", "kind", *COLUMNS[5:8]]
_FOLD = str.maketrans(dict.fromkeys("’‘`´ʼʻ′", "'") | dict.fromkeys("‐‑‒–—−", "-"))  # apostrophes, dashes
_ARTICLE = re.compile(r"(?:al|el)[ -]+")
_OPTIONAL_ARTICLE = r"(?:(?:al|el)[ -]*)?"


class GazetteerError(ValueError):
    """The gazetteer file is not valid; ``.args`` are its problems, one ``FILE:LINE: COLUMN: found X, expected Y``."""

    def __str__(self) -> str:
        return "\n".join(map(str, self.args))


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
    folded = [" ".join(fold(f).split()) for f in [name, *aliases.split(";")] if f.strip()]
    return [f[m.end() :] if (m := _ARTICLE.match(f)) else f for f in folded]


def place_key(form: str) -> str:
    """The key two spellings of one folded name share (see ``forms``): no blanks, dashes or apostrophes, "el" as "al".

    >>> place_key("qa'im") == place_key("qaim"), place_key("el-omar") == place_key("al omar")
    (True, True)
    """
    return re.sub(r"[ '-]", "", re.sub(r"(^|[ -])el(?=[ -])", r"\1al", form))


def canonical_place(name: str, country: str, gazetteer: pd.DataFrame) -> str | None:
    """The gazetteer's name of the place called ``name`` (its name or an alias) in ``country``; None if it has none.

    >>> g = load_gazetteer()
    >>> canonical_place("al-Tanf garrison", "Syria", g), canonical_place("Mission Support Site Conoco", "Syria", g)
    ('Al-Tanf', 'Conoco gas field')
    >>> canonical_place("Tanf", "Iraq", g) is None
    True
    """
    keys = {place_key(f) for f in forms(name, "")}
    for row in gazetteer.loc[gazetteer["country"] == country, ["name", "aliases"]].itertuples(index=False):
        if keys & {place_key(f) for f in forms(row.name, row.aliases or "")}:
            return row.name
    return None


def _pattern(form: str) -> str:  # optional leading article, blanks or dashes between words, optional apostrophes
    words = ["(?:al|el)" if w in ("al", "el") else re.escape(w).replace("'", "'?") for w in re.split(r"[ -]+", form)]
    return _OPTIONAL_ARTICLE + r"[ -]*".join(words)


def _row_problems(r: dict[str, str]) -> list[tuple[str, str, str]]:  # (column, found, expected) of each bad value
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
    path, problems, rows, seen = Path(path or GAZETTEER_CSV), [], [], {}
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header, start = next(reader, []), 2
        if tuple(header) != COLUMNS:
            raise GazetteerError(Problem(str(path), 1, "-", repr(",".join(header)), ",".join(COLUMNS)))
        for rec in reader:
            if rec and len(rec) != len(COLUMNS):
                problems.append(Problem(str(path), start, "-", f"{len(rec)} fields", f"{len(COLUMNS)}"))
            elif rec:  # a blank line is skipped
                rows.append(r := dict(zip(COLUMNS, rec), line=start))
                problems += [Problem(str(path), start, *p) for p in _row_problems(r)]
                for form in forms(r["name"], r["aliases"]):  # "Qa'im" is "Qaim", "el-" is "al-"
                    other = seen.setdefault((r["country"], place_key(form)), r["name"])
                    if other != r["name"]:
                        expected = f"a name or alias no other place in {r['country']} has ({other})"
                        problems.append(Problem(str(path), start, "aliases", repr(form), expected))
            start = reader.line_num + 1
    if problems:
        raise GazetteerError(*problems)
    g = pd.DataFrame(rows, columns=list(COLUMNS)).astype({"latitude": float, "longitude": float, "geo_precision": "i1"})
    g["kind"], g["country"] = pd.Categorical(g["kind"], KINDS), pd.Categorical(g["country"], COUNTRIES)
    inside = points_in_country(g["latitude"], g["longitude"], g["country"].astype(str))
    for i in (~inside).nonzero()[0]:
        found, expected = f"{g.at[i, 'latitude']}, {g.at[i, 'longitude']}", f"a point inside {g.at[i, 'country']}"
        problems.append(Problem(str(path), rows[i]["line"], "latitude", found, expected))
    if problems:
        raise GazetteerError(*problems)
    return g


def find_places(text: str, gazetteer: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a gazetteer place in ``text``, the longest match first; ``matched == text[start:end]``.

    Case-insensitive, on word boundaries; a one-word name all in lowercase is a word ("rockets hit"), not a place.
    A name several places share (in different countries) gives one row per place.

    >>> g = load_gazetteer()
    >>> find_places("Rockets hit the Ain al-Asad airbase in Anbar.", g)[["start", "matched", "name"]].values.tolist()
    [[16, 'Ain al-Asad airbase', 'Ain al-Asad air base'], [39, 'Anbar', 'Anbar Governorate']]
    """
    regexes, rows_of = _matcher(tuple(zip(gazetteer["name"], gazetteer["aliases"].fillna(""))))
    folded, found = fold(text), []
    for word in re.finditer(r"(?<!\w)\w", folded):
        article = _ARTICLE.match(folded, word.start())  # a form may also start after an "al-"
        for letter in {word.group(), folded[article.end() : article.end() + 1] if article else ""} & regexes.keys():
            m = regexes[letter].match(folded, word.start())
            if m and not (text[m.start() : m.end()].islower() and text[m.start() : m.end()].isalpha()):
                found.append((m.start(), m.end(), rows_of[m.lastgroup]))
    taken, rows = [], []
    for start, end, indices in sorted(found, key=lambda x: (x[0] - x[1], x[0])):
        if not any(start < e and s < end for s, e in taken):
            taken.append((start, end))
            rows += [[start, end, text[start:end], *gazetteer.iloc[i][MENTION_COLUMNS[3:]]] for i in indices]
    return pd.DataFrame(sorted(rows, key=lambda r: (r[0], r[3])), columns=MENTION_COLUMNS)


@lru_cache(maxsize=4)
def _matcher(named: tuple[tuple[str, str], ...]) -> tuple[dict[str, re.Pattern], dict[str, list[int]]]:
    """Per first letter of the forms, a regex of them (longest first); and the rows each named group stands for."""
    rows_of: dict[str, list[int]] = {}
    for i, (name, aliases) in enumerate(named):
        for pattern in dict.fromkeys(_pattern(form) for form in forms(name, aliases)):
            rows_of.setdefault(pattern, []).append(i)
    ordered, by_letter = sorted(rows_of, key=len, reverse=True), {}
    for n, pattern in enumerate(ordered):
        by_letter.setdefault(pattern[len(_OPTIONAL_ARTICLE)], []).append(f"(?P<f{n}>{pattern})")
    regexes = {letter: re.compile(f"(?:{'|'.join(alts)})(?!\\w)") for letter, alts in by_letter.items()}
    return regexes, {f"f{n}": rows_of[p] for n, p in enumerate(ordered)}
