"""The vocabularies and the one test of a missing value (analysis.vocabulary)."""

from __future__ import annotations

import datetime as dt
import decimal

import numpy as np
import pandas as pd
import pytest

from analysis.vocabulary import is_missing, split_values


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), np.nan, np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT"), decimal.Decimal("NaN")],
)
def test_missing_values(value):
    assert is_missing(value)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "x",
        0,
        0.0,
        np.int64(0),
        False,
        [],
        (),
        {},
        pd.Timestamp("2024-01-28"),
        dt.date(2024, 1, 28),
        np.array([1.0]),
    ],
)
def test_values_the_data_holds(value):
    assert not is_missing(value)


def test_split_values_of_a_missing_cell_is_empty():
    assert split_values(pd.NA) == split_values(np.float32("nan")) == []
