"""Clean text -> quoted spans, from the quote marks alone.

Marks are paired paragraph by paragraph with a small state machine. Curly marks carry
their direction; straight marks get theirs from the characters around them. A paragraph
that ends inside a quote continues it when the next paragraph reopens with a mark (the
newspaper convention for multi-paragraph quotes); otherwise the quote is recovered up
to its attribution or the paragraph end, and pairing starts afresh. One bad mark can
cost one quote, never the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .context import Paragraphs
from .signals import SpeechSignals, default_signals
from .types import QuoteSpan

DOUBLE_MARKS = frozenset('"“”')
SINGLE_MARKS = frozenset("'‘’")
# The marks found by a search in C: a Python test of every character cost more than the pairing
_FINDS = {DOUBLE_MARKS: re.compile('["“”]'), SINGLE_MARKS: re.compile("['‘’]")}
_OPEN_BEFORE = frozenset(" \n([{—–-/:;,")
_CLOSE_AFTER = frozenset(" \n.,;:!?)]}—–-/")
# Speech's own last punctuation: a straight mark after it and glued to a word may close a quote
# ('"No way,"she said') as well as open one ('he said,"Look'); the pairing state tells which.
_SPEECH_END = frozenset(",.!?")
_ELISIONS = re.compile(r"'(?:em|til|n'?|cause|bout|\d0s|\d\d)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from vs de la le du von van".split())


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    can_open: bool
    can_close: bool
    possessive: bool = False  # "the directors' plans": closes only if nothing better does


def _classify(text: str, pos: int, curly_open: str, curly_close: str) -> _Mark:
    before = text[pos - 1] if pos > 0 else "\n"
    after = text[pos + 1] if pos + 1 < len(text) else "\n"
    ctx_open = (
        before in _OPEN_BEFORE or before in DOUBLE_MARKS or before in SINGLE_MARKS
    ) and not after.isspace()
    ctx_close = not before.isspace() and (
        after in _CLOSE_AFTER or after in DOUBLE_MARKS or after in SINGLE_MARKS or after == "\n"
    )
    char = text[pos]
    if char == curly_open:  # trust the typesetter unless the context clearly disagrees
        return _Mark(pos, True, ctx_close and not ctx_open)
    if char == curly_close:
        return _Mark(pos, ctx_open and not ctx_close, True)
    if not ctx_open and not ctx_close:  # free-standing mark: could be either
        return _Mark(pos, True, True)
    if ctx_open and before in _SPEECH_END and after.isalpha():
        return _Mark(pos, True, True)
    return _Mark(pos, ctx_open, ctx_close)


def _marks(text: str, start: int, end: int, family: frozenset[str]) -> Iterator[int]:
    """The positions of the family's marks in text[start:end]."""
    return (m.start() for m in _FINDS[family].finditer(text, start, end))


def _single_marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    for i in _marks(text, start, end, SINGLE_MARKS):
        char = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():  # apostrophe: it's, O'Hara
            continue
        if char != "‘" and _ELISIONS.match(text, i) and (before.isspace() or before in DOUBLE_MARKS):
            continue
        mark = _classify(text, i, "‘", "’")
        if mark.can_close and not mark.can_open and before in "sS" and after == " ":
            mark = _Mark(i, False, True, possessive=True)
        marks.append(mark)
    return marks


def _pair_flat(marks: list[_Mark]) -> Iterator[tuple[int, int]]:
    """Pair marks inside one quote: each opener with the next mark that can close.

    A possessive-looking closer ("directors' ") is passed over when another closer follows.
    Marks left unpaired (a stray "Soundtrack #2,'") are ignored.
    """
    i = 0
    while i < len(marks):
        if not marks[i].can_open:
            i += 1
            continue
        closers = [j for j in range(i + 1, len(marks)) if marks[j].can_close]
        if not closers:
            i += 1
            continue
        j = closers[1] if marks[closers[0]].possessive and len(closers) > 1 else closers[0]
        yield marks[i].pos, marks[j].pos
        i = j + 1


@dataclass
class _Open:
    pos: int
    paragraph: int


class _Pairer:
    """The state machine over one mark family (double marks, or single ones for British style)."""

    def __init__(
        self,
        text: str,
        paragraphs: Paragraphs,
        marks: frozenset[str],
        curly: tuple[str, str],
        signals: SpeechSignals,
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.signals = signals
        self.marks = marks
        self.curly = curly
        self.spans: list[QuoteSpan] = []

    def marks_in(self, start: int, end: int) -> list[_Mark]:
        if self.marks is SINGLE_MARKS:
            return _single_marks(self.text, start, end)
        return [_classify(self.text, i, *self.curly) for i in _marks(self.text, start, end, self.marks)]

    def emit(self, opened: _Open, close: int | None, end: int, closed: bool) -> None:
        start = opened.pos + 1
        if not closed:
            end = self.signals.speech_end(self.text, start, end)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end > start:
            self.spans.append(
                QuoteSpan(
                    start=start,
                    end=end,
                    kind="direct",
                    paragraph=opened.paragraph,
                    closed=closed,
                    open_mark=opened.pos,
                    close_mark=close,
                )
            )

    def run(self) -> list[QuoteSpan]:
        paragraphs = self.paragraphs.spans
        state: _Open | None = None
        for p, (pstart, pend) in enumerate(paragraphs):
            marks = self.marks_in(pstart, pend)
            if state is not None:  # carried over from the previous paragraph
                if marks and marks[0].pos == pstart and marks[0].can_open:
                    marks = marks[1:]  # the reopening mark of a multi-paragraph quote
                else:
                    prev_end = paragraphs[p - 1][1]
                    self.emit(state, None, prev_end, closed=False)
                    state = None
            for mark in marks:
                if state is None:
                    if mark.can_open:
                        state = _Open(mark.pos, p)
                    # a mark that can only close, with nothing open, is stray: ignore it
                elif mark.can_close:
                    self.emit(state, mark.pos, mark.pos, closed=True)
                    state = None
                else:  # a second opener: the first quote lost its closing mark
                    self.emit(state, None, mark.pos, closed=False)
                    state = _Open(mark.pos, p)
        if state is not None:
            self.emit(state, None, paragraphs[-1][1] if paragraphs else len(self.text), closed=False)
        return self.spans


_STOP = r"[.!?…][)\]’']?"  # a sentence end, perhaps inside a bracket or a nested quote's mark
_SENTENCE_END_SPACE = re.compile(rf"{_STOP}([ \t]+)$")
# Where lost_breaks can find a break: a double mark after a sentence end (clean.py's prefilter)
LOST_BREAK_SITE = rf"{_STOP}[ \t]+[\"“]"


def lost_breaks(line: str, signals: SpeechSignals | None = None) -> list[tuple[int, int]]:
    """The whitespace runs where one line of text lost a paragraph break: before an opening
    double mark that follows a sentence end while a quote is still open, with no attribution
    between them. A quote that runs on into the next paragraph is not closed at the
    paragraph's end, and that paragraph reopens it with a mark; a scraper that joins the
    paragraphs leaves that mark mid-line, where pairing would read it as a new quote after a
    lost closing mark. A quote followed by narration ('... weather. Market manager Ann Roy
    said ... "Next') was left unclosed at its paragraph's end: it is not carried on."""
    signals = signals or default_signals()
    found: list[tuple[int, int]] = []
    opened: int | None = None
    for i in _marks(line, 0, len(line), DOUBLE_MARKS):
        mark = _classify(line, i, "“", "”")
        if opened is None:
            opened = i if mark.can_open else None
        elif mark.can_close:  # as _Pairer reads a mark that may do either: it closes
            opened = None
        else:
            end = _SENTENCE_END_SPACE.search(line[max(i - 8, 0) : i])
            if end is not None and signals.speech_end(line, opened + 1, i) == i:
                found.append((i - len(end.group(1)), i))  # the quote carries on
            else:
                opened = i  # a new quote: the open one lost its closing mark
    return found


def _primary_is_single(text: str, paragraphs: Paragraphs, signals: SpeechSignals) -> bool:
    """British style: single marks around speech, and any double-marked span sits inside one."""
    if _FINDS[SINGLE_MARKS].search(text) is None:
        return False
    singles = [q for q in _Pairer(text, paragraphs, SINGLE_MARKS, ("‘", "’"), signals).run() if q.closed]
    if not singles:
        return False
    doubles = _Pairer(text, paragraphs, DOUBLE_MARKS, ("“", "”"), signals).run()
    return all(any(s.start <= d.start and d.end <= s.end for s in singles) for d in doubles)


def find_quotes(
    text: str, paragraphs: Paragraphs | None = None, signals: SpeechSignals | None = None
) -> list[QuoteSpan]:
    """All quoted spans of clean text: top-level ones as "direct", inner ones as "nested".

    No speech filtering happens here: titles and scare quotes are candidates too.
    """
    paragraphs = paragraphs or Paragraphs(text)
    signals = signals or default_signals()
    if _primary_is_single(text, paragraphs, signals):
        outer = _Pairer(text, paragraphs, SINGLE_MARKS, ("‘", "’"), signals).run()
        inner_marks: frozenset[str] = DOUBLE_MARKS
    else:
        outer = _Pairer(text, paragraphs, DOUBLE_MARKS, ("“", "”"), signals).run()
        inner_marks = SINGLE_MARKS
    spans = list(outer)
    for quote in outer:
        spans.extend(_nested(text, paragraphs, quote, inner_marks))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _nested(
    text: str, paragraphs: Paragraphs, outer: QuoteSpan, inner_marks: frozenset[str]
) -> Iterator[QuoteSpan]:
    if inner_marks is SINGLE_MARKS:
        marks = _single_marks(text, outer.start, outer.end)
    else:
        marks = [_classify(text, i, "“", "”") for i in _marks(text, outer.start, outer.end, inner_marks)]
    for open_pos, close_pos in _pair_flat(marks):
        if close_pos > open_pos + 1:
            yield QuoteSpan(
                start=open_pos + 1,
                end=close_pos,
                kind="nested",
                paragraph=paragraphs.index(open_pos),
                parent=outer.start,
                open_mark=open_pos,
                close_mark=close_pos,
            )


def fills_paragraph(text: str, span: QuoteSpan, paragraphs: Paragraphs) -> bool:
    """Whether the quote is its whole paragraph, marks aside: a line of dialogue ("No."),
    never a title or a scare quote."""
    open_at = span.open_mark if span.open_mark is not None else span.start
    close_end = span.close_mark + 1 if span.close_mark is not None else span.end
    start, end = paragraphs.span(open_at)
    outside = text[start:open_at] + text[close_end:end]
    return span.kind == "direct" and not outside.strip(" .,;:!?—–-")


def opens_sentence(text: str, span: QuoteSpan) -> bool:
    """Whether the quote's opening mark starts a sentence (or follows a colon) in its paragraph."""
    at = span.open_mark if span.open_mark is not None else span.start
    before = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
    return not before or before[-1] in ".!?:;\"”'’"


def fills_sentence(text: str, span: QuoteSpan) -> bool:
    """Whether a quote is a whole sentence of its own ("... said Collins. 'Simple as that.'"):
    it opens a sentence, ends in a stop inside its marks, and a sentence or the paragraph
    begins after it. A scare quote or a title never does."""
    if not opens_sentence(text, span) or text[span.start : span.end].rstrip()[-1:] not in ".!?":
        return False
    close = span.close_mark if span.close_mark is not None else span.end
    after = text[close + 1 : close + 3].lstrip(" ")
    return not after or after[0] == "\n" or after[0].isupper() or after[0] in "\"“‘'"


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_title_like(text: str) -> bool:
    """Every word capitalised (small words aside), as in titles and names: "Soundtrack #2"."""
    tokens = words(text)
    if not tokens:
        return True
    content = [t for t in tokens if t.lower() not in _SMALL_WORDS or t is tokens[0]]
    return all(t[0].isupper() or t[0].isdigit() for t in content)


def ends_like_speech(text: str) -> bool:
    return text.rstrip()[-1:] in {".", ",", "!", "?", "…", ":", ";", "-", "—"}


def is_speech(text: str, has_cue: bool, opens_sentence: bool = True) -> bool:
    """Whether a quoted span reads as speech rather than a title, name or scare quote.

    Long non-title spans are speech. Short spans and title-like spans need a reporting
    cue right beside them and punctuation inside the marks ("No," she said.); a
    title-like span must also open its sentence, since a title mid-sentence keeps its
    American-style comma (released "Low Tide," the label said).
    """
    n = len(words(text))
    if n == 0:
        return False
    title = is_title_like(text)
    if has_cue and ends_like_speech(text) and (opens_sentence or not title):
        return True
    if title:
        return False
    if n >= 4:
        return True
    return has_cue and n >= 2
