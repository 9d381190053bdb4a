"""Quotes in document order: continuation paragraphs and turn-taking.

Most quotes carry their own cue. A quote paragraph without one continues the speaker
of the quote paragraph before it, or takes the speaker of a lead-in ("Smith said:"),
or of narration that just reported that person's speech. In an exchange of two
speakers, a reply to a question, and a question put back, go to the other party.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from .attribute import Attributor, named
from .context import ArticleContext
from .descriptions import is_person_head
from .lexicon import TURN_CUES
from .resolve import NOBODY, Resolver, Speaker
from .types import NO_CUE, Cue, DocQuote, QuoteSpan

log = logging.getLogger(__name__)
_SENTENCE_ENDS = frozenset(".!?")


class Dialogue:
    """Resolves one article's quotes in document order, remembering who spoke where."""

    def __init__(self, ctx: ArticleContext, attributor: Attributor, resolver: Resolver) -> None:
        self.ctx = ctx
        self.attributor = attributor
        self.resolver = resolver
        self.by_start: dict[int, Speaker] = {}  # top-level quote start -> its speaker
        self.by_paragraph: dict[int, tuple[Speaker, DocQuote]] = {}  # last paragraph -> named speaker

    def quotes(self, spans: Sequence[QuoteSpan], cues: Sequence[Cue]) -> list[DocQuote]:
        """Quotes with canonical speakers, in doc.text offsets, in document order.

        A quote whose speaker cannot be resolved (an odd parse trips a rule) keeps its
        span and cue without a speaker: one bad quote never costs the others.
        """
        order = sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].kind != "direct"))
        found = []
        for i in order:
            try:
                found.append(self.quote(spans[i], cues[i]))
            except Exception:
                log.exception("speaker resolution failed for the quote at %d", spans[i].start)
                found.append(make_quote(self.ctx.text, spans[i], cues[i], NOBODY))
        return found

    def quote(self, span: QuoteSpan, cue: Cue) -> DocQuote:
        parent = self.by_start.get(span.parent) if span.parent is not None else None
        position = cue.mention_start if cue.mention_start is not None else span.start
        before = self.by_paragraph.get(span.paragraph - 1) if span.kind == "direct" else None
        asker = before[0].name if before is not None and is_turn(before[1]) else None
        speaker = self.resolver.speaker(cue, position, parent, asker)
        if span.kind == "direct" and cue.text is None:
            cue, speaker = self.continuation(span)
        quote = make_quote(self.ctx.text, span, cue, speaker)
        if span.kind != "nested":
            self.resolver.record(speaker, span.start)
        if span.kind == "direct":
            self.by_start[span.start] = speaker
            if speaker.name is not None:
                last = self.ctx.paragraph_index(max(span.end - 1, span.start))
                self.by_paragraph[last] = (speaker, quote)
        return quote

    def continuation(self, span: QuoteSpan) -> tuple[Cue, Speaker]:
        """A quote paragraph with no cue: "Smith said:" just before it, or the previous speaker."""
        text = self.ctx.text
        open_at = span.open_mark if span.open_mark is not None else span.start
        p_start, _ = self.ctx.paragraph(open_at)
        if text[p_start:open_at].strip():
            return self.after_sentence(p_start, open_at) or (NO_CUE, NOBODY)
        if p_start == 0:
            return NO_CUE, NOBODY
        prev_start, prev_end = self.ctx.paragraph(p_start - 2)
        lead = self.attributor.lead_in(prev_start, prev_end)
        if lead.text is not None:
            return lead, self.resolver.speaker(lead, lead.mention_start or prev_start)
        previous = self.by_paragraph.get(span.paragraph - 1)
        if previous is not None:
            speaker, quote = previous
            earlier = self.by_paragraph.get(span.paragraph - 2)
            asks = text[span.start : span.end].rstrip().endswith("?")
            if earlier is not None and earlier[0].name != speaker.name and (is_turn(quote) or asks):
                speaker = earlier[0]
            return NO_CUE, Speaker(speaker.name, speaker.kind, "continuation")
        # Narration that reports someone's speech ("Lee said the plan would fail.") leads into the quote.
        for reported in self.attributor.narration_cues(prev_start, prev_end):
            found = self.resolver.speaker(reported, reported.mention_start or prev_start)
            if found.name is not None:
                return NO_CUE, Speaker(found.name, found.kind, "continuation")
        return NO_CUE, NOBODY

    def after_sentence(self, p_start: int, open_at: int) -> tuple[Cue, Speaker] | None:
        """ "Her colleague Ray Kowal was blunter. "If they want ..."": a quote with no cue that
        follows a whole sentence of its paragraph is said by that sentence's subject, a person
        or a source named as one (never "The strike began at dawn.")."""
        tokens = self.ctx.tokens(p_start, open_at)
        if not tokens or tokens[-1].text not in _SENTENCE_ENDS:
            return None
        root = tokens[-1].sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.idx < p_start or self.ctx.in_quote(subject):
            return None
        appositive = any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children)
        if not (subject.pos_ in ("PROPN", "PRON") or appositive or is_person_head(subject)):
            return None
        cue = named(NO_CUE, subject)
        speaker = self.resolver.speaker(cue, cue.mention_start or 0)
        return (cue, speaker) if speaker.name is not None else None


def is_turn(quote: DocQuote) -> bool:
    """A line that hands the floor back: a question, or one cued by "replied", "asked"..."""
    cue = (quote.cue or "").lower()
    return quote.text.rstrip().endswith("?") or cue.startswith(TURN_CUES)


def make_quote(text: str, span: QuoteSpan, cue: Cue, speaker: Speaker) -> DocQuote:
    mention = None
    m_start, m_end = cue.written_start, cue.written_end
    if m_start is None or m_end is None:
        m_start, m_end = cue.mention_start, cue.mention_end
    if m_start is not None and m_end is not None:
        mention = text[m_start:m_end]
    return DocQuote(
        kind=span.kind,
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        speaker=speaker.name,
        speaker_mention=mention,
        speaker_start=m_start if mention else None,
        speaker_end=m_end if mention else None,
        cue=cue.text,
        attribution=speaker.attribution if speaker.name else "none",
        paragraph=span.paragraph,
        speaker_type=speaker.kind,
        cue_start=cue.start if cue.text else None,
        cue_end=cue.end if cue.text else None,
    )
