"""Evaluation of ``incidents extract`` against hand-coded gold tables (issue 21, item 7).

    python benchmarks/eval_extract.py                  # all three splits (make eval)
    python benchmarks/eval_extract.py --split dev      # the split rules may be tuned on
    python benchmarks/eval_extract.py --split dev --write-readme   # also rewrite the error buckets

Articles and gold: ``benchmarks/extraction/articles.csv`` (split dev|frozen|frozen-3) and ``gold.csv``; the seed
articles ``seed-000``..``seed-004`` are the bundled ``data/raw/articles`` texts, whose gold is the bundled
incident table (the incidents citing that source). Without ``benchmarks/extraction/`` the five seeds
form the dev split.

Matching rule: a candidate matches a gold incident of the same article with the same country and
category and a compatible date: within one day of a day-precision gold date, inside the stated week or
month otherwise. Pairs are matched one to one, nearest date first (same place before other places).
Prints ``RESULT extract_incident_f1_<split>``, precision, recall, the share of matched incidents with the
date exact (day and precision), the place exact (the same gazetteer place, through its name and aliases, or the
same name where the gazetteer has none, or both unknown), the casualty figures
exact (us_killed, us_injured, other_killed: min and max), ``RESULT extract_quote_verbatim_<split>`` (every
evidence quote an exact slice of its article: must be 1.0) and ``RESULT extract_seconds_2000_chars``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.extract.gazetteer import canonical_place, fold
from analysis.extract.pipeline import extract_rows, load_default_gazetteer

EXTRACTION_DIR = Path(__file__).resolve().parent / "extraction"
README = Path(__file__).resolve().parent / "README.md"
FIGURES = [f"{p}_{b}" for p in ("us_killed", "us_injured", "other_killed") for b in ("min", "max")]
BUCKETS = ("missed", "spurious", "wrong date", "wrong place", "wrong figures")
SPLITS = ("dev", "frozen", "frozen-3", "frozen-4")


@dataclass
class Article:
    article_id: str
    split: str
    path: Path
    published: dt.date
    gold: list[dict] = field(default_factory=list)


def load_articles() -> list[Article]:
    """Every article with its gold rows: the evaluation set when present, else the five bundled seeds."""
    seeds = _seed_articles()
    listing = EXTRACTION_DIR / "articles.csv"
    if not listing.is_file():
        return seeds
    by_seed = {a.article_id: a for a in seeds}
    gold = _read(EXTRACTION_DIR / "gold.csv")
    articles = []
    for row in _read(listing):
        if row["article_id"] in by_seed:
            seed = by_seed[row["article_id"]]
            seed.split = row["split"]
            articles.append(seed)
            continue
        path = paths.PROJECT_DIR / row["file"]
        rows = [g for g in gold if g["article_id"] == row["article_id"]]
        articles.append(Article(row["article_id"], row["split"], path, dt.date.fromisoformat(row["published"]), rows))
    return articles


def _read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _seed_articles() -> list[Article]:
    incidents = _read(paths.DATA_DIR / "incidents.csv")
    articles = []
    for source in _read(paths.DATA_DIR / "sources.csv"):
        if not source["file"]:
            continue
        number = source["source_id"][1:]
        gold = [i for i in incidents if source["source_id"] in i["source_ids"].split(";")]
        path = paths.DATA_DIR / source["file"]
        articles.append(Article(f"seed-{number}", "dev", path, dt.date.fromisoformat(source["published"]), gold))
    return articles


# --- matching ------------------------------------------------------------------------------


def date_span(day: dt.date, precision: str, tolerance_days: int) -> tuple[dt.date, dt.date]:
    """First and last day a date of this precision allows (a day: +- the tolerance)."""
    if precision == "day":
        return day - dt.timedelta(days=tolerance_days), day + dt.timedelta(days=tolerance_days)
    if precision == "week":
        return day, day + dt.timedelta(days=6)
    if precision == "month":
        nxt = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return day, nxt - dt.timedelta(days=1)
    return day, day.replace(month=12, day=31)


def _day(row: dict) -> dt.date:
    return dt.date.fromisoformat(row["event_date"])


def matches(candidate: dict, gold: dict) -> bool:
    """Same country, same category, candidate date inside the gold date's span."""
    if not candidate["country"] or candidate["country"] != gold["country"]:
        return False
    if candidate["category"] != gold["category"]:
        return False
    first, last = date_span(_day(gold), gold["date_precision"], 1)
    return first <= _day(candidate) <= last


def place_id(row: dict) -> str:
    """The place a row names: the gazetteer's name when its location is a name or alias of a gazetteer place in its
    country ("Al-Tanf Garrison" and "al-Tanf" are both "Al-Tanf"), else the folded location; "" when it has none."""
    location = (row.get("location") or "").strip()
    if not location:
        return ""
    key = (location, row.get("country") or "")
    if key not in _PLACE_IDS:
        named = canonical_place(location, key[1], load_default_gazetteer())
        _PLACE_IDS[key] = named or " ".join(fold(location).split())
    return _PLACE_IDS[key]


_PLACE_IDS: dict[tuple[str, str], str] = {}


def _same_place(candidate: dict, gold: dict) -> bool:
    return place_id(candidate) == place_id(gold)


def match_pairs(candidates: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(candidate index, gold index)``, nearest date first, same place first."""
    options = [
        (abs((_day(c) - _day(g)).days), not _same_place(c, g), ci, gi)
        for ci, c in enumerate(candidates)
        for gi, g in enumerate(gold)
        if matches(c, g)
    ]
    used_c, used_g, pairs = set(), set(), []
    for _, _, ci, gi in sorted(options):
        if ci not in used_c and gi not in used_g:
            used_c.add(ci)
            used_g.add(gi)
            pairs.append((ci, gi))
    return pairs


def _figures_exact(candidate: dict, gold: dict) -> bool:
    return all(_number(candidate.get(f)) == _number(gold.get(f)) for f in FIGURES)


def _number(value) -> int | None:
    return None if value in (None, "") else int(float(value))


# --- scoring -------------------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    date_exact: int = 0
    place_exact: int = 0
    place_name_exact: int = 0
    figures_exact: int = 0
    quotes: int = 0
    quotes_verbatim: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: {b: [] for b in BUCKETS})


def score_article(article: Article, score: Score) -> None:
    text = article.path.read_text(encoding="utf-8")
    rows = extract_rows(text, article.published, "EVAL", load_default_gazetteer())
    candidates = rows["incidents"]
    for ev, ex in zip(rows["evidence"], rows["extraction"]):
        score.quotes += 1
        score.quotes_verbatim += (
            ev["quote"] == text[int(ex["quote_start"]) : int(ex["quote_end"])] and ev["quote"] in text
        )
    pairs = match_pairs(candidates, article.gold)
    score.tp += len(pairs)
    score.fp += len(candidates) - len(pairs)
    score.fn += len(article.gold) - len(pairs)
    _bucket_unmatched(article, candidates, pairs, score)
    for ci, gi in pairs:
        c, g = candidates[ci], article.gold[gi]
        label = f"{article.article_id} {c['event_date']} {c['category']} {c['country']}"
        if c["event_date"] == g["event_date"] and c["date_precision"] == g["date_precision"]:
            score.date_exact += 1
        else:
            score.errors["wrong date"].append(
                f"{label}: {c['event_date']} {c['date_precision']}, gold {g['event_date']} {g['date_precision']}"
            )
        score.place_name_exact += (c.get("location") or "").casefold() == (g.get("location") or "").casefold()
        if _same_place(c, g):
            score.place_exact += 1
        else:
            score.errors["wrong place"].append(
                f"{label}: {c['location'] or '(unknown)'}, gold {g['location'] or '(unknown)'}"
            )
        if _figures_exact(c, g):
            score.figures_exact += 1
        else:
            shown = lambda r: " ".join(f"{f}={_number(r.get(f))}" for f in FIGURES if _number(r.get(f)) is not None)  # noqa: E731
            score.errors["wrong figures"].append(f"{label}: {shown(c) or '(none)'}; gold {shown(g) or '(none)'}")


def _bucket_unmatched(article: Article, candidates: list[dict], pairs, score: Score) -> None:
    matched_c = {ci for ci, _ in pairs}
    matched_g = {gi for _, gi in pairs}
    for ci, c in enumerate(candidates):
        if ci not in matched_c:
            score.errors["spurious"].append(
                f"{article.article_id} {c['event_date']} {c['category']} {c['country']} {c['location'] or ''}".rstrip()
            )
    for gi, g in enumerate(article.gold):
        if gi not in matched_g:
            score.errors["missed"].append(
                f"{article.article_id} {g['event_date']} {g['category']} {g['country']} {g['location'] or ''}".rstrip()
            )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def report(split: str, articles: list[Article], score: Score) -> list[str]:
    precision, recall = _ratio(score.tp, score.tp + score.fp), _ratio(score.tp, score.tp + score.fn)
    f1 = _ratio(2 * score.tp, 2 * score.tp + score.fp + score.fn)
    gold, name = score.tp + score.fn, split.replace("-", "_")
    lines = [
        f"{split}: {len(articles)} articles, {gold} gold incidents, "
        f"{score.tp + score.fp} candidates, {score.tp} matched",
        f"RESULT extract_incident_f1_{name} {f1:.3f}",
        f"RESULT extract_incident_precision_{name} {precision:.3f}",
        f"RESULT extract_incident_recall_{name} {recall:.3f}",
        f"RESULT extract_date_exact_{name} {_ratio(score.date_exact, score.tp):.3f}",
        f"RESULT extract_place_exact_{name} {_ratio(score.place_exact, score.tp):.3f}",
        f"RESULT extract_place_name_exact_{name} {_ratio(score.place_name_exact, score.tp):.3f}"
        " (the same location string, as scored before the gazetteer match)",
        f"RESULT extract_figures_exact_{name} {_ratio(score.figures_exact, score.tp):.3f}",
        f"RESULT extract_quote_verbatim_{name} {_ratio(score.quotes_verbatim, score.quotes):.3f}"
        f" ({score.quotes} quotes)",
    ]
    return lines


def time_2000_chars() -> float:
    """Seconds to extract a 2,000-character article after start-up (best of 5 runs, imports and gazetteer loaded)."""
    source = paths.DATA_DIR / "raw" / "articles"
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt")))[:2000]
    gazetteer = load_default_gazetteer()
    extract_rows(text, dt.date(2024, 8, 5), "T", gazetteer)
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        extract_rows(text, dt.date(2024, 8, 5), "T", gazetteer)
        best = min(best, time.perf_counter() - start)
    return best


def buckets_markdown(results: dict[str, Score]) -> str:
    out = []
    for split, score in results.items():
        out.append(f"**{split}** ({score.tp} matched, {score.fp} spurious, {score.fn} missed)\n")
        out.append("| bucket | count | cases |\n|---|---|---|")
        for bucket in BUCKETS:
            cases = score.errors[bucket]
            shown = "; ".join(cases[:8]) + (f"; ... {len(cases) - 8} more" if len(cases) > 8 else "")
            if split != "dev" and cases:
                shown = "(not shown: the cases of a frozen split are never read, so that no rule is tuned on them)"
            out.append(f"| {bucket} | {len(cases)} | {shown.replace('|', '/')} |")
        out.append("")
    return "\n".join(out)


def write_readme_buckets(text: str) -> None:
    begin, end = "<!-- BEGIN GENERATED: extract-eval -->", "<!-- END GENERATED: extract-eval -->"
    readme = README.read_text(encoding="utf-8")
    block = f"{begin}\n{text}\n{end}"
    if begin in readme:
        readme = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _: block, readme, flags=re.S)
    else:
        readme += f"\n{block}\n"
    README.write_text(readme, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--write-readme", action="store_true", help="rewrite the error buckets in benchmarks/README.md")
    args = parser.parse_args(argv)
    articles = load_articles()
    splits = list(SPLITS) if args.split == "all" else [args.split]
    results = {}
    for split in splits:
        chosen = [a for a in articles if a.split == split]
        score = Score()
        for article in chosen:
            score_article(article, score)
        results[split] = score
        print("\n".join(report(split, chosen, score)))
    print(f"RESULT extract_seconds_2000_chars {time_2000_chars():.4f}")
    if args.write_readme:
        write_readme_buckets(buckets_markdown(results))
        print(f"{README}: error buckets written")
    else:
        print(buckets_markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
