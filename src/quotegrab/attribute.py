"""Quote spans + spaCy parse -> each quote's cue and speaker mention.

The attribution of a quote sits in its frame: the text of its paragraph between the
quote and its neighbours. The frame after the quote is read up to the first sentence
end ("...," director Kim said.), the frame before it from the last sentence end (Choi
said: "..."). A reporting verb there gives the cue, and its subject the mention; when
the parse gives no subject, the nearest noun beside the verb does ("said Smith").
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .clean import paragraph_spans
from .constants import (
    IRREGULAR_FORMS,
    NAME_PARTICLES,
    ORGANISATION_NAME_WORDS,
    REPORTING_VERBS,
    SENTENCE_END,
)
from .types import NO_CUE, Cue, QuoteSpan

_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl"})
_PHRASE_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "case"})
_RELATIVE = frozenset({"who", "which", "that"})
_AFTER_WINDOW = 15  # tokens of the frame after a quote that may hold its attribution
_ADJACENT_TOKENS = 6
_INVERSION_WINDOW = 5
_OPENING_PUNCT = frozenset(",!?—–-…:;")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_MODIFIER_DEPS = frozenset({"acl", "amod", "relcl", "advcl"})


def reporting_lemma(token: Token) -> str | None:
    """The reporting verb's lemma if `token` is one used as a verb, else None."""
    if token.dep_ in ("amod", "compound"):
        return None
    lemma = IRREGULAR_FORMS.get(token.lower_) or token.lemma_.lower()
    if lemma not in REPORTING_VERBS and not _interjects(token):
        return None
    if token.pos_ == "VERB" or token.tag_.startswith("VB") or (not token.pos_ and not token.tag_):
        return lemma
    return None


def _interjects(token: Token) -> bool:
    """Phrasal verbs of interrupting speech: "cut in", "chimed in", "broke in"."""
    return token.pos_ == "VERB" and any(c.dep_ == "prt" and c.lower_ == "in" for c in token.children)


def is_according_to(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "according" and nxt is not None and nxt.lower_ == "to"


class Attributor:
    """Finds cues for the quote spans of one parsed Doc."""

    def __init__(self, doc: Doc, spans: Sequence[QuoteSpan]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from every token on each access: read it once
        self.paragraphs = paragraph_spans(self.text)
        self.para_starts = [s for s, _ in self.paragraphs]
        self._token_starts = [t.idx for t in doc]
        # Character regions covered by top-level quotes, marks included.
        self.regions = sorted(
            (s.open_mark or s.start - 1, _region_end(s)) for s in spans if s.kind == "direct"
        )
        self._region_starts = [s for s, _ in self.regions]

    def in_quote(self, token: Token) -> bool:
        i = bisect.bisect_right(self._region_starts, token.idx) - 1
        return i >= 0 and token.idx < self.regions[i][1]

    def paragraph(self, pos: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self.para_starts, pos) - 1, 0)
        return self.paragraphs[i] if self.paragraphs else (0, len(self.text))

    def tokens(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self._token_starts, start)
        hi = bisect.bisect_left(self._token_starts, end)
        return [t for t in self.doc[lo:hi] if not t.is_space]

    def cues(self, spans: Sequence[QuoteSpan]) -> list[Cue]:
        """One cue per span, in the order given."""
        top = sorted((s for s in spans if s.kind == "direct"), key=lambda s: s.start)
        found: dict[tuple[int, int], Cue] = {}
        for i, span in enumerate(top):
            prev = top[i - 1] if i > 0 else None
            nxt = top[i + 1] if i + 1 < len(top) else None
            cue = self._top_cue(span, prev, nxt)
            if cue.text is None and prev is not None and self._same_paragraph(prev, span):
                cue = found[(prev.start, prev.end)]  # "I think," she said. "It works."
            found[(span.start, span.end)] = cue
        for span in spans:
            if span.kind == "nested":
                found[(span.start, span.end)] = self._nested_cue(span, spans)
        return [found.get((s.start, s.end), NO_CUE) for s in spans]

    def _same_paragraph(self, a: QuoteSpan, b: QuoteSpan) -> bool:
        return self.paragraph(_region_end(a) - 1) == self.paragraph(b.open_mark or b.start)

    def _top_cue(self, span: QuoteSpan, prev: QuoteSpan | None, nxt: QuoteSpan | None) -> Cue:
        open_at = span.open_mark if span.open_mark is not None else span.start
        close_end = _region_end(span)
        p_start, _ = self.paragraph(open_at)
        _, p_end = self.paragraph(max(close_end - 1, open_at))
        before_start = max(p_start, _region_end(prev) if prev else p_start)
        after_end = min(p_end, nxt.open_mark if nxt and nxt.open_mark is not None else p_end)
        allowed = self.outside_quotes
        after = self._after(self.tokens(close_end, after_end), allowed)
        before = self.before(self.tokens(before_start, open_at), allowed)
        tail = self.text[span.end - 1 : span.end]
        if after.text and (tail in _OPENING_PUNCT or before.text is None):
            return after
        if before.text:
            return before
        return after

    def _nested_cue(self, span: QuoteSpan, spans: Sequence[QuoteSpan]) -> Cue:
        parent = next((s for s in spans if s.kind == "direct" and s.start == span.parent), None)
        if parent is None:
            return NO_CUE
        siblings = sorted(s.start for s in spans if s.kind == "nested" and s.parent == span.parent)
        prior = [s for s in spans if s.kind == "nested" and s.parent == span.parent and s.end < span.start]
        start = max([parent.start, *(_region_end(s) for s in prior)])
        later = [s for s in siblings if s > span.start]
        end = min(parent.end, (later[0] - 1) if later else parent.end)
        open_at = span.open_mark if span.open_mark is not None else span.start
        within = self._within(parent, span)
        before = self.before(self.tokens(start, open_at), within)
        if before.text:
            return before
        return self._after(self.tokens(_region_end(span), end), within)

    def outside_quotes(self, token: Token) -> bool:
        return not self.in_quote(token)

    def _within(self, parent: QuoteSpan, inner: QuoteSpan) -> Callable[[Token], bool]:
        """Words of the outer quote, not of the nested quote itself."""
        return lambda t: parent.start <= t.idx < parent.end and not (inner.start <= t.idx < inner.end)

    def _after(self, tokens: list[Token], allowed: Callable[[Token], bool]) -> Cue:
        modal = False  # "...,' Kei would write": a modal marks narration, not an attribution
        for n, token in enumerate(tokens[:_AFTER_WINDOW]):
            if token.text in SENTENCE_END and n > 0:
                break
            cue = self.cue_at(token, allowed, adjacent=not modal)
            if cue is not None:
                between = tokens[:n]
                return replace(cue, adjacent=cue.adjacent and _only_subject(between, cue, self.doc))
            modal = modal or token.tag_ == "MD"
        return NO_CUE

    def before(self, tokens: list[Token], allowed: Callable[[Token], bool]) -> Cue:
        ends = [n for n, t in enumerate(tokens[:-1]) if t.text in SENTENCE_END]
        clause = tokens[ends[-1] + 1 :] if ends else tokens
        last = clause[-1].text if clause else ""
        for n in range(len(clause) - 1, -1, -1):
            adjacent = last in (":", ",") or n >= len(clause) - 3
            cue = self.cue_at(clause[n], allowed, adjacent)
            if cue is not None:
                return cue
        return NO_CUE

    def cue_at(self, token: Token, allowed: Callable[[Token], bool], adjacent: bool) -> Cue | None:
        if is_according_to(token):
            to = token.nbor(1)
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None and to.i + 1 < len(self.doc):
                source = _next_nominal(to, allowed)
            return self._cue(token.idx, to.idx + len(to), source, adjacent)
        if reporting_lemma(token) is None:
            return None
        return self._cue(token.idx, token.idx + len(token), self.speaker_of(token, allowed), adjacent)

    def _cue(self, start: int, end: int, head: Token | None, adjacent: bool) -> Cue:
        if head is None:
            return Cue(self.text[start:end], start, end, adjacent=adjacent)
        m_start, m_end = mention_span(head)
        return Cue(self.text[start:end], start, end, m_start, m_end, head.i, adjacent)

    def speaker_of(self, verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
        """The subject of a reporting verb, climbing through conjoined verbs, else a neighbour."""
        head = verb
        for _ in range(3):
            subject = next((c for c in head.children if c.dep_ in _SUBJECT_DEPS and allowed(c)), None)
            if subject is not None:
                if subject.lower_ in _RELATIVE and head.dep_ == "relcl":
                    return head.head
                return subject
            if head.dep_ not in _CLIMB_DEPS or head.head is head or not allowed(head.head):
                break
            head = head.head
        if verb.tag_ not in _FINITE_TAGS or verb.dep_ in _MODIFIER_DEPS:
            return None  # "described as ...": a participle names no speaker
        return _next_nominal(verb, allowed) or _previous_nominal(verb, allowed)


def _only_subject(between: list[Token], cue: Cue, doc: Doc) -> bool:
    """Whether the words between a quote and its verb are just the speaker ("Tom Reed, the director,")."""
    if len(between) < _ADJACENT_TOKENS:
        return True
    if cue.mention_head is None:
        return False
    subject = {t.i for t in doc[cue.mention_head].subtree}
    return all(t.i in subject or t.is_punct for t in between)


def _region_end(span: QuoteSpan) -> int:
    return span.close_mark + 1 if span.close_mark is not None else span.end


def _phrase_head(token: Token) -> Token:
    while token.dep_ in _PHRASE_DEPS and token.head is not token and token.head.i > token.i:
        token = token.head
    return token


def _next_nominal(verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
    doc = verb.doc
    for token in doc[verb.i + 1 : verb.i + 1 + _INVERSION_WINDOW]:
        if not allowed(token) or token.text in SENTENCE_END or token.text in (",", ":"):
            return None
        if token.pos_ in _NOMINAL:
            return _phrase_head(token)
    return None


def _previous_nominal(verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
    doc = verb.doc
    for token in reversed(doc[max(verb.i - 3, 0) : verb.i]):
        if not allowed(token) or token.text in SENTENCE_END:
            return None
        if token.pos_ in ("PROPN", "PRON"):
            return _phrase_head(token)
    return None


def _name_token(token: Token) -> bool:
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG"))


def name_span(token: Token) -> tuple[int, int]:
    """Token index range of the name around `token`: proper nouns, hyphen-joined pieces included."""
    doc = token.doc
    lo = hi = token.i
    while lo > 0 and _joins(doc[lo - 1], doc[lo]):
        lo -= 1
    while lo > 0 and doc[lo - 1].text in NAME_PARTICLES:
        lo -= 1  # back over "van" in "(Pieter) van Dam"
        while lo > 0 and _joins(doc[lo - 1], doc[lo]):
            lo -= 1
    while True:
        while hi + 1 < len(doc) and _joins(doc[hi], doc[hi + 1]):
            hi += 1
        # "Pieter van Dam", "Ana de la Cruz": lower-case particles inside a name
        k = hi + 1
        while k < len(doc) and doc[k].lower_ in NAME_PARTICLES:
            k += 1
        if k > hi + 1 and k < len(doc) and _name_token(doc[k]) and doc[k].text[:1].isupper():
            hi = k
            continue
        # "Kestrel Museum of Art", "Ministry of Health": an institution word takes its "of" phrase
        if (
            hi + 2 < len(doc)
            and doc[hi].text in ORGANISATION_NAME_WORDS
            and doc[hi + 1].lower_ in ("of", "for")
            and _name_token(doc[hi + 2])
        ):
            hi += 2
            continue
        return lo, hi + 1


def _joins(left: Token, right: Token) -> bool:
    if "\n" in left.whitespace_ or left.is_space or right.is_space:
        return False
    if not left.whitespace_ and (left.text == "-" or right.text == "-"):
        return True  # Hee-won, Sae-rok: pieces glued by a hyphen
    if right.text in ("'", "’") and not left.whitespace_ and left.text.endswith(("s", "S")):
        nxt = right.nbor(1) if right.i + 1 < len(right.doc) else None
        return nxt is not None and _name_token(nxt) and nxt.text[:1].isupper()  # Nurses' Union
    if left.text in ("'", "’") and left.i > 0 and _joins(left.nbor(-1), left):
        return _name_token(right) and right.text[:1].isupper()
    return _name_token(left) and _name_token(right) and left.text[:1].isupper() and right.text[:1].isupper()


def mention_span(head: Token) -> tuple[int, int]:
    """Character span of the speaker mention headed by `head`."""
    doc = head.doc
    glued = head.pos_ == "PROPN" and head.i > 0 and doc[head.i - 1].text == "-"  # the "won" of Hee-won
    if _name_token(head) or glued:
        lo, hi = name_span(head)
        return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    if head.pos_ != "PRON":
        name = next((c for c in head.children if c.dep_ == "appos" and _name_token(c)), None)
        if name is not None:
            return mention_span(name)
        left = [c for c in head.lefts if c.dep_ in _PHRASE_DEPS]
        start = min((c.left_edge.i for c in left), default=head.i)
        return doc[start].idx, head.idx + len(head)
    return head.idx, head.idx + len(head)


def attribute(doc: Doc, spans: Sequence[QuoteSpan]) -> list[Cue]:
    """The cue of each span, in the order given; NO_CUE where none is found."""
    return Attributor(doc, spans).cues(spans)
