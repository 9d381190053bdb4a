"""One run engine for `quotegrab extract`: what is pending, part files, the manifest, the merge.

Each batch of results is written atomically as a part file under `OUT/.quotegrab/parts/`;
only then are its articles appended to `OUT/.quotegrab/manifest.jsonl` (id, content hash,
status, part), each line fsynced. A run killed at any moment leaves at worst an orphan
part or a torn last manifest line, both ignored: their articles are simply done again.
A rerun skips every article whose hash the manifest records as done, then merges the
latest part of every article into the final outputs, which are renamed into place
atomically. So an interrupted-and-resumed run ends with exactly the outputs of an
uninterrupted one. The engines (the local process pool, Dask) only turn articles into
results; everything else happens here, in the driver.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from .inputs import WORK_DIR, item_id, unique_articles
from .lock import LOCK_NAME
from .pipeline import BATCH_SIZE, ArticleResult, process
from .read import Article, ReadError
from .settings import Settings, load_settings, mismatch, save_settings
from .storage import atomic_write, sha256
from .types import Quote
from .write import DEFAULT_FORMATS, QuoteWriter

PART_GLOB = "part-*.jsonl"


@dataclass(frozen=True, slots=True)
class Entry:
    """One manifest line: the latest outcome for one article."""

    article_id: str
    sha256: str | None
    status: str  # "done", "failed", or "dropped" (its input is gone)
    part: str | None = None
    path: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        # Plain str or None fields: no deep copy (dataclasses.asdict makes one)
        return {name: getattr(self, name) for name in _ENTRY_FIELDS}


_ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(Entry))


class Manifest:
    """The append-only record of what each article's latest run produced."""

    def __init__(self, work_dir: Path) -> None:
        self.path = work_dir / "manifest.jsonl"
        self.entries: dict[str, Entry] = {}
        self.done: dict[str, str] = {}  # article id -> hash of the text done
        if self.path.exists():
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = Entry(**json.loads(line))
                    except (ValueError, TypeError):
                        continue  # a line torn by a kill: its articles are redone
                    self.remember(entry)

    def remember(self, entry: Entry) -> None:
        self.entries[entry.article_id] = entry
        if entry.status == "done" and entry.sha256:
            self.done[entry.article_id] = entry.sha256
        else:
            self.done.pop(entry.article_id, None)

    def record(self, entries: Sequence[Entry]) -> None:
        if not entries:
            return
        with self.path.open("a", encoding="utf-8") as handle:
            for entry in entries:
                handle.write(json.dumps(entry.to_dict()) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        for entry in entries:
            self.remember(entry)


def is_done(done: Mapping[str, str], item: Article | ReadError) -> bool:
    """True for an article already done with exactly this text (`done`: id -> content hash)."""
    return isinstance(item, Article) and done.get(item.article_id) == sha256(item.text)


@dataclass
class RunStats:
    done: int = 0
    skipped: int = 0
    failed: int = 0
    dropped: int = 0  # recorded by an earlier run, but no longer among the inputs


def part_row(result: ArticleResult) -> dict[str, Any]:
    return {
        "article_id": result.article_id,
        "path": result.path,
        "text": result.text,
        "quotes": [q.to_dict() for q in result.quotes],
    }


def part_result(row: dict[str, Any]) -> ArticleResult:
    quotes = tuple(Quote.from_dict(q) for q in row["quotes"])
    return ArticleResult(row["article_id"], row["path"], quotes, text=row["text"])


class Run:
    """One run into `out_dir`, resuming whatever an earlier run left there.

    Opening a Run writes nothing: the work folder appears with the first committed batch,
    so a Run also serves to read back what an interrupted run has done so far.
    """

    def __init__(self, out_dir: str | os.PathLike[str], force: bool = False) -> None:
        self.out_dir = Path(out_dir)
        self.work_dir = self.out_dir / WORK_DIR
        self.parts_dir = self.work_dir / "parts"
        if force:
            self.reset()
        self.manifest = Manifest(self.work_dir)
        numbers = [int(p.stem.split("-")[1]) for p in self.parts_dir.glob(PART_GLOB)]
        self.last_part = max(numbers, default=0)
        # In every part name, so that two runs never write the same part, even without the lock.
        self.run_id = uuid.uuid4().hex[:12]
        self.stats = RunStats()
        self.seen: set[str] = set()  # the ids of this run's inputs, done now or before

    def reset(self) -> None:
        """Forget every earlier result; the lock file stays, since a run may be holding it."""
        if not self.work_dir.is_dir():
            return
        for child in self.work_dir.iterdir():
            if child.name == LOCK_NAME:
                continue
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()

    def recorded(self) -> bool:
        """Whether any run has recorded results here."""
        return self.manifest.path.exists()

    def new_part(self) -> Path:
        """The path of the next part; parts merge in this order, which is input order."""
        self.last_part += 1
        return self.parts_dir / f"part-{self.last_part:06d}-{self.run_id}.jsonl"

    def pending(self, items: Iterable[Article | ReadError]) -> Iterator[Article | ReadError]:
        """The articles that still need doing; those done with the same text are skipped."""
        for item in unique_articles(items):
            if is_done(self.manifest.done, item):
                self.skip([item_id(item)])
            else:
                yield item

    def skip(self, ids: Sequence[str]) -> None:
        """Count articles found already done."""
        self.stats.skipped += len(ids)
        self.seen.update(ids)

    def check(self, settings: Settings) -> str | None:
        """Why this folder's results cannot be resumed with `settings`, or None."""
        return mismatch(load_settings(self.work_dir), settings) if self.recorded() else None

    def begin(self, settings: Settings) -> None:
        """Record the settings that the results about to be written depend on."""
        save_settings(self.work_dir, settings)

    def drop_unseen(self) -> None:
        """After a whole run over the inputs: forget the articles whose input is gone, so that the
        outputs hold exactly the inputs there now."""
        gone = [
            Entry(entry.article_id, None, "dropped", None, entry.path)
            for entry in self.manifest.entries.values()
            if entry.status != "dropped" and entry.article_id not in self.seen
        ]
        self.manifest.record(gone)
        self.stats.dropped += len(gone)

    def commit(self, results: Sequence[ArticleResult], part: Path | None = None) -> None:
        """Write the analysed articles of `results` as one part file, atomically, and only then
        record all of them (failures included) in the manifest."""
        if not results:
            return
        part = part or self.new_part()
        part.parent.mkdir(parents=True, exist_ok=True)
        done = [r for r in results if r.error is None]
        if done:
            lines = [json.dumps(part_row(r), ensure_ascii=False) for r in done]
            atomic_write(part, "\n".join(lines) + "\n")
        self.seen.update(r.article_id for r in results)
        self.manifest.record(
            [
                Entry(r.article_id, sha256(r.text) if r.text is not None else None, "done", part.stem, r.path)
                if r.error is None
                else Entry(r.article_id, None, "failed", None, r.path, r.error)
                for r in results
            ]
        )
        self.stats.done += len(done)
        self.stats.failed += len(results) - len(done)

    def run(
        self,
        items: Iterable[Article | ReadError],
        nlp: Language,
        batch_size: int = BATCH_SIZE,
        n_process: int = 1,
        on_result: Callable[[ArticleResult], None] | None = None,
    ) -> RunStats:
        """Analyse what is pending on this machine, committing a part every batch."""
        batch: list[ArticleResult] = []
        for result in process(self.pending(items), nlp, batch_size=batch_size, n_process=n_process):
            if on_result is not None:
                on_result(result)
            batch.append(result)
            if len(batch) >= batch_size:
                self.commit(batch)
                batch = []
        self.commit(batch)
        return self.stats

    def results(self) -> Iterator[ArticleResult]:
        """Every article's latest result: those done from their parts in input order, then failures."""
        latest = self.manifest.entries
        for part in sorted(self.parts_dir.glob(PART_GLOB)):
            with part.open(encoding="utf-8") as handle:
                for line in handle:
                    row = json.loads(line)
                    entry = latest.get(row["article_id"])
                    if entry is None or entry.status != "done" or entry.part != part.stem:
                        continue  # superseded by a later run, or orphaned by a kill
                    yield part_result(row)
        for entry in latest.values():
            if entry.status == "failed":
                yield ArticleResult(
                    entry.article_id, entry.path or entry.article_id, error=entry.error or "failed"
                )

    def merge(
        self, formats: Sequence[str] = DEFAULT_FORMATS, save_text: bool = False, csv_safe: bool = False
    ) -> QuoteWriter:
        """Write the final outputs from every article's latest result, atomically."""
        with QuoteWriter(self.out_dir, formats, save_text=save_text, csv_safe=csv_safe) as writer:
            for result in self.results():
                if result.error is None:
                    writer.write(result.article_id, result.quotes, result.text, result.path)
                else:
                    writer.error(result.article_id, result.path, result.error)
        return writer
