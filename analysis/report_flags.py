"""Flags a report notebook leaves for the renderer in the metadata of its outputs, never in the HTML it shows.

The renderer reads the executed notebook; a flag here is a plain key, so a change of wording or styling in
what the reader sees cannot change what the renderer concludes. Pandas-free: both the reporting room (which
sets a flag) and the render worker (which reads it) import this module.
"""

from __future__ import annotations

FLAGS_KEY = "incidents"
"""The key under an output's ``metadata`` that holds this package's flags."""
SELECTION_EMPTY = "selection_empty"
"""Set on the "no incidents match" message: the report's filters selected no incident."""


def empty_selection_metadata() -> dict[str, dict[str, bool]]:
    """The output metadata of the message an empty selection gets.

    >>> empty_selection_metadata()
    {'incidents': {'selection_empty': True}}
    """
    return {FLAGS_KEY: {SELECTION_EMPTY: True}}


def says_selection_empty(output: dict) -> bool:
    """True when one output of an executed notebook (nbformat JSON) carries the empty-selection flag.

    >>> says_selection_empty({"metadata": empty_selection_metadata()}), says_selection_empty({"data": {}})
    (True, False)
    """
    flags = (output.get("metadata") or {}).get(FLAGS_KEY) or {}
    return bool(isinstance(flags, dict) and flags.get(SELECTION_EMPTY))
