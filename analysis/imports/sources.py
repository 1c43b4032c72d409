"""The sources.csv rows of an import: the imported file itself, and each outlet its rows cite.

Outlets are known by name only (no raw file, no url; validation counts them in a note), and
their ids are derived from the name, so a re-import finds the same rows again.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
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
    lookup = np.array(joined + [dataset_id], dtype=object)
    source_ids = pd.Series(lookup[np.where(codes >= 0, codes, len(joined))], dtype="string")
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
