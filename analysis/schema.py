# ruff: noqa: F401 (re-exports of analysis.columns, analysis.vocabulary and analysis.exit_codes)
"""The one definition of every table in ``data/``.

Each column is declared once here: its type, whether it may be empty, its
allowed values, its bounds, a description and the reference it follows.
The validator (:mod:`analysis.data.validate`), the typed loader
(:mod:`analysis.data.dataset`) and the column tables of ``data/CODEBOOK.md``
(:mod:`analysis.codebook`) are all generated from these declarations. The
vocabularies and labels (:mod:`analysis.vocabulary`) and the exit codes
(:mod:`analysis.exit_codes`) live in sibling modules and are re-exported here.

Types (``Column.kind``, :data:`COLUMN_KINDS`; their pandas and arrow types and
parsers are in :data:`analysis.data.kinds.KINDS`):

- ``id``: text, no spaces, unique when ``unique`` is set;
- ``text``: free text;
- ``date``: ``YYYY-MM-DD``;
- ``int``: whole number (nullable when ``required`` is False);
- ``float``: decimal number;
- ``category``: one of ``allowed``;
- ``ids``: ``;``-separated list of ids.
"""

from __future__ import annotations

# Columns, vocabularies, labels and exit codes live in sibling modules; every name stays importable from here.
from analysis.columns import COLUMN_KINDS, MAX_COUNT, Column, Table, count_range
from analysis.exit_codes import EXIT, EXIT_CODES, ExitCode
from analysis.vocabulary import (
    CASUALTY_PREFIXES,
    CATEGORIES,
    CATEGORY_LABELS,
    COUNTRIES,
    DATE_PRECISION_LABELS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    FATALITIES,
    FIELD_LABELS,
    FILTER_VOCABULARIES,
    FREQUENCIES,
    GEO_PRECISIONS,
    GRADES,
    LIST_SEPARATOR,
    MEASURE_LABELS,
    MULTI_VALUED,
    NOT_STATED,
    OUTCOMES,
    PLACE_KINDS,
    SOURCE_TYPES,
    SUB_EVENT_TYPES,
    UNCLAIMED,
    UNKNOWN,
    VALUE_LABELS,
    WEAPON_LABELS,
    WEAPONS,
    is_missing,
    join_words,
    split_values,
    value_label,
)

_ACLED = "ACLED codebook"
_GTD = "GTD codebook"
_AIRWARS = "Airwars"
_UCDP = "UCDP GED codebook"
_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]*$"
_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
EARLIEST_DATE = "1989-01-01"
"""Earliest date any date column may hold; the latest is the day after the validation day."""
_DATE_RANGE = f"; from {EARLIEST_DATE} (the first year of UCDP GED, the oldest dataset an import reads) to tomorrow"


def _range(prefix: str, who: str, what: str, ref: str) -> tuple[Column, Column, Column]:
    """The min/best/max triple of one casualty or munitions count; the best estimate follows UCDP GED."""
    return count_range(prefix, who, what, ref, _UCDP)


INCIDENTS = Table(
    name="incidents",
    file="incidents.csv",
    description="One row per incident: one violent event at one place on one day (ACLED's unit of analysis).",
    columns=(
        Column(
            "incident_id", "id", "stable unique identifier, e.g. IRQ-2024-07-25-ASAD", unique=True, pattern=_ID_PATTERN
        ),
        Column(
            "event_date",
            "date",
            "local date of the event (YYYY-MM-DD); for remote violence the local date at the target when the "
            "munitions arrived; the first day of the span when date_precision is coarser than day" + _DATE_RANGE,
            pattern=_DATE_PATTERN,
            reference=_ACLED,
        ),
        Column(
            "date_precision",
            "category",
            "how precisely event_date is known",
            allowed=tuple(DATE_PRECISIONS),
            reference=_ACLED,
        ),
        Column(
            "country",
            "category",
            "country where the event took place; empty when the sources do not say",
            required=False,
            allowed=COUNTRIES,
            reference=_ACLED,
        ),
        Column(
            "admin1",
            "text",
            "first-level administrative division (governorate, province)",
            required=False,
            reference=_ACLED,
        ),
        Column(
            "location",
            "text",
            "canonical place name; must match places.csv name; empty when the sources name no place",
            required=False,
            reference=_ACLED,
        ),
        Column(
            "latitude",
            "float",
            "WGS84 latitude of the location; empty (with longitude and geo_precision) when unknown",
            required=False,
            minimum=-90,
            maximum=90,
            reference=_ACLED,
        ),
        Column(
            "longitude",
            "float",
            "WGS84 longitude of the location; empty (with latitude and geo_precision) when unknown",
            required=False,
            minimum=-180,
            maximum=180,
            reference=_ACLED,
        ),
        Column(
            "geo_precision",
            "int",
            "1 the site itself, 2 a nearby town or part of a region, 3 a region or province; "
            "empty = unknown, exactly when latitude and longitude are empty",
            required=False,
            minimum=1,
            maximum=3,
            reference=_ACLED,
        ),
        Column("category", "category", "which side of the escalation the event belongs to", allowed=tuple(CATEGORIES)),
        Column("event_type", "category", "ACLED event type", allowed=tuple(EVENT_TYPES), reference=_ACLED),
        Column(
            "sub_event_type",
            "category",
            "ACLED sub-event type; must belong to event_type",
            allowed=SUB_EVENT_TYPES,
            reference=_ACLED,
        ),
        Column(
            "operation",
            "text",
            "label shared by the incidents of one strike wave or campaign",
            required=False,
            one_spelling=True,
        ),
        Column(
            "perpetrator",
            "text",
            "actor that carried out the attack as the sources name it ('unknown' when unnamed)",
            reference=_ACLED,
        ),
        Column(
            "claimed_by", "text", "group that claimed the attack; empty when unclaimed", required=False, reference=_GTD
        ),
        Column("target", "text", "what or whom the attack was aimed at", reference=_GTD),
        Column(
            "weapon",
            "text",
            "weapon used; several as ';'-separated values (rocket;drone); counts by weapon count an incident "
            "under each of its weapons",
            allowed=tuple(WEAPONS),
            reference=_GTD,
        ),
        *_range("munitions", "munitions", "(rockets, drones, missiles, bombs) used", "own"),
        Column("outcome", "category", "what happened to the munitions", allowed=tuple(OUTCOMES)),
        *_range("us_killed", "US personnel", "killed", _GTD),
        *_range("us_injured", "US personnel", "injured", _GTD),
        *_range("other_killed", "other people (combatants and civilians)", "killed", _AIRWARS),
        *_range("other_injured", "other people (combatants and civilians)", "injured", _AIRWARS),
        Column(
            "fatalities",
            "int",
            "deaths as ACLED records them: US plus other killed, each its best estimate where given, else its min; "
            "0 when the sources report no casualties; empty when no source gives a death figure",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
            reference=_ACLED,
        ),
        Column("source_ids", "ids", "sources that report the incident; each must be in sources.csv"),
        Column(
            "notes",
            "text",
            "coder's notes in our own words: decisions, conflicts, date resolution",
            required=False,
            reference=_ACLED,
        ),
    ),
)

SOURCES = Table(
    name="sources",
    file="sources.csv",
    description="One row per source document: a raw article under raw/ or an external reference (url).",
    columns=(
        Column("source_id", "id", "stable unique identifier of the source", unique=True, pattern=_ID_PATTERN),
        Column(
            "file",
            "text",
            "path of the raw text relative to the data directory; empty for an external reference",
            required=False,
        ),
        Column(
            "url",
            "text",
            "address of an external reference; empty when the raw file is bundled, or for a source known only by "
            "name (an outlet an imported dataset cites)",
            required=False,
        ),
        Column("outlet", "text", "publisher as far as known"),
        Column("headline", "text", "headline or topic"),
        Column(
            "published",
            "date",
            "publication date (YYYY-MM-DD); empty when unknown" + _DATE_RANGE,
            required=False,
            pattern=_DATE_PATTERN,
        ),
        Column("published_basis", "text", "how the publication date was established, or why it is unknown"),
        Column(
            "source_type",
            "category",
            "what kind of source the text is (one of the source types of the codebook); empty when not yet typed, "
            "as in imported data; it grades the incidents the source reports",
            required=False,
            allowed=tuple(SOURCE_TYPES),
            reference=_AIRWARS,
        ),
        Column(
            "sha256",
            "text",
            "SHA-256 of the raw file; empty for an external reference",
            required=False,
            pattern=r"^[0-9a-f]{64}$",
        ),
    ),
)

EVIDENCE = Table(
    name="evidence",
    file="evidence.csv",
    description="The sentences that support each coded value: one row per incident, field and quote.",
    columns=(
        Column("incident_id", "id", "incident the quote supports; must be in incidents.csv"),
        Column("field", "text", "incidents.csv column (or date, place, weapon, casualties) the quote supports"),
        Column("source_id", "id", "source the quote is taken from; must be in sources.csv"),
        Column("quote", "text", "exact substring of the raw source text"),
    ),
)

PLACES = Table(
    name="places",
    file="places.csv",
    description="Gazetteer: one canonical name per place with every spelling met in the sources.",
    columns=(
        Column("name", "text", "canonical place name used in incidents.location", unique=True),
        Column("aliases", "text", "other spellings met in sources, ';'-separated", required=False),
        Column(
            "kind",
            "category",
            "what the place is; empty when not known",
            required=False,
            allowed=tuple(k for k in PLACE_KINDS if k != "(empty)"),
        ),
        Column("country", "category", "country of the place; empty when not known", required=False, allowed=COUNTRIES),
        Column("admin1", "text", "first-level administrative division", required=False),
        Column(
            "latitude",
            "float",
            "WGS84 latitude; empty (with longitude) when not known",
            required=False,
            minimum=-90,
            maximum=90,
        ),
        Column(
            "longitude",
            "float",
            "WGS84 longitude; empty (with latitude) when not known",
            required=False,
            minimum=-180,
            maximum=180,
        ),
    ),
)

CONTEXT = Table(
    name="context",
    file="context.csv",
    description=(
        "Dated non-violent developments (talks, agreements, elections, truces, announcements) for chart annotations."
    ),
    optional=True,
    columns=(
        Column("context_id", "id", "stable unique identifier", unique=True, pattern=_ID_PATTERN),
        Column("date", "date", "local date of the development (YYYY-MM-DD)" + _DATE_RANGE, pattern=_DATE_PATTERN),
        Column("date_precision", "category", "how precisely date is known", allowed=tuple(DATE_PRECISIONS)),
        Column("label", "text", "short label shown on charts"),
        Column("description", "text", "one sentence in our own words", required=False),
        Column("source_id", "id", "source that reports it; must be in sources.csv"),
    ),
)

REPORTED_TOTALS = Table(
    name="reported_totals",
    file="reported_totals.csv",
    description="Aggregate figures stated by the sources, to measure how much of a reported total the table holds.",
    optional=True,
    columns=(
        Column("total_id", "id", "stable unique identifier", unique=True, pattern=_ID_PATTERN),
        Column(
            "metric",
            "category",
            "what is counted: attacks on US forces, US troops, a casualty figure of one side (as the incidents' "
            "casualty columns name it), or other",
            allowed=("attacks_on_us", "us_troops_deployed", *CASUALTY_PREFIXES, "other"),
        ),
        Column("scope", "text", "what the figure covers (countries, actors, kind of event)"),
        Column(
            "period_start",
            "date",
            "first day the figure covers (YYYY-MM-DD); empty when not stated" + _DATE_RANGE,
            required=False,
            pattern=_DATE_PATTERN,
        ),
        Column("as_of", "date", "date the figure refers to (YYYY-MM-DD)" + _DATE_RANGE, pattern=_DATE_PATTERN),
        Column(
            "value_min",
            "int",
            "lowest value the wording supports; empty when it sets no lower bound ('about N', 'almost N')",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
        ),
        Column(
            "value_best",
            "int",
            "best estimate: the value stated exactly or approximately ('about N'); empty = none; min <= best <= max",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
            reference=_UCDP,
        ),
        Column(
            "value_max",
            "int",
            "highest value the wording supports; empty when open-ended ('over 160', 'about N')",
            required=False,
            minimum=0,
            maximum=MAX_COUNT,
        ),
        Column(
            "countries",
            "text",
            "';'-separated countries the figure covers; empty when not stated",
            required=False,
            allowed=COUNTRIES,
        ),
        Column(
            "operation",
            "text",
            "the incidents' operation label when the figure is a toll of that operation (with countries: of its "
            "rows in those countries, at least one of which must lie there), not split between its rows; "
            "empty otherwise",
            required=False,
            refers_to="incidents.csv operation",
        ),
        Column("source_id", "id", "source that states it; must be in sources.csv"),
        Column("quote", "text", "exact substring of the raw source text"),
    ),
)

COVERAGE = Table(
    name="coverage",
    file="coverage.csv",
    description=(
        "Which periods (and countries) the data claims to cover completely: outside them a period without "
        "incidents reads 'none recorded', never a count of zero. Absent: the data claims no period complete."
    ),
    optional=True,
    columns=(
        Column(
            "period_start",
            "date",
            "first day of a period the data claims to cover (YYYY-MM-DD)" + _DATE_RANGE,
            pattern=_DATE_PATTERN,
        ),
        Column(
            "period_end",
            "date",
            "last day of that period (YYYY-MM-DD), on or after period_start" + _DATE_RANGE,
            pattern=_DATE_PATTERN,
        ),
        Column(
            "countries",
            "text",
            "';'-separated countries the claim covers; empty = every country",
            required=False,
            allowed=COUNTRIES,
        ),
        Column(
            "basis",
            "text",
            "how the claim was established (the export's query, the tracker's own statement of what it lists)",
        ),
    ),
)

TABLES: tuple[Table, ...] = (SOURCES, PLACES, INCIDENTS, EVIDENCE, CONTEXT, REPORTED_TOTALS, COVERAGE)

# Every incident must have evidence for these fields (see CODEBOOK.md).
EVIDENCE_REQUIRED_FIELDS: tuple[str, ...] = ("event_date", "location", "weapon")


def table(name: str) -> Table:
    """Return the table declared under ``name``.

    >>> table("incidents").file
    'incidents.csv'
    """
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)
