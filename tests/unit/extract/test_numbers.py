"""Vague and exact quantities into min/best/max exactly as the codebook's table says."""

import pytest

from analysis.extract.numbers import QUANTITY, quantity_from_match


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("three", (3, 3, 3)),
        ("2,500", (2500, 2500, 2500)),
        ("about 85", (None, 85, None)),
        ("around 180", (None, 180, None)),
        ("some 1,200", (None, 1200, None)),
        ("almost 40,000", (None, 40000, 40000)),
        ("nearly 40", (None, 40, 40)),
        ("at least four", (4, None, None)),
        ("over 160", (160, None, None)),
        ("more than 300", (300, None, None)),
        ("several", (2, None, None)),
        ("multiple", (2, None, None)),
        ("a few", (2, None, None)),
        ("a handful", (2, None, None)),
        ("dozens", (12, None, None)),
        ("hundreds", (100, None, None)),
        ("thousands", (1000, None, None)),
        ("several thousand", (2000, None, None)),
    ],
)
def test_wording_gives_the_codebooks_min_best_max(wording, expected):
    match = QUANTITY.search(f"they said {wording} were hit")
    assert match.group() == wording
    assert quantity_from_match(match)[:3] == expected


def test_offsets_are_those_of_the_article():
    text = "Then over 160 attacks"
    quantity = quantity_from_match(QUANTITY.search(text, 5), offset=0)
    assert text[quantity.start : quantity.end] == "over 160"


def test_a_dozen_is_twelve():
    assert quantity_from_match(QUANTITY.search("more than a dozen shells"))[:3] == (12, None, None)
    assert quantity_from_match(QUANTITY.search("half a dozen drones"))[:3] == (6, 6, 6)
