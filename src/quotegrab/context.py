"""One article context per Doc: paragraphs, token -> paragraph, and which tokens sit inside quotes.

Every stage after quote finding takes this context instead of recomputing its own view of
the text. Paragraphs are the lines of the text (clean text has one paragraph per line, with
blank lines between), numbered from 0; this module is the only place that numbers them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from .types import QuoteSpan

_LINE = re.compile(r"[^\n]+")


class Paragraphs:
    """The paragraphs of one text, as character spans."""

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = [m.span() for m in _LINE.finditer(text)]
        self.starts: list[int] = [s for s, _ in self.spans]
        self.length = len(text)

    def __len__(self) -> int:
        return len(self.spans)

    def index(self, pos: int) -> int:
        """The 0-based number of the paragraph that holds (or last started before) `pos`."""
        return max(bisect.bisect_right(self.starts, pos) - 1, 0)

    def span(self, pos: int) -> tuple[int, int]:
        """(start, end) of the paragraph at `pos`; the whole text when there is none."""
        return self.spans[self.index(pos)] if self.spans else (0, self.length)

    def back(self, start: int, n: int) -> int:
        """The start of the paragraph `n` paragraphs before the one starting at `start`."""
        i = bisect.bisect_left(self.starts, start)
        return self.starts[max(i - n, 0)] if self.starts else 0


def region_end(span: QuoteSpan) -> int:
    """Where a quote's region ends: after its closing mark, or at its content end if unclosed."""
    return span.close_mark + 1 if span.close_mark is not None else span.end


def region_start(span: QuoteSpan) -> int:
    return span.open_mark if span.open_mark is not None else span.start - 1


def quote_regions(spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
    """The character regions of the top-level quotes, marks included, in order."""
    return sorted((region_start(s), region_end(s)) for s in spans if s.kind == "direct")


@dataclass(frozen=True, slots=True)
class Parsed:
    """The parsed part of a Doc in fast mode: a short Doc of its parsed tokens, and for each
    of them its index in the full Doc (the patterns run over the short Doc); and the quote
    spans of the Doc's text, found while choosing what to parse (None: not found yet)."""

    piece: Doc
    kept: list[int]
    quotes: list[QuoteSpan] | None = None
    text: str | None = None  # the full Doc's text, read once while planning


class ArticleContext:
    """A parsed Doc with its quote spans: the shared view every stage reads."""

    def __init__(
        self,
        doc: Doc,
        spans: Sequence[QuoteSpan],
        paragraphs: Paragraphs | None = None,
        parsed: Parsed | None = None,
        text: str | None = None,
    ) -> None:
        self.doc = doc
        self.parsed = parsed  # fast mode: what was parsed; None: the whole Doc
        # Doc.text is rebuilt from every token on each access: read it once (`text`: already read)
        self.text = doc.text if text is None else text
        self.paragraphs = paragraphs or Paragraphs(self.text)
        self.spans = list(spans)
        self.token_starts: list[int] = doc.to_array(IDX).tolist()  # one array, not a Token each
        # Character regions covered by top-level quotes, marks included.
        self.regions = quote_regions(spans)
        self.inside = _flags(self.token_starts, self.regions)
        self.token_paragraph = _numbers(self.token_starts, self.paragraphs.starts)

    def in_quote(self, token: Token) -> bool:
        return self.inside[token.i]

    def outside_quotes(self, token: Token) -> bool:
        return not self.inside[token.i]

    def within(self, parent: QuoteSpan, inner: QuoteSpan) -> Callable[[Token], bool]:
        """Words of the outer quote, not of the nested quote itself."""
        return lambda t: parent.start <= t.idx < parent.end and not (inner.start <= t.idx < inner.end)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self.paragraphs.span(pos)

    def paragraph_index(self, pos: int) -> int:
        return self.paragraphs.index(pos)

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """The (start, end) token indices of each sentence, read once for every stage."""
        return [(sent.start, sent.end) for sent in self.doc.sents]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """The character offset of each sentence's first token."""
        return [self.token_starts[start] for start, _ in self.sentences]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The non-space tokens that start in [start, end)."""
        lo = bisect.bisect_left(self.token_starts, start)
        hi = bisect.bisect_left(self.token_starts, end)
        return [t for t in self.doc[lo:hi] if not t.is_space]


def _flags(positions: list[int], regions: list[tuple[int, int]]) -> list[bool]:
    """For sorted positions, whether each falls inside one of the sorted regions: one pass."""
    flags, r = [], 0
    for pos in positions:
        while r < len(regions) and regions[r][1] <= pos:
            r += 1
        flags.append(r < len(regions) and regions[r][0] <= pos)
    return flags


def _numbers(positions: list[int], starts: list[int]) -> list[int]:
    """For sorted positions, the index of the last start at or before each (0 before the first)."""
    numbers, k = [], 0
    for pos in positions:
        while k + 1 < len(starts) and starts[k + 1] <= pos:
            k += 1
        numbers.append(k)
    return numbers
