"""Peak memory of a fresh Python process, shared by the benchmarks.

VmHWM (peak resident set of this process image) rather than ``ru_maxrss``: on Linux ``ru_maxrss``
survives fork+exec, so a child of a big benchmark process would report the parent's peak.
"""

from __future__ import annotations

import json
import subprocess
import sys

PEAK_RSS = """
def peak_rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
"""
"""Source of ``peak_rss()``, to put before a script run by :func:`run_json`."""


def run_json(script: str, *args: str) -> dict:
    """Run ``PEAK_RSS + script`` in a fresh interpreter and return the JSON it prints."""
    command = [sys.executable, "-c", PEAK_RSS + script, *args]
    return json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
