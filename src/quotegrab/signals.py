"""Signs of speech in clean text before any parse: quote marks and reporting-verb forms.

They decide what is parsed at all (an article with neither is not) and, in fast mode, which
paragraphs are (fastplan.py); quote pairing reads where an unclosed quote's speech stops.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import ATTRIBUTION_TAIL_VERBS, REPORTING_VERBS, SOURCE_PHRASES, VerbTables, forms_from_tables
from .models import default_verb_tables

QUOTE_MARKS = "\"“”‘’'«»„"  # every mark that may open or close a quote, before pairing
QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
_WORD = re.compile(r"\w+")  # `\b(?:form)\b` matches a form of word characters only as a whole run
_SPEAKER_PHRASE = (
    r"(?:he|she|they|we|I|(?:the|a|an)\s+\w+(?:\s+\w+)?|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})"
)
# Between a speaker and the verb, an appositive set off by commas: "Ann Roy, the mayor, said",
# "Ann Roy, a spokeswoman for the council, said", "Ann Roy, 54, said".
_APPOSITIVE = r"(?:,\s+(?:(?:the|a|an|his|her|its|their)\s+[^,.!?;:\"“”\n]{1,80}?|\d{1,3}),)?"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class SpeechSignals:
    """Signs of speech in text before any parse: quote marks and reporting-verb forms.

    The forms are derived from the lexicon's verb lemmas by a lemmatizer's tables
    (`from_tables`), so that no inflected form is listed by hand.
    """

    def __init__(self, reporting_forms: Iterable[str], tail_forms: Iterable[str]) -> None:
        forms = list(reporting_forms)
        phrases = "|".join(r"\s+".join(map(re.escape, p.split())) for p in SOURCE_PHRASES)
        # The verb forms as a set, not one alternation of a thousand words: Python's re tries
        # each at every position, about 4 us a character (12 ms for a 3,000-character article
        # with no cue, as long as fast mode takes to read a whole article with quotes).
        self.cue_words = frozenset(w.lower() for w in forms)
        self.phrase_pattern = re.compile(f"\\b(?:{phrases})\\b", re.IGNORECASE)
        odd = sorted(w for w in self.cue_words if not _WORD.fullmatch(w))  # none in the lexicon
        self.odd_forms = re.compile(f"\\b(?:{_alternation(odd)})\\b", re.IGNORECASE) if odd else None
        tail = _alternation(tail_forms)
        # "... done, he said." inside an unclosed quote: where the speech stops.
        self.attribution_tail = re.compile(
            rf"(?<=[,.!?])\s+(?=(?:{_SPEAKER_PHRASE}{_APPOSITIVE}\s+(?:{tail})\b|(?:{tail})\s+(?:he|she|the|[A-Z])))"
        )

    @classmethod
    def from_tables(cls, tables: VerbTables | None) -> SpeechSignals:
        return cls(
            forms_from_tables(REPORTING_VERBS, tables), forms_from_tables(ATTRIBUTION_TAIL_VERBS, tables)
        )

    def could_quote(self, text: str) -> bool:
        """False only for text that can hold no quote and no attribution: its parse can be skipped."""
        if QUOTE_MARK.search(text) is not None or self.phrase_pattern.search(text) is not None:
            return True
        cues = self.cue_words
        if any(word.lower() in cues for word in _WORD.findall(text)):
            return True
        return self.odd_forms is not None and self.odd_forms.search(text) is not None

    def speech_end(self, text: str, start: int, end: int) -> int:
        """Where an unclosed quote's speech ends: before an attribution, else at `end`."""
        match = self.attribution_tail.search(text, start, end)
        return match.start() if match else end


@lru_cache(maxsize=1)
def default_signals() -> SpeechSignals:
    """The signals of the default pipeline's lemmatizer, for callers that bring no pipeline."""
    return SpeechSignals.from_tables(default_verb_tables())


def could_quote(text: str) -> bool:
    """`SpeechSignals.could_quote` with the default pipeline's verb forms."""
    return default_signals().could_quote(text)
