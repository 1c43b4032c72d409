"""The hand-coded gold set of the article extractor (benchmarks/extraction/) is internally sound.

Every stored article matches its checksum, every quote is an exact slice of its article, every coded
value is in the schema's vocabulary, every range has min <= max, and every split is large enough.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from analysis import schema

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "benchmarks" / "extraction"
REASONS = {"aggregate", "background", "threat", "denial", "other"}
SPLITS = {"dev", "frozen", "frozen-3", "frozen-4"}
# b01-b09 (frozen-2 until it was read, now dev), c01-c09 (frozen-3) and d01-d12 (frozen-4) were found a day later
RETRIEVED = {"b": "2026-12-08", "c": "2026-12-08", "d": "2026-12-08"}
CATEGORIES = set(schema.CATEGORIES)
PRECISIONS = set(schema.DATE_PRECISIONS)
COUNTRIES = set(schema.COUNTRIES)
METRICS = set(schema.REPORTED_TOTALS.column("metric").allowed)
PAIRS = ("us_killed", "us_injured", "other_killed")


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(GOLD_DIR / name, dtype=str, keep_default_na=False, encoding="utf-8")


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return _read("articles.csv")


@pytest.fixture(scope="module")
def texts(articles: pd.DataFrame) -> dict[str, str]:
    return {r.article_id: (ROOT / r.file).read_text(encoding="utf-8") for r in articles.itertuples()}


def test_article_ids_unique_and_files_listed(articles: pd.DataFrame) -> None:
    assert articles["article_id"].is_unique
    assert set(articles["split"]) <= SPLITS
    listed = {Path(f).name for f in articles["file"] if f.startswith("benchmarks/extraction/articles/")}
    stored = {p.name for p in (GOLD_DIR / "articles").glob("*.txt")}
    assert listed == stored, f"not listed: {sorted(stored - listed)}; missing: {sorted(listed - stored)}"


def test_every_article_matches_its_sha256(articles: pd.DataFrame) -> None:
    for r in articles.itertuples():
        digest = hashlib.sha256((ROOT / r.file).read_bytes()).hexdigest()
        assert digest == r.sha256, f"{r.article_id}: {r.file} has sha256 {digest}, articles.csv says {r.sha256}"


def test_article_dates_and_provenance(articles: pd.DataFrame) -> None:
    for r in articles.itertuples():
        date.fromisoformat(r.published)
        assert r.published_basis and r.outlet and r.headline, r.article_id
        if r.article_id.startswith("seed-"):
            assert r.split == "dev" and r.file.startswith("data/raw/articles/"), r.article_id
        else:
            assert r.url.startswith("http") and r.licence_note, r.article_id
            assert r.retrieved == RETRIEVED.get(r.article_id[0], "2026-12-07"), r.article_id
            assert date.fromisoformat(r.published).year in range(2019, 2025), r.article_id


def test_split_sizes(articles: pd.DataFrame) -> None:
    counts = articles["split"].value_counts()
    assert counts.get("frozen", 0) >= 8
    assert counts.get("frozen-3", 0) >= 8
    assert counts.get("frozen-4", 0) >= 8
    assert counts.get("dev", 0) >= 25
    assert (articles["article_id"].str.startswith("seed-") & (articles["split"] == "dev")).sum() == 5


def test_frozen_split_is_the_recorded_random_draw(articles: pd.DataFrame) -> None:
    """The frozen split is re-drawn as the README records it: seed 2026, 9 of the sorted new ids (a01-a24;
    b01-b09, c01-c09 and d01-d12, added later, are not part of that draw)."""
    first_pool = articles["article_id"].str.startswith("a")
    new = sorted(articles.loc[first_pool, "article_id"])
    drawn = sorted(random.Random(2026).sample(new, 9))
    assert drawn == sorted(articles.loc[articles["split"] == "frozen", "article_id"])


@pytest.mark.parametrize("name", ["gold.csv", "gold_not_incidents.csv", "gold_totals.csv"])
def test_every_quote_is_an_exact_slice_of_its_article(name: str, articles: pd.DataFrame, texts: dict) -> None:
    table = _read(name)
    assert set(table["article_id"]) <= set(articles["article_id"]), name
    for r in table.itertuples():
        assert r.quote, f"{name}: empty quote for {r.article_id}"
        assert r.quote in texts[r.article_id], f"{name}: quote not in {r.article_id}: {r.quote!r}"


def test_gold_vocabularies_dates_and_ranges() -> None:
    gold = _read("gold.csv")
    assert gold["gold_id"].is_unique
    for r in gold.to_dict("records"):
        where = r["gold_id"]
        assert r["category"] in CATEGORIES, where
        assert r["date_precision"] in PRECISIONS, where
        assert r["country"] == "" or r["country"] in COUNTRIES, where
        assert r["location"] == "" or r["country"], f"{where}: a location needs a country"
        day = date.fromisoformat(r["event_date"])
        if r["date_precision"] == "month":
            assert day.day == 1, f"{where}: month precision is dated by the first of the month"
        if r["date_precision"] == "year":
            assert (day.month, day.day) == (1, 1), f"{where}: year precision is dated 1 January"
        for pair in PAIRS:
            lo, hi = r[f"{pair}_min"], r[f"{pair}_max"]
            for v in (lo, hi):
                assert v == "" or (v.isdigit() and int(v) <= schema.MAX_COUNT), f"{where}: {pair} {v!r}"
            if lo and hi:
                assert int(lo) <= int(hi), f"{where}: {pair}_min {lo} > {pair}_max {hi}"
        assert r["notes"], f"{where}: every gold row says how it was coded"


def test_not_incidents_reasons() -> None:
    table = _read("gold_not_incidents.csv")
    assert set(table["reason"]) <= REASONS


def test_totals_vocabularies_and_ranges() -> None:
    totals = _read("gold_totals.csv")
    for r in totals.to_dict("records"):
        assert r["metric"] in METRICS, r
        date.fromisoformat(r["as_of"])
        if r["period_start"]:
            assert date.fromisoformat(r["period_start"]) <= date.fromisoformat(r["as_of"]), r
        values = [int(r[k]) for k in ("value_min", "value_best", "value_max") if r[k]]
        assert values, f"a total with no figure: {r['quote']!r}"
        assert values == sorted(values), f"min <= best <= max: {r}"


def test_every_new_article_is_coded(articles: pd.DataFrame) -> None:
    coded = set(_read("gold.csv")["article_id"]) | set(_read("gold_not_incidents.csv")["article_id"])
    new = set(articles.loc[~articles["article_id"].str.startswith("seed-"), "article_id"])
    assert new <= coded, f"articles without any gold row: {sorted(new - coded)}"
