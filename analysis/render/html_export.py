"""Export an executed notebook to an offline HTML report.

Our own nbconvert template (``analysis/templates/offline``) drops code,
prompts and every CDN script; plotly.js is either shared once under
``assets/plotly-<version>.min.js`` or inlined (``self_contained``).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

import nbformat
import plotly

from analysis import paths
from analysis.files import write_bytes_atomic, write_text_atomic
from analysis.paths import ASSETS_DIRNAME


def plotly_js_filename() -> str:
    """File name of the shared plotly.js, versioned so a stale copy is never reused."""
    return f"plotly-{plotly.__version__}.min.js"


def _plotly_js_source() -> Path:
    return Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def install_plotly_js(out_dir: Path) -> Path:
    """Copy plotly.js into ``out_dir/assets/`` unless the same version is there."""
    target = Path(out_dir) / ASSETS_DIRNAME / plotly_js_filename()
    if not target.exists() or target.stat().st_size != _plotly_js_source().stat().st_size:
        # a temporary file of its own: two workers may install it at the same moment
        write_bytes_atomic(target, _plotly_js_source().read_bytes())
    return target


NOTEBOOK_ONLY = "notebook-only"
"""Cell tag: shown in JupyterLab, left out of the HTML report."""


_EXPORTER_LOCK = threading.RLock()


def _exporter():
    """The one exporter of this process (built once; a worker builds it in a thread while its kernel runs)."""
    with _EXPORTER_LOCK:
        return _build_exporter()


def warm_exporter() -> None:
    """Import nbconvert, build the exporter and compile its template now, so the first export does not wait."""
    with _EXPORTER_LOCK:  # an export that starts meanwhile waits for this one
        build_report_html(nbformat.v4.new_notebook(), "")


@lru_cache(maxsize=1)
def _build_exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    # Cells tagged NOTEBOOK_ONLY (the notebook's own title and its "Load" heading) speak to
    # the analyst in JupyterLab; the report starts with the header that open_report shows.
    config = Config({"TagRemovePreprocessor": {"remove_cell_tags": [NOTEBOOK_ONLY], "enabled": True}})
    exporter = HTMLExporter(config=config, template_name="offline", extra_template_basedirs=[str(paths.TEMPLATES_DIR)])
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


@lru_cache(maxsize=1)
def _plotly_js_inline() -> str:
    # A literal "</script" inside the library would end the tag early.
    return _plotly_js_source().read_text(encoding="utf-8").replace("</script", "<\\/script")


def build_report_html(
    notebook: nbformat.NotebookNode, title: str, footer: str = "", self_contained: bool = False
) -> str:
    """Return the HTML of an executed notebook, without code, ready for file://."""
    resources = {"report_title": title, "report_footer": footer}
    if self_contained:
        resources["plotly_js_inline"] = _plotly_js_inline()
    else:
        resources["plotly_js_src"] = f"{ASSETS_DIRNAME}/{plotly_js_filename()}"
    with _EXPORTER_LOCK:  # one exporter per process: one export at a time
        body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body


def export_report(
    notebook_path: Path, html_path: Path, title: str, footer: str = "", self_contained: bool = False
) -> Path:
    """Export the executed notebook at ``notebook_path`` to ``html_path`` atomically."""
    return write_report(nbformat.read(str(notebook_path), as_version=4), html_path, title, footer, self_contained)


def write_report(
    notebook: nbformat.NotebookNode, html_path: Path, title: str, footer: str = "", self_contained: bool = False
) -> Path:
    """Write the HTML report of an executed notebook (in memory) to ``html_path`` atomically."""
    html = build_report_html(notebook, title, footer, self_contained)
    if not self_contained:
        install_plotly_js(Path(html_path).parent)
    write_text_atomic(Path(html_path), html)
    return Path(html_path)
