"""The coded values of ``data/`` and the words a reader sees for them.

Controlled vocabularies (value -> meaning, as the codebook prints them), the plain-English labels every
report uses, the label of an empty value (:data:`NOT_STATED`) and the one test of emptiness
(:func:`is_missing`). Pandas-free: :mod:`analysis.schema` re-exports every name, so
``from analysis.schema import WEAPONS`` keeps working.
"""

from __future__ import annotations

# --- controlled vocabularies (value -> meaning) ---------------------------

CATEGORIES: dict[str, str] = {
    "attack_on_us": "an attack on US forces, personnel or facilities",
    "us_strike": "a strike carried out by US forces",
    "regional": "any other violent event of the same escalation",
}

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    # ACLED's six event types and every sub-event type of each (ACLED codebook, 2023 onwards); the types and
    # sub-types the bundled data used before imports came first and keep their place (vocabulary order)
    "Explosions/Remote violence": (
        "Shelling/artillery/missile attack",
        "Air/drone strike",
        "Remote explosive/landmine/IED",
        "Grenade",
        "Suicide bomb",
        "Chemical weapon",
    ),
    "Strategic developments": (
        "Disrupted weapons use",
        "Other",
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
    ),
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
SUB_EVENT_TYPES: tuple[str, ...] = tuple(s for subs in EVENT_TYPES.values() for s in subs)

WEAPONS: dict[str, str] = {
    "rocket": "unguided rockets (Katyusha, 107 mm, ...)",
    "drone": "one-way attack or armed drones (UAV)",
    "ballistic_missile": "ballistic missiles",
    "cruise_missile": "cruise missiles",
    "missiles_and_drones": "a combined salvo of missiles and drones",
    "airstrike": "bombs or missiles dropped or fired from aircraft",
    "explosive_device": "a planted bomb or IED",
    "small_arms": "rifles, machine guns, small arms fire",
    "unknown": "the sources do not say or disagree, or the cause is not established",
}

OUTCOMES: dict[str, str] = {
    "hit": "the weapon reached its target",
    "partial": "some munitions were intercepted, others hit",
    "intercepted": "every munition was intercepted or shot down",
    "missed": "the munitions landed but missed the target",
    "unknown": "the sources do not say or disagree",
}

DATE_PRECISIONS: dict[str, str] = {
    "day": "the day is known",
    "week": "known to within a week; event_date is the first day of the possible span",
    "month": "known to the month; event_date is the first of the month",
    "year": "known to the year; event_date is 1 January",
}

GEO_PRECISIONS: dict[str, str] = {
    "1": "the site itself",
    "2": "a nearby town or part of a region",
    "3": "a region or province",
    "(empty)": "unknown: the sources give no usable place, so latitude and longitude are empty too; the incident "
    "is counted everywhere but not drawn on the map",
}

PLACE_KINDS: dict[str, str] = {
    "base": "military base, outpost or airfield",
    "city": "city, town or village",
    "facility": "other facility (airport, embassy, camp, residence)",
    "region": "region, province or area",
    "(empty)": "not known (places written by an import, whose source does not say what the place is)",
}

COUNTRIES: tuple[str, ...] = (
    "Iraq",
    "Syria",
    "Jordan",
    "Lebanon",
    "Israel",
    "Palestine",
    "Iran",
    "Yemen",
    "Saudi Arabia",
    "Kuwait",
    "Turkey",
    "United States",
)

# --- what a reader sees: one label vocabulary for every report -------------

MEASURE_LABELS: dict[str, str] = {
    "us_killed": "US personnel killed",
    "us_injured": "US personnel injured",
    "other_killed": "others killed",
    "other_injured": "others injured",
    "fatalities": "fatalities (ACLED)",
}
"""Casualty measures (the ``<measure>_min``/``_max`` pairs of incidents.csv) and their labels."""
CASUALTY_PREFIXES: tuple[str, ...] = ("us_killed", "us_injured", "other_killed", "other_injured")
FATALITIES = "fatalities"

CATEGORY_LABELS: dict[str, str] = {
    "attack_on_us": "attacks on US forces",
    "us_strike": "US strikes",
    "regional": "other violent events of the escalation",
}

WEAPON_LABELS: dict[str, str] = {
    "rocket": "rockets",
    "drone": "drones",
    "ballistic_missile": "ballistic missiles",
    "cruise_missile": "cruise missiles",
    "missiles_and_drones": "missiles and drones",
    "airstrike": "air strike",
    "explosive_device": "explosive device",
    "small_arms": "small arms",
    "unknown": "not known",
}

VALUE_LABELS: dict[str, dict[str, str]] = {"category": CATEGORY_LABELS, "weapon": WEAPON_LABELS}
"""Plain-English labels of coded values, by column (values without a label show as they are)."""

MULTI_VALUED: tuple[str, ...] = ("weapon",)
"""Columns whose cells may hold several vocabulary values separated by ``;`` (``rocket;drone``)."""
LIST_SEPARATOR = ";"


UNKNOWN = "unknown"
"""Label of a missing cell in tables and cards: the data does not hold the value (never shown as 0 or nan)."""


def is_missing(value) -> bool:
    """True when the data holds no value: None, NaN, NaT or ``pd.NA`` (pandas-free; ``""``, 0 and lists are values).

    >>> [is_missing(v) for v in (None, float("nan"), "", 0, [], "x")]
    [True, True, False, False, False, False]
    """
    if value is None:
        return True
    if isinstance(value, (str, bytes, list, tuple, dict, set)):
        return False
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # NaN and NaT of any numeric or numpy type
    except (TypeError, ValueError):
        return False


def split_values(value) -> list[str]:
    """The ``;``-separated values of one cell, stripped, empty ones dropped.

    >>> split_values("rocket; drone"), split_values("rocket"), split_values(None), split_values(float("nan"))
    (['rocket', 'drone'], ['rocket'], [], [])
    """
    if is_missing(value):
        return []
    return [v.strip() for v in str(value).split(LIST_SEPARATOR) if v.strip()]


def join_words(words: list[str]) -> str:
    """Words as a reader lists them.

    >>> join_words(["rockets"]), join_words(["rockets", "drones"]), join_words(["a", "b", "c"])
    ('rockets', 'rockets and drones', 'a, b and c')
    """
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def value_label(column: str, value) -> str:
    """The label a reader sees for ``value`` of ``column`` (several values of a multi-valued column are joined).

    >>> value_label("category", "attack_on_us")
    'attacks on US forces'
    >>> value_label("country", "Iraq")
    'Iraq'
    >>> value_label("weapon", "rocket;drone")
    'rockets and drones'
    """
    labels = VALUE_LABELS.get(column, {})
    if column in MULTI_VALUED and LIST_SEPARATOR in str(value):
        parts = split_values(value)
        if parts:
            return join_words([labels.get(p, p) for p in parts])
    return labels.get(str(value), str(value))


FIELD_LABELS: dict[str, str] = {
    "event_date": "date",
    "date": "date",
    "date_precision": "date precision",
    "country": "country",
    "admin1": "province",
    "location": "place",
    "place": "place",
    "latitude": "latitude",
    "longitude": "longitude",
    "coordinates": "coordinates",
    "geo_precision": "place precision",
    "category": "category",
    "event_type": "event type (ACLED)",
    "sub_event_type": "sub-event type (ACLED)",
    "operation": "operation",
    "perpetrator": "perpetrator",
    "claimed_by": "claimed by",
    "target": "target",
    "weapon": "weapon",
    "munitions": "munitions",
    "outcome": "outcome",
    **MEASURE_LABELS,
    "casualties": "casualties",
    "source_ids": "sources",
    "notes": "notes",
    "grade": "grade (from the sources' types)",
    "source_type": "source type",
}
"""Plain labels of the incident fields, as incident cards name them (and the ``field`` values of evidence.csv)."""
DATE_PRECISION_LABELS: dict[str, str] = {
    "day": "known to the day",
    "week": "known to the week",
    "month": "known to the month",
    "year": "known to the year",
}
"""How precisely a date is known, in words (``date_precision``)."""

FREQUENCIES: dict[str, str] = {
    "day": "calendar day",
    "week": "week, Monday to Sunday",
    "month": "calendar month",
}
"""Periods that counts and charts can be grouped by (``frequency`` parameter)."""

SOURCE_TYPES: dict[str, str] = {
    "official statement": "a government, armed force or ministry speaking in its own name (a statement, a briefing, "
    "remarks), or a page that reproduces such a statement whole",
    "wire/agency": "a news agency's copy (Reuters, AP, AFP, Anadolu, a state agency), also when another site relays "
    "it unchanged",
    "newspaper or broadcaster": "a newspaper, magazine, radio or television outlet reporting under its own name",
    "monitor/NGO": "a conflict monitor, human-rights group or other non-governmental organisation",
    "claim by an armed group": "an armed group's own statement claiming or denying an attack",
    "aggregator/unknown": "a page compiling others' reports without naming them, an unnamed outlet, or a dataset "
    "that cites outlets only by name",
}
"""Kinds of source (``sources.source_type``), from what the text is, not from where it was found."""

GRADES: dict[str, str] = {
    "confirmed": "among its sources is an official statement or a claim by an armed group: a party to the "
    "incident, the targeted side or the attacker, says it happened",
    "corroborated": "no party's statement, but at least two independent reports (see the rule in the codebook)",
    "single source": "one independent report (a wire story relayed by several sites counts once)",
    "weak": "only aggregators or unnamed outlets report it",
    "ungraded": "none of its sources has a type yet (imported data, or sources.csv without source_type)",
}
"""Incident grades, from the strongest to the weakest; derived from the sources' types (``metrics.grades``)."""

NOT_STATED = "(not stated)"
"""Label of an empty value in counts, charts and tables."""
UNCLAIMED = "(unclaimed)"
"""Label of an empty ``claimed_by``."""

FILTER_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "country": COUNTRIES,
    "category": tuple(CATEGORIES),
    "weapon": tuple(WEAPONS),
    "outcome": tuple(OUTCOMES),
}
"""Columns whose filter values must come from a vocabulary (anything else is a typo)."""
