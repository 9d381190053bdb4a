"""The registry of names, mentions and gender votes, on hand-built Docs: no model needed."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotegrab.context import ArticleContext
from quotegrab.gender import assign_genders
from quotegrab.mentions import name_parts
from quotegrab.names import Registry, _most_common

# Each token: word, POS, dependency, head offset (relative), entity (IOB-label or "O").
Row = tuple[str, str, str, int, str]


def make_doc(rows: list[Row], sents: list[int] | None = None) -> Doc:
    words = [r[0] for r in rows]
    spaces = [
        i + 1 < len(rows) and rows[i + 1][0][:1] not in ".,-'" and r[0] != "-" for i, r in enumerate(rows)
    ]
    return Doc(
        spacy.blank("en").vocab,  # a bare Vocab() has no lower-case forms
        words=words,
        spaces=spaces,
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[i + r[3] for i, r in enumerate(rows)],
        ents=[r[4] for r in rows],
        sent_starts=[i in (sents or [0]) for i in range(len(rows))],
    )


# "Dr Ann Lee said . Lee left ."
TWO_MENTIONS: list[Row] = [
    ("Dr", "PROPN", "compound", 2, "O"),
    ("Ann", "PROPN", "compound", 1, "B-PERSON"),
    ("Lee", "PROPN", "nsubj", 1, "I-PERSON"),
    ("said", "VERB", "ROOT", 0, "O"),
    (".", "PUNCT", "punct", -1, "O"),
    ("Lee", "PROPN", "nsubj", 1, "B-PERSON"),
    ("left", "VERB", "ROOT", 0, "O"),
    (".", "PUNCT", "punct", -1, "O"),
]


def registry(rows: list[Row], sents: list[int] | None = None) -> Registry:
    return Registry(ArticleContext(make_doc(rows, sents), []))


def test_names_titles_split_off_and_partial_names_resolve() -> None:
    names = registry(TWO_MENTIONS, sents=[0, 5])
    first, second = names.occurrences
    assert first.parts == ("Ann", "Lee") and first.roles == frozenset({"dr"}) and first.subject
    assert second.parts == ("Lee",)
    assert names.canonical(second.parts, second.start) == ("Ann", "Lee")
    assert names.entity_at(second).name == "Ann Lee"
    assert names.entity_at(second) is names.entity_at(first)


@pytest.mark.parametrize(
    ("rows", "kind"),
    [
        (
            [("Northwind", "PROPN", "compound", 1, "B-ORG"), ("Energy", "PROPN", "ROOT", 0, "I-ORG")],
            "organisation",
        ),
        ([("Acme", "PROPN", "ROOT", 0, "B-ORG")], "organisation"),
        ([("Ann", "PROPN", "compound", 1, "B-PERSON"), ("Lee", "PROPN", "ROOT", 0, "I-PERSON")], "person"),
        ([("Thursday", "PROPN", "ROOT", 0, "B-DATE")], "unknown"),  # calendar words are nobody
        (  # "on the Mid North Coast": a name that takes "the" is no person's
            [
                ("on", "ADP", "ROOT", 0, "O"),
                ("the", "DET", "det", 3, "O"),
                ("Mid", "PROPN", "compound", 2, "O"),
                ("North", "PROPN", "compound", 1, "O"),
                ("Coast", "PROPN", "pobj", -4, "O"),
            ],
            "organisation",
        ),
        (  # "the Hollis administration": the article belongs to the noun the name qualifies
            [
                ("the", "DET", "det", 2, "O"),
                ("Hollis", "PROPN", "compound", 1, "O"),
                ("administration", "NOUN", "ROOT", 0, "O"),
            ],
            "person",
        ),
    ],
)
def test_names_entity_kind(rows: list[Row], kind: str) -> None:
    names = registry(rows)
    (occ,) = names.occurrences
    assert names.entity_at(occ).kind == kind


def test_names_a_name_with_an_acronym_is_an_organisation() -> None:
    """ "Cascade Correctional Health (CCH) said": people are not given acronyms."""
    rows: list[Row] = [
        ("Cascade", "PROPN", "compound", 2, "O"),
        ("Correctional", "PROPN", "compound", 1, "O"),
        ("Health", "PROPN", "nsubj", 4, "O"),
        ("(", "PUNCT", "punct", 1, "O"),
        ("CCH", "PROPN", "appos", -2, "O"),
        (")", "PUNCT", "punct", -2, "O"),
        ("said", "VERB", "ROOT", 0, "O"),
    ]
    names = registry(rows)
    assert [names.entity_at(o).name for o in names.occurrences] == ["Cascade Correctional Health"] * 2
    assert names.entity_at(names.occurrences[0]).kind == "organisation"


def test_names_hyphenated_name_is_one_part() -> None:
    rows: list[Row] = [
        ("Kim", "PROPN", "compound", 3, "B-PERSON"),
        ("Hee", "PROPN", "compound", 2, "I-PERSON"),
        ("-", "PUNCT", "punct", 1, "I-PERSON"),
        ("won", "PROPN", "ROOT", 0, "I-PERSON"),
    ]
    (occ,) = registry(rows).occurrences
    assert occ.parts == ("Kim", "Hee-won")


def test_names_leading_hyphen_piece_does_not_crash() -> None:
    """ "-General" left over from a split title has nothing to join: it is dropped, not an IndexError."""
    doc = make_doc([("-", "PUNCT", "punct", 1, "O"), ("General", "PROPN", "ROOT", 0, "O")])
    assert name_parts(list(doc)) == ("General",)


def test_names_gender_from_title_and_pronouns() -> None:
    rows: list[Row] = [
        ("Mrs", "PROPN", "compound", 1, "O"),
        ("Berg", "PROPN", "nsubj", 1, "B-PERSON"),
        ("said", "VERB", "ROOT", 0, "O"),
        ("she", "PRON", "nsubj", 1, "O"),
        ("won", "VERB", "ccomp", -2, "O"),
        (".", "PUNCT", "punct", -3, "O"),
    ]
    names = registry(rows)
    assign_genders(names)
    (occ,) = names.occurrences
    assert names.entity_at(occ).gender == "female"
    assert names.entity_at(occ).votes["female"] == 4  # title 3 + pronoun 1


def test_names_possessive_short_name_is_part_of_the_institution() -> None:
    """ "St Fintan's said" names the hospital introduced as "St Fintan's University Hospital"."""
    rows: list[Row] = [
        ("St", "PROPN", "compound", 1, "B-ORG"),
        ("Fintan", "PROPN", "poss", 3, "I-ORG"),
        ("'s", "PART", "case", -1, "I-ORG"),
        ("University", "PROPN", "compound", 1, "I-ORG"),
        ("Hospital", "PROPN", "ROOT", 0, "I-ORG"),
        (".", "PUNCT", "punct", -1, "O"),
        ("St", "PROPN", "compound", 1, "B-ORG"),
        ("Fintan", "PROPN", "nsubj", 2, "I-ORG"),
        ("'s", "PART", "case", -1, "I-ORG"),
        ("said", "VERB", "ROOT", 0, "O"),
    ]
    names = registry(rows, sents=[0, 6])
    first, second = names.occurrences
    assert first.parts == ("St", "Fintan's", "University", "Hospital")
    assert names.entity_at(second) is names.entity_at(first)
    assert names.entity_at(second).kind == "organisation"


def test_names_kind_is_a_vote_of_the_labels() -> None:
    """One stray PERSON tag on "Harrow" does not make the firm "Harrow Steel" a person."""
    rows: list[Row] = [
        ("Harrow", "PROPN", "compound", 1, "B-ORG"),
        ("Steel", "PROPN", "ROOT", 0, "I-ORG"),
        (".", "PUNCT", "punct", -1, "O"),
        ("Harrow", "PROPN", "ROOT", 0, "B-PERSON"),
        (".", "PUNCT", "punct", -1, "O"),
        ("Harrow", "PROPN", "ROOT", 0, "B-ORG"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows, sents=[0, 3, 5])
    assert {names.entity_at(o).kind for o in names.occurrences} == {"organisation"}
    tie = registry(rows[:5], sents=[0, 3])  # one each: the fullest name's label decides
    assert {tie.entity_at(o).kind for o in tie.occurrences} == {"organisation"}


@pytest.mark.parametrize(
    ("first", "label", "expected"),
    [
        ("Paris", "B-GPE", "unknown"),  # one word only ever tagged a place
        ("Paris", "B-PERSON", "person"),
        ("Paris", "O", "person"),  # untagged (fast mode has no NER): left to the other tests
    ],
)
def test_names_a_place_alone_is_nobody(first: str, label: str, expected: str) -> None:
    """ "Paris: "...," the mayor said": a place before a quote is no person a role points to."""
    rows: list[Row] = [
        ("In", "ADP", "prep", 2, "O"),
        (first, "PROPN", "pobj", -1, label),
        ("crowds", "NOUN", "nsubj", 1, "O"),
        ("voted", "VERB", "ROOT", 0, "O"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows)
    assert [names.entity_at(o).kind for o in names.occurrences] == [expected]


def test_names_a_subject_tagged_a_place_is_a_person() -> None:
    """ "Stromberg said": the small model may tag a surname alone a place."""
    rows: list[Row] = [
        ("Stromberg", "PROPN", "nsubj", 1, "B-GPE"),
        ("said", "VERB", "ROOT", 0, "O"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows)
    assert [names.entity_at(o).kind for o in names.occurrences] == ["person"]


def test_names_a_full_name_tagged_a_place_is_a_person() -> None:
    """ "Amara Nwosu, 18, said": the small model tags the surname a place."""
    rows: list[Row] = [
        ("Amara", "PROPN", "compound", 1, "O"),
        ("Nwosu", "PROPN", "nsubj", 1, "B-GPE"),
        ("said", "VERB", "ROOT", 0, "O"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows)
    assert [names.entity_at(o).kind for o in names.occurrences] == ["person"]


def test_names_first_name_outvotes_stray_organisation_labels() -> None:
    """ "Graham Hollis ... Hollis ... Hollis", tagged a firm twice: a first name makes a person."""
    rows: list[Row] = [
        ("Graham", "PROPN", "compound", 1, "B-PERSON"),
        ("Hollis", "PROPN", "ROOT", 0, "I-PERSON"),
        (".", "PUNCT", "punct", -1, "O"),
        ("Hollis", "PROPN", "ROOT", 0, "B-ORG"),
        (".", "PUNCT", "punct", -1, "O"),
        ("Hollis", "PROPN", "ROOT", 0, "B-ORG"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows, sents=[0, 3, 5])
    assert {names.entity_at(o).kind for o in names.occurrences} == {"person"}
    firm: list[Row] = [("Harrow", "PROPN", "compound", 1, "B-PERSON"), *rows[1:]]
    names = registry(firm, sents=[0, 3, 5])  # no first name: the labels decide
    assert {names.entity_at(o).kind for o in names.occurrences} == {"organisation"}


def test_names_surname_tagged_as_plural_noun_is_a_name() -> None:
    """ "Sanders said": a capitalised noun the entity recogniser calls a person is a name."""
    rows: list[Row] = [("Sanders", "NOUN", "nsubj", 1, "B-PERSON"), ("said", "VERB", "ROOT", 0, "O")]
    (occ,) = registry(rows).occurrences
    assert occ.parts == ("Sanders",)
    plain: list[Row] = [("Police", "NOUN", "nsubj", 1, "B-ORG"), ("said", "VERB", "ROOT", 0, "O")]
    assert registry(plain).occurrences == []  # a capitalised common noun is not


def test_names_surname_tagged_as_a_firm_noun_is_a_name() -> None:
    """ "Denise Reyes testified. "...," Reyes answered": the tagger may read the surname alone as
    a noun and the entity recogniser as a firm; it is still the name given in full before."""
    rows: list[Row] = [
        ("Denise", "PROPN", "compound", 1, "B-PERSON"),
        ("Reyes", "PROPN", "nsubj", 1, "I-PERSON"),
        ("testified", "VERB", "ROOT", 0, "O"),
        (".", "PUNCT", "punct", -1, "O"),
        ("Reyes", "NOUN", "nsubj", 1, "B-ORG"),
        ("answered", "VERB", "ROOT", 0, "O"),
        (".", "PUNCT", "punct", -1, "O"),
    ]
    names = registry(rows, sents=[0, 4])
    assert [names.entity_at(o).name for o in names.occurrences] == ["Denise Reyes", "Denise Reyes"]
    plain: list[Row] = [("the", "DET", "det", 1, "O"), *rows[4:6]]
    plain[1] = ("Reyes", "NOUN", "nsubj", 1, "O")
    assert registry(plain).occurrences == []  # a noun no entity holds is not


def test_names_object_pronoun_is_no_gender_evidence() -> None:
    """ "Yuki Tanaka asked him": "him" is the person asked, so it says nothing about Tanaka."""
    rows: list[Row] = [
        ("Yuki", "PROPN", "compound", 1, "B-PERSON"),
        ("Tanaka", "PROPN", "nsubj", 1, "I-PERSON"),
        ("asked", "VERB", "ROOT", 0, "O"),
        ("him", "PRON", "dobj", -1, "O"),
        (".", "PUNCT", "punct", -2, "O"),
    ]
    names = registry(rows)
    assign_genders(names)
    assert names.entity_at(names.occurrences[0]).gender is None
    rows[3] = ("he", "PRON", "nsubj", -1, "O")  # "Tanaka asked if he ...": a subject pronoun votes
    names = registry(rows)
    assign_genders(names)
    assert names.entity_at(names.occurrences[0]).gender == "male"


def test_names_only_role_words_before_a_name_are_roles() -> None:
    """ "a former Methodist hall": "former" is no role, so "Methodist" is not made a person."""
    rows: list[Row] = [
        ("a", "DET", "det", 3, "O"),
        ("former", "ADJ", "amod", 2, "O"),
        ("Methodist", "PROPN", "compound", 1, "B-ORG"),
        ("hall", "NOUN", "ROOT", 0, "O"),
    ]
    names = registry(rows)
    (occ,) = names.occurrences
    assert occ.roles == frozenset()
    assert names.entity_at(occ).kind == "organisation"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], ""),
        (["", ""], ""),
        (["", "PERSON", "PERSON"], "PERSON"),
        (["ORG", "PERSON", "PERSON"], "PERSON"),
        (["ORG", "", "PERSON"], "ORG"),  # a tie: the first, as Counter.most_common gives it
        (["GPE", "ORG", "ORG", "GPE"], "GPE"),
    ],
)
def test_name_label_is_the_most_common(labels: list[str], expected: str) -> None:
    assert _most_common(labels) == expected


def test_a_name_that_is_its_sentence_root_takes_the_roles_hung_on_it() -> None:
    # "Ann Lee, spokeswoman": a caption's name heads its line, the role in apposition to it
    rows: list[Row] = [
        ("Ann", "PROPN", "compound", 1, "B-PERSON"),
        ("Lee", "PROPN", "ROOT", 0, "I-PERSON"),
        (",", "PUNCT", "punct", -1, "O"),
        ("spokeswoman", "NOUN", "appos", -2, "O"),
    ]
    doc = make_doc(rows)
    doc[3].lemma_ = "spokeswoman"
    (occ,) = Registry(ArticleContext(doc, [])).occurrences
    assert occ.parts == ("Ann", "Lee")
    assert occ.roles == frozenset({"spokeswoman"})
