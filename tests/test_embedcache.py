"""Embeddings cached per feature row give the model's own outputs, bit for bit."""

from __future__ import annotations

import pickle

import numpy
import pytest
import spacy
from spacy.language import Language
from thinc.api import Linear, chain

from quotegrab import DEFAULT_MODEL
from quotegrab.embedcache import CachedEmbedding, cache_embeddings, cache_pipeline

TEXTS = [
    '"We will not back down," Mayor Tom Brennan said on Monday.',
    "The council said the plan would cost $4 million. The council said nothing else.",
    "Brennan, 61, said the  vote\twas close.\n\nNobody   said otherwise.",
    "",
]


@pytest.fixture(scope="module")
def plain() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture()
def cached() -> Language:
    nlp = spacy.load(DEFAULT_MODEL)
    assert cache_pipeline(nlp) >= 1  # tok2vec's, and NER's own where it has one
    return nlp


def _vectors(nlp: Language, texts: list[str]) -> list[numpy.ndarray]:
    docs = [nlp.make_doc(text) for text in texts]
    return list(nlp.get_pipe("tok2vec").model.predict(docs))


def test_same_vectors_and_annotations(plain: Language, cached: Language) -> None:
    expected = _vectors(plain, TEXTS)
    for _ in range(2):  # the first call fills the table, the second reads it
        got = _vectors(cached, TEXTS)
        assert all((a == b).all() and a.shape == b.shape for a, b in zip(expected, got, strict=True))
    for a, b in zip(plain.pipe(TEXTS), cached.pipe(TEXTS), strict=True):
        assert [(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in a] == [
            (t.tag_, t.dep_, t.head.i, t.ent_type_) for t in b
        ]


def test_a_full_table_starts_again(plain: Language) -> None:
    nlp = spacy.load(DEFAULT_MODEL)
    cache_embeddings(nlp.get_pipe("tok2vec").model, rows=8)  # fewer rows than one batch holds
    expected = _vectors(plain, TEXTS)
    for _ in range(2):
        got = _vectors(nlp, TEXTS)
        assert all((a == b).all() for a, b in zip(expected, got, strict=True))


def test_wrapping_twice_wraps_once(cached: Language) -> None:
    assert cache_pipeline(cached) == 0


def test_other_shapes_are_left_alone() -> None:
    model = chain(Linear(4, 3), Linear(2, 4))
    before = [layer._func for layer in model.walk()]
    assert cache_embeddings(model) == 0
    assert [layer._func for layer in model.walk()] == before


def test_pickles_with_an_empty_table(plain: Language, cached: Language) -> None:
    _vectors(cached, TEXTS)
    copy = pickle.loads(pickle.dumps(cached.get_pipe("tok2vec").model))
    wrapped = [layer._func for layer in copy.walk() if isinstance(layer._func, CachedEmbedding)]
    assert len(wrapped) == 1 and not wrapped[0].index
    docs = [plain.make_doc(text) for text in TEXTS]
    expected = plain.get_pipe("tok2vec").model.predict(docs)
    assert all((a == b).all() for a, b in zip(expected, copy.predict(docs), strict=True))


def test_training_is_not_cached(cached: Language) -> None:
    model = cached.get_pipe("tok2vec").model
    docs = [cached.make_doc(text) for text in TEXTS[:2]]
    vectors, backprop = model.begin_update(docs)
    assert [len(v) for v in vectors] == [len(d) for d in docs]
    backprop([numpy.zeros_like(v) for v in vectors])  # the model's own gradient path runs
