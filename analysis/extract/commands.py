"""What ``incidents add-source|extract|review|merge`` print and return (exit codes of the schema)."""

from __future__ import annotations

import sys

from analysis.extract.article import ArticleRejected
from analysis.extract.store import StoreRejected
from analysis.files import FolderLocked
from analysis.schema import EXIT


def run_extract_command(args) -> int:
    """Run one of the four commands; bad input is one line on stderr (or FILE:LINE problems) and exit 2; a data
    directory another command holds, one line and exit 3."""
    runner = {"add-source": _add_source, "extract": _extract, "review": _review, "merge": _merge}[args.command]
    try:
        return runner(args)
    except ArticleRejected as exc:
        print(f"error: {exc}", file=sys.stderr)
    except StoreRejected as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
    except FolderLocked as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT["locked"]
    return EXIT["bad_input"]


def _add_source(args) -> int:
    from analysis.extract.add_source import add_source

    row = add_source(args.file, args.outlet, args.published, args.headline, args.url, args.data)
    print(f"{row['source_id']}: {row['file']} (SHA-256 {row['sha256']}), {row['outlet']}, published {row['published']}")
    return EXIT["ok"]


def _extract(args) -> int:
    from analysis.extract.candidates import describe_reason
    from analysis.extract.directory import load_article, write_candidate_directory

    article = load_article(args.article, args.published, args.data)
    rows = write_candidate_directory(args.out, article, args.data)
    sid = article.source["source_id"]
    for row in rows["incidents"]:
        confidence = next(e["confidence"] for e in rows["extraction"] if e["incident_id"] == row["incident_id"])
        place = row["location"] or row["country"] or "place unknown"
        print(
            f"candidate {row['incident_id']}: {row['event_date']} ({row['date_precision']}) {row['category']} "
            f"at {place}, confidence {confidence}"
        )
    print(f"reported totals: {len(rows['reported_totals'])}; decided against: {len(rows['decided_against'])}")
    if not rows["incidents"]:
        reasons = sorted({describe_reason(d["reason"]) for d in rows["decided_against"]})
        why = "; ".join(reasons) if reasons else "no sentence reports a violent event"
        print(f"no candidate incident in {sid}: {why}")
    print(f"{args.out}: written (source {sid}); review it with: incidents review {args.out}")
    return EXIT["ok"]


def _review(args) -> int:
    from analysis.extract.review import write_review

    path = write_review(args.candidates, args.out)
    print(f"{path}: review page written")
    return EXIT["ok"]


def _merge(args) -> int:
    from analysis.extract.merge import merge_candidates

    for line in merge_candidates(args.candidates, args.into, args.only):
        print(line)
    return EXIT["ok"]
