"""``incidents extract``: the candidate data directory of one article.

The directory is complete (``incidents validate`` accepts it): ``sources.csv`` with the article under
``raw/articles/`` byte for byte, ``incidents.csv`` (the candidates), ``evidence.csv`` (a verbatim quote
for every field filled), ``places.csv``, ``reported_totals.csv``, and two sidecars the validator does
not read: ``extraction.csv`` (each quote's offsets, the rule that read it, the candidate's confidence
and every rule fired) and ``decided_against.csv`` (the mentions not coded, with the reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from analysis import paths, schema
from analysis.extract.article import ArticleRejected, check_article_bytes, parse_published, read_article_bytes
from analysis.extract.pipeline import extract_rows, load_default_gazetteer
from analysis.extract.rows import DECIDED_AGAINST_COLUMNS, EXTRACTION_COLUMNS
from analysis.extract.store import StoreRejected, hold_lock, read_rows, replace_directory, write_rows
from analysis.files import sha256_hex

SIDECARS = {"extraction": EXTRACTION_COLUMNS, "decided_against": DECIDED_AGAINST_COLUMNS}


@dataclass
class Article:
    """An article to code: its bytes, text, publication date and the ``sources.csv`` row it has or gets."""

    data: bytes
    text: str
    published: dt.date
    source: dict


def next_source_id(sources: list[dict]) -> str:
    """The next free ``S<NNN>`` id.

    >>> next_source_id([{"source_id": "S004"}, {"source_id": "X018"}])
    'S005'
    """
    numbers = [int(s["source_id"][1:]) for s in sources if s["source_id"][:1] == "S" and s["source_id"][1:].isdigit()]
    return f"S{max(numbers, default=-1) + 1:03d}"


def raw_file_name(source_id: str, digest: str) -> str:
    """``raw/articles/005_636d4b0fc0054440.txt``: the id's number and the start of the SHA-256."""
    return f"raw/articles/{source_id[1:]}_{digest[:16]}.txt"


def find_held(sources: list[dict], digest: str) -> dict | None:
    """The source row whose raw file has this SHA-256, if any."""
    return next((s for s in sources if s.get("sha256") == digest), None)


def load_article(article: str, published: str | None, data_dir: Path | None) -> Article:
    """The article named by a file path or by a source id of ``data_dir``, with its source row."""
    data_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    sources = read_rows(data_dir / "sources.csv")
    held_by_id = next((s for s in sources if s["source_id"] == article), None)
    if held_by_id is not None and not Path(article).exists():
        if not held_by_id.get("file"):
            raise ArticleRejected(f"{article}: found an external reference (no raw file), expected a bundled article")
        data = read_article_bytes(data_dir / held_by_id["file"])
        day = parse_published(published or held_by_id.get("published") or "")
        return Article(data, check_article_bytes(data, article), day, held_by_id)
    data = read_article_bytes(Path(article))
    if published is None:
        raise ArticleRejected(f"{article}: found no --published date, expected --published YYYY-MM-DD for a text file")
    day = parse_published(published)
    digest = sha256_hex(data)
    source = find_held(sources, digest)
    if source is None:
        sid = next_source_id(sources)
        text = check_article_bytes(data, article)
        headline = next(line.strip() for line in text.splitlines() if line.strip())[:200]
        source = {
            "source_id": sid,
            "file": raw_file_name(sid, digest),
            "outlet": "unknown (not given to incidents extract; use incidents add-source)",
            "headline": headline,
            "published": day.isoformat(),
            "published_basis": "given to incidents extract --published",
            "sha256": digest,
        }
    return Article(data, check_article_bytes(data, article), day, source)


def taken_incident_ids(data_dir: Path | None) -> set[str]:
    return {r["incident_id"] for r in read_rows((Path(data_dir) if data_dir else paths.DATA_DIR) / "incidents.csv")}


def write_candidate_directory(out: Path, article: Article, data_dir: Path | None) -> dict[str, list[dict]]:
    """Extract the candidates of ``article`` and write them to ``out`` (validated, then moved into place)."""
    out = Path(out)
    _check_out(out)
    source_id = article.source["source_id"]
    rows = extract_rows(
        article.text, article.published, source_id, load_default_gazetteer(), taken_incident_ids(data_dir)
    )

    def fill(tmp: Path) -> None:
        raw = tmp / article.source["file"]
        raw.parent.mkdir(parents=True, exist_ok=True)
        raw.write_bytes(article.data)
        write_rows(tmp / "sources.csv", schema.SOURCES.column_names, [article.source])
        for name in ("incidents", "evidence", "places", "reported_totals"):
            write_rows(tmp / schema.table(name).file, schema.table(name).column_names, rows[name])
        for name, columns in SIDECARS.items():
            write_rows(tmp / f"{name}.csv", columns, rows[name])

    with hold_lock(out, "incidents extract"):
        replace_directory(out, fill, start_from_existing=False, allow_no_incidents=not rows["incidents"])
    return rows


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise StoreRejected([f"{out}: found a file, expected a new folder for the candidate directory (--out)"])
    if out.is_dir() and any(out.iterdir()) and not (out / "extraction.csv").is_file():
        found = "a folder that is not a candidate directory (no extraction.csv)"
        raise StoreRejected([f"{out}: found {found}, expected a new or empty folder"])
