"""The attribute ruler as a table: exactly the ruler's output, rule order and multi-token rules included."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

import quotegrab
from quotegrab.ruler import AttributeTable

ATTRS = [POS, TAG, MORPH, LEMMA, DEP]
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "data"}]], "attrs": {"POS": "X"}},  # later wins
    {"patterns": [[{"LOWER": {"REGEX": "^gon$"}}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"LEMMA": "us"}, "index": 1},
]


def test_ruler_hand_built_rules_match_spacy() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)  # type: ignore[attr-defined]
    words = ["Data", "data", "gon", "let", "'s", "go"]
    tags = ["NN", "NN", "VBG", "VB", "PRP", "VB"]
    expected = ruler(Doc(nlp.vocab, words=words, tags=tags)).to_array(ATTRS)
    table = AttributeTable(nlp, RULES)
    assert AttributeTable.expressible(RULES)
    assert (table(Doc(nlp.vocab, words=words, tags=tags)).to_array(ATTRS) == expected).all()


def test_ruler_unknown_operator_is_not_expressible() -> None:
    assert not AttributeTable.expressible([{"patterns": [[{"LENGTH": {">": 3}}]], "attrs": {"POS": "X"}}])


@pytest.mark.parametrize(
    "text",
    [
        "There is a man who ain't gonna say it, let's face it.",
        '"We gotta go," said Dr. Ann Lee of the Data Office.\n\n  \nShe left at 5pm.',
        "Is there a plan? There was, and it is ready: go on, gon, na, all y'all.",  # words, no rule
        "Nothing here names a word of any multi-token rule.",
        "",
    ],
)
def test_ruler_same_as_the_models_attribute_ruler(text: str) -> None:
    nlp = spacy.load(quotegrab.DEFAULT_MODEL, disable=["ner", "lemmatizer", "attribute_ruler"])
    ruler = nlp.get_pipe("attribute_ruler")
    before = nlp(text)
    expected = ruler(before.copy()).to_array(ATTRS)
    table = AttributeTable(nlp, ruler.patterns)  # type: ignore[attr-defined]
    assert (table(before.copy()).to_array(ATTRS) == expected).all()


def test_ruler_stands_in_for_the_ruler_in_quotegrab_pipelines(nlp: Language) -> None:
    assert "quotegrab_attributes" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names


def test_ruler_lemma_table_same_as_the_models_lemmatizer() -> None:
    from quotegrab.lemmas import LemmaTable

    nlp = spacy.load(quotegrab.DEFAULT_MODEL, disable=["ner", "lemmatizer"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    text = "The data were leaked, officials said; they're saying it's gonna rain. She said: go!"
    before = nlp(text)
    expected = lemmatizer(before.copy()).to_array([LEMMA])
    assert LemmaTable.applies(lemmatizer)
    table = LemmaTable(lemmatizer)
    assert (table(before.copy()).to_array([LEMMA]) == expected).all()
    assert (table(before.copy()).to_array([LEMMA]) == expected).all()  # from the table this time


@pytest.mark.parametrize(
    ("words", "tags", "runs"),
    [
        (["let", "'s", "go"], ["VB", "PRP", "VB"], True),
        (["'s", "let", "go"], ["PRP", "VB", "VB"], False),  # the words, not in the rule's order
        (["Data", "go"], ["NN", "VB"], False),
        (["let"], ["VB"], False),  # the rule runs off the end
    ],
)
def test_ruler_multi_token_rules_run_only_where_they_can_match(
    words: list[str], tags: list[str], runs: bool
) -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(RULES)  # type: ignore[attr-defined]
    expected = ruler(Doc(nlp.vocab, words=words, tags=tags)).to_array(ATTRS)
    table = AttributeTable(nlp, RULES)
    doc = Doc(nlp.vocab, words=words, tags=tags)
    assert table.gate.may_match(doc) is runs
    assert (table(doc).to_array(ATTRS) == expected).all()
