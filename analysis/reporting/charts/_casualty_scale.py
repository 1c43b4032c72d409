"""The people axis of a casualty chart: logarithmic or not, and how far it reaches."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

LOG_SPREAD = 100
"""A people axis turns logarithmic when its largest figure is this many times its smallest non-zero one."""


@dataclass
class PeopleScale:
    """The people axis: logarithmic or not, its largest figure (``top``) and how far it reaches (``axis_top``)."""

    log_axis: bool
    top: float
    axis_top: float = 0.0

    @property
    def floor(self) -> float:
        """Where a 0 sits: the left edge (0.5 on a log axis)."""
        return 0.5 if self.log_axis else 0.0

    @property
    def axis_range(self) -> list[float]:
        """The people axis's range as plotly takes it (log10 of the ends on a log axis)."""
        if self.log_axis:
            return [math.log10(self.floor) - 0.05, math.log10(max(self.axis_top, 1.0)) + 0.15]
        return [0.0, max(self.axis_top, 1.0) * 1.15]

    def find_share(self, value: float) -> float:
        """How far along the people axis ``value`` sits (0 left edge, 1 right edge).

        >>> PeopleScale(False, 10, 10).find_share(5.75), PeopleScale(True, 1000, 1000).find_share(0.5)
        (0.5, 0.014...)
        """
        lo, hi = self.axis_range
        x = math.log10(max(value, self.floor)) if self.log_axis else value
        return (x - lo) / (hi - lo)

    def pick_label_side(self, value: float) -> str:
        """Where a label anchored at ``value`` goes so it stays inside the people panel: to the right near
        the left edge (clear of the row names), to the left near the right edge, else centred above.

        >>> scale = PeopleScale(True, 1200, 1200)
        >>> scale.pick_label_side(1200), scale.pick_label_side(0.5), scale.pick_label_side(20)
        ('top left', 'top right', 'top center')
        """
        share = self.find_share(value)
        return "top right" if share < 0.25 else "top left" if share > 0.6 else "top center"

    def find_open_end(self, low: float) -> float:
        """Where the arrow of an open-ended figure ("at least ``low``") ends."""
        return max(low, 1.0) * 2.5 if self.log_axis else low + max(self.top, 1.0) * 0.3


def choose_scale(parts: list[tuple[str, pd.DataFrame]], log_axis: bool | None) -> PeopleScale:
    """The people axis: logarithmic when asked, or (``log_axis`` None) when the largest figure is
    :data:`LOG_SPREAD` times the smallest non-zero one."""
    values = [
        float(v)
        for _, part in parts
        for col in ("low", "best", "high")
        for v in part[col].to_numpy(dtype="float64", na_value=np.nan)
        if not np.isnan(v)
    ]
    positive = [v for v in values if v > 0]
    top = max(values) if values else 0.0
    if log_axis is None:
        log_axis = bool(positive) and max(positive) >= LOG_SPREAD * min(positive)
    scale = PeopleScale(log_axis, top)
    open_lows = [float(v) for _, p in parts for v in p.loc[p["high_open"], "low"].dropna()]
    scale.axis_top = max([top] + [scale.find_open_end(low) for low in open_lows])
    return scale
