"""``incidents add-source``, ``extract``, ``review`` and ``merge``: from a news article to sourced rows.

The folders these commands only read (``extract --data``, the candidate folder of ``merge``) are held
shared for the read (:mod:`analysis.commands.reading`); those they write are held exclusively by the
extractor itself (:mod:`analysis.extract.store`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from analysis.commands.reading import add_wait_for_data_option, run_reading


def add_article_parsers(sub, common: argparse.ArgumentParser) -> None:
    """The ``add-source``, ``extract``, ``review`` and ``merge`` sub-commands."""
    data_help = "data directory (default: the bundled data)"
    add = sub.add_parser(
        "add-source",
        parents=[common],
        help="hold a news article unchanged under raw/articles/ with its SHA-256 and provenance",
        description="Copy FILE unchanged into the data directory and record it in sources.csv; "
        "a file already held (same SHA-256) is refused.",
    )
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--outlet", required=True, metavar="NAME", help="publisher")
    add.add_argument("--published", required=True, metavar="YYYY-MM-DD", help="publication date")
    add.add_argument("--headline", default=None, metavar="TEXT", help="headline (default: the text's first line)")
    add.add_argument("--url", default=None, metavar="URL", help="where the article was published")
    add.add_argument("--data", type=Path, default=None, metavar="DIR", help=data_help)
    ext = sub.add_parser(
        "extract",
        parents=[common],
        help="propose candidate incidents from a news article, each field with a verbatim quote",
        description="Read ARTICLE by the codebook's rules and write a candidate data directory "
        "(incidents, evidence, places, reported totals, extraction.csv, decided_against.csv).",
    )
    ext.add_argument("article", metavar="ARTICLE", help="a text file, or a source id of the data directory")
    ext.add_argument(
        "--published", default=None, metavar="YYYY-MM-DD", help="publication date (default for a source id: its own)"
    )
    ext.add_argument("--out", type=Path, required=True, metavar="DIR", help="candidate directory to write")
    ext.add_argument("--data", type=Path, default=None, metavar="DIR", help=data_help + "; ids already taken there")
    add_wait_for_data_option(ext, "--data")
    review = sub.add_parser(
        "review",
        parents=[common],
        help="write one offline HTML page to review a candidate directory",
        description="The article with every quote highlighted and linked to the field it supports, "
        "each candidate's fields, confidence and rules, and the mentions decided against.",
    )
    review.add_argument("candidates", type=Path, metavar="DIR")
    review.add_argument("--out", type=Path, default=None, metavar="FILE", help="HTML file (default: DIR/review.html)")
    merge = sub.add_parser(
        "merge",
        parents=[common],
        help="add reviewed candidates to a data directory, merging those it already holds",
        description="Add candidates with their evidence, source and places; a candidate that is the same "
        "event as an incident already held is merged into it (source and quotes added, figures as ranges).",
    )
    merge.add_argument("candidates", type=Path, metavar="DIR")
    merge.add_argument("--into", type=Path, required=True, metavar="DATA", help="data directory to update")
    merge.add_argument("--only", nargs="+", default=None, metavar="ID", help="merge only these candidates")
    add_wait_for_data_option(merge, "DIR (the candidates)")


def run_article_command(args) -> int:
    """Run one of the four commands; ``extract`` holds ``--data`` and ``merge`` its candidate folder shared
    while they read them (``EXIT["locked"]``, nothing written, when a writer holds one past ``--wait-for-data``)."""
    from analysis.extract.commands import run_extract_command

    if args.command == "extract":
        read, writes, outcome = args.data, args.out, "no candidate directory was written"
    elif args.command == "merge":
        read, writes, outcome = args.candidates, args.into, "nothing was merged"
    else:
        return run_extract_command(args)
    return run_reading([read], args.wait_for_data, outcome, lambda: run_extract_command(args), writes=writes)
