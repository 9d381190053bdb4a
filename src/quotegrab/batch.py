"""Resumable batch runs: parts, a manifest, and a final merge.

Each batch of results is written atomically as a part file under `OUT/.quotegrab/parts/`;
only then are its articles appended to `OUT/.quotegrab/manifest.jsonl` (id, content hash,
status, part), each line fsynced. A run killed at any moment leaves at worst an orphan
part or a torn last manifest line, both ignored: their articles are simply done again.
A rerun skips every article whose hash the manifest records as done, then merges the
latest part of every article into the final outputs, which are renamed into place
atomically. So an interrupted-and-resumed run ends with exactly the outputs of an
uninterrupted one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .pipeline import ArticleResult, process
from .read import Article, ReadError
from .types import Quote
from .write import QuoteWriter, sha256

WORK_DIR = ".quotegrab"


@dataclass(frozen=True, slots=True)
class Entry:
    article_id: str
    sha256: str | None
    status: str  # "done" or "failed"
    part: str | None = None
    path: str | None = None
    error: str | None = None


class Manifest:
    """The append-only record of what each article's latest run produced."""

    def __init__(self, work_dir: Path) -> None:
        self.path = work_dir / "manifest.jsonl"
        self.entries: dict[str, Entry] = {}
        if self.path.exists():
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = Entry(**json.loads(line))
                    except (ValueError, TypeError):
                        continue  # a line torn by a kill: its articles are redone
                    self.entries[entry.article_id] = entry

    def is_done(self, article_id: str, digest: str) -> bool:
        entry = self.entries.get(article_id)
        return entry is not None and entry.status == "done" and entry.sha256 == digest

    def record(self, entries: Sequence[Entry]) -> None:
        if not entries:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps(as_dict(entry)) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        for entry in entries:
            self.entries[entry.article_id] = entry


def as_dict(entry: Entry) -> dict[str, str | None]:
    return dataclasses.asdict(entry)


@dataclass
class RunStats:
    done: int = 0
    skipped: int = 0
    failed: int = 0


class BatchRun:
    """One `quotegrab extract` run into `out_dir`, resuming whatever an earlier run left."""

    def __init__(self, out_dir: str | os.PathLike[str], force: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.work_dir = self.out_dir / WORK_DIR
        if force and self.work_dir.exists():
            shutil.rmtree(self.work_dir)
        self.parts_dir = self.work_dir / "parts"
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        self.manifest = Manifest(self.work_dir)
        numbers = [int(p.stem.split("-")[1]) for p in self.parts_dir.glob("part-*.jsonl")]
        self._next_part = max(numbers, default=0) + 1
        self.stats = RunStats()

    def next_part(self) -> int:
        """The number of the next part; parts merge in this order, which is input order."""
        number = self._next_part
        self._next_part += 1
        return number

    def pending(self, items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
        """The articles that still need doing; those done with the same text are skipped."""
        for item in items:
            if isinstance(item, Article) and self.manifest.is_done(item.article_id, sha256(item.text)):
                self.stats.skipped += 1
                continue
            yield item

    def run(
        self,
        items: Iterable[Article | ReadError],
        nlp: Language,
        batch_size: int = 64,
        n_process: int = 1,
        on_result: Callable[[ArticleResult], None] | None = None,
    ) -> RunStats:
        """Analyse what is pending, committing a part and its manifest lines every batch."""
        batch: list[ArticleResult] = []
        for result in process(self.pending(items), nlp, batch_size=batch_size, n_process=n_process):
            if result.error is None:
                self.stats.done += 1
            else:
                self.stats.failed += 1
            if on_result is not None:
                on_result(result)
            batch.append(result)
            if len(batch) >= batch_size:
                self._commit(batch)
                batch = []
        self._commit(batch)
        return self.stats

    def _commit(self, results: list[ArticleResult]) -> None:
        if results:
            part = self.parts_dir / f"part-{self.next_part():06d}.jsonl"
            self.manifest.record(commit_part(part, results))

    def merge(self, formats: Sequence[str], save_text: bool = False) -> QuoteWriter:
        """Write the final outputs from every article's latest part, atomically."""
        latest = self.manifest.entries
        with QuoteWriter(self.out_dir, formats, save_text=save_text) as writer:
            for part in sorted(self.parts_dir.glob("part-*.jsonl")):
                with part.open(encoding="utf-8") as handle:
                    for line in handle:
                        row = json.loads(line)
                        entry = latest.get(row["article_id"])
                        if entry is None or entry.status != "done" or entry.part != part.stem:
                            continue  # superseded by a later run, or orphaned by a kill
                        quotes = [Quote.from_dict(q) for q in row["quotes"]]
                        writer.write(row["article_id"], quotes, row["text"], row["path"])
            for entry in latest.values():
                if entry.status == "failed":
                    writer.error(entry.article_id, entry.path or entry.article_id, entry.error or "failed")
        return writer


def commit_part(part: Path, results: Sequence[ArticleResult]) -> list[Entry]:
    """Write the analysed articles of `results` as one part file, atomically; return the
    manifest entries for all of them (failures included), to be recorded only afterwards."""
    lines = [
        json.dumps(
            {
                "article_id": r.article_id,
                "path": r.path,
                "text": r.text,
                "quotes": [q.to_dict() for q in r.quotes],
            },
            ensure_ascii=False,
        )
        for r in results
        if r.error is None
    ]
    if lines:
        atomic_write(part, "\n".join(lines) + "\n")
    return [
        Entry(r.article_id, sha256(r.text) if r.text is not None else None, "done", part.stem, r.path)
        if r.error is None
        else Entry(r.article_id, None, "failed", None, r.path, r.error)
        for r in results
    ]


def atomic_write(target: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
