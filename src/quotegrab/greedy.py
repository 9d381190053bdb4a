"""A transition parser's greedy loop run with the GIL held: the same parse in under half the time.

spaCy's `Parser.greedy_parse` releases the GIL and runs its transition loop in C, but the
compiled loop takes the GIL back for each hidden unit of each state at each step (Cython's
exception check around thinc's `Vec.arg_max`, which a `perf` profile shows as a third of the
parse spent in `take_gil`). The same steps run here from Python, for a batch of states at a
time, through the parser's own step model (`model.predict(states)`, as its beam search
uses it) and its own transition code (`transition_states`): the same weights, features,
moves and unseen-class rule. Only the hidden-to-output product runs on the model's ops
instead of blis; on the gold and benchmark articles no head, label or entity differed (tests
compare them with spaCy's loop). Both the parser and the entity recogniser are such parsers:
`pipe` runs a whole pipeline as `nlp.pipe` does, with this loop for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

C = TypeVar("C")

# Tokens per parse call: the step model holds 8 x 64 x 2 floats per token (en_core_web_sm),
# so 4,000 tokens keep it near 16 MB; more states per step bought nothing on the benchmarks.
MAX_TOKENS = 4_000


def applies(pipe: object) -> bool:
    """Whether `pipe` is a greedy transition parser on the CPU that this loop can run."""
    cfg = getattr(pipe, "cfg", None)
    model = getattr(pipe, "model", None)
    return (
        all(hasattr(pipe, a) for a in ("transition_states", "moves", "_ensure_labels_are_added"))
        and isinstance(cfg, dict)
        and cfg.get("beam_width", 1) == 1
        and model is not None
        and isinstance(model.ops, NumpyOps)
    )


def parse(pipe: Any, docs: Iterable[Doc], max_tokens: int = MAX_TOKENS) -> list[Doc]:
    """Parse `docs` in place with `pipe` (a parser that `applies`); the docs, in order.
    They are parsed shortest first, so each call's states finish at about the same step."""
    docs = list(docs)
    for group in _groups(sorted(docs, key=len), max_tokens):
        pipe.set_annotations(group, _predict(pipe, group))
    return docs


def _groups(docs: list[Doc], max_tokens: int) -> Iterator[list[Doc]]:
    group: list[Doc] = []
    size = 0
    for doc in docs:
        if group and size + len(doc) > max_tokens:
            yield group
            group, size = [], 0
        group.append(doc)
        size += len(doc)
    if group:
        yield group


def _predict(pipe: Any, docs: list[Doc]) -> list[Any]:
    """The parse states of `docs`, as `Parser.greedy_parse` returns them."""
    pipe._ensure_labels_are_added(docs)
    batch = pipe.moves.init_batch(docs)
    states = [s for s in batch if not s.is_final()]
    if not states:
        return list(batch)
    model = pipe.model.predict(docs)
    try:
        scores = _scorer(model)
        while states:
            states = pipe.transition_states(states, scores(states))
    finally:
        model.clear_memory()
    return list(batch)


def _scorer(model: Any) -> Callable[[list[Any]], Any]:
    """The step model's scores for a batch of states: `model.predict(states)`, less the work it
    does at every step for nothing. spaCy's `step_forward` gives each class the parser never
    saw in training the lowest score, finding it with `nanmin` over all scores at every step,
    and the trained English models have no such class. Where one does, or where the model
    has no upper layer, its own `predict` runs."""
    mask = getattr(model, "_class_mask", None)
    lower: Any = getattr(model, "state2vec", None)
    upper: Any = getattr(model, "vec2scores", None)
    if mask is None or not model.attrs.get("has_upper") or lower is None or upper is None or not mask.all():
        return model.predict

    def scores(states: list[Any]) -> Any:
        return upper.predict(lower.predict(model.get_token_ids(states)))

    return scores


def pipe(
    nlp: Language, items: Iterable[tuple[str, C]], batch_size: int, disable: Iterable[str] = ()
) -> Iterator[tuple[Doc, C]]:
    """`nlp.pipe(items, as_tuples=True)`, its greedy parsers run by `parse`: each pipe over
    batches of `batch_size` docs, a pipe's error handler given the docs it failed on."""
    skipped = set(disable)

    def made() -> Iterator[Doc]:
        for text, context in items:
            doc = nlp.make_doc(text)
            doc._context = context
            yield doc

    docs: Iterable[Doc] = made()
    for name, proc in nlp.pipeline:
        if name not in skipped:
            docs = _stream(nlp, name, proc, docs, batch_size)
    for doc in docs:
        context, doc._context = doc._context, None
        yield doc, context


def _stream(nlp: Language, name: str, proc: Any, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    if not applies(proc):
        if hasattr(proc, "pipe"):
            yield from proc.pipe(docs, batch_size=batch_size)
            return
        for doc in docs:
            try:
                yield proc(doc)
            except Exception as exc:
                _handler(nlp, proc)(name, proc, [doc], exc)
        return
    it = iter(docs)
    while batch := list(islice(it, batch_size)):
        try:
            parsed = parse(proc, batch)
        except Exception as exc:  # as Parser.pipe: the handler gets the batch, which is dropped
            _handler(nlp, proc)(name, proc, batch, exc)
            continue
        yield from parsed


def _handler(nlp: Language, proc: Any) -> Callable[..., None]:
    get = getattr(proc, "get_error_handler", None)
    return get() if get is not None else nlp.default_error_handler
