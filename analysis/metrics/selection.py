"""What every metric checks of the incidents it is given, and the period a selection records.

Metrics take the incident table as :func:`analysis.data.read.load_dataset`
types it (or the Dataset itself). A frame read another way (plain
``pandas.read_csv`` keeps dates as text) is refused with a message saying
so, instead of pandas' "Invalid comparison between dtype=str and Timestamp"
or a silently wrong count.

:func:`analysis.metrics.filters.filter_incidents` records the period it
selected (``start``, ``end``) on the frame it returns
(``DataFrame.attrs``, kept by pandas through row selections), so
:func:`analysis.metrics.frequency.count_per_period` runs over the selected
period, not from the first incident it happens to hold.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pandas.api.types import is_datetime64_dtype, is_numeric_dtype

from analysis import schema
from analysis.dates import RELATIVE_DATE_FORMS, resolve_relative_date

__all__ = ["SELECTION_PERIOD_ATTR", "choose_period", "parse_date_bound", "take_incidents"]

SELECTION_PERIOD_ATTR = "selection_period"
"""Key of ``DataFrame.attrs`` under which ``filter_incidents`` records ``(start, end)`` as ISO text or None."""

_LOAD_HINT = "use analysis.load_dataset(data_dir) and pass the Dataset or its .incidents"


def take_incidents(data, caller: str) -> pd.DataFrame:
    """The incident frame of ``data`` (a Dataset or its ``incidents``), refused when it was not typed by the loader.

    Raises ``TypeError`` for anything but a DataFrame or a Dataset, and
    ``ValueError`` when a column of the incident table present in the frame
    does not have the loader's type (a date column as text, a figure as text).

    >>> take_incidents(pd.DataFrame({"event_date": ["2024-01-28"]}), "count_by")
    Traceback (most recent call last):
    ...
    ValueError: count_by: column 'event_date' holds text (dtype str), expected dates: ...
    """
    if hasattr(data, "incidents") and hasattr(data, "evidence"):
        data = data.incidents
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{caller}: found {type(data).__name__}, expected the incident table; {_LOAD_HINT}")
    dtypes = data.dtypes.to_dict()
    for col in schema.INCIDENTS.columns:
        dtype = dtypes.get(col.name)
        if dtype is None:
            continue
        if col.kind == "date" and not is_datetime64_dtype(dtype):
            found = "text" if not is_numeric_dtype(dtype) else "numbers"
            raise ValueError(
                f"{caller}: column {col.name!r} holds {found} (dtype {dtype}), expected dates: "
                f"this frame was not read by load_dataset; {_LOAD_HINT}"
            )
        if col.kind in ("int", "float") and not is_numeric_dtype(dtype) and data[col.name].notna().any():
            raise ValueError(
                f"{caller}: column {col.name!r} holds text (dtype {dtype}), expected numbers: "
                f"this frame was not read by load_dataset; {_LOAD_HINT}"
            )
    return data


def choose_period(df: pd.DataFrame, start, end) -> tuple[object, object, str]:
    """``(start, end, where from)``: the given bounds, else those ``filter_incidents`` recorded on ``df``.

    The third item says where each bound comes from, for a reader
    ("start given; end from the selection"); a bound neither given nor
    recorded is None (the caller then takes the first or last incident).

    >>> df = pd.DataFrame(); df.attrs[SELECTION_PERIOD_ATTR] = ("2023-10-01", None)
    >>> choose_period(df, None, None)
    ('2023-10-01', None, 'start from the selection (filter_incidents); end from the latest incident')
    """
    recorded = df.attrs.get(SELECTION_PERIOD_ATTR) or (None, None)
    chosen, said = [], []
    for name, given, stored, fallback in (
        ("start", start, recorded[0], "the first incident"),
        ("end", end, recorded[1], "the latest incident"),
    ):
        if given is not None:
            chosen.append(given)
            said.append(f"{name} given")
        elif stored is not None:
            chosen.append(stored)
            said.append(f"{name} from the selection (filter_incidents)")
        else:
            chosen.append(None)
            said.append(f"{name} from {fallback}")
    return chosen[0], chosen[1], "; ".join(said)


def parse_date_bound(value, name: str, caller: str, today: dt.date | None = None) -> pd.Timestamp:
    """A period bound as a naive Timestamp: a date, or "today" / "last N days|weeks|months" as the CLI takes them.

    >>> parse_date_bound("last 2 weeks", "start", "count_per_period", dt.date(2024, 3, 1))
    Timestamp('2024-02-16 00:00:00')
    >>> parse_date_bound("soon", "start", "count_per_period")
    Traceback (most recent call last):
    ...
    ValueError: count_per_period: start='soon' is not a date (expected YYYY-MM-DD, 'today' or ...)
    """
    expected = f"expected YYYY-MM-DD, {RELATIVE_DATE_FORMS}"
    shown = value
    try:
        if isinstance(value, str):
            value = resolve_relative_date(value, today or dt.date.today())
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{caller}: {name}={shown!r} is not a date ({expected})") from err
    if ts is pd.NaT:
        raise ValueError(f"{caller}: {name}={shown!r} is not a date ({expected})")
    if ts.tzinfo is not None:
        raise ValueError(f"{caller}: {name}={shown!r} has a time zone; event_date is a naive local date")
    return ts
