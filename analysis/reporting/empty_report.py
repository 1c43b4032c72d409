"""What a report with no incident says instead of its sections: the period it covered, where the data lies, and the
exact command that renders the period the data covers.

An empty report (a scheduled "last 8 weeks" over data that ends years earlier, ``render --data DIR`` over an
import whose incidents lie elsewhere) shows no section heading and no text about charts that are not there
(:meth:`analysis.reporting.page.Report.show_section` and ``show_note`` stay silent); this is all it says.
"""

from __future__ import annotations

import html
import shlex
from pathlib import Path

import pandas as pd
from IPython.display import display

from analysis import paths
from analysis.metrics.completeness import split_countries
from analysis.metrics.filters import filter_incidents
from analysis.report_flags import empty_selection_metadata
from analysis.reporting.formatting import format_day


def select_scope(incidents: pd.DataFrame, countries=(), categories=(), locations=(), places=None) -> pd.DataFrame:
    """The incidents of the report's countries, categories and places, whatever their dates."""
    return filter_incidents(
        incidents,
        countries=list(countries) or None,
        categories=list(categories) or None,
        locations=list(locations) or None,
        places=places,
    )


def build_render_command(first, last, data_dir: str = "") -> str:
    """The command that renders every job over ``first``..``last`` into a folder of its own.

    The bundled data needs no ``--data``; the scheduled reports in ``reports/`` are left as they are.

    >>> build_render_command(pd.Timestamp("2022-08-24"), pd.Timestamp("2024-10-01"))
    'incidents render --start 2022-08-24 --end 2024-10-01 --out reports-2022-08-24-to-2024-10-01'
    >>> build_render_command(pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-31"), "/tmp/my data")[:47]
    "incidents render --data '/tmp/my data' --start "
    """
    a, b = format_day(first), format_day(last)
    bundled = not data_dir or Path(data_dir).resolve() == paths.DATA_DIR.resolve()
    data = "" if bundled else f" --data {shlex.quote(str(data_dir))}"
    return f"incidents render{data} --start {a} --end {b} --out reports-{a}-to-{b}"


def describe_claims(spans: pd.DataFrame | None, claims: pd.DataFrame) -> str:
    """What the data claims complete for the report's scope (``spans``) among all it claims (``claims``)."""
    if spans is not None and len(spans):
        listed = "; ".join(
            f"{format_day(a)} to {format_day(b)}" for a, b in zip(spans["period_start"], spans["period_end"])
        )
        return f"The data claims to list every incident of these countries and categories from {listed}."
    if len(claims):
        where = sorted({c for listed in claims["countries"] for c in split_countries(listed)}) or ["every country"]
        return f"The data claims complete coverage only elsewhere ({', '.join(where)}), none for this report's scope."
    return "The data makes no claim to list every incident of any period (no coverage.csv)."


def describe_where_the_data_lies(
    dataset, scope: pd.DataFrame, spans: pd.DataFrame | None, claims: pd.DataFrame, data_dir: str = ""
) -> list[str]:
    """Sentences for an empty report: the dates of the incidents in its scope, its claims, and the command.

    ``scope`` is :func:`select_scope` of the report's filters, ``spans`` the
    spans claimed complete for them, ``claims`` every row of ``coverage.csv``.
    """
    incidents = dataset.incidents
    if not len(incidents):
        return ["The table holds no incident at all."]
    whole = f"{format_day(incidents['event_date'].min())} to {format_day(incidents['event_date'].max())}"
    if not len(scope):
        return [
            f"The table holds no incident of these countries, categories and places in any period (its "
            f"{len(incidents):,} incidents are dated {whole}), so no period would fill this report.",
            describe_claims(spans, claims),
        ]
    first, last = scope["event_date"].min(), scope["event_date"].max()
    return [
        f"Where the data lies: its {len(scope):,} incidents of these countries, categories and places are dated "
        f"{format_day(first)} to {format_day(last)} (the whole table: {whole}).",
        describe_claims(spans, claims),
        f"To render that period: {build_render_command(first, last, data_dir)} (every job of the jobs file over "
        "those dates, into a folder of its own; add --job NAME for one report).",
    ]


def show_no_incidents(filters_text: str, unreached: str | None = None, where: list[str] | tuple = ()) -> None:
    """Display what an empty selection gets instead of sections, tables and charts.

    The first line says the period the report covered and that nothing in it
    is recorded; ``where`` (:func:`analysis.reporting.empty_report.describe_where_the_data_lies`)
    says where the data lies and the command that renders that period.
    """
    text = unreached or (
        f"No incident in this table matches these filters ({filters_text.rstrip('.')}): "
        "none recorded, which is not a count of zero unless the data claims to cover the period."
    )
    lines = [text, *where]
    body = "".join(f"<p>{_code_command(html.escape(line))}</p>" for line in lines)
    message = {"text/html": f'<div class="report-empty">{body}</div>', "text/plain": "\n".join(lines)}
    display(message, metadata=empty_selection_metadata(), raw=True)


def _code_command(line: str) -> str:
    """An escaped line with its ``incidents render ...`` command, up to " (", set as code.

    >>> _code_command("To render it: incidents render --start 2024-01-01 (every job)")
    'To render it: <code>incidents render --start 2024-01-01</code> (every job)'
    """
    at = line.find("incidents render")
    if at < 0:
        return line
    end = line.find(" (", at)
    end = len(line) if end < 0 else end
    return f"{line[:at]}<code>{line[at:end]}</code>{line[end:]}"
