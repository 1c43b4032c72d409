"""One module per input format of ``incidents import``; each defines ``IMPORTER``
(an :class:`~analysis.imports.contract.Importer`), which :mod:`analysis.imports.registry` finds.

Importers share :mod:`analysis.imports.toolkit`, :mod:`analysis.imports.mapping` and
:mod:`analysis.imports.sources`; none imports another.
"""
