"""Importers: turn an ACLED export, a UCDP GED download or any tracker spreadsheet into a data directory.

- :mod:`~analysis.imports.contract`: what an importer is (:class:`~analysis.imports.contract.Importer`:
  name, one-line help, options, ``run(file, options) -> Imported``) and what it returns;
- :mod:`~analysis.imports.registry`: every importer, found in :mod:`analysis.imports.formats`
  (one module per format: ``acled``, ``ucdp``, ``csv_mapping``); the command line loops over it;
- :mod:`~analysis.imports.toolkit`: what importers share (read the input as text, locate bad rows as
  FILE:LINE, account for every row, lossless ids, match sides); :mod:`~analysis.imports.cells`: typed cells;
- :mod:`~analysis.imports.mapping`: mapping files (TOML, RE2 patterns); :mod:`~analysis.imports.table_mapping`:
  the csv mapping language (``docs/mapping.md``); :mod:`~analysis.imports.suggest`: ``--suggest``;
- :mod:`~analysis.imports.sources`: the sources.csv rows of an import;
- :mod:`~analysis.imports.writer`: merge with what the folder holds, build places and sources, validate, and
  move the new directory into place (or write nothing), whatever importer produced the rows;
  :mod:`~analysis.imports.output_folder`: the lock, links, the atomic swap, OS errors.
"""
