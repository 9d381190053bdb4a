"""Who speaks inside a quote: the "he said" or "they would say" that cues a nested quote.

A speaker telling a story names the people in it: "My father ... He would say, 'The boats
are going home'", "he looked me in the eye and said, 'Leave it to me'". The pronoun of a
nested cue points:

- to the latest person of its number and gender named earlier in the same quote or in the
  paragraph before it, by name or by a noun ("my father", "a man who fished there");
- else, for "he" or "she", to the best candidate of the article by the pronoun score,
  never the quote's own speaker (who says "I");
- else, for "they", to the latest group of people the article mentioned, in narration or
  in quotes ("the two directors").
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .descriptions import is_person_head
from .lexicon import GROUP_NOUNS, PERSON_ROLE_GENDER, PERSON_ROLES, PRONOUN_GENDER, REPORTING_VERBS
from .mentions import description_span
from .names import ORG_LABELS, PLACE_LABELS

if TYPE_CHECKING:
    from .resolve import Resolver, Speaker

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_GROUP_DETERMINERS = frozenset({"the", "these", "those", "both", "all"})


def _plural_people(token: Token) -> bool:
    """ "the two directors", "these callers": a group the text points at. A bare plural
    ("viewers") is people in general, whom a "they" rarely means."""
    lemma = token.lemma_.lower()
    if token.tag_ != "NNS" or not (lemma in PERSON_ROLES or token.lower_ in GROUP_NOUNS):
        return False
    return any(
        c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in _GROUP_DETERMINERS) for c in token.children
    )


def _story_subject(token: Token) -> bool:
    """A subject of the narration that is not the speaker of a quote ("Kim said:")."""
    subject = token if token.dep_ in ("nsubj", "nsubjpass") else None
    if subject is None and token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"):
        subject = token.head
    return subject is not None and subject.head.lemma_.lower() not in REPORTING_VERBS


def _known_person(token: Token) -> bool:
    """ "my father", "a man who has fished that river": a person noun with a determiner."""
    if token.pos_ != "NOUN" or token.tag_ in _PLURAL_TAGS or not is_person_head(token):
        return False
    return any(c.dep_ in ("det", "poss") for c in token.children)


class InnerSpeakers:
    """Resolves the pronoun cues of nested quotes in one article."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def speaker(self, head: Token, parent: Speaker) -> Speaker | None:
        """The speaker of a nested quote whose cue's subject is the pronoun `head`."""
        lower = head.lower_
        if lower in ("they", "them"):
            return self._group(head)
        if lower not in PRONOUN_GENDER:
            return None
        gender = PRONOUN_GENDER[lower]
        inside = self._inside(head, gender, parent)
        if inside is not None:
            return inside
        entity = self.resolver.antecedents.resolve(gender, head.idx, asker=parent.name)
        if entity is None:
            return None
        return self.resolver.as_speaker(entity, "pronoun")

    def _quote_start(self, head: Token) -> int:
        regions = self.resolver.ctx.regions
        k = bisect.bisect_right(regions, (head.idx, len(self.resolver.ctx.text))) - 1
        return regions[k][0] if k >= 0 and regions[k][0] <= head.idx < regions[k][1] else head.idx

    def _inside(self, head: Token, gender: str | None, parent: Speaker) -> Speaker | None:
        """The latest person of `gender` named earlier in the same quote, or in the paragraph
        before it ("Demir said his mother ... / "She called me ... she said, '...'"); never
        the quote's own speaker."""
        resolver = self.resolver
        p_start, _ = resolver.ctx.paragraph(self._quote_start(head))
        start = resolver.ctx.paragraph(p_start - 2)[0] if p_start > 1 else p_start
        for token in reversed(resolver.doc[: head.i]):
            if token.idx < start:
                return None
            subject = _story_subject(token)
            if token.dep_ == "attr" or not (subject or resolver.ctx.in_quote(token)):
                continue  # "he was a boy" names nobody; in narration, only a subject is a referent
            named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), token)
            occ = resolver.registry.occurrence_of(named)
            if occ is not None and named.pos_ == "PROPN" and occ.label not in PLACE_LABELS | ORG_LABELS:
                entity = resolver.registry.entity_at(occ)
                if entity.kind == "person" and entity.gender in (None, gender) and entity.name != parent.name:
                    return resolver.as_speaker(entity, "pronoun")
            elif _known_person(token):
                # "spoke to a man" fits "he"; "wrote to the defendant" fits only as a subject would
                role_gender = PERSON_ROLE_GENDER.get(token.lower_)
                if role_gender == gender or (role_gender is None and subject):
                    return resolver.described_as(token, "description", "pronoun")
        return None

    def _group(self, head: Token) -> Speaker | None:
        """The latest group of people mentioned before: in this quote, else anywhere before."""
        for token in reversed(self.resolver.doc[: head.i]):
            if not _plural_people(token) or description_span(token)[1] > head.idx:
                continue
            if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):  # "my colleagues"
                return self.resolver.described_as(token, "group", "pronoun")
        return None
