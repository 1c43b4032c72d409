"""The bodies of the ``incidents`` commands, by topic: each module adds its sub-commands' arguments and runs
them; :mod:`analysis.cli` parses, dispatches and maps errors to exit codes.

Every module here loads pandas, the importers or the extractor only when its command runs, so
``incidents --help`` and the parser stay light.
"""
