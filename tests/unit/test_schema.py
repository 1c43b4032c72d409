"""Tests of analysis.schema: one vocabulary, used everywhere."""

from analysis import schema


def test_every_casualty_measure_is_a_min_max_pair_with_a_label():
    names = set(schema.INCIDENTS.column_names)
    for prefix in schema.CASUALTY_PREFIXES:
        assert {f"{prefix}_min", f"{prefix}_max"} <= names
        assert schema.MEASURE_LABELS[prefix]
    assert schema.FATALITIES in names and schema.FATALITIES in schema.MEASURE_LABELS


def test_category_labels_cover_the_category_vocabulary():
    assert list(schema.CATEGORY_LABELS) == list(schema.CATEGORIES)


def test_filter_vocabularies_are_the_columns_allowed_values():
    for column, values in schema.FILTER_VOCABULARIES.items():
        assert tuple(schema.INCIDENTS.column(column).allowed) == tuple(values)


def test_exit_codes_are_unique_and_named():
    codes = [e.code for e in schema.EXIT_CODES]
    assert len(set(codes)) == len(codes) and schema.EXIT["bad_input"] == 2 and schema.EXIT["ok"] == 0
