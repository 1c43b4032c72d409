"""The regional gazetteer: the shipped file loads clean, bad files are refused, places are found in text."""

import tomllib
from pathlib import Path

import pytest

from analysis.extract.gazetteer import (
    COLUMNS,
    GAZETTEER_CSV,
    KINDS,
    GazetteerError,
    find_places,
    load_gazetteer,
)
from analysis.paths import PROJECT_DIR

HEADER = ",".join(COLUMNS)
BAGHDAD = "Baghdad,Bagdad,city,Iraq,Baghdad,33.3406,44.4009,2,GeoNames 98182,CC BY 4.0 (GeoNames)"
ASAD = (
    "Ain al-Asad air base,Al-Asad,base,Iraq,Anbar,33.7857,42.4412,1,Wikipedia: Al Asad Airbase,CC BY-SA 4.0 (Wikipedia)"
)


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def write(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "gazetteer.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_shipped_gazetteer_loads_clean(gazetteer):
    assert len(gazetteer) >= 60
    assert list(gazetteer.columns) == list(COLUMNS)
    assert set(gazetteer["kind"].astype(str)) <= set(KINDS)
    assert gazetteer["coordinate_source"].str.strip().ne("").all()
    assert gazetteer["licence"].str.strip().ne("").all()
    assert gazetteer["name"].is_unique
    countries = gazetteer.loc[gazetteer["kind"] == "country", "name"]
    assert set(countries) >= {"Iraq", "Syria", "Jordan", "Lebanon", "Israel", "Iran"}
    assert gazetteer["latitude"].dtype == "float64" and gazetteer["geo_precision"].dtype == "int8"
    # coordinates keep at most 4 decimals
    assert (gazetteer["latitude"].round(4) == gazetteer["latitude"]).all()


def test_every_province_and_country_is_precision_3(gazetteer):
    coarse = gazetteer[gazetteer["kind"].isin(["province", "country"])]
    assert len(coarse) > 0 and (coarse["geo_precision"] == 3).all()


def test_a_small_good_file_loads(tmp_path):
    g = load_gazetteer(write(tmp_path, BAGHDAD, ASAD))
    assert g["name"].tolist() == ["Baghdad", "Ain al-Asad air base"]


def test_a_byte_order_mark_and_blank_lines_are_fine_and_lines_still_count(tmp_path):
    path = tmp_path / "g.csv"
    bad = BAGHDAD.replace(",CC BY 4.0 (GeoNames)", ",")
    path.write_text("\ufeff" + "\n".join([HEADER, ASAD, "", bad]) + "\n\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert str(err.value) == f"{path}:4: licence: found nothing, expected a value"


def test_duplicate_alias_in_one_country_is_refused(tmp_path):
    other = "Asad town,Al Asad,town,Iraq,Anbar,33.7,42.4,2,GeoNames 1,CC BY 4.0 (GeoNames)"
    path = write(tmp_path, ASAD, other)
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert str(err.value) == (
        f"{path}:3: aliases: found 'asad', expected a name or alias no other place in Iraq has (Ain al-Asad air base)"
    )


def test_spelling_variants_count_as_the_same_alias(tmp_path):
    qaim = "Al-Qaim,Qa'im,town,Iraq,Anbar,34.37,41.09,2,GeoNames 1,CC BY 4.0 (GeoNames)"
    other = "Qaim district,Qaim,region,Iraq,Anbar,34.37,41.09,3,GeoNames 1,CC BY 4.0 (GeoNames)"
    with pytest.raises(GazetteerError, match=r":3: aliases: found 'qaim'"):
        load_gazetteer(write(tmp_path, qaim, other))


def test_coordinate_outside_its_country_is_refused(tmp_path):
    in_iran = BAGHDAD.replace("33.3406,44.4009", "35.6944,51.4215")
    path = write(tmp_path, in_iran)
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert str(err.value) == f"{path}:2: latitude: found 35.6944, 51.4215, expected a point inside Iraq"


def test_missing_licence_is_refused(tmp_path):
    path = write(tmp_path, BAGHDAD.replace(",CC BY 4.0 (GeoNames)", ","))
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(path)
    assert str(err.value) == f"{path}:2: licence: found nothing, expected a value"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (BAGHDAD.replace(",city,", ",village,"), ":2: kind: found 'village', expected one of base, facility,"),
        (BAGHDAD.replace(",Iraq,", ",Mesopotamia,"), ":2: country: found 'Mesopotamia', expected one of Iraq,"),
        (BAGHDAD.replace("33.3406", "33.34058"), ":2: latitude: found '33.34058', expected decimal degrees"),
        (BAGHDAD.replace(",2,GeoNames", ",4,GeoNames"), ":2: geo_precision: found '4', expected 1 or 2 or 3"),
        (BAGHDAD.replace(",GeoNames 98182,", ",,"), ":2: coordinate_source: found nothing, expected a value"),
        (BAGHDAD.replace(",Baghdad,33", ",,33"), ":2: admin1: found nothing, expected the first-level division"),
        (BAGHDAD + ",extra", ":2: -: found 11 fields, expected 10"),
    ],
)
def test_each_bad_value_is_named(tmp_path, row, message):
    with pytest.raises(GazetteerError) as err:
        load_gazetteer(write(tmp_path, row))
    assert message in str(err.value)


def test_a_wrong_header_is_refused(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name,lat,lon\nBaghdad,33.3,44.4\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"g\.csv:1: -: found 'name,lat,lon', expected name,aliases,kind"):
        load_gazetteer(path)


def mentions(text, gazetteer):
    found = find_places(text, gazetteer)
    for row in found.itertuples():
        assert text[row.start : row.end] == row.matched
    return [(row.matched, row.name) for row in found.itertuples()]


def test_rockets_hit_ain_al_asad_in_anbar(gazetteer):
    text = "rockets hit the Ain al-Asad airbase in Anbar"
    assert mentions(text, gazetteer) == [
        ("Ain al-Asad airbase", "Ain al-Asad air base"),
        ("Anbar", "Anbar Governorate"),
    ]


def test_tower_22_in_north_eastern_jordan(gazetteer):
    text = "the Tower 22 outpost in north-eastern Jordan"
    assert mentions(text, gazetteer) == [("Tower 22 outpost", "Tower 22"), ("Jordan", "Jordan")]
    found = find_places(text, gazetteer).iloc[0]
    assert (found["country"], found["kind"], found["geo_precision"]) == ("Jordan", "base", 1)


def test_strikes_near_al_bukamal_and_mayadin(gazetteer):
    text = "strikes near Al-Bukamal and Mayadin"
    assert mentions(text, gazetteer) == [("Al-Bukamal", "Abu Kamal"), ("Mayadin", "Al-Mayadin")]


def test_longest_match_wins(gazetteer):
    text = "A drone struck Erbil air base; sirens sounded in Erbil."
    assert mentions(text, gazetteer) == [("Erbil air base", "Erbil International Airport"), ("Erbil", "Erbil")]


def test_spellings_apostrophes_dashes_and_articles_are_folded(gazetteer):
    text = "AYN AL ASAD, Deir al–Zour province and al‑Hasakah; also Ain al Asad air base."
    assert mentions(text, gazetteer) == [
        ("AYN AL ASAD", "Ain al-Asad air base"),
        ("Deir al–Zour province", "Deir ez-Zor Governorate"),
        ("al‑Hasakah", "Hasakah"),
        ("Ain al Asad air base", "Ain al-Asad air base"),
    ]


def test_a_lowercase_common_word_is_not_a_place(gazetteer):
    assert mentions("a rocket hit the base; salt was spilt", gazetteer) == []
    assert mentions("Hit, a town in Anbar", gazetteer)[0] == ("Hit", "Hit")


def test_word_boundaries(gazetteer):
    assert mentions("Baghdadi and Kirkuki are not places; Basra's port is", gazetteer) == [("Basra", "Basra")]


def test_an_unknown_place_gives_nothing(gazetteer):
    found = find_places("Militants attacked a checkpoint near Atlantis on Sunday.", gazetteer)
    assert found.empty
    assert list(found.columns)[:3] == ["start", "end", "matched"]


def test_names_inside_other_words_or_names_are_not_places(gazetteer):
    # Al-Quds is not an alias of Jerusalem: the Quds Force is no place; bare "al-Asad" is a president's name too
    assert mentions("The IRGC's Quds Force and Kata'ib Hezbollah denied it.", gazetteer) == []
    assert mentions("President Bashar al-Asad spoke.", gazetteer) == []


def test_article_and_quotes(gazetteer):
    text = "US troops at the al-Tanf garrison and at 'Tower 22' were targeted; Tanf was hit again."
    assert mentions(text, gazetteer) == [
        ("al-Tanf garrison", "Al-Tanf"),
        ("Tower 22", "Tower 22"),
        ("Tanf", "Al-Tanf"),
    ]


def test_a_name_shared_across_countries_gives_one_row_per_place(tmp_path):
    rafah = "Rafah,,city,Palestine,Gaza Strip,31.287,34.2595,2,GeoNames 281102,CC BY 4.0 (GeoNames)"
    other = "Rafah crossing,Rafah,border_crossing,Israel,Southern District,31.2518,34.7913,1,test,test"
    found = find_places("Aid waited at Rafah.", load_gazetteer(write(tmp_path, rafah, other)))
    assert found[["start", "end", "name", "country"]].values.tolist() == [
        [14, 19, "Rafah", "Palestine"],
        [14, 19, "Rafah crossing", "Israel"],
    ]


def test_every_source_is_one_the_documentation_names(gazetteer):
    documented = ("GeoNames ", "Wikipedia: ", "Wikipedia (de): ", "Wikipedia (fr): ", "Wikipedia (simple): ")
    documented += ("Google DSPL countries.csv",)
    assert gazetteer["coordinate_source"].str.startswith(documented).all()
    doc = (GAZETTEER_CSV.parent / "GAZETTEER.md").read_text(encoding="utf-8")
    for licence in gazetteer["licence"].unique():
        assert licence.split(" (")[0].split(":")[0] in doc, licence


def test_every_coordinate_has_an_open_licence(gazetteer):
    """Each row's coordinate comes from an openly licensed source, named in the licence column."""
    open_licences = {"CC BY 4.0", "CC BY-SA 4.0"}
    unlicensed = gazetteer.loc[~gazetteer["licence"].str.split(" (", regex=False).str[0].isin(open_licences), "name"]
    assert unlicensed.empty, f"no open licence: {sorted(unlicensed)}"


def test_the_csv_ships_in_the_wheel():
    config = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["analysis"]
    relative = GAZETTEER_CSV.relative_to(PROJECT_DIR / "analysis")
    assert any(relative.match(p) for p in patterns)
