"""The casualty tally and the map's aggregation give, to the last cell, the figures frozen before they were sped up.

The expected values in ``frozen/synth-2000.json`` were computed by the code of
session 6 (before the vectorised tally of session 7) on a synthetic folder of
2,000 incidents (``benchmarks/synth.py``) given best estimates ("about N"), a
best estimate alone, and three operation tolls, so that every branch of
:func:`analysis.metrics.casualties.tally_casualties` and
:func:`analysis.metrics.places.aggregate_places` is reached. Regenerate them
only when a change of figures is meant (and say so in the commit):

    PYTHONPATH=. .venv/bin/python tests/unit/metrics/test_frozen_figures.py --write
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.data.dataset import load_incidents
from analysis.metrics.casualties import BY_OPTIONS, tally_casualties
from analysis.metrics.places import MAP_SIZES, aggregate_places
from analysis.metrics.tolls import link_operation_tolls
from benchmarks.synth import write_synthetic_dir

ROWS = 2_000
EXPECTED = Path(__file__).resolve().parent / "frozen" / f"synth-{ROWS}.json"


def make_incidents(tmp: Path) -> pd.DataFrame:
    """The synthetic incidents as the loader types them, with best estimates added on fixed rows."""
    df = load_incidents(write_synthetic_dir(ROWS, tmp / "synth"))
    i = np.arange(len(df))
    every_11 = i % 11 == 0
    df.loc[every_11, "other_killed_best"] = df.loc[every_11, "other_killed_min"] + 1  # "about N" beside a range
    alone = i % 13 == 0  # a best estimate alone: counted at both ends, approximate
    df.loc[alone, ["us_injured_min", "us_injured_max"]] = pd.NA
    df.loc[alone, "us_injured_best"] = 4
    df.loc[i % 17 == 0, "category"] = "regional"  # US figures on events that are not attacks on US forces
    return df


def make_tolls(df: pd.DataFrame) -> pd.DataFrame:
    """Three operation tolls of the synthetic wave: open, best only, and a closed range in every country."""
    totals = pd.DataFrame(
        {
            "total_id": ["T-OPEN", "T-BEST", "T-RANGE"],
            "metric": ["other_killed", "us_injured", "other_injured"],
            "operation": ["Synthetic Wave"] * 3,
            "countries": ["Syria", "Iraq", None],
            "value_min": pd.array([18, None, 3], dtype="Int64"),
            "value_best": pd.array([None, 5, None], dtype="Int64"),
            "value_max": pd.array([None, None, 9], dtype="Int64"),
            "source_id": ["SRC-000001"] * 3,
        }
    )
    return link_operation_tolls(df, totals)


def compute_figures(df: pd.DataFrame) -> dict:
    """Every tally and map aggregation the frozen file holds, as plain JSON values."""
    tolls = make_tolls(df)
    assert len(tolls), "the synthetic folder has no row of the synthetic wave"
    out = {}
    for by in [*BY_OPTIONS, "weapon", "location"]:
        part = df.iloc[:150] if by == "incident" else df
        out[f"tally[{by}]"] = plain_frame(tally_casualties(part, by=by))
        out[f"tally[{by},tolls]"] = plain_frame(tally_casualties(part, by=by, tolls=tolls))
    out["tally[month,no fatalities]"] = plain_frame(tally_casualties(df, by="month", include_fatalities=False))
    out["tally[empty]"] = plain_frame(tally_casualties(df.iloc[0:0]))
    for size_by in MAP_SIZES:
        out[f"places[{size_by}]"] = plain_arrays(aggregate_places(df, size_by=size_by))
    out["places[budget 40]"] = plain_arrays(aggregate_places(df, sample_size=5, sample_budget=40))
    return out


def plain_frame(frame: pd.DataFrame) -> dict:
    """Columns, dtypes, cells (None for a missing one) and a digest of each attr of ``frame``."""
    cells = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
    return {
        "columns": list(frame.columns),
        "dtypes": [str(t) for t in frame.dtypes],
        "rows": [[plain_value(v) for v in r] for r in cells],
        "attrs_sha256": {k: hashlib.sha256(str(v).encode()).hexdigest() for k, v in frame.attrs.items()},
    }


def plain_arrays(arrays: dict) -> dict:
    """Each array's dtype kind and values (None for NaN)."""
    return {k: {"kind": np.asarray(v).dtype.kind, "values": [plain_value(x) for x in np.asarray(v).tolist()]}
            for k, v in arrays.items()}  # fmt: skip


def plain_value(value):
    """A cell as JSON keeps it: numbers, text, bools, ISO dates; None for any missing value."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> dict:
    return compute_figures(make_incidents(tmp_path_factory.mktemp("frozen")))


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_every_frozen_figure_is_computed(figures, expected):
    assert sorted(figures) == sorted(expected)


@pytest.mark.parametrize("name", [f"tally[{by}]" for by in [*BY_OPTIONS, "weapon", "location"]])
def test_tally_is_unchanged(figures, expected, name):
    assert figures[name] == expected[name]
    assert figures[name.replace("]", ",tolls]")] == expected[name.replace("]", ",tolls]")]


def test_tally_without_fatalities_and_empty_are_unchanged(figures, expected):
    for name in ("tally[month,no fatalities]", "tally[empty]"):
        assert figures[name] == expected[name], name


@pytest.mark.parametrize("name", [f"places[{s}]" for s in MAP_SIZES] + ["places[budget 40]"])
def test_places_are_unchanged(figures, expected, name):
    assert figures[name] == expected[name]


if __name__ == "__main__":  # PYTHONPATH=. .venv/bin/python tests/unit/metrics/test_frozen_figures.py --write
    import tempfile

    if sys.argv[1:] != ["--write"]:
        raise SystemExit("usage: test_frozen_figures.py --write")
    with tempfile.TemporaryDirectory() as tmp:
        frozen = compute_figures(make_incidents(Path(tmp)))
    EXPECTED.parent.mkdir(exist_ok=True)
    lines = [
        f"{json.dumps(k)}:{json.dumps(v, sort_keys=True, separators=(',', ':'))}" for k, v in sorted(frozen.items())
    ]
    EXPECTED.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {EXPECTED}")
