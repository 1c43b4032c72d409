"""Fixtures of the chart tests: four incidents (two attacks at Al-Asad, one in Jordan, one US strike)."""

import pandas as pd
import pytest

from tests.fixtures.tables import make_incidents
from tests.unit.reporting.charts.shared import EVIL


@pytest.fixture
def incidents() -> pd.DataFrame:
    return make_incidents(
        {
            "incident_id": "A",
            "event_date": "2024-01-02",
            "fatalities": 2,
            "other_killed_min": 2,
            "other_killed_max": 4,
            "us_killed_min": 0,
            "us_killed_max": 0,
        },
        {"incident_id": "B", "event_date": "2024-01-09", "weapon": "rocket", "us_killed_min": 1},
        {
            "incident_id": "C",
            "event_date": "2024-01-28",
            "country": "Jordan",
            "location": EVIL,
            "latitude": 33.32,
            "longitude": 38.70,
            "us_killed_min": 3,
            "us_killed_max": 3,
        },
        {
            "incident_id": "D",
            "event_date": "2024-02-02",
            "category": "us_strike",
            "weapon": "airstrike",
            "location": "Jurf al-Sakhar",
            "latitude": 32.87,
            "longitude": 44.16,
            "other_killed_min": 16,
        },
    )
