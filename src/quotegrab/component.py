"""The spaCy component: the only module that registers anything with spaCy.

`nlp.add_pipe("quotegrab")` after a parser puts the article's quotes on `doc._.quotes`
(Quote records, offsets into doc.text) and on `doc.spans["quotes"]`, labelled by kind.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.util import minibatch, raise_error
from spacy.vocab import Vocab

from .attribute import Attributor
from .context import ArticleContext, Paragraphs, Parsed
from .dialogue import Dialogue, make_quote
from .fast import FastAnnotator
from .firstnames import first_name_genders
from .gender import GenderWeights
from .indirect import find_indirect
from .lexicon import INDIRECT_VERBS, REPORTING_VERBS, SOURCE_PHRASES
from .matches import Matches
from .models import pipeline_verb_tables
from .patterns import AttributionSettings, CuePatterns
from .pronouns import PronounWeights
from .quotes import (
    fills_paragraph,
    fills_sentence,
    find_quotes,
    is_speech,
    is_title_like,
    opens_sentence,
)
from .resolve import NOBODY, Resolver, ResolveSettings
from .signals import SpeechSignals
from .types import Cue, DocQuote, Quote, QuoteRecord, QuoteSpan

log = logging.getLogger(__name__)

_TYPE_ATTR = "__quotegrab__"
_RECORDS: dict[str, type[QuoteRecord]] = {"DocQuote": DocQuote, "Quote": Quote}

_USER_DATA_KEY = "quotegrab.quotes"
ErrorHandler = Callable[[str, Any, list[Doc], Exception], Any]


def _get_quotes(doc: Doc) -> tuple[DocQuote, ...]:
    # msgpack brings sequences back as lists: always hand out a tuple
    return tuple(doc.user_data.get(_USER_DATA_KEY, ()))


def _set_quotes(doc: Doc, quotes: tuple[DocQuote, ...]) -> None:
    doc.user_data[_USER_DATA_KEY] = list(quotes)


Doc.set_extension("quotes", getter=_get_quotes, setter=_set_quotes, force=True)


def encode_quote(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    """msgpack hook: Quote records travel as dicts, so docs survive n_process > 1 and DocBin."""
    if isinstance(obj, QuoteRecord):
        return {_TYPE_ATTR: type(obj).__name__, **obj.to_dict()}
    return obj if chain is None else chain(obj)


def decode_quote(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    if isinstance(obj, dict) and obj.get(_TYPE_ATTR) in _RECORDS:
        return _RECORDS[obj[_TYPE_ATTR]].from_dict(obj)
    return obj if chain is None else chain(obj)


srsly.msgpack_encoders.register("quotegrab.encode_quote", func=encode_quote)
srsly.msgpack_decoders.register("quotegrab.decode_quote", func=decode_quote)


class QuoteFinder:
    """Finds, attributes and resolves the quotes of a parsed Doc.

    With `fast`, it parses a tokenizer-only Doc itself, only where quotes can be (see
    fast.py), with the pipeline's own parsing pipes, which should then be disabled so that
    they do not run over everything first; a Doc that comes parsed is used as it is.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        spans_key: str = "quotes",
        nested: bool = True,
        indirect: bool = True,
        attribution: AttributionSettings | None = None,
        resolution: ResolveSettings | None = None,
        fast: bool = False,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.nested = nested
        self.indirect = indirect
        self.fast = fast
        self.resolution = resolution or ResolveSettings()
        self.patterns = default_patterns(nlp.vocab, attribution or AttributionSettings())
        # Reporting-verb forms from this pipeline's own lemmatizer, for the pre-parse signals.
        self.signals = SpeechSignals.from_tables(pipeline_verb_tables(nlp))
        self.nlp = nlp
        if self.resolution.gender.first_name:
            first_name_genders()  # read once here, not inside the first article's time
        self.annotator: FastAnnotator | None = None  # made on first use: pipes may come later
        self.error_handler: ErrorHandler = raise_error

    def __call__(self, doc: Doc) -> Doc:
        parsed = self._annotate([doc])[0]
        return self._set(doc, parsed)

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Docs a batch at a time (fast mode parses a batch at once); a Doc that fails goes
        to the error handler alone, and the others go on."""
        for batch in minibatch(stream, size=batch_size):
            try:
                parsed = self._annotate(batch)
            except Exception as exc:
                self.error_handler(self.name, self, batch, exc)
                continue
            try:
                matches: list[Matches | None] = list(self.patterns.batch(batch, parsed))
            except Exception:  # each Doc is matched alone, and one that fails goes alone
                matches = [None] * len(batch)
            for doc, part, found in zip(batch, parsed, matches, strict=True):
                try:
                    yield self._set(doc, part, found)
                except Exception as exc:
                    self.error_handler(self.name, self, [doc], exc)

    def get_error_handler(self) -> ErrorHandler:
        return self.error_handler

    def set_error_handler(self, error_handler: ErrorHandler) -> None:
        self.error_handler = error_handler

    def _annotate(self, docs: list[Doc]) -> list[Parsed | None]:
        if not self.fast:
            return [None] * len(docs)
        if self.annotator is None:
            self.annotator = FastAnnotator(self.nlp, self.signals)
        return self.annotator(docs)

    def _set(self, doc: Doc, parsed: Parsed | None, matches: Matches | None = None) -> Doc:
        quotes = find_doc_quotes(
            doc, self.nested, self.indirect, self.patterns, self.resolution, self.signals, parsed, matches
        )
        doc._.quotes = tuple(quotes)
        group = []
        for quote in quotes:
            span = doc.char_span(quote.start, quote.end, label=quote.kind, alignment_mode="expand")
            if span is not None:
                group.append(span)
        doc.spans[self.spans_key] = SpanGroup(doc, name=self.spans_key, spans=group)
        return doc


def default_patterns(vocab: Vocab, settings: AttributionSettings | None = None) -> CuePatterns:
    """The attribution patterns built from the package lexicon."""
    return CuePatterns(vocab, REPORTING_VERBS, INDIRECT_VERBS, SOURCE_PHRASES, settings)


def find_doc_quotes(
    doc: Doc,
    nested: bool = True,
    indirect: bool = True,
    patterns: CuePatterns | None = None,
    resolution: ResolveSettings | None = None,
    signals: SpeechSignals | None = None,
    parsed: Parsed | None = None,
    matches: Matches | None = None,
) -> list[DocQuote]:
    """Quotes of one parsed Doc, speech only, in document order; `parsed`: what of it was
    parsed, when not all of it was (fast mode); `matches`: the patterns' matches in it, when
    found already (with a batch's)."""
    # Doc.text is rebuilt from the tokens on every access: read it once (fast mode read it already)
    whole = parsed.text if parsed is not None and parsed.text is not None else doc.text
    paragraphs = Paragraphs(whole)
    reused = parsed.quotes if parsed is not None else None  # fast mode found them already
    spans = find_quotes(whole, paragraphs, signals) if reused is None else list(reused)
    if not nested:
        spans = [s for s in spans if s.kind != "nested"]
    ctx = ArticleContext(doc, spans, paragraphs, parsed, whole)
    attributor = Attributor(ctx, patterns or default_patterns(doc.vocab), matches)
    cues = _safe_cues(attributor, spans)
    kept: list[QuoteSpan] = []
    kept_cues: list[Cue] = []
    dropped: set[int] = set()
    for span, cue in zip(spans, cues, strict=True):
        text = whole[span.start : span.end]
        speech = (
            fills_paragraph(whole, span, paragraphs)
            or fills_sentence(whole, span)
            or is_speech(text, cue.adjacent, opens_sentence(whole, span))
            or (cue.complement and not is_title_like(text))
        )
        if span.parent in dropped or not speech:
            dropped.add(span.start)
            continue
        kept.append(span)
        kept_cues.append(cue)
    if indirect:
        try:
            reported = find_indirect(attributor)
        except Exception:  # indirect speech is a bonus: never lose the direct quotes over it
            log.exception("indirect speech extraction failed")
            reported = []
        mixed = [span for span, _ in reported if span.kind == "mixed"]
        # A quoted fragment inside a mixed quote is part of it, not a quote of its own.
        keep = [not any(m.start <= s.start and s.end <= m.end for m in mixed) for s in kept]
        kept = [s for s, k in zip(kept, keep, strict=True) if k] + [s for s, _ in reported]
        kept_cues = [c for c, k in zip(kept_cues, keep, strict=True) if k] + [c for _, c in reported]
    try:
        resolver = Resolver(ctx, resolution)
    except Exception:  # the article's names could not be read: its quotes go without speakers
        log.exception("name registry failed; quotes are kept without speakers")
        pairs = sorted(zip(kept, kept_cues, strict=True), key=_order)
        return [make_quote(whole, span, cue, NOBODY) for span, cue in pairs]
    return Dialogue(ctx, attributor, resolver).quotes(kept, kept_cues)


def _order(item: tuple[QuoteSpan, Cue]) -> tuple[int, bool]:
    return item[0].start, item[0].kind != "direct"


def _safe_cues(attributor: Attributor, spans: list[QuoteSpan]) -> list[Cue]:
    """Cues for all spans; if the parse trips one quote up, that quote goes unattributed, not the article."""
    try:
        return attributor.cues(spans)
    except Exception:  # a bad parse must not lose the article's other quotes
        log.exception("attribution failed; retrying quote by quote")
    cues = []
    for span in spans:
        try:
            cues.append(attributor.cues([span])[0])
        except Exception:
            log.exception("attribution failed for the quote at %d", span.start)
            cues.append(Cue(None))
    return cues


@Language.component("quotegrab_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Every paragraph break is a sentence boundary. Put before the parser, which keeps preset
    boundaries: a headline or caption without a full stop is never parsed into the next sentence."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


_ATTRIBUTION_DEFAULTS = AttributionSettings()
_RESOLVE_DEFAULTS = ResolveSettings()


@Language.factory(
    "quotegrab",
    assigns=["doc._.quotes", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma"],
    default_config={
        "spans_key": "quotes",
        "nested": True,
        "indirect": True,
        "fast": False,
        **{k: getattr(_ATTRIBUTION_DEFAULTS, k) for k in AttributionSettings.__dataclass_fields__},
        "pronoun_window": _RESOLVE_DEFAULTS.pronouns.window,
        "antecedent_subject_weight": _RESOLVE_DEFAULTS.pronouns.subject,
        "antecedent_speaker_weight": _RESOLVE_DEFAULTS.pronouns.speaker,
        "antecedent_gender_weight": _RESOLVE_DEFAULTS.pronouns.gender,
        "antecedent_sentence_cost": _RESOLVE_DEFAULTS.pronouns.sentence,
        "title_gender_weight": _RESOLVE_DEFAULTS.gender.title,
        "pronoun_gender_weight": _RESOLVE_DEFAULTS.gender.pronoun,
        "first_name_gender_weight": _RESOLVE_DEFAULTS.gender.first_name,
    },
)
def make_quote_finder(
    nlp: Language,
    name: str,
    spans_key: str,
    nested: bool,
    indirect: bool,
    fast: bool,
    after_window: int,
    adjacent_tokens: int,
    inversion_window: int,
    preceding_window: int,
    climb: int,
    pronoun_window: int,
    antecedent_subject_weight: float,
    antecedent_speaker_weight: float,
    antecedent_gender_weight: float,
    antecedent_sentence_cost: float,
    title_gender_weight: int,
    pronoun_gender_weight: int,
    first_name_gender_weight: int,
) -> QuoteFinder:
    attribution = AttributionSettings(
        after_window, adjacent_tokens, inversion_window, preceding_window, climb
    )
    gender = GenderWeights(title_gender_weight, pronoun_gender_weight, first_name_gender_weight)
    pronouns = PronounWeights(
        window=pronoun_window,
        subject=antecedent_subject_weight,
        speaker=antecedent_speaker_weight,
        gender=antecedent_gender_weight,
        sentence=antecedent_sentence_cost,
    )
    resolution = ResolveSettings(pronouns, gender)
    return QuoteFinder(nlp, name, spans_key, nested, indirect, attribution, resolution, fast)
