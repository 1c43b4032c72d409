"""``incidents add-source``: hold a new article in a data directory, unchanged, with its provenance.

The text is copied byte for byte under ``raw/articles/``; ``sources.csv`` gets its SHA-256, outlet,
headline, url and publication date. A file already held (same SHA-256) is refused, naming its source.
The directory is locked, rebuilt in a temporary folder, validated, then moved into place.
"""

from __future__ import annotations

from pathlib import Path

from analysis import paths, schema
from analysis.extract.article import ArticleRejected, parse_published, read_article_bytes
from analysis.extract.directory import find_held, next_source_id, raw_file_name
from analysis.extract.store import hold_lock, read_rows, replace_directory, write_rows
from analysis.files import sha256_hex


def add_source(
    file: Path,
    outlet: str,
    published: str,
    headline: str | None = None,
    url: str | None = None,
    data_dir: Path | None = None,
) -> dict:
    """Add ``file`` to ``data_dir`` (default: the bundled data) and return its new ``sources.csv`` row."""
    data_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    data = read_article_bytes(Path(file))
    day = parse_published(published)
    if not outlet.strip():
        raise ArticleRejected("--outlet: found an empty name, expected the publisher's name")
    digest = sha256_hex(data)
    with hold_lock(data_dir, "incidents add-source"):
        sources = read_rows(data_dir / "sources.csv")
        held = find_held(sources, digest)
        if held is not None:
            raise ArticleRejected(
                f"{file}: already held as source {held['source_id']} ({held['file']}, same SHA-256 {digest[:12]}...)"
            )
        sid = next_source_id(sources)
        text = data.decode("utf-8")
        row = {
            "source_id": sid,
            "file": raw_file_name(sid, digest),
            "url": url,
            "outlet": outlet.strip(),
            "headline": (headline or next(line.strip() for line in text.splitlines() if line.strip())[:200]),
            "published": day.isoformat(),
            "published_basis": "given to incidents add-source --published"
            + ("" if headline else "; headline taken from the text's first line"),
            "sha256": digest,
        }

        def fill(tmp: Path) -> None:
            raw = tmp / row["file"]
            raw.parent.mkdir(parents=True, exist_ok=True)
            raw.write_bytes(data)
            write_rows(tmp / "sources.csv", schema.SOURCES.column_names, [*sources, row])

        replace_directory(data_dir, fill, start_from_existing=True)
    return row
