"""Every folder of the project, computed once from this file's location."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(os.environ.get("INCIDENTS_DATA_DIR", PROJECT_DIR / "data"))
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
REPORTS_DIR = PROJECT_DIR / "reports"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
GEO_DIR = PACKAGE_DIR / "geo"
REPORTS_TOML = PROJECT_DIR / "reports.toml"

# --- names inside an output folder (``reports/`` or ``--out``), beside the ``<job>.html`` reports ---------

INDEX_NAME = "index"
"""``index.html``: the list of every report and its status."""
ASSETS_DIRNAME = "assets"
"""``assets/``: plotly.js, shared by the reports that do not inline it."""
CARDS_DIRNAME = "cards"
"""``cards/``: the incident cards, a page per month."""
SOURCES_DIRNAME = "sources"
"""``cards/sources/``: copies of the bundled raw texts the cards link to."""
EXPORT_DIRNAME = "export"
"""``export/``: the whole incident table as formula-safe CSV."""
EXPORT_FILENAME = "incidents.csv"
"""The incident table under ``export/``."""
SOURCES_EXPORT_FILENAME = "sources.csv"
"""The sources under ``export/``, formula-safe."""
EVIDENCE_EXPORT_FILENAME = "evidence.csv"
"""The evidence quotes under ``export/``, formula-safe."""
EXPORT_README_FILENAME = "README.txt"
"""The text under ``export/`` saying what each column means, where the sources are, the licence and the period."""
DATA_ZIP_FILENAME = "data.zip"
"""The whole data directory under ``export/``, as a zip that ``incidents render --data`` reads once unzipped."""
METHODOLOGY_NAME = "methodology"
"""``methodology.html``: how the figures are made, beside the reports."""
METHODOLOGY_FILENAME = f"{METHODOLOGY_NAME}.html"
FAILED_DIRNAME = "failed"
"""``failed/``: the notebook of a failed job as far as it ran."""
WORK_DIRNAME = ".work"
"""``.work/``: notebooks being executed (anything left there was left by a killed render)."""
OUTPUT_DIRNAMES: tuple[str, ...] = (ASSETS_DIRNAME, FAILED_DIRNAME, WORK_DIRNAME, CARDS_DIRNAME, EXPORT_DIRNAME)
"""Every folder the renderer writes in an output folder."""
RESERVED_NAMES: tuple[str, ...] = (INDEX_NAME, METHODOLOGY_NAME, *OUTPUT_DIRNAMES)
"""Names the output folder uses itself, so no job may be called so."""
