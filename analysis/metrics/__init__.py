"""Pure metrics: incident frames in, frames out (filters, counts, frequency, casualties, coverage, evidence).

``analysis.metrics.<TAB>`` lists the modules; each is imported on first use. The functions an analyst
needs most are also at the top of the package (``import analysis``).
"""

import importlib
import os

_MODULES = tuple(sorted(e.name[:-3] for e in os.scandir(__path__[0]) if e.name.endswith(".py") and e.name[0] != "_"))


def __getattr__(name: str):
    if name in _MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(_MODULES)
