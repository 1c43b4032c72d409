# ruff: noqa: E501  (hand-coded data: long strings of notes)
"""Hand coding of the third frozen split, frozen-3 (read by build_gold.py).

Same format and rules as gold_coding.py (data/CODEBOOK.md and README.md beside this file). These nine
articles (c01-c09) were found, stored and coded on 2026-12-08 from their text and the codebook only, and
committed before the extractor was run on any of them; no rule is written or changed while looking at them
or at the extractor's output on them. They were first measured at the end of session 6, round 2.
"""

INCIDENTS = [
    # ---------------------------------------------------------------- c01 A News (Reuters), Tue 2024-10-01
    dict(
        a="c01_anews_2024-10-01",
        id="c01-1",
        date="2024-10-01",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad International Airport",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("At least two Katyusha rockets were fired", "told Reuters early on Tuesday."),
        notes="'early on Tuesday' in a Tuesday article: 1 October 2024. One salvo at one base (the codebook's one "
        "incident for munitions fired together). 'with no casualties' is said of the rocket that landed; the others "
        "were intercepted, so the attack as a whole had none: 0 for every pair (an uncertain call).",
    ),
    dict(
        a="c01_anews_2024-10-01",
        id="c01-2",
        date="2024-09-11",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="attack_on_us",
        q="A United States diplomatic facility in Baghdad came under attack late on Sept. 11",
        notes="'late on Sept. 11' (year from the article): 11 September 2024. A US diplomatic facility: attack_on_us "
        "(US embassies and facilities). 'no reports of casualties' is provisional: not a 0.",
    ),
    # ---------------------------------------------------------------- c02 Jerusalem Post (Reuters), Tue 2024-08-13
    dict(
        a="c02_jpost_2024-08-13",
        id="c02-1",
        date="2024-08-09",
        prec="day",
        country="Syria",
        admin1="Hasakah",
        loc="Rumalan landing zone",
        cat="attack_on_us",
        fig="ui:8-8",
        q=("Reuters first reported that several US and coalition personnel were wounded", "US-led coalition."),
        notes="'on Friday' in a Tuesday article ('last week'): 9 August 2024. Rumalyn Landing Zone (gazetteer: "
        "Rumalan landing zone). 'Eight US service members were injured' (the Pentagon's figure): US injured 8-8. "
        "Killed not stated, empty. A US military statement about an attack on US forces.",
    ),
    # ---------------------------------------------------------------- c03 ExBulletin (Reuters copy), Tue 2024-08-06
    dict(
        a="c03_exbulletin_2024-08-06",
        id="c03-1",
        date="2024-08-05",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ui:5-",
        q=("At least five U.S. service members were wounded", "on Monday"),
        notes="'on Monday' in a Tuesday article: 5 August 2024. Base from the next paragraph ('the al-Assad airbase "
        "in western Iraq'). 'At least five': US injured min 5. 'The death toll' in the text is a translation slip "
        "for the casualty count; no killed figure, empty.",
    ),
    dict(
        a="c03_exbulletin_2024-08-06",
        id="c03-2",
        date="2024-07-29",
        prec="week",
        country="Iraq",
        cat="us_strike",
        q=("Last week, the United States carried out a strike in Iraq", "coalition forces."),
        notes="'Last week' in an article of Tuesday 6 August: the week of 29 July-4 August 2024. No place below the "
        "country; no figures.",
    ),
    dict(
        a="c03_exbulletin_2024-08-06",
        id="c03-3",
        date="2024-07-29",
        prec="week",
        country="Iran",
        admin1="Tehran",
        loc="Tehran",
        cat="regional",
        fig="ok:1-1",
        q=("respond to Haniyeh's assassination two days ago in Tehran", "in Tehran"),
        notes="Haniyeh killed in Tehran: 'the killings last week' and 'two days ago' (4 August, inside that week): "
        "week of 29 July-4 August 2024. The perpetrator is not named. One person killed: others 1-1. The Hezbollah "
        "figure killed 'last week' has no place in the text: not coded.",
    ),
    # ---------------------------------------------------------------- c04 The Garden Island (AP), Sat 2020-03-14
    dict(
        a="c04_thegardenisland_2020-03-14",
        id="c04-1",
        date="2020-03-14",
        prec="day",
        country="Iraq",
        cat="attack_on_us",
        q=("A barrage of rockets hit a base housing U.S. and other coalition troops north of Baghdad", "on Saturday"),
        notes="'on Saturday' in a Saturday article: 14 March 2020. 'a base ... north of Baghdad' names no site and "
        "no province: location and admin1 empty. No figures.",
    ),
    dict(
        a="c04_thegardenisland_2020-03-14",
        id="c04-2",
        date="2020-03-08",
        prec="week",
        country="Iraq",
        cat="attack_on_us",
        fig="uk:2-2 ok:1-1",
        q="just days after a similar attack killed three servicemen, including two Americans.",
        notes="'just days after' the Saturday attack, and before the US strikes of Thursday it provoked (caption): a "
        "span ending on the publication day, as the README's rule for 'earlier', 8-14 March 2020. 'three "
        "servicemen, including two Americans': US killed 2-2, others 1-1 (the caption: 'American and British "
        "troops'). Place: 'a base north of Baghdad' (caption), no site.",
    ),
    dict(
        a="c04_thegardenisland_2020-03-14",
        id="c04-3",
        date="2020-03-12",
        prec="day",
        country="Iraq",
        cat="us_strike",
        fig="ok:2-",
        q=("The U.S. launched airstrikes on Thursday in Iraq", "north of Baghdad."),
        notes="Photo caption of Saturday 14 March 2020: 'on Thursday' is 12 March 2020. No site (the funeral is in "
        "Najaf, not the strike). 'two fighters ... killed during the US attack': a count of a subgroup, others min 2.",
    ),
    # ---------------------------------------------------------------- c05 Antiwar.com (AP), Mon 2023-04-10
    dict(
        a="c05_antiwar_2023-04-10",
        id="c05-1",
        date="2023-04-10",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("A base in Syria housing US troops was targeted in a rocket attack on Monday", "reported."),
        notes="'on Monday' in a Monday article: 10 April 2023. Site and province from the next sentence. 'no "
        "casualties or damage' (the US military's statement): 0 for every pair.",
    ),
    dict(
        a="c05_antiwar_2023-04-10",
        id="c05-2",
        date="2023-03-01",
        prec="month",
        country="Syria",
        cat="attack_on_us",
        fig="ok:1-1",
        q=(
            "At the end of March, a drone attack in Syria killed one US contractor",
            "At the end of March, a drone attack in Syria killed one US contractor",
        ),
        notes="'At the end of March' (year from the article): March 2023, month precision. One US contractor "
        "killed: a contractor is not US personnel, others 1-1. No site.",
    ),
    dict(
        a="c05_antiwar_2023-04-10",
        id="c05-3",
        date="2023-03-01",
        prec="month",
        country="Syria",
        cat="us_strike",
        fig="ok:8-8",
        q=("leading to US airstrikes against targets", "The Pentagon said the strikes killed eight militants."),
        notes="The strikes the end-of-March attack led to: March 2023, month precision, Syria (the country of the "
        "attack; no site). 'killed eight militants': others 8-8.",
    ),
    # ---------------------------------------------------------------- c06 The Cradle, 2023-03-14
    dict(
        a="c06_thecradle_2023-03-14",
        id="c06-1",
        date="2023-03-13",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Al-Omar oil field",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0",
        q=("Two rockets struck the US army", "revealed in a statement."),
        notes="'late on 13 March' (8:23 pm local): 13 March 2023. Green Village in the Al-Omar oilfield (gazetteer: "
        "Al-Omar oil field, alias Green Village). 'No US or Coalition troops were killed or wounded': US killed and "
        "injured 0; others killed stays empty (the phrase covers troops only, not everyone else).",
    ),
    dict(
        a="c06_thecradle_2023-03-14",
        id="c06-2",
        date="2023-02-18",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Al-Omar oil field",
        cat="attack_on_us",
        q="The last attack took place on 18 February and was also directed at the Green Village.",
        notes="'on 18 February' (year from the article): 18 February 2023. No figures in this text.",
    ),
    dict(
        a="c06_thecradle_2023-03-14",
        id="c06-3",
        date="2023-01-20",
        prec="day",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf",
        cat="attack_on_us",
        q=("on 20 January, three suicide drones attacked the eastern Al-Tanf base", "inside the facility."),
        notes="'on 20 January': 20 January 2023. Al-Tanf hosts US forces: attack_on_us. The injured are militants "
        "trained by the US (others injured, no gold column); no US figure.",
    ),
    dict(
        a="c06_thecradle_2023-03-14",
        id="c06-4",
        date="2023-01-03",
        prec="week",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Conoco gas field",
        cat="attack_on_us",
        q=("Around two weeks before the Al-Tanf drone attack", "came under heavy rocket fire."),
        notes="'Around two weeks before' 20 January: about 6 January, an approximate day; coded as the week "
        "3-9 January 2023. The US base in the Conoco gas field (gazetteer: Conoco gas field). No figures.",
    ),
    # ---------------------------------------------------------------- c07 ABC News, Wed 2022-08-24
    dict(
        a="c07_abcnews_2022-08-24",
        id="c07-1",
        date="2022-08-24",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Ayash Camp",
        cat="us_strike",
        fig="ok:6-",
        q=("The U.S. military said it carried out airstrikes on Tuesday", "Iran-backed militias."),
        notes="'on Tuesday' (the US military's day, Washington time) in an article of Wednesday 24 August 2022: the "
        "strikes of the evening of 23 August ET fell in the early hours of 24 August in Syria (the bundled data's "
        "SYR-20220824-AYASH, external reference X004); the +-1 day accepts either. Province from 'in the oil-rich "
        "Deir ez-Zor province'; site from SOHR ('the Ayash Camp'). 'At least six ... killed': others min 6. One "
        "camp named: one row.",
    ),
    dict(
        a="c07_abcnews_2022-08-24",
        id="c07-2",
        date="2022-08-15",
        prec="day",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("in response to an attack on Aug. 15", "central Syria."),
        notes="'on Aug. 15' (year from the article): 15 August 2022. Al-Tanf Garrison, Homs province (both in the "
        "text). 'zero casualties and no damage' (CENTCOM): 0 for every pair.",
    ),
    # ---------------------------------------------------------------- c08 The Daily Beast, Wed 2024-02-07
    dict(
        a="c08_dailybeast_2024-02-07",
        id="c08-1",
        date="2024-02-07",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:3-3",
        q=(
            "Three members of the Iran-backed Kataib Hezbollah militia were killed in Wednesday",
            "told the Associated Press.",
        ),
        notes="'Wednesday's strike' in a Wednesday article: 7 February 2024. 'eastern Baghdad': Baghdad. Three "
        "killed: others 3-3.",
    ),
    dict(
        a="c08_dailybeast_2024-02-07",
        id="c08-2",
        date="2024-01-28",
        prec="day",
        country="Jordan",
        cat="attack_on_us",
        fig="uk:3-3",
        q=("including a Jan. 28 strike that led to the deaths of three service members in Jordan", "last month"),
        notes="'a Jan. 28 strike ... last month': 28 January 2024. Jordan; the site is not named in this text. Three "
        "service members killed: US killed 3-3.",
    ),
    # ---------------------------------------------------------------- c09 Al Arabiya, Fri 2022-04-08
    dict(
        a="c09_alarabiya_2022-04-08",
        id="c09-1",
        date="2022-04-08",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("The US-led coalition fighting ISIS in Iraq said it shot down Friday", "reporting no casualties or damage."),
        notes="'Friday' in a Friday article: 8 April 2022. Base from the quoted statement ('al-Asad Air Base'). The "
        "coalition reports 'no casualties or damage': 0 for every pair (its statement, not a provisional 'no "
        "immediate reports'; an uncertain call).",
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        id="c09-2",
        date="2022-04-07",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        cat="attack_on_us",
        fig="ui:4-4",
        q=("four US troops were hurt Thursday", "Deir Ezzor province."),
        notes="'Thursday' in a Friday article: 7 April 2022. A base in Deir Ezzor province, not named: admin1 only. "
        "'four US troops were hurt': US injured 4-4.",
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        id="c09-3",
        date="2022-01-01",
        prec="month",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        q=("In early January, coalition forces in Iraq said they shot down two armed drones", "Ain al-Asad base."),
        notes="'In early January' (the year of the article): January 2022, month precision. Two drones shot down: "
        "one attack on one base, no figures.",
    ),
]

NOT_INCIDENTS = [
    dict(
        a="c01_anews_2024-10-01",
        reason="aggregate",
        q=("Iran-aligned armed groups in Iraq have repeatedly attacked U.S. troops", "since the Gaza war began."),
        notes="Repeated attacks, no count: not events.",
    ),
    dict(
        a="c03_exbulletin_2024-08-06",
        reason="threat",
        q=(
            "whether Iran will follow through on its promise to respond",
            "whether Iran will follow through on its promise to respond",
        ),
        notes="Iran's promised response: a threat.",
    ),
    dict(
        a="c05_antiwar_2023-04-10",
        reason="aggregate",
        q="US bases in Syria frequently come under attack",
        notes="General statement, no count.",
    ),
    dict(
        a="c06_thecradle_2023-03-14",
        reason="aggregate",
        q="Rocket attacks against US bases in Syria have become a frequent occurrence.",
        notes="General statement, no count.",
    ),
    dict(
        a="c06_thecradle_2023-03-14",
        reason="other",
        q=("On the same day as the Conoco attack, the US military carried out", "its bases in Iraq."),
        notes="A convoy, not a violent event.",
    ),
    dict(
        a="c07_abcnews_2022-08-24",
        reason="other",
        q=("In this file photo taken on March 25, 2022", "in eastern Syria."),
        notes="A live-fire exercise in a photo caption: not a violent event.",
    ),
    dict(
        a="c08_dailybeast_2024-02-07",
        reason="aggregate",
        q=("responsible for a spate of recent attacks on American troops", "in the Middle East"),
        notes="'a spate of recent attacks': no count, no dates (its dated member, 28 January, is c08-2).",
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        reason="aggregate",
        q=("Dozens of rocket and armed drone attacks have targeted US troops", "in recent months."),
        notes="A reported total (gold_totals).",
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        reason="other",
        q="Three missiles fall near refinery in Iraq\u2019s Erbil, no casualties: State media",
        notes="A 'Read more' headline: undated, not part of the report.",
    ),
]

TOTALS = [
    dict(
        a="c01_anews_2024-10-01",
        metric="us_troops_deployed",
        min=2500,
        best=2500,
        max=2500,
        as_of="2024-10-01",
        scope="US troops in Iraq ('hosts 2,500 U.S. troops')",
        q="hosts 2,500 U.S. troops",
    ),
    dict(
        a="c02_jpost_2024-08-13",
        metric="us_troops_deployed",
        min=900,
        best=900,
        max=900,
        as_of="2024-08-13",
        scope="US troops in Syria ('its 900 troops in Syria')",
        q="The US says its 900 troops in Syria",
    ),
    dict(
        a="c05_antiwar_2023-04-10",
        metric="us_troops_deployed",
        best=900,
        as_of="2023-04-10",
        scope="US troops in Syria ('about 900': best only)",
        q="The US currently has about 900 troops deployed in the country",
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        metric="attacks_on_us",
        min=12,
        as_of="2022-04-08",
        scope="rocket and armed drone attacks on US troops and interests in Iraq in recent months ('Dozens': min 12; no start given)",
        q=("Dozens of rocket and armed drone attacks have targeted US troops", "in recent months."),
    ),
    dict(
        a="c09_alarabiya_2022-04-08",
        metric="us_troops_deployed",
        best=2500,
        as_of="2022-04-08",
        scope="US soldiers in Iraq ('roughly 2,500': best only)",
        q="roughly 2,500 American soldiers",
    ),
]
