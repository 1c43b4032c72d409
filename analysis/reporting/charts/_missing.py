"""The one test of "is this value missing?" inside the charts package (swap it here, and only here)."""

from __future__ import annotations

import pandas as pd


def is_missing(value) -> bool:
    """True for None, NaN, NaT and ``pd.NA``; False for every string (even ``""``) and every other value.

    >>> is_missing(None), is_missing(float("nan")), is_missing(pd.NA), is_missing(pd.NaT)
    (True, True, True, True)
    >>> is_missing(""), is_missing(0), is_missing("nan")
    (False, False, False)
    """
    return value is None or (not isinstance(value, str) and pd.isna(value))
