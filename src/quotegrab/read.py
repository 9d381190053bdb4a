"""File -> raw text. Decoding only: the text is kept exactly as decoded."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True, slots=True)
class Source:
    """One input file and the id its quotes are written under."""

    path: Path
    article_id: str


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
    """The path relative to its input folder, without suffix, with forward slashes."""
    rel = path.relative_to(root) if root is not None else Path(path.name)
    return rel.with_suffix("").as_posix()


def find_sources(
    inputs: Iterable[str | os.PathLike[str]], pattern: str = "*.txt"
) -> Iterator[Source | ReadError]:
    """Expand files and folders (searched recursively for `pattern`) into sources, in a stable order.

    A missing input is yielded as a ReadError so that the caller can report it and go on.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in sorted(p for p in path.rglob(pattern) if p.is_file()):
                yield Source(file, article_id(file, path))
        elif path.is_file():
            yield Source(path, article_id(path, None))
        else:
            yield ReadError(path, "no such file or folder")
