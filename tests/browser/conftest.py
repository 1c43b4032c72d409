"""Headless Chromium for the browser tests, and the report batches they open.

- ``browser``: one Chromium for the whole session (Debian's ``/usr/bin/chromium``
  through Playwright). Without it the browser tests skip with the install
  message, except under ``CI=true``, where a missing browser fails them.
- ``open_page(url)``: a fresh context and page whose every request that would
  leave the machine is aborted and counted (:class:`analysis.devtools.browser.NetworkGuard`),
  with console errors, uncaught errors, failed loads and dialogs recorded
  (:class:`analysis.devtools.browser.PageWatch`).
- ``rendered_reports``: every job of the real ``reports.toml``, rendered once
  per run (once for all xdist workers, :mod:`tests.fixtures.shared`) into a
  temporary folder by the real CLI; ``valid_data_reports``: the overview and
  casualties reports of ``tests/fixtures/valid_data``, the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis.devtools.browser import MISSING_MESSAGE, NetworkGuard, PageWatch, chromium_available, launch_chromium
from analysis.render.jobs import read_jobs
from tests.fixtures.build import VALID_DATA
from tests.fixtures.shared import build_once
from tests.integration.render_checks import CLI


def require_chromium() -> None:
    """Skip (or, under CI=true, fail) when Chromium is missing."""
    if chromium_available():
        return
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{MISSING_MESSAGE} (CI=true: the browser tests must run, not skip)", pytrace=False)
    pytest.skip(MISSING_MESSAGE)


@pytest.fixture(scope="session")
def browser():
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@dataclass
class OfflinePage:
    page: object
    guard: NetworkGuard
    watch: PageWatch


@pytest.fixture
def open_page(browser):
    """``open_page(url, allow_loopback=False, viewport=(w, h))`` -> :class:`OfflinePage`, loaded; closed after the test."""
    contexts = []

    def open_(
        url: str,
        allow_loopback: bool = False,
        wait_until: str = "load",
        timeout_ms: float = 60_000,
        viewport: tuple[int, int] = (1280, 900),
    ) -> OfflinePage:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        guard = NetworkGuard(allow_loopback=allow_loopback).attach(context)
        page = context.new_page()
        watch = PageWatch().attach(page)
        page.goto(url, wait_until=wait_until, timeout=timeout_ms)
        return OfflinePage(page, guard, watch)

    yield open_
    for context in contexts:
        context.close()


def render_batch(out: Path, *extra: str, timeout_s: float = 600) -> subprocess.CompletedProcess:
    """Run ``incidents render --out OUT --force`` (plus ``extra``) and fail the test on a non-zero exit."""
    result = subprocess.run(
        [*CLI, "render", "--out", str(out), "--force", "--no-progress", *extra],
        capture_output=True,
        text=True,
        timeout=timeout_s,
    )
    if result.returncode != 0 or "Traceback" in result.stdout + result.stderr:
        pytest.fail(f"render failed with exit {result.returncode}:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return result


JOB_NAMES = [job.name for job in read_jobs()]
"""The jobs of the real reports.toml (read at collection, so each report is its own test)."""


@pytest.fixture(scope="session")
def rendered_reports(tmp_path_factory) -> Path:
    """Every report of reports.toml rendered from the bundled data into a temporary folder, once for the
    whole run (every xdist worker reads the same folder: tests only read it)."""
    require_chromium()  # no point rendering for tests that will skip
    folder, _ = build_once(tmp_path_factory, "rendered-reports", lambda root: render_batch(root / "reports") and None)
    return folder / "reports"


@pytest.fixture(scope="session")
def valid_data_reports(tmp_path_factory) -> tuple[Path, Path]:
    """The overview and casualties reports rendered from a copy of tests/fixtures/valid_data (where
    SYR-2024-02-02-MAYADIN has no casualty figure at all): (data dir, output dir), once for the whole run."""
    require_chromium()

    def build(root: Path) -> None:
        shutil.copytree(VALID_DATA, root / "data")
        render_batch(root / "reports", "--data", str(root / "data"), "--job", "overview", "--job", "casualties")

    folder, _ = build_once(tmp_path_factory, "valid-data-reports", build)
    return folder / "data", folder / "reports"


def click_tallest_bar(page, chart_selector: str = "#chart-frequency-timeline"):
    """Hover, then click, the tallest bar of a chart (as a reader points at it); the bar's locator."""
    chart = page.locator(chart_selector)
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".barlayer .trace path")
    tallest = max(range(bars.count()), key=lambda i: (bars.nth(i).bounding_box() or {"height": 0})["height"])
    bars.nth(tallest).hover(force=True)
    bars.nth(tallest).click(force=True)
    return bars.nth(tallest)
