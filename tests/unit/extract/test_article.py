"""Bad articles and bad publication dates are refused with one line that says what is wrong."""

import datetime as dt

import pytest

from analysis.extract.article import ArticleRejected, check_article_bytes, parse_published, read_article_bytes


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "found an empty file"),
        (b"  \n\t", "found an empty file"),
        (b"Rockets\x00\x01\x02", "found a NUL byte at offset 7 (a binary file)"),
        ("Rockets hit Ain al-Asad.\n".encode("latin-1") + b"caf\xe9", "a.txt:2: found byte 0xe9 at offset 28"),
    ],
)
def test_bad_article_bytes(data, message):
    with pytest.raises(ArticleRejected, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_article_bytes(data, "a.txt")


def test_a_folder_or_a_missing_file_is_named(tmp_path):
    with pytest.raises(ArticleRejected, match="found a folder"):
        read_article_bytes(tmp_path)
    with pytest.raises(ArticleRejected, match="found no such file"):
        read_article_bytes(tmp_path / "absent.txt")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", "found '2024-02-30', expected a date YYYY-MM-DD"),
        ("yesterday", "found 'yesterday', expected a date YYYY-MM-DD"),
        ("2024-08-06", "found 2024-08-06, a day in the future, expected a date up to 2024-08-05"),
        ("1989-12-31", "expected a date from 1990-01-01"),
    ],
)
def test_bad_publication_dates(text, message):
    with pytest.raises(ArticleRejected, match=message):
        parse_published(text, today=dt.date(2024, 8, 5))
