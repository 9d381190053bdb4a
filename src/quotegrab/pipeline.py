"""Runs the stages over a stream of articles: read -> clean -> parse + quotes -> raw offsets."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from . import (
    component,  # noqa: F401  (registers the "quotegrab" factory)
    greedy,
)
from .blas import faster_arithmetic, one_thread
from .chunks import parse, too_long
from .clean import Cleaned, clean
from .fast import UPSTREAM_PIPES
from .inputs import batches
from .lemmas import LemmaTable
from .lexicon import TITLE_ABBREVIATIONS
from .models import DEFAULT_MODEL
from .parallel import process_parallel
from .read import Article, ReadError, Source, load_articles
from .ruler import AttributeTable
from .signals import SpeechSignals, default_signals
from .types import Quote

# Parts of a trained pipeline that quote finding never reads.
UNUSED_PIPES = ("textcat", "textcat_multilabel", "entity_linker", "senter", "spancat", "trainable_lemmatizer")
BATCH_SIZE = 128  # articles; a batch also closes at inputs.BATCH_CHARS characters
# Allocations between two young-generation collections while a batch is analysed. Python's
# 700 suits a program whose objects die young in small numbers; an analysed batch makes and
# drops hundreds of thousands (tokens, spans, records), and each collection also walks the
# younger survivors. At 20,000, fast mode ran about 8% faster on short and on real-length
# articles (benchmarks/throughput.py); 50,000 and more were slower again on real-length ones.
GC_THRESHOLD = 20_000


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One article's quotes in raw-text offsets, or the error that stopped it."""

    article_id: str
    path: str
    quotes: tuple[Quote, ...] = ()
    error: str | None = None
    text: str | None = None  # the analysed text, which every offset points into


def load_pipeline(
    model: str = DEFAULT_MODEL, nested: bool = True, indirect: bool = True, fast: bool = False
) -> Language:
    """Load an installed spaCy pipeline by name or path and add the quotegrab component.

    `fast`: the component parses only where quotes can be (fast.py), so the pipes it runs
    itself are disabled here and the pipeline runs the tokenizer, then quotegrab.
    """
    nlp = spacy.load(model, exclude=[p for p in UNUSED_PIPES])
    if "parser" not in nlp.pipe_names:
        raise ValueError(f"model {model!r} has no dependency parser, which quote attribution needs")
    _use_tables(nlp)
    _keep_titles(nlp)
    _split_glued_marks(nlp)
    faster_arithmetic(pipe for _, pipe in nlp.pipeline)
    if "quotegrab" not in nlp.pipe_names:
        nlp.add_pipe("quotegrab", config={"nested": nested, "indirect": indirect, "fast": fast})
    if fast:
        for name in UPSTREAM_PIPES:
            if name in nlp.pipe_names:
                nlp.disable_pipe(name)
    elif "quotegrab_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("quotegrab_paragraphs", before="parser")  # a paragraph break ends a sentence
    return nlp


def _keep_titles(nlp: Language) -> None:
    """ "Staff Sgt. Karen Holt": an abbreviated title keeps its full stop, which would
    otherwise end a sentence before the name (lexicon/title_abbreviations.txt)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):  # a custom tokenizer keeps its own rules
        return
    for title in sorted(TITLE_ABBREVIATIONS):
        if len(tokenizer(f"{title} Holt")) != 2:
            tokenizer.add_special_case(title, [{ORTH: title}])


# Scraped text drops the space between punctuation and a double quote mark: 'said,“Look',
# ':"No', 'way,"she', 'Gowdy (R-S.C.):"I'. spaCy keeps such a run as one token, and the quote
# then has no edge a parse can hang on. Infixes split the punctuation and the mark off (a
# bracket before a colon goes with it, as "):" stands alone: spaCy's tokenizer has it whole).
GLUED_MARKS = (r'(?<=[\w.])\)?[,:;](?=["“])', r'(?<=[,:;.!?])["“”](?=\w)')


def _split_glued_marks(nlp: Language) -> None:
    """Add GLUED_MARKS to the tokenizer's infixes (a custom tokenizer keeps its own rules)."""
    tokenizer = nlp.tokenizer
    finditer = getattr(tokenizer, "infix_finditer", None)
    if not isinstance(tokenizer, Tokenizer) or finditer is None:
        return
    pattern: str = finditer.__self__.pattern
    if GLUED_MARKS[0] not in pattern:  # a pipeline loaded twice keeps one copy
        tokenizer.infix_finditer = re.compile("|".join([pattern, *GLUED_MARKS])).finditer


def _use_tables(nlp: Language) -> None:
    """Put the table forms of the attribute ruler and the rule lemmatizer (ruler.py, lemmas.py)
    in place of the pipes, which stay in the pipeline disabled: the same output, cheaper."""
    pipes = dict(nlp.pipeline)
    ruler, lemmatizer = pipes.get("attribute_ruler"), pipes.get("lemmatizer")
    if ruler is not None and AttributeTable.expressible(ruler.patterns):  # type: ignore[attr-defined]
        nlp.add_pipe("quotegrab_attributes", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if lemmatizer is not None and LemmaTable.applies(lemmatizer):
        nlp.add_pipe("quotegrab_lemmas", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")


# Pipelines loaded once per process: for extract_text without a model, and on Dask workers.
_PIPELINES: dict[tuple[str, bool, bool], Language] = {}


def cached_pipeline(model: str = DEFAULT_MODEL, indirect: bool = True, fast: bool = False) -> Language:
    """The pipeline for `model`, loaded on first use and then shared within this process."""
    key = (model, indirect, fast)
    if key not in _PIPELINES:
        _PIPELINES[key] = load_pipeline(model, indirect=indirect, fast=fast)
    return _PIPELINES[key]


def extract_text(text: str, nlp: Language | None = None, fast: bool = False) -> list[Quote]:
    """Quotes of one article given as a string, offsets into that string (`fast`: see
    load_pipeline; ignored when `nlp` is given)."""
    nlp = nlp or cached_pipeline(fast=fast)
    cleaned = clean(text)
    doc = parse(nlp, cleaned.text)
    return list(cleaned.quotes_to_raw(doc._.quotes))


def articles(
    sources: Iterable[Source | ReadError], text_field: str = "text", id_field: str = "id"
) -> Iterator[Article | ReadError]:
    """The articles of every source, lazily, in input order; errors pass through."""
    for source in sources:
        if isinstance(source, ReadError):
            yield source
        else:
            yield from load_articles(source, text_field, id_field)


def process(
    items: Iterable[Article | ReadError],
    nlp: Language,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ArticleResult]:
    """Quotes for each article, in input order, a batch at a time so memory stays flat.

    An article that cannot be read or analysed comes back with its error; the rest go on.
    """
    chunked = batches(items, batch_size)
    if n_process <= 1:
        for batch in chunked:
            yield from process_batch(batch, nlp)
        return
    yield from process_parallel(chunked, nlp, n_process, process_batch)


def _signals(nlp: Language) -> SpeechSignals:
    """The pre-parse signals of the pipeline's quotegrab component (its own verb forms)."""
    finder = nlp.get_pipe("quotegrab") if "quotegrab" in nlp.pipe_names else None
    return getattr(finder, "signals", None) or default_signals()


@contextmanager
def fewer_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
    """Python's cyclic garbage collector runs less often while open; the old setting comes back."""
    old = gc.get_threshold()
    gc.set_threshold(max(threshold, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def process_batch(batch: list[Article | ReadError], nlp: Language) -> Iterator[ArticleResult]:
    """Quotes for one batch, in its order; what fails is redone alone, and the rest goes on."""
    with fewer_collections():
        results = _analyse(batch, nlp)
    n = 0
    for item in batch:
        if isinstance(item, ReadError):
            yield ArticleResult(item.path, item.path, error=item.reason)
        else:
            yield results[n]
            n += 1


def _analyse(batch: list[Article | ReadError], nlp: Language) -> dict[int, ArticleResult]:
    """The results of the batch's articles, by their position among its articles."""
    work = [(a, clean(a.text)) for a in batch if isinstance(a, Article)]
    # Text with no quote mark and no reporting verb can hold no quote: it skips the parse.
    signals = _signals(nlp)
    results: dict[int, ArticleResult] = {
        i: _result(a, ()) for i, (a, c) in enumerate(work) if not signals.could_quote(c.text)
    }
    for i, (article, cleaned) in enumerate(work):
        if i not in results and too_long(nlp, cleaned.text):  # parsed in chunks, not in the batch
            results[i] = _one(nlp, article, cleaned)
    with _failures_kept(nlp) as failures, one_thread():
        try:
            texts = ((c.text, i) for i, (_, c) in enumerate(work) if i not in results)
            docs = greedy.pipe(nlp, texts, batch_size=len(batch))  # nlp.pipe, its parsers faster
            for doc, i in docs:
                article, cleaned = work[i]
                results[i] = _result(article, cleaned.quotes_to_raw(doc._.quotes))
        except Exception:  # raised outside any pipe (the tokenizer): redo the rest one by one
            pass
    for i, reason in failures.items():
        article = work[i][0]
        results[i] = ArticleResult(article.article_id, article.path, error=reason)
    for i, (article, cleaned) in enumerate(work):
        if i not in results:
            results[i] = _one(nlp, article, cleaned)
    return results


@contextmanager
def _failures_kept(nlp: Language) -> Iterator[dict[int, str]]:
    """While open, a component that raises on a doc (quotegrab's own included) drops
    that doc from `nlp.pipe` and records why, by the doc's context (its index in the batch):
    the batch goes on without it, so one bad article costs only itself. Trainable pipes keep
    their own handlers (spaCy's compiled pipes cannot take another), and a failure there
    falls back to redoing the rest of the batch one by one."""
    failures: dict[int, str] = {}

    def keep(name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[doc._context] = _reason(exc)

    default = nlp.default_error_handler
    saved = [(proc, proc.get_error_handler()) for proc in _settable(nlp)]
    nlp.default_error_handler = keep
    for proc, _ in saved:
        proc.set_error_handler(keep)
    try:
        yield failures
    finally:
        nlp.default_error_handler = default
        for proc, handler in saved:
            proc.set_error_handler(handler)


def _settable(nlp: Language) -> list[Any]:
    """The pipes whose error handler can be replaced: spaCy's compiled ones cannot take one."""
    found = []
    for _, proc in nlp.pipeline:
        try:
            proc.set_error_handler(proc.get_error_handler())  # type: ignore[attr-defined]
        except AttributeError:
            continue
        found.append(proc)
    return found


def _reason(exc: Exception) -> str:
    return f"failed to analyse: {type(exc).__name__}: {exc}"


def _result(article: Article, quotes: tuple[Quote, ...]) -> ArticleResult:
    return ArticleResult(article.article_id, article.path, quotes, text=article.text)


def _one(nlp: Language, article: Article, cleaned: Cleaned) -> ArticleResult:
    try:
        return _result(article, cleaned.quotes_to_raw(parse(nlp, cleaned.text)._.quotes))
    except Exception as exc:
        return ArticleResult(article.article_id, article.path, error=_reason(exc))
