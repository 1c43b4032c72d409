"""Tests of analysis.metrics.inputs: frames the loader did not type are refused; where a period comes from."""

import pandas as pd
import pytest

from analysis import paths
from analysis.data.dataset import load_dataset
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.counts import count_by
from analysis.metrics.inputs import describe_period, take_incidents


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


def test_a_period_says_which_bounds_were_given():
    assert describe_period(None, None) == (
        "start: the first incident (no start given); end: the latest incident (no end given)"
    )
    assert describe_period("2024-01-01", "today") == "start given (2024-01-01); end given (today)"
