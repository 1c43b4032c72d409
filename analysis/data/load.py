"""Moved to :mod:`analysis.data.read`; this alias remains only for two importers outside the data room.

``analysis/reporting/page.py`` (``open_report``) and ``analysis/cli.py``
(``_run_codebook``) still import ``load_dataset`` from here. Change those two
imports to ``analysis.data.read`` and delete this file.
"""

from analysis.data.read import load_dataset

__all__ = ["load_dataset"]
