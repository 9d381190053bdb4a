"""numpy's BLAS for the pipeline's products: the same annotations, on one thread."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from quotegrab import DEFAULT_MODEL, blas

TEXTS = [
    '"We will not back down," Mayor Tom Brennan said on Monday in Dunmore.',
    "The council, which met on Tuesday, said the plan would cost $4 million over five years.",
    "Reed told AFP that the talks had failed. Berg disagreed.",
]


def _annotations(nlp: Language) -> list[list[tuple[str, str, int, str]]]:
    return [[(t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] for doc in nlp.pipe(TEXTS)]


@pytest.mark.skipif(not blas.numpy_blas_is_fast(), reason="numpy ships a reference BLAS here")
def test_same_annotations_on_numpy_blas() -> None:
    plain = spacy.load(DEFAULT_MODEL)
    changed = spacy.load(DEFAULT_MODEL)
    assert blas.use_numpy_blas(pipe for _, pipe in changed.pipeline) >= 3  # tok2vec, parser, ner, ...
    ops = {type(layer.ops).__name__ for layer in changed.get_pipe("tok2vec").model.walk()}
    assert ops == {"NumpyOps"}
    assert not any(layer.ops.use_blis for layer in changed.get_pipe("parser").model.walk())  # type: ignore[attr-defined]
    with blas.one_thread():
        assert _annotations(changed) == _annotations(plain)


def test_a_slow_blas_keeps_blis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blas, "numpy_blas_is_fast", lambda: False)
    nlp = spacy.load(DEFAULT_MODEL)
    assert blas.use_numpy_blas(pipe for _, pipe in nlp.pipeline) == 0
    assert all(
        isinstance(layer.ops, NumpyOps) and layer.ops.use_blis  # type: ignore[attr-defined]
        for layer in nlp.get_pipe("tok2vec").model.walk()
    )


def test_pipes_without_a_model_are_skipped() -> None:
    assert blas.use_numpy_blas([object(), "not a pipe"]) == 0


def _blas_threads() -> set[int]:
    return {lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"}


def test_one_thread_inside_the_block_only() -> None:
    before = _blas_threads()
    with blas.one_thread():
        assert _blas_threads() <= {1}
    assert _blas_threads() == before


def test_one_article_parses_on_one_thread() -> None:
    """`extract_text` and an article redone alone (chunks.parse) hold the limit too."""
    from quotegrab.chunks import parse

    seen: list[set[int]] = []
    nlp = spacy.blank("en")

    @Language.component("record_blas_threads")
    def record(doc: Doc) -> Doc:
        seen.append(_blas_threads())
        return doc

    nlp.add_pipe("record_blas_threads")
    parse(nlp, "One short article.")
    assert seen == [{1}] or seen == [set()]  # set(): no BLAS loaded that threadpoolctl can see
