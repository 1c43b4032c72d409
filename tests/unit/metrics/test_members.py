"""Tests of analysis.metrics.members: the incidents behind each chart mark."""

from analysis.metrics.members import sample_members
from tests.fixtures.tables import make_incidents


def test_members_per_week_and_value_in_date_order_capped_with_the_group_size():
    df = make_incidents(
        {"incident_id": "late", "event_date": "2024-01-07"},
        {"incident_id": "early", "event_date": "2024-01-01"},
        {"incident_id": "mid", "event_date": "2024-01-03"},
        {"incident_id": "next", "event_date": "2024-01-08", "weapon": "rocket"},
    )
    out = sample_members(df, by="weapon", freq="week", limit=2)
    assert out["incident_id"].tolist() == ["early", "mid", "next"]
    assert out["group_size"].tolist() == [3, 3, 1]
    assert out["period"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-01", "2024-01-01", "2024-01-08"]
    assert out["row"].tolist() == [1, 2, 3]


def test_a_multi_valued_cell_belongs_to_each_value_and_an_empty_one_to_none():
    df = make_incidents({"incident_id": "A", "claimed_by": "X;Y"}, {"incident_id": "B"})
    out = sample_members(df, by="claimed_by")
    assert sorted(zip(out["key"], out["incident_id"])) == [("X", "A"), ("X;Y", "A"), ("Y", "A")]
