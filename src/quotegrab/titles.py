"""Titles and roles written as part of a name: "Dr.", "DCI", "MLA", "Minister"."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import PERSON_ROLES, honorific_key, is_postnominal, is_rank_abbreviation


def is_role(word: str) -> bool:
    return word in PERSON_ROLES or (word.endswith("ist") and len(word) > 5)


@lru_cache(maxsize=1 << 16)  # a pure function of the word, asked of every capitalised token
def title_of(text: str) -> str | None:
    """The title a word stands for, lower-cased: an honorific ("Dr." -> "dr"), a rank
    abbreviation ("DCI"), a post-nominal written before the name ("MLA"), or a role word
    ("Minister"); None for any other word."""
    key = honorific_key(text)
    if key is not None:
        return key
    word = text.rstrip(".").lower()
    # "MLA Rosa Whitfield", "MP Jane Roe": a post-nominal in capitals before a name is a title
    before = text.rstrip(".").isupper() and is_postnominal(text)
    return word if is_rank_abbreviation(text) or is_role(word) or before else None


def title_alone(word: str) -> bool:
    """A role of the lexicon, a post-nominal or a rank ("Minister", "MP", "DCI"); not any
    word ending in -ist ("Methodist")."""
    return word.lower() in PERSON_ROLES or is_postnominal(word) or is_rank_abbreviation(word)
