"""Gender evidence for the article's people, so that "she" finds the right antecedent.

Three kinds of evidence vote: a gendered title or role word on a name ("Mrs", "chairwoman");
the subject and possessive he/she pronouns ("she", "her book", never the object "him")
of a narration sentence whose only named subject is that person; and a first name that
nearly all its bearers share one gender with (firstnames.py), on a name of two words or more.
An entity takes the gender with the most votes, and none on a tie.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.strings import get_string_id

from .firstnames import first_name_genders
from .lexicon import PRONOUN_GENDER
from .names import NameOcc, Registry


@dataclass(frozen=True)
class GenderWeights:
    """How much each kind of evidence counts; part of the component's config."""

    title: int = 3  # a gendered title or role word on the name itself
    pronoun: int = 1  # a he/she later in a sentence whose only named subject is the person
    first_name: int = 2  # a first name of one gender; 0 turns the first-name lexicon off


_VOTING_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_PRONOUNS = {get_string_id(word): gender for word, gender in PRONOUN_GENDER.items()}  # by LOWER hash


def assign_genders(registry: Registry, weights: GenderWeights = GenderWeights()) -> None:
    """Set `gender` on every entity of the registry that the evidence decides."""
    ctx = registry.ctx
    for occ in registry.occurrences:
        if occ.gender:
            registry.entity_at(occ).votes[occ.gender] += weights.title
    # A name starts at a token: those before the next sentence's first token are this one's.
    by_sentence: dict[int, list[NameOcc]] = {}
    for o in registry.occurrences:
        if not o.in_quote and o.subject:
            k = bisect.bisect_right(ctx.sentence_starts, o.start) - 1
            by_sentence.setdefault(k, []).append(o)
    lower: list[int] = ctx.doc.to_array(LOWER).tolist() if by_sentence else []  # word hashes
    for k, people in by_sentence.items():
        entities = {registry.entity_at(o).name: o for o in people}
        if k < 0 or len(entities) != 1:
            continue
        occ = next(iter(entities.values()))
        first, stop = ctx.sentences[k]
        for i in range(first, stop):  # a Token only for a pronoun
            gender = _PRONOUNS.get(lower[i])
            after = ctx.token_starts[i] > occ.start and not ctx.inside[i]
            # "Tanaka asked him": an object pronoun is someone else; "she", "her book" are hers
            if gender and after and ctx.doc[i].dep_ in _VOTING_DEPS:
                registry.entity_at(occ).votes[gender] += weights.pronoun
    names = first_name_genders() if weights.first_name else {}
    for entity in registry.entities.values():
        words = entity.name.split()
        if names and entity.kind == "person" and len(words) > 1 and words[0].lower() in names:
            entity.votes[names[words[0].lower()]] += weights.first_name
        ranked = entity.votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            entity.gender = ranked[0][0]
