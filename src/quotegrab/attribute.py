"""Quote spans + spaCy parse -> each quote's cue and speaker mention.

The attribution of a quote sits in its frame: the text of its paragraph between the
quote and its neighbours. The frame after the quote is read up to the first sentence
end ("...," director Kim said.), the frame before it from the last sentence end (Choi
said: "..."). A reporting verb there gives the cue, and its subject the mention; when
the parse gives no subject, the nearest noun beside the verb does ("said Smith").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .constants import (
    IRREGULAR_FORMS,
    REPORTING_VERBS,
    SENTENCE_END,
)
from .context import ArticleContext, region_end
from .mentions import mention_span, phrase_head
from .types import NO_CUE, Cue, QuoteSpan

_NOMINAL = frozenset({"PROPN", "PRON", "NOUN"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl"})
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

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text

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
        return self.ctx.paragraph(region_end(a) - 1) == self.ctx.paragraph(b.open_mark or b.start)

    def _top_cue(self, span: QuoteSpan, prev: QuoteSpan | None, nxt: QuoteSpan | None) -> Cue:
        open_at = span.open_mark if span.open_mark is not None else span.start
        close_end = region_end(span)
        p_start, _ = self.ctx.paragraph(open_at)
        _, p_end = self.ctx.paragraph(max(close_end - 1, open_at))
        before_start = max(p_start, region_end(prev) if prev else p_start)
        after_end = min(p_end, nxt.open_mark if nxt and nxt.open_mark is not None else p_end)
        allowed = self.ctx.outside_quotes
        after = self._after(self.ctx.tokens(close_end, after_end), allowed)
        before = self.before(self.ctx.tokens(before_start, open_at), allowed)
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
        start = max([parent.start, *(region_end(s) for s in prior)])
        later = [s for s in siblings if s > span.start]
        end = min(parent.end, (later[0] - 1) if later else parent.end)
        open_at = span.open_mark if span.open_mark is not None else span.start
        within = self.ctx.within(parent, span)
        before = self.before(self.ctx.tokens(start, open_at), within)
        if before.text:
            return before
        return self._after(self.ctx.tokens(region_end(span), end), within)

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
            return self.cue(token.idx, to.idx + len(to), source, adjacent)
        if reporting_lemma(token) is None:
            return None
        return self.cue(token.idx, token.idx + len(token), self.speaker_of(token, allowed), adjacent)

    def cue(self, start: int, end: int, head: Token | None, adjacent: bool) -> Cue:
        if head is None:
            return Cue(self.text[start:end], start, end, adjacent=adjacent)
        m_start, m_end = mention_span(head)
        return Cue(self.text[start:end], start, end, m_start, m_end, head.i, adjacent)

    def lead_in(self, start: int, end: int) -> Cue:
        """The cue of a paragraph that leads into a quote paragraph: "Smith said:"."""
        tokens = self.ctx.tokens(start, end)
        if not tokens or tokens[-1].text != ":":
            return NO_CUE
        return self.before(tokens, self.ctx.outside_quotes)

    def narration_cues(self, start: int, end: int) -> list[Cue]:
        """Cues of narration that reports someone's speech ("Lee said the plan would fail.")."""
        found = []
        allowed = self.ctx.outside_quotes
        for token in self.ctx.tokens(start, end):
            if reporting_lemma(token) and allowed(token) and self.speaker_of(token, allowed) is not None:
                cue = self.cue_at(token, allowed, False)
                if cue is not None:
                    found.append(cue)
        return found

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


def _next_nominal(verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
    doc = verb.doc
    for token in doc[verb.i + 1 : verb.i + 1 + _INVERSION_WINDOW]:
        if not allowed(token) or token.text in SENTENCE_END or token.text in (",", ":"):
            return None
        if token.pos_ in _NOMINAL:
            return phrase_head(token)
    return None


def _previous_nominal(verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
    doc = verb.doc
    for token in reversed(doc[max(verb.i - 3, 0) : verb.i]):
        if not allowed(token) or token.text in SENTENCE_END:
            return None
        if token.pos_ in ("PROPN", "PRON"):
            return phrase_head(token)
    return None


def attribute(ctx: ArticleContext, spans: Sequence[QuoteSpan] | None = None) -> list[Cue]:
    """The cue of each span (default: the context's spans), in the order given; NO_CUE where none."""
    return Attributor(ctx).cues(ctx.spans if spans is None else spans)
