"""SeqMatcher finds what spaCy's token Matcher finds, on hand-built Docs."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.lang.en import English
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotegrab.component import default_patterns
from quotegrab.seqmatch import SeqMatcher

# '"We won," said the coach Monday. Kim, the 84-year-old said: according to Lee it failed.'
WORDS = '" We won , " said the coach Monday . Kim , the 84 - year - old said : according to Lee it failed .'
POS = (
    "PUNCT PRON VERB PUNCT PUNCT VERB DET NOUN PROPN PUNCT PROPN PUNCT DET NUM PUNCT NOUN PUNCT ADJ "
    "VERB PUNCT VERB ADP PROPN PRON VERB PUNCT"
)
TAGS = "`` PRP VBD , '' VBD DT NN NNP . NNP , DT CD HYPH NN HYPH JJ VBD : VBG IN NNP PRP VBD ."
ENTS = ["O"] * 8 + ["B-DATE"] + ["O"] + ["B-PERSON"] + ["O"] * 11 + ["B-PERSON"] + ["O"] * 3


def sample_doc(vocab: Vocab | None = None) -> Doc:
    words = WORDS.split()
    return Doc(
        vocab or English().vocab,
        words=words,
        pos=POS.split(),
        tags=TAGS.split(),
        lemmas=[{"said": "say", "won": "win", "failed": "fail"}.get(w, w.lower()) for w in words],
        deps=["dep"] * len(words),
        heads=list(range(len(words))),
        sent_starts=[w in ('"', "Kim") for w in words],
        ents=ENTS,
    )


PATTERNS: dict[str, list[dict[str, Any]]] = {
    "verb": [{"LEMMA": {"IN": ["say", "tell"]}, "TAG": {"REGEX": "^VB"}}],
    "phrase": [{"LOWER": "according"}, {"LOWER": "to"}],
    "inverted": [
        {"LEMMA": "say", "TAG": {"IN": ["VBD", "VBZ"]}},
        {"POS": {"NOT_IN": ["PROPN", "PRON", "NOUN"]}, "ORTH": {"NOT_IN": [",", "."]}, "OP": "{0,3}"},
        {"POS": {"IN": ["PROPN", "PRON", "NOUN"]}, "ENT_TYPE": {"NOT_IN": ["DATE"]}},
    ],
    "every_length": [{"ORTH": "said"}, {"OP": "{0,2}"}],  # each length is a match, as in spaCy
    "at_least_one": [{"ORTH": "84"}, {"ORTH": {"NOT_IN": ["."]}, "OP": "{1,2}"}, {"LOWER": "year"}],
    "sentence_start": [{"IS_SENT_START": True}, {"POS": "PRON"}],
    "not_start": [{"IS_SENT_START": False, "POS": "PROPN"}],
    "nothing": [{"LEMMA": "shout"}, {"OP": "{0,3}"}],
}


def matches(matcher: Any, doc: Doc) -> list[tuple[str, int, int]]:
    return sorted((doc.vocab.strings[key], start, end) for key, start, end in matcher(doc))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_seqmatch_agrees_with_matcher(name: str) -> None:
    doc = sample_doc()
    ours, spacys = SeqMatcher(doc.vocab), Matcher(doc.vocab)
    ours.add(name, [PATTERNS[name]])
    spacys.add(name, [PATTERNS[name]])
    assert matches(ours, doc) == matches(spacys, doc)


def test_seqmatch_finds_the_expected_spans() -> None:
    doc = sample_doc()
    matcher = SeqMatcher(doc.vocab)
    for name, pattern in PATTERNS.items():
        matcher.add(name, [pattern])
    found = matches(matcher, doc)
    assert ("inverted", 5, 8) in found  # said the coach, not "said the coach Monday"
    assert ("phrase", 20, 22) in found
    assert [f for f in found if f[0] == "every_length"] == [("every_length", 5, e) for e in (6, 7, 8)] + [
        ("every_length", 18, e) for e in (19, 20, 21)
    ]
    assert ("sentence_start", 0, 2) in found  # the opening mark starts the sentence
    assert ("not_start", 10, 11) not in found  # "Kim" opens the second sentence
    assert not [f for f in found if f[0] == "nothing"]
    assert len(matcher) == len(PATTERNS)


def test_seqmatch_all_quotegrab_patterns_agree() -> None:
    """Every token pattern of quotegrab, on a Doc that holds several of them."""
    doc = sample_doc()
    patterns = default_patterns(doc.vocab)
    spacys = Matcher(doc.vocab)
    for key, compiled in patterns.matcher.patterns.items():
        spacys.add(key, compiled)
    assert matches(patterns.matcher, doc) == matches(spacys, doc)
    names = {name for name, _, _ in matches(patterns.matcher, doc)}
    assert {"reporting_verb", "inverted_subject", "source_phrase", "aged_subject"} <= names


@pytest.mark.parametrize(
    "pattern",
    [
        [{"ORTH": "said", "OP": "?"}],
        [{"ORTH": "said"}, {"ORTH": "it", "OP": "+"}],
        [{"ORTH": "said", "OP": "{0,2}"}],
        [{"LEMMA": {"FUZZY": "say"}}],
        [],
    ],
)
def test_seqmatch_refuses_what_it_cannot_match(pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(ValueError):
        SeqMatcher(Vocab()).add("bad", [pattern])
