"""Quotegrab's word lists, read once from the data files beside this module.

Each list is a plain-text file (README.md describes them), shipped in the wheel and read
with importlib.resources. The names below replace those of quotegrab.constants; how a
consumer must match each one (lower-cased, exact text, lemma) is written at the top of
its file and summed up here:

- lower-cased lemma: REPORTING_VERBS, INDIRECT_VERBS, CHARACTERISING_VERBS, NAMING_VERBS, ISSUING_VERBS,
  DOCUMENT_NOUNS, DOCUMENT_VERBS (noun lemma -> the verb lemma that makes it)
- lower-cased lemma or token text: PERSON_ROLES, PERSON_ROLE_GENDER, ORGANISATION_NOUNS,
  ORGANISATION_NOUN_KIND (noun -> kind of organisation), GROUP_NOUNS
- lower-cased token text: PRONOUN_GENDER, SINGULAR_PERSON_PRONOUNS, GROUP_PRONOUNS,
  FIRST_PERSON_PRONOUNS, CALENDAR_WORDS, NAME_PARTICLES
- honorific_key(text) for HONORIFICS (lower-cased, trailing "." dropped, never an all-caps token)
- exact text with its ".": TITLE_ABBREVIATIONS (tokenizer special cases, pipeline.py)
- exact text, trailing "." dropped: RANK_ABBREVIATIONS, POSTNOMINALS (is_rank_abbreviation,
  is_postnominal)
- exact text: ORGANISATION_NAME_WORDS, ORGANISATION_NAME_KIND (word -> kind), SENTENCE_END
- prefix of the lower-cased cue: TURN_CUES; lower-cased phrases: SOURCE_PHRASES,
  PHRASAL_REPORTING_VERBS (verb lemma and particle)
"""

from __future__ import annotations

import re

from spacy.language import Language

from .forms import VerbTables, forms_from_tables, package_verb_tables, surface_forms, verb_tables
from .load import DISJOINT, FILES, LexiconError, ListFile, Loaded, check, load_all, parse

__all__ = [
    "ATTRIBUTION_TAIL_VERBS",
    "CALENDAR_WORDS",
    "CHARACTERISING_VERBS",
    "DISJOINT",
    "DOCUMENT_NOUNS",
    "DOCUMENT_VERBS",
    "FILES",
    "FIRST_PERSON_PRONOUNS",
    "GROUP_NOUNS",
    "GROUP_PRONOUNS",
    "HONORIFICS",
    "INDIRECT_VERBS",
    "ISSUING_VERBS",
    "NAME_PARTICLES",
    "NAMING_VERBS",
    "NOISE_PARAGRAPH",
    "ORGANISATION_NAME_KIND",
    "ORGANISATION_NAME_WORDS",
    "ORGANISATION_NOUNS",
    "ORGANISATION_NOUN_KIND",
    "PERSON_ROLES",
    "PERSON_ROLE_GENDER",
    "PHRASAL_REPORTING_VERBS",
    "POSTNOMINALS",
    "PRONOUN_GENDER",
    "RANK_ABBREVIATIONS",
    "REFUSAL_VERBS",
    "REPORTING_VERBS",
    "SENTENCE_END",
    "SINGULAR_PERSON_PRONOUNS",
    "SOURCE_PHRASES",
    "TITLE_ABBREVIATIONS",
    "TURN_CUES",
    "LexiconError",
    "ListFile",
    "Loaded",
    "VerbTables",
    "check",
    "forms_from_tables",
    "honorific_key",
    "is_postnominal",
    "is_rank_abbreviation",
    "load_all",
    "package_verb_tables",
    "parse",
    "reporting_verb_forms",
    "surface_forms",
    "verb_tables",
]

_LISTS = load_all()


def _words(name: str) -> frozenset[str]:
    return frozenset(_LISTS[name].entries)


def _map(name: str) -> dict[str, str | None]:
    return dict(_LISTS[name].entries)


def _noise_pattern(patterns: list[str]) -> re.Pattern[str]:
    # One alternative per line, anchored at the paragraph start as the old inline regex was.
    return re.compile(r"^\s*(?:" + "|".join(f"(?:{p})" for p in patterns) + ")", re.IGNORECASE)


REPORTING_VERBS = _words("reporting_verbs")
INDIRECT_VERBS = _words("indirect_verbs")
ATTRIBUTION_TAIL_VERBS = _words("attribution_tail_verbs")
REFUSAL_VERBS = _words("refusal_verbs")
ISSUING_VERBS = _words("issuing_verbs")
CHARACTERISING_VERBS = _words("characterising_verbs")
NAMING_VERBS = _words("naming_verbs")
TURN_CUES: tuple[str, ...] = tuple(_LISTS["turn_cues"].entries)
SOURCE_PHRASES: tuple[str, ...] = tuple(_LISTS["source_phrases"].entries)
PHRASAL_REPORTING_VERBS: tuple[str, ...] = tuple(_LISTS["phrasal_reporting_verbs"].entries)

PRONOUN_GENDER: dict[str, str] = {k: v for k, v in _LISTS["pronoun_gender"].entries.items() if v}
SINGULAR_PERSON_PRONOUNS = _words("singular_person_pronouns")
GROUP_PRONOUNS = _words("group_pronouns")
FIRST_PERSON_PRONOUNS = _words("first_person_pronouns")

HONORIFICS = _map("honorifics")
RANK_ABBREVIATIONS = _words("rank_abbreviations")
TITLE_ABBREVIATIONS = _words("title_abbreviations")
POSTNOMINALS = _words("postnominals")
CALENDAR_WORDS = _words("calendar_words")
NAME_PARTICLES = _words("name_particles")

PERSON_ROLE_GENDER = _map("person_role_gender")
PERSON_ROLES = _words("person_roles")
ORGANISATION_NOUNS = _words("organisation_nouns")
ORGANISATION_NAME_WORDS = _words("organisation_name_words")
ORGANISATION_NOUN_KIND = _map("organisation_nouns")  # noun -> kind of organisation
ORGANISATION_NAME_KIND = _map("organisation_name_words")  # name word -> kind of organisation
DOCUMENT_NOUNS = _words("document_nouns")
DOCUMENT_VERBS: dict[str, str | None] = _map("document_verbs")
GROUP_NOUNS = _words("group_nouns")

NOISE_PARAGRAPH = _noise_pattern(list(_LISTS["noise_paragraphs"].entries))

# Punctuation, not vocabulary: kept in code.
SENTENCE_END = frozenset({".", "!", "?"})


def honorific_key(text: str) -> str | None:
    """The HONORIFICS key a token's text stands for ("Ms." -> "ms"), or None.

    An all-caps token ("MS", "DI") is an abbreviation, never a word title: it is looked
    up exactly in POSTNOMINALS or RANK_ABBREVIATIONS instead.
    """
    word = text.rstrip(".")
    if not word or (len(word) > 1 and word.isupper()):
        return None
    key = word.lower()
    return key if key in HONORIFICS else None


def is_rank_abbreviation(text: str) -> bool:
    """Whether a token is a police or military rank abbreviation: "DI", "DCI.", not "Di"."""
    return text.rstrip(".") in RANK_ABBREVIATIONS


def is_postnominal(text: str) -> bool:
    """Whether a token is letters after a name: "KC", "MS", "Jr.", not "Ms"."""
    return text.rstrip(".") in POSTNOMINALS


def reporting_verb_forms(nlp: Language | None = None) -> frozenset[str]:
    """The lower-case surface forms of REPORTING_VERBS for this pipeline.

    With no pipeline, or one without a rule lemmatizer, the lemmas themselves (see
    surface_forms): a text is then recognised by its base forms only.
    """
    return REPORTING_VERBS if nlp is None else surface_forms(REPORTING_VERBS, nlp)
