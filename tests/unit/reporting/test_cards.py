"""Incident cards: every fact worded from the schema, unknown never 0, quotes cited, hostile text inert."""

from __future__ import annotations

import html.parser
import urllib.parse

import pandas as pd
import pytest

from analysis import schema
from analysis.data.dataset import load_dataset
from analysis.metrics.casualties import tally_casualties
from analysis.reporting import cards
from analysis.reporting.casualty_text import format_casualty_table, format_incident_casualty
from analysis.reporting.links import CARDS_PER_PAGE, assign_card_pages, build_card_hrefs
from benchmarks.synth import make_incidents as make_synthetic_rows
from tests.corpus.hostile import HOSTILE, PAYLOADS
from tests.fixtures.tables import make_incidents


class _Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, every id, and the text."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(source)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]


def _sources(**extra) -> pd.DataFrame:
    base = {
        "source_id": ["S1", "X1"],
        "file": ["raw/articles/a.txt", None],
        "url": [None, "https://www.example.org/news/1"],
        "outlet": ["Reuters", "AP"],
        "headline": ["Rockets hit base", "Drone attack"],
        "published": pd.to_datetime(["2024-07-26", None]),
    }
    base.update(extra)
    return pd.DataFrame(base)


def _row(**values) -> dict:
    """One incident as a mapping, every column present; empty cells are <NA>."""
    row = {c.name: pd.NA for c in schema.INCIDENTS.columns}
    row.update(incident_id="IRQ-1", event_date=pd.Timestamp("2024-07-25"), date_precision="day")
    row.update(values)
    return row


# --- one figure ---------------------------------------------------------------------------


def _figures_from_tally(incidents: pd.DataFrame) -> pd.DataFrame:
    tally = tally_casualties(incidents, by="incident", include_fatalities=False)
    return format_casualty_table(tally, labels={}).set_index("incident_id")


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_a_card_figure_reads_as_the_one_incident_tally_of_the_reports(which):
    """The card and the casualty tables word every (min, best, max) the same way, unknown included."""
    if which == "bundled":
        incidents = load_dataset().incidents
    else:
        incidents = make_incidents(*make_synthetic_rows(3000).to_dict("records"))
        best = incidents["us_injured_min"].where(incidents.index % 7 == 0)  # some best-only and best-in-range rows
        incidents["us_injured_best"] = best
        incidents.loc[incidents.index % 11 == 0, "us_injured_min"] = pd.NA
    expected = _figures_from_tally(incidents)
    for row in incidents.to_dict("records"):
        for m in schema.CASUALTY_PREFIXES:
            shown = format_incident_casualty(row["category"], m, row[f"{m}_min"], row[f"{m}_best"], row[f"{m}_max"])
            assert shown == expected.loc[row["incident_id"], m], (row["incident_id"], m)


def test_unknown_figures_read_unknown_never_zero():
    card = cards.build_card_html(_row(category="attack_on_us"), [], {})
    facts = dict(_facts(card))
    for m in schema.CASUALTY_PREFIXES:
        label = schema.MEASURE_LABELS[m]
        assert facts[label[0].upper() + label[1:]] == "unknown"
    assert facts["Fatalities (ACLED)"] == "unknown" and facts["Munitions"] == "unknown"
    zero = cards.build_card_html(_row(us_killed_min=0, us_killed_max=0, fatalities=0), [], {})
    regional = dict(_facts(cards.build_card_html(_row(category="regional"), [], {})))
    assert regional["US personnel killed"] == "not applicable" and regional["Others killed"] == "unknown"
    assert dict(_facts(zero))["US personnel killed"] == "0" and dict(_facts(zero))["Fatalities (ACLED)"] == "0"


class _FactsParser(html.parser.HTMLParser):
    """Collects the (label, value) pairs of a card's ``<dl class="card-facts">``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs, self.where, self.inside = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "dl":
            self.inside = ("class", "card-facts") in attrs
        if self.inside and tag in ("dt", "dd"):
            self.where = tag
            if tag == "dt":
                self.pairs.append(["", ""])

    def handle_endtag(self, tag):
        if tag == "dl":
            self.inside = False
        if tag in ("dt", "dd"):
            self.where = None

    def handle_data(self, data):
        if self.where:
            self.pairs[-1][0 if self.where == "dt" else 1] += data


def _facts(card: str) -> list[tuple[str, str]]:
    """(label, value) of the card's facts, in order."""
    parser = _FactsParser()
    parser.feed(card)
    return [tuple(p) for p in parser.pairs]


# --- one card -------------------------------------------------------------------------------


def test_a_card_words_every_fact_from_the_schema_without_column_codes():
    row = _row(
        country="Iraq",
        admin1="Anbar",
        location="Ain al-Asad air base",
        latitude=33.7856,
        longitude=42.4411,
        geo_precision=1,
        category="attack_on_us",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        perpetrator="unknown",
        target="the base",
        weapon="rocket",
        munitions_min=2,
        outcome="missed",
        us_killed_min=0,
        us_killed_max=0,
        other_killed_best=1200,
        notes="late on Thursday\nsecond line",
        source_ids="S1;X1",
    )
    card = cards.build_card_html(row, [], cards.build_source_refs(_sources(), {}))
    facts = dict(_facts(card))
    assert facts["Date"] == "2024-07-25 (known to the day)"
    assert facts["Place"] == "Ain al-Asad air base, Anbar, Iraq"
    assert facts["Place precision"] == schema.GEO_PRECISIONS["1"]
    assert facts["Category"] == schema.CATEGORY_LABELS["attack_on_us"]
    assert facts["Weapon"] == schema.WEAPON_LABELS["rocket"]
    assert facts["Claimed by"] == cards.NO_CLAIM_TEXT
    assert facts["Munitions"] == "at least 2"
    assert facts["Outcome"].startswith("missed: ")
    assert facts["US personnel killed"] == "0" and facts["Others killed"] == "about 1,200"
    assert facts["US personnel injured"] == "unknown"
    shown = " ".join(label for label, _ in _facts(card))
    for code in ("claimed_by", "us_killed", "geo_precision", "attack_on_us", "event_date", "other_"):
        assert code not in shown and code not in " ".join(facts.values()), code
    assert "late on Thursday\nsecond line" in card, "notes keep their line breaks (shown by pre-line)"
    assert cards.NO_QUOTE_TEXT in card


def test_a_card_without_place_coordinates_or_date_precision_of_a_day_says_unknown():
    """Contract 3: empty country, place, coordinates and geo precision; a multi-valued weapon; coarse dates."""
    row = _row(date_precision="month", event_date=pd.Timestamp("2024-01-01"), weapon="rocket;drone")
    facts = dict(_facts(cards.build_card_html(row, [], {})))
    assert facts["Place"] == "unknown" and facts["Coordinates"] == "unknown"
    assert facts["Place precision"].startswith("unknown")
    assert facts["Date"] == "Jan 2024 (known to the month)"
    assert facts["Weapon"] == schema.value_label("weapon", "rocket;drone")


def test_quotes_are_shown_field_by_field_with_their_source_and_link():
    quotes = [
        ("us_injured", "X1", "injuring more than 40"),
        ("event_date", "S1", "late on Thursday"),
        ("us_killed", "S1", "No casualties"),
        ("us_injured", "S1", "No casualties"),
    ]
    refs = cards.build_source_refs(_sources(), {"S1": "a.txt"})
    card = cards.build_card_html(_row(source_ids="S1;X1"), quotes, refs)
    evidence = card[card.index('class="card-evidence"') :]
    assert cards.NO_QUOTE_TEXT not in card
    assert evidence.index("late on Thursday") < evidence.index("No casualties") < evidence.index("more than 40")
    assert evidence.count("No casualties") == 1, "a quote that supports two fields is shown once"
    assert "US personnel killed, US personnel injured" in evidence
    assert evidence.count("Reuters, “Rockets hit base”, published 2024-07-26") == 1, "each source cited once"
    assert evidence.count("AP, “Drone attack”, published date unknown") == 1
    hrefs = [a["href"] for tag, a in _Tags(evidence).tags if tag == "a"]
    assert "sources/a.html" in hrefs and "https://www.example.org/news/1" in hrefs
    assert "Other sources" not in card, "every source of the incident is quoted"
    partly = cards.build_card_html(_row(source_ids="S1;X1"), quotes[1:2], refs)
    others = partly[partly.index("Other sources (no quote held)") :]
    assert "AP, “Drone attack”" in others and "Reuters" not in others


def test_hostile_text_in_every_field_stays_text():
    row = _row(
        **{c: HOSTILE for c in ("admin1", "location", "operation", "perpetrator", "claimed_by", "target", "notes")},
        incident_id='A"><script>x</script>',
        source_ids="S1",
    )
    sources = _sources(
        outlet=[HOSTILE, HOSTILE],
        headline=[HOSTILE, HOSTILE],
        url=["javascript:window.__pwned=1", 'https://x.org/" onmouseover="alert(1)'],
    )
    card = cards.build_card_html(
        row, [("notes", "S1", HOSTILE), ("weapon", "X1", HOSTILE)], cards.build_source_refs(sources, {})
    )
    for payload in PAYLOADS:
        assert payload not in card
    parsed = _Tags(card)
    assert {tag for tag, _ in parsed.tags} <= {
        "article",
        "h2",
        "h3",
        "a",
        "dl",
        "div",
        "dt",
        "dd",
        "p",
        "blockquote",
        "ul",
        "li",
    }
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert [a["href"] for tag, a in parsed.tags if tag == "a"] == [
        "#" + urllib.parse.quote(row["incident_id"], safe="")
    ]
    assert parsed.ids == [row["incident_id"]]
    assert "".join(parsed.text).count(HOSTILE) >= 10, "the text reads as written"


# --- sources ----------------------------------------------------------------------------------


def test_source_copies_end_in_txt_and_never_collide():
    frame = pd.DataFrame(
        {
            "source_id": ["a", "b", "c", "d", "e", "f"],
            "file": ["raw/x.txt", "raw/y/x.txt", "raw/p.html", "raw/..", "raw/X.TXT", None],
        }
    )
    names = cards.name_source_copies(frame)
    assert names == {"a": "x.txt", "b": "b-x.txt", "c": "p.html.txt", "d": "d.txt", "e": "e-X.TXT"}


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<script>", "https://x.org/ a", "ftp://x.org/f", "//x.org", "", None],
)
def test_only_web_addresses_become_links(url):
    assert cards.safe_web_url(url) is None


# --- pages ---------------------------------------------------------------------------------------


def test_every_incident_has_one_card_on_the_page_the_reports_link_to():
    busy = [{"incident_id": f"IRQ-{i:04d}", "event_date": "2024-01-15"} for i in range(CARDS_PER_PAGE + 5)]
    other = [{"incident_id": "SYR-1", "event_date": "2023-12-01", "date_precision": "month"}]
    incidents = make_incidents(*busy, *other)
    pages = dict(cards.build_card_pages(incidents, _empty_evidence(), _sources()))
    assert list(pages) == ["2023-12.html", "2024-01.html", "2024-01-2.html", "index.html"]
    ids = {page: _Tags(source).ids for page, source in pages.items()}
    for incident_id, href in build_card_hrefs(incidents).items():
        page, fragment = href.removeprefix("cards/").split("#")
        assert ids[page].count(urllib.parse.unquote(fragment)) == 1, incident_id
    found = [i for page in pages if page != "index.html" for i in ids[page]]
    assert sorted(found) == sorted(incidents["incident_id"]), "each incident exactly once"
    assert 'href="2024-01-2.html" rel="next"' in pages["2024-01.html"]
    assert 'href="2024-01.html" rel="prev"' in pages["2024-01-2.html"]
    index = _Tags(pages["index.html"])
    own = [a["href"] for t, a in index.tags if t == "a" and a["href"].endswith(".html") and "../" not in a["href"]]
    assert own == list(pages)[:-1]
    assert 'href="../methodology.html"' in pages["index.html"] and 'href="../methodology.html"' in pages["2024-01.html"]
    assert "Jan 2024, part 2" in "".join(index.text)


def test_card_pages_hold_no_script_and_link_their_stylesheet():
    incidents = make_incidents({"incident_id": "A", "event_date": "2024-01-15"})
    for _, source in cards.build_card_pages(incidents, _empty_evidence(), _sources()):
        tags = _Tags(source).tags
        assert not [t for t, _ in tags if t in ("script", "iframe", "img")]
        assert ("link", {"rel": "stylesheet", "href": cards.STYLESHEET}) in tags
        assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1.0"}) in tags


def test_an_empty_table_gives_an_index_that_says_so():
    incidents = make_incidents({"incident_id": "A", "event_date": "2024-01-15"}).iloc[0:0]
    pages = dict(cards.build_card_pages(incidents, _empty_evidence(), _sources()))
    assert list(pages) == ["index.html"] and "no incidents" in pages["index.html"]


def test_the_pages_agree_with_assign_card_pages_on_the_bundled_data():
    dataset = load_dataset()
    pages = dict(cards.build_card_pages(dataset.incidents, dataset.evidence, dataset.sources))
    assigned = assign_card_pages(dataset.incidents)
    assert set(pages) - {"index.html"} == set(assigned)
    with_quotes = set(dataset.evidence["incident_id"])
    for incident_id, page in assigned.items():
        card = pages[page][pages[page].index(f'id="{incident_id}"') :]
        card = card[: card.index("</article>")]
        assert (cards.NO_QUOTE_TEXT in card) == (incident_id not in with_quotes), incident_id


def _empty_evidence() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype="string") for c in ("incident_id", "field", "source_id", "quote")})


def test_a_row_counted_by_an_operation_toll_names_the_toll_not_unknown():
    from analysis.metrics.tolls import link_operation_tolls

    dataset = load_dataset()
    links = link_operation_tolls(dataset.incidents, dataset.reported_totals)
    row = dataset.incidents.loc[dataset.incidents["incident_id"] == "SYR-20240203-MAYADIN"].iloc[0].to_dict()
    facts = dict(_facts(cards.build_card_html(row, [], {}, links)))
    assert facts["Others killed"] == (
        "not split for this row: at least 18 (S001, for US retaliatory strikes for Tower 22 (Feb 2024) in Syria, "
        "not split between its 3 rows)"
    )
    assert facts["US personnel killed"] == "not applicable"
    iraq = dataset.incidents.loc[dataset.incidents["incident_id"] == "IRQ-20240203-ALQAIM"].iloc[0].to_dict()
    assert dict(_facts(cards.build_card_html(iraq, [], {}, links)))["Others killed"] == "unknown"
