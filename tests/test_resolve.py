"""Speaker resolution: names, pronouns, roles, organisations and continuation."""

from __future__ import annotations

import pytest


def speakers(extract, text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.attribution) for q in extract(text) if q.kind == "direct"]


CASES = [
    pytest.param(
        'Maria Lopez runs the clinic.\n\n"We are full every day," Lopez said.',
        [("Maria Lopez", "name_part")],
        id="surname-to-full-name",
    ),
    pytest.param(
        'The script was by director Choi (Jung-gyu).\n\n"I loved it," Choi said.',
        [("Choi Jung-gyu", "name_part")],
        id="bracketed-given-name",
    ),
    pytest.param(
        'Maria Lopez said the vote was close.\n\n"We did it," she said.',
        [("Maria Lopez", "pronoun")],
        id="pronoun",
    ),
    pytest.param(
        "Mr. Daniel Okafor met Ms. Grace Tan on Monday. Tan said she would not resign.\n\n"
        '"It is a disgrace," he said.',
        [("Daniel Okafor", "pronoun")],
        id="pronoun-gender-beats-recency",
    ),
    pytest.param(
        'The festival is run by director Anna Berg.\n\n"We sold out in a day," the director said.',
        [("Anna Berg", "role")],
        id="role-after-name",
    ),
    pytest.param(
        'Northwind Energy cut 300 jobs on Tuesday.\n\n"The decision was painful," the company said in a '
        "statement.",
        [("Northwind Energy", "role")],
        id="organisation-noun",
    ),
    pytest.param(
        '"Prices will rise," Maria Lopez said.\n\n"There is no other way to pay for the repairs."',
        [("Maria Lopez", "explicit"), ("Maria Lopez", "continuation")],
        id="continuation",
    ),
    pytest.param(
        'Tom Reed explained the plan:\n\n"We start in May and finish by winter."',
        [("Tom Reed", "explicit")],
        id="colon-in-previous-paragraph",
    ),
    pytest.param(
        "The Interior Ministry said in a statement that it would comply.\n\n"
        '"We will study it," the statement said.',
        [("Interior Ministry", "explicit")],
        id="document-of-an-earlier-statement",
    ),
    pytest.param(
        '"The numbers do not add up," a spokesperson said.',
        [("a spokesperson", "description")],
        id="unnamed-speaker",
    ),
    pytest.param(
        '"We want answers," residents said.',
        [("residents", "description")],
        id="unnamed-group",
    ),
    pytest.param(
        'Interior Minister Anton Vellas spoke on Monday.\n\n"Aid is not the problem," the minister said.',
        [("Anton Vellas", "role")],
        id="stacked-titles",
    ),
    pytest.param(
        'Observer Pieter van Dam arrived on Sunday.\n\n"The queues were long," van Dam said.',
        [("Pieter van Dam", "name_part")],
        id="name-particle",
    ),
    pytest.param(
        "Callum Fraser won the race. One woman, waving a banner near the finish, cheered him home.\n\n"
        '"It was worth the wait for an afternoon like this," she said.',
        [("One woman", "pronoun")],
        id="pronoun-to-unnamed-subject",
    ),
    pytest.param(
        'Prosecutor Helen Marchetti KC opened the case.\n\n"She wrote to him seven times," Marchetti said.',
        [("Helen Marchetti", "name_part")],
        id="postnominal-title",
    ),
    pytest.param(
        '"How many sailings were cancelled?" MLA Rosa Whitfield asked.\n\n"It was luck," Whitfield said.',
        [("Rosa Whitfield", "explicit"), ("Rosa Whitfield", "name_part")],
        id="legislator-title-before-name",
    ),
    pytest.param(
        '"We believe these fires were deliberate," Staff Sgt. Karen Holt told reporters. "We are sure."',
        [("Karen Holt", "explicit"), ("Karen Holt", "explicit")],
        id="abbreviated-title-does-not-end-the-sentence",
    ),
    pytest.param(
        'Labour MP Owen Rhys has written to ministers.\n\n"It is a scandal," the MP said.',
        [("Owen Rhys", "role")],
        id="a-title-alone-is-a-role-not-a-name",
    ),
    pytest.param(
        'Julie Bishop met the board.\n\n"We agreed," Bishop said.',
        [("Julie Bishop", "name_part")],
        id="a-role-word-that-is-part-of-a-name-stays-a-name",
    ),
    pytest.param(
        'Sergeant Mei-Ling Harcourt led the inquiry.\n\n"They were very patient," Harcourt said.',
        [("Mei-Ling Harcourt", "name_part")],
        id="police-rank",
    ),
    pytest.param(
        '"A first step is still only a first step," said the Western Arden Nurses\' Union.',
        [("Western Arden Nurses' Union", "explicit")],
        id="possessive-in-organisation-name",
    ),
    pytest.param(
        "Sergeant Mei-Ling Harcourt was questioned on the radio by its host, Dominic Fairweather.\n\n"
        '"Why did the banks not stop these transfers?" Fairweather asked.\n\n'
        '"Some of them tried, but the scammers were always one step ahead of them," she said.\n\n'
        '"So the victims were coached?"',
        [
            ("Dominic Fairweather", "name_part"),
            ("Mei-Ling Harcourt", "pronoun"),
            ("Dominic Fairweather", "continuation"),
        ],
        id="reply-is-not-the-asker",
    ),
    pytest.param(
        'The library opens on Thursday. Residents packed the hall.\n\n"We want it open every day," she said.',
        [(None, "none")],
        id="weekday-is-nobody",
    ),
    pytest.param(
        'The weather was cold.\n\n"Nobody came to the meeting at all, which is a shame."',
        [(None, "none")],
        id="no-speaker-no-guess",
    ),
    pytest.param(
        'The strike closed the port at dawn. "Nobody came to the meeting at all, which is a shame."',
        [(None, "none")],
        id="no-person-subject-before-no-guess",
    ),
    pytest.param(
        "Coach Ines Varga defended the team on Sunday.\n\nHer assistant, Tomas Brenner, was blunter. "
        '"We were awful, and everyone in that room knows it."',
        [("Tomas Brenner", "explicit")],
        id="quote-after-a-sentence-takes-its-subject",
    ),
    pytest.param(
        'Anna Holt met the board. She was calmer afterwards. "We will find a way through this winter."',
        [("Anna Holt", "pronoun")],
        id="quote-after-a-sentence-pronoun-subject",
    ),
    pytest.param(
        "Greta Lind, 58, lost her home in the fire. Marlow Community Housing (MCH) said it would help.\n\n"
        'The 58-year-old wept in the hall on Monday. "I have nothing left," she said.',
        [("Greta Lind", "pronoun")],
        id="age-description-subject-is-a-pronoun-candidate",
    ),
    pytest.param(
        'Nadia Perez runs a farm on the Upper Ridge Coast.\n\n"We lost every tree," she said.',
        [("Nadia Perez", "pronoun")],
        id="a-determined-name-is-no-person",
    ),
    pytest.param(
        'Councillor Bronagh Tait voted against the plan.\n\n"It is rushed," Cr Tait said. '
        '"We need time," said Advocate Sipho Ndlovu.',
        [("Bronagh Tait", "name_part"), ("Sipho Ndlovu", "explicit")],
        id="council-and-advocate-titles",
    ),
    pytest.param(
        "Derek and Jean Hollis have swum there for 40 years.\n\n"
        '"We met here," Mrs Hollis said. "It is our second home," Mr Hollis said.',
        [("Jean Hollis", "name_part"), ("Derek Hollis", "name_part")],
        id="a-couple-shares-a-surname-and-titles-tell-them-apart",
    ),
    pytest.param(
        "The International Brotherhood of Locomotive Crews opposed the bill.\n\n"
        '"It is dangerous," the Brotherhood said.',
        [("International Brotherhood of Locomotive Crews", "name_part")],
        id="organisation-name-read-through-of",
    ),
    pytest.param(
        "SuryaNet Communications and VayuLink Telecom agreed to merge.\n\n"
        '"This is a good day for our customers," SuryaNet said.',
        [("SuryaNet Communications", "name_part")],
        id="two-companies-joined-by-and-stay-two",
    ),
    pytest.param(
        'House Majority Whip Tanner Voight spoke first. "We have the votes," said Comrade Ade Bello. '
        '"We will see," Voight said.',
        [("Ade Bello", "explicit"), ("Tanner Voight", "name_part")],
        id="whip-and-comrade-are-titles",
    ),
    pytest.param(
        "The official, Deputy Assistant Secretary of the Navy Gregory Pell, resigned.\n\n"
        '"I did nothing wrong," Pell said.',
        [("Gregory Pell", "name_part")],
        id="a-title-of-phrase-is-not-part-of-the-name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_resolve_speakers(extract, text: str, expected) -> None:
    assert speakers(extract, text) == expected


def test_resolve_first_person_in_nested_quote(extract) -> None:
    quotes = extract("\"I told them, 'we will not move an inch,' and I meant it,\" Maria Lopez said.")
    nested = next(q for q in quotes if q.kind == "nested")
    assert nested.speaker == "Maria Lopez"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Pass rates fell again, according to figures published by the National Examinations Council.",
            "National Examinations Council",
        ),
        (
            "Sewage spills rose by 40 per cent, according to a report by Riverwatch Alliance.",
            "Riverwatch Alliance",
        ),
        # an unnamed group is named by its description, not by the body it comes from
        (
            "Observers from the Coalition for Democratic Elections said the vote had been largely peaceful.",
            "Observers from the Coalition for Democratic Elections",
        ),
        ("A spokesperson said the line would reopen on Monday morning.", "A spokesperson"),
        ("A spokesperson for the council said the line would reopen.", "A spokesperson for the council"),
        (
            "Workers leaving the afternoon shift said they had heard rumours.",
            "Workers leaving the afternoon shift",
        ),
        # a description keeps its relative clause, but not a time adjunct or a coordination
        (
            "Two aid workers who travelled with the convoy said soldiers had searched every car.",
            "Two aid workers who travelled with the convoy",
        ),
        ("Parents outside the school on Sunday said they had no warning.", "Parents outside the school"),
        ("Officials who said nothing for weeks now say the plan failed.", "Officials"),
        (
            "A senior Department of Health official said the cap would be reviewed.",
            "A senior Department of Health official",
        ),
        # a document speaks for whoever is behind it, else as itself
        (
            "The Secondary Teachers' Union polled its members. The union's own survey said that "
            "one lesson in five had no specialist.",
            "Secondary Teachers' Union",
        ),
        ("A Marlow Public Radio poll said that Wainwright leads by four points.", "Marlow Public Radio"),
        ("The report said that the river had been polluted for years.", "The report"),
        # who obtained a document is not who wrote it
        (
            "The inspection report, obtained by the Brennan Herald, noted that the girders had corroded.",
            "The inspection report",
        ),
        (
            "The Tri-County Bridge Authority counts traffic yearly. About 14,000 vehicles a day used "
            "the bridge, according to the authority's most recent traffic count.",
            "Tri-County Bridge Authority",
        ),
        # an acronym is the name it abbreviates; "of the" belongs to an institution's name
        (
            "The Office of the Data Regulator (ODR) was told on Monday. "
            "The ODR said it had opened an inquiry.",
            "Office of the Data Regulator",
        ),
        # an institution keeps its saint; a possessive joins a name only before an institution word
        (
            "Staff at St Fintan's University Hospital met. The hospital said it was hiring.",
            "St Fintan's University Hospital",
        ),
        ("Tesla's Elon Musk said the car was ready.", "Elon Musk"),
        ("Police Chief Renee Vasquez said officers had followed the car.", "Renee Vasquez"),
        ("Kim's team said the car was ready.", "Kim's team"),
        # a person's entourage is not the last organisation named
        (
            "Northwind Energy sponsored the event. Marchetti won it. According to her team, "
            "the win secures Marchetti a place in the final.",
            "her team",
        ),
        # a body speaks for the organisation that owns it
        ("Tesla's board said the car was ready.", "Tesla"),
        (
            "Ravensford City Council will plant trees. The Ravensford Tree Trust will supply them. "
            "The council's environment department said households could ask for one.",
            "Ravensford City Council",
        ),
        ("A group calling itself Nightjar said it would publish the files.", "Nightjar"),
        # a document mentioned again speaks for whoever the article first put behind it
        (
            "Bleaching rose sharply this summer, according to an aerial survey released on Thursday. "
            "The survey, carried out by the Reef Monitoring Institute, covered 40 reefs.",
            "Reef Monitoring Institute",
        ),
        # "the report" after another document of findings: that document, whatever its name
        (
            "The audit by the Rowan Health Commission examined 14 months of records. "
            "The report said the delays were not acceptable.",
            "Rowan Health Commission",
        ),
        (  # but a statement is no report
            "The audit by the Rowan Health Commission examined 14 months of records. "
            "The statement said the delays were not acceptable.",
            "The statement",
        ),
        # "several" and "one" stand for some of the group just described
        (
            "Neighbors on Oak Street said they heard the crash. "
            "Several told the Ledger the road was dangerous.",
            "Neighbors on Oak Street",
        ),
        # "&" joins the partners of a firm into one organisation's name
        ("Hollis & Grant said in a statement that none of its customers had lost money.", "Hollis & Grant"),
        ("The jeweller Calloway & Finch said none of its staff had been hurt.", "Calloway & Finch"),
        ("Engineers at Pryor & Vale said three girders had corroded.", "Engineers at Pryor & Vale"),
        ("Pryor & Vale inspected it. The firm said three girders had corroded.", "Pryor & Vale"),
        # "and" joins a place to a name that ends in an institution word, never two people
        (
            "The Riverton and District Health Unit opened clinics. The unit said that demand was high.",
            "Riverton and District Health Unit",
        ),
        ("Dr Ann Kim and Lee Council said that the vote was close.", "Ann Kim"),
        # "the chamber": the organisation whose name holds the noun, though no list has it
        (
            "The Eastbourne Vale Chamber of Trade objected. The chamber said footfall was down sharply.",
            "Eastbourne Vale Chamber of Trade",
        ),
        (
            "The Halden Observatory reopened. The observatory said bookings were up sharply.",
            "Halden Observatory",
        ),
        ("The mill said the plant would close soon.", "The mill"),  # no such name: as written
        # "some", "one" and "they" stand for the group the narration last made a subject
        (
            "Residents in Orchard Vale welcomed the news, though some said they would wait and see.",
            "Residents in Orchard Vale",
        ),
        # "named the contractor, Acme Ltd" gives nobody's own name
        (
            "A spokesperson for the council, which has not named the contractor, Acme Ltd, "
            "said all work stops.",
            "A spokesperson for the council",
        ),
        # a party tag or a score is never part of a name
        ("R-Ohio Bell said the bill was dead on arrival.", "Bell"),
        # "it" is the organisation last named
        ("Northwind Energy raised prices. It said that costs had risen.", "Northwind Energy"),
        # a document's maker: the subject of the verb that made it, or the body the noun names
        (
            "Harlow Foods made a filing with the regulator on Monday. "
            "The filing says Pantry Point would owe Harlow a fee.",
            "Harlow Foods",
        ),
        (
            "Pantry Point cited a report which Harlow Foods published in May. "
            "The report says the chain would owe a fee.",
            "Harlow Foods",
        ),
        (
            "The Lakeside Health Unit opened two clinics. "
            "A statement from the health unit said that anyone born after 1970 should check.",
            "Lakeside Health Unit",
        ),
        ("A report obtained by the Herald said that the plant leaked.", "A report obtained by the Herald"),
        # "the company" is the organisation the narration makes a subject, not the last named
        (
            "Harlow Foods agreed to buy the grocery chain Pantry Point for $2 billion, the company said.",
            "Harlow Foods",
        ),
        # a plural organisation noun is several organisations: as written
        (
            "Harlow Foods will buy Pantry Point. The deal will close next year, the companies said.",
            "the companies",
        ),
        # bare "police" is the force the article names, before or after
        (
            "A man was charged with arson, police said.\n\n"
            "He was arrested near a plaza, according to the Halton Bay Police Service.",
            "Halton Bay Police Service",
        ),
        ("A man was charged with arson, police said.", "police"),  # no force named: as written
        # people, though an organisation's name holds the word: as written
        (
            "The Coalition of Child Care Advocates met on Monday.\n\n"
            "Advocates said the pledge was welcome but overdue.",
            "Advocates",
        ),
        # "its report": the organisation "its" stands for
        (
            "The Fiscal Studies Institute criticised the plan. "
            "Its report found that the poorest tenth would lose most.",
            "Fiscal Studies Institute",
        ),
        # a group noun opening a sentence is no name, though the tagger calls it one
        (
            "Harlow shares fell 3%.\n\nShoppers at the Florence store said they were worried.",
            "Shoppers at the Florence store",
        ),
        # a document by a group speaks for the group as described, up to a time adjunct
        (
            "According to a study by researchers at Eastbrook University published Wednesday, "
            "walking helps memory.",
            "researchers at Eastbrook University",
        ),
        # "the researchers": as the narration first described them
        (
            "Researchers at the Front Range Polar Institute studied the glacier for a decade.\n\n"
            "The researchers say it could spread to neighbouring glaciers.",
            "Researchers at the Front Range Polar Institute",
        ),
        ("The researchers say the glacier could collapse.", "The researchers"),  # nothing fuller
        # "the lawsuit": whoever sued, as the article names or describes them
        (
            "A group of former contractors sued Quillon in August. "
            "The lawsuit alleges that the company misclassified 900 workers.",
            "A group of former contractors",
        ),
        (
            "Harlow Foods sued Pantry Point. The lawsuit alleges that the chain broke a contract.",
            "Harlow Foods",
        ),
        ("The lawsuit alleges that the chain broke a contract.", "The lawsuit"),  # nobody sued before
        # an institution word opening a sentence before its noun is no name, nor the last body
        (
            "The Halton Bay Fire Department put out the blaze.\n\n"
            "Court documents show that the accused worked at two of the restaurants.",
            "Court documents",
        ),
        # a description followed by a name set off by commas is that person
        ("A spokesman for Ardent, Kyle Morrow, said the company was disappointed.", "Kyle Morrow"),
        (
            "According to a senior official in the Commerce Ministry, India has not ruled out an appeal.",
            "a senior official in the Commerce Ministry",
        ),
        # a legislator's title before a name: "TD", "MPP" as well as "MP"
        ("Dublin South TD Niall Brennan said the plan was a disgrace.", "Niall Brennan"),
        # a hyphen inside a word does not end a description
        (
            "Seniors at the Maplewood Drop-In Centre told reporters they were nervous.",
            "Seniors at the Maplewood Drop-In Centre",
        ),
        # "the company" is the organisation named as a company, not the board just made a subject
        # a description set off before the name, the name with its own title
        (
            "Her likely opponent in 2028, former Gov. Beth Larkin, said the law was cruel and unworkable.",
            "Beth Larkin",
        ),
        # "X, asked about ..., said": the parser gives the name to the participle
        (
            "Sen. Carl Stromberg backed the bill. Stromberg, asked about the vote, said it was over.",
            "Carl Stromberg",
        ),
        ("Asked about the vote, Stromberg said it was over.", "Stromberg"),
        # "said at the time that ...", read by the parser as a relative clause of "time"
        ("The minister said at the time that the plan was sound.", "The minister"),
        (
            "Tarrant Developments wants to build 300 homes near the river. The Harwick Planning Board "
            "rejected the plan on Monday.\n\nThe company said it would appeal the decision.",
            "Tarrant Developments",
        ),
        (
            "Tarrant Developments wants to build homes. The Harwick Planning Board rejected the plan.\n\n"
            "The board said the site was too close to the river.",
            "Harwick Planning Board",
        ),
    ],
)
def test_resolve_indirect_sources(extract, text: str, speaker: str | None) -> None:
    quotes = [q for q in extract(text) if q.kind == "indirect"]
    assert quotes, text
    assert quotes[0].speaker == speaker


def test_resolve_description_never_ends_in_a_coordinator(extract) -> None:
    text = (
        "On Tuesday's show, the former secretary of state and current Democratic presidential "
        'nominee said she wanted to speak "directly to white people" and that "this is not who we are."'
    )
    speakers = {q.speaker for q in extract(text)}
    assert speakers and all(s and not s.endswith((" and", " or", ",")) for s in speakers), speakers


def test_resolve_it_continues_a_document_subject(extract) -> None:
    """ "It" after a sentence about a document speaks for whoever stands behind the document,
    not for the organisation named last."""
    text = (
        "Spills rose, a report by the charity Riverwatch Alliance shows. The report draws on data "
        "that Severnvale Water Ltd must publish. It found that four works caused most spills."
    )
    last = [q for q in extract(text) if q.kind == "indirect"][-1]
    assert (last.text, last.speaker) == ("four works caused most spills", "Riverwatch Alliance")


def test_resolve_one_of_the_group_last_made_a_subject(extract) -> None:
    text = (
        "Police said 14 people were arrested. Outside, supporters were still singing. "
        "One said the wait had been worth it."
    )
    last = [q for q in extract(text) if q.kind == "indirect"][-1]
    assert (last.speaker, last.speaker_type) == ("supporters", "group")


def test_resolve_time_word_after_verb_is_not_the_speaker(extract) -> None:
    quotes = extract('"We will achieve justice," Tulsa police Chief Chuck Jordan said Monday.')
    assert [q.speaker for q in quotes] == ["Chuck Jordan"]


def test_resolve_calendar_words_are_nobody(extract) -> None:
    quotes = extract('The library will close on Mondays.\n\n"We will miss it," Saturdays said.')
    assert [q.speaker for q in quotes if q.kind == "direct"] == [None]


def test_resolve_description_before_a_titled_name(extract) -> None:
    """ "Her likely opponent in 2028, former Gov. Beth Larkin, said ...": the name set off after
    the description, past its own modifier and title, is the speaker."""
    text = 'Her likely opponent in 2028, former Gov. Beth Larkin, said the law was "cruel and unworkable."'
    assert [(q.kind, q.speaker) for q in extract(text)] == [("mixed", "Beth Larkin")]


def test_resolve_name_set_off_before_a_participle_and_the_verb(extract) -> None:
    """ "Stromberg, asked about the vote, said ...": a mixed quote, not a lost one."""
    text = (
        "Sen. Carl Stromberg backed the bill. "
        'Stromberg, asked about the vote, said the bill was "dead on arrival."'
    )
    assert [(q.kind, q.speaker) for q in extract(text)] == [("mixed", "Carl Stromberg")]
