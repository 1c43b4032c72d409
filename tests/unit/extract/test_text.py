"""Sentences and clauses, with offsets into the article."""

import pytest

from analysis.extract.text import Span, split_clauses


@pytest.mark.parametrize(
    ("sentence", "clauses"),
    [
        (
            "US jets bombed a depot on Friday in response “to repeated attacks on our troops,” an official said",
            ["US jets bombed a depot on Friday", "in response “to repeated attacks on our troops,” an official said"],
        ),
        (
            "US jets struck a depot in Syria on Monday, and a drone hit a base in Iraq on Tuesday",
            ["US jets struck a depot in Syria on Monday", "and a drone hit a base in Iraq on Tuesday"],
        ),
        (
            "The drone attack on the base came as Iran marked the anniversary of a strike",
            ["The drone attack on the base", "came as Iran marked the anniversary of a strike"],
        ),
    ],
)
def test_a_second_event_in_one_sentence_is_a_clause_of_its_own(sentence, clauses):
    found = split_clauses(Span(10, 10 + len(sentence), sentence))
    assert [c.text for c in found] == clauses
    assert all(sentence[c.start - 10 : c.end - 10] == c.text for c in found)
