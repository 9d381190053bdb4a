"""Files -> article texts: decoding, and the article formats quotegrab reads.

Plain text and Markdown are analysed exactly as decoded. HTML goes through trafilatura
to keep only the main article text. JSON holds one article object, JSON Lines one per
line (id `file#id`). Every failure is a ReadError that names the file (and line).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .decode import Decoded, DecodeError, decode_bytes, replace_surrogates, shown_name
from .walk import walk

# Files over this many bytes are refused before they are read (`--max-bytes`).
DEFAULT_MAX_BYTES = 100_000_000


class ReadError(Exception):
    """A file that cannot be turned into article text. The message names the file."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = shown_name(str(path))
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
    max_bytes: int | None = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Article:
    """One article's text, as analysed: every reported offset points into `text`."""

    article_id: str
    path: str
    text: str
    encoding: str | None = None  # set when the encoding was guessed, for a warning

    def __post_init__(self) -> None:
        # Only writable text goes on: a JSON "\ud800" or an undecodable file name must cost
        # nothing but itself (hashing and every output encode UTF-8).
        object.__setattr__(self, "text", replace_surrogates(self.text))
        object.__setattr__(self, "article_id", shown_name(self.article_id))
        object.__setattr__(self, "path", shown_name(self.path))


def decode(data: bytes, path: str | os.PathLike[str] = "<bytes>") -> str:
    """Decode bytes (BOM, else UTF-8, else a guess preferring cp1252); raise ReadError."""
    return _decode(data, path).text


def _decode(data: bytes, path: str | os.PathLike[str], lines: bool = False) -> Decoded:
    try:
        return decode_bytes(data, lines)
    except DecodeError as exc:
        raise ReadError(path, str(exc)) from None


def read_bytes(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one file; too big a file is refused from its size, before it is read."""
    try:
        size = os.stat(path).st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(path, f"too big: {size:,} bytes, over the limit of {max_bytes:,} (--max-bytes)")
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError(path, "no such file") from None
    except IsADirectoryError:
        raise ReadError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None


def read_text(path: str | os.PathLike[str], max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """Read one article file; every failure is a ReadError naming the file."""
    return _decode(read_bytes(path, max_bytes), path).text


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


def folder_files(folder: Path, pattern: str | None = None) -> list[Path | ReadError]:
    """The files under `folder` matching `pattern`, sorted; without a pattern, every file with a
    suffix in INPUT_FORMATS outside hidden folders (such as a run's own `.quotegrab/`).
    A broken symlink, a symlink loop or a folder that cannot be listed is a ReadError in its place."""

    def wanted(rel: Path) -> bool:
        return rel.match(pattern) if pattern is not None else rel.suffix.lower() in INPUT_FORMATS

    found = walk(folder, wanted, skip_hidden=pattern is None)
    return [path if problem is None else ReadError(path, problem) for path, problem in found]


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
                if isinstance(file, ReadError):
                    yield file
                else:
                    yield Source(file, article_id(file, root), input_format(file, forced_format))
        elif path.is_file():
            yield Source(path, article_id(path, root), input_format(path, forced_format))
        else:
            yield ReadError(path, "no such file or folder")


def note_guesses(
    items: Iterable[Article | ReadError], on_guess: Callable[[str, str], None]
) -> Iterator[Article | ReadError]:
    """Pass every item on, calling `on_guess(path, encoding)` for each file whose encoding was
    guessed (a JSON Lines file is one guess, not one a line)."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article) and item.encoding is not None and item.path not in seen:
            seen.add(item.path)
            on_guess(item.path, item.encoding)
        yield item


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
        decoded = _decode(read_bytes(source.path, source.max_bytes), source.path, source.fmt == "jsonl")
    except ReadError as exc:
        yield exc
        return
    raw, guessed = decoded.text, decoded.encoding if decoded.guessed else None
    path = str(source.path)
    if source.fmt in ("text", "markdown"):
        yield Article(source.article_id, path, raw, guessed)
    elif source.fmt == "html":
        try:
            yield Article(source.article_id, path, html_text(raw, path), guessed)
        except ReadError as exc:
            yield exc
    elif source.fmt == "json":
        try:
            text = _field(json.loads(raw), text_field, path)
            yield _json_article(source.article_id, path, text, path, guessed)
        except json.JSONDecodeError as exc:
            yield ReadError(path, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        except ReadError as exc:
            yield exc
    else:
        yield from _jsonl_articles(source, raw, text_field, id_field, guessed)


def _json_article(article_id: str, path: str, text: Any, where: str, guessed: str | None = None) -> Article:
    if not isinstance(text, str):
        raise ReadError(where, f"text is not a string: {type(text).__name__}")
    if not text.strip():
        raise ReadError(where, "empty article text")
    return Article(article_id, path, text, guessed)


def _jsonl_articles(
    source: Source, raw: str, text_field: str, id_field: str, guessed: str | None = None
) -> Iterator[Article | ReadError]:
    path = str(source.path)
    # "\n" alone ends a line: splitlines() would also cut at a raw U+2028 inside a JSON string
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if "\x00" in line:  # only this line is binary; the binary test let the file through
            yield ReadError(where, "NUL byte in the line")
            continue
        try:
            record = json.loads(line)
            text = _field(record, text_field, where)
            key = record.get(id_field, number) if isinstance(record, dict) else number
            yield _json_article(f"{source.article_id}#{key}", path, text, where, guessed)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON: {exc.msg}")
        except ReadError as exc:
            yield exc
