"""Bytes -> text: byte-order marks, the binary test, UTF-8, and a careful guess for the rest.

Knows nothing of files: a failure is a DecodeError with a reason, which `read` turns into
a ReadError naming the file. Also the text-level repairs every entry point applies: lone
surrogates (from JSON "\\ud800" escapes) become U+FFFD, one character for one, so offsets hold.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

# Bytes that never occur in text files; more than a few of them means binary data.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05

# UTF-32 first: its little-endian BOM begins with UTF-16's.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Languages cp1252 writes in full: when the detector names one of these, its own pick among
# the single-byte code pages (cp1257 for "déjà", cp1250 for German) is no reason to leave cp1252.
CP1252_LANGUAGES = frozenset(
    "English French Spanish German Portuguese Italian Dutch Danish Norwegian Swedish Finnish "
    "Indonesian Estonian Unknown".split()
)
# Below this coherence the detector's language is noise (short texts score 0).
CONFIDENT_COHERENCE = 0.3

_SURROGATE = re.compile("[\ud800-\udfff]")


class DecodeError(ValueError):
    """Bytes that are not article text; the message is the reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    guessed: bool = False  # True when neither a BOM nor valid UTF-8 said what the bytes are


def looks_binary(data: bytes, lines: bool = False) -> bool:
    """NUL bytes or many control bytes near the start. With `lines` (JSON Lines), a line
    holding a NUL is that line's problem, not the file's: only the other lines are tested."""
    sample = data[:_BINARY_SAMPLE]
    if lines and b"\x00" in sample:
        kept = b"\n".join(line for line in data.split(b"\n") if b"\x00" not in line)
        if not kept.strip():
            return True
        sample = kept[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # one pass, not one a byte
    return controls > _BINARY_CONTROL_SHARE * max(len(sample), 1)


def decode_bytes(data: bytes, lines: bool = False) -> Decoded:
    """A BOM's encoding, else UTF-8, else a guess (cp1252 preferred); raise DecodeError."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"cannot decode: {encoding} BOM, but {exc.reason} at byte {exc.start}"
                ) from None
            return Decoded(_nonempty(text), encoding)
    if not data.strip():
        raise DecodeError("empty file")
    if looks_binary(data, lines):
        raise DecodeError("binary file, not text")
    try:
        return Decoded(_nonempty(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    guess = guess_encoding(data)
    if guess is None:
        raise DecodeError("cannot decode: not UTF-8 and no other encoding fits")
    return Decoded(_nonempty(data.decode(guess)), guess, guessed=True)


def guess_encoding(data: bytes) -> str | None:
    """The encoding of bytes that are not UTF-8: cp1252 whenever the bytes are valid cp1252,
    unless the detector is confident of a language cp1252 cannot write (Russian, Greek, Polish)."""
    best = from_bytes(data).best()
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None if best is None else best.encoding
    if best is not None and best.coherence >= CONFIDENT_COHERENCE and best.language not in CP1252_LANGUAGES:
        return best.encoding
    return "cp1252"


def _nonempty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty file")
    return text


def replace_surrogates(text: str) -> str:
    """Lone surrogates (UTF-8 cannot encode them) as U+FFFD: same length, so offsets hold."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def shown_name(name: str) -> str:
    """A file name or id as writable text, losslessly: bytes a file name could not decode
    (held as surrogateescape) as \\xNN, any other lone surrogate as \\udNNN."""
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
