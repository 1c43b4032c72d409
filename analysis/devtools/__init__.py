"""Tooling for developers and tests, never used by a render: ``baseline`` (``make baseline``: re-execute the
stored notebooks in place) and ``browser`` (headless Chromium with the network cut off, for the browser tests and
the README screenshot)."""
