# ruff: noqa: E501  (hand-coded data: long strings of notes)
"""Hand coding of the fourth frozen split, frozen-4 (read by build_gold.py).

Same format and rules as gold_coding.py (data/CODEBOOK.md and README.md beside this file). These twelve
articles (d01-d12) were found, stored and coded on 2026-12-08 from their text and the codebook only, and
committed before the extractor was run on any of them; no rule is written or changed while looking at them
or at the extractor's output on them.
"""

INCIDENTS = [
    # ---------------------------------------------------------------- d01 RT, Tue 2019-12-03
    dict(
        a="d01_rt_2019-12-03",
        id="d01-1",
        date="2019-12-03",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("A volley of rockets struck the Ain al-Assad base", "according to the Iraqi military."),
        notes="'on Tuesday afternoon' in an article of Tuesday 3 December 2019 (text: '3 Dec, 2019'). The text spells "
        "'Ain al-Assad'; Anbar province from the text. 'caused no casualties, according to the Iraqi military' is a "
        "statement, not a provisional 'no immediate reports': 0 for every pair. 'Five rockets' (headline): one "
        "salvo, one row.",
    ),
    # ---------------------------------------------------------------- d02 Channels TV, Sun 2019-12-29
    dict(
        a="d02_channelstv_2019-12-29",
        id="d02-1",
        date="2019-12-29",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Camp Taji",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=(
            "Four Katyusha rockets exploded in the evening around the huge Taji Iraqi military base",
            "without causing casualties",
        ),
        notes="'Sunday night' in an article of Sunday 29 December 2019 ('Updated December 29, 2019'). 'the huge Taji "
        "Iraqi military base ... which houses American soldiers' (gazetteer: Camp Taji; 'close to Iraq's capital'). "
        "The rockets 'exploded ... around' the base: it is the target. 'without causing casualties': 0 for every pair.",
    ),
    dict(
        a="d02_channelstv_2019-12-29",
        id="d02-2",
        date="2019-12-29",
        prec="day",
        country="Iraq",
        cat="us_strike",
        q=("The US bombed the headquarters of the group in Iraq and Syria", "the Pentagon said today"),
        notes="Photo caption of Sunday 29 December 2019: 'the Pentagon said today', and the rockets came 'shortly after "
        "Washington carried out deadly airstrikes': 29 December 2019 (the day of the statement; +-1 day). The text "
        "names two countries and no site: one row per country. 'deadly' is said of the strikes as a whole and is not "
        "split between the countries: a reported total (other_killed min 1), this row's figures empty.",
    ),
    dict(
        a="d02_channelstv_2019-12-29",
        id="d02-3",
        date="2019-12-29",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("The US bombed the headquarters of the group in Iraq and Syria", "the Pentagon said today"),
        notes="The Syrian half of the strikes of d02-2: same sentence, same date; no site, no split figure.",
    ),
    # ---------------------------------------------------------------- d03 Ummnews (MEMO / Reuters), Thu 2021-04-15
    dict(
        a="d03_ummnews_2021-04-15",
        id="d03-1",
        date="2021-04-14",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Erbil International Airport",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=(
            "An explosive-laden drone targeted a central command for the US-led International Coalition",
            "in northern Iraq yesterday",
        ),
        notes="'yesterday' in an article of 15 April 2021 ('15 Apr 2021; MEMO:'): 14 April 2021. The coalition's "
        "command at Erbil International Airport ('to target the U.S. forces', the KRG ministry). 'No one was hurt in "
        "the attack.': read as no casualties, 0 for every pair (an uncertain call: 'hurt' literally covers injuries; "
        "no one hurt entails no one killed).",
    ),
    # ---------------------------------------------------------------- d04 The National, Sun 2021-09-12
    dict(
        a="d04_thenational_2021-09-12",
        id="d04-1",
        date="2021-09-11",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Erbil International Airport",
        cat="attack_on_us",
        q="A drone attack took place close to US forces stationed at Erbil International Airport in northern Iraq on Saturday",
        notes="'on Saturday' in an article of Sunday 12 September 2021: 11 September 2021. First reported as three "
        "rockets, then as explosive-laden drones: one attack. 'There were no immediate reports of casualties' is "
        "provisional: not a 0, every pair empty.",
    ),
    # ---------------------------------------------------------------- d05 Washington Free Beacon (AP), Tue 2021-10-26
    dict(
        a="d05_freebeacon_2021-10-26",
        id="d05-1",
        date="2021-10-18",
        prec="week",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf Garrison",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=(
            "U.S. military officials said on Monday that Iran was responsible for a drone attack last week",
            "in southern Syria.",
        ),
        notes="'last week' (officials speaking 'on Monday' 25 October, article of Tuesday 26 October 2021): the week "
        "of 18-24 October 2021, week precision. Base from 'The attack targeted the al-Tanf garrison'; Homs province "
        "is the garrison's (the text says only 'southern Syria'). 'No one was injured or killed.': 0 for every pair. "
        "Iran is named as responsible by US officials: an attribution, not a claim.",
    ),
    # ---------------------------------------------------------------- d06 Malay Mail (wires), Mon 2020-12-21
    dict(
        a="d06_malaymail_2020-12-21",
        id="d06-1",
        date="2020-12-20",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="US Embassy Baghdad",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0",
        q=(
            "At least eight Katyusha rockets landed in Baghdad's heavily fortified Green Zone",
            "the embassy said yesterday.",
        ),
        notes="'on Sunday' in an article of Monday 21 December 2020 ('BAGHDAD, Dec 21'; caption 'on December 20, "
        "2020'): 20 December 2020. Aimed at the US Embassy: attack_on_us (US embassies). The embassy's 'no injuries "
        "or casualties' on its compound gives US killed and injured 0 (an uncertain call: it speaks of the compound, "
        "where the US people targeted were); others killed stays empty because the attack wounded 'one Iraqi "
        "soldier' elsewhere in the zone (others injured 1, no gold column) and nobody states a death toll for the "
        "whole zone.",
    ),
    dict(
        a="d06_malaymail_2020-12-21",
        id="d06-2",
        date="2020-11-18",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="US Embassy Baghdad",
        cat="attack_on_us",
        q="a rocket strike on the US Embassy on November 18",
        notes="'on November 18' (year from the article): 18 November 2020. The sentence is cut by the stored excerpt "
        "after the event clause ('...resume attacks on US base'), but the clause that states the event is whole: "
        "coded (an uncertain call). No figures.",
    ),
    # ---------------------------------------------------------------- d07 Sott.net (NBC News), Wed 2023-10-25
    dict(
        a="d07_sott_2023-10-25",
        id="d07-1",
        date="2023-10-18",
        prec="day",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf Garrison",
        cat="attack_on_us",
        fig="ui:20-20",
        q=("Twenty American personnel sustained minor injuries on Oct. 18", "CENTCOM said."),
        notes="'on Oct. 18' (year from the article): 18 October 2023. 'al-Tanf military base in southern Syria' "
        "(gazetteer: Al-Tanf Garrison, Homs). 'Twenty American personnel' with the headline's '20 military "
        "personnel': US injured 20-20 (an uncertain call: 'personnel' alone could include civilians). Killed not "
        "stated: empty.",
    ),
    dict(
        a="d07_sott_2023-10-25",
        id="d07-2",
        date="2023-10-18",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        q=(
            "On that same day, another four American personnel suffered minor injuries during two separate drone attacks",
            "CENTCOM said.",
        ),
        notes="'On that same day': 18 October 2023. 'two separate drone attacks' on one base on one day are two "
        "events (the README's b05 precedent, 'targeted twice'): two rows, d07-2 and d07-3. The four injured are not "
        "split between them: a reported total (us_injured 4), both rows' figures empty.",
    ),
    dict(
        a="d07_sott_2023-10-25",
        id="d07-3",
        date="2023-10-18",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        q=(
            "On that same day, another four American personnel suffered minor injuries during two separate drone attacks",
            "CENTCOM said.",
        ),
        notes="The second of the 'two separate drone attacks' of d07-2: same base, same day, no split figure.",
    ),
    # ---------------------------------------------------------------- d08 KLCC (NPR), Sat 2024-01-20
    dict(
        a="d08_klcc_2024-01-20",
        id="d08-1",
        date="2024-01-20",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ui:2-",
        q=(
            "A barrage of missiles and rockets targeted the Ain al-Asad base on Saturday evening",
            "said in a statement.",
        ),
        notes="'on Saturday evening' (Iraq) in an article of Saturday 20 January 2024 (PST): 20 January 2024. 'An "
        "unknown number of U.S. service members ... suffered injuries': a bare plural, US injured min 2, no max (an "
        "uncertain call: 'an unknown number' says the count is not known, the plural still entails two). The "
        "'number' evaluated for brain injuries is not a count of injured. 'at least one Iraqi service member' "
        "injured: others injured min 1, no gold column. Killed not stated: empty.",
    ),
    dict(
        a="d08_klcc_2024-01-20",
        id="d08-2",
        date="2023-12-01",
        prec="month",
        country="Iraq",
        cat="attack_on_us",
        fig="ui:3-3",
        q=("Last month, three U.S. service members were wounded", "in northern Iraq."),
        notes="'Last month' in a January 2024 article: December 2023, month precision. 'their base in northern Iraq' "
        "names no site and no province. 'three U.S. service members were wounded': US injured 3-3.",
    ),
    dict(
        a="d08_klcc_2024-01-20",
        id="d08-3",
        date="2023-12-01",
        prec="month",
        country="Iraq",
        cat="us_strike",
        q=(
            "The U.S. responded with airstrikes that it said destroyed facilities",
            "Kataib Hezbollah militants in Iraq.",
        ),
        notes="The response to the attack of d08-2, dated by it: December 2023, month precision (as c05-3). No site. "
        "'likely killeda number of Kataib Hezbollah militants' is hedged ('likely'): not a statement of deaths, "
        "others killed empty (an uncertain call).",
    ),
    dict(
        a="d08_klcc_2024-01-20",
        id="d08-4",
        date="2023-10-07",
        prec="day",
        country="Israel",
        cat="regional",
        q="the Oct. 7 Hamas attack on Israel",
        notes="A background reference, but dated ('the Oct. 7 Hamas attack'; the year from the context, the war "
        "'since' then in a January 2024 article): 7 October 2023, so an incident by the README's rule. Israel, no "
        "place. 'the deadly war in Gaza' is the war, not this attack: figures empty.",
    ),
    # ---------------------------------------------------------------- d09 964media, Wed 2024-01-24
    dict(
        a="d09_964media_2024-01-24",
        id="d09-1",
        date="2024-01-18",
        prec="week",
        country="Iraq",
        admin1="Anbar",
        loc="Al-Qaim",
        cat="us_strike",
        q="the recent U.S. airstrikes targeting their facilities in Al-Qaim and Jurf Al-Sakhar",
        notes="'the recent U.S. airstrikes' in an article of Wednesday 24 January 2024: a span ending on the "
        "publication day (the README's rule for 'earlier'), 18-24 January 2024. The kicker 'Fallout from dawn "
        "strikes' suggests the dawn of the publication day but does not name it. One row per place the text names: "
        "Al-Qaim, Jurf al-Sakhar and, in the group's statement, Trebil. 'one death and three injuries' is said of "
        "the whole attack, not split: a reported total, every row's figures empty.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        id="d09-2",
        date="2024-01-18",
        prec="week",
        country="Iraq",
        admin1="Babil",
        loc="Jurf al-Sakhar",
        cat="us_strike",
        q="the recent U.S. airstrikes targeting their facilities in Al-Qaim and Jurf Al-Sakhar",
        notes="Same strikes as d09-1. The statement's 'Jurf Al-Nasr' is the same place as the narrative's 'Jurf "
        "Al-Sakhar' (its official name since 2014): one row, not two (an uncertain call). Babil province is the "
        "site's. No split figure.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        id="d09-3",
        date="2024-01-18",
        prec="week",
        country="Iraq",
        admin1="Anbar",
        loc="Trebil",
        cat="us_strike",
        q=("by targeting the Popular Mobilization Forces", "Jurf Al-Nasr, Al-Qaim, and Trebil."),
        notes="Same strikes as d09-1, third place, named only in Kata'ib Hezbollah's statement ('Trebil', the border "
        "crossing, Anbar). A claim by the targeted side. No split figure.",
    ),
    # ---------------------------------------------------------------- d10 The Daily Caller, Mon 2023-12-04
    dict(
        a="d10_dailycaller_2023-12-04",
        id="d10-1",
        date="2023-12-03",
        prec="day",
        country="Iraq",
        admin1="Kirkuk",
        loc="Kirkuk",
        cat="us_strike",
        fig="ok:5-5",
        q=(
            "U.S. and coalition troops in Iraq killed five militia fighters in a drone strike",
            "the U.S. military confirmed.",
        ),
        notes="'on Sunday' in an article of Monday 4 December 2023: 3 December 2023. 'near Kirkuk': Kirkuk (the "
        "strike hit the militants preparing the attack, near the city). A US drone strike (CENTCOM): us_strike. "
        "'killed five militia fighters' and 'all five militant targets were eliminated': others killed 5-5.",
    ),
    # ---------------------------------------------------------------- d11 Free Malaysia Today (AFP), Mon 2024-02-05
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        id="d11-1",
        date="2024-02-04",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Al-Omar oil field",
        cat="attack_on_us",
        fig="ok:6-6",
        q=("The US-backed SDF, which spearheaded the fight", "in the Al-Omar oil field” around midnight."),
        notes="The Islamic Resistance in Iraq 'claimed a drone attack yesterday' (article of Monday 5 February 2024) "
        "and the SDF says 'around midnight': 4 February 2024, the day the attack began by the codebook's midnight "
        "rule (an uncertain call; +-1 day accepts 5 February). A US base ('the US occupation base in the Al-Omar oil "
        "field'): attack_on_us. 'six of our fighters were martyred' (SDF, partner forces): others killed 6-6 (the "
        "URL slug's '5' is not in the text).",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        id="d11-2",
        date="2024-01-28",
        prec="day",
        country="Jordan",
        cat="attack_on_us",
        fig="uk:3-3 ui:40-",
        q="On Jan 28, a drone slammed into a base in Jordan, killing three US soldiers and wounding more than 40",
        notes="'On Jan 28' (year from the article): 28 January 2024. Jordan; the base is not named. 'killing three US "
        "soldiers': US killed 3-3. 'wounding more than 40' read as 'more than 40 [US soldiers]' (the noun is "
        "elided from the same clause): US injured min 40 (an uncertain call; the strict reading leaves it empty).",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        id="d11-3",
        date="2024-02-03",
        prec="day",
        country="Syria",
        cat="us_strike",
        fig="ok:29-",
        q=("The US responded on Friday with a series of unilateral strikes", "in Syria and Iraq"),
        notes="'on Friday' (2 February 2024, the US day of the announcement) in an article of Monday 5 February: the "
        "strikes hit around midnight local time, 3 February (the codebook's own example; the +-1 day accepts 2 "
        "February). One row per country named, no site. 'at least 29 pro-Iran fighters were killed in the US "
        "strikes in Syria' (the Observatory): Syria has one row here, so the figure is this row's: others killed "
        "min 29.",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        id="d11-4",
        date="2024-02-03",
        prec="day",
        country="Iraq",
        cat="us_strike",
        q=("The US responded on Friday with a series of unilateral strikes", "in Syria and Iraq"),
        notes="The Iraqi half of the strikes of d11-3: same date; no site, no figure for Iraq.",
    ),
    # ---------------------------------------------------------------- d12 Al-Monitor, Mon 2022-01-03
    dict(
        a="d12_almonitor_2022-01-03",
        id="d12-1",
        date="2022-01-03",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad International Airport",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=(
            "The US-led coalition in Iraq shot down two armed drones approaching Baghdad International Airport",
            "confirmed to Al-Monitor.",
        ),
        notes="'early on Monday' on 'the second anniversary' of 3 January 2020: Monday 3 January 2022. The airport "
        "'houses an Iraqi military base where coalition troops are present': attack_on_us. Both drones shot down "
        "(intercepted). 'preventing any casualties or damages': 0 for every pair.",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        id="d12-2",
        date="2020-01-03",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:1-",
        q="the US assassination of Iranian Gen. Qasem Soleimani in Baghdad on Jan. 3, 2020",
        notes="A background reference with a full date: 3 January 2020, Baghdad. The US killing of one named person, "
        "the others killed with him not mentioned: a count of a subgroup, others killed min 1.",
    ),
]

NOT_INCIDENTS = [
    dict(
        a="d02_channelstv_2019-12-29",
        reason="aggregate",
        q="after a series of attacks in Iraq against American interests.",
        notes="'a series of attacks': no count, no dates.",
    ),
    dict(
        a="d03_ummnews_2021-04-15",
        reason="other",
        q=("a rocket attack on a military compound in northern Iraq's Bashiqa region", "earlier in the day"),
        notes="An attack on a compound that hosts Turkish forces (likely the same event as the last sentence), by an "
        "unnamed group: the text does not tie it to the escalation around US forces. Not coded (as a bombing of "
        "Russian troops by an unknown group is not); an uncertain call.",
    ),
    dict(
        a="d03_ummnews_2021-04-15",
        reason="other",
        q=(
            "Before the incident, at least two rockets landed on an army base to the west of Erbil",
            "Turkish officials said.",
        ),
        notes="Rockets on a base hosting Turkish forces, one soldier killed, no perpetrator named: outside the "
        "escalation as the text tells it (see the Bashiqa clause above).",
    ),
    dict(
        a="d04_thenational_2021-09-12",
        reason="aggregate",
        q="Erbil's airport has come under attack several times in the past year, including by drones carrying explosives.",
        notes="'several times in the past year': no dates; a reported total (gold_totals).",
    ),
    dict(
        a="d04_thenational_2021-09-12",
        reason="background",
        q="American officials blame previous attacks on Iran-aligned Shiite militias",
        notes="'previous attacks': undated background.",
    ),
    dict(
        a="d05_freebeacon_2021-10-26",
        reason="threat",
        q=("If there is to be a response", "a time and a place and a manner of our choosing"),
        notes="A possible US response: a threat, not an event.",
    ),
    dict(
        a="d06_malaymail_2020-12-21",
        reason="aggregate",
        q="US officials blame Iran-backed militia for regular rocket attacks on US facilities in Iraq",
        notes="'regular rocket attacks': no count, no dates.",
    ),
    dict(
        a="d06_malaymail_2020-12-21",
        reason="other",
        q="An array of militia groups announced in October that they had suspended rocket attacks on US forces",
        notes="A truce announcement: not a violent event.",
    ),
    dict(
        a="d07_sott_2023-10-25",
        reason="other",
        q=(
            "An American civilian contractor died due to a cardiac incident",
            "did not occur during one of the drone attacks.",
        ),
        notes="A death the text says did not occur in an attack: not a violent event.",
    ),
    dict(
        a="d07_sott_2023-10-25",
        reason="aggregate",
        q=(
            "over the past week U.S. and coalition forces were attacked at least 10 separate times in Iraq",
            "three separate times in Syria",
        ),
        notes="Counts over a week, not events (gold_totals); its dated members in this text are d07-1 to d07-3.",
    ),
    dict(
        a="d07_sott_2023-10-25",
        reason="threat",
        q=("What we are seeing is the prospect for more significant escalation", "ultimately from Iran,"),
        notes="A warning of escalation: not an event.",
    ),
    dict(
        a="d08_klcc_2024-01-20",
        reason="aggregate",
        q=("It's the latest in a series of back-and-forth attacks", "U.S. forces in the region"),
        notes="'a series of back-and-forth attacks': no count, no dates.",
    ),
    dict(
        a="d08_klcc_2024-01-20",
        reason="threat",
        q="the U.S. has issued warnings of a wider war in the region",
        notes="Warnings: not an event.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        reason="threat",
        q="The group threatened to target U.S. interests in Iraq and the broader region, not just military bases.",
        notes="Kata'ib Hezbollah's threat, the article's main subject.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        reason="threat",
        q=(
            "The Islamic Resistance, Kata’ib Hezbollah, is determined to deliver decisive strikes",
            "driven out of Iraq and the region.",
        ),
        notes="A threat in the group's statement.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        reason="aggregate",
        q="The continued U.S. attacks on the headquarters of the Popular Mobilization Forces and security forces",
        notes="'continued attacks': no count, no dates.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        reason="other",
        q="US airstrikes on Jurf Al-Sakhar, two reportedly killed\n\nUS airstrikes on Jurf Al-Sakhar, two reportedly killed",
        notes="The headline of a linked article (printed twice), undated and not part of this report; its 'two "
        "reportedly killed' differs from the statement's 'one death' and is not coded here.",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        reason="other",
        q=("Also on Sunday, a U.S. Navy warship shot down three attack drones", "southern Red Sea."),
        notes="At sea in the Red Sea, no country, the launcher not established ('too early to determine'): not coded "
        "(as the MQ-9 off Yemen in b09).",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        reason="other",
        q="The Houthis launched ballistic missiles at three commercial vessels",
        notes="Attacks on ships at sea, no country, no date of their own: not coded.",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        reason="aggregate",
        q=(
            "U.S. troops in Iraq and Syria have been attacked with suicide drones and missiles 76 times",
            "included two attacks since Wednesday",
        ),
        notes="Counts, not events (gold_totals).",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        reason="aggregate",
        q="have claimed several attacks since the ceasefire between Hamas and Israel ended on Friday",
        notes="'several attacks': no count, no dates, no places.",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        reason="aggregate",
        q="The U.S. in turn has launched three retaliatory attacks",
        notes="A count of US strikes, undated here (the sentence is cut by the excerpt): gold_totals.",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        reason="threat",
        q="has said it would press on with its retaliation",
        notes="Announced further US strikes: not an event.",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        reason="threat",
        q="said the force reserved the right to respond",
        notes="The SDF's reserved response: not an event.",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        reason="other",
        q="the SDF led the battle that dislodged IS fighters from the last scraps of their Syrian territory in 2019",
        notes="The fight against the Islamic State in 2019: outside the escalation.",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        reason="denial",
        q=(
            "Unconfirmed reports overnight of a rocket bombardment of a US base",
            "were quickly declared false by the coalition.",
        ),
        notes="Reports of an attack on the al-Omar base that the coalition declared false: a denial, not coded.",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        reason="aggregate",
        q="Iran-backed militias in Iraq have launched regular rocket and drone attacks on international coalition positions",
        notes="'regular ... attacks': no count, no dates.",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        reason="threat",
        q=("militias such as Kataib Sayyid Shuhada have vowed to restart the attacks", "remain in the country."),
        notes="A vow: not an event.",
    ),
]

TOTALS = [
    dict(
        a="d02_channelstv_2019-12-29",
        metric="other_killed",
        min=1,
        as_of="2019-12-29",
        scope="people killed by the US strikes of 29 December 2019 in Iraq and Syria (d02-2, d02-3), not split between them ('deadly': min 1)",
        q="shortly after Washington carried out deadly airstrikes against a pro-Iran faction.",
    ),
    dict(
        a="d04_thenational_2021-09-12",
        metric="attacks_on_us",
        min=2,
        as_of="2021-09-12",
        scope="attacks on Erbil airport, which hosts US forces, in the past year ('several times': min 2; no start date given)",
        q="Erbil's airport has come under attack several times in the past year, including by drones carrying explosives.",
    ),
    dict(
        a="d04_thenational_2021-09-12",
        metric="us_troops_deployed",
        min=2500,
        best=2500,
        max=2500,
        as_of="2021-09-12",
        scope="US military personnel remaining in Iraq ('the remaining 2,500')",
        q="the remaining 2,500 US military personnel",
    ),
    dict(
        a="d07_sott_2023-10-25",
        metric="us_injured",
        min=4,
        best=4,
        max=4,
        as_of="2023-10-18",
        scope="American personnel injured in the two drone attacks on al-Asad of 18 October 2023 (d07-2, d07-3), not split between them",
        q="another four American personnel suffered minor injuries during two separate drone attacks",
    ),
    dict(
        a="d07_sott_2023-10-25",
        metric="attacks_on_us",
        min=10,
        start="2023-10-18",
        as_of="2023-10-24",
        scope="attacks on US and coalition forces in Iraq over the past week (Ryder, Tuesday 24 October 2023; 'at least 10': min 10)",
        q="attacked at least 10 separate times in Iraq",
    ),
    dict(
        a="d07_sott_2023-10-25",
        metric="attacks_on_us",
        min=3,
        start="2023-10-18",
        as_of="2023-10-24",
        scope="attacks on US and coalition forces in Syria over the past week (Ryder, Tuesday 24 October 2023; 'at least 10 ... in Iraq and three ... in Syria': the 'at least' may govern both, so min 3, no best, no max)",
        q="three separate times in Syria",
    ),
    dict(
        a="d09_964media_2024-01-24",
        metric="other_killed",
        min=1,
        best=1,
        max=1,
        start="2024-01-18",
        as_of="2024-01-24",
        scope="killed in the US strikes on Jurf Al-Nasr, Al-Qaim and Trebil (d09-1 to d09-3), not split between them (Kata'ib Hezbollah's statement: 'one death')",
        q="This attack resulted in one death and three injuries.",
    ),
    dict(
        a="d09_964media_2024-01-24",
        metric="other_injured",
        min=3,
        best=3,
        max=3,
        start="2024-01-18",
        as_of="2024-01-24",
        scope="injured in the US strikes on Jurf Al-Nasr, Al-Qaim and Trebil (d09-1 to d09-3), not split between them (Kata'ib Hezbollah's statement: 'three injuries')",
        q="This attack resulted in one death and three injuries.",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        metric="attacks_on_us",
        min=76,
        best=76,
        max=76,
        start="2023-10-17",
        as_of="2023-12-04",
        scope="attacks with suicide drones and missiles on US troops in Iraq and Syria since 17 October 2023 (Politico, citing a DOD official)",
        q=(
            "U.S. troops in Iraq and Syria have been attacked with suicide drones and missiles 76 times",
            "since Oct. 17",
        ),
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        metric="attacks_on_us",
        min=2,
        best=2,
        max=2,
        start="2023-11-29",
        as_of="2023-12-04",
        scope="attacks on US troops in Iraq and Syria since Wednesday (29 November 2023), part of the 76",
        q="included two attacks since Wednesday",
    ),
    dict(
        a="d10_dailycaller_2023-12-04",
        metric="other",
        min=3,
        best=3,
        max=3,
        as_of="2023-12-04",
        scope="US retaliatory strikes on facilities linked to Iran's IRGC (no start date given; the sentence is cut by the excerpt)",
        q="The U.S. in turn has launched three retaliatory attacks",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        metric="us_troops_deployed",
        best=2500,
        as_of="2024-02-05",
        scope="US troops deployed in Iraq ('Roughly 2,500': best only)",
        q="Roughly 2,500 US troops are deployed in Iraq",
    ),
    dict(
        a="d11_freemalaysiatoday_2024-02-05",
        metric="us_troops_deployed",
        best=900,
        as_of="2024-02-05",
        scope="US troops deployed in Syria ('about 900': best only)",
        q="about 900 in Syria",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        metric="attacks_on_us",
        min=1,
        best=1,
        max=1,
        start="2022-01-01",
        as_of="2022-01-03",
        scope="attacks on US and coalition forces in Iraq since the new year ('only one attack has materialized'), i.e. d12-1",
        q="so far only one attack has materialized since the new year",
    ),
    dict(
        a="d12_almonitor_2022-01-03",
        metric="us_troops_deployed",
        best=2500,
        as_of="2022-01-03",
        scope="US military advisers and support personnel in Iraq ('Some 2,500': best only)",
        q="Some 2,500 military advisers and support personnel are still there.",
    ),
]
