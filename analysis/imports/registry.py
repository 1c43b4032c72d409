"""Every importer: the modules of :mod:`analysis.imports.formats`, each defining ``IMPORTER``.

Adding a format is one new module there (and its tests); nothing else lists the formats.
"""

from __future__ import annotations

import importlib
import pkgutil

from analysis.imports import formats
from analysis.imports.contract import Importer


def list_importers() -> list[Importer]:
    """The importers of :mod:`analysis.imports.formats`, by name (a module without ``IMPORTER`` is a helper).

    >>> [i.name for i in list_importers()]
    ['acled', 'csv', 'ucdp']
    """
    found: dict[str, Importer] = {}
    for module_info in pkgutil.iter_modules(formats.__path__):
        module = importlib.import_module(f"{formats.__name__}.{module_info.name}")
        importer = getattr(module, "IMPORTER", None)
        if importer is None:
            continue
        if not isinstance(importer, Importer):
            raise TypeError(f"{module.__name__}.IMPORTER: found {type(importer).__name__}, expected an Importer")
        if importer.name in found:
            raise ValueError(f"{module.__name__}: importer name {importer.name!r} is already used")
        found[importer.name] = importer
    return [found[name] for name in sorted(found)]


def find_importer(name: str) -> Importer:
    """The importer called ``name``; ``KeyError`` naming the known ones otherwise."""
    importers = {i.name: i for i in list_importers()}
    if name not in importers:
        raise KeyError(f"found {name!r}, expected one of {', '.join(importers)}")
    return importers[name]
