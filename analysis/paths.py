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
