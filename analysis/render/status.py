"""The status of one job in a render, as the run, the state file and the index name it."""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    """What became of one job; the value is what ``.render-state.json`` and the index hold.

    >>> JobStatus.FAILED == "failed", "skipped" in ENDED_BADLY
    (True, False)
    """

    RENDERED = "rendered"
    """Executed and written in this run."""
    SKIPPED = "skipped"
    """Unchanged inputs: the report already there is kept, not re-rendered."""
    FAILED = "failed"
    """An error stopped it; the previous report, if any, is kept."""
    INTERRUPTED = "interrupted"
    """Ctrl-C, SIGTERM or a stop before it finished."""


ENDED_BADLY = frozenset({JobStatus.FAILED, JobStatus.INTERRUPTED})
"""Failed or interrupted: the last attempt says nothing about the inputs, so the job runs again next time."""
SHOWS_A_REPORT = frozenset({JobStatus.RENDERED, JobStatus.SKIPPED})
"""The statuses whose report in the output folder is the one of the current inputs."""
EMPTY_STATUS = "empty"
"""The status a person reads for a rendered or skipped report that selects no incident."""
