"""Named word lists and patterns that the heuristics rely on."""

from __future__ import annotations

import re

# Verbs (lemmas) that introduce speech, writing or a stated thought.
REPORTING_VERBS: frozenset[str] = frozenset(
    """
    say tell add explain note state claim argue insist maintain assert declare announce confirm
    deny admit acknowledge concede reveal disclose report write post tweet reply respond answer
    retort counter remark comment observe mention point warn caution urge recall recount
    describe call ask wonder question complain lament protest object criticise criticize praise
    joke quip laugh suggest propose recommend predict estimate promise pledge vow swear believe
    think feel hope fear worry expect reckon guess suppose doubt agree disagree stress emphasise
    emphasize underline highlight reiterate repeat continue conclude begin share express echo
    testify allege accuse contend shout yell cry whisper scream sigh smile grin murmur mutter
    chuckle snap boast brag declare announce inform assure reassure advise tell
    """.split()
)

# Of those, the ones whose "that"-less complement still reads as reported speech or thought.
INDIRECT_VERBS: frozenset[str] = frozenset(
    """
    say tell add explain note state claim argue insist maintain assert declare announce confirm
    deny admit acknowledge concede reveal disclose report write warn caution predict estimate
    promise pledge vow swear believe think feel hope fear worry expect reckon suppose doubt
    agree stress emphasise emphasize reiterate conclude testify allege contend suggest recall
    complain share express echo mention point inform assure
        ask wonder question
    """.split()
)

# Past and present forms that a lemmatizer may miss, so the rules hold without one.
IRREGULAR_FORMS: dict[str, str] = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "felt": "feel",
    "swore": "swear",
    "sworn": "swear",
    "spoke": "speak",
    "began": "begin",
    "begun": "begin",
    "cried": "cry",
    "replied": "reply",
    "quipped": "quip",
    "snapped": "snap",
}

# Cue stems of a line in an exchange that hands the floor back ("Bell replied", "the host asked").
TURN_CUES: tuple[str, ...] = ("repl", "ask", "respond", "answer", "retort", "interject", "counter")

# "according to X" and friends: prepositional cues whose object is the source.
SOURCE_PREPOSITIONS: tuple[str, ...] = ("according to", "in the words of")

# Verbs whose complement is not speech: "said to be", "told to leave".
NON_SPEECH_FOLLOWERS: frozenset[str] = frozenset({"to"})

PRONOUN_GENDER: dict[str, str] = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
SINGULAR_PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she"})
GROUP_PRONOUNS: frozenset[str] = frozenset({"they", "we", "them", "us"})
FIRST_PERSON_PRONOUNS: frozenset[str] = frozenset({"i", "me", "we", "us"})

# Titles that are not part of a name; some also tell the person's gender.
HONORIFICS: dict[str, str | None] = {
    "mr": "male",
    "mister": "male",
    "sir": "male",
    "lord": "male",
    "mrs": "female",
    "ms": "female",
    "miss": "female",
    "madam": "female",
    "dame": "female",
    "lady": "female",
    "dr": None,
    "prof": None,
    "professor": None,
    "rev": None,
    "reverend": None,
    "father": "male",
    "sister": "female",
    "brother": "male",
    "judge": None,
    "justice": None,
    "gen": None,
    "general": None,
    "col": None,
    "capt": None,
    "captain": None,
    "sgt": None,
    "sen": None,
    "senator": None,
    "rep": None,
    "gov": None,
    "governor": None,
    "president": None,
    "mayor": None,
    "minister": None,
    "chancellor": None,
    "premier": None,
    "king": "male",
    "queen": "female",
    "prince": "male",
    "princess": "female",
    "coach": None,
    "officer": None,
    "detective": None,
    "inspector": None,
    "councillor": None,
    "councilor": None,
    "councilman": "male",
    "councilwoman": "female",
    "congressman": "male",
    "congresswoman": "female",
    "st": None,
    "sergeant": None,
    "constable": None,
    "superintendent": None,
    "supt": None,
    "lieutenant": None,
    "lt": None,
    "corporal": None,
    "cpl": None,
    "commander": None,
    "det": None,
    "insp": None,
    "dci": None,
    "di": None,
    "ds": None,
    "pc": None,
}

# Proper nouns of the calendar: never a person.
CALENDAR_WORDS: frozenset[str] = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december christmas easter
    """.split()
)

# Letters after a name that are not part of it: "Helen Marchetti KC", "Tom Reed MP".
POSTNOMINALS: frozenset[str] = frozenset(
    "kc qc sc mp mep msp ms mla phd md jr sr obe mbe cbe kbe dbe frs esq".split()
)

# Role nouns that stand for a person ("the director said").
PERSON_ROLE_GENDER: dict[str, str | None] = {
    "woman": "female",
    "man": "male",
    "girl": "female",
    "boy": "male",
    "person": None,
    "actor": None,
    "actress": "female",
    "spokesman": "male",
    "spokeswoman": "female",
    "chairman": "male",
    "chairwoman": "female",
    "businessman": "male",
    "businesswoman": "female",
    "mother": "female",
    "father": "male",
    "wife": "female",
    "husband": "male",
    "son": "male",
    "daughter": "female",
    "brother": "male",
    "sister": "female",
    "grandmother": "female",
    "grandfather": "male",
    "widow": "female",
    "widower": "male",
    "girlfriend": "female",
    "boyfriend": "male",
    "king": "male",
    "queen": "female",
    "prince": "male",
    "princess": "female",
    "congressman": "male",
    "congresswoman": "female",
    "councilman": "male",
    "councilwoman": "female",
}
PERSON_ROLES: frozenset[str] = frozenset(
    """
    director minister president chairman chairwoman chair ceo executive chief founder spokesman
    spokeswoman spokesperson manager coach captain player striker goalkeeper senator governor
    mayor premier chancellor secretary lawmaker legislator mp politician judge prosecutor
    attorney lawyer defendant witness detective officer inspector sheriff professor researcher
    scientist author scientist economist analyst doctor physician surgeon nurse teacher
    principal headteacher student actor actress singer star artist producer writer composer
    musician owner resident official commissioner councillor councilor superintendent leader
    head boss investor engineer editor journalist ambassador diplomat envoy general commander
    spokesperson trainer manager chef pilot mother father wife husband son daughter brother
    sister grandmother grandfather widow farmer pastor priest bishop rabbi imam organiser
    organizer activist campaigner candidate challenger incumbent treasurer auditor regulator
    curator historian victim
        host presenter anchor novelist poet playwright filmmaker photographer designer dancer
    athlete runner cyclist swimmer boxer batter bowler opener midfielder defender forward
    winger skipper chairperson deputy assistant lecturer observer monitor
    """.split()
)

# Nouns that stand for an organisation ("the company said in a statement").
ORGANISATION_NOUNS: frozenset[str] = frozenset(
    """
    company firm group ministry department agency council government club team board committee
    commission authority authorities office union bank university school hospital court party
    campaign organisation organization charity foundation institute federation league
    association studio network label regulator airline carrier retailer insurer manufacturer
    maker developer startup administration service trust corporation network broadcaster
    publisher
    """.split()
)

# Words that mark a proper name as an organisation's: "Northwind Energy", "Ministry of Health".
ORGANISATION_NAME_WORDS: frozenset[str] = frozenset(
    """
    Inc Inc. Corp Corp. Corporation Ltd Ltd. LLC PLC Plc Co Co. Company Group Holdings Ministry
    Department Council Committee Commission Agency Authority Office Bureau Service Services
    University College School Institute Foundation Trust Association Federation League Union
    Club FC United Party Bank Fund Airlines Airways Energy Motors Technologies Technology
    Systems Labs Bio Pharma Pharmaceuticals Therapeutics Media News Times Post Studios Records
    Network Court Police Hospital Parliament Senate Congress Assembly Government Board Partners
    Capital
    Museum Gallery Theatre Theater Orchestra Society Church Library Centre Center Festival
    Coalition Alliance Mission Campaign Initiative Observatory Programme Program
    """.split()
)

# Documents that speak for whoever produced them ("according to a report by X").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """
    figure report study survey data poll analysis paper document estimate record statement
    review audit assessment investigation research findings filing release letter memo
    """.split()
)

# Nouns for unnamed groups of people: a speaker we never resolve to a name.
GROUP_NOUNS: frozenset[str] = frozenset(
    """
    police officials authorities residents fans critics analysts experts observers monitors witnesses
    protesters people sources investigators researchers scientists prosecutors lawmakers
    officers parents students teachers neighbours neighbors supporters opponents economists
    organisers organizers members staff workers employees activists locals villagers viewers
    players doctors nurses
    """.split()
)

# Lower-case words inside a name: "Pieter van Dam", "Ana de la Cruz".
NAME_PARTICLES: frozenset[str] = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "das",
        "del",
        "della",
        "di",
        "du",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ter",
        "ten",
    }
)

# Where a named person is never the speaker of a quote ("the (Keum) Sae-rok" pieces).
NAME_STOP_WORDS: frozenset[str] = frozenset(
    {"the", "a", "an", "and", "of", "in", "on", "at", "for", "to", "by", "with", "de", "la", "van", "von"}
)

# A paragraph that is a caption, dateline or credit line rather than article text.
NOISE_PARAGRAPH = re.compile(
    r"""^\s*(?:
        date\s+\d{4}-\d{2}-\d{2}\b          # scraped metadata lines: "date 2023-12-06 ..."
      | (?:photo|image|picture|video|file\ photo|screenshot)\s*(?:[:|/-]|by\b|from\b|credit\b)
      | \(?(?:AP|AFP|Reuters|Getty\ Images|EPA)\ (?:photo|images?)\b
      | (?:advertisement|share\ this\ article|read\ more|related\ articles?|sign\ up\ for)\s*:?\s*$
      | .{0,300}\b(?:screenshot|photo|image)\ (?:from|by|courtesy\ of|credit)\b.{0,120}$
    )""",
    re.IGNORECASE | re.VERBOSE,
)

SENTENCE_END = frozenset({".", "!", "?"})
