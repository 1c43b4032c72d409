"""Places named as places: sites, provinces, countries; adjectives, actors and datelines left out."""

import pytest

from analysis.extract.places import find_place_mentions, load_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rockets hit Ain al-Asad airbase in western Iraq", [("Ain al-Asad air base", "site"), ("Iraq", "country")]),
        ("Iran-backed militias fired at the base", []),  # an adjective, not a place
        ("Iran launched missiles", []),  # an actor
        ("Iran attacked Israel", [("Israel", "country")]),
        ("strikes in Iraq and Syria", [("Iraq", "country"), ("Syria", "country")]),
        ("ERBIL (Reuters) - A drone", []),  # a dateline
    ],
)
def test_places_named_as_places(gazetteer, text, expected):
    assert [(m.name, m.level) for m in find_place_mentions(text, gazetteer)] == expected
