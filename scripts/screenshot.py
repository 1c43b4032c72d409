"""Write docs/overview.png, the README's picture of the rendered overview report.

    python scripts/screenshot.py [--report reports/overview.html] [--out docs/overview.png]
                                 [--width 1200] [--until map | --full-page]

Render the report first (``incidents render --job overview``). The page is
opened from ``file://`` in headless Chromium with the same setup as the
browser tests (:mod:`analysis.devtools.browser`): every request that would leave the
machine is blocked. The picture runs from the top of the page to the bottom of
the first chart whose id contains ``--until`` (default: the map), or the
whole page with ``--full-page``.

Exit codes: 0 written; 1 the page misbehaved (a request tried to leave the
machine, a console error, a chart that did not draw); 2 the report or
Chromium is missing, or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths
from analysis.devtools.browser import (
    CHARTS_DRAWN_JS,
    MISSING_MESSAGE,
    NetworkGuard,
    PageWatch,
    chromium_available,
    launch_chromium,
)
from analysis.files import write_bytes_atomic

DEFAULT_REPORT = paths.REPORTS_DIR / "overview.html"
DEFAULT_OUT = paths.PROJECT_DIR / "docs" / "overview.png"


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="screenshot.py", description="Screenshot a rendered report for the README.")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help=f"report HTML (default: {DEFAULT_REPORT})")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"PNG to write (default: {DEFAULT_OUT})")
    parser.add_argument("--width", type=int, default=1200, help="viewport width in CSS pixels (default: 1200)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--until", default="map", metavar="TEXT", help="end below the first chart whose id contains TEXT (default: map)"
    )
    where.add_argument("--full-page", action="store_true", help="the whole page")
    return parser.parse_args(argv)


def take_screenshot(report: Path, width: int = 1200, until: str | None = "map") -> bytes:
    """PNG bytes of ``report``; raises RuntimeError when the page misbehaves."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=1)
            guard = NetworkGuard().attach(context)
            page = context.new_page()
            watch = PageWatch().attach(page)
            page.goto(report.resolve().as_uri(), wait_until="load")
            page.wait_for_function(CHARTS_DRAWN_JS, timeout=30_000)
            page.mouse.move(0, 0)  # no hover label or mode bar in the picture
            problems = watch.problems + [f"request tried to leave the machine: {url}" for url in guard.blocked]
            if problems:
                raise RuntimeError("; ".join(problems))
            if until is None:
                return page.screenshot(full_page=True, animations="disabled")
            bottom = page.evaluate(
                "text => { const div = [...document.querySelectorAll('div.plotly-graph-div')]"
                ".find(d => d.id.includes(text));"
                " return div ? div.getBoundingClientRect().bottom + window.scrollY : null; }",
                until,
            )
            if bottom is None:
                raise RuntimeError(f"no chart whose id contains {until!r} in {report}")
            clip = {"x": 0, "y": 0, "width": width, "height": int(bottom) + 16}
            return page.screenshot(full_page=True, clip=clip, animations="disabled")
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if not args.report.is_file():
        print(f"{args.report}: no such report; render it first: incidents render --job overview", file=sys.stderr)
        return 2
    if not chromium_available():
        print(MISSING_MESSAGE, file=sys.stderr)
        return 2
    try:
        png = take_screenshot(args.report, args.width, None if args.full_page else args.until)
    except RuntimeError as exc:
        print(f"{args.report}: {exc}", file=sys.stderr)
        return 1
    write_bytes_atomic(args.out, png)
    print(f"{args.out}: {len(png) // 1024} KB from {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
