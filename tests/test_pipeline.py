"""The batch runner's fallbacks: one article that breaks a batch, a worker process that dies."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from quotegrab.pipeline import GC_THRESHOLD, ArticleResult, fewer_collections, process
from quotegrab.read import Article, ReadError

FAIL_MARK = "BOOM"


@Language.component("quotegrab_test_fail_on_mark")
def fail_on_mark(doc: Doc) -> Doc:
    if FAIL_MARK in doc.text:
        raise RuntimeError("injected failure")
    return doc


PARSED: list[str] = []


@Language.component("quotegrab_test_count")
def count_parses(doc: Doc) -> Doc:
    PARSED.append(doc.text)
    return doc


def story(i: int) -> Article:
    return Article(f"s{i}", f"s{i}.txt", f'"Phase {i} is ready," Maria Lopez said.\n\nTom Reed agreed.')


class WorkerKiller(Article):
    """An article whose unpickling ends the process that receives it: a worker dies mid-batch."""

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (os._exit, (1,))


@pytest.fixture
def failing_nlp(nlp: Language) -> Iterator[Language]:
    nlp.add_pipe("quotegrab_test_fail_on_mark", last=True)
    try:
        yield nlp
    finally:
        nlp.remove_pipe("quotegrab_test_fail_on_mark")


@pytest.fixture
def counting_nlp(failing_nlp: Language) -> Iterator[Language]:
    failing_nlp.add_pipe("quotegrab_test_count", first=True)
    PARSED.clear()
    try:
        yield failing_nlp
    finally:
        failing_nlp.remove_pipe("quotegrab_test_count")


@pytest.mark.parametrize("position", [0, 2, 4])
def test_pipeline_failing_article_costs_only_itself(counting_nlp: Language, position: int) -> None:
    items: list[Article | ReadError] = [story(i) for i in range(5)]
    items[position] = Article("bad", "bad.txt", f'"It will {FAIL_MARK}," Anna Berg said.')
    results = list(process(items, counting_nlp, batch_size=8))
    assert sorted(PARSED) == sorted(item.text for item in items if isinstance(item, Article))
    assert [r.error is not None for r in results] == [i == position for i in range(5)]
    assert all(r.quotes for i, r in enumerate(results) if i != position)
    assert counting_nlp.default_error_handler is raise_error  # restored after the batch


@pytest.mark.parametrize("position", [0, 2, 4])
def test_pipeline_article_failing_inside_pipe_is_isolated(
    nlp: Language, failing_nlp: Language, position: int
) -> None:
    items: list[Article | ReadError] = [story(i) for i in range(5)]
    expected = list(process(items, nlp, batch_size=8))
    items[position] = Article("bad", "bad.txt", f'"It will {FAIL_MARK}," Anna Berg said.')
    results = list(process(items, failing_nlp, batch_size=8))
    assert [r.article_id for r in results] == [getattr(i, "article_id", "") for i in items]
    assert results[position] == ArticleResult(
        "bad", "bad.txt", error="failed to analyse: RuntimeError: injected failure"
    )
    others = [r for i, r in enumerate(results) if i != position]
    assert others == [r for i, r in enumerate(expected) if i != position]
    assert all(r.quotes for r in others)


def test_pipeline_dead_worker_batch_redone_in_process(nlp: Language) -> None:
    items: list[Article | ReadError] = [story(i) for i in range(24)]
    items[3] = WorkerKiller("killer", "killer.txt", items[3].text)  # type: ignore[union-attr]
    expected = list(process(items, nlp, batch_size=2))  # in-process: nothing is pickled
    assert expected[3].article_id == "killer" and expected[3].quotes
    assert list(process(items, nlp, batch_size=2, n_process=2)) == expected


def test_batches_close_at_a_count_or_at_a_character_budget() -> None:
    """Many short articles go to the parser together; long ones in smaller batches."""
    from quotegrab.inputs import BATCH_CHARS, batches
    from quotegrab.read import Article, ReadError

    short = [Article(f"s{i}", "", "x" * 100) for i in range(300)]
    assert [len(b) for b in batches(short, 128)] == [128, 128, 44]
    long = [Article(f"l{i}", "", "x" * (BATCH_CHARS // 4)) for i in range(10)]
    assert [len(b) for b in batches(long, 128)] == [4, 4, 2]
    mixed = [ReadError("bad.txt", "unreadable"), *long[:2]]  # an error holds no text
    assert [len(b) for b in batches(mixed, 2)] == [2, 1]


THRESHOLDS: list[int] = []


@Language.component("quotegrab_test_gc_threshold")
def record_threshold(doc: Doc) -> Doc:
    THRESHOLDS.append(gc.get_threshold()[0])
    return doc


def test_pipeline_collects_garbage_less_often_only_while_a_batch_is_analysed(failing_nlp: Language) -> None:
    failing_nlp.add_pipe("quotegrab_test_gc_threshold", first=True)
    THRESHOLDS.clear()
    before = gc.get_threshold()
    try:
        items: list[Article | ReadError] = [story(0), Article("bad", "bad.txt", f'"{FAIL_MARK}," she said.')]
        results = list(process(items, failing_nlp, batch_size=8))
    finally:
        failing_nlp.remove_pipe("quotegrab_test_gc_threshold")
    assert THRESHOLDS and all(t == GC_THRESHOLD for t in THRESHOLDS)
    assert [r.error is None for r in results] == [True, False]
    assert gc.get_threshold() == before


@pytest.mark.parametrize(("start", "inside"), [(700, GC_THRESHOLD), (GC_THRESHOLD * 5, GC_THRESHOLD * 5)])
def test_fewer_collections_never_lowers_the_threshold_and_restores_it(start: int, inside: int) -> None:
    before = gc.get_threshold()
    gc.set_threshold(start, *before[1:])
    try:
        with pytest.raises(RuntimeError), fewer_collections():
            assert gc.get_threshold() == (inside, *before[1:])
            raise RuntimeError
        assert gc.get_threshold() == (start, *before[1:])
    finally:
        gc.set_threshold(*before)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("said,“Look here", ["said", ",", "“", "Look", "here"]),
        ('said:"No way,"she', ["said", ":", '"', "No", "way", ",", '"', "she"]),
        # a bracket before the colon goes with it, as spaCy has "):" before a space
        ('Gowdy (R-S.C.):"I have', ["Gowdy", "(", "R", "-", "S.C.", "):", '"', "I", "have"]),
        ('Lee (D):"I', ["Lee", "(", "D", "):", '"', "I"]),
        # spaced marks, a possessive and an abbreviation stay as spaCy has them
        ('said, "Look here"', ["said", ",", '"', "Look", "here", '"']),
        ("the U.S.’s plan", ["the", "U.S.", "’s", "plan"]),
    ],
)
def test_pipeline_tokenizer_splits_marks_glued_to_words(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp.tokenizer(text)] == tokens


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee said,“We will open the clinic in May.”",
        'Rep. Ann Lee (D-Ore.):"We will open the clinic in May."',  # a transcript's label
    ],
)
def test_pipeline_glued_mark_quote_gets_its_speaker(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert [(q.text, q.speaker) for q in doc._.quotes] == [("We will open the clinic in May.", "Ann Lee")]
