"""Exit statuses of the ``incidents`` command: the CLI, the renderer and the README use this one table.

:mod:`analysis.schema` re-exports these names (``from analysis.schema import EXIT`` keeps working).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExitCode:
    """One exit status of ``incidents``: the CLI, the renderer and the README use this table."""

    code: int
    name: str
    meaning: str


EXIT_CODES: tuple[ExitCode, ...] = (
    ExitCode(0, "ok", "every job rendered or was unchanged; the data or export is valid"),
    ExitCode(
        1,
        "failed",
        "at least one job failed (the others were rendered; see the index); "
        "`codebook --check`: the generated tables are out of date",
    ),
    ExitCode(
        2,
        "bad_input",
        "bad data, parameters, `reports.toml`, arguments or output folder: nothing was rendered or written",
    ),
    ExitCode(
        3,
        "locked",
        "another running render holds the lock on the output folder "
        "(a lock left by a killed render is taken over, with a warning); "
        "`import`, `merge`, `add-source`, `extract`: another command is writing that data directory, or a "
        "command is reading it; `render`, `validate`, `export`, `extract --data`, `merge` (its candidate folder): "
        "a command was still writing the data directory they read after `--wait-for-data` seconds; "
        "nothing was written",
    ),
    ExitCode(70, "internal", "an internal error (a bug): one line on stderr, the traceback with `--debug`"),
    ExitCode(
        74,
        "cannot_write",
        "the output folder cannot be written (read-only, full, no permission, I/O error; sysexits' EX_IOERR): "
        "one line names the folder and the system's error, the reports already there are left as they were",
    ),
    ExitCode(
        130, "interrupted", "interrupted (Ctrl-C or SIGTERM): finished reports are kept, the index says what was not"
    ),
)
EXIT = {e.name: e.code for e in EXIT_CODES}
"""Exit status by name, e.g. ``EXIT["bad_input"] == 2``."""
