"""Which of the places a clause names become the event's place."""

from analysis.extract.places import PlaceMention
from analysis.extract.siting import LAUNCH_POINT, base_near_town, distinct_sites, inside_named_provinces


def _place(name, kind, admin1, level="site"):
    return PlaceMention(0, 1, name, "Iraq", admin1, kind, 33.0, 44.0, 2, level)


AIRPORT = _place("Erbil International Airport", "facility", "Erbil")
ERBIL = _place("Erbil", "city", "Erbil")
ASAD = _place("Ain al-Asad air base", "base", "Anbar")
KIRKUK = _place("Kirkuk Governorate", "region", "Kirkuk", "province")
BAGHDAD = _place("Baghdad", "city", "Baghdad")


def test_a_town_gives_way_to_a_base_of_its_province_but_two_provinces_give_two_sites():
    assert [p.name for p in distinct_sites([AIRPORT, ERBIL])] == ["Erbil International Airport"]
    assert [p.name for p in distinct_sites([ASAD, ERBIL])] == ["Ain al-Asad air base", "Erbil"]


def test_sites_outside_a_named_province_are_dropped():
    assert [p.name for p in inside_named_provinces([KIRKUK, BAGHDAD])] == ["Kirkuk Governorate"]
    assert inside_named_provinces([BAGHDAD, ASAD]) == [BAGHDAD, ASAD]


def test_a_base_near_a_town_of_its_province():
    assert base_near_town(AIRPORT, ERBIL) and not base_near_town(ASAD, ERBIL)


def test_a_place_after_from_and_a_verb_is_the_target_not_the_launch_point():
    assert LAUNCH_POINT.search("rockets fired from the town of ")
    assert not LAUNCH_POINT.search("a drone launched from Iraq and struck the ")
    assert not LAUNCH_POINT.search("missiles fired from Yemen at ")
