"""The pipeline's matrix products on numpy's BLAS, on one thread.

thinc's `NumpyOps` multiplies with blis unless told `use_blis=False`, its own switch to
numpy's BLAS. Where numpy ships OpenBLAS or MKL, that runs the products of
`en_core_web_sm`'s tok2vec and parser layers about 1.6 times as fast on one core of this
machine (its kernels use the CPU's widest vector instructions). The model and its weights
are the same and the numbers agree to float rounding: over 65,000 tokens of the benchmark
articles, no tag, label or head differed (tests compare the annotations). spaCy's own C
loop for the parser keeps blis; quotegrab's loop (greedy.py) runs each step on these ops.

numpy's BLAS starts as many threads as there are cores, and quotegrab counts workers as
processes, so its batches run inside `one_thread()`: a worker uses one core, as spaCy
with blis does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache

from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

from .embedcache import cache_pipes

_FAST_BLAS = frozenset({"openblas", "mkl"})  # blis is as fast as anything slower


def faster_arithmetic(pipes: Iterable[object]) -> None:
    """The same models computed faster: embeddings once per word type (embedcache.py), and
    the products on numpy's BLAS where that is the faster."""
    pipes = list(pipes)
    cache_pipes(pipes)
    use_numpy_blas(pipes)


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    """The BLAS libraries loaded in this process, found once (finding them takes a millisecond)."""
    return ThreadpoolController()


def numpy_blas_is_fast() -> bool:
    """Whether numpy's BLAS is one of the optimised ones (a reference BLAS is slower than blis)."""
    apis = {lib.internal_api for lib in _controller().select(user_api="blas").lib_controllers}
    return bool(apis & _FAST_BLAS)


def use_numpy_blas(pipes: Iterable[object]) -> int:
    """Put every layer of the pipes' thinc models on numpy's BLAS, where it is the faster;
    the number of models changed (0: none, blis stays)."""
    if not numpy_blas_is_fast():
        return 0
    ops = NumpyOps(use_blis=False)
    changed = 0
    for model in (getattr(pipe, "model", None) for pipe in pipes):
        if isinstance(model, Model) and any(isinstance(layer.ops, NumpyOps) for layer in model.walk()):
            for layer in model.walk():
                if isinstance(layer.ops, NumpyOps):  # a GPU pipeline keeps its ops
                    layer.ops = ops
            changed += 1
    return changed


@contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread inside the block, as blis runs."""
    with _controller().limit(limits=1, user_api="blas"):
        yield
