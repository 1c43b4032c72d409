"""``reports/index.html``: every report with its period in real dates, parameters, data (as of its latest
incident), time and status; "empty" for a selection that matched nothing, a note when the data cannot reach
the period asked for."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from analysis.files import write_text_atomic

CARDS_LINKS = (
    '<p class="index-cards"><a href="cards/index.html">Incident cards</a>: every incident with the quotes and '
    'sources behind it · <a href="methodology.html">How these figures are made</a> (methodology) · downloads: '
    '<a href="export/incidents.csv">incidents</a>, <a href="export/sources.csv">sources</a> and '
    '<a href="export/evidence.csv">evidence</a> as CSV, <a href="export/data.zip">the whole data directory</a> '
    "(zip)</p>"
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
@media (max-width:600px){body{padding:.8rem .7rem}table{font-size:.8rem}td:first-child{min-width:9rem}}
th{background:#f6f8fa}.failed,.interrupted{background:#ffebe9}.rendered,.skipped{background:#fff}.empty{background:#fff8c5}
code{font-size:.8rem}.period-note{color:#9a3412}.nw{white-space:nowrap}
"""


def describe_period(parameters: dict, entry: dict) -> tuple[str, str]:
    """The period a report covers, in real dates, and a note when the data cannot reach it.

    An open start or end is the data's first or latest incident (``data_first``,
    ``data_latest`` of the job's state entry, recorded when it was rendered).

    >>> describe_period({"start": "2023-10-07"}, {"data_first": "2022-08-24", "data_latest": "2024-10-01"})
    ('2023-10-07 – 2024-10-01 (latest incident)', '')
    >>> describe_period({"start": "2026-09-26", "end": "2026-11-21"}, {"data_latest": "2024-10-01"})
    ('2026-09-26 – 2026-11-21', 'no incident in the data after 2024-10-01; this period starts 2026-09-26')
    >>> describe_period({"end": "2020-01-31"}, {"data_first": "2022-08-24", "data_latest": "2024-10-01"})[1]
    'no incident in the data before 2022-08-24; this period ends 2020-01-31'
    >>> describe_period({}, {})
    ('first incident – latest incident', '')
    """
    start, end = str(parameters.get("start") or ""), str(parameters.get("end") or "")
    first, latest = str(entry.get("data_first") or ""), str(entry.get("data_latest") or "")
    shown_start = start or (f"{first} (first incident)" if first else "first incident")
    shown_end = end or (f"{latest} (latest incident)" if latest else "latest incident")
    note = ""
    if latest and start and latest < start:
        note = f"no incident in the data after {latest}; this period starts {start}"
    elif first and end and end < first:
        note = f"no incident in the data before {first}; this period ends {end}"
    return f"{shown_start} – {shown_end}", note


def _dates_whole(escaped: str) -> str:
    """Keep each ISO date (and time) of escaped text on one line.

    >>> _dates_whole("2023-10-07 – 2024-10-01")
    '<span class="nw">2023-10-07</span> – <span class="nw">2024-10-01</span>'
    """
    return re.sub(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?", r'<span class="nw">\g<0></span>', escaped)


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
        period, note = describe_period(parameters, entry)
        note_html = f'<br><small class="period-note">{_dates_whole(html.escape(note))}</small>' if note else ""
        latest = entry.get("data_latest")
        as_of = f"as of {_dates_whole(html.escape(str(latest)))}<br>" if latest else ""
        rows.append(
            f'<tr class="{"empty" if empty else html.escape(status)}"><td>{link}<br><small>{description}</small></td>'
            f'<td class="period">{_dates_whole(html.escape(period))}{note_html}</td>'
            f"<td><code>{html.escape(_parameters_text(parameters))}</code></td>"
            f"<td>{as_of}<code>{html.escape(str(entry.get('data_fingerprint', ''))[:12])}</code></td>"
            f"<td>{_dates_whole(html.escape(str(entry.get('rendered_at', 'never'))))}</td>"
            f"<td>{html.escape(status_text)}{failed_link}</td></tr>"
        )
    failed = sum(state.get(n, {}).get("status") in {"failed", "interrupted"} for n in names)
    headline = f"{len(names)} reports, {failed or 'none'} with problems in the last run"
    as_of = sorted({str(state[n]["data_latest"]) for n in names if state.get(n, {}).get("data_latest")})
    if as_of:
        headline += f"; data as of {as_of[-1]} (its latest incident)"
        if len(as_of) > 1:
            headline += f", some reports rendered from older data (as of {as_of[0]})"
    empty = [n for n in names if state.get(n, {}).get("empty") and state[n].get("status") in {"rendered", "skipped"}]
    if empty:
        headline += f"; {len(empty)} empty (no incidents match the filters): {', '.join(empty)}"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Incident reports</title>'
        f"<style>{_CSS}</style></head><body><h1>Incident reports</h1>"
        f"<p>{html.escape(headline)}. Index written {now.isoformat(timespec='seconds')}.</p>"
        + CARDS_LINKS
        + "<table><thead><tr><th>Report</th><th>Period</th><th>Parameters</th><th>Data</th>"
        "<th>Rendered at</th><th>Status of the last run</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )


def write_index(out_dir: Path, names: list[str], state: dict) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    path = Path(out_dir) / "index.html"
    write_text_atomic(path, build_index_html(Path(out_dir), names, state))
    return path
