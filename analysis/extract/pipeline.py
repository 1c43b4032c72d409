"""One call from an article's text to the rows of its candidate data directory."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pandas as pd

from analysis.extract.candidates import extract_candidates
from analysis.extract.places import load_gazetteer
from analysis.extract.rows import build_rows


@lru_cache(maxsize=1)
def load_default_gazetteer() -> pd.DataFrame:
    """The gazetteer the extractor uses (loaded once per process)."""
    return load_gazetteer()


def extract_rows(text: str, published: dt.date, source_id: str, gazetteer: pd.DataFrame, taken_ids=frozenset()) -> dict:
    """:func:`~analysis.extract.rows.build_rows` of the candidates the rules read in ``text``."""
    return build_rows(extract_candidates(text, published, gazetteer), source_id, set(taken_ids))
