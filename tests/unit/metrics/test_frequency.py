"""Tests of analysis.metrics.frequency: periods, zero-filled gaps, cumulative counts and lulls."""

import pandas as pd
import pytest

from analysis.data.dataset import load_dataset
from analysis.metrics import frequency
from analysis.metrics.filters import filter_incidents
from analysis.metrics.frequency import count_per_period, find_lulls
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
    assert list(find_lulls(empty).columns) == ["began", "ended", "gap_days", "previous_incident_date", "open_ended"]
    assert len(find_lulls(empty)) == 0 and len(find_lulls(empty, top=1)) == 0


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
    out = find_lulls(drones, top=1)
    assert out[["gap_days"]].to_dict("records") == [{"gap_days": 14}]
    rockets = incidents[incidents["weapon"] == "rocket"]
    assert find_lulls(rockets, top=1)["gap_days"].tolist() == [28]


def test_one_lull_function():
    assert [name for name in dir(frequency) if "lull" in name] == ["find_lulls"]


def test_the_longest_lull_honours_the_coverage_too(incidents):
    # the 14 days 01-08..01-21 run through a week outside coverage: no lull; the longest is 01-23..02-01
    covered = spans(("2024-01-01", "2024-01-07"), ("2024-01-22", "2024-02-01"))
    assert find_lulls(incidents, top=1, coverage=covered)["gap_days"].tolist() == [9]


def test_a_selection_counted_without_its_period_says_so():
    dataset = load_dataset()
    # the only attack on US forces from September 2023 to January 2024 in the bundled table is on 2024-01-28:
    # counted without the selection's start, September to December 2023 drop out, and the result says why
    period = {"start": "2023-09-01", "end": "2024-01-31"}
    selected = filter_incidents(dataset, categories="attack_on_us", **period)
    alone = count_per_period(selected, "month")
    assert days(alone["period"]) == ["2024-01-01"]
    assert (
        alone.attrs["period"] == "start: the first incident (no start given); end: the latest incident (no end given)"
    )
    out = count_per_period(selected, "month", **period)
    assert days(out["period"]) == ["2023-09-01", "2023-10-01", "2023-11-01", "2023-12-01", "2024-01-01"]
    assert out.attrs["period"] == "start given (2023-09-01); end given (2024-01-31)"


def test_the_dataset_brings_its_own_coverage_claim(data_dir):
    (data_dir / "coverage.csv").write_text(
        "period_start,period_end,countries,basis\n2024-01-01,2024-12-31,,test claim\n", encoding="utf-8"
    )
    dataset = load_dataset(data_dir)
    out = count_per_period(dataset, "month", start="2023-11-01", end="2024-02-29")
    assert out["covered"].tolist() == [False, False, True, True]
    assert out["incidents"].isna().tolist() == [True, True, False, False]


def test_by_must_be_a_column(incidents):
    with pytest.raises(ValueError, match="by='wepon' is not a column"):
        count_per_period(incidents, by="wepon")


def test_a_frame_not_read_by_the_loader_is_refused_with_what_to_do(incidents):
    as_text = incidents.astype({"event_date": "str"})
    with pytest.raises(ValueError, match="column 'event_date' holds text .* use analysis.load_dataset"):
        count_per_period(as_text)


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


def test_a_week_the_coverage_reaches_only_in_part_is_not_covered(incidents):
    out = count_per_period(
        incidents, "week", coverage=spans(("2024-01-01", "2024-01-09"), ("2024-01-21", "2024-02-29"))
    )
    # 01-08..01-14 and 01-15..01-21 are claimed for two and one of their days: no zero is known there
    assert out["covered"].tolist() == [True, False, False, True, True]
    assert out["incidents"].tolist() == [3, pd.NA, pd.NA, 1, 1]


def test_a_period_with_incidents_but_no_claim_counts_them_without_a_rolling_mean(incidents):
    out = count_per_period(incidents, "week", coverage=spans(("2024-01-22", "2024-01-28")))
    assert out["covered"].tolist() == [False, False, False, True, False]
    assert out["incidents"].tolist() == [3, pd.NA, pd.NA, 1, 1]  # incidents in the table, not a complete count
    assert out["rolling_mean"].isna().tolist() == [True, True, True, False, True]


def test_no_claim_at_all_gives_no_zero_and_no_rolling_mean(incidents):
    out = count_per_period(incidents, "week", by="category", coverage=spans())
    assert not out["covered"].any() and 0 not in out["incidents"].dropna().tolist()
    assert out["rolling_mean"].isna().all()


def test_by_category_marks_every_row_of_an_uncovered_period(incidents):
    out = count_per_period(incidents, "week", by="category", coverage=GAP)
    hole = out[out["period"].between("2024-01-08", "2024-01-15")]
    assert len(hole) == 4 and not hole["covered"].any() and hole["incidents"].isna().all()
    assert out.loc[out["covered"], "incidents"].notna().all()


def test_periods_before_and_after_the_coverage_are_not_covered(incidents):
    out = count_per_period(incidents, "month", start="2023-11-01", end="2024-04-30", coverage=GAP)
    # January has a hole (01-08..01-21): its 4 incidents are counted, but it is not a covered month
    assert out["covered"].tolist() == [False, False, False, True, False, False]
    assert out["incidents"].tolist() == [pd.NA, pd.NA, 4, 1, pd.NA, pd.NA]


def test_a_period_that_holds_an_incident_is_never_hidden(incidents):
    out = count_per_period(incidents, "week", coverage=spans(("2024-02-01", "2024-02-29")))
    assert out["incidents"].tolist() == [3, pd.NA, pd.NA, 1, 1]
    assert out["covered"].tolist() == [False, False, False, False, False]


def test_spans_passed_as_a_value_apply_to_a_selection(incidents):
    drones = incidents[incidents["weapon"] == "drone"]
    assert count_per_period(drones, "week", coverage=GAP)["covered"].tolist() == [True, False, False, True]
    assert count_per_period(drones, "week", coverage=spans(("2024-01-01", "2024-12-31")))["covered"].all()
    assert count_per_period(drones, "week")["covered"].all()  # no spans given: everything covered


def test_no_lull_runs_through_a_period_that_is_not_covered(incidents):
    out = find_lulls(incidents, coverage=GAP)
    # 01-07 -> 01-22 runs through the hole; inside the claims: 02-02..02-29 (to the claim's end, open),
    # 01-23..01-31, 01-04..01-06 and 01-01..01-02 (from the claim's start, open)
    assert out["gap_days"].tolist() == [28, 9, 3, 2]
    assert days(out["began"]) == ["2024-02-02", "2024-01-23", "2024-01-04", "2024-01-01"]
    assert out["open_ended"].tolist() == [True, False, False, True]
    assert pd.isna(out["previous_incident_date"].iloc[3])
    touching = spans(("2024-01-01", "2024-01-07"), ("2024-01-08", "2024-02-01"))
    assert find_lulls(incidents, coverage=touching)["gap_days"].tolist() == [14, 9, 3, 2]
    assert len(find_lulls(incidents, coverage=spans(("2024-01-03", "2024-01-03")))) == 0
    assert len(find_lulls(incidents, coverage=spans())) == 0  # no claim, no lull


def test_a_claimed_quiet_span_between_two_incidents_outside_it_is_an_open_lull(incidents):
    out = find_lulls(incidents, coverage=spans(("2024-01-10", "2024-01-20")))
    assert days(out["began"]) == ["2024-01-10"] and days(out["ended"]) == ["2024-01-21"]
    assert out["open_ended"].tolist() == [True] and days(out["previous_incident_date"]) == ["2024-01-07"]


def test_relative_periods_as_in_the_cli(incidents):
    import datetime as dt

    today = dt.date.today()
    out = count_per_period(incidents, "day", start="last 3 days", end="today")
    assert days(out["period"]) == [(today - dt.timedelta(days=n)).isoformat() for n in (3, 2, 1, 0)]
    with pytest.raises(ValueError, match="count_per_period: start='soon' is not a date"):
        count_per_period(incidents, start="soon")


def test_the_dataset_as_coverage_gives_its_claim_and_no_claim_gives_no_zero_and_no_lull():
    dataset = load_dataset()  # the bundled data has no coverage.csv: it claims no period complete
    period = {"start": "2023-10-01", "end": "2024-09-30"}
    attacks = filter_incidents(dataset, categories="attack_on_us", **period)
    monthly = count_per_period(attacks, "month", coverage=dataset, **period)
    assert not monthly["covered"].any() and not (monthly["incidents"] == 0).any()
    assert monthly["rolling_mean"].isna().all()
    assert len(find_lulls(attacks, coverage=dataset)) == 0 and len(find_lulls(dataset)) == 0
    with pytest.raises(TypeError, match="coverage must be a frame of spans"):
        count_per_period(attacks, coverage="everything")
