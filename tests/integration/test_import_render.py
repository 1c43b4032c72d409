"""Import → validate → render: an imported directory (no quotes, unknown places, two sources) renders a report."""

from __future__ import annotations

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
