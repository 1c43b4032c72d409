"""Importers: turn an ACLED export, a UCDP GED download or any tracker spreadsheet into a data directory.

- :mod:`~analysis.imports.source_file`: read the input file as text, parse its dates, locate bad rows;
- :mod:`~analysis.imports.acled`, :mod:`~analysis.imports.ucdp`: one module per published format;
- :mod:`~analysis.imports.mapping`: mapping files (TOML) for ``import csv`` and the overrides of the others;
- :mod:`~analysis.imports.tracker`: ``import csv`` and its ``--suggest``;
- :mod:`~analysis.imports.writer`: merge with what the folder holds, build places and sources, validate, and
  move the new directory into place (or write nothing).

Each importer returns an :class:`~analysis.imports.source_file.Imported` (the rows as incidents.csv
columns, the sources they cite, and what was and was not mapped); the writer does the rest.
"""
