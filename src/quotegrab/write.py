"""Attributed quotes -> JSONL, CSV and Parquet with the same columns, written atomically.

Every output goes through one small `Writer` interface: rows stream into a temporary file
beside the target, which `commit` renames into place only when the whole run succeeds, so a
crash never leaves a half-written output. Beside the quotes go `articles.jsonl` (the analysed
texts, with --save-text) and `errors.jsonl` (one line per input that failed, only when one did).
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from .storage import AtomicFile, sha256
from .types import ATTRIBUTIONS, KINDS, RECORD_FIELDS, SPEAKER_TYPES, Quote, to_record


class Format(str, Enum):
    """An output format; the value is the file suffix."""

    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


FORMATS: tuple[str, ...] = tuple(f.value for f in Format)
DEFAULT_FORMATS: tuple[str, ...] = ("jsonl", "csv")
ARTICLE_FIELDS: tuple[str, ...] = ("article_id", "source_path", "sha256", "text")
# Every file `extract` writes into its output folder; never read back as input.
OUTPUT_NAMES: frozenset[str] = frozenset(
    {*(f"quotes.{f}" for f in FORMATS), "articles.jsonl", "errors.jsonl"}
)

# The column types every reader of the output agrees on (frame.py, Parquet).
INT_COLUMNS: tuple[str, ...] = (
    "quote_index",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "paragraph",
    "cue_start",
    "cue_end",
)
CATEGORIES: dict[str, tuple[str, ...]] = {
    "kind": KINDS,
    "attribution": ATTRIBUTIONS,
    "speaker_type": SPEAKER_TYPES,
}
TEXT_COLUMNS: tuple[str, ...] = ("article_id", "text", "speaker", "speaker_mention", "cue")
ROW_GROUP_ROWS = 10_000


# A cell starting with one of these opens as a formula in spreadsheet programs (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value: Any, safe: bool = False) -> Any:
    """CSV has no null: None becomes an empty cell (a speaker is never the empty string).
    With `safe`, a text cell a spreadsheet would run as a formula gets a leading `'`; off by
    default, because the prefix is then part of the value and the CSV no longer round-trips."""
    if value is None:
        return ""
    if safe and isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Writer(Protocol):
    """One output file: rows go in, and the file appears whole on commit or not at all."""

    target: Path

    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None: ...

    def finish(self) -> None: ...

    def commit(self) -> None: ...

    def discard(self) -> None: ...


class TextWriter:
    """The commit and discard of the text formats, over one atomic file."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.file = AtomicFile(target)

    def finish(self) -> None:
        self.file.finish()

    def commit(self) -> None:
        self.file.commit()

    def discard(self) -> None:
        self.file.discard()


class JsonlWriter(TextWriter):
    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.file.handle.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


class CsvWriter(TextWriter):
    def __init__(self, target: Path, fields: Sequence[str] = RECORD_FIELDS, safe: bool = False) -> None:
        super().__init__(target)
        self.safe = safe
        self.fields = tuple(fields)
        self.field_set = frozenset(fields)
        self.rows = csv.DictWriter(self.file.handle, fieldnames=fields)
        self.rows.writeheader()

    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        # A row with exactly the columns goes to the plain writer as a list, in column order;
        # any other goes through DictWriter (an empty cell for a missing column, an error for an extra).
        safe = self.safe
        for row in rows:
            if row.keys() == self.field_set:
                self.rows.writer.writerow([csv_value(row[k], safe) for k in self.fields])
            else:
                self.rows.writerow({k: csv_value(v, safe) for k, v in row.items()})


class ParquetWriter:
    """Quote rows as Parquet, typed as `read_quotes` types them, one row group per
    `row_group_rows` rows so that memory stays bounded however long the run."""

    def __init__(self, target: Path, row_group_rows: int = ROW_GROUP_ROWS) -> None:
        import pyarrow as pa  # imported here: only Parquet output needs it
        import pyarrow.parquet as pq

        self.target = target
        self.row_group_rows = row_group_rows
        self.schema = pa.schema([(name, arrow_type(name)) for name in RECORD_FIELDS])
        self.buffer: list[Mapping[str, Any]] = []
        self.file = AtomicFile(target, binary=True)
        self.parquet = pq.ParquetWriter(self.file.handle, self.schema)

    def write_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= self.row_group_rows:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self.buffer:
            columns = [arrow_column(name, [row[name] for row in self.buffer]) for name in RECORD_FIELDS]
            self.parquet.write_table(pa.Table.from_arrays(columns, schema=self.schema))
            self.buffer = []

    def finish(self) -> None:
        if self.parquet.is_open:
            self.flush()
            self.parquet.close()
        self.file.finish()

    def commit(self) -> None:
        self.finish()
        self.file.commit()

    def discard(self) -> None:
        if self.parquet.is_open:
            self.parquet.close()
        self.file.discard()


def arrow_type(column: str) -> Any:
    import pyarrow as pa

    if column in INT_COLUMNS:
        return pa.int64()
    if column in CATEGORIES:
        return pa.dictionary(pa.int32(), pa.string())
    return pa.string()


def arrow_column(column: str, values: list[Any]) -> Any:
    """One column as an Arrow array; a category column always carries its whole category list,
    in order, so that every row group and every reader sees the same categories."""
    import pyarrow as pa

    if column not in CATEGORIES:
        return pa.array(values, arrow_type(column))
    categories = CATEGORIES[column]
    codes = pa.array([categories.index(v) for v in values], pa.int32())
    return pa.DictionaryArray.from_arrays(codes, pa.array(categories, pa.string()))


def open_writer(fmt: str, target: Path, csv_safe: bool = False) -> Writer:
    if fmt == Format.parquet.value:
        return ParquetWriter(target)
    if fmt == Format.csv.value:
        return CsvWriter(target, safe=csv_safe)
    return JsonlWriter(target)


class QuoteWriter:
    """Context manager that writes `<stem>.<format>` files (and friends) into `out_dir` atomically."""

    def __init__(
        self,
        out_dir: str | os.PathLike[str],
        formats: Sequence[str] = DEFAULT_FORMATS,
        stem: str = "quotes",
        save_text: bool = False,
        csv_safe: bool = False,
    ) -> None:
        names = [Format(f).value if f in FORMATS else f for f in formats]
        unknown = set(names) - set(FORMATS)
        if unknown or not names:
            raise ValueError(f"unknown output format(s) {sorted(unknown)}; choose from {', '.join(FORMATS)}")
        self.out_dir = Path(out_dir)
        self.targets = {fmt: self.out_dir / f"{stem}.{fmt}" for fmt in dict.fromkeys(names)}
        if save_text:
            self.targets["articles"] = self.out_dir / "articles.jsonl"
        self.errors_target = self.out_dir / "errors.jsonl"
        self.csv_safe = csv_safe
        self.quote_writers: list[Writer] = []
        self.articles_writer: Writer | None = None
        self.errors_writer: Writer | None = None
        self.rows = 0
        self.errors = 0
        self.articles = 0
        self.kinds: Counter[str] = Counter()
        self.attributed = 0

    def __enter__(self) -> QuoteWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        try:
            for name, target in self.targets.items():
                if name == "articles":
                    self.articles_writer = JsonlWriter(target)
                else:
                    self.quote_writers.append(open_writer(name, target, self.csv_safe))
        except BaseException:
            self.discard()
            raise
        return self

    def all_writers(self) -> list[Writer]:
        extra = (self.articles_writer, self.errors_writer)
        return [*self.quote_writers, *(w for w in extra if w is not None)]

    def write(
        self,
        article_id: str,
        quotes: Iterable[Quote],
        text: str | None = None,
        source_path: str | None = None,
    ) -> int:
        records = [to_record(article_id, index, quote) for index, quote in enumerate(quotes)]
        for writer in self.quote_writers:
            writer.write_rows(records)
        for record in records:
            self.kinds[record["kind"]] += 1
            self.attributed += record["speaker"] is not None
        self.articles += 1
        if self.articles_writer is not None and text is not None:
            row = {"article_id": article_id, "source_path": source_path, "sha256": sha256(text), "text": text}
            self.articles_writer.write_rows([row])
        self.rows += len(records)
        return len(records)

    def error(self, article_id: str, source_path: str, message: str) -> None:
        """Record an input that failed; errors.jsonl exists only when one did."""
        if self.errors_writer is None:
            self.errors_writer = JsonlWriter(self.errors_target)
        self.errors_writer.write_rows(
            [{"article_id": article_id, "source_path": source_path, "error": message}]
        )
        self.errors += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is not None:
            self.discard()
            return
        # Every file is written in full before any is renamed, so that one that cannot be
        # (a folder in its place, a full disk) leaves all the earlier outputs as they were.
        try:
            for writer in self.all_writers():
                writer.finish()
            for writer in self.all_writers():
                writer.commit()
            if self.errors_writer is None:
                self.errors_target.unlink(missing_ok=True)  # no stale errors from an earlier run
        except BaseException:
            self.discard()
            raise
        self.quote_writers, self.articles_writer, self.errors_writer = [], None, None

    def discard(self) -> None:
        for writer in self.all_writers():
            writer.discard()
        self.quote_writers, self.articles_writer, self.errors_writer = [], None, None
