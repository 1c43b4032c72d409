# ruff: noqa: E501  (hand-coded data: long strings of notes)
"""Hand coding of the second frozen split, frozen-2 (read by build_gold.py).

Same format and rules as gold_coding.py (data/CODEBOOK.md and README.md beside this file). These nine
articles were found, stored and coded on 2026-12-08 before the extractor was run on any of them, and
committed before it was; no rule is written or changed while looking at them.
"""

INCIDENTS = [
    # ---------------------------------------------------------------- b01 The Hill, Mon 2023-04-10
    dict(
        a="b01_thehill_2023-04-10",
        id="b01-1",
        date="2023-04-10",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        fig="ui:0-0",
        q=("A single rocket targeted coalition forces", "according to a CENTCOM statement."),
        notes="'on Monday' in a Monday article: 10 April 2023. Province from 'located in Deir ez-Zor Province'. "
        "'no injuries' sets the injured pair to 0 (gold has only the US injured column); killed not stated, empty.",
    ),
    dict(
        a="b01_thehill_2023-04-10",
        id="b01-2",
        date="2023-03-01",
        prec="month",
        country="Syria",
        cat="attack_on_us",
        fig="ui:5-5 ok:1-1",
        q=("That tit-for-tat was set off when a drone strike", "as well as five service members."),
        notes="Dated by the paragraph before: the series of 'late March' was set off by this strike, so March 2023 "
        "(month precision). Country from 'several U.S. bases in Syria'; the base is not named. An American "
        "contractor killed (others 1-1), five service members injured (US injured 5-5); the contractor injured is "
        "not a US figure. US killed not stated, empty. The six TBI cases are spread over 'the drone and rocket "
        "attacks': a reported total, not this row's figure.",
    ),
    dict(
        a="b01_thehill_2023-04-10",
        id="b01-3",
        date="2023-03-01",
        prec="month",
        country="Syria",
        cat="us_strike",
        fig="ok:8-8",
        q=("The U.S. military then conducted retaliatory airstrikes in Syria", "killing eight, the Pentagon said."),
        notes="'then' after the late-March drone strike: March 2023, month precision. No place below the country "
        "(one row for the country, as the codebook says when no site is named). Eight killed: others 8-8.",
    ),
    # ---------------------------------------------------------------- b02 Daily Beast, Wed 2023-10-18
    dict(
        a="b02_dailybeast_2023-10-18",
        id="b02-1",
        date="2023-10-18",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Harir Air Base",
        cat="attack_on_us",
        q=("The drone targeting al-Harir was intercepted", "injuring a small number of troops."),
        notes="The text dates the press release ('on Wednesday', 18 October 2023), as a01-1; coded that day. "
        "'a small number of troops': the text does not say they were US troops (the forces were 'U.S. and allied'), "
        "so US injured stays empty. Claimed by Tashkil al-Waritheen ('the attack on the air base').",
    ),
    dict(
        a="b02_dailybeast_2023-10-18",
        id="b02-2",
        date="2023-10-18",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        q=("The drones targeted the al-Harir air base and al-Asad base", "citing U.S. officials."),
        notes="Same day as b02-1 (one sentence names both bases: one row per place). The text gives no figure "
        "for this base: every pair empty (the 'multiple troops with minor injuries' of the release are not "
        "split between the bases and are not said to be US).",
    ),
    # ---------------------------------------------------------------- b03 Shafaq News, Mon 2024-01-01
    dict(
        a="b03_shafaq_2024-01-01",
        id="b03-1",
        date="2024-01-01",
        prec="day",
        country="Syria",
        admin1="Hasakah",
        loc="Shaddadi",
        cat="attack_on_us",
        q=("An Iraqi Shiite paramilitary group on Monday claimed", "base in northeastern Syria."),
        notes="The text dates the claim ('on Monday', 1 January 2024), not the attack; coded that day as a01-1. "
        "Site from the next paragraph ('al-Shaddadi military base near Syria's al-Hasakeh governorate'). A claim, "
        "not confirmed; no figures.",
    ),
    # ---------------------------------------------------------------- b04 Shafaq News, Sat 2023-12-16
    dict(
        a="b04_shafaq_2023-12-16",
        id="b04-1",
        date="2023-12-16",
        prec="day",
        country="Syria",
        admin1="Hasakah",
        loc="Al-Malikiyah",
        cat="attack_on_us",
        q=("An Iraqi Shiite paramilitary group on Saturday claimed", "base in northeastern Syria."),
        notes="The claim is dated ('on Saturday', 16 December 2023), as b03-1. Site: 'al-Malikiyah military base "
        "near Syria's al-Hasakeh governorate'. No figures.",
    ),
    # ---------------------------------------------------------------- b05 The Media Line, 2023-11-09
    dict(
        a="b05_themedialine_2023-11-09",
        id="b05-1",
        date="2023-11-03",
        prec="week",
        country="Syria",
        admin1="Hasakah",
        loc="Shaddadi",
        cat="attack_on_us",
        q=("The Syrian Observatory for Human Rights confirmed the base was targeted twice", "downing two drones."),
        notes="The text gives no day for the attacks (the group 'has claimed'); the article is of 9 November 2023, so "
        "a week span ending that day (3-9 November, week precision), as the README's rule for 'earlier'. 'targeted "
        "twice' and 'online statements' (plural): two attacks on the base, two rows (b05-1, b05-2); which is the "
        "rocket and which the drone attack the text does not say. 'did not result in any reported casualties' is "
        "provisional (like 'no immediate reports of injuries'): not a 0.",
    ),
    dict(
        a="b05_themedialine_2023-11-09",
        id="b05-2",
        date="2023-11-03",
        prec="week",
        country="Syria",
        admin1="Hasakah",
        loc="Shaddadi",
        cat="attack_on_us",
        q=("has claimed responsibility for a dual rocket and drone attack", "northeastern Syria."),
        notes="The second of the two attacks on the base (see b05-1).",
    ),
    # ---------------------------------------------------------------- b06 The Atlas News, 2022-11-25
    dict(
        a="b06_theatlasnews_2022-11-25",
        id="b06-1",
        date="2022-11-25",
        prec="day",
        country="Syria",
        admin1="Hasakah",
        loc="Shaddadi",
        cat="attack_on_us",
        fig="ui:0-0",
        q=("Two rockets targeted coalition forces at the US patrol base in al-Shaddadi", "(4:31 p.m. EST)."),
        notes="'today' in the quoted CENTCOM statement; the statement's own date is not in the text, so resolved "
        "against the brief's date (25 November 2022 in the URL); the issue's +-1 day accepts the day before. "
        "'no U.S. troops were injured' and 'no injuries': US injured 0-0; killed not stated, empty.",
    ),
    # ---------------------------------------------------------------- b07 Central Maine (AP), Wed 2023-01-04
    dict(
        a="b07_centralmaine_2023-01-04",
        id="b07-1",
        date="2023-01-04",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("Two rockets struck a base housing American troops", "the U.S. military said."),
        notes="'on Wednesday' in a Wednesday article: 4 January 2023. Site from the next sentence ('The morning "
        "attack on Mission Support Site Conoco'); province: the site is in Deir ez-Zor (the text names the province "
        "only for the IS official, so admin1 is from the named site). 'without causing any human or material "
        "losses' = no casualties: 0 for every pair.",
    ),
    dict(
        a="b07_centralmaine_2023-01-04",
        id="b07-2",
        date="2020-01-01",
        prec="month",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:1-",
        q=("marked the third anniversary of the killing of Iran", "in the Iraqi capital, Baghdad."),
        notes="Dated by the anniversary: the third anniversary marked in early January 2023 puts the strike in "
        "January 2020 (month precision; the day is not in the text). Place: 'the Iraqi capital, Baghdad'. "
        "Soleimani killed: a count of a subgroup, others min 1. An uncertain call (a background reference, but dated).",
    ),
    # ---------------------------------------------------------------- b08 Newsmax (Reuters), Thu 2024-01-04
    dict(
        a="b08_newsmax_2024-01-04",
        id="b08-1",
        date="2024-01-04",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:4-4",
        q=("The U.S. military has carried out a strike in Baghdad", "a U.S. official said Thursday."),
        notes="'Thursday' (the caption and the dateline 'Thursday, 04 January 2024'): 4 January 2024. Killed: 'At "
        "least four' (min 4) and 'The death toll later rose to four' (4), a commander, an aide and two members: "
        "others 4-4. Six wounded (others, no gold column). One strike on one compound: one row.",
    ),
    # ---------------------------------------------------------------- b09 Defense One, Wed 2023-11-08
    dict(
        a="b09_defenseone_2023-11-08",
        id="b09-1",
        date="2023-11-08",
        prec="day",
        country="Syria",
        cat="us_strike",
        q="Two U.S. F-15 fighter jets attacked a weapons storage facility in eastern Syria on Wednesday",
        notes="'on Wednesday': 8 November 2023 (published basis in articles_meta). 'eastern Syria' names no "
        "province: no admin1, no location. No figures.",
    ),
]

NOT_INCIDENTS = [
    dict(
        a="b01_thehill_2023-04-10",
        reason="aggregate",
        q=("The site last came under attack in late March", "suspected Iranian-backed militias."),
        notes="A series of attacks on several bases: not split into events by the text (its first event, the drone "
        "strike, is b01-2).",
    ),
    dict(
        a="b02_dailybeast_2023-10-18",
        reason="background",
        q=("It marked the first such conflict in Iraq in over a year", "attack on Israel."),
        notes="Hamas' attack on Israel: not dated in this text.",
    ),
    dict(
        a="b04_shafaq_2023-12-16",
        reason="aggregate",
        q=("Iranian-backed groups have claimed responsibility for over 70 attacks", "Israel-Hamas conflict."),
        notes="A reported total (gold_totals).",
    ),
    dict(
        a="b05_themedialine_2023-11-09",
        reason="aggregate",
        q="This attack constitutes the 26th against US bases in Syria since October 19.",
        notes="A reported total (gold_totals).",
    ),
    dict(
        a="b06_theatlasnews_2022-11-25",
        reason="other",
        q=("This has been the first recorded attack on U.S. basing", "following Turkish airstrikes last week."),
        notes="Turkish airstrikes 'last week': violent events outside the escalation (Turkey against Kurdish forces), "
        "no place given.",
    ),
    dict(
        a="b07_centralmaine_2023-01-04",
        reason="other",
        q=("The U.S.-backed Kurdish-led Syrian Democratic Forces announced later Wednesday", "Deir el-Zour province."),
        notes="An SDF arrest of an IS official: outside the escalation.",
    ),
    dict(
        a="b08_newsmax_2024-01-04",
        reason="threat",
        q=("The spokesperson and two Iraqi militia commanders threatened", "for the attack."),
        notes="A threat to retaliate.",
    ),
    dict(
        a="b09_defenseone_2023-11-08",
        reason="other",
        q=("Separately, U.S. Central Command is investigating an MQ-9", "a senior defense official said."),
        notes="A US drone shot down off Yemen in international airspace: no country, no actor named, outside Iraq, "
        "Syria and Jordan. A borderline call (it could be read as an attack on US forces).",
    ),
]

TOTALS = [
    dict(
        a="b01_thehill_2023-04-10",
        metric="other",
        min=6,
        best=6,
        max=6,
        start="2023-03-01",
        as_of="2023-04-10",
        scope="further US troops diagnosed with traumatic brain injuries from the drone and rocket attacks of late March 2023",
        q=("Another six U.S. troops were diagnosed", "from the drone and rocket attacks."),
    ),
    dict(
        a="b04_shafaq_2023-12-16",
        metric="attacks_on_us",
        min=70,
        start="2023-10-07",
        as_of="2023-12-16",
        scope="attacks on US bases in Syria and Iraq claimed by Iranian-backed groups since the Israel-Hamas war began ('over 70': min 70)",
        q=("Iranian-backed groups have claimed responsibility for over 70 attacks", "Israel-Hamas conflict."),
    ),
    dict(
        a="b05_themedialine_2023-11-09",
        metric="attacks_on_us",
        min=26,
        best=26,
        max=26,
        start="2023-10-19",
        as_of="2023-11-09",
        scope="attacks on US bases in Syria since 19 October 2023 (this one the 26th)",
        q="This attack constitutes the 26th against US bases in Syria since October 19.",
    ),
    dict(
        a="b07_centralmaine_2023-01-04",
        metric="us_troops_deployed",
        best=900,
        as_of="2023-01-04",
        scope="US troops in Syria ('roughly 900': best only)",
        q="There are roughly 900 U.S. troops in Syria",
    ),
]
