"""``reports/index.html``: every report with its period, parameters, data, time and status."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from analysis.files import write_text_atomic

CARDS_LINKS = (
    '<p class="index-cards"><a href="cards/index.html">Incident cards</a>: every incident with the quotes and '
    'sources behind it · <a href="export/incidents.csv">the whole incident table as CSV</a></p>'
)
"""Links to what :mod:`analysis.render.companions` writes next to the reports."""
EMPTY_TEXT = "EMPTY: no incidents match its filters"
_STATUS_TEXT = {
    "rendered": "rendered in this run",
    "skipped": "unchanged, not re-rendered",
    "failed": "FAILED",
    "interrupted": "INTERRUPTED",
}

_CSS = """
body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:1200px;margin:0 auto;padding:1.5rem 2rem;color:#1f2328}
table{border-collapse:collapse;width:100%;font-size:.9rem;display:block;overflow-x:auto}
th,td{border:1px solid #d0d7de;padding:.35rem .6rem;text-align:left;vertical-align:top}
@media (max-width:600px){body{padding:.8rem .7rem}table{font-size:.8rem}}
th{background:#f6f8fa}.failed,.interrupted{background:#ffebe9}.rendered,.skipped{background:#fff}.empty{background:#fff8c5}
code{font-size:.8rem}
"""


def _period(parameters: dict) -> str:
    start, end = parameters.get("start") or "first incident", parameters.get("end") or "latest incident"
    return f"{start} – {end}"


def _parameters_text(parameters: dict) -> str:
    shown = {k: v for k, v in parameters.items() if k not in {"data_dir", "title"}}
    return "; ".join(f"{k}={v!r}" for k, v in sorted(shown.items())) or "defaults"


def build_index_html(out_dir: Path, names: list[str], state: dict, now: dt.datetime | None = None) -> str:
    """Return the index page. Every value from the state is escaped."""
    now = now or dt.datetime.now()
    rows = []
    for name in names:
        entry = state.get(name, {})
        status = entry.get("status", "never rendered")
        html_file = out_dir / f"{name}.html"
        title = html.escape(entry.get("title", name))
        if html_file.exists():
            link = f'<a href="{html.escape(name)}.html">{title}</a>'
        else:
            link = f"{title} (no report yet)"
        status_text = _STATUS_TEXT.get(status, status)
        empty = bool(entry.get("empty")) and status in {"rendered", "skipped"}
        if empty:
            status_text = f"{EMPTY_TEXT} (report {status_text})"
        if status in {"failed", "interrupted"}:
            if html_file.exists() and entry.get("rendered_at"):
                status_text += f"; the report shown is the previous one, rendered {entry['rendered_at']}"
            if entry.get("error"):
                status_text += f": {entry['error']}"
        failed_link = ""
        if status == "failed" and entry.get("failed_notebook"):
            failed_link = (
                f'<br><a href="{html.escape(entry["failed_notebook"])}">executed notebook of the failed run</a>'
            )
        # a failed run shows the parameters it ran with, not those of the last good report
        parameters = (
            entry.get("failed_parameters")
            if status == "failed" and entry.get("failed_parameters")
            else entry.get("parameters", {})
        )
        description = html.escape(entry.get("description", ""))
        rows.append(
            f'<tr class="{"empty" if empty else html.escape(status)}"><td>{link}<br><small>{description}</small></td>'
            f"<td>{html.escape(_period(parameters))}</td>"
            f"<td><code>{html.escape(_parameters_text(parameters))}</code></td>"
            f"<td><code>{html.escape(str(entry.get('data_fingerprint', ''))[:12])}</code></td>"
            f"<td>{html.escape(str(entry.get('rendered_at', 'never')))}</td>"
            f"<td>{html.escape(status_text)}{failed_link}</td></tr>"
        )
    failed = sum(state.get(n, {}).get("status") in {"failed", "interrupted"} for n in names)
    headline = (
        f"{len(names)} reports, {failed} with problems in the last run"
        if failed
        else f"{len(names)} reports, all up to date"
    )
    empty = [n for n in names if state.get(n, {}).get("empty") and state[n].get("status") in {"rendered", "skipped"}]
    if empty:
        headline += f"; {len(empty)} empty (no incidents match the filters): {', '.join(empty)}"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Incident reports</title>'
        f"<style>{_CSS}</style></head><body><h1>Incident reports</h1>"
        f"<p>{html.escape(headline)}. Index written {now.isoformat(timespec='seconds')}.</p>"
        + CARDS_LINKS
        + "<table><thead><tr><th>Report</th><th>Period</th><th>Parameters</th><th>Data fingerprint</th>"
        "<th>Rendered at</th><th>Status of the last run</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )


def write_index(out_dir: Path, names: list[str], state: dict) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    path = Path(out_dir) / "index.html"
    write_text_atomic(path, build_index_html(Path(out_dir), names, state))
    return path
