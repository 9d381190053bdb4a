"""TreeMatcher finds what spaCy's DependencyMatcher finds, on hand-built Docs."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.lang.en import English
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotegrab.component import default_patterns
from quotegrab.treematch import TreeMatcher

# "Kim, who smiled and said that the plan works, told AFP: according to Lee it failed."
WORDS = "Kim , who smiled and said that the plan works , told AFP according to Lee it failed .".split()
HEADS = [11, 0, 3, 0, 3, 3, 9, 8, 9, 5, 11, 11, 11, 18, 13, 14, 18, 11, 11]
DEPS = "nsubj punct nsubj relcl cc conj mark det nsubj ccomp punct ROOT dobj prep pobj pobj nsubj ccomp punct"
POS = "PROPN PUNCT PRON VERB CCONJ VERB SCONJ DET NOUN VERB PUNCT VERB PROPN ADP ADP PROPN PRON VERB PUNCT"
TAGS = "NNP , WP VBD CC VBD IN DT NN VBZ , VBD NNP VBG IN NNP PRP VBD ."
LEMMAS = "Kim , who smile and say that the plan work , tell AFP accord to Lee it fail ."


def sample_doc(vocab: Vocab | None = None) -> Doc:
    return Doc(
        vocab or English().vocab,  # its lexical attributes give LOWER
        words=WORDS,
        heads=HEADS,
        deps=DEPS.split(),
        pos=POS.split(),
        tags=TAGS.split(),
        lemmas=LEMMAS.split(),
    )


def node(name: str, attrs: dict[str, Any], left: str | None = None, op: str = ">") -> dict[str, Any]:
    if left is None:
        return {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}
    return {"LEFT_ID": left, "REL_OP": op, "RIGHT_ID": name, "RIGHT_ATTRS": attrs}


PATTERNS: dict[str, list[dict[str, Any]]] = {
    "subject": [node("v", {"LEMMA": {"IN": ["say", "tell"]}}), node("s", {"DEP": "nsubj"}, "v")],
    "climb": [
        node("v", {"LEMMA": "say", "DEP": {"NOT_IN": ["amod"]}}),
        node("h", {"POS": "VERB", "DEP": {"NOT_IN": ["ccomp"]}}, "v", "<"),
        node("s", {"DEP": "nsubj"}, "h"),
    ],
    "relative": [
        node("v", {"DEP": "relcl"}),
        node("a", {}, "v", "<"),
        node("w", {"LOWER": {"IN": ["who", "which"]}}, "v"),
    ],
    "any_child": [node("v", {"POS": "VERB", "TAG": {"REGEX": "^VB[DZ]"}}), node("c", {}, "v")],
    "phrase": [
        node("w1", {"LOWER": "to"}),
        node("w0", {"LOWER": "according"}, "w1", ";"),
        node("o", {"DEP": "pobj"}, "w1"),
    ],
    "next": [node("a", {"ORTH": "Kim"}), node("b", {"ORTH": ","}, "a", ".")],
    "back_up": [  # a node may be matched twice, as in spaCy: told > AFP < told
        node("v", {"LEMMA": "tell"}),
        node("c", {"DEP": "dobj"}, "v"),
        node("h", {}, "c", "<"),
    ],
    "nothing": [node("v", {"LEMMA": "shout"}), node("s", {}, "v")],
}


def matches(matcher: Any, doc: Doc) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((doc.vocab.strings[key], tuple(ids)) for key, ids in matcher(doc))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_treematch_agrees_with_dependency_matcher(name: str) -> None:
    doc = sample_doc()
    ours, spacys = TreeMatcher(doc.vocab), DependencyMatcher(doc.vocab)
    ours.add(name, [PATTERNS[name]])
    spacys.add(name, [PATTERNS[name]])
    assert matches(ours, doc) == matches(spacys, doc)


def test_treematch_finds_the_expected_nodes() -> None:
    doc = sample_doc()
    matcher = TreeMatcher(doc.vocab)
    for name, pattern in PATTERNS.items():
        matcher.add(name, [pattern])
    found = matches(matcher, doc)
    assert ("subject", (11, 0)) in found  # Kim ... told
    assert ("climb", (5, 3, 2)) in found  # said < smiled > who
    assert ("phrase", (14, 13, 15)) in found  # according to Lee
    assert ("next", (0, 1)) in found
    assert not [f for f in found if f[0] == "nothing"]
    assert len(matcher) == len(PATTERNS)


def test_treematch_neighbours_stay_in_their_sentence() -> None:
    vocab = English().vocab
    doc = Doc(
        vocab, words=["Hi", ".", "according", "to", "Kim"], sent_starts=[True, False, True, False, False]
    )
    matcher = TreeMatcher(vocab)
    matcher.add("after_stop", [[node("a", {"LOWER": "according"}), node("b", {"ORTH": "."}, "a", ";")]])
    matcher.add("inside", [[node("a", {"LOWER": "according"}), node("b", {"LOWER": "to"}, "a", ".")]])
    assert matches(matcher, doc) == [("inside", (2, 3))]


def test_treematch_all_quotegrab_patterns_agree() -> None:
    """Every attribution pattern of quotegrab, on a Doc that holds many of them."""
    doc = sample_doc()
    patterns = default_patterns(doc.vocab)
    spacys = DependencyMatcher(doc.vocab)
    for key, compiled in patterns.dep_matcher.patterns.items():
        spacys.add(key, compiled)
    assert matches(patterns.dep_matcher, doc) == matches(spacys, doc)
    assert matches(patterns.dep_matcher, doc)  # the sample holds matches to compare


@pytest.mark.parametrize(
    "pattern",
    [
        [node("v", {"SHAPE": "Xxx"})],
        [node("v", {"LEMMA": {"FUZZY": "say"}})],
        [node("v", {"POS": {"REGEX": "^V"}})],
        [node("v", {"LEMMA": "say"}), node("s", {}, "v", ">>")],
        [node("v", {"LEMMA": "say"}), node("s", {}, "x", ">")],
    ],
)
def test_treematch_refuses_what_it_cannot_match(pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(ValueError):
        TreeMatcher(Vocab()).add("bad", [pattern])
