"""Reported speech without quotation marks: "The minister said the plan would cost $2bn."

The signal is a reporting verb in the narration with a clausal complement (the patterns
`clausal_complement` and `noun_complement`: "expressed her hope that ..."), or a clause
sourced with a source phrase ("according to X", "in the words of X"). The span is the
reported clause, without "that" and without its final punctuation. Infinitives ("said to
be", "told to leave") have no clausal complement, so they never count.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .attribute import Attributor
from .types import Cue, QuoteSpan

_COMPLEMENTIZERS = frozenset({"that"})
_MIN_TOKENS = 3


def _clause_span(doc: Doc, head: Token, indirect_verbs: set[int]) -> tuple[int, int] | None:
    """Token range of the clause under `head`, trimmed of "that" and edge punctuation.

    A trailing report of its own (", noting that ...") is cut off: it is a separate quote.
    """
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    for token in head.subtree:
        if token.i > head.i and token.dep_ == "advcl" and token.tag_ == "VBG" and token.i in indirect_verbs:
            hi = min(hi, token.left_edge.i)
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in _COMPLEMENTIZERS):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < _MIN_TOKENS:
        return None
    return lo, hi


def _speaks(verb: Token, attributor: Attributor) -> Token | None:
    """The speaker of a reporting verb.

    Without a subject of its own, a verb borrows one only through coordination ("smiled
    and added that") or an -ing clause ("noting that"); "Asked how ..., Choi said" names
    the one who answers, not the one who asked.
    """
    own = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    borrowed = verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    if not own and not borrowed:
        return None
    return attributor.speaker_of(verb, attributor.ctx.outside_quotes)


def find_indirect(attributor: Attributor) -> list[tuple[QuoteSpan, Cue]]:
    """Indirect quotes of the attributor's Doc with their cues, in document order."""
    doc = attributor.doc
    found: list[tuple[QuoteSpan, Cue]] = []
    taken: set[int] = set()
    for token in doc:
        if token.is_space or attributor.ctx.in_quote(token):
            continue
        if attributor.is_source_phrase(token):
            item = _according_to(doc, token, attributor)
        elif token.i in attributor.matches.indirect_verbs:
            item = _reported(doc, token, attributor)
        else:
            continue
        if item is None:
            continue
        start = item[0].start
        if start in taken:
            continue
        taken.add(start)
        found.append(item)
    # "said he believed the squad was good": the outer report holds the inner one
    return [
        item
        for item in found
        if not any(o is not item and o[0].start <= item[0].start and item[0].end <= o[0].end for o in found)
    ]


def _within_narration(doc: Doc, lo: int, hi: int, attributor: Attributor) -> bool:
    """No quote mark inside: a clause that holds a direct quote is that quote's frame, not speech."""
    return not any(attributor.ctx.in_quote(t) or t.text in '"“”' for t in doc[lo:hi])


def _reported(doc: Doc, verb: Token, attributor: Attributor) -> tuple[QuoteSpan, Cue] | None:
    index = attributor.matches.complement(verb.i)
    if index is None or attributor.ctx.in_quote(doc[index]):
        return None
    bounds = _clause_span(doc, doc[index], attributor.matches.indirect_verbs)
    if bounds is None or not _within_narration(doc, *bounds, attributor):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[bounds[0] : bounds[1]]):
        return None
    subject = _speaks(verb, attributor)
    if subject is None:
        return None
    cue = attributor.cue(verb.idx, verb.idx + len(verb), subject, adjacent=False)
    return _span(doc, bounds, attributor), cue


def _according_to(doc: Doc, according: Token, attributor: Attributor) -> tuple[QuoteSpan, Cue] | None:
    """ "According to X, the plan failed." -> "the plan failed", the source X."""
    _, end = attributor.matches.cue_words[according.i]
    last = doc[end - 1]  # "to" of "according to", "of" of "in the words of"
    phrase = doc[according.i : max(t.i for t in last.subtree) + 1]
    root = according.head
    while root.dep_ not in ("ROOT",) and root.head is not root and root.pos_ not in ("VERB", "AUX"):
        root = root.head
    sentence = root.sent
    tokens = [t for t in sentence if not (phrase.start <= t.i < phrase.end) and not t.is_space]
    if not tokens:
        return None
    # The reported clause is the side of the sentence that is not the source phrase.
    before = [t for t in tokens if t.i < phrase.start]
    after = [t for t in tokens if t.i >= phrase.end]
    side = (
        after
        if len([t for t in after if not t.is_punct]) >= len([t for t in before if not t.is_punct])
        else before
    )
    if not side:
        return None
    lo, hi = side[0].i, side[-1].i + 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < _MIN_TOKENS or not _within_narration(doc, lo, hi, attributor):
        return None
    cue = attributor.cue_at(according, attributor.ctx.outside_quotes, adjacent=False)
    if cue is None:
        return None
    return _span(doc, (lo, hi), attributor), cue


def _span(doc: Doc, bounds: tuple[int, int], attributor: Attributor) -> QuoteSpan:
    lo, hi = bounds
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    return QuoteSpan(start=start, end=end, kind="indirect", paragraph=attributor.ctx.paragraph_index(start))
