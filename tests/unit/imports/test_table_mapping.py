"""analysis.imports.table_mapping: docs/mapping.md documents every section and key the reader accepts."""

from __future__ import annotations

from analysis import paths
from analysis.imports.table_mapping import DROP_KEYS, RULE_KEYS, SECTIONS

DOC = paths.PROJECT_DIR / "docs" / "mapping.md"


def test_every_section_and_key_is_in_the_reference():
    text = DOC.read_text(encoding="utf-8")
    for section, keys in SECTIONS.items():
        assert f"[{section}]" in text, section
        if section not in ("columns", "constants", "defaults"):  # these take any incidents.csv column
            for key in keys:
                assert f"`{key}`" in text, f"[{section}] {key}"
    for key in RULE_KEYS | DROP_KEYS:
        assert f"`{key}`" in text, key
