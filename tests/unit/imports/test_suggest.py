"""incidents import csv --suggest: a starter mapping for the real Wikipedia tracker table."""

from __future__ import annotations

from pathlib import Path

from analysis.imports.suggest import suggest_mapping

TABLE = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "tracker" / "wikipedia_us_attacks_on_syria.csv"


def test_suggest_guesses_the_columns_and_the_date_format():
    text = suggest_mapping(TABLE)
    assert 'event_date = "Date"' in text and 'location = "Location"' in text
    assert 'formats = ["%B %d, %Y"]  # fits 11 of the first 11 dates' in text
    assert "'Al-Tanf, Eastern Homs Governorate' x4" in text
