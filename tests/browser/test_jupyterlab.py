"""Smoke test: notebooks/overview.ipynb runs in JupyterLab and its charts draw there.

JupyterLab starts from the project's environment on a free loopback port with
a random token, rooted at a temporary copy of notebooks/ (outputs cleared, so
any chart on screen was drawn by this run, and Lab's autosave cannot touch the
repository). Chromium may talk to 127.0.0.1 only; every other request is
blocked and counted. The test opens the notebook, runs Run > Run All Cells
and waits for a plotly chart (drawn by the jupyterlab-plotly renderer that
ships in the plotly wheel) in the output area. The server is shut down
through its API, then its process group is killed.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from analysis import paths

NOTEBOOK = "overview.ipynb"
SERVER_START_S = 90
RUN_ALL_S = 180
KERNEL_IDLE_JS = """() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(item => /^Python 3.*\\|\\s*Idle\\s*$/.test(item.textContent.trim()))"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _copy_without_outputs(source: Path, target: Path) -> int:
    """Copy a notebook with every output cleared; return how many plotly outputs the stored copy had."""
    nb = nbformat.read(str(source), as_version=4)
    stored_charts = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            stored_charts += sum("application/vnd.plotly.v1+json" in o.get("data", {}) for o in cell.outputs)
            cell.outputs = []
            cell.execution_count = None
    nbformat.write(nb, str(target))
    return stored_charts


def _get(url: str, timeout: float = 2.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except OSError:
        return 0


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 rooted at a copy of the notebooks: (base url, token, stored chart count)."""
    root = tmp_path / "notebooks"
    root.mkdir()
    stored_charts = _copy_without_outputs(paths.NOTEBOOKS_DIR / NOTEBOOK, root / NOTEBOOK)
    port, token = _free_port(), secrets.token_hex(16)
    home = tmp_path / "home"
    env = {
        **os.environ,
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "IPYTHONDIR": str(home / "ipython"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
    }
    command = [
        str(Path(sys.executable).with_name("jupyter")),
        "lab",
        "--no-browser",
        f"--IdentityProvider.token={token}",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        # nothing that would reach out from the server side: update checks, news, PyPI extension manager
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    log = open(tmp_path / "lab.log", "w")  # noqa: SIM115 (closed in the finally below, after the server)
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while _get(f"{base}/api/status?token={token}") != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start:\n{(tmp_path / 'lab.log').read_text()[-3000:]}", pytrace=False)
            time.sleep(0.3)
        yield base, token, stored_charts
    finally:
        request = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
        try:
            urllib.request.urlopen(request, timeout=10).close()  # stops the kernels too
            server.wait(timeout=15)
        except (OSError, subprocess.TimeoutExpired):
            pass
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
        log.close()


def test_overview_runs_in_jupyterlab_and_its_charts_draw(lab, open_page):
    base, token, stored_charts = lab
    opened = open_page(f"{base}/lab/tree/{NOTEBOOK}?token={token}", allow_loopback=True, wait_until="domcontentloaded")
    page = opened.page
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
    # Run All before the kernel is connected does nothing: wait for the status bar's "Python 3 (ipykernel) | Idle"
    page.wait_for_function(KERNEL_IDLE_JS, timeout=60_000)
    assert page.locator(".jp-OutputArea-output .js-plotly-plot").count() == 0, "outputs were cleared"

    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

    # Lab renders cells lazily (content-visibility), so wait for the charts to exist, then look at each in view
    expected = max(stored_charts, 1)
    page.wait_for_function(  # every chart there, or a cell failed (Run All stops at the first error)
        """n => document.querySelectorAll('.jp-OutputArea-output.jp-RenderedPlotly').length >= n
              || [...document.querySelectorAll(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
                 .some(o => /Traceback|Error/.test(o.textContent))""",
        arg=expected,
        timeout=RUN_ALL_S * 1000,
    )
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    assert not [e for e in errors if "Traceback" in e or "Error" in e], errors
    page.wait_for_function(KERNEL_IDLE_JS, timeout=RUN_ALL_S * 1000)
    assert page.locator(".jp-InputPrompt", has_text="[*]").count() == 0, "every cell has run"
    charts = page.locator(".jp-OutputArea-output.jp-RenderedPlotly")
    assert charts.count() == expected, f"{charts.count()} charts, the stored notebook has {expected}"
    for i in range(expected):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        chart.locator("svg.main-svg").first.wait_for(state="visible", timeout=30_000)
        assert chart.locator(".scatterlayer .trace, .barlayer .trace").count() > 0, f"chart {i} drew no trace"

    assert opened.guard.blocked == [], f"JupyterLab tried to reach the network: {opened.guard.blocked}"
    assert opened.guard.allowed, "the page talked to the local server"
    assert opened.watch.dialogs == []
