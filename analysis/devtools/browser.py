"""Headless Chromium with the network cut off, for the browser tests and the README screenshot.

Playwright drives Debian's ``chromium`` (Playwright's own browser download
does not work in this environment). Every context gets a
:class:`NetworkGuard` that aborts and records each ``http(s)``/``ws(s)``
request, so "the report works offline" is measured, not assumed: a test
asserts that the guard recorded nothing. Loopback can be allowed (JupyterLab
runs on 127.0.0.1). :class:`PageWatch` records what a person would notice:
console errors, uncaught exceptions, failed loads and dialogs (``alert``),
which it dismisses.

Playwright is imported only by the functions that need it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_PATH = Path(os.environ.get("INCIDENTS_CHROMIUM", "/usr/bin/chromium"))
"""Debian's chromium (``apt-get install chromium``); ``INCIDENTS_CHROMIUM`` points elsewhere."""
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
MISSING_MESSAGE = "chromium not found: apt-get install chromium (Debian) to run the browser tests"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


def chromium_available() -> bool:
    """True when the Chromium executable exists and can be run."""
    return CHROMIUM_PATH.is_file() and os.access(CHROMIUM_PATH, os.X_OK)


def launch_chromium(playwright):
    """Launch headless Chromium from :data:`CHROMIUM_PATH` with :data:`CHROMIUM_ARGS`."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=list(CHROMIUM_ARGS), headless=True)


def is_loopback(url: str) -> bool:
    """True for an address on this machine.

    >>> is_loopback("http://127.0.0.1:8888/lab"), is_loopback("https://cdn.plot.ly/x.js")
    (True, False)
    """
    return (urlsplit(url).hostname or "") in {h.strip("[]") for h in LOOPBACK_HOSTS}


@dataclass
class NetworkGuard:
    """Blocks and records every request of a browser context that would leave the machine.

    ``blocked`` lists the URLs that were aborted (each a request that would
    have gone out); ``allowed`` the loopback ones let through when
    ``allow_loopback`` is set.
    """

    allow_loopback: bool = False
    blocked: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def attach(self, context) -> NetworkGuard:
        context.route("**/*", self._route)
        context.route_web_socket(re.compile(r".*"), self._route_web_socket)
        return self

    def _route(self, route) -> None:
        url = route.request.url
        scheme = urlsplit(url).scheme
        if scheme not in {"http", "https"}:
            route.continue_()
        elif self.allow_loopback and is_loopback(url):
            self.allowed.append(url)
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("internetdisconnected")

    def _route_web_socket(self, ws) -> None:
        if self.allow_loopback and is_loopback(ws.url):
            self.allowed.append(ws.url)
            ws.connect_to_server()
        else:
            self.blocked.append(ws.url)
            ws.close(code=1008, reason="blocked: offline")


@dataclass
class PageWatch:
    """What went wrong on a page: console errors, uncaught errors, failed loads, dialogs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page) -> PageWatch:
        page.on(
            "console",
            lambda message: (
                self.console_errors.append(f"{message.text} ({message.location})") if message.type == "error" else None
            ),
        )
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("requestfailed", lambda request: self.failed_requests.append(f"{request.url}: {request.failure}"))
        page.on("dialog", self._dismiss)
        return self

    def _dismiss(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    @property
    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed_requests]
            + [f"dialog: {m}" for m in self.dialogs]
        )


CHARTS_DRAWN_JS = """() => {
    const charts = [...document.querySelectorAll('div.plotly-graph-div')];
    return charts.every(div => div.classList.contains('js-plotly-plot') && div.querySelector('svg.main-svg'));
}"""
"""True once every plotly chart of the page has drawn its SVG."""


def wait_for_charts(page, timeout_ms: float = 30_000) -> None:
    """Wait until every ``div.plotly-graph-div`` of ``page`` has drawn (``svg.main-svg`` inside)."""
    page.wait_for_function(CHARTS_DRAWN_JS, timeout=timeout_ms)
