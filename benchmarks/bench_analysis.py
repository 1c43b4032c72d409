"""Time loading and every metric and chart builder at 10k, 100k and 1M synthetic incidents.

    .venv/bin/python benchmarks/bench_analysis.py [--sizes 10000,100000,1000000]

The bare read (``pandas.read_csv(engine="pyarrow")``) and ``load_incidents`` run in
alternating turns (read, load, read, load, ...; the median of each), so that
the page cache and a busy machine fall on both alike; every other step is the
median of 3 runs. Prints a table per size, how each timing grows with the
size, and the lines

    RESULT load_validate_vs_read_1m <ratio>     goal <= 2
    RESULT metric_max_s_1m <seconds>            goal <= 0.3
    RESULT peak_mem_vs_table_1m <ratio>         goal <= 3

Synthetic data comes from ``benchmarks/synth.py`` and is cached in
``benchmarks/.cache/``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))  # synth.py beside this file

from peak import run_json
from synth import write_synthetic_dir

from analysis.data.dataset import load_incidents
from analysis.metrics.casualties import tally_casualties
from analysis.metrics.completeness import compare_with_reported_totals
from analysis.metrics.counts import count_by
from analysis.metrics.filters import filter_incidents
from analysis.metrics.frequency import count_per_period, find_lulls
from analysis.reporting import charts

SIZES = (10_000, 100_000, 1_000_000)
REPEAT = 3
LOAD_ROUNDS = 5
"""Turns of the bare read and the load, alternating (read, load, read, load, ...)."""

PEAK_MEMORY_SCRIPT = """
import json, sys
from analysis.data.dataset import load_incidents
df = load_incidents(sys.argv[1])
print(json.dumps({"peak_rss": peak_rss(), "table": int(df.memory_usage(deep=True).sum())}))
"""
BASELINE_SCRIPT = """
import json
import analysis.data.read
print(json.dumps({"peak_rss": peak_rss()}))
"""


def time_in_turns(rounds: int, steps: dict) -> dict[str, list[float]]:
    """Wall times of each step, the steps run in turns (A, B, A, B, ...: ``rounds`` times each), so that the
    page cache and a busy machine fall on every step alike."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(rounds):
        for name, fn in steps.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return times


def time_median(fn, repeat: int = REPEAT) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def make_reported_totals() -> pd.DataFrame:
    """Five reported totals typed as ``analysis.data.dataset.load_reported_totals`` returns them."""
    out = pd.DataFrame(
        {
            "total_id": ["T1", "T2", "T3", "T4", "T5"],
            "metric": ["attacks_on_us", "attacks_on_us", "attacks_on_us", "us_troops_deployed", "attacks_on_us"],
            "scope": ["attacks on US forces in Iraq and Syria"] * 5,
            "period_start": ["2023-10-17", "2023-10-17", None, None, "2024-02-04"],
            "as_of": ["2023-11-30", "2024-02-04", "2024-12-31", "2024-06-01", "2024-08-01"],
            "value_min": [60, 160, 180, 2500, 20],
            "value_max": [66, None, 190, 2500, None],
            "countries": ["Iraq;Syria", "Iraq;Syria;Jordan", None, None, "Iraq"],
            "source_id": ["S"] * 5,
            "quote": ["q"] * 5,
        }
    )
    return out.astype(
        {
            "total_id": "string",
            "metric": pd.CategoricalDtype(["attacks_on_us", "us_troops_deployed", "other"]),
            "scope": "string",
            "period_start": "datetime64[us]",
            "as_of": "datetime64[us]",
            "value_min": "Int64",
            "value_max": "Int64",
            "countries": "string",
            "source_id": "string",
            "quote": "string",
        }
    )


def measure_metrics(df: pd.DataFrame) -> dict[str, float]:
    """Median seconds of each metric and chart builder on ``df``."""
    totals = make_reported_totals()
    weekly = count_per_period(df, "week", by="category")
    weekly_weapon = count_per_period(df, "week", by="weapon")
    tally = tally_casualties(df, by="country")
    counts = count_by(df, "location")
    metrics = {
        "filter_incidents": lambda: filter_incidents(
            df, start="2024-01-01", end="2024-06-30", countries=["Iraq", "Syria"], claimed_by="resistance"
        ),
        "filter_incidents[perpetrator]": lambda: filter_incidents(df, perpetrators=["kata'ib", "nujaba"]),
    }
    for dim in ("country", "location", "weapon", "claimed_by", "outcome", "category"):
        metrics[f"count_by[{dim}]"] = lambda dim=dim: count_by(df, dim)
    metrics.update(
        {
            "tally_casualties[country]": lambda: tally_casualties(df, by="country"),
            "tally_casualties[month]": lambda: tally_casualties(df, by="month"),
            "count_per_period[week]": lambda: count_per_period(df, "week"),
            "count_per_period[week,category]": lambda: count_per_period(df, "week", by="category"),
            "find_lulls": lambda: find_lulls(df),
            "compare_with_reported_totals": lambda: compare_with_reported_totals(df, totals),
            "plot_frequency_timeline": lambda: charts.plot_frequency_timeline(weekly_weapon, stack="weapon"),
            "plot_cumulative": lambda: charts.plot_cumulative(weekly, by="category"),
            "plot_casualty_ranges": lambda: charts.plot_casualty_ranges(tally),
            "plot_counts": lambda: charts.plot_counts(counts, "location"),
            "plot_incident_map": lambda: charts.plot_incident_map(df),
        }
    )
    return {name: time_median(fn) for name, fn in metrics.items()}


def measure_peak_memory(path: Path) -> dict[str, int]:
    """Peak RSS of a fresh process that loads the table, and the table's own size."""
    out = run_json(PEAK_MEMORY_SCRIPT, str(path))
    out["baseline_rss"] = run_json(BASELINE_SCRIPT)["peak_rss"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated row counts")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict[str, float]] = {}
    for n in sizes:
        t0 = time.perf_counter()
        path = write_synthetic_dir(n)
        print(f"\n== {n:,} incidents ({path}, ready in {time.perf_counter() - t0:.1f} s)")
        csv = path / "incidents.csv"
        steps = {"read": lambda csv=csv: pd.read_csv(csv, engine="pyarrow"), "load": lambda p=path: load_incidents(p)}
        turns = time_in_turns(LOAD_ROUNDS, steps)
        read_s, load_s = (statistics.median(turns[k]) for k in ("read", "load"))
        pair_ratio = statistics.median(b / a for a, b in zip(turns["read"], turns["load"]))
        df = load_incidents(path)
        row = {"read_csv[pyarrow]": read_s, "load_incidents": load_s}
        row.update(measure_metrics(df))
        results[n] = row
        width = max(map(len, row))
        print(f"{'step':<{width}}  seconds")
        for name, s in row.items():
            print(f"{name:<{width}}  {s:8.4f}")
        print(
            f"{'load / read':<{width}}  {load_s / read_s:8.2f} x  (read and load in {LOAD_ROUNDS} alternating turns, "
            f"medians {read_s:.3f} s and {load_s:.3f} s; median of the {LOAD_ROUNDS} paired ratios {pair_ratio:.2f})"
        )
        del df

    if len(sizes) > 1:
        print("\n== growth (seconds)")
        names = list(results[sizes[0]])
        width = max(map(len, names))
        head = "".join(f"{n:>12,}" for n in sizes) + "".join(f"{f'x {b // a}':>10}" for a, b in zip(sizes, sizes[1:]))
        print(f"{'step':<{width}}{head}")
        for name in names:
            secs = [results[n][name] for n in sizes]
            ratios = [b / a if a > 0 else float("nan") for a, b in zip(secs, secs[1:])]
            print(f"{name:<{width}}" + "".join(f"{s:12.4f}" for s in secs) + "".join(f"{r:9.1f}x" for r in ratios))

    largest = max(sizes)
    tag = "1m" if largest == 1_000_000 else f"{largest}"
    r = results[largest]
    metric_names = [k for k in r if k not in ("read_csv[pyarrow]", "load_incidents")]
    slowest = max(metric_names, key=r.get)
    mem = measure_peak_memory(write_synthetic_dir(largest))
    print(
        f"\n== memory at {largest:,} rows: peak RSS {mem['peak_rss'] / 2**20:.0f} MiB "
        f"(interpreter + imports alone {mem['baseline_rss'] / 2**20:.0f} MiB), "
        f"table {mem['table'] / 2**20:.0f} MiB"
    )
    print(f"slowest metric at {largest:,} rows: {slowest} ({r[slowest]:.4f} s)\n")
    print(
        f"load_incidents {r['load_incidents']:.3f} s vs read_csv[pyarrow] {r['read_csv[pyarrow]']:.3f} s "
        f"(medians of {LOAD_ROUNDS} alternating turns)"
    )
    print(f"RESULT load_validate_vs_read_{tag} {r['load_incidents'] / r['read_csv[pyarrow]']:.2f}")
    print(f"RESULT metric_max_s_{tag} {r[slowest]:.4f}")
    print(f"RESULT peak_mem_vs_table_{tag} {mem['peak_rss'] / mem['table']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
