"""What fast mode parses of one article: the paragraphs that can hold a quote or its frame.

A paragraph is parsed if it holds a quote mark or a reporting-verb form, and so is one that
ends in a colon before a parsed paragraph ("The minister was blunt:"). The inside of a long
closed quote is cut to a few tokens: attribution reads the frame around a quote, never its
middle. Measured on the gold articles, parsing sentences instead of paragraphs saves about
1% of the tokens once the sentence before a quote is kept too (its subject is the one a
pronoun in the quote's frame refers to), and paragraphs of a cue alone cannot be left out
either: without them, the direct quotes' strict speaker accuracy falls by 11 points.
A paragraph far longer than news paragraphs are (text whose line breaks were lost in
scraping) is planned by its sentences instead, each with the sentence before it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
from spacy.attrs import IDX, IS_SPACE, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .context import Paragraphs, quote_regions, region_start
from .lexicon import SENTENCE_END
from .lexicon.forms import VerbTables
from .quotes import find_quotes
from .signals import QUOTE_MARK, QUOTE_MARKS, SpeechSignals
from .types import QuoteSpan

# Tokens inside a closed quote above which its middle is not parsed, and the tokens kept at
# each end. A quote that opens a sentence or follows a colon or comma is read by its frame
# alone: its last word is enough (on dev, 8/2/3 and 2/0/1 score the same, and parse 76.7% and
# 70.4% of the tokens). A quoted fragment that carries on a clause of narration ('was
# "deeply unfair"', often a mixed quote) keeps more: the clause's parse runs through it.
LONG_QUOTE, KEEP_HEAD, KEEP_TAIL = 2, 0, 1
LONG_FRAGMENT, FRAGMENT_HEAD, FRAGMENT_TAIL = 8, 2, 3
# A sentence with a cue word and no quote mark (reported speech) is parsed up to the first
# finite-looking verb after its last cue and CLAUSE_KEEP words past it; the rest of its
# reported clause hangs on the last kept word, so the clause's span still runs to the
# sentence's end. Its words before the cue, where the subject is, are all parsed, and so is
# a clause with no finite-looking verb within CLAUSE_REACH words of the cue.
CLAUSE_KEEP, CLAUSE_REACH = 2, 20
# Tokens above which a paragraph is planned sentence by sentence (sentences end at a ".", "!"
# or "?" outside quotes), each parsed sentence opening a sentence of the parser's input. No
# gold paragraph is that long (the longest has 104 tokens) and 1% of PolNeAR's are; an article
# that lost its line breaks is one (joined dev articles: direct F1 0.949 -> 0.962).
LONG_PARAGRAPH = 120
AUXILIARIES = frozenset(
    "is are was were has have had will would can could may might must should shall did does do".split()
)
_MARK_TOKENS = frozenset([*QUOTE_MARKS, "''", "``"])  # a mark as the tokenizer may split it
_INNER_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")  # it's, O'Hara: never a quote mark


@dataclass(frozen=True, slots=True)
class Plan:
    """What of one article is parsed, as full-Doc token indices."""

    kept: list[int]  # the tokens the parser sees, in order
    starts: list[bool]  # per kept token: whether it opens its paragraph (or its unit)
    hung: list[tuple[int, int]]  # (token, kept token it hangs on): cut quote middles, spaces
    regions: list[tuple[int, int]]  # token ranges of the parsed paragraphs (or units)
    quotes: list[QuoteSpan]  # the article's quote spans, found once for both stages
    text: str  # the Doc's text (Doc.text joins every token on each access)


def finite_forms(tables: VerbTables | None) -> frozenset[str]:
    """Words that look like a finite verb: the auxiliaries, and the irregular verb forms of
    a lemmatizer's tables ("made", "rose"; -ed forms are told by their ending)."""
    irregular = tables.exceptions if tables is not None else {}
    return AUXILIARIES | frozenset(f for f in irregular if not f.endswith("ing"))


def paragraph_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs, newline tokens left out."""
    return _paragraphs(doc, numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist())


def _paragraphs(doc: Doc, spaces: list[int]) -> list[tuple[int, int]]:
    """Paragraph ranges between the newline tokens (a newline is always a token of its own:
    a token's own trailing whitespace is one space or none); `spaces`: the space tokens."""
    ranges: list[tuple[int, int]] = []
    start = 0
    for i in spaces:
        if "\n" in doc[i].text:
            if i > start:
                ranges.append((start, i))
            start = i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


def plan(doc: Doc, signals: SpeechSignals, finite: frozenset[str] = AUXILIARIES) -> Plan:
    """The paragraphs that can hold a quote, a cue or a colon lead-in, long quotes cut short."""
    text = doc.text
    columns = doc.to_array([IDX, IS_SPACE, LOWER])  # one array, not a Token each
    starts: list[int] = columns[:, 0].tolist()
    space: list[bool] = columns[:, 1].astype(bool).tolist()
    lower: list[int] = columns[:, 2].tolist()
    spans = find_quotes(text, Paragraphs(text), signals)
    ranges = _paragraphs(doc, [i for i, s in enumerate(space) if s])
    ranges, follows = _units(ranges, lower, starts, spans)
    ends = [starts[hi - 1] + len(doc[hi - 1]) for _, hi in ranges]
    # signals.could_quote per paragraph, in three cheaper parts: its thousand verb forms as one
    # pattern cost more than all the rest of the plan, and are whole tokens anyway
    cues = _hashes(signals.cue_words)
    plain = _INNER_APOSTROPHE.sub("_", text)  # "_": the same word bounds as the apostrophe gone
    chosen = [
        any(h in cues for h in lower[lo:hi])
        or QUOTE_MARK.search(plain, starts[lo], end) is not None
        or signals.phrase_pattern.search(plain, starts[lo], end) is not None
        for (lo, hi), end in zip(ranges, ends, strict=True)
    ]
    # "The minister was blunt:" before a quote paragraph; in a long paragraph, the sentence before
    for p in range(len(ranges) - 1):
        lead_in = follows[p + 1] or text[starts[ranges[p][0]] : ends[p]].rstrip().endswith(":")
        if chosen[p + 1] and not chosen[p] and lead_in:
            chosen[p] = True
    cut = _long_quote_middles(text, starts, spans) if any(chosen) else set()
    if any(chosen):
        cue_at = [h in cues for h in lower]
        for m in signals.phrase_pattern.finditer(plain):  # "according to": a cue of its own
            cue_at[min(bisect.bisect_left(starts, m.start()), len(cue_at) - 1)] = True
        roles = _roles(finite)
        strings = doc.vocab.strings
        for (lo, hi), take in zip(ranges, chosen, strict=True):
            if take:
                role = [roles.get(h) or _role(roles, strings[h], h, finite) for h in lower[lo:hi]]
                cut.update(lo + i for i in _clause_tails(role, cue_at[lo:hi]))
    kept: list[int] = []
    opens: list[bool] = []
    hung: list[tuple[int, int]] = []
    regions = [r for r, take in zip(ranges, chosen, strict=True) if take]
    for lo, hi in regions:
        first = len(kept)
        waiting: list[int] = []  # skipped before the paragraph's first kept token
        for i in range(lo, hi):
            if space[i] or i in cut:
                if len(kept) > first:
                    hung.append((i, kept[-1]))
                else:
                    waiting.append(i)
                continue
            kept.append(i)
            opens.append(len(kept) - 1 == first)
        hung.extend((i, kept[first]) for i in waiting if len(kept) > first)
    return Plan(kept, opens, hung, _merged(regions), spans, text)


_END, _QUOTE_MARK, _VERB = 1, 2, 4  # bits of a word's role; 8: none of them


@lru_cache(maxsize=8)
def _roles(finite: frozenset[str]) -> dict[int, int]:
    """Roles by word hash, filled as words come (a word type's role depends on its text)."""
    return {}


def _role(roles: dict[int, int], word: str, key: int, finite: frozenset[str]) -> int:
    if len(roles) > 1_000_000:  # bounded over millions of articles
        roles.clear()
    verb = word in finite or (word.endswith("ed") and len(word) > 3)
    role = (word in SENTENCE_END) * _END | (word in _MARK_TOKENS) * _QUOTE_MARK | verb * _VERB or 8
    roles[key] = role
    return role


@lru_cache(maxsize=8)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """The words' hashes: a set lookup per token costs less than numpy.isin per article."""
    return frozenset(get_string_id(w) for w in words)


def _units(
    ranges: list[tuple[int, int]], lower: list[int], starts: list[int], spans: list[QuoteSpan]
) -> tuple[list[tuple[int, int]], list[bool]]:
    """The ranges planned one by one: the paragraphs, a long one cut into its sentences at
    the ends outside quotes; and for each, whether it carries on the paragraph before it."""
    if all(hi - lo <= LONG_PARAGRAPH for lo, hi in ranges):
        return ranges, [False] * len(ranges)
    regions = quote_regions(spans)
    ends = _hashes(SENTENCE_END)
    units: list[tuple[int, int]] = []
    follows: list[bool] = []
    for lo, hi in ranges:
        start = lo
        if hi - lo > LONG_PARAGRAPH:
            for i in range(lo, hi - 1):
                if lower[i] in ends and not _inside(regions, starts[i]):
                    units.append((start, i + 1))
                    follows.append(start != lo)
                    start = i + 1
        units.append((start, hi))
        follows.append(start != lo)
    return units, follows


def _inside(regions: list[tuple[int, int]], pos: int) -> bool:
    k = bisect.bisect_right(regions, pos, key=lambda r: r[0]) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def _merged(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Neighbouring paragraphs as one range (the newline tokens between them are parsed too:
    they hang on the word before), so that the patterns run over few long ranges."""
    merged: list[tuple[int, int]] = []
    for lo, hi in regions:
        if merged and lo - merged[-1][1] <= 1:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


def _long_quote_middles(text: str, starts: list[int], spans: list[QuoteSpan]) -> set[int]:
    """Token indices in the middle of long closed quotes that hold no nested quote."""
    parents = {s.parent for s in spans if s.kind == "nested"}
    cut: set[int] = set()
    for span in spans:
        if span.kind != "direct" or span.close_mark is None or span.start in parents:
            continue
        lo = bisect.bisect_left(starts, span.start)
        hi = bisect.bisect_left(starts, span.end)
        long, head, tail = (
            (LONG_FRAGMENT, FRAGMENT_HEAD, FRAGMENT_TAIL)
            if _after_word(text, region_start(span))
            else (LONG_QUOTE, KEEP_HEAD, KEEP_TAIL)
        )
        if hi - lo > long:
            cut.update(range(lo + head, hi - tail))
    return cut


def _clause_tails(role: list[int], cue_at: list[bool]) -> list[int]:
    """Token offsets in one paragraph past the reported clause's first verb and CLAUSE_KEEP
    words, for each sentence that has a cue and no quote mark, up to its final punctuation."""
    cut: list[int] = []
    start, n = 0, len(role)
    while start < n:
        end = start
        while end < n and not role[end] & _END:
            end += 1
        last = max((i for i in range(start, end) if cue_at[i]), default=None)
        if last is not None and not any(role[i] & _QUOTE_MARK for i in range(start, end)):
            reach = range(last + 1, min(end, last + 1 + CLAUSE_REACH))
            verb = next((i for i in reach if role[i] & _VERB), None)
            if verb is not None:
                cut.extend(range(verb + 1 + CLAUSE_KEEP, end))
        start = end + 1
    return cut


def _after_word(text: str, mark: int) -> bool:
    """Whether the opening mark at `mark` follows a word on its line (spaces between)."""
    i = mark - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i >= 0 and text[i].isalnum()
