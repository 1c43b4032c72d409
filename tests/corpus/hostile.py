"""A valid copy of the bundled data whose free text is hostile markup, and report jobs with hostile titles.

Every payload would set ``window.__pwned`` (and open a dialog) if it ever ran;
a report is safe when none does, no element with a handler or a
``javascript:`` link appears, and the text reads exactly as written.

The data stays valid: evidence quotes and raw articles are not touched
(quotes must remain substrings of the raw files), ids keep their pattern, and
the renamed place is renamed in ``places.csv`` and ``incidents.csv`` alike.
Payloads hold no ``;`` because ``places.aliases`` is ``;``-separated.
"""

from __future__ import annotations

import csv
import json
import tomllib
from pathlib import Path

from analysis import paths
from tests.corpus.build import copy_bundled, read_rows, write_rows

PAYLOADS = (
    "<script>window.__pwned=1,alert(1)</script>",
    '<img src=x onerror="window.__pwned=2,alert(2)">',
    '<svg onload="window.__pwned=3,alert(3)">',
    '<a href="javascript:window.__pwned=4,alert(4)">click me</a>',
    '"\'><iframe srcdoc="<script>parent.__pwned=5</script>">',
    '</td></tr></table><b onmouseover="window.__pwned=6">',
    'a<b & c>d \\" end',
)
HOSTILE = " ".join(PAYLOADS)
"""One string holding every payload; appended to each free-text field."""

FREE_TEXT = {
    "incidents.csv": ("admin1", "operation", "perpetrator", "claimed_by", "target", "notes"),
    "sources.csv": ("outlet", "headline", "published_basis"),
    "places.csv": ("aliases", "admin1"),
    "context.csv": ("label", "description"),
    "reported_totals.csv": ("scope",),
}
LABELS = {"reported_totals.csv": ("operation",)}
"""Labels that must name what another table carries: poisoned where set, as that table's labels are."""
SPARED_PLACE = "Ain al-Asad air base"  # the site profile job's place: keep it findable


def _poison(value: str) -> str:
    return f"{value} {HOSTILE}" if value else HOSTILE


def _newest_other_location(data: Path) -> str:
    with open(data / "incidents.csv", encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["event_date"], reverse=True)
    return next(r["location"] for r in rows if r["location"] != SPARED_PLACE)


def build_hostile_data(target: Path) -> tuple[Path, str]:
    """Copy the bundled data to ``target`` with hostile free text; return it and the renamed place's new name."""
    data = copy_bundled(target)
    renamed_from = _newest_other_location(data)
    renamed_to = _poison(renamed_from)
    for file, columns in FREE_TEXT.items():
        path = data / file
        rows = read_rows(path)
        header = rows[0]
        for row in rows[1:]:
            for column in columns:
                row[header.index(column)] = _poison(row[header.index(column)])
            for column in LABELS.get(file, ()):
                if row[header.index(column)]:
                    row[header.index(column)] = _poison(row[header.index(column)])
            for column in ("location", "name"):
                if (
                    file in {"incidents.csv", "places.csv"}
                    and column in header
                    and row[header.index(column)] == renamed_from
                ):
                    row[header.index(column)] = renamed_to
        write_rows(path, rows)
    return data, renamed_to


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are valid TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} as TOML")


def write_hostile_jobs(project: Path) -> Path:
    """Write ``project/reports.toml``: the real jobs with hostile titles and descriptions.

    ``project/notebooks`` links to the real notebooks, so the jobs run the real reports.
    """
    config = tomllib.loads(paths.REPORTS_TOML.read_text(encoding="utf-8"))
    project.mkdir(parents=True, exist_ok=True)
    (project / "notebooks").symlink_to(paths.NOTEBOOKS_DIR, target_is_directory=True)
    lines = []
    if config.get("defaults"):
        lines.append("[defaults]")
        lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in config["defaults"].items()]
        lines.append("")
    for job in config["job"]:
        job = dict(job)
        job["description"] = _poison(job.get("description", ""))
        job["parameters"] = {
            **job.get("parameters", {}),
            "title": _poison(job.get("parameters", {}).get("title", job["name"])),
        }
        lines.append("[[job]]")
        lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in job.items()]
        lines.append("")
    path = project / "reports.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
