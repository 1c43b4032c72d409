"""The sources.csv rows of an import: the imported file itself, and each outlet its rows cite.

Outlets are known by name only (no raw file, no url; validation counts them in a note), and
their ids are derived from the name, so a re-import finds the same rows again.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from analysis import schema
from analysis.imports.cells import choose_text, parse_date_text
from analysis.imports.toolkit import stable_id

NOT_DATED = "not stated: the dataset names the outlet only, without the article or its date"


def empty_sources() -> pd.DataFrame:
    """A sources table with no rows (columns of ``schema.SOURCES``, as text)."""
    return pd.DataFrame({c: pd.Series([], dtype="string") for c in schema.SOURCES.column_names})


def dataset_source(prefix: str, file_name: str, url: str | None, outlet: str, headline: str | None = None) -> dict:
    """The sources.csv row of the imported file (an external reference).

    >>> dataset_source("ACLED", "x.csv", "https://acleddata.com/", "ACLED")["source_id"]
    'ACLED-FILE-x-csv-68f17f'
    """
    return {
        "source_id": stable_id(f"{prefix}-FILE", file_name),
        "file": None,
        "url": url,
        "outlet": outlet,
        "headline": headline or f"{outlet} data file {file_name}",
        "published": None,
        "published_basis": "not stated in the file: the date of the download is not recorded in it",
        "sha256": None,
    }


def outlet_sources(prefix: str, cells: pd.Series, dataset_id: str) -> tuple[pd.Series, pd.DataFrame]:
    """``source_ids`` of every row (the dataset, then each outlet named in the ``;``-separated cell) and
    the sources.csv rows of the outlets.

    >>> ids, rows = outlet_sources("ACLED", pd.Series(["Xinhua; Reuters", None, "Reuters"], dtype="string"), "D")
    >>> ids.tolist()
    ['D;SRC-Xinhua-9a2ad6;SRC-Reuters-577035', 'D', 'D;SRC-Reuters-577035']
    >>> rows["outlet"].tolist()
    ['Xinhua', 'Reuters']
    """
    codes, uniques = pd.factorize(cells)
    names: dict[str, str] = {}
    joined = []
    for cell in uniques:
        ids = [dataset_id]
        for name in schema.split_values(cell):
            names.setdefault(name, stable_id("SRC", name))
            ids.append(names[name])
        joined.append(";".join(dict.fromkeys(ids)))
    source_ids = choose_text(np.where(codes >= 0, codes, len(joined)), [*joined, dataset_id])
    rows = pd.DataFrame(
        {
            "source_id": list(names.values()),
            "file": None,
            "url": None,
            "outlet": list(names),
            "headline": f"an article cited by {prefix} (not named in the data)",
            "published": None,
            "published_basis": NOT_DATED,
            "sha256": None,
        }
    )
    return source_ids, rows if len(rows) else empty_sources()


PLACEHOLDER_DATE = "1753-01-01"
"""UCDP's placeholder for the unknown date of a cited article: not a date."""
_CITATION = re.compile(r'"([^",]+),(\d{4}-\d{2}-\d{2}),([^"]*)"')


def citation_sources(articles: pd.Series, offices: pd.Series, dataset_id: str) -> tuple[pd.Series, pd.DataFrame, int]:
    """``source_ids`` per event, the sources.csv rows of UCDP's citations (``"Outlet,YYYY-MM-DD,Headline"``,
    dated) or of its outlets (named only), and how many citations carry UCDP's placeholder date.

    A citation's date is its published date only when it is a real date from ``schema.EARLIEST_DATE`` to
    today; UCDP's placeholder ``1753-01-01`` or an impossible day (``2014-02-31``) is an unknown date, said
    in ``published_basis``.

    >>> ids, rows, placeholder = citation_sources(
    ...     pd.Series(['"AFP,1753-01-01,Clash"', '"AFP,2014-02-31,Raid"']), pd.Series(["", ""]), "D")
    >>> rows["published"].tolist(), placeholder
    ([None, None], 1)
    """
    rows: dict[str, dict] = {}
    ids = []
    placeholder = 0
    for article, office in zip(articles.fillna("").tolist(), offices.fillna("").tolist(), strict=False):
        cited = [dataset_id]
        citations = _CITATION.findall(article)
        for outlet, date, headline in citations:
            sid = stable_id("SRC", f"{outlet}|{date}|{headline}")
            placeholder += date == PLACEHOLDER_DATE
            published, basis = _citation_date(date)
            headline = headline.strip() or "no headline given"
            rows.setdefault(sid, _source_row(sid, outlet.strip(), headline, published, basis))
            cited.append(sid)
        if not citations:
            for outlet in schema.split_values(office):
                sid = stable_id("SRC", outlet)
                headline, basis = (
                    "an article cited by UCDP (not named in the data)",
                    "not stated: UCDP names the outlet only",
                )
                rows.setdefault(sid, _source_row(sid, outlet, headline, None, basis))
                cited.append(sid)
        ids.append(";".join(dict.fromkeys(cited)))
    frame = pd.DataFrame(list(rows.values()), columns=schema.SOURCES.column_names)
    return pd.Series(ids, dtype="string"), frame, placeholder


def _citation_date(text: str) -> tuple[str | None, str]:
    """The published date of a UCDP citation dated ``text``, and its basis.

    >>> _citation_date("2014-01-25"), _citation_date("1753-01-01")[0]
    (('2014-01-25', "the date UCDP's source_article gives"), None)
    """
    if text == PLACEHOLDER_DATE:
        return None, f"not known: UCDP gives its placeholder {PLACEHOLDER_DATE}, which is not a date"
    real = parse_date_text(text, ["%Y-%m-%d"]) is not None
    if not real or not (schema.EARLIEST_DATE <= text <= dt.date.today().isoformat()):
        expected = f"a real date from {schema.EARLIEST_DATE} to today"
        return None, f"not known: UCDP's source_article gives {text!r}, not {expected}"
    return text, "the date UCDP's source_article gives"


def _source_row(sid: str, outlet: str, headline: str, published: str | None, basis: str) -> dict:
    return {
        "source_id": sid,
        "file": None,
        "url": None,
        "outlet": outlet,
        "headline": headline,
        "published": published,
        "published_basis": basis,
        "sha256": None,
    }
