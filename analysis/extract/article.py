"""The article to code: its text (UTF-8, not empty, not binary) and its publication date (a past day)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

EARLIEST_PUBLISHED = dt.date(1990, 1, 1)


class ArticleRejected(ValueError):
    """The article or its publication date cannot be coded; the message is one line for people."""


def read_article_bytes(path: Path) -> bytes:
    """The bytes of a readable, non-empty, UTF-8 text file, or :class:`ArticleRejected` saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise ArticleRejected(f"{path}: found {'a folder' if path.is_dir() else 'no such file'}, expected a text file")
    data = path.read_bytes()
    check_article_bytes(data, str(path))
    return data


def check_article_bytes(data: bytes, label: str) -> str:
    """Decode ``data`` as the article's text; raise :class:`ArticleRejected` for empty, binary or non-UTF-8 input.

    >>> check_article_bytes("Rockets hit the base.".encode(), "a.txt")
    'Rockets hit the base.'
    >>> check_article_bytes(b"", "a.txt")
    Traceback (most recent call last):
    ...
    analysis.extract.article.ArticleRejected: a.txt: found an empty file, expected the text of a news article
    """
    if not data.strip():
        raise ArticleRejected(f"{label}: found an empty file, expected the text of a news article")
    if b"\0" in data:
        at = data.index(b"\0")
        raise ArticleRejected(f"{label}: found a NUL byte at offset {at} (a binary file), expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleRejected(
            f"{label}:{line}: found byte 0x{data[exc.start]:02x} at offset {exc.start}, which is not UTF-8; "
            "expected UTF-8 text"
        ) from None


def parse_published(text: str, today: dt.date | None = None) -> dt.date:
    """The publication date from ``YYYY-MM-DD``: a real day, from 1990 to today.

    >>> parse_published("2024-07-26", today=dt.date(2024, 8, 1))
    datetime.date(2024, 7, 26)
    >>> parse_published("2024-13-01")
    Traceback (most recent call last):
    ...
    analysis.extract.article.ArticleRejected: --published: found '2024-13-01', expected a date YYYY-MM-DD
    """
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ArticleRejected(f"--published: found {text!r}, expected a date YYYY-MM-DD") from None
    today = today or dt.date.today()
    if day > today:
        raise ArticleRejected(f"--published: found {day}, a day in the future, expected a date up to {today}")
    if day < EARLIEST_PUBLISHED:
        raise ArticleRejected(f"--published: found {day}, expected a date from {EARLIEST_PUBLISHED}")
    return day
