"""The codebook's generated blocks (analysis.codebook)."""

from analysis import schema
from analysis.codebook import CODEBOOK, check_codebook, generated_blocks, table_markdown, update_codebook

SKELETON = "# Codebook\n\nHand-written intro.\n\n" + "".join(
    f"## {name}\n\n<!-- BEGIN GENERATED: {name} -->\n<!-- END GENERATED: {name} -->\n\nHand-written notes.\n\n"
    for name in [t.name for t in schema.TABLES] + ["vocabularies"]
)


def test_every_schema_column_is_in_its_table():
    for t in schema.TABLES:
        text = table_markdown(t)
        for c in t.columns:
            assert f"| `{c.name}` |" in text


def test_update_fills_blocks_and_keeps_prose(tmp_path):
    path = tmp_path / "CODEBOOK.md"
    path.write_text(SKELETON, encoding="utf-8")
    assert len(check_codebook(path)) == len(generated_blocks())
    assert update_codebook(path) is True
    assert check_codebook(path) == []
    assert update_codebook(path) is False
    text = path.read_text(encoding="utf-8")
    assert text.count("Hand-written notes.") == len(generated_blocks())
    assert "| `Air/drone strike` |" not in text and "| Explosions/Remote violence | Air/drone strike |" in text


def test_drift_and_missing_blocks_are_reported(tmp_path):
    path = tmp_path / "CODEBOOK.md"
    path.write_text(
        SKELETON.replace("<!-- BEGIN GENERATED: context -->\n<!-- END GENERATED: context -->\n", ""), encoding="utf-8"
    )
    update_codebook(path)
    path.write_text(path.read_text(encoding="utf-8").replace("WGS84 latitude", "latitude"), encoding="utf-8")
    problems = check_codebook(path)
    assert any("block 'context' missing" in p for p in problems)
    assert any("block 'places' is out of date" in p for p in problems)


def test_data_codebook_is_in_sync_with_schema():
    """Fails when data/CODEBOOK.md's generated blocks drift from analysis/schema.py (fix: incidents codebook)."""
    assert check_codebook(CODEBOOK) == []
