"""incidents import ucdp on real UCDP GED rows (HDX copy, CC BY 4.0)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.cli import main
from analysis.data.dataset import load_dataset
from analysis.imports.ucdp import import_ucdp

GED = Path(__file__).resolve().parents[2] / "fixtures" / "formats" / "ucdp" / "ged_hdx_iraq_sample.csv"


def test_events_dates_places_and_deaths(tmp_path, capsys):
    assert main(["import", "ucdp", str(GED), "--out", str(tmp_path / "d")]) == 0
    assert "12 events (HXL hashtag row skipped)" in capsys.readouterr().out
    data = load_dataset(tmp_path / "d")
    inc = data.incidents.set_index("incident_id")
    assert len(inc) == 12
    fallujah = inc.loc["UCDP-114064"]  # date_prec 2, 2014-01-24 to 2014-01-25, low/best/high 8/8/8
    assert (str(fallujah["event_date"].date()), fallujah["date_precision"]) == ("2014-01-24", "week")
    assert (fallujah["other_killed_min"], fallujah["other_killed_best"], fallujah["other_killed_max"]) == (8, 8, 8)
    assert fallujah["fatalities"] == 8 and pd.isna(fallujah["us_killed_best"])
    assert "dates 2014-01-24 to 2014-01-25 (date_prec 2)" in fallujah["notes"]
    country_only = inc[inc["location"].isna()]  # where_prec 6: UCDP's country centroid is not kept
    assert (
        len(country_only) == 1 and country_only["latitude"].isna().all() and (country_only["country"] == "Iraq").all()
    )
    dated = data.sources.dropna(subset=["published"])
    assert "Iraq violence kills 14 as January toll tops 800" in set(dated["headline"])


def test_deaths_of_a_us_side_go_to_us_killed(tmp_path):
    # a copy of real row 114064 whose side A is renamed to US forces (built at test time, never committed)
    text = GED.read_text(encoding="utf-8").splitlines()
    header, hxl, row = text[0], text[1], next(t for t in text if t.startswith("114179,"))
    changed = row.replace(",Government of Iraq,", ",Government of United States of America,")
    (tmp_path / "us.csv").write_text("\n".join([header, hxl, changed]) + "\n", encoding="utf-8")
    inc = import_ucdp(tmp_path / "us.csv").incidents.iloc[0]
    assert inc["category"] == "us_strike"
    assert (inc["us_killed_best"], inc["other_killed_best"], inc["fatalities"]) == (6, 0, 6)  # deaths_a 6 of best 6
    assert pd.isna(inc["other_killed_min"]) and pd.isna(inc["other_killed_max"])  # low/high are not split by side
