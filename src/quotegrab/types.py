"""Records passed between stages: frozen dataclasses of plain values, never spaCy objects."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

Kind = Literal["direct", "indirect", "nested", "mixed"]
Attribution = Literal["explicit", "pronoun", "name_part", "role", "description", "continuation", "none"]
SpeakerType = Literal["person", "organisation", "group", "description", "unknown"]

# The same values as tuples, in order, for categories and checks: written once, in the Literals.
KINDS: tuple[Kind, ...] = get_args(Kind)
ATTRIBUTIONS: tuple[Attribution, ...] = get_args(Attribution)
SPEAKER_TYPES: tuple[SpeakerType, ...] = get_args(SpeakerType)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quoted stretch found from the quote marks alone, before any parse."""

    start: int  # content start, after the opening mark
    end: int  # content end, before the closing mark
    kind: Kind
    paragraph: int
    closed: bool = True  # False when recovered from an unbalanced mark
    parent: int | None = None  # start offset of the enclosing quote, for nested quotes
    open_mark: int | None = None  # offset of the opening mark
    close_mark: int | None = None  # offset of the closing mark


@dataclass(frozen=True, slots=True)
class Cue:
    """How a quote is introduced: the reporting word and the speaker mention, in clean-text offsets."""

    text: str | None
    start: int | None = None
    end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    mention_head: int | None = None  # token index of the mention's head word
    # The mention as written, which the output shows: its noun phrase around the name or noun
    # that mention_start/mention_end hold for the resolver ("White House press secretary Josh Earnest").
    written_start: int | None = None
    written_end: int | None = None
    adjacent: bool = False  # right beside the quote: ..." she said / She said: "...
    complement: bool = False  # the quote is what the verb calls something: called it "nonsense"


NO_CUE = Cue(None)

R = TypeVar("R", bound="QuoteRecord")


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """The fields of one attributed quote; `DocQuote` and `Quote` say which text the offsets are in."""

    kind: Kind
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    attribution: Attribution = "none"
    paragraph: int = 0
    speaker_type: SpeakerType = "unknown"
    cue_start: int | None = None
    cue_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        # Every field is a plain str, int or None: no deep copy (dataclasses.asdict makes one,
        # and cost a few percent of a run over short articles).
        return {name: getattr(self, name) for name in _QUOTE_FIELDS}

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any]) -> R:
        names = _FIELD_NAMES.get(cls)
        if names is None:  # dataclasses.fields() is slow, and a merge reads every quote back
            names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
        return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # the field names of each record class


_QUOTE_FIELDS = tuple(f.name for f in dataclasses.fields(QuoteRecord))


@dataclass(frozen=True, slots=True)
class DocQuote(QuoteRecord):
    """A quote as the spaCy component finds it: offsets into `doc.text`, paragraphs of `doc.text`."""


@dataclass(frozen=True, slots=True)
class Quote(QuoteRecord):
    """The output record: offsets into the article text exactly as decoded, paragraphs of that text."""


# Output columns, in order: the article id and index, then the Quote fields.
RECORD_FIELDS: tuple[str, ...] = (
    "article_id",
    "quote_index",
    *(f.name for f in dataclasses.fields(QuoteRecord)),
)


def to_record(article_id: str, index: int, quote: QuoteRecord) -> dict[str, Any]:
    """Flatten a quote into one output row with the columns of RECORD_FIELDS."""
    return {"article_id": article_id, "quote_index": index, **quote.to_dict()}
