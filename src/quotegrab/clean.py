"""Raw article text -> analysis text, with an offset map back to the raw text.

Every step is a plain `str -> str` callable, so steps compose and test on their own.
`clean()` runs them while threading a per-character offset map, so that every span
found in the clean text can be reported in raw-text offsets.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .decode import replace_surrogates
from .lexicon import NOISE_PARAGRAPH
from .quotes import LOST_BREAK_SITE, lost_breaks
from .types import DocQuote, Quote

Replacement = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Step:
    """A regex rewrite. Calling it is the plain `str -> str` form."""

    name: str
    pattern: re.Pattern[str]
    repl: Replacement
    literal: str | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A replacement with no backslash is itself: no template to expand for each match.
        plain = isinstance(self.repl, str) and "\\" not in self.repl
        object.__setattr__(self, "literal", self.repl if plain else None)

    def __call__(self, text: str) -> str:
        return self.pattern.sub(self.repl, text)

    def apply(self, text: str, offsets: array[int]) -> tuple[str, array[int]]:
        """Rewrite `text` and the map from its characters (plus the end) to raw offsets."""
        pieces: list[str] = []
        new_offsets: array[int] = array("q")
        pos = 0
        for match in self.pattern.finditer(text):
            s, e = match.span()
            if self.literal is not None:
                new = self.literal
            else:
                new = match.expand(self.repl) if isinstance(self.repl, str) else self.repl(match)
            if new == match.group():
                continue
            pieces.append(text[pos:s])
            new_offsets.extend(offsets[pos:s])
            pieces.append(new)
            if len(new) == e - s:
                new_offsets.extend(offsets[s:e])
            else:  # a longer or shorter rewrite: align it, so no later character drifts
                new_offsets.extend(offsets[s + k] for k in align(match.group(), new))
            pos = e
        if not pieces:
            return text, offsets
        pieces.append(text[pos:])
        new_offsets.extend(offsets[pos:])  # includes the end sentinel
        return "".join(pieces), new_offsets


def align(old: str, new: str) -> list[int]:
    """For each character of `new`, the index in `old` it comes from.

    Characters the two share are matched in order; an inserted character (a paragraph break
    where a line break was) points at the old character in its place; a removed one is skipped.
    """
    if not old:
        return [0] * len(new)
    out: list[int] = []
    i = 0
    for char in new:
        while i < len(old) and old[i] != char and not char.isspace():
            i += 1  # an old character the rewrite dropped
        if i < len(old) and old[i] == char:
            out.append(i)
            i += 1
        else:
            out.append(min(i, len(old) - 1))
    return out


def _quote_mark(match: re.Match[str]) -> str:
    return _QUOTE_MAP[match.group()]


# Variant marks -> the four canonical ones, keeping direction where the mark shows it.
_QUOTE_MAP = {
    "«": "“",
    "»": "”",
    "„": "“",
    "‟": "“",
    "〝": "“",
    "〞": "”",
    "＂": '"',
    "″": '"',
    "‹": "‘",
    "›": "’",
    "‚": "‘",
    "‛": "‘",
    "``": "“",
    "''": "”",
}


def _paragraph_block(match: re.Match[str]) -> str:
    """Unwrap a hard-wrapped block; keep a block of long lines as separate paragraphs."""
    block = match.group()
    lines = block.split("\n")
    if len(lines) > 1 and max(len(line) for line in lines[:-1]) <= _WRAP_WIDTH:
        return " ".join(lines)
    return "\n\n".join(lines)


_WRAP_WIDTH = 100


def _noise(match: re.Match[str]) -> str:
    para = match.group()
    if len(para.split()) <= _NOISE_MAX_WORDS and NOISE_PARAGRAPH.search(para.strip()):
        # A blank line after the noise still ends the paragraph above it: "Business
        # Reporter" over a dropped "Updated 11.48am" must not run into the story's first line.
        return "\n\n" if "\n\n" in para and match.start() > 0 else ""
    return para


_NOISE_MAX_WORDS = 40


def _headline(match: re.Match[str]) -> str:
    """A short line with no sentence end, above another paragraph: a headline or subhead."""
    para = match.group().rstrip("\n")
    short = len(para.split()) <= _HEADLINE_MAX_WORDS
    balanced = sum(para.count(mark) for mark in '"“”') % 2 == 0  # else a quote runs on below
    if short and balanced and _HEADLINE_START.match(para) and not _SENTENCE_TAIL.search(para):
        return ""
    return match.group()


def _recovered(match: re.Match[str]) -> str:
    """A paragraph with its lost breaks put back (quotes.lost_breaks)."""
    line = match.group()
    pieces, pos = [], 0
    for start, end in lost_breaks(line):
        pieces += [line[pos:start], "\n\n"]
        pos = end
    return "".join(pieces) + line[pos:] if pieces else line


_HEADLINE_MAX_WORDS = 16
_HEADLINE_START = re.compile(r"[A-Z0-9‘“'\"]")
# A sentence ends in a stop, perhaps inside closing marks; a headline may end in a quoted
# phrase without one: `Landlords vow lawsuit; mayor calls vote "a start"`.
_SENTENCE_TAIL = re.compile(r"[.!?:;,…][\"”’')\]]*\s*$|[)\]]\s*$")

normalize_newlines = Step("normalize_newlines", re.compile(r"\r\n?"), "\n")
remove_invisible = Step("remove_invisible", re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]+"), "")
_SPACES = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# Every run of spaces but a lone " ", which would be replaced by itself: most of a text's spaces.
normalize_spaces = Step("normalize_spaces", re.compile(rf" {_SPACES}+|(?! ){_SPACES}+"), " ")
strip_line_spaces = Step("strip_line_spaces", re.compile(r"(?m)^ +| +$"), "")
normalize_quote_marks = Step("normalize_quote_marks", re.compile("``|''|[«»„‟〝〞＂″‹›‚‛]"), _quote_mark)
# The horizontal bar some sites set as a dash: the parser, which hardly saw it in training,
# may read it as a noun and make it a subject ("made public ― Trump boasted"). A hyphen after a
# quote, on its line or opening the next, and before a capital is a dash too, the signature of
# the quote ('..." -Ann Lee, Boston': the tokenizer keeps "-Ann" whole).
_SIGNING_HYPHEN = r'(?:(?<=["”] )|(?<=["”]\n)|(?<=["”]\n\n))-(?= ?[A-Z])'
normalize_dashes = Step("normalize_dashes", re.compile(f"\u2015|{_SIGNING_HYPHEN}"), "\u2014")
# A curly closing single mark between letters is an apostrophe: "don’t" -> "don't".
normalize_apostrophes = Step("normalize_apostrophes", re.compile(r"(?<=\w)[’`´](?=\w)"), "'")
strip_noise_paragraphs = Step("strip_noise_paragraphs", re.compile(r"(?m)^[^\n]+(?:\n+|$)"), _noise)
# Blank-line separated text: a block of short lines is hard-wrapped prose.
# Anchored at a line start: a match can only start there, and unanchored, every failed start
# inside a line would scan to its end again (quadratic in the line's length).
unwrap_blocks = Step("unwrap_blocks", re.compile(r"(?m)^[^\n]+(?:\n[^\n]+)+"), _paragraph_block)
# A multi-paragraph quote's reopening mark after a sentence end, mid-line: the break before
# it was lost (scraped text whose line breaks were dropped), and is put back.
# Only a line with a double mark after a sentence end can hold one: most lines cost one scan.
recover_paragraphs = Step(
    "recover_paragraphs", re.compile(rf"(?m)^[^\n]*?{LOST_BREAK_SITE}[^\n]*"), _recovered
)
squeeze_blank_lines = Step("squeeze_blank_lines", re.compile(r"\n{3,}"), "\n\n")
# Headlines and subheads have no full stop, so a parser reads them into the next sentence.
strip_headlines = Step("strip_headlines", re.compile(r"(?m)^[^\n]+\n\n(?=[^\n])"), _headline)
# "OTTAWA —", "LONDON (Reuters) -" and a liveblog's "10:42 a.m." before the first words.
strip_datelines = Step(
    "strip_datelines",
    re.compile(
        r"(?m)^(?:[A-Z][A-Z.'’-]{2,}(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]{1,2}"
        r"|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*(?:[A-Z]{2,4}\b)?\s*[—–:-]?|(?:[A-Z]{2,4}\b)?\s*[—–:-]))"
        r"\s+(?=\S)"
    ),
    "",
)
single_newline_paragraphs = Step("single_newline_paragraphs", re.compile(r"(?<!\n)\n(?!\n)"), "\n\n")
trim_ends = Step("trim_ends", re.compile(r"^\s+|\s+$"), "")

CHARACTER_STEPS: tuple[Step, ...] = (
    normalize_newlines,
    remove_invisible,
    normalize_spaces,
    strip_line_spaces,
    normalize_quote_marks,
    normalize_dashes,
    normalize_apostrophes,
)


def paragraph_steps(text: str) -> tuple[Step, ...]:
    """Paragraph layout: blank-line separated blocks, or one paragraph per line."""
    layout = unwrap_blocks if "\n\n" in text else single_newline_paragraphs
    return (
        strip_noise_paragraphs,
        layout,
        recover_paragraphs,
        squeeze_blank_lines,
        strip_headlines,
        strip_datelines,
        trim_ends,
    )


@dataclass(frozen=True)
class Cleaned:
    """Clean text, paragraphs separated by one blank line, with `offsets[i]` = raw index of char i.

    It owns the one map between the two offset spaces: `quote_to_raw` turns a `DocQuote`
    (offsets into `text`) into a `Quote` (offsets into `raw`, raw paragraph numbers).
    """

    raw: str
    text: str
    offsets: Sequence[int]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span to the raw span that covers the same characters."""
        if end <= start:
            raw = self.offsets[start]
            return raw, raw
        return self.offsets[start], self.offsets[end - 1] + 1

    @cached_property
    def raw_paragraph(self) -> Callable[[int], int]:
        return paragraph_index(self.raw)

    def quote_to_raw(self, quote: DocQuote) -> Quote:
        """The same quote in raw-text offsets; its text and mention become slices of the raw text."""
        start, end = self.to_raw(quote.start, quote.end)
        fields = quote.to_dict()
        fields.update(text=self.raw[start:end], start=start, end=end, paragraph=self.raw_paragraph(start))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            s, e = self.to_raw(quote.speaker_start, quote.speaker_end)
            fields.update(speaker_start=s, speaker_end=e, speaker_mention=self.raw[s:e])
        if quote.cue_start is not None and quote.cue_end is not None:
            fields["cue_start"], fields["cue_end"] = self.to_raw(quote.cue_start, quote.cue_end)
        fields["speaker"] = self.as_written(quote.speaker, quote.start)
        return Quote(**fields)

    def as_written(self, phrase: str | None, near: int) -> str | None:
        """A name or description as the raw text writes it ("St Fintan’s", curly apostrophe and
        all): its clean-text occurrence nearest before `near` mapped back, when the two differ only
        by the character steps."""
        if not phrase:
            return phrase
        found = []  # every occurrence, left to right, none overlapping (as re.finditer finds them)
        at = self.text.find(phrase)
        while at >= 0:
            found.append(at)
            at = self.text.find(phrase, at + len(phrase))
        if not found:
            return phrase
        at = max((f for f in found if f <= near), default=found[0])
        start, end = self.to_raw(at, at + len(phrase))
        written = self.raw[start:end]
        # written as the clean text has it (most names): no character steps to run over it
        return written if written == phrase or clean_characters(written) == phrase else phrase

    def quotes_to_raw(self, quotes: Iterable[DocQuote]) -> tuple[Quote, ...]:
        return tuple(self.quote_to_raw(q) for q in quotes)


def clean(raw: str, steps: Sequence[Step] | None = None) -> Cleaned:
    """Run the cleaning steps over raw text, keeping the map back to raw offsets."""
    raw = replace_surrogates(raw)  # spaCy and every output encode UTF-8; same length, offsets hold
    text = raw
    offsets = array("q", range(len(raw) + 1))  # 8 bytes a character, not a list's 36
    for step in steps if steps is not None else CHARACTER_STEPS:
        text, offsets = step.apply(text, offsets)
    if steps is None:
        for step in paragraph_steps(text):
            text, offsets = step.apply(text, offsets)
    return Cleaned(raw, text, offsets)


def clean_characters(text: str) -> str:
    """The character steps alone, composed: no paragraph layout."""
    for step in CHARACTER_STEPS:
        text = step(text)
    return text


def clean_text(raw: str) -> str:
    """The clean text alone: every step composed as `str -> str`."""
    text = replace_surrogates(raw)
    for step in CHARACTER_STEPS:
        text = step(text)
    for step in paragraph_steps(text):
        text = step(text)
    return text


def paragraph_index(raw: str) -> Callable[[int], int]:
    """A function from a raw offset to its 0-based paragraph number in the raw text.

    Paragraphs are blank-line separated blocks when the text has blank lines, else lines.
    """
    breaks = re.compile(r"\n[ \t\r]*\n\s*") if re.search(r"\n[ \t\r]*\n", raw) else re.compile(r"\n\s*")
    body_start = len(raw) - len(raw.lstrip())
    starts = [m.end() for m in breaks.finditer(raw) if m.start() >= body_start]

    def index(offset: int) -> int:
        lo, hi = 0, len(starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if starts[mid] <= offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    return index
