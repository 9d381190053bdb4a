"""The greedy loop with the GIL held: the parses of spaCy's own loop, in the docs' order."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from conftest import GOLD_DIR
from quotegrab import DEFAULT_MODEL, greedy
from quotegrab.blas import one_thread, use_numpy_blas

TEXTS = [
    '"We will not back down," Mayor Tom Brennan said on Monday in Dunmore.',
    "The council, which met on Tuesday, said the plan would cost $4 million over five years.",
    "Reed told AFP that the talks had failed. Berg disagreed.",
    "",
    "Yes.",
]


@pytest.fixture(scope="module")
def tagged() -> tuple[Language, list[Doc]]:
    """The default model on numpy's BLAS, and gold texts run through its pipes before the parser."""
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    use_numpy_blas(pipe for _, pipe in nlp.pipeline)
    gold = [
        json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(GOLD_DIR.glob("dev/*.json"))[:12]
    ]
    docs = list(nlp.pipe(TEXTS + gold, disable=["parser", "attribute_ruler", "lemmatizer"]))
    return nlp, docs


def _parse(docs: list[Doc]) -> list[list[tuple[int, str, bool]]]:
    return [[(t.head.i, t.dep_, t.is_sent_start) for t in doc] for doc in docs]


@pytest.mark.parametrize("max_tokens", [greedy.MAX_TOKENS, 30])
def test_same_parses_as_spacys_loop(tagged: tuple[Language, list[Doc]], max_tokens: int) -> None:
    nlp, docs = tagged
    parser = nlp.get_pipe("parser")
    assert greedy.applies(parser)
    theirs = list(parser.pipe([d.copy() for d in docs]))
    with one_thread():
        ours = greedy.parse(parser, [d.copy() for d in docs], max_tokens=max_tokens)
    assert [d.text for d in ours] == [d.text for d in docs]  # in the order given
    assert _parse(ours) == _parse(theirs)


def test_groups_keep_under_the_token_budget(tagged: tuple[Language, list[Doc]]) -> None:
    _, docs = tagged
    groups = list(greedy._groups(sorted(docs, key=len), 200))
    assert sum(len(g) for g in groups) == len(docs)
    assert all(sum(len(d) for d in g) <= 200 or len(g) == 1 for g in groups)


def test_only_greedy_cpu_parsers_apply(tagged: tuple[Language, list[Doc]]) -> None:
    nlp, _ = tagged
    assert not greedy.applies(nlp.get_pipe("tagger"))
    assert not greedy.applies(object())
    beam = spacy.blank("en").add_pipe("beam_parser")
    assert not greedy.applies(beam)


@pytest.fixture(scope="module")
def full() -> Language:
    nlp = spacy.load(DEFAULT_MODEL)
    use_numpy_blas(pipe for _, pipe in nlp.pipeline)
    return nlp


def _annotations(docs: list[Doc]) -> list[list[tuple[str, str, int, str, str]]]:
    return [[(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc] for doc in docs]


def test_pipe_as_nlp_pipe_with_contexts(full: Language) -> None:
    items = [(text, n) for n, text in enumerate(TEXTS)]
    with one_thread():
        ours = list(greedy.pipe(full, items, batch_size=2))
    theirs = list(full.pipe(items, as_tuples=True, batch_size=2))
    assert [c for _, c in ours] == [c for _, c in theirs] == list(range(len(TEXTS)))
    assert _annotations([d for d, _ in ours]) == _annotations([d for d, _ in theirs])
    assert all(d._context is None for d, _ in ours)
    assert any(d.ents for d, _ in ours)  # the entity recogniser ran, on the greedy loop too


def test_pipe_leaves_out_disabled_pipes(full: Language) -> None:
    ((doc, _),) = greedy.pipe(full, [(TEXTS[0], None)], batch_size=1, disable=["parser", "ner"])
    assert not doc.has_annotation("DEP") and not doc.ents and doc.has_annotation("TAG")


def test_a_failing_parse_goes_to_the_pipes_error_handler(
    full: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(pipe: object, docs: list[Doc], max_tokens: int = greedy.MAX_TOKENS) -> list[Doc]:
        raise RuntimeError("no parse")

    monkeypatch.setattr(greedy, "parse", boom)
    with pytest.raises(RuntimeError, match="no parse"):  # a compiled parser's handler raises
        list(greedy.pipe(full, [(TEXTS[0], None)], batch_size=1))

    failed: list[tuple[str, int]] = []

    class Parser:  # a parser as `applies` sees one, whose handler keeps what failed
        def __init__(self) -> None:
            self.cfg = {"beam_width": 1}
            self.moves = self.model = full.get_pipe("parser").model
            self.transition_states = self._ensure_labels_are_added = None

        def __call__(self, doc: Doc) -> Doc:
            raise AssertionError("not called: greedy.pipe parses it")

        def get_error_handler(self) -> object:
            return lambda name, proc, docs, exc: failed.append((name, len(docs)))

    Language.factory("test_greedy_failing_parser", func=lambda nlp, name: Parser())
    nlp = spacy.blank("en")
    nlp.add_pipe("test_greedy_failing_parser", name="parser")
    assert list(greedy.pipe(nlp, [(t, None) for t in TEXTS[:3]], batch_size=2)) == []
    assert failed == [("parser", 2), ("parser", 1)]


def test_scorer_skips_the_unseen_class_rule_only_without_unseen_classes(
    tagged: tuple[Language, list[Doc]],
) -> None:
    nlp, docs = tagged
    parser = nlp.get_pipe("parser")
    model = parser.model.predict(docs[:2])
    states = [s for s in parser.moves.init_batch(docs[:2]) if not s.is_final()]
    try:
        assert model._class_mask.all()  # the trained English parser has no unseen class
        assert (greedy._scorer(model)(states) == model.predict(states)).all()
        model._class_mask[3] = 0  # one unseen class: spaCy's own step, which gives it the lowest score
        assert greedy._scorer(model) == model.predict
        scores = greedy._scorer(model)(states)
        assert (scores[:, 3] == scores.min()).all()
    finally:
        model.clear_memory()
