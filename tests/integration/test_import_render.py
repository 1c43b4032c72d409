"""Import → validate → render: an imported directory (no quotes, unknown places, two sources) renders a report."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from analysis.cli import main
from analysis.render.batch import render_jobs
from analysis.render.jobs import read_jobs

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
ROOT = Path(__file__).resolve().parents[2]


def test_imported_data_renders_the_frequency_report(tmp_path, capsys):
    data = tmp_path / "imported"
    table = FORMATS / "tracker" / "wikipedia_us_attacks_on_syria.csv"
    mapping = ROOT / "examples" / "wikipedia_us_attacks_on_syria.toml"
    assert main(["import", "csv", str(table), "--mapping", str(mapping), "--out", str(data)]) == 0
    assert main(["import", "acled", str(FORMATS / "acled_layout" / "layout_current.csv"), "--out", str(data)]) == 0
    assert main(["validate", str(data)]) == 0
    assert "OK: 4 sources, 12 places, 15 incidents, 0 evidence rows" in capsys.readouterr().out
    config = tmp_path / "reports.toml"
    config.write_text(
        textwrap.dedent(f"""\
        [[job]]
        name = "frequency"
        notebook = "{ROOT / "notebooks" / "frequency.ipynb"}"
        parameters = {{ title = "Imported: frequency", start = "2017-01-01", end = "2020-12-31", frequency = "month", categories = ["us_strike", "attack_on_us", "regional"] }}
    """)
    )
    summary = render_jobs(read_jobs(config), data_dir=data, out_dir=tmp_path / "out", progress=False, workers=1)
    assert [r.status for r in summary.results] == ["rendered"], summary.results
    page = (tmp_path / "out" / "frequency.html").read_text()
    assert "Imported: frequency" in page and "Traceback" not in page
    assert "13 incidents" in page or ">13<" in page


def test_render_of_an_import_without_jobs_uses_periods_relative_to_the_data(tmp_path, capsys):
    """A UCDP import (2003-2005) rendered with no reports.toml of its own: the generic jobs, never empty."""
    from analysis.render.jobs import read_jobs as read

    data = tmp_path / "ucdp"
    assert main(["import", "ucdp", str(FORMATS / "ucdp" / "ged_hdx_iraq_quirks.csv"), "--out", str(data)]) == 0
    capsys.readouterr()
    code = main(
        [
            "render",
            "--data",
            str(data),
            "--out",
            str(tmp_path / "out"),
            "--job",
            "latest-8-weeks",
            "--workers",
            "1",
            "--no-progress",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "was imported and has no reports.toml: rendering reports-any-data.toml" in captured.err
    line = next(t for t in captured.err.splitlines() if t.startswith("latest-8-weeks"))
    assert "rendered" in line and "empty" not in line
    page = (tmp_path / "out" / "latest-8-weeks.html").read_text(encoding="utf-8")
    assert "The imported data&#x27;s last 8 weeks" in page or "The imported data's last 8 weeks" in page
    job = next(
        j
        for j in read(ROOT / "reports-any-data.toml", data_span=lambda: (dt.date(2003, 4, 2), dt.date(2005, 10, 2)))
        if j.name == "latest-8-weeks"
    )
    assert (job.parameters["start"], job.parameters["end"]) == ("2005-08-07", "2005-10-02")
