"""Attributed quotes -> JSONL and CSV with the same columns, written atomically.

Rows stream into temporary files beside the targets, which are renamed into place
only when the whole run succeeds: a crash never leaves a half-written output.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .types import RECORD_FIELDS, Quote, to_record

FORMATS: tuple[str, ...] = ("jsonl", "csv")


def _file_mode() -> int:
    """The mode a plainly created file gets (mkstemp would leave 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def csv_value(value: Any) -> Any:
    """CSV has no null: None becomes an empty cell (a speaker is never the empty string)."""
    return "" if value is None else value


class QuoteWriter:
    """Context manager that writes `quotes.<format>` files into `out_dir` atomically."""

    def __init__(
        self, out_dir: str | os.PathLike[str], formats: Sequence[str] = FORMATS, stem: str = "quotes"
    ):
        unknown = set(formats) - set(FORMATS)
        if unknown or not formats:
            raise ValueError(f"unknown output format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        self.targets = {fmt: self.out_dir / f"{stem}.{fmt}" for fmt in dict.fromkeys(formats)}
        self._files: dict[str, IO[str]] = {}
        self._tmp: dict[str, Path] = {}
        self._csv: Any = None
        self.rows = 0

    def __enter__(self) -> QuoteWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        try:
            for fmt, target in self.targets.items():
                fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.out_dir)
                self._tmp[fmt] = Path(tmp)
                self._files[fmt] = os.fdopen(fd, "w", encoding="utf-8", newline="")
            if "csv" in self._files:
                self._csv = csv.DictWriter(self._files["csv"], fieldnames=RECORD_FIELDS)
                self._csv.writeheader()
        except BaseException:
            self._discard()
            raise
        return self

    def write(self, article_id: str, quotes: Iterable[Quote]) -> int:
        n = 0
        for index, quote in enumerate(quotes):
            record = to_record(article_id, index, quote)
            if "jsonl" in self._files:
                self._files["jsonl"].write(json.dumps(record, ensure_ascii=False) + "\n")
            if self._csv is not None:
                self._csv.writerow({k: csv_value(v) for k, v in record.items()})
            n += 1
        self.rows += n
        return n

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self._discard()
            return
        for fmt, handle in self._files.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            os.chmod(self._tmp[fmt], _file_mode())
            os.replace(self._tmp[fmt], self.targets[fmt])
        self._files.clear()
        self._tmp.clear()

    def _discard(self) -> None:
        for handle in self._files.values():
            handle.close()
        for tmp in self._tmp.values():
            tmp.unlink(missing_ok=True)
        self._files.clear()
        self._tmp.clear()
