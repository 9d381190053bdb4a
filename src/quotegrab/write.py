"""Attributed quotes -> JSONL and CSV with the same columns, written atomically.

Rows stream into temporary files beside the targets, which are renamed into place
only when the whole run succeeds: a crash never leaves a half-written output. Beside
the quotes go `articles.jsonl` (the analysed texts, with --save-text) and
`errors.jsonl` (one line per input that failed, only when one did).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .types import RECORD_FIELDS, Quote, to_record

FORMATS: tuple[str, ...] = ("jsonl", "csv")
ARTICLE_FIELDS: tuple[str, ...] = ("article_id", "source_path", "sha256", "text")


def _file_mode() -> int:
    """The mode a plainly created file gets (mkstemp would leave 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def csv_value(value: Any) -> Any:
    """CSV has no null: None becomes an empty cell (a speaker is never the empty string)."""
    return "" if value is None else value


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _AtomicFile:
    """A temporary file beside `target`, renamed onto it by commit(), removed by discard()."""

    def __init__(self, target: Path) -> None:
        self.target = target
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.tmp = Path(tmp)
        self.handle: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        os.chmod(self.tmp, _file_mode())
        os.replace(self.tmp, self.target)

    def discard(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)


class QuoteWriter:
    """Context manager that writes `<stem>.<format>` files (and friends) into `out_dir` atomically."""

    def __init__(
        self,
        out_dir: str | os.PathLike[str],
        formats: Sequence[str] = FORMATS,
        stem: str = "quotes",
        save_text: bool = False,
    ) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown or not formats:
            raise ValueError(f"unknown output format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        self.targets = {fmt: self.out_dir / f"{stem}.{fmt}" for fmt in dict.fromkeys(formats)}
        if save_text:
            self.targets["articles"] = self.out_dir / "articles.jsonl"
        self.errors_target = self.out_dir / "errors.jsonl"
        self._files: dict[str, _AtomicFile] = {}
        self._csv: Any = None
        self.rows = 0
        self.errors = 0
        self.articles = 0
        self.kinds: Counter[str] = Counter()
        self.attributed = 0

    def __enter__(self) -> QuoteWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        try:
            for name, target in self.targets.items():
                self._files[name] = _AtomicFile(target)
            if "csv" in self._files:
                self._csv = csv.DictWriter(self._files["csv"].handle, fieldnames=RECORD_FIELDS)
                self._csv.writeheader()
        except BaseException:
            self._discard()
            raise
        return self

    def write(
        self,
        article_id: str,
        quotes: Iterable[Quote],
        text: str | None = None,
        source_path: str | None = None,
    ) -> int:
        n = 0
        for index, quote in enumerate(quotes):
            record = to_record(article_id, index, quote)
            if "jsonl" in self._files:
                self._files["jsonl"].handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            if self._csv is not None:
                self._csv.writerow({k: csv_value(v) for k, v in record.items()})
            self.kinds[quote.kind] += 1
            self.attributed += quote.speaker is not None
            n += 1
        self.articles += 1
        if "articles" in self._files and text is not None:
            row = {"article_id": article_id, "source_path": source_path, "sha256": sha256(text), "text": text}
            self._files["articles"].handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.rows += n
        return n

    def error(self, article_id: str, source_path: str, message: str) -> None:
        """Record an input that failed; errors.jsonl exists only when one did."""
        if "errors" not in self._files:
            self._files["errors"] = _AtomicFile(self.errors_target)
        row = {"article_id": article_id, "source_path": source_path, "error": message}
        self._files["errors"].handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.errors += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self._discard()
            return
        for file in self._files.values():
            file.commit()
        if "errors" not in self._files:
            self.errors_target.unlink(missing_ok=True)  # no stale errors from an earlier run
        self._files.clear()

    def _discard(self) -> None:
        for file in self._files.values():
            file.discard()
        self._files.clear()
