"""``python -m analysis`` runs the ``incidents`` command line."""

from analysis.cli import main

raise SystemExit(main())
