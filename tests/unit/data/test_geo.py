"""Country outlines and point-in-country tests (analysis.data.geo)."""

import numpy as np

from analysis import schema
from analysis.data.geo import find_countries_containing, load_country_outlines, points_in_country


def test_outlines_cover_every_schema_country():
    outlines = load_country_outlines()
    assert set(outlines) == set(schema.COUNTRIES)
    ring = outlines["Iraq"][0]
    assert len(ring) > 50 and all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


def test_reference_sites_are_in_their_country():
    sites = [  # (lat, lon, country) from the source notes
        (33.7856, 42.4411, "Iraq"),
        (33.3142, 38.7033, "Jordan"),
        (36.8978, 41.9975, "Syria"),
        (36.7704, 42.6382, "Iraq"),
        (33.2625, 44.2344, "Iraq"),
        (34.4536, 40.9367, "Syria"),
        (34.3688, 41.0945, "Iraq"),
        (35.336, 40.145, "Syria"),
    ]
    lats, lons, countries = zip(*sites)
    assert points_in_country(lats, lons, countries).all()


def test_wrong_country_and_tolerance():
    # Al-Mayadin is ~100 km from Iraq: outside even with the tolerance
    assert not points_in_country([35.0208], [40.4533], ["Iraq"])[0]
    # Abu Kamal sits ~3 km from the Iraqi border: inside Iraq only thanks to the tolerance
    assert points_in_country([34.4536], [40.9367], ["Iraq"])[0]
    assert not points_in_country([34.4536], [40.9367], ["Iraq"], tolerance_km=0)[0]


def test_missing_values_are_false():
    out = points_in_country([np.nan, 33.7856], [42.4, 42.4411], ["Iraq", "Atlantis"])
    assert out.tolist() == [False, False]


def test_find_countries_containing():
    assert find_countries_containing(36.8978, 41.9975) == ["Syria"]
