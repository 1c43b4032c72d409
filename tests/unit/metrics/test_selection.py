"""Tests of analysis.metrics.selection: frames the loader did not type are refused; the period a selection records."""

import pandas as pd
import pytest

from analysis import paths
from analysis.data.read import load_dataset
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.selection import SELECTION_PERIOD_ATTR, choose_period, take_incidents


def test_the_dataset_or_its_incidents_are_taken():
    dataset = load_dataset()
    assert take_incidents(dataset, "x") is dataset.incidents
    assert take_incidents(dataset.incidents, "x") is dataset.incidents


@pytest.mark.parametrize("function", [count_by, tally_casualties])
def test_every_metric_refuses_a_plain_read_csv_frame(function):
    raw = pd.read_csv(paths.DATA_DIR / "incidents.csv")
    with pytest.raises(ValueError, match=f"{function.__name__}: column 'event_date' holds text .*load_dataset"):
        function(raw, "country")


def test_figures_read_as_text_are_refused():
    df = pd.DataFrame({"event_date": pd.to_datetime(["2024-01-01"]), "us_killed_min": ["3"]})
    with pytest.raises(ValueError, match="column 'us_killed_min' holds text .* expected numbers"):
        take_incidents(df, "tally_casualties")


def test_given_bounds_win_over_recorded_ones():
    df = pd.DataFrame()
    df.attrs[SELECTION_PERIOD_ATTR] = ("2023-10-01", "2024-01-31")
    assert choose_period(df, "2024-01-01", None) == (
        "2024-01-01",
        "2024-01-31",
        "start given; end from the selection (filter_incidents)",
    )
    assert choose_period(pd.DataFrame(), None, None)[:2] == (None, None)
