"""``reports/index.html``: every report with its period in real dates, parameters, data (as of its latest
incident), time and status; "empty" for a selection that matched nothing, a note when the data cannot reach
the period asked for."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from analysis.files import write_text_atomic
from analysis.paths import (
    CARDS_DIRNAME,
    DATA_ZIP_FILENAME,
    EVIDENCE_EXPORT_FILENAME,
    EXPORT_DIRNAME,
    EXPORT_FILENAME,
    INDEX_NAME,
    METHODOLOGY_FILENAME,
    SOURCES_EXPORT_FILENAME,
)
from analysis.render.status import ENDED_BADLY, SHOWS_A_REPORT, JobStatus

CARDS_LINKS = (
    f'<p class="index-cards"><a href="{CARDS_DIRNAME}/{INDEX_NAME}.html">Incident cards</a>: every incident with '
    f'the quotes and sources behind it · <a href="{METHODOLOGY_FILENAME}">How these figures are made</a> '
    f'(methodology) · downloads: <a href="{EXPORT_DIRNAME}/{EXPORT_FILENAME}">incidents</a>, '
    f'<a href="{EXPORT_DIRNAME}/{SOURCES_EXPORT_FILENAME}">sources</a> and '
    f'<a href="{EXPORT_DIRNAME}/{EVIDENCE_EXPORT_FILENAME}">evidence</a> as CSV, '
    f'<a href="{EXPORT_DIRNAME}/{DATA_ZIP_FILENAME}">the whole data directory</a> (zip)</p>'
)
"""Links to what :mod:`analysis.render.companions` writes next to the reports."""
EMPTY_TEXT = "EMPTY: no incidents match its filters"
_STATUS_TEXT = {
    JobStatus.RENDERED: "rendered in this run",
    JobStatus.SKIPPED: "unchanged, not re-rendered",
    JobStatus.FAILED: "FAILED",
    JobStatus.INTERRUPTED: "INTERRUPTED",
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
    rows = [_index_row(out_dir, name, state.get(name, {})) for name in names]
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Incident reports</title>'
        f"<style>{_CSS}</style></head><body><h1>Incident reports</h1>"
        f"<p>{html.escape(_headline(names, state))}. Index written {now.isoformat(timespec='seconds')}.</p>"
        + CARDS_LINKS
        + "<table><thead><tr><th>Report</th><th>Period</th><th>Parameters</th><th>Data</th>"
        "<th>Rendered at</th><th>Status of the last run</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></body></html>"
    )


def _headline(names: list[str], state: dict) -> str:
    """How many reports, how many with problems, the data's latest incident and the empty reports."""
    failed = sum(state.get(n, {}).get("status") in ENDED_BADLY for n in names)
    headline = f"{len(names)} reports, {failed or 'none'} with problems in the last run"
    as_of = sorted({str(state[n]["data_latest"]) for n in names if state.get(n, {}).get("data_latest")})
    if as_of:
        headline += f"; data as of {as_of[-1]} (its latest incident)"
        if len(as_of) > 1:
            headline += f", some reports rendered from older data (as of {as_of[0]})"
    empty = [n for n in names if state.get(n, {}).get("empty") and state[n].get("status") in SHOWS_A_REPORT]
    if empty:
        headline += f"; {len(empty)} empty (no incidents match the filters): {', '.join(empty)}"
    return headline


def _status_text(entry: dict, status: str, report_exists: bool) -> str:
    """The last run's status in words: empty, failed or interrupted with the report shown and the error."""
    status_text = _STATUS_TEXT.get(status, status)
    if bool(entry.get("empty")) and status in SHOWS_A_REPORT:
        status_text = f"{EMPTY_TEXT} (report {status_text})"
    if status in ENDED_BADLY:
        if report_exists and entry.get("rendered_at"):
            status_text += f"; the report shown is the previous one, rendered {entry['rendered_at']}"
        if entry.get("error"):
            status_text += f": {entry['error']}"
    return status_text


def _index_row(out_dir: Path, name: str, entry: dict) -> str:
    """One report's row of the index table."""
    status = entry.get("status", "never rendered")
    report_exists = (out_dir / f"{name}.html").exists()
    title = html.escape(entry.get("title", name))
    link = f'<a href="{html.escape(name)}.html">{title}</a>' if report_exists else f"{title} (no report yet)"
    empty = bool(entry.get("empty")) and status in SHOWS_A_REPORT
    failed_link = ""
    if status == JobStatus.FAILED and entry.get("failed_notebook"):
        failed_link = f'<br><a href="{html.escape(entry["failed_notebook"])}">executed notebook of the failed run</a>'
    # a failed run shows the parameters it ran with, not those of the last good report
    parameters = (
        entry.get("failed_parameters")
        if status == JobStatus.FAILED and entry.get("failed_parameters")
        else entry.get("parameters", {})
    )
    description = html.escape(entry.get("description", ""))
    period, note = describe_period(parameters, entry)
    note_html = f'<br><small class="period-note">{_dates_whole(html.escape(note))}</small>' if note else ""
    latest = entry.get("data_latest")
    as_of = f"as of {_dates_whole(html.escape(str(latest)))}<br>" if latest else ""
    return (
        f'<tr class="{"empty" if empty else html.escape(status)}"><td>{link}<br><small>{description}</small></td>'
        f'<td class="period">{_dates_whole(html.escape(period))}{note_html}</td>'
        f"<td><code>{html.escape(_parameters_text(parameters))}</code></td>"
        f"<td>{as_of}<code>{html.escape(str(entry.get('data_fingerprint', ''))[:12])}</code></td>"
        f"<td>{_dates_whole(html.escape(str(entry.get('rendered_at', 'never'))))}</td>"
        f"<td>{html.escape(_status_text(entry, status, report_exists))}{failed_link}</td></tr>"
    )


def write_index(out_dir: Path, names: list[str], state: dict) -> Path:
    """Write ``out_dir/index.html`` atomically and return its path."""
    path = Path(out_dir) / "index.html"
    write_text_atomic(path, build_index_html(Path(out_dir), names, state))
    return path
