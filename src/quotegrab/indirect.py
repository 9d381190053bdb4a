"""Reported speech without quotation marks: "The minister said the plan would cost $2bn."

The signal is a reporting verb in the narration with a clausal complement (the patterns
`clausal_complement` and `noun_complement`: "expressed her hope that ..."), or a clause
sourced with a source phrase ("according to X", "in the words of X"). The span is the
reported clause, without "that" and without its final punctuation. Infinitives ("said to
be", "told to leave") have no clausal complement, so they never count.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .attribute import Attributor
from .lexicon import REFUSAL_VERBS
from .mentions import phrase_head
from .patterns import ADDRESSEE_VERBS
from .quotes import is_title_like
from .subjects import interrupted_subject
from .types import Cue, Kind, QuoteSpan

_COMPLEMENTIZERS = frozenset({"that"})
_MIN_TOKENS = 3
_MIN_OWN_WORDS = 2  # words of the narration itself that make a quoted fragment a mixed quote
_MARKS = frozenset('"“”')


def _clause_span(doc: Doc, head: Token, attributor: Attributor) -> tuple[int, int, int, int] | None:
    """Token range of the clause under `head`, trimmed of "that" and edge punctuation, with
    the untrimmed range after it.

    A trailing report of its own is cut off: it is a separate quote, whether a participle
    (", noting that ...") or a joined clause in the narration whose speaker is named anew
    (", and the director replied, ..."; "and he feels ..." goes on with the same speaker).
    """
    matches = attributor.matches
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    for token in head.subtree:
        if token.i <= head.i:
            continue
        participle = token.dep_ == "advcl" and token.tag_ == "VBG" and token.i in matches.indirect_verbs
        if participle or (token.dep_ == "conj" and _named_anew(token, attributor)):
            hi = min(hi, token.left_edge.i)
            while hi > lo and (doc[hi - 1].dep_ == "cc" or doc[hi - 1].is_punct):
                hi -= 1  # ", and" before the report cut off
    return _trim(doc, lo, hi, _COMPLEMENTIZERS)


def _named_anew(verb: Token, attributor: Attributor) -> bool:
    """A verb of the narration that reports (a clause, or a quote just after it), with a noun
    subject of its own and no "that" (which would go on with the same report: "and that it had
    asked ..."); not "and donations began to pick up"."""
    matches = attributor.matches
    reports = verb.i in matches.cue_words or verb.i in matches.indirect_verbs
    if not reports or attributor.ctx.in_quote(verb):
        return False
    after = verb.doc[verb.i + 1 : verb.i + 3]
    quoted = any(attributor.ctx.in_quote(t) for t in after)
    if not quoted and not any(c.dep_ == "ccomp" for c in verb.rights):
        return False
    lefts = list(verb.lefts)
    subject = any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in lefts)
    return subject and not any(c.dep_ == "mark" for c in lefts)


def _around(doc: Doc, clause: Token, verb: Token) -> tuple[int, int, int, int] | None:
    """The reported words around a reporting clause set off inside them: the longer side.

    "Most days, she says, the ward is full." gives "the ward is full".
    """
    lo, hi = clause.left_edge.i, clause.right_edge.i + 1
    cut_lo, cut_hi = verb.left_edge.i, verb.right_edge.i + 1
    sides = [(lo, cut_lo), (cut_hi, hi)]
    words = [sum(not t.is_punct for t in doc[a:b]) for a, b in sides]
    a, b = sides[0] if words[0] > words[1] else sides[1]
    return _trim(doc, a, b, _COMPLEMENTIZERS) if b > a else None


def _sets_off(clause: Token, verb: Token) -> bool:
    """Whether a reporting clause stands apart from the clause it reports: set inside it
    ("Most days, she says, the ward is full"), or after it with a comma and no "and", where
    the parser joined the two ("It will fail, Kim told MPs on Monday": not "Kim left, and Lee
    said nothing", nor a report with a clause or a said thing of its own)."""
    if verb.dep_ != "conj":
        return True
    doc = verb.doc
    comma = verb.left_edge.i - 1
    if comma <= clause.i or doc[comma].text != "," or any(c.dep_ == "cc" for c in clause.rights):
        return False
    rest = doc[verb.right_edge.i + 1 : verb.sent.end]
    said = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "dobj")]
    listener = verb.lemma_.lower() in ADDRESSEE_VERBS and all(c.dep_ == "dobj" for c in said)
    # the clause opens with its subject, a noun phrase: not "..., filming television shows"
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
    opens = subject is not None and subject.left_edge.i == verb.left_edge.i
    opens = opens and all(t.pos_ != "VERB" for t in doc[verb.left_edge.i : verb.i])
    return opens and all(t.is_punct for t in rest) and (not said or listener)


def _trim(
    doc: Doc, lo: int, hi: int, leading: frozenset[str] = frozenset()
) -> tuple[int, int, int, int] | None:
    edges = lo, hi
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space or doc[lo].lower_ in leading):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < _MIN_TOKENS:
        return None
    return lo, hi, *edges


def _speaks(verb: Token, attributor: Attributor) -> Token | None:
    """The speaker of a reporting verb.

    Without a subject of its own, a verb borrows one only through coordination ("smiled
    and added that") or an -ing clause ("noting that"); "Asked how ..., Choi said" names
    the one who answers, not the one who asked.
    """
    own = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    borrowed = verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")
    # "..., Adler's granddaughter, Ruth Adler-Grau, said she ...": the parser hung the subject
    # elsewhere, and the name just before the main verb is its subject
    misplaced = attributor.matches.preceding.get(verb.i) if verb.dep_ == "ROOT" else None
    if not own and not borrowed:
        interrupted = interrupted_subject(verb, attributor.ctx.outside_quotes)
        if interrupted is not None:
            return interrupted
        if misplaced is None or not attributor.ctx.outside_quotes(verb.doc[misplaced]):
            return None
        return phrase_head(verb.doc[misplaced])  # not the noun after it: "said the charity had"
    return attributor.speaker_of(verb, attributor.ctx.outside_quotes)


def find_indirect(attributor: Attributor) -> list[tuple[QuoteSpan, Cue]]:
    """Indirect quotes of the attributor's Doc with their cues, in document order."""
    doc = attributor.doc
    found: list[tuple[QuoteSpan, Cue]] = []
    taken: set[int] = set()
    matches = attributor.matches
    phrases = [i for i, (name, _) in matches.cue_words.items() if name == "source_phrase"]
    for i in sorted({*phrases, *matches.indirect_verbs}):  # only where a report can start
        token = doc[i]
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


def _content(
    doc: Doc, bounds: tuple[int, int, int, int], attributor: Attributor
) -> tuple[Kind, int, int] | None:
    """What a reported clause is: plain narration ("indirect"); a clause that holds whole
    quotes in marks beside words of its own, the marks kept inside ("mixed": the council had
    been "deeply unfair"); or None, when a quote runs across its edge or fills it, so that the
    clause is only that quote's frame.
    """
    lo, hi, left, right = bounds
    ctx = attributor.ctx
    speech = False  # a title in marks ("Low Tide") is narration, not a quoted fragment
    for start, end in ctx.regions:
        if end <= doc[lo].idx or start >= doc[hi - 1].idx + len(doc[hi - 1]):
            continue
        speech = speech or not is_title_like(ctx.text[start + 1 : end - 1])
        first = bisect.bisect_left(ctx.token_starts, start)
        last = bisect.bisect_left(ctx.token_starts, end) - 1
        if not (_only_punct(doc, first, left) and _only_punct(doc, right, last + 1)):
            return None  # the quote runs out of the clause
        lo, hi = min(lo, first), max(hi, last + 1)
    own = [t for t in doc[lo:hi] if not ctx.in_quote(t) and not t.is_punct and not t.is_space]
    if any(t.text in _MARKS and not ctx.in_quote(t) for t in doc[lo:hi]):
        return None  # a mark that pairs with nothing: the quote's extent is unknown
    if not speech:
        return "indirect", lo, hi
    return ("mixed", lo, hi) if len(own) >= _MIN_OWN_WORDS else None


def _only_punct(doc: Doc, lo: int, hi: int) -> bool:
    """Whether tokens [lo, hi) are all punctuation: a closing mark the parse hung elsewhere."""
    return all(t.is_punct or t.is_space for t in doc[lo:hi])


def _negated(verb: Token) -> bool:
    """ "did not say whether", "declined to say why": a report that reports nothing."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in REFUSAL_VERBS


def _reported(doc: Doc, verb: Token, attributor: Attributor) -> tuple[QuoteSpan, Cue] | None:
    if _negated(verb):
        return None
    index = attributor.matches.complement(verb.i)
    around = attributor.matches.parentheticals.get(verb.i)
    if index is not None:  # a clause inside quote marks is weighed by _content: all quote, or mixed
        bounds = _clause_span(doc, doc[index], attributor)
        for _, other in sorted(attributor.matches.complements.get(verb.i, ())):
            # "said she had met X and had been told the levy was ...": the parser may split one
            # reported clause into two complements side by side
            more = _clause_span(doc, doc[other], attributor)
            if bounds is not None and more is not None and more[2] == bounds[3]:
                bounds = (bounds[0], more[1], bounds[2], more[3])
    elif around is not None and _sets_off(doc[around], verb):
        bounds = _around(doc, doc[around], verb)
    else:
        return None
    content = None if bounds is None else _content(doc, bounds, attributor)
    if content is None:
        return None
    kind, lo, hi = content
    paragraph = attributor.ctx.token_paragraph
    if not paragraph[lo] == paragraph[hi - 1] == paragraph[verb.i]:
        return None  # a report never reaches across a paragraph break
    if not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
        return None
    subject = _speaks(verb, attributor)
    if subject is None:
        return None
    cue = attributor.cue(verb.idx, verb.idx + len(verb), subject, adjacent=False)
    return _span(doc, kind, lo, hi, attributor), cue


def _according_to(doc: Doc, according: Token, attributor: Attributor) -> tuple[QuoteSpan, Cue] | None:
    """ "According to X, the plan failed." -> "the plan failed", the source X."""
    _, end = attributor.matches.cue_words[according.i]
    last = doc[end - 1]  # "to" of "according to", "of" of "in the words of"
    phrase = doc[according.i : max(t.i for t in last.subtree) + 1]
    root = according.head
    while root.dep_ not in ("ROOT",) and root.head.i != root.i and root.pos_ not in ("VERB", "AUX"):
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
    bounds = _trim(doc, side[0].i, side[-1].i + 1)
    content = None if bounds is None else _content(doc, bounds, attributor)
    if content is None:
        return None
    cue = attributor.cue_at(according, attributor.ctx.outside_quotes, adjacent=False)
    if cue is None:
        return None
    kind, lo, hi = content
    return _span(doc, kind, lo, hi, attributor), cue


def _span(doc: Doc, kind: Kind, lo: int, hi: int, attributor: Attributor) -> QuoteSpan:
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    return QuoteSpan(start=start, end=end, kind=kind, paragraph=attributor.ctx.paragraph_index(start))
