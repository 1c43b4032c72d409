"""papermill's nbclient engine with fewer saves of the executed notebook.

papermill writes the whole executed notebook (serialised and validated by
nbformat) when each cell starts and again when it ends: two writes a cell of
a notebook that grows with every figure, about a second of a report's fixed
cost. This engine writes it at most every :data:`SAVE_EVERY_S` seconds while
the cells run; papermill still writes it when the notebook ends, however it
ends (an error, a timeout, a dead kernel), so a failed job keeps its whole
executed notebook as before. Only a worker killed outright (``kill -9``) keeps
its notebook as of the last save, at most :data:`SAVE_EVERY_S` seconds old.
"""

from __future__ import annotations

import functools

ENGINE_NAME = "incidents"
SAVE_EVERY_S = 2.0


def register_engine() -> str:
    """Register the engine with papermill (once per process); its name for ``execute_notebook(engine_name=...)``."""
    return _register()


@functools.cache
def _register() -> str:
    from papermill.engines import NBClientEngine, papermill_engines

    class FewerSavesEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            nb_man.save = functools.partial(_save_at_most_every, nb_man, type(nb_man).save.__get__(nb_man))
            try:
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
            finally:
                del nb_man.save  # papermill's own save again, for the write when the notebook ends

    papermill_engines.register(ENGINE_NAME, FewerSavesEngine)
    return ENGINE_NAME


def _save_at_most_every(nb_man, save, **kwargs) -> None:
    """``save()`` when the last write is at least :data:`SAVE_EVERY_S` seconds old."""
    if (nb_man.now() - nb_man.last_save_time).total_seconds() >= SAVE_EVERY_S:
        save(**kwargs)
