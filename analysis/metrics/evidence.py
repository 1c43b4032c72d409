"""The quotes behind each incident's figures, as a table: one row per quote, with its source."""

from __future__ import annotations

import pandas as pd

from analysis.metrics.filters import suggest_close_values

__all__ = ["EVIDENCE_COLUMNS", "list_evidence"]

EVIDENCE_COLUMNS = [
    "incident_id",
    "field",
    "source_id",
    "outlet",
    "headline",
    "published",
    "url",
    "file",
    "quote_checked",
    "quote",
]
_SOURCE_COLUMNS = ["source_id", "outlet", "headline", "published", "url", "file"]


def _wanted_ids(dataset, incident_ids) -> list[str]:
    """The incident ids asked for, in order, each once; an id the table does not hold raises ``ValueError``."""
    table_ids = dataset.incidents["incident_id"].astype(str)
    if incident_ids is None:
        return table_ids.tolist()
    if isinstance(incident_ids, pd.DataFrame):
        incident_ids = incident_ids["incident_id"]
    if isinstance(incident_ids, str):
        incident_ids = [incident_ids]
    wanted = list(dict.fromkeys(str(i) for i in incident_ids))
    known = set(table_ids)
    unknown = [i for i in wanted if i not in known]
    if unknown:
        found = ", ".join(suggest_close_values(i, known) for i in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise ValueError(
            f"list_evidence: incident_ids: found {found}{more}; expected ids of incidents.csv in {dataset.data_dir}"
        )
    return wanted


def list_evidence(dataset, incident_ids=None) -> pd.DataFrame:
    """Every evidence quote of the incidents asked for, with the source it comes from.

    ``dataset`` is what :func:`analysis.data.dataset.load_dataset` returns;
    ``incident_ids`` one id, a list of ids, or a selection of incidents
    (a frame with ``incident_id``, e.g. from ``filter_incidents``); ``None``
    gives every incident. An id the table does not hold raises ``ValueError``.

    Returns one row per quote, incidents in the order asked (the table's
    order by default), quotes in ``evidence.csv`` order, with columns
    ``incident_id``, ``field`` (the incidents.csv column, or ``date``,
    ``place``, ``weapon``, ``casualties``, the quote supports),
    ``source_id``, ``outlet``, ``headline``, ``published`` (date, empty when
    unknown), ``url`` (an external reference) or ``file`` (the bundled raw
    text, relative to ``dataset.data_dir``), ``quote_checked`` (True when
    the source is bundled: validation found the quote verbatim in it; False
    for an external reference, which could not be checked) and ``quote``.
    An incident with no quote keeps one row whose ``field``, source columns
    and ``quote`` are empty, so no incident asked for is dropped unseen.
    """
    if not all(hasattr(dataset, t) for t in ("incidents", "evidence", "sources")):
        raise TypeError(
            f"list_evidence: found {type(dataset).__name__}, expected the Dataset from analysis.load_dataset "
            "(it holds the quotes and their sources); pass a selection of incidents as incident_ids"
        )
    wanted = _wanted_ids(dataset, incident_ids)
    order = pd.Series(range(len(wanted)), index=pd.Index(wanted, dtype="string"), dtype="int64")
    evidence = dataset.evidence[["incident_id", "field", "source_id", "quote"]]
    evidence = evidence.loc[evidence["incident_id"].isin(order.index)]
    missing = order.index.difference(evidence["incident_id"].dropna().unique(), sort=False)
    rows = pd.concat(
        [evidence, pd.DataFrame({"incident_id": pd.Series(missing, dtype=evidence["incident_id"].dtype)})],
        ignore_index=True,
    )
    rows = rows.iloc[order.reindex(rows["incident_id"]).to_numpy().argsort(kind="stable")]
    sources = dataset.sources[_SOURCE_COLUMNS]
    out = rows.merge(sources, on="source_id", how="left", sort=False, validate="many_to_one")
    out["quote_checked"] = out["file"].notna() & out["quote"].notna()
    return out[EVIDENCE_COLUMNS].reset_index(drop=True)
