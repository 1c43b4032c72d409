# ruff: noqa: E501  (hand-coded data: long strings of notes and provenance)
"""Hand coding of the extraction gold set (read by build_gold.py).

One dict per incident (INCIDENTS), per mention decided against (NOT_INCIDENTS) and per reported total
(TOTALS). ``q`` gives the quote as two anchors (its first and last words); build_gold.py copies the
slice between them from the article file. ``fig`` holds the casualty ranges: ``uk`` US killed, ``ui``
US injured, ``ok`` others killed, each ``min-max`` with an empty side for no bound; a pair left out
is unknown (empty), never 0. Coding rules: data/CODEBOOK.md, and the README beside this file.
"""

INCIDENTS = [
    # ---------------------------------------------------------------- a01 antiwar.com, Mon 2024-08-05
    dict(
        a="a01_antiwar_2024-08-05",
        id="a01-1",
        date="2024-08-05",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ui:5-",
        q=("At least five US personnel were injured", "citing US and Iraqi sources."),
        notes="The text dates the Reuters report ('reported on Monday', 5 August 2024) and says the attack came "
        "'almost a week after' the strikes of 30 July, so the attack is on or just before 5 August; the project's "
        "seed S002 dates it 5 August, coded day. 'At least five' US personnel injured: min 5, no max; 'one of the "
        "Americans ... had serious injuries' is inside that figure. Two Katyusha rockets per Iraqi sources. "
        "Killed: the text gives no figure, left empty.",
    ),
    dict(
        a="a01_antiwar_2024-08-05",
        id="a01-2",
        date="2024-07-30",
        prec="day",
        country="Iraq",
        cat="us_strike",
        fig="ok:4-4",
        q=("On July 30, the US launched airstrikes in Iraq", "four members of the Popular Mobilization Forces (PMF)"),
        notes="Date as stated (year from the article, 2024). No place below the country in this text (other "
        "coverage places it near Musayyib/Jurf al-Sakhar, Babil: not used). Four PMF members killed: others 4-4.",
    ),
    # ---------------------------------------------------------------- a02 hathalyoum (The Hill copy), Wed 2021-07-07
    dict(
        a="a02_hathalyoum_2021-07-07",
        id="a02-1",
        date="2021-07-07",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        q=("The al-Assad Air Base in western Iraq was hit by 14 rockets", "confirmed on Twitter."),
        notes="'On Wednesday' resolved to 7 July 2021 (see articles.csv: published_basis). 14 rockets, 12:30 local. "
        "'two personnel sustained minor injuries': the text does not say they were US personnel (other coverage "
        "says American service members), so US injured stays empty; others are not coded for injuries. The launcher "
        "truck in the village of Baghdadi exploded in part, damaging homes and a mosque: part of the same attack "
        "(launch point), not a second row. Claimed by 'The brigades to avenge al-Muhandis'.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        id="a02-2",
        date="2021-07-06",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ui:0-0",
        q=("Three rockets were launched at al-Assad", "causing no injuries."),
        notes="'just a day after two similar rocket attacks': the Tuesday before Wednesday 7 July, 6 July 2021. "
        "Rockets landed on the perimeter (missed). 'causing no injuries' sets the injured pairs to 0; killed not "
        "stated, left empty.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        id="a02-3",
        date="2021-07-06",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="US Embassy Baghdad",
        cat="attack_on_us",
        q=("The State Department said defensive systems", "eliminated an airborne threat."),
        notes="The second of the 'two similar rocket attacks' a day before 7 July: 6 July 2021. An 'airborne threat' "
        "eliminated by the embassy's defences: intercepted; weapon not named. No casualty figures.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        id="a02-4",
        date="2021-06-28",
        prec="day",
        cat="us_strike",
        fig="ok:4-4",
        q=("follow Pentagon-launched airstrikes on Iran-backed militia groups", "which killed four Iraqi fighters."),
        notes="The text says June 27 (the US date). The strikes hit early on 28 June local time (The Times, a20: "
        "'early this morning' in its edition of 28 June), so coded 28 June under the codebook's local-date rule; "
        "matching allows the 27th (+-1 day). Country left empty on purpose: this text places the strikes only 'on "
        "the Iraq-Syria border' (other coverage: two sites in Syria, one in Iraq). Four Iraqi fighters killed: 4-4.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        id="a02-5",
        date="2020-01-01",
        prec="year",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:2-",
        q=("The group takes its name from Iraqi militia leader", "drone strike in Baghdad."),
        notes="'killed last year' in a 2021 article: 2020, precision year (1 January by convention; the strike was "
        "on 3 January 2020). Two named men killed (al-Muhandis and Soleimani): a count of a subgroup, min 2, no max.",
    ),
    # ---------------------------------------------------------------- a03 Presidential Prayer Team, Wed 2021-03-03
    dict(
        a="a03_presidentialprayerteam_2021-03-03",
        id="a03-1",
        date="2021-03-03",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ok:1-1",
        q=("A military base in western Iraq that hosts American troops", "launched on Wednesday."),
        notes="Wednesday = the publication day, 3 March 2021 (URL). Ten rockets. A US contractor died of 'a cardiac "
        "episode while sheltering': coded as others killed 1-1 (contractors are not US personnel in this gold set; "
        "the death is the attack's, as the Pentagon counts it, though not from a wound). 'no immediate reports of any "
        "injuries' is provisional: injured left empty, not 0. 'all U.S. service members are accounted for' is not a "
        "casualty figure: US killed left empty.",
    ),
    # ---------------------------------------------------------------- a05 altaghier.tv (CNN copy), Sat 2019-12-28
    dict(
        a="a05_altaghier_2019-12-28",
        id="a05-1",
        date="2019-12-27",
        prec="day",
        country="Iraq",
        admin1="Kirkuk",
        loc="K-1 air base",
        cat="attack_on_us",
        fig="ui:2- ok:1-1",
        q=("K1 military base, which houses US troops in Kirkuk province", "according to the Iraqi military."),
        notes="'Friday' before Saturday 28 December 2019: 27 December, 7:20 p.m. Iraq time. A US civilian contractor "
        "killed: others killed 1-1 (contractor). US injured: 'less than a handful' of Americans wounded, a plural, so "
        "min 2; 'less than a handful' suggests at most four but the codebook gives no bound for it, so no max. The "
        "Iraqi military reports one Iraqi officer injured (not a gold column). Text: 'northern Baghdad' is a slip for "
        "northern Iraq.",
    ),
    # ---------------------------------------------------------------- a06 Los Angeles Times, Wed 2020-03-11
    dict(
        a="a06_latimes_2020-03-11",
        id="a06-1",
        date="2020-03-11",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Camp Taji",
        cat="attack_on_us",
        fig="uk:1-2 ok:1-2",
        q=(
            "Two Americans and one British national were killed in a rocket attack",
            "according to the multinational coalition there.",
        ),
        notes="Wednesday 11 March 2020 (stated in the caption too). About 18 rockets. Three killed: 'Two Americans and "
        "one British national'; a security source says an American service member, a US contractor and a British "
        "soldier. US personnel killed: 1 (the service member) to 2 (if both Americans were personnel); others killed: "
        "1 (the Briton) to 2 (with the contractor). 12 wounded of unstated nationality: US injured left empty.",
    ),
    dict(
        a="a06_latimes_2020-03-11",
        id="a06-2",
        date="2019-12-01",
        prec="month",
        country="Iraq",
        cat="attack_on_us",
        fig="ok:1-1",
        q=("In December, a similar rocket fusillade killed a U.S. contractor", "strong ties to Iran."),
        notes="'In December' in a March 2020 article: December 2019, precision month (first of the month). The "
        "country is not named in the sentence; Iraq follows from the paragraph (US-Iraq relationship, an Iraqi faction "
        "blamed). This is the K-1 attack near Kirkuk of 27 December 2019 (a05), but the text names no place. A US "
        "contractor killed: others 1-1.",
    ),
    # ---------------------------------------------------------------- a07 NBC News, Fri 2023-03-24
    dict(
        a="a07_nbcnews_2023-03-24",
        id="a07-1",
        date="2023-03-23",
        prec="day",
        country="Syria",
        admin1="Hasakah",
        loc="Hasakah",
        cat="attack_on_us",
        fig="ui:5-5 ok:1-1",
        q=("A U.S. contractor was killed and five U.S. service members", "the Pentagon said in a statement."),
        notes="'Thursday' before Friday 24 March 2023: 23 March, just before 2 p.m. local. A Coalition base 'near "
        "Hasakah' (town named, base not). Five US service members wounded: 5-5. One US contractor killed: others 1-1 "
        "(the wounded contractor is not a gold column). US killed not stated: empty.",
    ),
    dict(
        a="a07_nbcnews_2023-03-24",
        id="a07-2",
        date="2023-03-24",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("Defense Secretary Lloyd Austin said", "Revolutionary Guards Corps (IRGC).”"),
        notes="Austin's statement of Thursday 23 March (US time) authorises strikes 'tonight' in eastern Syria; a US "
        "evening is after midnight in Syria (UTC+3), so coded 24 March local, with the 23rd inside the +-1 day match. "
        "Place: only 'eastern Syria' / 'in the area': no location or admin1. No casualty figures in this text.",
    ),
    # ---------------------------------------------------------------- a09 Detroit News (AP), Tue 2021-02-16
    dict(
        a="a09_detroitnews_2021-02-16",
        id="a09-1",
        date="2021-02-15",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Erbil International Airport",
        cat="attack_on_us",
        fig="ui:1-1 ok:1-1",
        q=("More than a dozen rockets hit late Monday", "the nearby base hosting U.S. troops."),
        notes="'late Monday' before Tuesday 16 February 2021: 15 February. 14 107 mm rockets, three on the air base. "
        "A coalition contractor 'who was not a U.S. citizen' killed: others 1-1. 'a U.S. military serviceman' wounded: "
        "US injured 1-1 (eight contractors and Iraqi/Kurdish civilians also wounded; not gold columns). Claimed by "
        "Saraya Awliya al-Dam. Place: between the airport and the base next to it.",
    ),
    dict(
        a="a09_detroitnews_2021-02-16",
        id="a09-2",
        date="2019-12-01",
        prec="month",
        country="Iraq",
        admin1="Kirkuk",
        cat="attack_on_us",
        fig="ok:1-1",
        q=("The December 2019 killing of a U.S. civilian contractor", "in province of Kirkuk"),
        notes="Month and year given: December 2019, precision month. Province only (Kirkuk): admin1, no location. "
        "A US civilian contractor killed: others 1-1.",
    ),
    # ---------------------------------------------------------------- a10 American Military News, Mon 2022-08-15
    dict(
        a="a10_americanmilitarynews_2022-08-15",
        id="a10-1",
        date="2022-08-15",
        prec="day",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf Garrison",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("Aerial drones attacked U.S.-led forces near Al-Tanf Garrison", "early Monday"),
        notes="'early Monday' = 15 August 2022 (publication day; MEMRI dates the attack 15 August). Several drones: "
        "one engaged, one detonated in a MaT compound, others unsuccessful (partial). 'The MaT and US Forces ... "
        "suffering no casualties' and 'zero casualties': all casualty pairs 0.",
    ),
    dict(
        a="a10_americanmilitarynews_2022-08-15",
        id="a10-2",
        date="2021-10-01",
        prec="month",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf Garrison",
        cat="attack_on_us",
        fig="ui:0-0",
        q=("In October 2021, Al-Tanf was hit", "No U.S. troops were injured in the attack."),
        notes="'In October 2021': precision month (the attack was on 20 October 2021). Five drones. 'No U.S. troops "
        "were injured': US injured 0-0 only; other pairs unknown.",
    ),
    # ---------------------------------------------------------------- a12 Townhall, Wed 2024-02-07
    dict(
        a="a12_townhall_2024-02-07",
        id="a12-1",
        date="2024-02-07",
        prec="day",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:1-3",
        q=(
            "The United States carried out a drone strike in Baghdad on Wednesday night",
            "U.S. Central Command confirmed.",
        ),
        notes="Wednesday night = 7 February 2024 (publication day), about 9:30 p.m. local. Killed: CENTCOM confirms "
        "'at least one' (min 1); a reporter's post quoted in the article says three (max 3); two leaders are named as "
        "'reportedly' killed. Eastern Baghdad per a quoted post. 'no indications of ... civilian casualties' is not a "
        "figure.",
    ),
    dict(
        a="a12_townhall_2024-02-07",
        id="a12-2",
        date="2024-01-28",
        prec="day",
        country="Jordan",
        admin1="Mafraq",
        loc="Tower 22",
        cat="attack_on_us",
        q=("The first counterstrikes from the U.S. to the deadly January 28 attack", "in northern Jordan"),
        notes="Background with a date the text gives: 28 January 2024. 'deadly' gives at least one death, but the "
        "sentence does not say who died; the three US soldiers of the dignified transfer are linked to it only by "
        "inference, so every casualty pair is left empty. The counterstrikes themselves are undated here "
        "(gold_not_incidents).",
    ),
    # ---------------------------------------------------------------- a13 Kurdistan 24, Wed 2020-01-08
    dict(
        a="a13_kurdistan24_2020-01-08",
        id="a13-1",
        date="2020-01-08",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0",
        q=("The military strikes landed at the Ain al-Assad airbase", "the Pentagon said in a statement."),
        notes="The Pentagon's '5:30 pm on Jan. 7' is Washington time (EST, UTC-5): 01:30 on 8 January in Iraq "
        "(UTC+3), so coded 8 January (the 7th is inside the +-1 day match). Iran's ballistic missiles, 'over a "
        "dozen' for both bases (gold_totals). 'there were only Iraqi security causalities in the attack on Ain "
        "al-Assad' (per Iraqi media): US killed and injured 0 as the article reports (the Pentagon later counted "
        "110 brain injuries: not in this text). Iraqi casualties: kind and number not given, others empty.",
    ),
    dict(
        a="a13_kurdistan24_2020-01-08",
        id="a13-2",
        date="2020-01-08",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Erbil",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("The military strikes landed at the Ain al-Assad airbase", "the Pentagon said in a statement."),
        notes="Same salvo, second place: 'near the US Consulate in ... Erbil' (the statement says the base 'at "
        "Irbil'); city level. Date as a13-1. 'There were no casualties reported in Erbil': coded 0 for every pair "
        "(a report of none, not a provisional 'no immediate reports').",
    ),
    dict(
        a="a13_kurdistan24_2020-01-08",
        id="a13-3",
        date="2019-12-30",
        prec="week",
        country="Iraq",
        admin1="Baghdad",
        loc="Baghdad",
        cat="us_strike",
        fig="ok:1-",
        q=("The developments come after a US drone strike last week", "Quds Force in Baghdad."),
        notes="'last week' in an article of Wednesday 8 January 2020: the week of Monday 30 December 2019 to Sunday "
        "5 January 2020, precision week, dated by its first day (the strike was on 3 January). Soleimani killed: a "
        "count of a subgroup, others min 1, no max.",
    ),
    # ---------------------------------------------------------------- a15 Syriac Press, Tue 2023-04-11
    dict(
        a="a15_syriacpress_2023-04-11",
        id="a15-1",
        date="2023-04-10",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0 ok:0-0",
        q=("“An ineffective rocket attack targeted Coalition forces", "coalition property."),
        notes="CENTCOM confirmed the attack 'On Monday' (10 April 2023, the day before publication); the text dates "
        "the confirmation, the attack is taken as the same day (parallel coverage, antiwar.com of 10 April, reports "
        "it 'on Monday'). 'did not cause any casualties': every pair 0. 'ineffective': missed.",
    ),
    dict(
        a="a15_syriacpress_2023-04-11",
        id="a15-2",
        date="2023-04-05",
        prec="week",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        q=("Earlier, the defenses of the US-led International Coalition", "belonged to Iranian-backed factions."),
        notes="A drone shot down over the Conoco base 'Earlier': before the report, no day given; span of a week "
        "ending on the publication day (5-11 April 2023), dated by its first day. Intercepted. The attacker is only "
        "'most likely' Iranian-backed: perpetrator not coded.",
    ),
    dict(
        a="a15_syriacpress_2023-04-11",
        id="a15-3",
        date="2023-04-05",
        prec="week",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Hatla",
        cat="us_strike",
        q=("In retaliation, the Coalition targeted areas of Hatla and Khasham", "northeast of Dayro Zcuro."),
        notes="Coalition (US-led, firing from the US base) retaliation for the drone: coded us_strike. Undated beyond "
        "following the drone: same week span as a15-2. One row per place named: Hatla here, Khasham in a15-4. "
        "Weapon not named. No casualty figures.",
    ),
    dict(
        a="a15_syriacpress_2023-04-11",
        id="a15-4",
        date="2023-04-05",
        prec="week",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Khasham",
        cat="us_strike",
        q=("In retaliation, the Coalition targeted areas of Hatla and Khasham", "northeast of Dayro Zcuro."),
        notes="Second place of the same retaliation (see a15-3).",
    ),
    # ---------------------------------------------------------------- a19 Political IQ, Wed 2023-11-22
    dict(
        a="a19_politicaliq_2023-11-22",
        id="a19-1",
        date="2023-11-20",
        prec="day",
        country="Iraq",
        admin1="Anbar",
        loc="Ain al-Asad air base",
        cat="attack_on_us",
        fig="ui:1-",
        q=(
            "According to Pentagon deputy press secretary Sabrina Singh, the ballistic missile attack on Al-Asad",
            "minor damage on infrastructure at the airbase.",
        ),
        notes="'Monday' before Wednesday 22 November 2023: 20 November. The text says both 'multiple close-range "
        "missiles' and 'a ballistic missile'. 'non-serious injuries to U.S. and coalition forces': at least one US "
        "injured (min 1); how many of the injured were US is not said, so no max and not the plural rule's 2 "
        "(other coverage: eight injured).",
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        id="a19-2",
        date="2023-11-20",
        prec="day",
        country="Iraq",
        cat="us_strike",
        q=("“A U.S. military  AC-130J Ghostrider attacked an Iran-backed militant group", "Al-Asad Airbase, Iraq,"),
        notes="The gunship struck the launch team after the missile of Monday 20 November; the text gives no separate "
        "day (reported Tuesday), coded the same day (other coverage: immediately after the attack, Monday evening); "
        "+-1 day covers Tuesday. Place not named (near the launch point, Iraq). No casualty figures in this text.",
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        id="a19-3",
        date="2023-11-20",
        prec="week",
        country="Iraq",
        admin1="Anbar",
        cat="us_strike",
        q=("Another defense official told CNN that the facilities targeted by the U.S. military", "south of Baghdad"),
        notes="The 'retaliatory, precision airstrikes' on facilities: after Monday 20 November and before the article "
        "of 22 November, no day given: precision week, span from 20 November. Two places: 'near Al Anbar' (a "
        "province: admin1 only) and Jurf al Saqr (a19-4).",
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        id="a19-4",
        date="2023-11-20",
        prec="week",
        country="Iraq",
        admin1="Babil",
        loc="Jurf al-Sakhar",
        cat="us_strike",
        q=("Another defense official told CNN that the facilities targeted by the U.S. military", "south of Baghdad"),
        notes="Second place of the same strikes: Jurf al Saqr (Jurf al-Sakhar, Babil). Date as a19-3.",
    ),
    # ---------------------------------------------------------------- a20 The Times, Mon 2021-06-28
    dict(
        a="a20_thetimes_2021-06-28",
        id="a20-1",
        date="2021-06-28",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Abu Kamal",
        cat="us_strike",
        fig="ok:4-4",
        q=("One of the militias, Kataib Sayyid al-Shuhada", "four of its fighters killed."),
        notes="'early this morning' in the edition of 28 June 2021 (local time in Syria is ahead of the UK, so also "
        "28 June). The militia's own claim names its headquarters in al-Bukamal (Abu Kamal) and four fighters killed: "
        "others 4-4, as the claim states. Taken as one of the 'two sites in Syria'.",
    ),
    dict(
        a="a20_thetimes_2021-06-28",
        id="a20-2",
        date="2021-06-28",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("US bombers targeted two sites in Syria and one over the border in Iraq", "American troops and diplomats."),
        notes="The second of the 'two sites in Syria', which the text does not name: its own row at country level "
        "(one row per site the text counts; the named site is a20-1). No casualty figures.",
    ),
    dict(
        a="a20_thetimes_2021-06-28",
        id="a20-3",
        date="2021-06-28",
        prec="day",
        country="Iraq",
        cat="us_strike",
        q=("US bombers targeted two sites in Syria and one over the border in Iraq", "American troops and diplomats."),
        notes="The site 'over the border in Iraq': not named, country level. No casualty figures.",
    ),
    # ---------------------------------------------------------------- a21 antiwar.com, Tue 2023-12-26
    dict(
        a="a21_antiwar_2023-12-26",
        id="a21-1",
        date="2023-12-25",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Erbil air base",
        cat="attack_on_us",
        fig="ui:3-3",
        q=(
            "An umbrella group of Iraqi Shia militias known as the Islamic Resistance of Iraq",
            "which targeted a base in Erbil.",
        ),
        notes="'on Monday' before Tuesday 26 December 2023: 25 December. Drone attack on 'a base in Erbil' (the US "
        "base at Erbil air base). Three American troops wounded: 3-3 (one critical). Claimed by the Islamic "
        "Resistance of Iraq.",
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        id="a21-2",
        date="2023-12-25",
        prec="day",
        country="Iraq",
        cat="us_strike",
        fig="ok:1-2",
        q=("The Pentagon said it launched airstrikes in Iraq on Monday night", "leaving one in critical condition."),
        notes="'Monday night' = 25 December 2023 (local night; the US statement time is not given). Three facilities, "
        "none named: one row at country level. Killed: the Iraqi government says one security serviceman, Iraqi "
        "sources one Kataib Hezbollah fighter; they may be the same man, so others 1-2. 18 injured (not a gold "
        "column).",
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        id="a21-3",
        date="2023-12-26",
        prec="day",
        country="Syria",
        cat="attack_on_us",
        q=(
            "Al Mayadeen reported that another attack targeted a US base in Syria on Tuesday.",
            "Al Mayadeen reported that another attack targeted a US base in Syria on Tuesday.",
        ),
        notes="'on Tuesday' = 26 December 2023, the publication day. A US base in Syria, not named; weapon and "
        "casualties not given. Reported by Al Mayadeen only.",
    ),
    # ---------------------------------------------------------------- a23 Shafaq News, Sat 2023-12-30
    dict(
        a="a23_shafaq_2023-12-30",
        id="a23-1",
        date="2023-12-30",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Harir air base",
        cat="attack_on_us",
        q=("Shafaq News/ An armed drone targeted al-Harir airbase", "on Saturday."),
        notes="'on Saturday' = 30 December 2023, the publication day. Armed drone; outcome not stated. Claimed by the "
        "Islamic Resistance in Iraq; neither Baghdad nor Erbil confirmed it. No casualty figures.",
    ),
]

NOT_INCIDENTS = [
    dict(
        a="a01_antiwar_2024-08-05",
        reason="background",
        q=("The US bombed the PMF after rocket attacks targeted US bases", "no damage or casualties."),
        notes="Attacks before 30 July 2024, neither dated nor placed.",
    ),
    dict(
        a="a01_antiwar_2024-08-05",
        reason="aggregate",
        q=("From October 2023 until February, US bases in Iraq and Syria came under hundreds", "drone attacks."),
        notes="'hundreds' of attacks: a reported total (gold_totals), not incidents.",
    ),
    dict(
        a="a01_antiwar_2024-08-05",
        reason="background",
        q=("After three US troops were killed in an attack on Tower 22", "on the Syrian border"),
        notes="Tower 22 (28 January 2024), but this text gives no date (and is cut off after it).",
    ),
    dict(
        a="a01_antiwar_2024-08-05",
        reason="background",
        q=("expecting an Iranian reprisal attack on Israel for the killing of Hamas", "in Tehran."),
        notes="Haniyeh's killing in Tehran: no date in the text. The expected Iranian reprisal is a threat.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        reason="aggregate",
        q=(
            "Such attacks — which have ramped up since late last month",
            "Such attacks — which have ramped up since late last month",
        ),
        notes="General statement, no count.",
    ),
    dict(
        a="a02_hathalyoum_2021-07-07",
        reason="other",
        q=(
            "Wednesday's attack came the same day that U.S.-backed Syria",
            "Wednesday's attack came the same day that U.S.-backed Syria",
        ),
        notes="The stored text is cut off here; whatever event follows is not in the text.",
    ),
    dict(
        a="a03_presidentialprayerteam_2021-03-03",
        reason="background",
        q=(
            "The attack is the second on coalition forces in the country within a month.",
            "The attack is the second on coalition forces in the country within a month.",
        ),
        notes="An earlier attack (the Erbil attack of 15 February 2021), neither dated nor placed in this text.",
    ),
    dict(
        a="a03_presidentialprayerteam_2021-03-03",
        reason="aggregate",
        q=("U.S. forces have been targeted in recent months", "In Iraq."),
        notes="General statement, no count.",
    ),
    dict(
        a="a05_altaghier_2019-12-28",
        reason="background",
        q=("US Secretary of Defense Mark Esper recently had asked Iraq", "groups backed by Iran."),
        notes="Earlier attacks mentioned only in general.",
    ),
    dict(
        a="a06_latimes_2020-03-11",
        reason="background",
        q=(
            "Though the group denied responsibility, the U.S. attacked its positions",
            "covert military operations for Iran.",
        ),
        notes="The US strikes on Kataib Hezbollah (29 December 2019) and the killing of Soleimani (3 January 2020): "
        "no dates or places in the text. The group's denial concerns the December attack (a06-2).",
    ),
    dict(
        a="a06_latimes_2020-03-11",
        reason="background",
        q=("Abu Mahdi Muhandis, a top commander for Iraqi paramilitary groups", "killed in the same strike."),
        notes="Same undated strike.",
    ),
    dict(
        a="a07_nbcnews_2023-03-24",
        reason="aggregate",
        q=("there have been 78 attacks against facilities housing U.S. troops", "since January 2021."),
        notes="Reported total (gold_totals).",
    ),
    dict(
        a="a07_nbcnews_2023-03-24",
        reason="background",
        q=("“The airstrikes were conducted in response to today", "affiliated with the IRGC.”"),
        notes="'a series of recent attacks' in Syria: undated, unplaced.",
    ),
    dict(
        a="a09_detroitnews_2021-02-16",
        reason="threat",
        q=(
            "The Trump administration had said that the death of a U.S. contractor would be a red line",
            "against Iran-backed groups.",
        ),
        notes="A stated red line, not an event.",
    ),
    dict(
        a="a10_americanmilitarynews_2022-08-15",
        reason="other",
        q=("Just two days after the attack, a U.S. drone stri", "Just two days after the attack, a U.S. drone stri"),
        notes="Cut off in the stored text: a US drone strike two days after the October 2021 attack is announced but "
        "the text ends mid-word, so nothing about it (place, target) is stated.",
    ),
    dict(
        a="a12_townhall_2024-02-07",
        reason="aggregate",
        q=("Taking place around 9:30 p.m. local time, CENTCOM said", "more than 160 since mid-October."),
        notes="'more than 160' attacks since mid-October: reported total (gold_totals).",
    ),
    dict(
        a="a12_townhall_2024-02-07",
        reason="aggregate",
        q=("Wednesday's U.S. drone strike comes as the Biden administration", "killed three in recent weeks."),
        notes="'scores of attacks' that wounded 'dozens' and killed three: totals (gold_totals for the figures).",
    ),
    dict(
        a="a12_townhall_2024-02-07",
        reason="background",
        q=("The first counterstrikes from the U.S.", "to the United States."),
        notes="The first counterstrikes (2-3 February 2024) are dated only relative to an undated ceremony: not "
        "coded. The Tower 22 attack in the same sentence is coded (a12-2).",
    ),
    dict(
        a="a13_kurdistan24_2020-01-08",
        reason="threat",
        q=("Meanwhile, Iran warned the US that it would target", "if an attack on Iranian soil occurs"),
        notes="A threat.",
    ),
    dict(
        a="a15_syriacpress_2023-04-11",
        reason="background",
        q=("following the death of a US contractor in a suicide drone attack", "Iranian-backed militias."),
        notes="The Hasakah drone attack (23 March 2023), undated and unplaced here.",
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        reason="aggregate",
        q=(
            "Since October 17, according to Singh, U.S. forces have been attacked 66 times",
            "all have since returned to duty.",
        ),
        notes="Reported totals (gold_totals).",
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        reason="background",
        q=("It was the latest in a string of retaliatory attacks by the U.S.", "in Iraq and Syria."),
        notes="General statement.",
    ),
    dict(
        a="a20_thetimes_2021-06-28",
        reason="threat",
        q=("“We will avenge the blood of our righteous martyrs", "“We will avenge the blood of our righteous martyrs"),
        notes="A militia's threat (cut off in the stored text).",
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        reason="aggregate",
        q=("Since mid-October, US forces have come under attack over 100 times", "onslaught on Gaza."),
        notes="Reported total (gold_totals).",
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        reason="aggregate",
        q=("The US has launched several rounds of airstrikes against Shia militias", "launching more attacks."),
        notes="'several rounds' of US strikes since October: no dates or places.",
    ),
    dict(
        a="a23_shafaq_2023-12-30",
        reason="background",
        q=(
            "The attack is the second of its kind in less than 24 hours.",
            "The attack is the second of its kind in less than 24 hours.",
        ),
        notes="An earlier attack within 24 hours (29 or 30 December 2023), with no place or target named: not "
        "identifiable, not coded.",
    ),
    dict(
        a="a23_shafaq_2023-12-30",
        reason="aggregate",
        q=("U.S. and international forces based in Iraq", "the Israel-Hamas war broke out."),
        notes="'dozens of attacks': reported total (gold_totals).",
    ),
]

TOTALS = [
    dict(
        a="a01_antiwar_2024-08-05",
        metric="attacks_on_us",
        min=100,
        start="2023-10-01",
        as_of="2024-02-01",
        scope="attacks on US bases in Iraq and Syria, October 2023 until February 2024 ('hundreds': min 100)",
        q=("From October 2023 until February, US bases in Iraq and Syria came under hundreds", "drone attacks."),
    ),
    dict(
        a="a07_nbcnews_2023-03-24",
        metric="attacks_on_us",
        min=78,
        best=78,
        scope="attacks on facilities housing US troops in Iraq and Syria since January 2021 (Kurilla's testimony)",
        max=78,
        start="2021-01-01",
        as_of="2023-03-23",
        q=("there have been 78 attacks against facilities housing U.S. troops", "since January 2021."),
    ),
    dict(
        a="a12_townhall_2024-02-07",
        metric="attacks_on_us",
        min=160,
        start="2023-10-01",
        as_of="2024-02-07",
        scope="attacks on US service members since mid-October 2023 ('more than 160': min 160; period start: first of the month)",
        q=("Taking place around 9:30 p.m. local time, CENTCOM said", "more than 160 since mid-October."),
    ),
    dict(
        a="a12_townhall_2024-02-07",
        metric="other",
        min=12,
        as_of="2024-02-07",
        scope="US service members wounded in the attacks of recent weeks ('dozens': min 12)",
        q=("Wednesday's U.S. drone strike comes as the Biden administration", "killed three in recent weeks."),
    ),
    dict(
        a="a12_townhall_2024-02-07",
        metric="other",
        min=3,
        best=3,
        max=3,
        as_of="2024-02-07",
        scope="US service members killed in the attacks of recent weeks",
        q=("Wednesday's U.S. drone strike comes as the Biden administration", "killed three in recent weeks."),
    ),
    dict(
        a="a13_kurdistan24_2020-01-08",
        metric="other",
        min=12,
        as_of="2020-01-08",
        scope="Iranian ballistic missiles fired at Ain al-Asad and Erbil on 8 January 2020 ('over a dozen': min 12), not split between a13-1 and a13-2",
        q=("Iran launched over a dozen ballistic missiles at airbases in Iraq", "house US and coalition forces"),
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        metric="attacks_on_us",
        min=66,
        best=66,
        scope="attacks on US forces in Iraq and Syria since 17 October 2023",
        max=66,
        start="2023-10-17",
        as_of="2023-11-21",
        q=(
            "Since October 17, according to Singh, U.S. forces have been attacked 66 times",
            "Israel-Hamas war in Gaza.",
        ),
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        metric="other",
        min=56,
        scope="US personnel injured in those attacks ('at least 56')",
        start="2023-10-17",
        as_of="2023-11-21",
        q=(
            "At least 56 U.S. personnel have been injured in those attacks",
            "At least 56 U.S. personnel have been injured in those attacks",
        ),
    ),
    dict(
        a="a19_politicaliq_2023-11-22",
        metric="other",
        min=25,
        scope="US service members with traumatic brain injuries among them ('at least 25')",
        start="2023-10-17",
        as_of="2023-11-21",
        q=(
            "at least 25 of those service members suffered traumatic brain injuries",
            "at least 25 of those service members suffered traumatic brain injuries",
        ),
    ),
    dict(
        a="a20_thetimes_2021-06-28",
        metric="other",
        min=3,
        best=3,
        max=3,
        as_of="2021-06-28",
        scope="sites struck by the US on 28 June 2021 (two in Syria, one in Iraq)",
        q=("US bombers targeted two sites in Syria and one over the border in Iraq", "American troops and diplomats."),
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        metric="attacks_on_us",
        min=100,
        start="2023-10-01",
        as_of="2023-12-26",
        scope="attacks on US forces in Iraq and Syria since mid-October 2023 ('over 100': min 100)",
        q=("Since mid-October, US forces have come under attack over 100 times", "onslaught on Gaza."),
    ),
    dict(
        a="a21_antiwar_2023-12-26",
        metric="other",
        min=3,
        best=3,
        max=3,
        as_of="2023-12-25",
        scope="facilities struck by the US in Iraq on 25 December 2023",
        q=("The Pentagon said it launched airstrikes in Iraq on Monday night", "leaving one in critical condition."),
    ),
    dict(
        a="a23_shafaq_2023-12-30",
        metric="attacks_on_us",
        min=12,
        start="2023-10-07",
        scope="attacks on US and international forces' bases in Iraq and Syria since the Israel-Hamas war began ('dozens': min 12)",
        as_of="2023-12-30",
        q=("U.S. and international forces based in Iraq", "the Israel-Hamas war broke out."),
    ),
]

# ---------------------------------------------------------------------------- frozen split
# coded after the dev split was committed; no extractor output was seen for any article

FROZEN_INCIDENTS = [
    # ---------------------------------------------------------------- a04 Air & Space Forces Magazine, 2024-01-28 (frozen)
    dict(
        a="a04_airandspaceforces_2024-01-28",
        id="a04-1",
        date="2024-01-28",
        prec="day",
        country="Jordan",
        admin1="Mafraq",
        loc="Tower 22",
        cat="attack_on_us",
        fig="uk:3-3 ui:34-",
        q=("Three U.S. service members were killed and at least 34 troops were injured", "the U.S. said."),
        notes="'an overnight attack at a base in Jordan on Jan. 28': 28 January 2024; the base is named Tower 22 in "
        "the next paragraph. One-way attack drone. US killed 3-3. US injured: 'at least 34' and later 'more than 34 "
        "wounded' both give min 34, no max; CENTCOM's first count of 25 was superseded in the same article and is "
        "not used. Attributed by Biden to 'radical Iran-backed militant groups'; no claim in the text.",
    ),
    # ---------------------------------------------------------------- a08 Defense One (blog copy), Mon 2023-11-13 (frozen)
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        id="a08-1",
        date="2023-11-12",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Abu Kamal",
        cat="us_strike",
        q=("The strikes destroyed a training facility and safe house", "militia members were present."),
        notes="'on Sunday' before Monday 13 November 2023: 12 November. Two facilities: a training facility near Abu "
        "Kamal (this row) and a safe house near Mayadin (a08-2). Casualties: the spokesperson gives no assessment; "
        "Fox News reported fatalities without a figure or a site, so nothing is coded.",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        id="a08-2",
        date="2023-11-12",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Al-Mayadin",
        cat="us_strike",
        q=("The strikes destroyed a training facility and safe house", "militia members were present."),
        notes="The safe house near Mayadin ('respectively'), same strikes as a08-1.",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        id="a08-3",
        date="2023-11-08",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("The U.S. military used F-15s to destroy a weapons storage facility in Syria on Nov. 8", "on Oct. 26."),
        notes="Background with a date: 8 November 2023 (the date US statements give; the local date is not stated). "
        "A weapons storage facility in Syria, place not named.",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        id="a08-4",
        date="2023-10-26",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("The U.S. military used F-15s to destroy a weapons storage facility in Syria on Nov. 8", "on Oct. 26."),
        notes="Background with a date: 'facilities for weapons and ammunition on Oct. 26' (2023), in Syria by the same "
        "sentence; place not named, one row. 26 October is the US date (the strikes were announced on the evening of "
        "the 26th in Washington); if they hit after midnight in Syria the local date is the 27th, inside +-1 day.",
    ),
    # ---------------------------------------------------------------- a11 Al-Ahed News, Sat 2023-01-21 (frozen)
    dict(
        a="a11_alahednews_2023-01-21",
        id="a11-1",
        date="2023-01-20",
        prec="day",
        country="Syria",
        admin1="Homs",
        loc="Al-Tanf Garrison",
        cat="attack_on_us",
        fig="ui:0-0",
        q=(
            "CENTCOM said the attack involved three suicide drones and occurred on Friday morning",
            "overthrow the Syrian government.",
        ),
        notes="'on Friday morning' before Saturday 21 January 2023: 20 January. Three drones, two shot down, one hit "
        "the compound (partial). Two members of the 'Syrian Free Army' partner force injured (others; no gold column "
        "for their injuries). 'No US forces were injured': US injured 0-0; killed not stated.",
    ),
    # ---------------------------------------------------------------- a14 Hawar News, 2024-02-03 (frozen)
    dict(
        a="a14_hawarnews_2024-02-03",
        id="a14-1",
        date="2024-02-03",
        prec="day",
        country="Syria",
        cat="us_strike",
        fig="ok:18-18",
        q=(
            "Centcom announced that American forces struck more than 85 targets",
            "according to the Syrian Observatory.",
        ),
        notes="The text dates the announcement ('early this morning', 3 February 2024), not the strikes; they were "
        "the night before, reported as they happened, so coded 3 February (the codebook's local date for this wave: "
        "about midnight local; US reporting says 2 February, inside +-1 day). No site named in Syria: one row at "
        "country level. 'the killing of 18 members' per the Syrian Observatory: others 18-18.",
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        id="a14-2",
        date="2024-02-03",
        prec="day",
        country="Iraq",
        cat="us_strike",
        q=(
            "The White House indicated that the United States informed Iraq before launching air strikes on three sites",
            "violation of Iraqi sovereignty.",
        ),
        notes="Same wave, in Iraq: 'three sites belonging to factions inside the country', none named (the text is "
        "cut off at 'the cities of Al-Qa', which is not usable): one row at country level. Date as a14-1. No "
        "casualty figures for Iraq.",
    ),
    # ---------------------------------------------------------------- a16 Sputnik, Tue 2020-08-18 (frozen)
    dict(
        a="a16_sputniknews_2020-08-18",
        id="a16-1",
        date="2020-08-18",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        fig="uk:0-0 ui:0-0",
        q=(
            '"On August 18, three small Kaytusha rockets impacted near Conoco base, Syria,"',
            'no Coalition casualties or damage."',
        ),
        notes="'On August 18' (2020). Three rockets 'impacted near' the base: missed. 'no Coalition casualties': US "
        "personnel (part of the coalition) killed and injured 0; others not covered, left empty. The Deir ez-Zor "
        "Military Council's account (US and Kurdish forces south of the gas field shot at 'this morning') is the same "
        "event, not a second row.",
    ),
    # ---------------------------------------------------------------- a17 Al-Ahed News, Tue 2024-10-01 (frozen)
    dict(
        a="a17_alahednews_2024-10-01",
        id="a17-1",
        date="2024-09-29",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        q=("Intense rocket and drone bombardment targeted the headquarters", "during the early hours of Sunday."),
        notes="'during the early hours of Sunday' before Tuesday 1 October 2024: 29 September. Rockets and drones; "
        "'direct hits' per unnamed field sources. No casualty figures. The earlier attack ('for the second time') "
        "and the US strikes on Harabesh it answers are undated (gold_not_incidents).",
    ),
    # ---------------------------------------------------------------- a18 MENAFN (NNN-SANA), Wed 2024-08-14 (frozen)
    dict(
        a="a18_menafn_2024-08-14",
        id="a18-1",
        date="2024-08-13",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        loc="Mission Support Site Conoco",
        cat="attack_on_us",
        q=(
            "A rocket attack targeted the U.S. military base, located in the Conoco field",
            "Syrian state television reported.",
        ),
        notes="'last night' in a dispatch of 14 August 2024: the night of 13 August (an attack after midnight would be "
        "the 14th, inside +-1 day). Attributed by SOHR to pro-Iran fighters; no claim. 'No immediate reports of "
        "casualties' is provisional (and said of the skirmishes): casualties empty.",
    ),
    dict(
        a="a18_menafn_2024-08-14",
        id="a18-2",
        date="2024-08-13",
        prec="day",
        country="Syria",
        admin1="Deir ez-Zor",
        cat="regional",
        q=("Following the attack, the Kurdish-led Syrian Forces (SDF)", "the war monitor said."),
        notes="The SDF (US-backed) shelled Iran-aligned militants in western Deir al-Zour 'Following the attack': same "
        "night, coded 13 August (+-1 day). Not a US strike: regional. Heavy machine guns were also used (same "
        "event). Place: western Deir ez-Zor, no location. Casualties not confirmed: empty.",
    ),
    # ---------------------------------------------------------------- a22 DOD News, 2021-02-25 (frozen)
    dict(
        a="a22_defensegov_2021-02-25",
        id="a22-1",
        date="2021-02-26",
        prec="day",
        country="Syria",
        cat="us_strike",
        q=("At President Joe Biden's direction, U.S. military forces, earlier this evening", "in Eastern Syria."),
        notes="'earlier this evening' in a DOD News story of 25 February 2021 (Washington time): Slate's report (found "
        "with search) puts the strikes at 2 a.m. Friday local time, so coded 26 February, the local date (the 25th "
        "is inside +-1 day). A border control point in eastern Syria used by Kataib Hezbollah and Kataib Sayyid "
        "al-Shuhada; the crossing is not named, so no location or admin1. No casualty figures.",
    ),
    # ---------------------------------------------------------------- a24 Kurdpress, Sun 2024-01-28 (frozen)
    dict(
        a="a24_kurdpress_2024-01-28",
        id="a24-1",
        date="2024-01-28",
        prec="day",
        country="Iraq",
        admin1="Erbil",
        loc="Harir air base",
        cat="attack_on_us",
        q=(
            "The Lebanese al-Mayadeen news network announced in a breaking news piece on Sunday afternoon",
            "targeted by a drone attack.",
        ),
        notes="The text dates the announcement ('on Sunday afternoon', 28 January 2024, the publication day); the "
        "attack is taken as the same day (claimed 'later on the day'). Drone. Claimed by the Islamic Resistance in "
        "Iraq. No casualty figures.",
    ),
]

FROZEN_NOT = [
    dict(
        a="a04_airandspaceforces_2024-01-28",
        reason="background",
        q=(
            "While most have been unsuccessful, a U.S. contractor died of a heart attack",
            "critically wounded in another.",
        ),
        notes="Two earlier attacks (a contractor's death, a critically wounded service member), neither dated nor placed.",
    ),
    dict(
        a="a04_airandspaceforces_2024-01-28",
        reason="aggregate",
        q=(
            "Such groups have attacked U.S. troops at least 158 times since Oct. 17",
            "and ballistic missiles, according to U.S. officials.",
        ),
        notes="Reported total (gold_totals).",
    ),
    dict(
        a="a04_airandspaceforces_2024-01-28",
        reason="aggregate",
        q=(
            "Al Tanf has drawn frequent attacks in recent months",
            "Al Tanf has drawn frequent attacks in recent months",
        ),
        notes="General statement, no count.",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        reason="background",
        q=("Separately, U.S. Central Command is investigating the shooting down of an MQ-9", "off the coast of Yemen."),
        notes="The downing of a US drone off Yemen: no date in the text, and at sea off Yemen.",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        reason="aggregate",
        q=("Nearly 60 U.S. troops have been injured", "since October."),
        notes="Reported total (gold_totals).",
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        reason="other",
        q=(
            "Fox News was the first to report fatalities from the airstrikes.",
            "Fox News was the first to report fatalities from the airstrikes.",
        ),
        notes="A report of deaths with no figure and no site: not a casualty figure for a08-1 or a08-2.",
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        reason="threat",
        q=('and added that "the response will continue."', 'and added that "the response will continue."'),
        notes="A statement of further strikes to come.",
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        reason="other",
        q=(
            "Rasoul said, in a statement today, that the cities of Al-Qa",
            "Rasoul said, in a statement today, that the cities of Al-Qa",
        ),
        notes="Cut off in the stored text: the places it goes on to name are not in the text.",
    ),
    dict(
        a="a16_sputniknews_2020-08-18",
        reason="other",
        q=("Elsewhere in the same province earlier on Tuesday, a Russian major-general", "killed by a roadside bomb."),
        notes="A roadside bomb against a Russian convoy near the at-Taim oil field (18 August 2020), author unknown "
        "(Daesh suspected): not part of the escalation around US forces, so not coded.",
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        reason="background",
        q=(
            "Field sources confirmed that Resistance factions targeted the US occupation base for the second time",
            "the city of Deir Ezzor.",
        ),
        notes="The first attack on the base ('for the second time'): undated.",
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        reason="background",
        q=(
            "Field sources confirmed that Resistance factions targeted the US occupation base for the second time",
            "the city of Deir Ezzor.",
        ),
        notes="The US airstrikes on the Harabesh neighbourhood of Deir ez-Zor city: undated in the text, so not coded.",
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        reason="aggregate",
        q=(
            "It is worth noting that US and coalition forces in Iraq and Syria have been targeted with dozens of attacks",
            "on Gaza.",
        ),
        notes="'dozens of attacks': reported total (gold_totals).",
    ),
    dict(
        a="a18_menafn_2024-08-14",
        reason="aggregate",
        q=("The Britain-based watchdog group noted that", "specifically targeted the Conoco gas plant."),
        notes="Reported totals (gold_totals).",
    ),
    dict(
        a="a22_defensegov_2021-02-25",
        reason="background",
        q=(
            "American forces have struck at an Iranian-backed militia in Syria that launched rocket attacks",
            "against U.S. bases in Iraq",
        ),
        notes="The militia's earlier rocket attacks on US bases in Iraq: undated, unplaced.",
    ),
    dict(
        a="a24_kurdpress_2024-01-28",
        reason="aggregate",
        q=("This is at the time that the base and other bases", "Gaza Strip in Palestine."),
        notes="General statement, no count.",
    ),
]

FROZEN_TOTALS = [
    dict(
        a="a04_airandspaceforces_2024-01-28",
        metric="attacks_on_us",
        min=158,
        start="2023-10-17",
        as_of="2024-01-28",
        scope="attacks by Iran-backed groups on US troops since 17 October 2023 ('at least 158')",
        q=(
            "Such groups have attacked U.S. troops at least 158 times since Oct. 17",
            "and ballistic missiles, according to U.S. officials.",
        ),
    ),
    dict(
        a="a04_airandspaceforces_2024-01-28",
        metric="us_troops_deployed",
        best=350,
        as_of="2024-01-28",
        scope="US Army and Air Force personnel at Tower 22 ('approximately 350': best only)",
        q=(
            "“There are approximately 350 U.S. Army and Air Force personnel deployed to the base",
            "deployed to the base",
        ),
    ),
    dict(
        a="a08_tunmarvinworld_2023-11-13",
        metric="other",
        best=60,
        max=60,
        start="2023-10-01",
        as_of="2023-11-13",
        scope="US troops injured in attacks on bases in Iraq and Syria since October 2023 ('nearly 60': best and max 60)",
        q=("Nearly 60 U.S. troops have been injured", "since October."),
    ),
    dict(
        a="a11_alahednews_2023-01-21",
        metric="us_troops_deployed",
        best=1000,
        max=1000,
        as_of="2023-01-21",
        scope="US soldiers in Syria ('just shy of 1,000', read as 'almost N': best and max 1,000)",
        q=("This comes as Washington keeps just shy of 1,000 soldiers", "in the Middle Eastern nation"),
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        metric="other",
        min=85,
        as_of="2024-02-03",
        scope="targets struck in Iraq and Syria in the wave of 2-3 February 2024 ('more than 85')",
        q=(
            "The command said in a statement today that US military forces struck more than 85 targets",
            "launched from the United States.",
        ),
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        metric="other",
        min=125,
        as_of="2024-02-03",
        scope="precision-guided munitions used in the same wave ('more than 125')",
        q=(
            "According to the statement, the air strikes used more than 125 precision-guided munitions.",
            "According to the statement, the air strikes used more than 125 precision-guided munitions.",
        ),
    ),
    dict(
        a="a14_hawarnews_2024-02-03",
        metric="other",
        min=3,
        best=3,
        max=3,
        as_of="2024-02-03",
        scope="sites struck in Iraq in the same wave",
        q=(
            "The White House indicated that the United States informed Iraq before launching air strikes on three sites",
            "violation of Iraqi sovereignty.",
        ),
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        metric="attacks_on_us",
        min=12,
        start="2023-10-01",
        as_of="2024-10-01",
        scope="attacks on US and coalition forces in Iraq and Syria since October 2023 ('dozens': min 12)",
        q=(
            "It is worth noting that US and coalition forces in Iraq and Syria have been targeted with dozens of attacks",
            "on Gaza.",
        ),
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        metric="us_troops_deployed",
        best=2500,
        as_of="2024-10-01",
        scope="US troops in Iraq ('some 2,500': best only)",
        q=("The US military has some 2,500 troops deployed in Iraq", "occupied territories in Syria."),
    ),
    dict(
        a="a17_alahednews_2024-10-01",
        metric="us_troops_deployed",
        best=900,
        as_of="2024-10-01",
        scope="US troops in Syria ('some ... 900': best only)",
        q=("The US military has some 2,500 troops deployed in Iraq", "occupied territories in Syria."),
    ),
    dict(
        a="a18_menafn_2024-08-14",
        metric="attacks_on_us",
        min=135,
        best=135,
        max=135,
        start="2023-10-01",
        as_of="2024-08-14",
        scope="attacks by Iranian-backed militias on US bases in Syria since October 2023 (SOHR)",
        q=("The Britain-based watchdog group noted that", "specifically targeted the Conoco gas plant."),
    ),
    dict(
        a="a18_menafn_2024-08-14",
        metric="attacks_on_us",
        min=40,
        best=40,
        max=40,
        start="2023-10-01",
        as_of="2024-08-14",
        scope="of those, attacks on the Conoco gas plant base (SOHR)",
        q=("The Britain-based watchdog group noted that", "specifically targeted the Conoco gas plant."),
    ),
]

NOT_INCIDENTS += [
    dict(
        a="a06_latimes_2020-03-11",
        reason="denial",
        q=("Though the group denied responsibility", "Though the group denied responsibility"),
        notes="Kataib Hezbollah denied the December attack (a06-2): the denial is not coded as an event, and the "
        "US blame is not coded as a perpetrator either (gold.csv has no actor columns).",
    ),
]

TOTALS += [
    dict(
        a="a10_americanmilitarynews_2022-08-15",
        metric="us_troops_deployed",
        min=200,
        as_of="2022-08-15",
        scope="US troops remaining in Syria ('Several hundred': several (2) x 100, min 200)",
        q=("Several hundred of them remain", "approximately 900 last year."),
    ),
    dict(
        a="a10_americanmilitarynews_2022-08-15",
        metric="us_troops_deployed",
        best=900,
        as_of="2021-01-01",
        scope="US troops in Syria in 2021 ('approximately 900 last year': best only; as_of is the year, dated 1 January)",
        q=("Several hundred of them remain", "approximately 900 last year."),
    ),
]

INCIDENTS += FROZEN_INCIDENTS
NOT_INCIDENTS += FROZEN_NOT
TOTALS += FROZEN_TOTALS
