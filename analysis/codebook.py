"""Generate the column tables and vocabularies of ``data/CODEBOOK.md`` from :mod:`analysis.schema`.

``CODEBOOK.md`` is written by hand except between markers::

    <!-- BEGIN GENERATED: incidents -->
    ...
    <!-- END GENERATED: incidents -->

where the name is a table name (``schema.TABLES``) or ``vocabularies``.
:func:`update_codebook` rewrites those blocks; :func:`check_codebook` lists
the blocks that differ from the generator or are missing.
"""

from __future__ import annotations

import re
from pathlib import Path

from analysis import paths, schema
from analysis.data.label_checks import ONE_SPELLING_RULE
from analysis.data.problems import number_text
from analysis.schema import Column, Table

CODEBOOK = paths.DATA_DIR / "CODEBOOK.md"
VOCABULARIES = "vocabularies"
_KIND_TEXT = {
    "id": "id",
    "text": "text",
    "date": "date (YYYY-MM-DD)",
    "int": "whole number",
    "float": "decimal number",
    "category": "category",
    "ids": "ids (`;`-separated)",
}


def _cell(text: str) -> str:
    """Escape text for a markdown table cell.

    >>> _cell("a|b")
    'a\\\\|b'
    """
    return str(text).replace("|", "\\|").replace("\n", " ")


def _rule(col: Column) -> str:
    """The allowed values or bounds of a column, for the codebook.

    >>> _rule(schema.INCIDENTS.column("geo_precision"))
    '1 to 3'
    >>> _rule(schema.INCIDENTS.column("us_killed_min"))
    '0 to 10000000'
    """
    parts = []
    if col.allowed:
        parts.append(
            ", ".join(f"`{v}`" for v in col.allowed)
            if len(col.allowed) <= 12
            else f"{len(col.allowed)} values, see vocabularies"
        )
    if col.minimum is not None and col.maximum is not None:
        parts.append(f"{number_text(col.minimum)} to {number_text(col.maximum)}")
    elif col.minimum is not None:
        parts.append(f">= {number_text(col.minimum)}")
    elif col.maximum is not None:
        parts.append(f"<= {number_text(col.maximum)}")
    if col.unique:
        parts.append("unique")
    if col.refers_to:
        file, column = col.refers_to.split(" ", 1)
        parts.append(f"one of the `{column}` labels of {file}")
    if col.one_spelling:
        parts.append(ONE_SPELLING_RULE)
    if col.pattern and col.kind not in ("date",):
        parts.append(f"pattern `{col.pattern}`")
    return "; ".join(parts)


def table_markdown(table: Table) -> str:
    """The column table of one data file."""
    lines = [
        f"`{table.file}`{' (optional)' if table.optional else ''}: {table.description}",
        "",
        "| column | type | required | allowed values / bounds | description | reference |",
        "|---|---|---|---|---|---|",
    ]
    for c in table.columns:
        lines.append(
            f"| `{c.name}` | {_KIND_TEXT.get(c.kind, c.kind)} | {'yes' if c.required else 'no'} | "
            f"{_cell(_rule(c))} | {_cell(c.description)} | {_cell(c.reference)} |"
        )
    return "\n".join(lines)


def _vocabulary(title: str, values: dict[str, str]) -> list[str]:
    lines = [f"**{title}**", "", "| value | meaning |", "|---|---|"]
    lines += [f"| `{k}` | {_cell(v)} |" for k, v in values.items()]
    return lines + [""]


def vocabularies_markdown() -> str:
    """Every controlled vocabulary of the schema as markdown tables."""
    lines = _vocabulary("category", schema.CATEGORIES)
    lines += ["**event_type and sub_event_type** (ACLED)", "", "| event_type | sub_event_type |", "|---|---|"]
    for event, subs in schema.EVENT_TYPES.items():
        lines += [f"| {_cell(event)} | {_cell(sub)} |" for sub in subs]
    lines.append("")
    lines += _vocabulary("weapon", schema.WEAPONS)
    lines += _vocabulary("outcome", schema.OUTCOMES)
    lines += _vocabulary("date_precision", schema.DATE_PRECISIONS)
    lines += _vocabulary("geo_precision", schema.GEO_PRECISIONS)
    lines += _vocabulary("place kind (places.csv `kind`)", schema.PLACE_KINDS)
    lines += _vocabulary("source_type (sources.csv)", schema.SOURCE_TYPES)
    lines += _vocabulary("incident grade (derived from the sources' types, not stored)", schema.GRADES)
    lines += ["**country**", "", ", ".join(schema.COUNTRIES)]
    return "\n".join(lines)


def exit_codes_markdown() -> str:
    """The README's exit-code table, from :data:`analysis.schema.EXIT_CODES`.

    >>> print(exit_codes_markdown().splitlines()[2])
    | 0 | every job rendered or was unchanged; the data or export is valid |
    """
    lines = ["| code | meaning |", "|---|---|"]
    lines += [f"| {e.code} | {_cell(e.meaning)} |" for e in schema.EXIT_CODES]
    return "\n".join(lines)


def readme_blocks(dataset) -> dict[str, str]:
    """The generated blocks of README.md: the bundled data's figures and the exit codes."""
    from analysis.reporting.tables import build_figures_markdown

    return {"figures": build_figures_markdown(dataset), "exit_codes": exit_codes_markdown()}


def generated_blocks() -> dict[str, str]:
    """``{block name: markdown}`` for every generated block."""
    blocks = {t.name: table_markdown(t) for t in schema.TABLES}
    blocks[VOCABULARIES] = vocabularies_markdown()
    return blocks


def _block_re(name: str) -> re.Pattern:
    return re.compile(
        rf"(<!-- BEGIN GENERATED: {re.escape(name)} -->)(.*?)(<!-- END GENERATED: {re.escape(name)} -->)", re.DOTALL
    )


def render_codebook(text: str, blocks: dict[str, str] | None = None) -> str:
    """``text`` with every generated block that has markers filled in (default: from the schema)."""
    for name, body in (generated_blocks() if blocks is None else blocks).items():
        text = _block_re(name).sub(lambda m, b=body: f"{m.group(1)}\n{b}\n{m.group(3)}", text)
    return text


def update_codebook(path: Path | str = CODEBOOK, blocks: dict[str, str] | None = None) -> bool:
    """Rewrite the generated blocks of ``path``; return True when the file changed."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    new = render_codebook(text, blocks)
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def check_codebook(path: Path | str = CODEBOOK, blocks: dict[str, str] | None = None) -> list[str]:
    """One line per generated block of ``path`` that is missing or out of date (empty when in sync)."""
    path = Path(path)
    if not path.is_file():
        return [f"{path}: file missing, expected the codebook with generated blocks"]
    text = path.read_text(encoding="utf-8")
    problems = []
    for name, body in (generated_blocks() if blocks is None else blocks).items():
        match = _block_re(name).search(text)
        if match is None:
            problems.append(
                f"{path}: block {name!r} missing, expected "
                f"'<!-- BEGIN GENERATED: {name} -->' ... '<!-- END GENERATED: {name} -->'"
            )
        elif match.group(2).strip("\n") != body:
            problems.append(f"{path}: block {name!r} is out of date; run `incidents codebook` to regenerate it")
    return problems
