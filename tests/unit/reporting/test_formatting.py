"""Tests of analysis.reporting.formatting: the strings the reports show."""

import numpy as np
import pandas as pd
import pytest

from analysis.reporting.formatting import format_range, format_share_range


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (3, 5, "3–5"),
        (3, 3, "3"),
        (4, None, "at least 4"),
        (4, pd.NA, "at least 4"),
        (None, None, "unknown"),
        (pd.NA, np.nan, "unknown"),
        (0, 0, "0"),
        (np.int64(2), np.float64(7.0), "2–7"),
        (None, 5, "at most 5"),
    ],
)
def test_format_range(lo, hi, expected):
    assert format_range(lo, hi) == expected


def test_format_share_range():
    assert format_share_range(0.25, 0.5) == "25–50%"
    assert format_share_range(np.nan, 0.5) == "≤50%"
