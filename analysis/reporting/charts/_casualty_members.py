"""The incidents behind each row of a casualty chart: those with a figure and those without."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.reporting.casualty_text import format_incident_casualty
from analysis.reporting.charts._members import HOVER_INCIDENTS, describe_members
from analysis.vocabulary import is_missing


def find_figure_known(incidents: pd.DataFrame, measure: str) -> np.ndarray:
    """True where an incident gives any figure (min, max or best) for ``measure``.

    >>> find_figure_known(pd.DataFrame({"us_killed_min": [1, None], "us_killed_best": [None, None]}), "us_killed")
    array([ True, False])
    """
    known = np.zeros(len(incidents), dtype=bool)
    for suffix in ("min", "max", "best"):
        column = f"{measure}_{suffix}"
        if column in incidents.columns:
            known |= incidents[column].notna().to_numpy()
    return known


def describe_figures(incidents: pd.DataFrame, measure: str) -> list[str]:
    """Each incident's own figure of ``measure`` in the one wording of the reports
    (:func:`analysis.reporting.casualty_text.format_incident_casualty`: "3", "3 (2–4)", "at least 6", "about 1,200").

    >>> df = pd.DataFrame({"category": ["attack_on_us", "regional"], "other_killed_min": [2, None],
    ...                    "other_killed_best": [3, 1200], "other_killed_max": [4, None]})
    >>> describe_figures(df, "other_killed")
    ['3 (2–4)', 'about 1,200']
    """

    def column(suffix: str) -> list:
        name = f"{measure}_{suffix}"
        return incidents[name].tolist() if name in incidents.columns else [None] * len(incidents)

    return [
        format_incident_casualty(category, measure, lo, best, hi)
        for category, lo, best, hi in zip(incidents["category"], column("min"), column("best"), column("max"))
    ]


class CasualtyMembers:
    """The incidents behind each row of a casualty chart, found with integer codes (cheap at a million rows)."""

    def __init__(self, incidents: pd.DataFrame | None, keys: list[str], card_hrefs: pd.Series | None):
        self.incidents, self.keys, self.card_hrefs = incidents, keys, card_hrefs
        self.usable = incidents is not None and len(incidents) > 0 and all(k in incidents.columns for k in keys)
        self.codes: dict[str, tuple[np.ndarray, dict[str, int]]] = {}
        self.known: dict[str, np.ndarray] = {}
        if self.usable:
            for k in keys:
                codes, uniques = pd.factorize(incidents[k], use_na_sentinel=True)
                self.codes[k] = (codes, {str(u): i for i, u in enumerate(uniques)})
            self.days = incidents["event_date"].to_numpy(dtype="datetime64[D]").astype("int64")

    def _describe_first(self, mask: np.ndarray, measure: str | None = None) -> tuple[list[str], list[str]]:
        """Tooltip lines and card hrefs of the earliest :data:`HOVER_INCIDENTS` incidents of ``mask``; with
        ``measure``, each line ends with the incident's own figure ("id · date · place · 3 (2–4)")."""
        positions = np.flatnonzero(mask)
        rows = positions[np.argsort(self.days[positions], kind="stable")[:HOVER_INCIDENTS]]
        part = self.incidents.iloc[rows]
        ids = part["incident_id"].astype("string").to_numpy()
        members = pd.DataFrame({"incident_id": ids, "row": np.arange(len(rows))})
        lines, links = describe_members(part, members, [], self.card_hrefs).get((), ([], []))
        if measure is not None and lines:
            lines = [f"{line} · {figure}" for line, figure in zip(lines, describe_figures(part, measure))]
        return lines, links

    def find(self, tally_row, measure: str) -> tuple[tuple[list[str], list[str]], tuple[list[str], list[str]]]:
        """(lines, hrefs) of the incidents with a figure and of those without, for one row of a tally."""
        if not self.usable:
            return ([], []), ([], [])
        in_group = np.ones(len(self.incidents), dtype=bool)
        for k in self.keys:
            value = getattr(tally_row, k)
            codes, lookup = self.codes[k]
            in_group &= codes == (-1 if is_missing(value) else lookup.get(str(value), -2))
        if measure not in self.known:
            self.known[measure] = find_figure_known(self.incidents, measure)
        known = self.known[measure]
        with_figure, without = in_group & known, in_group & ~known
        return self._describe_first(with_figure, measure), self._describe_first(without)
