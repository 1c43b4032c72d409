"""What every metric checks of the arguments it is given: the incidents and the period bounds.

Metrics take the incident table as :func:`analysis.data.dataset.load_dataset`
types it (or the Dataset itself). A frame read another way (plain
``pandas.read_csv`` keeps dates as text) is refused with a message saying
so, instead of pandas' "Invalid comparison between dtype=str and Timestamp"
or a silently wrong count. Period bounds take the forms the CLI takes
(``YYYY-MM-DD``, ``today``, ``last N days|weeks|months``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from pandas.api.types import is_datetime64_dtype, is_numeric_dtype

from analysis import schema
from analysis.dates import RELATIVE_DATE_FORMS, resolve_relative_date

__all__ = ["describe_period", "parse_date_bound", "take_incidents"]

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


def describe_period(start, end) -> str:
    """Where a count's period bounds come from, for a reader: given, or the first and latest incident.

    >>> describe_period("2023-10-01", None)
    'start given (2023-10-01); end: the latest incident (no end given)'
    """
    first = f"start given ({start})" if start is not None else "start: the first incident (no start given)"
    last = f"end given ({end})" if end is not None else "end: the latest incident (no end given)"
    return f"{first}; {last}"


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
