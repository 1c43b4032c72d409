"""Relative dates resolved against the publication date, with the codebook's precision."""

import datetime as dt

import pytest

from analysis.extract.dates import find_dates

FRIDAY = dt.date(2024, 7, 26)


@pytest.mark.parametrize(
    ("passage", "day", "precision"),
    [
        ("rockets were launched late on Thursday", "2024-07-25", "day"),
        ("late Monday, a drone", "2024-07-22", "day"),
        ("on Friday the base was hit", "2024-07-26", "day"),  # the publication day itself
        ("last Sunday", "2024-07-21", "day"),
        ("overnight", "2024-07-25", "day"),
        ("today", "2024-07-26", "day"),
        ("yesterday", "2024-07-25", "day"),
        ("last week", "2024-07-15", "week"),
        ("earlier this week", "2024-07-20", "week"),
        ("earlier this month", "2024-07-01", "month"),
        ("last month", "2024-06-01", "month"),
        ("on August 5", "2023-08-05", "day"),  # after publication: the year before
        ("on July 4", "2024-07-04", "day"),
        ("on 3 February 2024", "2024-02-03", "day"),
        ("in February", "2024-02-01", "month"),
    ],
)
def test_relative_dates_resolve_from_the_publication_date(passage, day, precision):
    found = find_dates(passage, FRIDAY)
    assert [(d.day.isoformat(), d.precision) for d in found] == [(day, precision)]


def test_a_date_after_a_reporting_verb_dates_the_report():
    found = find_dates("The ministry said on Tuesday that two rockets fell on Monday", FRIDAY)
    assert [(d.day.isoformat(), d.dates_report) for d in found] == [("2024-07-23", True), ("2024-07-22", False)]


def test_offsets_point_into_the_article():
    text = "Background. Drones hit the base on Sunday."
    (found,) = find_dates(text[12:], FRIDAY, offset=12)
    assert text[found.start : found.end] == "on Sunday"


def test_an_impossible_day_is_not_a_date():
    assert find_dates("on February 30", FRIDAY) == []


@pytest.mark.parametrize(
    ("passage", "day"),
    [
        ("al-Muhandis, killed last year alongside Soleimani", "2023-01-01"),
        ("attacks earlier this year on the base", "2024-01-01"),
    ],
)
def test_last_year_and_this_year_are_years(passage, day):
    found = find_dates(passage, FRIDAY)
    assert [(d.day.isoformat(), d.precision) for d in found] == [(day, "year")]


def test_a_year_and_a_day_in_it_can_name_the_same_event():
    from analysis.extract.model import days_compatible

    assert days_compatible(dt.date(2023, 1, 1), "year", dt.date(2023, 11, 20), "day")
    assert not days_compatible(dt.date(2023, 1, 1), "year", dt.date(2024, 1, 1), "day")


def test_a_date_after_since_starts_a_period_and_dates_no_event():
    found = find_dates(
        "the 26th against US bases in Syria since October 19, the group said on Thursday", dt.date(2023, 11, 9)
    )
    assert [(d.day.isoformat(), d.rule) for d in found] == [("2023-11-09", "weekday")]


@pytest.mark.parametrize(
    ("passage", "day"),
    [
        ("as crowds marked the fifth anniversary of the bombing", dt.date(2019, 7, 1)),
        ("on the 2nd anniversary of the raid", dt.date(2022, 7, 1)),
    ],
)
def test_an_anniversary_dates_its_event_years_before_the_month_of_publication(passage, day):
    (found,) = find_dates(passage, FRIDAY)
    assert (found.day, found.precision) == (day, "month")


@pytest.mark.parametrize(
    ("passage", "day"), [("two days ago", dt.date(2024, 7, 24)), ("a day ago", dt.date(2024, 7, 25))]
)
def test_days_ago_count_back_from_publication(passage, day):
    (found,) = find_dates(f"the base was shelled {passage}", FRIDAY)
    assert (found.day, found.precision) == (day, "day")
