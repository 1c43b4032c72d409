"""Write gold.csv, gold_not_incidents.csv and gold_totals.csv from the hand coding below.

The coding (dates, places, figures, notes) is typed by hand here; the quotes are NOT typed: each quote
is given by two anchors, the words it starts with and the words it ends with, and the quote written to
the CSV is the slice of the article file between them (a missing or ambiguous anchor stops the script).
So every quote is copied by program from the stored text, with its curly quotes and spacing.

Run from the repository root: ``python3 benchmarks/extraction/build_gold.py``.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gold_coding_frozen2  # noqa: E402
import gold_coding_frozen3  # noqa: E402
import gold_coding_frozen4  # noqa: E402
from articles_meta import (  # noqa: E402
    FROZEN,
    META,
    META_FROZEN_2,
    META_FROZEN_3,
    META_FROZEN_4,
    RETRIEVED_FROZEN_2,
    RETRIEVED_FROZEN_3,
    RETRIEVED_FROZEN_4,
    URLS,
    URLS_FROZEN_2,
    URLS_FROZEN_3,
    URLS_FROZEN_4,
)
from gold_coding import INCIDENTS, NOT_INCIDENTS, TOTALS  # noqa: E402

_LATER = (gold_coding_frozen2, gold_coding_frozen3, gold_coding_frozen4)
INCIDENTS = INCIDENTS + [r for m in _LATER for r in m.INCIDENTS]
NOT_INCIDENTS = NOT_INCIDENTS + [r for m in _LATER for r in m.NOT_INCIDENTS]
TOTALS = TOTALS + [r for m in _LATER for r in m.TOTALS]

REPO = HERE.parent.parent
RETRIEVED = "2026-12-07"
ARTICLE_COLUMNS = [
    "article_id",
    "split",
    "file",
    "url",
    "outlet",
    "headline",
    "published",
    "published_basis",
    "sha256",
    "retrieved",
    "licence_note",
]

GOLD_COLUMNS = [
    "article_id",
    "gold_id",
    "event_date",
    "date_precision",
    "country",
    "admin1",
    "location",
    "category",
    "us_killed_min",
    "us_killed_max",
    "us_injured_min",
    "us_injured_max",
    "other_killed_min",
    "other_killed_max",
    "quote",
    "notes",
]
NOT_COLUMNS = ["article_id", "quote", "reason", "notes"]
TOTAL_COLUMNS = [
    "article_id",
    "metric",
    "scope",
    "value_min",
    "value_best",
    "value_max",
    "period_start",
    "as_of",
    "quote",
]
FIGURES = {"uk": "us_killed", "ui": "us_injured", "ok": "other_killed"}


def article_text(article_id: str) -> str:
    return (HERE / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")


def slice_quote(article_id: str, anchors: tuple[str, str] | str) -> str:
    """The exact slice of the article from the first anchor's start to the second anchor's end."""
    text = article_text(article_id)
    start, end = (anchors, anchors) if isinstance(anchors, str) else anchors
    if text.count(start) != 1:
        raise SystemExit(f"{article_id}: start anchor found {text.count(start)} times: {start!r}")
    i = text.index(start)
    j = text.find(end, i)
    if j < 0 or j + len(end) < i + len(start):
        raise SystemExit(f"{article_id}: end anchor not found after start: {end!r}")
    return text[i : j + len(end)]


def parse_figures(spec: str) -> dict[str, str]:
    """'uk:3-3 ui:34-' -> us_killed_min 3, us_killed_max 3, us_injured_min 34, us_injured_max empty."""
    out = {f"{name}_{b}": "" for name in FIGURES.values() for b in ("min", "max")}
    for part in spec.split():
        key, rng = part.split(":")
        lo, hi = rng.split("-")
        out[f"{FIGURES[key]}_min"], out[f"{FIGURES[key]}_max"] = lo, hi
    return out


def split_of(article_id: str) -> str:
    """The split of a new article: frozen-4 and frozen-3 by batch, frozen by the recorded draw, else dev."""
    if article_id in META_FROZEN_4:
        return "frozen-4"
    if article_id in META_FROZEN_3:
        return "frozen-3"
    return "frozen" if article_id in FROZEN else "dev"


def write_articles() -> None:
    """articles.csv: the five bundled seed articles (gold = data/), then the new articles."""
    rows = []
    with open(REPO / "data" / "sources.csv", encoding="utf-8", newline="") as fh:
        seeds = [r for r in csv.DictReader(fh) if r["file"]]
    for r in seeds:
        path = f"data/{r['file']}"
        rows.append(
            {
                "article_id": "seed-" + r["source_id"][1:],
                "split": "dev",
                "file": path,
                "url": "",
                "outlet": r["outlet"],
                "headline": r["headline"],
                "published": r["published"],
                "published_basis": r["published_basis"],
                "sha256": hashlib.sha256((REPO / path).read_bytes()).hexdigest(),
                "retrieved": "",
                "licence_note": f"bundled seed article ({r['source_id']} in data/sources.csv); its gold is the bundled "
                "table in data/ (incidents.csv, evidence.csv, reported_totals.csv)",
            }
        )
    # frozen-2 (b01-b09) was measured once, then its errors were read: it is dev since session 6, round 2
    batches = [(META, URLS, RETRIEVED), (META_FROZEN_2, URLS_FROZEN_2, RETRIEVED_FROZEN_2)]
    batches.append((META_FROZEN_3, URLS_FROZEN_3, RETRIEVED_FROZEN_3))
    batches.append((META_FROZEN_4, URLS_FROZEN_4, RETRIEVED_FROZEN_4))
    listing = [(aid, meta, urls, retrieved) for meta, urls, retrieved in batches for aid in sorted(meta)]
    for aid, meta, urls, retrieved in listing:
        outlet, headline, published, basis, holder = meta[aid]
        path = f"benchmarks/extraction/articles/{aid}.txt"
        rows.append(
            {
                "article_id": aid,
                "split": split_of(aid),
                "file": path,
                "url": urls[aid],
                "outlet": outlet,
                "headline": headline,
                "published": published,
                "published_basis": basis,
                "sha256": hashlib.sha256((REPO / path).read_bytes()).hexdigest(),
                "retrieved": retrieved,
                "licence_note": f"copyright {holder}; stored as a short excerpt (the first ~2,000 characters of a "
                "stored copy of the page) for research evaluation only",
            }
        )
    with open(HERE / "articles.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, ARTICLE_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    write_articles()
    rows = []
    for r in INCIDENTS:
        row = {
            "article_id": r["a"],
            "gold_id": r["id"],
            "event_date": r["date"],
            "date_precision": r["prec"],
            "country": r.get("country", ""),
            "admin1": r.get("admin1", ""),
            "location": r.get("loc", ""),
            "category": r["cat"],
            **parse_figures(r.get("fig", "")),
            "quote": slice_quote(r["a"], r["q"]),
            "notes": r["notes"],
        }
        rows.append(row)
    with open(HERE / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, GOLD_COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with open(HERE / "gold_not_incidents.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, NOT_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in NOT_INCIDENTS:
            w.writerow(
                {"article_id": r["a"], "quote": slice_quote(r["a"], r["q"]), "reason": r["reason"], "notes": r["notes"]}
            )
    with open(HERE / "gold_totals.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, TOTAL_COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in TOTALS:
            w.writerow(
                {
                    "article_id": r["a"],
                    "metric": r["metric"],
                    "scope": r.get("scope", ""),
                    "value_min": r.get("min", ""),
                    "value_best": r.get("best", ""),
                    "value_max": r.get("max", ""),
                    "period_start": r.get("start", ""),
                    "as_of": r["as_of"],
                    "quote": slice_quote(r["a"], r["q"]),
                }
            )
    print(
        f"gold.csv: {len(rows)} incidents; gold_not_incidents.csv: {len(NOT_INCIDENTS)}; gold_totals.csv: {len(TOTALS)}"
    )


if __name__ == "__main__":
    main()
