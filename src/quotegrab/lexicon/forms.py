"""Inflected forms of verb lemmas, from the pipeline's own lemmatizer tables.

The lexicon lists reporting verbs as lemmas only. Where a heuristic needs surface forms
(the cheap "could this paragraph hold a quote?" pre-filter), they come from the rule
lemmatizer that will later lemmatize the text, so the two can never disagree: a form is
included when one of the lemmatizer's verb rules or exceptions maps it to a listed lemma.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.lookups import Lookups
from spacy.util import get_package_path


@dataclass(frozen=True)
class VerbTables:
    """The verb part of a rule lemmatizer's lookups."""

    rules: tuple[tuple[str, str], ...]  # (suffix of the form, suffix of the lemma): ("ied", "y")
    exceptions: dict[str, list[str]]  # irregular form -> lemmas: "said" -> ["say"]


def verb_tables(nlp: Language) -> VerbTables | None:
    """The verb rules and exceptions of the pipeline's rule lemmatizer, or None without one.

    None for a pipeline with no component named "lemmatizer", a lemmatizer in another
    mode (lookup, trainable) or one whose tables were never initialised.
    """
    if "lemmatizer" not in nlp.component_names:  # disabled too: quotegrab_lemmas stands in for it
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return None
    return _tables(lemmatizer.lookups)  # type: ignore[attr-defined]


def package_verb_tables(package: str) -> VerbTables | None:
    """The verb tables of an installed pipeline package, read from its lemmatizer's files
    without loading the pipeline; None when the package or its rule tables are missing."""
    try:
        path = get_package_path(package)
    except Exception:  # not installed, or not a package: the caller falls back to lemmas
        return None
    found = sorted(path.glob("*/lemmatizer/lookups/lookups.bin")) or sorted(
        path.glob("lemmatizer/lookups/lookups.bin")
    )
    if not found:
        return None
    return _tables(Lookups().from_disk(found[0].parent))


def _tables(lookups: Lookups) -> VerbTables | None:
    rules = lookups.get_table("lemma_rules", {}).get("verb") or []
    exceptions = lookups.get_table("lemma_exc", {}).get("verb") or {}
    if not rules and not exceptions:
        return None
    return VerbTables(tuple((old, new) for old, new in rules), dict(exceptions))


def surface_forms(lemmas: Iterable[str], nlp: Language) -> frozenset[str]:
    """Every lower-case form that the pipeline's rule lemmatizer maps to one of `lemmas`.

    Inverts the verb suffix rules (form F is included when some rule applied to F gives
    the lemma: "argue" -> "argued", "argues", "arguing") and adds the irregular forms of
    the exceptions table ("said", "told", "began", "quipped"). It over-generates
    ("sayed") on purpose: the result is a pre-filter, and a missing form would lose a quote.

    Without a rule lemmatizer (see verb_tables) the result is the lemmas themselves:
    nothing better can be derived from the pipeline, and guessing English inflection by
    hand is what this function replaces.
    """
    return forms_from_tables(lemmas, verb_tables(nlp))


def forms_from_tables(lemmas: Iterable[str], tables: VerbTables | None) -> frozenset[str]:
    """`surface_forms` from verb tables already read; the lemmas alone when there are none."""
    wanted = frozenset(lemma.lower() for lemma in lemmas)
    if tables is None:
        return wanted
    forms = set(wanted)
    for lemma in wanted:
        for old, new in tables.rules:
            if lemma.endswith(new) and len(lemma) > len(new):
                forms.add(lemma[: len(lemma) - len(new)] + old)
    forms.update(form for form, targets in tables.exceptions.items() if wanted.intersection(targets))
    return frozenset(forms)
