"""A worker's kernel started and warmed before its first job, and code run in a kept kernel without a ready-wait.

A cold report pays, before its first cell can run, a kernel start (about a
second) and the imports of the notebook's first cells (pandas, plotly and the
package: about two seconds). A worker therefore starts its kernel as soon as
it is forked, while the batch still validates the data and checks the
parameters, and imports there the modules the batch's notebooks import
(:func:`list_imported_modules`), without binding any name: each job still
starts with an empty namespace, as a kept kernel's next job always did (its
modules stay loaded after ``%reset -f``). A module that fails to import is
left for the notebook to import, so its error shows where it always did.

:func:`run_silently` sends code on the shell channel alone and waits for its
reply: no IOPub subscription, hence no ready-wait (``wait_for_ready`` flushes
IOPub for at least 0.2 s), no output, no history, no execution count.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from analysis.render.state import RenderError

KERNEL_DIR_PREFIX = "irk-"
"""Kernel socket folders are ``$TMPDIR/irk-<worker pid>-*`` (the batch removes those of a killed worker); names kept
short: a socket's path holds at most :data:`SOCKET_PATH_MAX` bytes (``$TMPDIR/irk-<pid>-<8>/k-<n>``)."""
SOCKET_PATH_MAX = 107
"""Bytes of a Unix socket's path on Linux (``sun_path`` holds 108 with the closing NUL); 103 on macOS and BSD."""

_WARM_CODE = """\
def _warm_imports(names):
    import importlib
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # the notebook imports it again and shows the error in its own cell
            pass
_warm_imports({names})
del _warm_imports
"""


def check_kernel_socket_room(temp_dir: str | None = None) -> None:
    """Raise :class:`RenderError` (``EXIT["bad_input"]``) when a kernel's socket under the temporary folder
    (``TMPDIR``) would have a path longer than a socket's path may be: every job would fail with ZMQ's "File name
    too long".

    >>> check_kernel_socket_room("/tmp")
    >>> try:
    ...     check_kernel_socket_room("/" + "t" * 90)
    ... except RenderError as exc:
    ...     print(exc.exit_code, *str(exc).split("; "), sep=chr(10))
    2
    TMPDIR /ttt...ttt (91 bytes): a kernel's socket there would have a path of 116 bytes, over the limit of 107
    set TMPDIR to a shorter folder (e.g. TMPDIR=/tmp)
    """
    folder = temp_dir or tempfile.gettempdir()
    longest = os.path.join(folder, f"{KERNEL_DIR_PREFIX}{'9' * 7}-{'x' * 8}", "k-5")  # pids have at most 7 digits
    size = len(os.fsencode(longest))
    if size > SOCKET_PATH_MAX:
        shown = folder if len(folder) <= 60 else f"{folder[:4]}...{folder[-3:]}"
        raise RenderError(
            f"TMPDIR {shown} ({len(os.fsencode(folder))} bytes): a kernel's socket there would have a path of "
            f"{size} bytes, over the limit of {SOCKET_PATH_MAX}; set TMPDIR to a shorter folder (e.g. TMPDIR=/tmp)"
        )


def list_imported_modules(notebooks: Iterable[Path]) -> list[str]:
    """The modules the code cells of ``notebooks`` import, in order, each once; ``from a import b`` gives ``a`` and
    ``a.b`` (a module or not: the warm-up tries it). Cells that do not parse and unreadable notebooks add nothing.

    >>> import nbformat, tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas as pd\\nfrom a.b import c, d")])
    >>> path = Path(tempfile.mkdtemp()) / "n.ipynb"
    >>> nbformat.write(nb, str(path))
    >>> list_imported_modules([path, path])
    ['pandas', 'a.b', 'a.b.c', 'a.b.d']
    """
    names: dict[str, None] = {}
    for notebook in notebooks:
        for source in _code_cells(notebook):
            try:
                tree = ast.parse(source)
            except SyntaxError:  # IPython magics, a broken cell: the notebook shows it
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(dict.fromkeys(alias.name for alias in node.names))
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names[node.module] = None
                    names.update(dict.fromkeys(f"{node.module}.{a.name}" for a in node.names if a.name != "*"))
    return list(names)


def _code_cells(notebook: Path) -> list[str]:
    try:
        cells = json.loads(Path(notebook).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return []
    sources = [c.get("source", "") for c in cells if isinstance(c, dict) and c.get("cell_type") == "code"]
    return ["".join(s) if isinstance(s, list) else str(s) for s in sources]


def build_warm_code(modules: list[str]) -> str:
    """The code a fresh kernel runs to import ``modules``; it leaves no name behind.

    >>> namespace = {}
    >>> exec(build_warm_code(["json", "no.such.module"]), namespace)
    >>> sorted(k for k in namespace if k != "__builtins__")
    []
    """
    return _WARM_CODE.format(names=repr(list(modules)))


async def run_silently(manager, code: str, timeout_s: float, stopping: Callable[[], bool]) -> bool:
    """Run ``code`` in the kernel of ``manager`` (started) and wait for its reply; True when it ran without error.

    False when the kernel dies, ``stopping()`` turns true (checked every 0.1 s: a killed kernel never answers),
    or no reply comes within ``timeout_s``.
    """
    client = manager.client()
    client.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)

    async def reply() -> bool:
        msg_id = client.execute(code, silent=True, store_history=False)
        while True:
            msg = await client.get_shell_msg(timeout=timeout_s)
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg["content"]["status"] == "ok"

    task = asyncio.ensure_future(reply())
    try:
        while not task.done():
            if stopping() or not await manager.is_alive():
                return False
            await asyncio.wait([task], timeout=0.1)
        return task.result()
    except Exception:  # queue.Empty after timeout_s, a closed channel
        return False
    finally:
        if not task.done():
            task.cancel()
        client.stop_channels()
