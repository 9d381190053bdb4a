"""Files -> article texts: decoding, and the article formats quotegrab reads.

Plain text and Markdown are analysed exactly as decoded. HTML goes through trafilatura
to keep only the main article text. JSON holds one article object, JSON Lines one per
line (id `file#id`). Every failure is a ReadError that names the file (and line).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

# Bytes that never occur in text files; more than a few of them means binary data.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05


class ReadError(Exception):
    """A file that cannot be turned into article text. The message names the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


# File suffix -> how its articles are read.
INPUT_FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


@dataclass(frozen=True, slots=True)
class Source:
    """One input file and the id its quotes are written under."""

    path: Path
    article_id: str
    fmt: str = "text"


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text, as analysed: every reported offset points into `text`."""

    article_id: str
    path: str
    text: str


def looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([b])) for b in _CONTROL_BYTES)
    return controls > _BINARY_CONTROL_SHARE * max(len(sample), 1)


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> str:
    """Decode bytes as UTF-8, else as the encoding charset-normalizer finds; raise ReadError."""
    if not data.strip():
        raise ReadError(path, "empty file")
    if looks_binary(data):
        raise ReadError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None or best.encoding is None:
            raise ReadError(path, "cannot decode: not UTF-8 and no other encoding fits") from None
        text = data.decode(best.encoding)
    if not text.strip():
        raise ReadError(path, "empty file")
    return text


def read_text(path: str | os.PathLike[str]) -> str:
    """Read one article file; every failure is a ReadError naming the file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, path)


def article_id(path: Path, root: Path | None) -> str:
    """The path relative to `root`, without suffix, with forward slashes."""
    rel = Path(os.path.abspath(path)).relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def common_root(paths: Iterable[Path]) -> Path | None:
    """The deepest folder holding every input (a folder itself, a file its parent): ids relative
    to it cannot collide, as `a/x.txt` and `b/x.txt` would by their names alone."""
    folders = [os.path.abspath(p if p.is_dir() else p.parent) for p in paths if p.exists()]
    return Path(os.path.commonpath(folders)) if folders else None


def input_format(path: Path, forced: str | None = None) -> str:
    if forced is not None:
        if forced not in set(INPUT_FORMATS.values()):
            raise ValueError(
                f"unknown input format {forced!r}; choose from {sorted(set(INPUT_FORMATS.values()))}"
            )
        return forced
    return INPUT_FORMATS.get(path.suffix.lower(), "text")


def folder_files(folder: Path, pattern: str | None = None) -> list[Path]:
    """The files under `folder` matching `pattern`, sorted; without a pattern, every file with a
    suffix in INPUT_FORMATS outside hidden folders (such as a run's own `.quotegrab/`)."""
    if pattern is not None:
        return sorted(p for p in folder.rglob(pattern) if p.is_file())
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in INPUT_FORMATS
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def find_sources(
    inputs: Iterable[str | os.PathLike[str]], pattern: str | None = None, forced_format: str | None = None
) -> Iterator[Source | ReadError]:
    """Expand files and folders (searched recursively for `pattern`, by default for every
    suffix in INPUT_FORMATS) into sources, in a stable order.

    A missing input is yielded as a ReadError so that the caller can report it and go on.
    """
    paths = [Path(item) for item in inputs]
    root = common_root(paths)
    for path in paths:
        if path.is_dir():
            for file in folder_files(path, pattern):
                yield Source(file, article_id(file, root), input_format(file, forced_format))
        elif path.is_file():
            yield Source(path, article_id(path, root), input_format(path, forced_format))
        else:
            yield ReadError(path, "no such file or folder")


def html_text(markup: str, path: str | os.PathLike[str] = "<html>") -> str:
    """The main article text of an HTML page, without navigation and boilerplate."""
    import trafilatura  # imported here: only HTML input needs it

    text = trafilatura.extract(markup, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise ReadError(path, "no article text found in the HTML")
    return text


def _field(record: Any, name: str, where: str) -> Any:
    if not isinstance(record, dict):
        raise ReadError(where, "not a JSON object")
    if name not in record:
        raise ReadError(where, f"no {name!r} field")
    return record[name]


def load_articles(
    source: Source, text_field: str = "text", id_field: str = "id"
) -> Iterator[Article | ReadError]:
    """The articles of one source file; a bad file or JSON line comes back as a ReadError."""
    try:
        raw = read_text(source.path)
    except ReadError as exc:
        yield exc
        return
    path = str(source.path)
    if source.fmt in ("text", "markdown"):
        yield Article(source.article_id, path, raw)
    elif source.fmt == "html":
        try:
            yield Article(source.article_id, path, html_text(raw, path))
        except ReadError as exc:
            yield exc
    elif source.fmt == "json":
        try:
            text = _field(json.loads(raw), text_field, path)
            yield _json_article(source.article_id, path, text, path)
        except json.JSONDecodeError as exc:
            yield ReadError(path, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        except ReadError as exc:
            yield exc
    else:
        yield from _jsonl_articles(source, raw, text_field, id_field)


def _json_article(article_id: str, path: str, text: Any, where: str) -> Article:
    if not isinstance(text, str) or not text.strip():
        raise ReadError(where, "empty article text")
    return Article(article_id, path, text)


def _jsonl_articles(
    source: Source, raw: str, text_field: str, id_field: str
) -> Iterator[Article | ReadError]:
    path = str(source.path)
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            text = _field(record, text_field, where)
            key = record.get(id_field, number) if isinstance(record, dict) else number
            yield _json_article(f"{source.article_id}#{key}", path, text, where)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg}")
        except ReadError as exc:
            yield exc
