"""Each named attribution pattern on its own: what it finds, and what it must not."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotegrab.component import default_patterns
from quotegrab.patterns import AttributionSettings, CuePatterns


def token_matches(nlp: Language, text: str, name: str) -> list[str]:
    doc = nlp(text)
    patterns = default_patterns(nlp.vocab)
    return spans_named(patterns, doc, name)


def spans_named(patterns: CuePatterns, doc: Doc, name: str) -> list[str]:
    strings = doc.vocab.strings
    return [doc[start:end].text for key, start, end in patterns.matcher(doc) if strings[key] == name]


def dependency_matches(nlp: Language, text: str, name: str, anchor: str) -> list[str]:
    """The matches whose first node is the word `anchor`, as "first>last" ("said>Lee")."""
    doc = nlp(text)
    patterns = default_patterns(nlp.vocab)
    strings = doc.vocab.strings
    return [
        f"{doc[ids[0]]}>{doc[ids[-1]]}"
        for key, ids in patterns.dep_matcher(doc)
        if strings[key] == name and doc[ids[0]].text == anchor
    ]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("reporting_verb", '"We won," Kim said.', ["said"]),
        ("reporting_verb", '"We won," Kim insisted on Friday.', ["insisted"]),
        ("reporting_verb", "She told reporters it was over.", ["told"]),
        ("reporting_verb", "The so-called plan failed.", []),  # "called" as a modifier is no cue
        ("reporting_verb", "His statement ran to three pages.", []),
        ("source_phrase", "The plan failed, according to Kim.", ["according to"]),
        ("source_phrase", "In the words of Kim Lee, the plan failed.", ["In the words of"]),
        ("source_phrase", "They walked to the words on the wall.", []),
        ("inverted_subject", '"We won," said the coach.', ["said the coach"]),
        ("inverted_subject", '"We won," said Kim Lee.', ["said Kim"]),
        ("inverted_subject", '"We won," she said, smiling.', []),  # a comma ends the search
        ("inverted_subject", '"We won," Chief Jordan said Monday.', []),  # a time word is no subject
        ("inverted_subject", '"We won," Ramos, 58, told AFP.', []),  # "told X": X is the listener
        ("quote_inverted_subject", '"We won," read the email.', ['" read the email']),
        ("quote_inverted_subject", '"We won," say residents.', ['" say residents']),
        ("quote_inverted_subject", '"We won," Kim said.', []),  # no inversion
        ("quote_inverted_subject", 'The email read "We won," and the office cheered.', []),
        ("preceding_subject", "Saturday at the convention Warren said no.", ["Warren said"]),
        ("fronted_verb", 'Said Ellis: "No."', ["Said Ellis"]),
        ("fronted_verb", '"No," said Ellis.', []),  # not at a sentence start: an inversion
        ("preceding_subject", "Then Kim finally said no.", ["Kim finally said"]),
        ("preceding_subject", "The plan, however, said nothing.", []),  # a noun is not a name or pronoun
        (
            "source_nominal",
            "It must close, according to the new minister.",
            ["according to the new minister"],
        ),
    ],
)
def test_patterns_token_matcher(nlp: Language, name: str, text: str, expected: list[str]) -> None:
    assert token_matches(nlp, text, name) == expected


@pytest.mark.parametrize(
    ("name", "text", "anchor", "expected"),
    [
        ("subject_0", '"We won," Kim Lee said.', "said", ["said>Lee"]),
        ("subject_0", '"It was hard," Tom Reed, the director, said.', "said", ["said>Reed"]),
        ("subject_0", 'Maria Lopez said: "We will win."', "said", ["said>Lopez"]),
        ("subject_0", "Asked about it, the coach smiled.", "Asked", []),  # a participle has no subject
        ("subject_1", "Kim smiled and said the plan was dead.", "said", ["said>Kim"]),
        ("subject_1", "Kim said the plan was dead.", "said", []),
        ("relative_subject_0", "It was Kim, who said the plan was dead.", "said", ["said>who"]),
        ("relative_subject_0", "Kim said the plan was dead.", "said", []),
        ("interjection", '"No," Kim cut in.', "cut", ["cut>in"]),
        ("interjection", "Kim came back later.", "came", []),
        ("interjection", '"We will not pay," the mayor fired back.', "fired", ["fired>back"]),
        ("interjection", 'She went on: "It is like a leaking house."', "went", ["went>on"]),
        ("interjection", "He went back to the car.", "went", []),  # "go back" is no retort
        ("phrasing", "As Kim put it, the plan was dead.", "put", ["put>it"]),
        ("phrasing", "Kim put the box down.", "put", []),
        ("subject_0_phrasing", "As Kim put it, the plan was dead.", "put", ["put>it"]),
        ("source_object", "The plan failed, according to Kim.", "to", ["to>Kim"]),
        ("source_object", "In the words of Kim Lee, it failed.", "of", ["of>Lee"]),
        ("source_object", "She went to Paris.", "to", []),  # "to" of no source phrase
        ("clausal_complement", "Kim said the plan was dead.", "said", ["said>was"]),
        ("clausal_complement", "Kim was said to be ill.", "said", []),  # an infinitive reports nothing
        ("clausal_complement", "Kim fired back that the plan was dead.", "fired", ["fired>back"]),
        ("clausal_complement", "Kim fired the clerk who said the plan was dead.", "fired", []),
        ("noun_complement", "Kim expressed the hope that it would work.", "expressed", ["expressed>that"]),
        ("noun_complement", "Kim expressed the hope of a deal.", "expressed", []),
        ("parenthetical_report", "Most days, Kim says, the ward is full.", "is", ["is>says"]),
        ("parenthetical_report", "The board, Kim says, never saw the report.", "saw", ["saw>says"]),
        ("parenthetical_report", "Kim says the ward is full.", "is", []),
    ],
)
def test_patterns_dependency_matcher(
    nlp: Language, name: str, text: str, anchor: str, expected: list[str]
) -> None:
    assert dependency_matches(nlp, text, name, anchor) == expected


def test_patterns_windows_come_from_settings(nlp: Language) -> None:
    """A one-token inversion window finds "said Kim" but not "said the veteran coach"."""
    narrow = CuePatterns(
        nlp.vocab, ["say"], ["say"], ["according to"], AttributionSettings(inversion_window=1)
    )
    doc = nlp('"We won," said the veteran coach. "Yes," said Kim.')
    assert spans_named(narrow, doc, "inverted_subject") == ["said Kim"]


def test_patterns_handbuilt_doc() -> None:
    """The patterns read only the annotation, so a hand-built Doc needs no model."""
    words = ["Kim", "smiled", "and", "said", "it", "works", "."]
    heads = [1, 1, 1, 1, 5, 3, 1]
    deps = ["nsubj", "ROOT", "cc", "conj", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "CCONJ", "VERB", "PRON", "VERB", "PUNCT"]
    tags = ["NNP", "VBD", "CC", "VBD", "PRP", "VBZ", "."]
    lemmas = ["Kim", "smile", "and", "say", "it", "work", "."]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    found = default_patterns(doc.vocab)(doc)
    assert found.cue_words == {1: ("reporting_verb", 2), 3: ("reporting_verb", 4)}  # "smile" reports too
    assert dict(found.subjects) == {(1, 0): [0], (3, 1): [0]}  # "works" is no reporting verb
    assert found.complement(3) == 5


def test_patterns_batch_finds_what_each_doc_alone_finds(nlp: Language, fast_nlp: Language) -> None:
    """Short Docs are matched together (a token pattern may not run on from one into the
    next); long ones alone; empty ones find nothing. Default-mode Docs and fast-mode pieces."""
    from conftest import GOLD_DIR
    from quotegrab.matches import SHORT_TOKENS

    paths = sorted(GOLD_DIR.glob("dev/*.json"))[:6]
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in paths]
    paragraphs = [p for text in texts for p in text.split("\n\n") if p.strip()][:80]
    # "said" ends a Doc and a name opens the next: the inverted subject must not run across
    texts = [*texts, *paragraphs, '"Yes," said', "Lee Park agreed.", "", 'Said Lee: "No."']
    docs = list(nlp.pipe(texts, disable=["quotegrab"]))
    patterns = nlp.get_pipe("quotegrab").patterns
    assert sum(0 < len(d) < SHORT_TOKENS for d in docs) > 10 and any(len(d) >= SHORT_TOKENS for d in docs)
    assert patterns.batch(docs, [None] * len(docs)) == [patterns(d) for d in docs]

    finder = fast_nlp.get_pipe("quotegrab")
    made = [fast_nlp.make_doc(t) for t in texts]
    parsed = finder._annotate(made)
    alone = [finder.patterns(d, p) for d, p in zip(made, parsed, strict=True)]
    assert finder.patterns.batch(made, parsed) == alone
