"""Tests of analysis.metrics.frequency: periods, zero-filled gaps, cumulative counts and lulls."""

import pandas as pd
import pytest

from analysis.metrics.frequency import count_per_period, find_longest_lull, find_lulls
from tests.fixtures.tables import make_incidents


@pytest.fixture
def incidents() -> pd.DataFrame:
    # Wed 2024-01-03 (x2, one a drone one a rocket), Sun 2024-01-07, Mon 2024-01-22, Thu 2024-02-01
    return make_incidents(
        {"event_date": "2024-01-03", "weapon": "drone"},
        {"event_date": "2024-01-03", "weapon": "rocket"},
        {"event_date": "2024-01-07", "weapon": "drone"},
        {"event_date": "2024-01-22", "weapon": "drone", "category": "us_strike"},
        {"event_date": "2024-02-01", "weapon": "rocket"},
    )


def days(series: pd.Series) -> list[str]:
    return series.dt.strftime("%Y-%m-%d").tolist()


def test_weeks_start_on_monday_and_empty_weeks_are_zero(incidents):
    out = count_per_period(incidents, "week")
    assert list(out.columns) == ["period", "incidents", "cumulative", "rolling_mean", "covered"]
    assert out["covered"].all()
    assert days(out["period"]) == ["2024-01-01", "2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"]
    assert out["incidents"].tolist() == [3, 0, 0, 1, 1]
    assert out["cumulative"].tolist() == [3, 3, 3, 4, 5]


def test_rolling_mean_over_window(incidents):
    out = count_per_period(incidents, "week", window=2)
    assert out["rolling_mean"].tolist() == [3.0, 1.5, 0.0, 0.5, 1.0]


def test_months_and_days(incidents):
    months = count_per_period(incidents, "month")
    assert days(months["period"]) == ["2024-01-01", "2024-02-01"]
    assert months["incidents"].tolist() == [4, 1]
    daily = count_per_period(incidents, "day")
    assert len(daily) == 30  # 2024-01-03 .. 2024-02-01
    assert daily["incidents"].sum() == 5 and daily["incidents"].iloc[0] == 2


def test_start_and_end_bound_the_periods(incidents):
    out = count_per_period(incidents, "week", start="2023-12-27", end="2024-01-10")
    assert days(out["period"]) == ["2023-12-25", "2024-01-01", "2024-01-08"]
    assert out["incidents"].tolist() == [0, 3, 0]
    inside = count_per_period(incidents, "week", start="2024-01-05", end="2024-01-22")
    assert inside["incidents"].tolist() == [1, 0, 0, 1]  # the two 01-03 incidents are before start


def test_by_weapon_fills_every_combination(incidents):
    out = count_per_period(incidents, "month", by="weapon")
    assert list(out.columns) == ["period", "weapon", "incidents", "cumulative", "rolling_mean", "covered"]
    assert out["weapon"].astype(str).tolist() == ["rocket", "drone", "rocket", "drone"]
    assert out["incidents"].tolist() == [1, 3, 1, 0]
    assert out["cumulative"].tolist() == [1, 3, 2, 3]
    assert isinstance(out["weapon"].dtype, pd.CategoricalDtype)


def test_empty_input_gives_empty_frames(incidents):
    empty = incidents.iloc[0:0]
    assert list(count_per_period(empty).columns) == ["period", "incidents", "cumulative", "rolling_mean", "covered"]
    assert len(count_per_period(empty)) == 0
    assert list(count_per_period(empty, by="category").columns) == [
        "period",
        "category",
        "incidents",
        "cumulative",
        "rolling_mean",
        "covered",
    ]
    assert list(find_lulls(empty).columns) == ["began", "ended", "gap_days", "previous_incident_date"]
    assert len(find_lulls(empty)) == 0 and len(find_longest_lull(empty)) == 0


def test_empty_input_with_bounds_gives_zero_periods(incidents):
    out = count_per_period(incidents.iloc[0:0], "month", start="2024-01-15", end="2024-03-01")
    assert days(out["period"]) == ["2024-01-01", "2024-02-01", "2024-03-01"]
    assert out["incidents"].tolist() == [0, 0, 0]


def test_lulls_longest_first(incidents):
    out = find_lulls(incidents)
    # 01-07 -> 01-22: 14 quiet days (08..21); 01-22 -> 02-01: 9; 01-03 -> 01-07: 3
    assert out["gap_days"].tolist() == [14, 9, 3]
    assert days(out["began"]) == ["2024-01-08", "2024-01-23", "2024-01-04"]
    assert days(out["ended"]) == ["2024-01-22", "2024-02-01", "2024-01-07"]
    assert days(out["previous_incident_date"]) == ["2024-01-07", "2024-01-22", "2024-01-03"]
    assert len(find_lulls(incidents, top=2)) == 2


def test_longest_lull_of_a_subset(incidents):
    drones = incidents[incidents["weapon"] == "drone"]
    out = find_longest_lull(drones)
    assert out[["gap_days"]].to_dict("records") == [{"gap_days": 14}]
    rockets = incidents[incidents["weapon"] == "rocket"]
    assert find_longest_lull(rockets)["gap_days"].tolist() == [28]


def test_consecutive_days_leave_no_lull():
    df = make_incidents({"event_date": "2024-03-01"}, {"event_date": "2024-03-02"})
    assert len(find_lulls(df)) == 0


def test_unknown_frequency_is_an_error(incidents):
    with pytest.raises(ValueError, match="freq must be one of"):
        count_per_period(incidents, "year")


# --- coverage: periods outside the covered spans are "not covered", never 0 -----------------


def spans(*pairs: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"period_start": pd.to_datetime([a for a, _ in pairs]), "period_end": pd.to_datetime([b for _, b in pairs])}
    )


# two covered stretches with a hole from 2024-01-08 to 2024-01-21 (weeks of 01-08 and 01-15)
GAP = spans(("2024-01-01", "2024-01-07"), ("2024-01-22", "2024-02-29"))


def test_weeks_outside_coverage_are_missing_not_zero(incidents):
    out = count_per_period(incidents, "week", coverage=GAP)
    assert out["covered"].tolist() == [True, False, False, True, True]
    assert out["incidents"].tolist() == [3, pd.NA, pd.NA, 1, 1]
    assert out["cumulative"].tolist() == [3, pd.NA, pd.NA, 4, 5]
    assert out["rolling_mean"].isna().tolist() == [False, True, True, False, False]
    # the mean of the last 4 weeks counts only the covered ones: (3 + 1) / 2 after the hole
    assert count_per_period(incidents, "week", window=4, coverage=GAP)["rolling_mean"].iloc[3] == 2.0


def test_a_week_the_coverage_reaches_only_in_part_is_covered(incidents):
    out = count_per_period(
        incidents, "week", coverage=spans(("2024-01-01", "2024-01-09"), ("2024-01-21", "2024-02-29"))
    )
    assert out["covered"].tolist() == [True, True, True, True, True]  # 01-21 is the Sunday of the week of 01-15
    assert out["incidents"].tolist() == [3, 0, 0, 1, 1]


def test_by_category_marks_every_row_of_an_uncovered_period(incidents):
    out = count_per_period(incidents, "week", by="category", coverage=GAP)
    hole = out[out["period"].between("2024-01-08", "2024-01-15")]
    assert len(hole) == 4 and not hole["covered"].any() and hole["incidents"].isna().all()
    assert out.loc[out["covered"], "incidents"].notna().all()


def test_periods_before_and_after_the_coverage_are_not_covered(incidents):
    out = count_per_period(incidents, "month", start="2023-11-01", end="2024-04-30", coverage=GAP)
    assert out["covered"].tolist() == [False, False, True, True, False, False]
    assert out["incidents"].tolist() == [pd.NA, pd.NA, 4, 1, pd.NA, pd.NA]


def test_a_period_that_holds_an_incident_is_never_hidden(incidents):
    out = count_per_period(incidents, "week", coverage=spans(("2024-02-01", "2024-02-29")))
    assert out["incidents"].tolist() == [3, pd.NA, pd.NA, 1, 1]


def test_spans_passed_as_a_value_apply_to_a_selection(incidents):
    drones = incidents[incidents["weapon"] == "drone"]
    assert count_per_period(drones, "week", coverage=GAP)["covered"].tolist() == [True, False, False, True]
    assert count_per_period(drones, "week", coverage=spans(("2024-01-01", "2024-12-31")))["covered"].all()
    assert count_per_period(drones, "week")["covered"].all()  # no spans given: everything covered


def test_no_lull_runs_through_a_period_that_is_not_covered(incidents):
    out = find_lulls(incidents, coverage=GAP)
    # 01-07 -> 01-22 runs through the hole; 01-22 -> 02-01 and 01-03 -> 01-07 are covered
    assert out["gap_days"].tolist() == [9, 3]
    assert days(out["began"]) == ["2024-01-23", "2024-01-04"]
    touching = spans(("2024-01-01", "2024-01-07"), ("2024-01-08", "2024-02-29"))
    assert find_lulls(incidents, coverage=touching)["gap_days"].tolist() == [14, 9, 3]
    assert len(find_lulls(incidents, coverage=spans(("2024-01-03", "2024-01-03")))) == 0
