"""The caveats a report's header gives before its numbers: dates, ranges and unknown figures, and what the
quotes and sources behind the selection support (shown by :func:`analysis.reporting.page.show_report_header`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import schema
from analysis.data.problems import count_text
from analysis.metrics.casualties import find_applicable
from analysis.reporting.source_list import count_citations, split_source_ids


def build_caveats(selected: pd.DataFrame) -> list[str]:
    """The caveats that apply to ``selected``: date precision, ranges, unknown figures."""
    caveats = []
    coarse = int((selected["date_precision"].astype("string") != "day").sum())
    if coarse:
        caveats.append(
            f"{coarse} incident(s) are dated only to the week, month or year; "
            "they are counted in the period of their first possible day."
        )
    ranged = unknown = not_applicable = 0
    for prefix in schema.CASUALTY_PREFIXES:
        lo, hi = selected[f"{prefix}_min"], selected[f"{prefix}_max"]
        applies = find_applicable(selected, prefix)
        ranged += int(((lo != hi) | hi.isna() & lo.notna()).fillna(False).sum())
        none = (lo.isna() & hi.isna()).to_numpy(dtype=bool, copy=True)
        if f"{prefix}_best" in selected:
            none &= selected[f"{prefix}_best"].isna().to_numpy(dtype=bool)
        unknown += int((none & applies).sum())
        not_applicable += int((~applies).sum())
    caveats.append(
        'Casualty figures are ranges (lowest to highest figure any source supports; "at least" means no upper '
        f'bound was stated, "about" a best estimate alone): {ranged} figure(s) in this selection are ranges '
        "or open-ended."
    )
    caveats.append(
        f"{unknown} casualty figure(s) are unknown (no source gives them); they are shown as 'unknown' and never "
        f"counted as 0. {not_applicable} US personnel figure(s) are not applicable (incidents that were not attacks "
        "on US forces and for which no source gives a US figure): they are neither counted nor unknown."
    )
    return caveats


def build_evidence_caveats(selected: pd.DataFrame, evidence: pd.DataFrame, sources: pd.DataFrame) -> list[str]:
    """What the quotes and sources behind ``selected`` support: claims only where they hold.

    Says that every incident is coded from a bundled text with quotes for its
    date, place, weapon and casualty figures only when that is so (the
    validator requires those quotes of every incident citing a bundled
    text); otherwise how many incidents have no quote at all, and how many
    of the cited sources are bundled texts or external references.
    """
    cited = set(count_citations(selected))
    bundled_ids = set(sources.loc[sources["file"].notna(), "source_id"].astype(str))
    known = set(sources["source_id"].astype(str))
    n_bundled, n_external = len(cited & bundled_ids), len((cited & known) - bundled_ids)
    n = len(selected)
    quoted = selected["incident_id"].isin(evidence["incident_id"]).to_numpy(dtype=bool, na_value=False)
    external_only = np.array(
        [not (set(split_source_ids(ids)) & bundled_ids) for ids in selected["source_ids"].fillna("").astype(str)],
        dtype=bool,
    )
    no_quote, quoted_external = int((~quoted).sum()), int((quoted & external_only).sum())
    caveats = []
    if no_quote == 0 and quoted_external == 0:
        caveats.append(
            "Every incident in this selection cites a bundled source text and has quotes in evidence.csv "
            "for its date, place, weapon and casualty figures."
        )
    if no_quote:
        caveats.append(
            f"{no_quote} of the {count_text(n, 'incident')} in this selection "
            f"{'has' if no_quote == 1 else 'have'} no supporting quote in evidence.csv: "
            "check them against their sources (listed under Sources)."
        )
    if quoted_external:
        caveats.append(
            f"{count_text(quoted_external, 'incident')} cite{'s' if quoted_external == 1 else ''} only external "
            "references: their quotes could not be checked against a bundled text."
        )
    if n_external == 0:
        where = f"coded from {count_text(n_bundled, 'bundled source text')} only"
    else:
        where = (
            f"coded from {count_text(n_bundled + n_external, 'source')}: {n_bundled} bundled "
            f"text{'s' if n_bundled != 1 else ''} and {n_external} external "
            f"reference{'s' if n_external != 1 else ''} (web pages, linked under Sources)"
        )
    caveats.append(
        f"The incidents in this selection are {where}; "
        "compare with the totals the sources report before reading a count as complete."
    )
    return caveats
