"""Token embeddings computed once per word type, not once per token.

The first stage of a spaCy tok2vec (`MultiHashEmbed`: hashed NORM, PREFIX, SUFFIX, SHAPE, ...
features, mixed by a maxout layer and a layer norm) reads each token's own feature row and
nothing else, so its output is a function of that row. News repeats its words: a batch of
articles holds about a third as many feature rows as tokens, and this stage was about a
third of `en_core_web_sm`'s tok2vec time. `cache_embeddings` wraps that stage so that each
row is embedded once and looked up after; the layers, weights and outputs are the model's
own (tests compare them with the unwrapped model). Training is never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy
from spacy.language import Language
from thinc.api import Model

# Feature rows kept; the table is dropped and refilled when full (96 floats a row in
# en_core_web_sm: about 40 MB), so memory stays bounded over millions of articles.
CACHE_ROWS = 100_000
_STAGES = ("extract_features", "list2ragged", "with_array", "with_array", "ragged2list")


def cache_pipeline(nlp: Language) -> int:
    """Wrap the embedding stages of every pipe of `nlp`; the number wrapped."""
    return cache_pipes(pipe for _, pipe in nlp.pipeline)


def cache_pipes(pipes: Iterable[object]) -> int:
    """Wrap the embedding stages of the pipes that have a thinc model; the number wrapped."""
    models = (getattr(pipe, "model", None) for pipe in pipes)
    return sum(cache_embeddings(model) for model in models if isinstance(model, Model))


def cache_embeddings(model: Model, rows: int = CACHE_ROWS) -> int:
    """Wrap every `MultiHashEmbed` stage inside `model` (a pipe's model); the number wrapped.
    A stage of any other shape (static vectors, a transformer) is left as it is."""
    wrapped = 0
    for layer in model.walk():
        names = tuple(child.name.split("(")[0] for child in layer.layers)
        if names == _STAGES and not isinstance(layer._func, CachedEmbedding):
            layer._func = CachedEmbedding(layer._func, rows)
            wrapped += 1
    return wrapped


class CachedEmbedding:
    """The forward function of one embedding stage, with its table of embedded rows. It
    pickles as an empty table (a worker process starts its own)."""

    def __init__(self, original: Callable[..., Any], limit: int) -> None:
        self.original = original
        self.limit = limit
        self.index: dict[bytes, int] = {}
        self.table: list[numpy.ndarray] = []  # blocks of embedded rows, in index order

    def __reduce__(self) -> tuple[type, tuple[Callable[..., Any], int]]:
        return CachedEmbedding, (self.original, self.limit)

    def __call__(self, model: Model, docs: list[Any], is_train: bool) -> tuple[list[Any], Callable[..., Any]]:
        if is_train or not any(len(doc) for doc in docs):  # nothing to look up
            return self.original(model, docs, is_train)
        extract, _, embed, mix, _ = model.layers
        features = extract.predict(docs)
        flat = numpy.ascontiguousarray(numpy.concatenate(features))
        keys = flat.view(numpy.dtype((numpy.void, flat.dtype.itemsize * flat.shape[1]))).ravel()
        unique, first, inverse = numpy.unique(keys, return_index=True, return_inverse=True)
        index, table = self.index, self.table
        if len(index) + len(unique) > self.limit:
            index.clear()
            table.clear()
        words = unique.tolist()
        new = [k for k, word in enumerate(words) if word not in index]
        if new:
            rows = flat[first[new]]
            table.append(mix.layers[0].predict(embed.layers[0].predict(rows)))
            base = len(index)
            index.update((words[k], base + j) for j, k in enumerate(new))
        if len(table) > 1:
            table[:] = [numpy.concatenate(table)]
        found = numpy.fromiter((index[w] for w in words), dtype="int64", count=len(words))
        vectors = table[0][found[inverse]]
        lengths = numpy.cumsum([len(f) for f in features])[:-1]
        return list(numpy.split(vectors, lengths)), _no_backprop


def _no_backprop(_: Any) -> Any:
    raise NotImplementedError("cached embeddings are for prediction only")
