"""Quote spans + spaCy parse -> each quote's cue and speaker mention.

The attribution of a quote sits in its frame: the text of its paragraph between the
quote and its neighbours. The frame after the quote is read up to the first sentence
end ("...," director Kim said.), the frame before it from the last sentence end (Choi
said: "..."). A reporting verb there gives the cue, and its subject the mention; when
the parse gives no subject, the nearest noun beside the verb does ("said Smith").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .context import ArticleContext, region_end
from .credits import DASHES, issued, label, signature
from .lexicon import CHARACTERISING_VERBS, NAMING_VERBS, SENTENCE_END
from .matches import Matches
from .mentions import mention_span, phrase_head, written_span
from .patterns import CLOSING_MARKS, RELATIVE_PRONOUNS, CuePatterns
from .subjects import (
    appositive_subject,
    borrowed_subject,
    fragment_subject,
    interrupted_subject,
    verb_subject,
)
from .types import NO_CUE, Cue, QuoteSpan

_OPENING_PUNCT = frozenset(",!?—–-…:;")
_COMPLEMENT_DEPS = frozenset({"oprd", "pobj", "prep", "conj", "amod", "acomp", "attr", "appos"})
_COMPLEMENT_STEPS = 4
_RELATIVE_OBJECTS = frozenset({"what", "which", "that", "whom", "whatever"})
_SPEECH_CUES = frozenset({"reporting_verb", "interjection", "phrasing"})
_SIGNATURE_LINE = 12  # tokens: "— Ann Lee, a nurse from Boston, Mass."


class Attributor:
    """Finds cues for the quote spans of one parsed Doc."""

    def __init__(self, ctx: ArticleContext, patterns: CuePatterns, matches: Matches | None = None) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = ctx.text
        self.settings = patterns.settings
        self.matches = matches if matches is not None else patterns(ctx.doc, ctx.parsed)

    def cues(self, spans: Sequence[QuoteSpan]) -> list[Cue]:
        """One cue per span, in the order given."""
        top = sorted((s for s in spans if s.kind == "direct"), key=lambda s: s.start)
        found: dict[tuple[int, int], Cue] = {}
        for i, span in enumerate(top):
            prev = top[i - 1] if i > 0 else None
            nxt = top[i + 1] if i + 1 < len(top) else None
            verb = self._complemented_verb(span)
            cue = self.characterisation(span, verb) or self._top_cue(span, prev, nxt)
            if cue.adjacent and self.coinage(span, verb):
                cue = replace(cue, adjacent=False)  # a coinage needs the length of speech to count
            if cue.text is None and prev is not None and self._same_paragraph(prev, span):
                cue = found[(prev.start, prev.end)]  # "I think," she said. "It works."
            found[(span.start, span.end)] = cue
        for span in spans:
            if span.kind == "nested":
                found[(span.start, span.end)] = self._nested_cue(span, spans)
        return [found.get((s.start, s.end), NO_CUE) for s in spans]

    def characterisation(self, span: QuoteSpan, verb: Token | None) -> Cue | None:
        """ "called the claim "nonsense"", "described Clinton as a "disgrace"": a fragment that
        complements (`verb`) a verb of characterising speech with its own object is the subject's words."""
        if verb is None or verb.lemma_.lower() not in CHARACTERISING_VERBS or self._coins(verb, span):
            return None
        subject = verb_subject(verb)
        if subject is None or not self.ctx.outside_quotes(subject):
            return None
        return replace(self.cue(verb.idx, verb.idx + len(verb), subject, True), complement=True)

    def coinage(self, span: QuoteSpan, verb: Token | None) -> bool:
        """ "dubbed the levy a "shopping tax"", "what ministers call "climate-ready towns"": a
        name the writer mentions, not words anybody said."""
        if verb is None:
            return False
        return verb.lemma_.lower() in NAMING_VERBS or (
            verb.lemma_.lower() in CHARACTERISING_VERBS and self._coins(verb, span)
        )

    def _complemented_verb(self, span: QuoteSpan) -> Token | None:
        """The verb the quoted fragment complements, a few attachment steps up from its root."""
        tokens = self.ctx.tokens(span.start, span.end)
        node = next((t for t in tokens if not span.start <= t.head.idx < span.end or t.head.i == t.i), None)
        for _ in range(_COMPLEMENT_STEPS):
            if node is None or node.head.i == node.i or node.dep_ not in _COMPLEMENT_DEPS:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return None if node.dep_ in ("amod", "acl") else node  # "a box labeled "X"": a label
        return None

    @staticmethod
    def _coins(verb: Token, span: QuoteSpan) -> bool:
        """No object of its own, or a relative one ("what ministers call"): the quote names a thing."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and not span.start <= c.idx < span.end]
        return not objects or objects[0].lower_ in _RELATIVE_OBJECTS

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
        if not self.text[close_end:p_end].strip():
            return self._signed_below(p_end)
        return after

    def _signed_below(self, p_end: int) -> Cue:
        """A signature alone on the line below a quote that ends its paragraph ('"..."' then
        '― Ann Lee, Boston.'), as round-ups of readers' and voters' words set them."""
        paragraphs = self.ctx.paragraphs
        k = paragraphs.index(p_end) + 1
        if k >= len(paragraphs):
            return NO_CUE
        tokens = self.ctx.tokens(*paragraphs.spans[k])
        if len(tokens) > _SIGNATURE_LINE or any(t.pos_ in ("VERB", "AUX") for t in tokens):
            return NO_CUE  # "― Ann Lee, the mayor, said ...": a paragraph of its own
        signed = signature(tokens, self.ctx.outside_quotes)
        return NO_CUE if signed is None else self._credit(*signed)

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
        signed = signature(tokens, allowed)
        if signed is not None:
            return self._credit(*signed)
        modal = False  # "...,' Kei would write": a modal marks narration, not an attribution
        for n, token in enumerate(tokens[: self.settings.after_window]):
            if token.text in SENTENCE_END and n > 0:
                break
            cue = self.cue_at(token, allowed, adjacent=not modal)
            if cue is not None:
                between = tokens[:n]
                return replace(cue, adjacent=cue.adjacent and self._only_subject(between, cue))
            modal = modal or token.tag_ == "MD"
        return NO_CUE

    def before(self, tokens: list[Token], allowed: Callable[[Token], bool]) -> Cue:
        ends = [n for n, t in enumerate(tokens[:-1]) if t.text in SENTENCE_END]
        clause = tokens[ends[-1] + 1 :] if ends else tokens
        last = clause[-1].text if clause else ""
        # a participle that names nobody gives way to an earlier cue that names somebody: "put
        # it in his memo to staff explaining the deal, "...""
        unnamed: Cue | None = None
        for n in range(len(clause) - 1, -1, -1):
            adjacent = last in (":", ",") or n >= len(clause) - 3
            cue = self.cue_at(clause[n], allowed, adjacent)
            if cue is None:
                continue
            if cue.mention_start is not None:
                return cue
            if clause[n].tag_ != "VBG":
                return unnamed or cue
            unnamed = unnamed or cue
        if unnamed is not None:
            return unnamed
        labelled = label(clause, allowed) or issued(clause, allowed)
        return NO_CUE if labelled is None else self._credit(*labelled)

    def _credit(self, by: Token, name: Token) -> Cue:
        """The cue of a quote credited by layout (credits.py): `by` the dash, colon or document."""
        cue = self.cue(by.idx, by.idx + len(by), name, adjacent=True)
        said = self.text[cue.written_start : cue.written_end] if cue.written_end is not None else ""
        if said.count("(") > said.count(")"):  # "Ann Lee (D-Riverton):", the "):" one token
            end = name.idx + len(name)
            cue = replace(cue, mention_end=min(cue.mention_end or end, end), written_end=end)
        return cue

    def cue_at(self, token: Token, allowed: Callable[[Token], bool], adjacent: bool) -> Cue | None:
        """The cue that starts at `token` (a reporting verb or a source phrase), if any."""
        found = self.matches.cue_words.get(token.i)
        if found is None:
            return None
        name, end = found
        if name == "source_phrase":  # according to X, in the words of X
            last = self.doc[end - 1]
            source = self.matches.sources.get(last.i)
            if source is None:
                source = self._nominal(token.i, self.matches.phrase_nominal, allowed)
            head = self.doc[source] if source is not None else None
            return self.cue(token.idx, last.idx + len(last), head, adjacent)
        return self.cue(token.idx, token.idx + len(token), self.speaker_of(token, allowed), adjacent)

    def is_source_phrase(self, token: Token) -> bool:
        found = self.matches.cue_words.get(token.i)
        return found is not None and found[0] == "source_phrase"

    def cue(self, start: int, end: int, head: Token | None, adjacent: bool) -> Cue:
        said = Cue(text=self.text[start:end], start=start, end=end, adjacent=adjacent)
        return said if head is None else named(said, head)

    def lead_in(self, start: int, end: int) -> Cue:
        """The cue of a paragraph that leads into a quote paragraph: "Smith said:"."""
        tokens = self.ctx.tokens(start, end)
        if not tokens or tokens[-1].text != ":":
            return NO_CUE
        return self.before(tokens, self.ctx.outside_quotes)

    def narration_cues(self, start: int, end: int) -> list[Cue]:
        """Cues of narration that reports someone's speech ("Lee said the plan would fail.")."""
        found: list[Cue] = []
        allowed = self.ctx.outside_quotes
        for token in self.ctx.tokens(start, end):
            match = self.matches.cue_words.get(token.i)
            speaks = match is not None and match[0] in _SPEECH_CUES
            if speaks and allowed(token) and self.speaker_of(token, allowed) is not None:
                cue = self.cue_at(token, allowed, False)
                if cue is not None:
                    found.append(cue)
        return found

    def speaker_of(self, verb: Token, allowed: Callable[[Token], bool]) -> Token | None:
        """The subject of a reporting verb, climbing through conjoined verbs, else a neighbour."""
        matches = self.matches
        for depth in range(self.settings.climb):
            # "made public ― Trump boasted": a dash the parser read as a noun names nobody
            found = [self.doc[s] for s in matches.subjects.get((verb.i, depth), ())]
            subjects = sorted(t.i for t in found if allowed(t) and t.text not in DASHES)
            chains = [matches.chains[(verb.i, depth, s)] for s in subjects]
            reachable = [
                s for s, chain in zip(subjects, chains, strict=True) if self._allowed(chain, allowed)
            ]
            if reachable:
                # should the parse give two, the nearest before the verb ('Update: "...,"
                # police said'), not the reported clause's ("Kim, 18, said she had ...")
                before = [s for s in reachable if s < verb.i]
                subject = self.doc[_hyphened(self.doc, before) if before else reachable[0]]
                antecedent = matches.relatives.get((verb.i, depth))
                if antecedent is not None and subject.lower_ in RELATIVE_PRONOUNS:
                    return self.doc[antecedent]  # "Kim, who said ...": the antecedent speaks
                return subject
        around = borrowed_subject(verb, allowed) or interrupted_subject(verb, allowed)
        around = around or appositive_subject(verb, allowed) or fragment_subject(verb, allowed)
        if around is not None:
            return around
        # No subject in the parse: "said Smith", else "Smith then said".
        following = self._nominal(verb.i, matches.following, allowed)
        if following is not None and not _clause_subject(self.doc[following], verb):
            return phrase_head(self.doc[following])
        preceding = matches.preceding.get(verb.i)
        if preceding is not None and self._allowed(range(preceding, verb.i), allowed):
            head = phrase_head(self.doc[preceding])
            return head if head.i < verb.i else self.doc[preceding]  # "the 84-year-old said"
        return None

    def _nominal(self, start: int, found: dict[int, int], allowed: Callable[[Token], bool]) -> int | None:
        """The nominal a pattern found after `start`, if every word up to it may be read."""
        end = found.get(start)
        if end is None or not self._allowed(range(start + 1, end + 1), allowed):
            return None
        return end

    def _allowed(self, ids: Iterable[int], allowed: Callable[[Token], bool]) -> bool:
        return all(allowed(self.doc[i]) for i in ids)

    def _only_subject(self, between: list[Token], cue: Cue) -> bool:
        """Whether the words between a quote and its verb are just the speaker ("Tom Reed, the director,")."""
        if len(between) < self.settings.adjacent_tokens:
            return True
        if cue.mention_head is None:
            return False
        subject = {t.i for t in self.doc[cue.mention_head].subtree}
        return all(t.i in subject or t.is_punct for t in between)


def attribute(
    ctx: ArticleContext, patterns: CuePatterns, spans: Sequence[QuoteSpan] | None = None
) -> list[Cue]:
    """The cue of each span (default: the context's spans), in the order given; NO_CUE where none."""
    return Attributor(ctx, patterns).cues(ctx.spans if spans is None else spans)


def named(cue: Cue, head: Token) -> Cue:
    """`cue` with the speaker mention headed by `head`, and that mention as written."""
    m_start, m_end = mention_span(head)
    w_start, w_end = written_span(head, (m_start, m_end))
    if cue.start is not None and cue.end is not None and w_start < cue.end and cue.start < w_end:
        w_start, w_end = m_start, m_end  # "Said Ellis:": the verb read as a name is the cue
    return replace(
        cue,
        mention_start=m_start,
        mention_end=m_end,
        mention_head=head.i,
        written_start=w_start,
        written_end=w_end,
    )


def _hyphened(doc: Doc, subjects: list[int]) -> int:
    """The last of `subjects`, or the first part of the hyphened word it ends ("the co-op said":
    the tokenizer splits "co-op", and the parser may make each part a subject)."""
    last = subjects[-1]
    while last - 2 in subjects and doc[last - 1].text == "-" and not doc[last - 2].whitespace_:
        last -= 2
    return last


def _clause_subject(token: Token, verb: Token) -> bool:
    """Whether a word after a reporting verb is the subject of the clause it reports ("and said
    she should not run"), which the inversion pattern would take for the verb's own; right
    after a quote the verb inverts whatever the parse says ('"...," said the woman, who ...')."""
    if verb.i > 0 and verb.doc[verb.i - 1].text in CLOSING_MARKS:
        return False
    head = token.head
    reported = head.dep_ == "ccomp" and head.head.i == verb.i and head.i > token.i
    return token.dep_ in ("nsubj", "nsubjpass") and reported
