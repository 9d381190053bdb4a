"""Batches of articles on worker processes, each with its own copy of the pipeline."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import TYPE_CHECKING

from spacy.language import Language

from .read import Article, ReadError

if TYPE_CHECKING:
    from .pipeline import ArticleResult

# What a worker does with one batch: pipeline.process_batch (a top-level function: it pickles).
Work = Callable[[list[Article | ReadError], Language], Iterator["ArticleResult"]]


# The pipeline of a worker process, sent to it once when it starts.
_WORKER: tuple[Language, Work] | None = None


def _init_worker(nlp: Language, driver: int, work: Work) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the driver's to handle, once
    # the driver's own pid: os.getppid() here may already be init's, if the driver died meanwhile
    threading.Thread(target=_exit_with_parent, args=(driver,), daemon=True).start()
    _WORKER = nlp, work


def _exit_with_parent(parent: int) -> None:
    """End this worker once its driver is gone (interrupted or killed while the worker started),
    instead of waiting forever for work that will never come."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _worker_batch(batch: list[Article | ReadError]) -> list[ArticleResult]:
    assert _WORKER is not None
    nlp, work = _WORKER
    return list(work(batch, nlp))


def process_parallel(
    batches: Iterator[list[Article | ReadError]], nlp: Language, n_process: int, work: Work
) -> Iterator[ArticleResult]:
    """Whole batches run in worker processes, which send back only the small result records
    (spaCy's own n_process ships every Doc back, which costs more than a second core gives).
    A bounded window of batches in flight keeps memory flat and the output in input order.

    Workers are spawned, not forked: a fork of a process whose model already ran in threads
    can hang. A worker that dies breaks the pool loudly: the batches it took down are done
    here, and a fresh pool takes the batches that follow.
    """
    window: deque[tuple[list[Article | ReadError], Future[list[ArticleResult]]]] = deque()
    pool = _start_pool(nlp, n_process, work)
    try:
        for batch in batches:
            try:
                future = pool.submit(_worker_batch, batch)
            except (BrokenProcessPool, OSError, ValueError):  # broken, or breaking while it spawns
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _start_pool(nlp, n_process, work)
                future = pool.submit(_worker_batch, batch)
            window.append((batch, future))
            if len(window) >= 2 * n_process:
                yield from _collect(window.popleft(), nlp, work)
        while window:
            yield from _collect(window.popleft(), nlp, work)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


@contextmanager
def _sigint_deferred() -> Iterator[list[int]]:
    """While workers are spawned: they start with SIGINT blocked (exec keeps the mask), so that a
    Ctrl-C while they import spaCy stops the driver alone, not each worker with a traceback; and
    the driver takes a Ctrl-C only once they are spawned, never halfway through sending one its
    model (the list holds the signal if one came)."""
    caught: list[int] = []
    main = threading.current_thread() is threading.main_thread()  # only it may set handlers
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum)) if main else None
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield caught
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        if main:
            signal.signal(signal.SIGINT, previous if previous is not None else signal.default_int_handler)


def _start_pool(nlp: Language, n_process: int, work: Work) -> ProcessPoolExecutor:
    """A pool whose workers have all started, with the model, before any batch goes out.

    A spawn pool starts its workers on demand, inside `submit`; if one dies while another is
    still starting, the late one escapes the pool's clean-up and the interpreter hangs at exit.
    """
    context = multiprocessing.get_context("spawn")
    init = (nlp, os.getpid(), work)
    pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker, initargs=init)
    with _sigint_deferred() as interrupted:
        started = [pool.submit(os.getpid) for _ in range(n_process)]
    try:
        if interrupted:
            raise KeyboardInterrupt
        for future in started:
            future.result()
    except BaseException:
        # Ctrl-C while they start: wait for the pool to stop, since Python 3.11 can race at exit
        # with a pool still stopping ("Exception ignored ... wakeup"); workers ignore the Ctrl-C.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    return pool


def _collect(
    item: tuple[list[Article | ReadError], Future[list[ArticleResult]]], nlp: Language, work: Work
) -> Iterator[ArticleResult]:
    batch, future = item
    try:
        yield from future.result()
    except BrokenProcessPool:
        yield from work(batch, nlp)
