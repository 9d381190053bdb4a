"""Quotes credited without a reporting verb, by layout alone.

- A signature: a dash and a name after the quote ("...we are accepted." ― Martha Aguilar).
- A document put out before a colon: its issuer (Trump issued the following statement: "...").
- A label: a name alone before a colon that opens the quote, as a transcript or a round-up
  of quotes has it (Clinton: "Our goal is ..."; Rep. Trey Gowdy (R-S.C.): "...";
  RED STATES OUTNUMBER BLUE - Jeffrey M. Jones: "...").

Each gives the token that carries the credit (the dash, the colon, the document) and the
token of the one credited (a name's last token, the issuer); attribute.py makes the cue.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .mentions import TIME_ENTITIES, is_name_token, name_span
from .names import PLACE_LABELS
from .subjects import issuer

DASHES = frozenset("―—–")
_SIGNATURE_ENDS = frozenset({",", ".", "(", ";"})
_LABEL_BREAKS = frozenset({"-", "--", *DASHES})  # a round-up's headline before the name
_LABEL_TOKENS = 8  # "Former secretary of state Hillary Rodham Clinton"
_NOT_IN_LABELS = frozenset({"VERB", "AUX", "DET", "PRON"})
_LABEL_PUNCT = frozenset({".", "-", "'", "’"})  # "Rep.", "Jean-Luc", "O'Neill"
# A place, a work or a date before a colon heads what follows; it does not say it.
_NOT_SPEAKERS = PLACE_LABELS | TIME_ENTITIES

Credit = tuple[Token, Token]  # the crediting token, the name's last token


def signature(tokens: list[Token], allowed: Callable[[Token], bool]) -> Credit | None:
    """A dash and a name just after a quote (`tokens`: what follows it), signing it."""
    if len(tokens) < 2 or tokens[0].text not in DASHES or not is_name_token(tokens[1]):
        return None
    _, end = name_span(tokens[1])
    rest = [t for t in tokens if t.i >= end]
    if not allowed(tokens[1]) or (rest and rest[0].text not in _SIGNATURE_ENDS):
        return None  # "the "gig economy" — Uber and Lyft — ...": a name in running prose
    return tokens[0], tokens[0].doc[end - 1]


def label(clause: list[Token], allowed: Callable[[Token], bool]) -> Credit | None:
    """A name alone before the colon that ends `clause` (the words from the last sentence end up
    to a quote's opening mark): a title may open it, a party and state in brackets end it."""
    if len(clause) < 2 or clause[-1].text not in (":", "):"):  # the tokenizer may keep "):" whole
        return None
    colon = clause[-1]
    words = clause[:-1]
    breaks = [n for n, t in enumerate(words) if t.text in _LABEL_BREAKS and t.whitespace_]
    if breaks:
        words = words[breaks[-1] + 1 :]
    if colon.text == "):" or (words and words[-1].text == ")"):  # "(R-S.C.)"
        words = words[: max((n for n, t in enumerate(words) if t.text == "("), default=0)]
    if not words or len(words) > _LABEL_TOKENS or not all(allowed(t) for t in words):
        return None
    name = words[-1]
    if not is_name_token(name) or name.ent_type_ in _NOT_SPEAKERS:
        return None
    # "Here's Clinton in 1992:", "The timing does not surprise Shaw:", "The lesson of Ann Lee:"
    if any(t.pos_ in _NOT_IN_LABELS or (t.is_punct and t.text not in _LABEL_PUNCT) for t in words):
        return None
    return colon, name


def issued(clause: list[Token], allowed: Callable[[Token], bool]) -> Credit | None:
    """A document its subject puts out, just before the colon or comma that ends `clause`."""
    if len(clause) < 3 or clause[-1].text not in (":", ","):
        return None
    speaker = issuer(clause[-2], allowed)
    return None if speaker is None else (clause[-2], speaker)
