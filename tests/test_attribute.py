"""Attribution patterns: each quote's cue and speaker mention."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotegrab import extract_text
from quotegrab.attribute import Attributor, attribute
from quotegrab.component import default_patterns
from quotegrab.context import ArticleContext
from quotegrab.quotes import find_quotes


def first(quotes, kind: str = "direct"):
    return next(q for q in quotes if q.kind == kind)


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        # "X said" after the quote
        ('"We will win the league," Maria Lopez said.', "We will win the league,", "Maria Lopez", "said"),
        # a role word before the name is part of the mention as written (not of the canonical speaker)
        (
            '"We went back to the classics," director Kim Hee-won said.',
            "We went back to the classics,",
            "director Kim Hee-won",
            "said",
        ),
        # "said X" inversion
        ('"We will win the league," said Maria Lopez.', "We will win the league,", "Maria Lopez", "said"),
        ('"The plan is dead," said the minister, Anna Berg.', "The plan is dead,", "Anna Berg", "said"),
        # "X said:" before the quote
        ('Maria Lopez said: "We will win the league."', "We will win the league.", "Maria Lopez", "said"),
        ('Maria Lopez told reporters: "We will win."', "We will win.", "Maria Lopez", "told"),
        # "X, the director, said"
        ('"It was hard," Tom Reed, the director, said.', "It was hard,", "Tom Reed", "said"),
        # split quote: the speaker in the middle
        ('"I think," Maria Lopez said, "that it works."', "that it works.", "Maria Lopez", "said"),
        # according to X
        (
            '"The bridge is structurally unsound and must close at once," according to Paul Hart.',
            "The bridge is structurally unsound and must close at once,",
            "Paul Hart",
            "according to",
        ),
        # in the words of X
        (
            'In the words of Paul Hart, "the bridge must close at once."',
            "the bridge must close at once.",
            "Paul Hart",
            "In the words of",
        ),
        ('"Numbers fell sharply this year," she added.', "Numbers fell sharply this year,", "she", "added"),
        # a long apposition between the quote and its verb
        (
            "“It’s an invasion of the state regulatory domain,” Scott Pruitt, the Republican attorney "
            "general of Oklahoma, one of the states suing, said.",
            "It’s an invasion of the state regulatory domain,",
            "Scott Pruitt",
            "said",
        ),
        # a reporting verb that opens its sentence
        (
            'Said Ellis: "I do not see any interest in tax reform."',
            "I do not see any interest in tax reform.",
            "Ellis",
            "Said",
        ),
        # "as X put it"
        (
            'As Steven Rosenthal, a tax lawyer, recently put it, "Did he lower his taxes legally?"',
            "Did he lower his taxes legally?",
            "Steven Rosenthal",
            "put",
        ),
        # a document "reads"
        (
            '"Our children are thriving," the letter reads.',
            "Our children are thriving,",
            "the letter",
            "reads",
        ),
        # a fragment that complements a verb of characterising speech, however short
        ('The minister called the claim "nonsense".', "nonsense", "The minister", "called"),
        (
            "Christie described Clinton as a “disgrace” after her speech.",
            "disgrace",
            "Christie",
            "described",
        ),
        ('Trump, who called the senator a "nasty guy," left early.', "nasty guy,", "Trump", "called"),
        # a participle's subject is its main verb's, the nearest one if the parse gives two
        (
            "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling him "
            "“a total stiff.”",
            "a total stiff.",
            "Trump",
            "calling",
        ),
        # a dash and a name sign the quote
        (
            '"We can build a wall around him." ― Jorge Falcon',
            "We can build a wall around him.",
            "Jorge Falcon",
            "―",
        ),
        # right after a closing mark the verb inverts, whatever the tagger makes of "read"
        (
            '"Our turnout has doubled since the spring," read the email.',
            "Our turnout has doubled since the spring,",
            "the email",
            "read",
        ),
        # a participle after a preposition borrows the subject of the verb it hangs on
        (
            '"We will win the vote," Ann Lee said before adding: "Nobody can stop us now."',
            "Nobody can stop us now.",
            "Ann Lee",
            "adding",
        ),
        ('He began by saying, "Nobody can stop us now."', "Nobody can stop us now.", "He", "saying"),
        # a phrasal retort or continuation (phrasal_reporting_verbs.txt) names its subject
        ('"We will not pay," the mayor fired back.', "We will not pay,", "the mayor", "fired"),
        ('"It is like a leaking house," Ann Lee went on.', "It is like a leaking house,", "Ann Lee", "went"),
        # a document its subject puts out speaks for the subject
        (
            'The council put out a statement saying, "The bridge will reopen in May."',
            "The bridge will reopen in May.",
            "The council",
            "saying",
        ),
        (
            'Ann Lee released the following statement: "We mourn a great friend of this town."',
            "We mourn a great friend of this town.",
            "Ann Lee",
            "statement",
        ),
        # a name alone before the colon that opens a quote labels it, as a transcript does
        ('Ann Lee: "We will open the clinic in May."', "We will open the clinic in May.", "Ann Lee", ":"),
        (
            'THE CLINIC OPENS IN MAY - Ann Lee: "We will open the clinic in May."',
            "We will open the clinic in May.",
            "Ann Lee",
            ":",
        ),
        (
            'Council member Ann Lee (D-Riverton): "We will open the clinic in May."',
            "We will open the clinic in May.",
            "Council member Ann Lee",
            "):",
        ),
        # a clausal complement: indirect speech
        (
            "Maria Lopez said the plan would cost far more.",
            "the plan would cost far more",
            "Maria Lopez",
            "said",
        ),
        ("The minister warned that prices will rise.", "prices will rise", "The minister", "warned"),
        # a name between a closing mark and the verb, which the tagger may read as a participle
        (
            '"Go back to the bus," Trump barked and a guard led him out.',
            "Go back to the bus,",
            "Trump",
            "barked",
        ),
        # a name set off by commas before a verb the parser made the clause's head
        (
            'Clinton, exasperated, famously responded: "What difference does it make?"',
            "What difference does it make?",
            "Clinton",
            "responded",
        ),
        (
            '"People are afraid of wasting their votes," he surmised.',
            "People are afraid of wasting their votes,",
            "he",
            "surmised",
        ),
        (
            'And Ann Lee gloated: "I told you he would not be ready."',
            "I told you he would not be ready.",
            "Ann Lee",
            "gloated",
        ),
        # a participle opening its sentence goes on with the subject of the sentence before
        (
            'Tom Reed praised the plan on Monday. Adding: "It is the best deal we could get."',
            "It is the best deal we could get.",
            "Tom Reed",
            "Adding",
        ),
        # a participle on the object of an issuing verb: its subject sends it
        (
            'The senator emailed supporters saying: "The struggle continues."',
            "The struggle continues.",
            "The senator",
            "saying",
        ),
        # a participle nearer the quote that names nobody gives way to a cue before it that does
        (
            "As the chief executive, Tom Reed, put it in his memo to employees explaining the deal, "
            '"Imagine a world where we are no longer looking up at the giants."',
            "Imagine a world where we are no longer looking up at the giants.",
            "Tom Reed",
            "put",
        ),
        (
            'Kim told the board in a letter explaining the vote, "We had no choice."',
            "We had no choice.",
            "Kim",
            "told",
        ),
        # a heading before the quote is not the subject the verb after it has
        ('Update: "Two people were hurt," police said.', "Two people were hurt,", "police", "said"),
    ],
)
def test_attribute_patterns(nlp, text: str, quote: str, speaker: str, cue: str) -> None:
    doc = nlp(text)
    found = [q for q in doc._.quotes if q.text == quote]
    assert found, [q.text for q in doc._.quotes]
    assert found[0].speaker_mention == speaker
    assert found[0].cue == cue


@pytest.mark.parametrize(
    "text",
    [
        # no reporting verb anywhere near the quote
        'The film "two lovers who never meet again in this life" opens Friday.',
        # a participle names nobody
        'The pair are described as "two young sweethearts who break up after years."',
        # a reporting verb in the next sentence belongs to that sentence
        '"Stay calm and carry on" hung in every office. Later, Kei wrote to the paper.',
        # a dash and a name in running prose sign nothing
        'Above the stage hung a banner, "We will not be moved." — Ann Lee walked past it anyway.',
        'She put it on the table: "Lost property" was written on the box.',
        # a document the subject only cites speaks for somebody else
        'The council cited a report saying the bridge was "structurally unsound and unsafe to cross."',
        # a passive "read by" names a reader, not a speaker
        '"The Long Road Home," read by Tom Reed, opens the festival on Friday.',
        # a colon after a clause, a place or a phrase around a name is no label
        'Here is Ann Lee in 1992: "Our new direction must rest on the new realities."',
        'Paris, France: "We will never forget the night."',
        'The lesson of Ann Lee: "Never give up on the people you love."',
        # a participle on the object of a verb that issues nothing: not its subject's words
        'Police met protesters carrying signs saying "No more cuts."',
        # a paragraph below a quote that opens with a dash and a name says more than a signature
        '"We will not be moved."\n\n\u2014 Ann Lee, the mayor, walked out.',
    ],
)
def test_attribute_no_speaker(nlp, text: str) -> None:
    doc = nlp(text)
    assert doc._.quotes
    assert all(q.speaker is None for q in doc._.quotes)


@pytest.mark.parametrize(
    "text",
    [
        # a coinage: a naming verb, or a characterising verb with a relative object
        'Traders have dubbed the levy a "shopping tax" and say it will drive customers away.',
        'The new towns are what ministers call "climate-ready towns".',
        # a participle labels a thing
        'In a box labeled "medical problem," a doctor had typed a note.',
    ],
)
def test_attribute_coinage_is_no_quote(nlp, text: str) -> None:
    assert [q for q in nlp(text)._.quotes if q.kind == "direct"] == []


def test_attribute_nested_quote_cue(nlp) -> None:
    doc = nlp("\"They would say, 'keep going, it is fine,' and cheer,\" Sohn said.")
    nested = first(doc._.quotes, "nested")
    assert nested.text == "keep going, it is fine,"
    assert nested.cue == "say"
    assert nested.speaker is None  # "they" is an unnamed group


def test_attribute_handbuilt_doc_needs_no_model() -> None:
    """The frame rules read only the parse, so a hand-built Doc is enough."""
    words = ['"', "We", "won", ",", '"', "Smith", "said", "."]
    spaces = [False, True, False, False, True, True, False, False]
    heads = [6, 2, 6, 6, 6, 6, 6, 6]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"]
    tags = ["``", "PRP", "VBD", ",", "''", "NNP", "VBD", "."]
    lemmas = ['"', "we", "win", ",", '"', "Smith", "say", "."]
    doc = Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    spans = find_quotes(doc.text)
    (cue,) = attribute(ArticleContext(doc, spans), default_patterns(doc.vocab))
    assert cue.text == "said"
    assert doc.text[cue.mention_start : cue.mention_end] == "Smith"
    assert cue.adjacent


def _stated_adding(head_of_adding: int) -> Doc:
    """Kim stated, "Prices rose," adding, "Wages fell." with "adding" hung on `head_of_adding`."""
    words = 'Kim stated , " Prices rose , " adding , " Wages fell . "'.split()
    spaces = [True, False, True, False, True, False, False, True, False, True]
    spaces += [False, True, False, False, False]
    heads = [1, 1, 1, 5, 5, 1, 5, 5, head_of_adding, 8, 12, 12, 8, 1, 1]
    deps = ["nsubj", "ROOT", "punct", "punct", "nsubj", "ccomp", "punct", "punct", "advcl", "punct"]
    deps += ["punct", "nsubj", "ccomp", "punct", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "PUNCT", "NOUN", "VERB", "PUNCT", "PUNCT", "VERB", "PUNCT"]
    pos += ["PUNCT", "NOUN", "VERB", "PUNCT", "PUNCT"]
    tags = ["NNP", "VBD", ",", "``", "NNS", "VBD", ",", "''", "VBG", ",", "``", "NNS", "VBD", ".", "''"]
    lemmas = ["Kim", "state", ",", '"', "price", "rise", ",", '"', "add", ",", '"', "wage", "fall", ".", '"']
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


@pytest.mark.parametrize(
    ("head_of_adding", "speaker"),
    [
        (1, "Kim"),  # "adding" on "stated": its subject
        (5, "Kim"),  # on "rose", inside the quote before it: the subject of the verb the quote hangs on
    ],
)
def test_attribute_participle_after_a_quote(head_of_adding: int, speaker: str) -> None:
    doc = _stated_adding(head_of_adding)
    spans = find_quotes(doc.text)
    cues = attribute(ArticleContext(doc, spans), default_patterns(doc.vocab))
    assert [(c.text, doc.text[c.mention_start : c.mention_end]) for c in cues] == [
        ("adding", speaker),
        ("adding", speaker),
    ]


def test_attribute_participle_after_a_quote_with_nothing_outside() -> None:
    """A quote that is the sentence's root leaves the participle nobody outside it to climb to."""
    doc = _stated_adding(5)
    doc[5].head, doc[5].dep_ = doc[5], "ROOT"  # "rose" heads the sentence; "stated" hangs on it
    doc[1].head, doc[1].dep_ = doc[5], "parataxis"
    doc[0].head = doc[1]
    spans = find_quotes(doc.text)
    cues = attribute(ArticleContext(doc, spans), default_patterns(doc.vocab))
    assert cues[0].mention_start is None


def _name_appositive_said(verb_in_appositive: bool) -> Doc:
    """ "We won," Flynn, a surrogate, said on Fox. with "Flynn" hung on the quote's verb and "said"
    left without a subject, as the parser may read it; or "..., Flynn, who lost, said on Fox."."""
    middle = ["who", "lost"] if verb_in_appositive else ["a", "surrogate"]
    words = ['"', "We", "won", ",", '"', "Flynn", ",", *middle, ",", "said", "on", "Fox", "."]
    spaces = [False, True, False, False, True, False, True, True, False, True, True, True, False, False]
    heads = [2, 2, 10, 2, 2, 2, 5, 8, 5, 10, 10, 10, 11, 10]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "appos", "punct"]
    deps += ["nsubj", "relcl"] if verb_in_appositive else ["det", "appos"]
    deps += ["punct", "ROOT", "prep", "pobj", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "PUNCT"]
    pos += ["PRON", "VERB"] if verb_in_appositive else ["DET", "NOUN"]
    pos += ["PUNCT", "VERB", "ADP", "PROPN", "PUNCT"]
    tags = ["``", "PRP", "VBD", ",", "''", "NNP", ","]
    tags += ["WP", "VBD"] if verb_in_appositive else ["DT", "NN"]
    tags += [",", "VBD", "IN", "NNP", "."]
    lemmas = ['"', "we", "win", ",", '"', "Flynn", ",", *(["who", "lose"] if verb_in_appositive else middle)]
    lemmas += [",", "say", "on", "Fox", "."]
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)


@pytest.mark.parametrize(("verb_in_appositive", "speaker"), [(False, "Flynn"), (True, "Fox")])
def test_attribute_name_before_an_appositive_speaks(verb_in_appositive: bool, speaker: str) -> None:
    """The name before ", a surrogate," speaks, not the noun after the verb; a relative clause
    between the commas is no appositive, and the verb keeps the word after it."""
    doc = _name_appositive_said(verb_in_appositive)
    spans = find_quotes(doc.text)
    (cue,) = attribute(ArticleContext(doc, spans), default_patterns(doc.vocab))
    assert (cue.text, doc.text[cue.mention_start : cue.mention_end]) == ("said", speaker)


Row = tuple[str, str, str, int, str, str]  # word, POS, dep, head index, tag, lemma


def _doc(rows: list[Row], spaces: list[bool] | None = None) -> Doc:
    """A hand-built parsed Doc, a space after each word unless `spaces` says otherwise."""
    return Doc(
        Vocab(),
        words=[r[0] for r in rows],
        spaces=spaces,
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def _speaker_of(doc: Doc, verb: int) -> str | None:
    ctx = ArticleContext(doc, find_quotes(doc.text))
    found = Attributor(ctx, default_patterns(doc.vocab)).speaker_of(doc[verb], ctx.outside_quotes)
    return None if found is None else found.text


# 'Update: "Two were hurt," police said.' with both "Update" and "police" the subjects of "said",
# as the parser may read it; 'Kim, 18, said she won.' with "she" on "said" too
HEADING_FIRST: list[Row] = [
    ("Update", "NOUN", "nsubj", 9, "NN", "update"),
    (":", "PUNCT", "punct", 0, ":", ":"),
    ('"', "PUNCT", "punct", 0, "``", '"'),
    ("Two", "NUM", "nsubjpass", 5, "CD", "two"),
    ("were", "AUX", "auxpass", 5, "VBD", "be"),
    ("hurt", "VERB", "ccomp", 9, "VBN", "hurt"),
    (",", "PUNCT", "punct", 9, ",", ","),
    ('"', "PUNCT", "punct", 9, "''", '"'),
    ("police", "NOUN", "nsubj", 9, "NNS", "police"),
    ("said", "VERB", "ROOT", 9, "VBD", "say"),
    (".", "PUNCT", "punct", 9, ".", "."),
]
REPORTED_AFTER: list[Row] = [
    ("Kim", "PROPN", "nsubj", 4, "NNP", "Kim"),
    (",", "PUNCT", "punct", 0, ",", ","),
    ("18", "NUM", "appos", 0, "CD", "18"),
    (",", "PUNCT", "punct", 0, ",", ","),
    ("said", "VERB", "ROOT", 4, "VBD", "say"),
    ("she", "PRON", "nsubj", 4, "PRP", "she"),
    ("won", "VERB", "ccomp", 4, "VBD", "win"),
    (".", "PUNCT", "punct", 4, ".", "."),
]


@pytest.mark.parametrize(("rows", "speaker"), [(HEADING_FIRST, "police"), (REPORTED_AFTER, "Kim")])
def test_attribute_of_two_subjects_the_nearest_before_the_verb(rows: list[Row], speaker: str) -> None:
    """Of two subjects the parse gives one verb, the one nearest before it speaks: not a heading
    before the quote, nor the subject of the reported clause after the verb."""
    doc = _doc(rows)
    assert _speaker_of(doc, next(t.i for t in doc if t.text == "said")) == speaker


def test_attribute_a_hyphened_subject_speaks_from_its_first_part() -> None:
    """ "the co-op said": the parser may make "co", "-" and "op" each a subject of "said"."""
    rows: list[Row] = [
        ("Prices", "NOUN", "nsubj", 1, "NNS", "price"),
        ("fell", "VERB", "ccomp", 7, "VBD", "fall"),
        (",", "PUNCT", "punct", 7, ",", ","),
        ("the", "DET", "det", 4, "DT", "the"),
        ("co", "NOUN", "nsubj", 7, "NN", "co"),
        ("-", "PUNCT", "nsubj", 7, "HYPH", "-"),
        ("op", "NOUN", "nsubj", 7, "NN", "op"),
        ("said", "VERB", "ROOT", 7, "VBD", "say"),
        (".", "PUNCT", "punct", 7, ".", "."),
    ]
    doc = _doc(rows, spaces=[True, False, True, True, False, False, True, False, False])
    assert _speaker_of(doc, 7) == "co"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # a hyphen after a quote, before a name, is a dash once cleaned: the signature of the quote
        ('"We will win this race." -Ann Lee, Boston.', "Ann Lee", "\u2014"),
        ('"We will win this race." - Ann Lee', "Ann Lee", "\u2014"),
        # ... and on the line below a quote that ends its paragraph
        ('"We will win this race."\n\n-Ann Lee, Boston.', "Ann Lee", "\u2014"),
        ('"We will win this race."\n\n\u2014 Ann Lee', "Ann Lee", "\u2014"),
        # a role no person of the article holds is not the place named before the quote
        ('Paris: "We will rebuild the cathedral," the mayor said.', "the mayor", "said"),
        (
            'Mayor Ann Lee visited.\n\nParis: "We will rebuild the cathedral," the mayor said.',
            "Ann Lee",
            "said",
        ),
    ],
)
def test_attribute_in_cleaned_text(nlp, text: str, speaker: str, cue: str) -> None:
    (quote,) = [q for q in extract_text(text, nlp=nlp) if q.kind == "direct"]
    assert (quote.speaker, quote.cue) == (speaker, cue)


def test_attribute_a_coordinated_verb_shares_a_passive_subject() -> None:
    """ "Officials were angered and predicted it would fail": not "it", the reported clause's."""
    doc = _doc(
        [
            ("Officials", "NOUN", "nsubjpass", 2, "NNS", "official"),
            ("were", "AUX", "auxpass", 2, "VBD", "be"),
            ("angered", "VERB", "ROOT", 2, "VBN", "anger"),
            ("and", "CCONJ", "cc", 2, "CC", "and"),
            ("predicted", "VERB", "conj", 2, "VBD", "predict"),
            ("it", "PRON", "nsubj", 7, "PRP", "it"),
            ("would", "AUX", "aux", 7, "MD", "would"),
            ("fail", "VERB", "ccomp", 4, "VB", "fail"),
        ]
    )
    assert _speaker_of(doc, 4) == "Officials"
    doc[4].dep_ = "advcl"  # joined otherwise, a passive subject is spoken about: "was approved, saying"
    assert _speaker_of(doc, 4) is None


@pytest.mark.parametrize(("quoted", "speaker"), [(False, None), (True, "Kim")])
def test_attribute_a_reported_subject_is_no_inverted_one(quoted: bool, speaker: str | None) -> None:
    """ "Later, again, said she left": "she" is the subject of what was said; after a closing
    mark the verb inverts ('"Go," said Kim, who ...' though the parse hangs "Kim" elsewhere)."""
    opening = [('"', "PUNCT", "punct", 4, "``", '"'), ("Go", "VERB", "ccomp", 4, "VB", "go")]
    opening += [(",", "PUNCT", "punct", 4, ",", ","), ('"', "PUNCT", "punct", 4, "''", '"')]
    later = [("Later", "ADV", "advmod", 4, "RB", "later"), (",", "PUNCT", "punct", 4, ",", ",")]
    later += [("again", "ADV", "advmod", 4, "RB", "again"), (",", "PUNCT", "punct", 4, ",", ",")]
    first = opening if quoted else later
    name = ("Kim", "PROPN", "nsubj", 6, "NNP", "Kim") if quoted else ("she", "PRON", "nsubj", 6, "PRP", "she")
    doc = _doc(
        [
            *first,
            ("said", "VERB", "ROOT", 4, "VBD", "say"),
            name,
            ("left", "VERB", "ccomp", 4, "VBD", "leave"),
            (".", "PUNCT", "punct", 4, ".", "."),
        ]
    )
    assert _speaker_of(doc, 4) == speaker


def test_attribute_a_paratactic_report_borrows_the_subject_it_hangs_on() -> None:
    """ "Sen. Durbin, noting the crowd, said, "..."": the parser may make "noting" the root and
    "said" its parataxis, so the verb's subject is the root's."""
    doc = _doc(
        [
            ("Durbin", "PROPN", "nsubj", 2, "NNP", "Durbin"),
            (",", "PUNCT", "punct", 0, ",", ","),
            ("noting", "VERB", "ROOT", 2, "VBG", "note"),
            ("delays", "NOUN", "dobj", 2, "NNS", "delay"),
            (",", "PUNCT", "punct", 2, ",", ","),
            ("said", "VERB", "parataxis", 2, "VBD", "say"),
            (",", "PUNCT", "punct", 5, ",", ","),
            ('"', "PUNCT", "punct", 8, "``", '"'),
            ("Go", "VERB", "ccomp", 5, "VB", "go"),
            ('"', "PUNCT", "punct", 8, "''", '"'),
        ]
    )
    assert _speaker_of(doc, 5) == "Durbin"


def test_attribute_a_participle_opening_its_sentence_never_goes_on_with_it(nlp) -> None:
    """ "It rained. Adding: "..."": "it" names nobody, so the participle has no speaker mention."""
    doc = nlp('It rained all day on Monday. Adding: "We will not open the market again."')
    assert [(q.cue, q.speaker_mention) for q in doc._.quotes] == [("Adding", None)]
