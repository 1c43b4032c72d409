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


def test_a_town_named_with_governorate_is_the_province(gazetteer):
    """ "near Syria's al-Hasakeh governorate" names the province the base is in, not a second site."""
    found = find_place_mentions("a drone on al-Shaddadi military base near Syria's al-Hasakeh governorate", gazetteer)
    assert [(m.name, m.level, m.admin1) for m in found] == [
        ("Shaddadi", "site", "Hasakah"),
        ("Syria", "country", ""),
        ("Hasakah", "province", "Hasakah"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Al-Mayadin TV said a drone had struck a convoy near the border.",  # an outlet named after a town
        "Erbil reported that the airport was closed after the strike.",  # a government by its capital
    ],
)
def test_a_place_name_that_speaks_is_not_a_place(gazetteer, text):
    assert [m.name for m in find_place_mentions(text, gazetteer)] == []


def test_a_place_followed_by_its_speaker_stays_a_place(gazetteer):
    found = find_place_mentions("Two rockets fell near Erbil, officials reported.", gazetteer)
    assert [m.name for m in found] == ["Erbil"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A drone fell on a farm near al-Malikiyah on Sunday.", ("Al-Malikiyah", "Syria", "Hasakah")),
        ("Sirens sounded across the Upper Galilee after the launch.", ("Upper Galilee", "Israel", "Northern District")),
    ],
)
def test_places_of_the_north_east_of_syria_and_the_north_of_israel(gazetteer, text, expected):
    (found,) = [m for m in find_place_mentions(text, gazetteer) if m.level == "site"]
    assert (found.name, found.country, found.admin1) == expected


def test_the_province_of_a_town_is_the_province(gazetteer):
    found = find_place_mentions("Two mortar rounds landed in the province of Kirkuk overnight.", gazetteer)
    assert [(m.name, m.level, m.admin1) for m in found] == [("Kirkuk", "province", "Kirkuk")]
