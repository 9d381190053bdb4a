"""Which inputs a run reads, and in what batches: never the output folder's own files, and each
article id once.

An id is the input path relative to the folder holding every input (`read.find_sources`), so two
files can share an id only by suffix (`x.txt`, `x.md`); a JSONL file can repeat an `id`. The first
source of an id wins and the others are errors naming both, the same on every rerun.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .read import Article, ReadError, Source
from .write import OUTPUT_NAMES

WORK_DIR = ".quotegrab"  # the run's own folder inside the output folder, where run.py keeps its work


def own_output(real: Path, out_abs: Path) -> bool:
    """A file that quotegrab writes: the outputs in `out_abs`, anything in a run's work folder, and
    the outputs of any other run, known by the work folder beside them."""
    if any(parent.name == WORK_DIR for parent in real.parents):
        return True
    return real.name in OUTPUT_NAMES and (real.parent == out_abs or (real.parent / WORK_DIR).is_dir())


def in_output(path: Path, out_abs: Path, folders: list[Path]) -> bool:
    """Whether a file found in an input folder belongs to the output, and is never read: quotegrab's
    own files, and anything in an output folder inside the input folder searched. An output folder
    that is the input folder or holds it (`--out in`) keeps its other files as input."""
    real = path.resolve()
    if own_output(real, out_abs):
        return True
    return out_abs in real.parents and any(out_abs in f.parents for f in folders if f in real.parents)


def without_outputs(
    sources: Iterable[Source | ReadError], paths: Iterable[Path], out_dir: Path
) -> list[Source | ReadError]:
    """`sources` without the output folder's files; an output named as input is an error."""
    paths = list(paths)
    out_abs, named = out_dir.resolve(), {p.resolve() for p in paths}
    folders = [p.resolve() for p in paths if p.is_dir()]
    kept: list[Source | ReadError] = []
    for source in sources:
        if isinstance(source, Source) and source.path.resolve() in named:
            if own_output(source.path.resolve(), out_abs):
                kept.append(ReadError(source.path, "is an output of quotegrab, never read as input"))
                continue
        elif isinstance(source, Source) and in_output(source.path, out_abs, folders):
            continue
        kept.append(source)
    return kept


def item_id(item: Article | ReadError) -> str:
    """The id an item is recorded under: a failed read has no article id, so its path serves."""
    return item.article_id if isinstance(item, Article) else item.path


def unique_sources(sources: Iterable[Source | ReadError]) -> Iterator[Source | ReadError]:
    """Each id from one file only: a file given twice is read once, and a second file with the id
    of another (`x.txt` beside `x.md`) is an error naming both, so that every rerun keeps the same
    one instead of each overwriting the other."""
    first: dict[tuple[str, bool], Path] = {}
    for source in sources:
        if isinstance(source, Source):
            key = (source.article_id, source.fmt == "jsonl")  # a JSONL file's ids are `file#id`
            if key in first:
                if first[key].resolve() != source.path.resolve():
                    reason = f"duplicate article id {source.article_id!r}, first read from {first[key]}"
                    yield ReadError(source.path, reason)
                continue
            first[key] = source.path
        yield source


def unique_articles(items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
    """Each article id once: a second JSONL line with the id of an earlier one is an error."""
    first: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            if item.article_id in first:
                key = item.article_id.partition("#")[2]
                where = f"{item.path}#{key}" if key else item.path
                reason = f"duplicate article id {item.article_id!r}, first read from {first[item.article_id]}"
                yield ReadError(where, reason)
                continue
            first[item.article_id] = item.path
        yield item


# A batch also closes at this many characters of text: spaCy's network runs fastest over many
# short articles at once but over few long ones (measured with bare `nlp.pipe` on 2 cores:
# 128 short articles a batch beat 64 by 4%; 64 real-length ones beat 128 by 5% and 256 by 20%).
BATCH_CHARS = 150_000


def batches(items: Iterable[Article | ReadError], size: int) -> Iterator[list[Article | ReadError]]:
    """`items` in lists of at most `size` articles and about BATCH_CHARS characters."""
    batch: list[Article | ReadError] = []
    chars = 0
    for item in items:
        batch.append(item)
        chars += len(item.text) if isinstance(item, Article) else 0
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch
