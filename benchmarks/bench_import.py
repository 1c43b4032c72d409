"""Benchmark of ``incidents import acled``: a file in ACLED's current layout, imported and validated.

    python benchmarks/bench_import.py            # 1,000,000 rows (cached under benchmarks/.cache/)
    BENCH_IMPORT_ROWS=100000 python benchmarks/bench_import.py
    python benchmarks/bench_import.py --phases   # only where one import spends its time (no RESULT lines)

Four things are timed side by side, in turns (read, floor, import, pandas; three rounds, the best of each),
so that a busy machine slows them alike:

- read: a bare ``pyarrow.csv.read_csv`` of the file;
- floor: pyarrow alone reading the file, writing the table back as CSV and reading that again: the least
  any import that writes a data directory and checks what it wrote costs;
- import: the whole import (read, map, build places and sources, write, validate the written tables,
  move the folder into place);
- pandas: what a user would write instead: ``pandas.read_csv(engine="pyarrow")``, the column renames
  into the schema's names, ``to_csv`` (no checks, no places, no sources).

Prints ``RESULT import_acled_vs_floor_<n>`` (goal <= 1.5), ``RESULT import_acled_vs_pandas_<n>``
(goal <= 0.4), ``RESULT import_peak_mem_vs_table_<n>`` (goal <= 3): the peak resident memory of a
fresh process that imports the file over the size of the file's table as pyarrow reads it
(``Table.nbytes``), and ``RESULT import_peak_mem_vs_pandas_<n>`` (goal < 1): that peak over the peak
of a fresh process running the pandas script. For scale, ``import_acled_vs_read_<n>`` and
``import_floor_vs_read_<n>`` (no goal). The synthetic rows are deterministic: ACLED's columns with values
drawn from a few hundred places, actors and outlets, and notes of about 200 characters (no ACLED data).

``--phases`` imports the file three times and prints, for the fastest, the seconds and share of each phase:
read (the input as text), map (the rest of ``import_acled``: typed cells, ids, categories, notes, sources),
build (merge, places, import log, coverage: the rest of ``write_import``), write (the CSV files),
validate (the written tables checked from memory) and move (the swap into place). Each is timed by wrapping
the function the import calls for it, so the phases add up to the whole.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv as pv

sys.path.insert(0, str(Path(__file__).resolve().parent))  # peak.py beside this file

from peak import run_json

import analysis.imports.formats.acled as acled_module
import analysis.imports.writer as writer_module
from analysis.imports.formats.acled import import_acled
from analysis.imports.writer import write_import

CACHE_DIR = Path(__file__).resolve().parent / ".cache"
COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
PLACES = [  # country, admin1, place, latitude, longitude
    ("Iraq", "Anbar", "Al Asad", 33.7856, 42.4412),
    ("Iraq", "Baghdad", "Baghdad", 33.3152, 44.3661),
    ("Iraq", "Erbil", "Erbil", 36.1911, 44.0092),
    ("Syria", "Deir ez-Zor", "Deir ez-Zor", 35.3359, 40.1408),
    ("Syria", "Homs", "Al Tanf", 33.4950, 38.6600),
    ("Jordan", "Mafraq", "Rukban", 33.3243, 38.7006),
    ("Lebanon", "Beirut", "Beirut", 33.8938, 35.5018),
    ("Yemen", "Al Hudaydah", "Hodeidah", 14.7978, 42.9545),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Strategic developments", "Disrupted weapons use"),
]
ACTORS = ["Military Forces of the United States (2021-)", "Islamic Resistance in Iraq", "Unidentified Armed Group"]


def write_synthetic_acled(n: int, path: Path, seed: int = 20240128) -> Path:
    """``n`` deterministic rows in ACLED's current layout (places fanned out to about 800 points)."""
    rng = np.random.default_rng(seed)
    place = rng.integers(0, len(PLACES), n)
    spread = rng.integers(0, 100, n)  # 100 named points around each place
    kind = rng.integers(0, len(TYPES), n)
    a1, a2 = rng.integers(0, len(ACTORS), n), rng.integers(0, len(ACTORS), n)
    days = np.datetime64("2019-01-01") + rng.integers(0, 2000, n).astype("timedelta64[D]")
    country, admin1, name, lat, lon = (np.array([p[i] for p in PLACES], dtype=object) for i in range(5))
    frame = pd.DataFrame(
        {
            "event_id_cnty": [f"SYN{i}" for i in range(n)],
            "event_date": pd.Series(days).dt.strftime("%Y-%m-%d"),
            "year": pd.Series(days).dt.year,
            "time_precision": rng.choice([1, 1, 1, 2, 3], n),
            "disorder_type": "Political violence",
            "event_type": [TYPES[k][0] for k in kind],
            "sub_event_type": [TYPES[k][1] for k in kind],
            "actor1": np.array(ACTORS, dtype=object)[a1],
            "assoc_actor_1": "",
            "inter1": "External/Other forces",
            "actor2": np.array(ACTORS, dtype=object)[a2],
            "assoc_actor_2": "",
            "inter2": "Political militia",
            "interaction": "External/Other forces-Political militia",
            "civilian_targeting": "",
            "iso": 368,
            "region": "Middle East",
            "country": country[place],
            "admin1": admin1[place],
            "admin2": "",
            "admin3": "",
            "location": pd.Series(name[place]) + " " + pd.Series(spread).astype(str),
            "latitude": np.round(lat[place].astype(float) + spread / 1000, 4),
            "longitude": np.round(lon[place].astype(float) + spread / 1000, 4),
            "geo_precision": rng.choice([1, 2, 3], n),
            "source": np.array(["Reuters", "AFP; Xinhua", "Shafaq News", "Twitter; Rudaw"], dtype=object)[place % 4],
            "source_scale": "National",
            "notes": "On this date, a synthetic event for the import benchmark happened at a synthetic place; "
            + pd.Series(spread).astype(str)
            + " is its number. Nothing here comes from ACLED; the text is only as long as ACLED's notes usually are.",
            "fatalities": rng.integers(0, 5, n),
            "tags": "",
            "timestamp": 1700000000,
        }
    )[COLUMNS]
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


IMPORT_PEAK_SCRIPT = """
import json, shutil, sys, tempfile
from pathlib import Path
import analysis.imports.formats.acled as acled_module
import analysis.imports.writer as writer_module
from analysis.imports.formats.acled import import_acled
from analysis.imports.writer import write_import
folder = Path(tempfile.mkdtemp(prefix="bench-import-mem-"))
try:
    write_import(import_acled(Path(sys.argv[1])), folder / "data")
finally:
    shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({"peak_rss": peak_rss()}))
"""
PANDAS_RENAMES = {
    "event_id_cnty": "incident_id",
    "actor1": "perpetrator",
    "actor2": "target",
}
"""The renames a user's script would make: ACLED's columns into the schema's names (the rest kept as named)."""
PANDAS_SCRIPT = """
import pandas as pd

def convert(src, dst):
    frame = pd.read_csv(src, engine="pyarrow")
    frame = frame.rename(columns=RENAMES)
    frame.to_csv(dst, index=False)
"""
PANDAS_PEAK_SCRIPT = (
    PANDAS_SCRIPT
    + """
import json, shutil, sys, tempfile
from pathlib import Path
folder = Path(tempfile.mkdtemp(prefix="bench-pandas-mem-"))
try:
    convert(sys.argv[1], folder / "incidents.csv")
finally:
    shutil.rmtree(folder, ignore_errors=True)
print(json.dumps({"peak_rss": peak_rss()}))
"""
)
BASELINE_SCRIPT = """
import json
import analysis.imports.formats.acled, analysis.imports.writer
print(json.dumps({"peak_rss": peak_rss()}))
"""


def best_in_turns(rounds: int, steps: dict) -> dict[str, float]:
    """The best wall time of each step, the steps run in turns (``rounds`` times each, one after the other)."""
    best = dict.fromkeys(steps, float("inf"))
    for _ in range(rounds):
        for name, fn in steps.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def read_write_read(path: Path) -> None:
    """The least any import does: read the file, write a CSV, read it back (pyarrow alone)."""
    folder = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    try:
        pv.write_csv(pv.read_csv(path), folder / "out.csv")
        pv.read_csv(folder / "out.csv")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def convert_with_pandas(path: Path) -> None:
    """The pandas script a user would write instead of the import (:data:`PANDAS_SCRIPT`)."""
    namespace = {"RENAMES": PANDAS_RENAMES}
    exec(PANDAS_SCRIPT, namespace)
    folder = Path(tempfile.mkdtemp(prefix="bench-pandas-"))
    try:
        namespace["convert"](path, folder / "incidents.csv")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def import_once(path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        write_import(import_acled(path), folder / "data")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


PHASE_FUNCTIONS = {  # phase: (module, name of the function the import calls for it)
    "read": (acled_module, "read_text_table"),
    "write": (writer_module, "write_text_csv"),
    "validate": (writer_module, "validate_data_dir"),
    "move": (writer_module, "swap_into_place"),
}


@contextlib.contextmanager
def timed_functions(spent: dict[str, float]):
    """Wrap each function of :data:`PHASE_FUNCTIONS` so that its wall time adds up in ``spent[phase]``."""
    originals = {phase: getattr(module, name) for phase, (module, name) in PHASE_FUNCTIONS.items()}

    def timing(phase, fn):
        def wrapper(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[phase] += time.perf_counter() - t0

        return wrapper

    for phase, (module, name) in PHASE_FUNCTIONS.items():
        setattr(module, name, timing(phase, originals[phase]))
    try:
        yield
    finally:
        for phase, (module, name) in PHASE_FUNCTIONS.items():
            setattr(module, name, originals[phase])


def import_phases(path: Path) -> dict[str, float]:
    """Seconds of each phase of one import (read, map, build, write, validate, move; see the module doc)."""
    spent: dict[str, float] = defaultdict(float)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-phases-"))
    try:
        with timed_functions(spent):
            t0 = time.perf_counter()
            imported = import_acled(path)
            t1 = time.perf_counter()
            write_import(imported, folder / "data")
            t2 = time.perf_counter()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    phases = {"read": spent["read"], "map": t1 - t0 - spent["read"]}
    phases["build"] = t2 - t1 - spent["write"] - spent["validate"] - spent["move"]
    phases.update({p: spent[p] for p in ("write", "validate", "move")})
    return phases


def print_phases(path: Path, rounds: int = 3) -> None:
    """The phases of the fastest of ``rounds`` imports, as seconds and share of the whole."""
    runs = [import_phases(path) for _ in range(rounds)]
    best = min(runs, key=lambda phases: sum(phases.values()))
    total = sum(best.values())
    print(f"== phases of the fastest of {rounds} imports of {path.name}: {total:.2f} s")
    for phase, seconds in best.items():
        print(f"{phase:>9} {seconds:6.2f} s {seconds / total:6.1%}")


def main() -> int:
    n = int(os.environ.get("BENCH_IMPORT_ROWS", 1_000_000))
    path = CACHE_DIR / f"acled-layout-{n}.csv"
    if not path.is_file():
        write_synthetic_acled(n, path)
    if "--phases" in sys.argv[1:]:
        print_phases(path)
        return 0
    steps = {
        "read": lambda: pv.read_csv(path),
        "floor": lambda: read_write_read(path),
        "import": lambda: import_once(path),
        "pandas": lambda: convert_with_pandas(path),
    }
    best = best_in_turns(3, steps)
    read, floor, imported, pandas_s = best["read"], best["floor"], best["import"], best["pandas"]
    table_bytes = pv.read_csv(path).nbytes
    peak = run_json(IMPORT_PEAK_SCRIPT, str(path))["peak_rss"]
    pandas_peak = run_json(f"RENAMES = {PANDAS_RENAMES!r}\n" + PANDAS_PEAK_SCRIPT, str(path))["peak_rss"]
    baseline = run_json(BASELINE_SCRIPT)["peak_rss"]
    tag = f"{n // 1_000_000}m" if n % 1_000_000 == 0 else f"{n // 1000}k"
    print(
        f"== import of {n:,} ACLED-layout rows ({path.stat().st_size / 2**20:.0f} MiB): "
        f"import {imported:.2f} s, pyarrow read {read:.2f} s, read+write+read {floor:.2f} s, "
        f"pandas script {pandas_s:.2f} s; peak RSS of an import {peak / 2**20:.0f} MiB, "
        f"of the pandas script {pandas_peak / 2**20:.0f} MiB "
        f"(interpreter + imports alone {baseline / 2**20:.0f} MiB), table {table_bytes / 2**20:.0f} MiB"
    )
    print(f"RESULT import_acled_vs_floor_{tag} {imported / floor:.2f}")
    print(f"RESULT import_acled_vs_pandas_{tag} {imported / pandas_s:.2f}")
    print(f"RESULT import_peak_mem_vs_table_{tag} {peak / table_bytes:.2f}")
    print(f"RESULT import_peak_mem_vs_pandas_{tag} {peak / pandas_peak:.2f}")
    print(f"RESULT import_acled_vs_read_{tag} {imported / read:.2f}")
    print(f"RESULT import_floor_vs_read_{tag} {floor / read:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
