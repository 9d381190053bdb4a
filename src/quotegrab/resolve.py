"""Speaker mentions -> canonical speakers.

A name mention resolves to its canonical name in the registry ("Kim" -> "Kim Hee-won"),
a pronoun to the most recent compatible person within a few paragraphs, a role ("the
director") to the person it was introduced with, an organisation noun ("the company")
to the most recent organisation, and a document or group ("a report by X") to whoever
stands behind it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Token

from .context import ArticleContext
from .gender import GenderWeights, assign_genders
from .lexicon import (
    DOCUMENT_NOUNS,
    FIRST_PERSON_PRONOUNS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    ORGANISATION_NOUNS,
    PERSON_ROLE_GENDER,
    PERSON_ROLES,
    PRONOUN_GENDER,
    SINGULAR_PERSON_PRONOUNS,
)
from .names import Entity, Registry
from .types import Attribution, Cue, SpeakerType

_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})
_DOCUMENT_LINKS = frozenset({"by", "from", "of", "for"})
_GROUP_LINKS = frozenset({"from", "at", "with"})


@dataclass(frozen=True)
class ResolveSettings:
    """The resolver's settings; part of the component's config."""

    pronoun_window: int = 6  # paragraphs back that a pronoun may reach
    gender: GenderWeights = field(default_factory=GenderWeights)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    kind: SpeakerType
    attribution: Attribution


NOBODY = Speaker(None, "unknown", "none")


@dataclass
class Event:
    position: int
    entity: Entity
    subject: bool


class Resolver:
    """Resolves the cues of one article's quotes, in document order."""

    def __init__(self, ctx: ArticleContext, settings: ResolveSettings | None = None) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.settings = settings or ResolveSettings()
        self.registry = Registry(ctx)
        assign_genders(self.registry, self.settings.gender)
        self.events: list[Event] = [
            Event(o.start, self.registry.entity_at(o), o.subject)
            for o in self.registry.occurrences
            if not o.in_quote and self.registry.entity_at(o).kind == "person"
        ]
        self.events += self._unnamed_subjects()
        self.events.sort(key=lambda e: e.position)

    def _unnamed_subjects(self) -> list[Event]:
        """ "One woman, waving a banner, ...": an unnamed person a later "she" may point to."""
        events = []
        for token in self.doc:
            if token.dep_ != "nsubj" or token.pos_ != "NOUN" or self.ctx.in_quote(token):
                continue
            lemma = token.lemma_.lower()
            if lemma not in PERSON_ROLES and lemma not in PERSON_ROLE_GENDER:
                continue
            if not any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in token.children):
                continue
            entity = Entity("", "person", PERSON_ROLE_GENDER.get(lemma))
            events.append(Event(token.idx, entity, True))
        return events

    def speaker(
        self, cue: Cue, position: int, parent: Speaker | None = None, asker: str | None = None
    ) -> Speaker:
        if cue.mention_head is None:
            return NOBODY
        head = self.doc[cue.mention_head]
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUN_GENDER or lower in GROUP_PRONOUNS:
            if lower in FIRST_PERSON_PRONOUNS and parent is not None and lower in ("i", "me"):
                return Speaker(parent.name, parent.kind, "pronoun")
            if lower in GROUP_PRONOUNS:
                return Speaker(None, "group", "none")
            if parent is not None:  # "she said" inside a quote: someone in the speaker's story
                return Speaker(None, "person", "none")
            if lower in SINGULAR_PERSON_PRONOUNS or lower in PRONOUN_GENDER:
                return self._pronoun(PRONOUN_GENDER.get(lower), position, asker)
            return NOBODY
        occ = self.registry.occurrence_at(cue.mention_start, cue.mention_end)
        if occ is not None:
            canonical = self.registry.canonical(occ.parts, occ.start)
            entity = self.registry.entity(canonical)
            how: Attribution = "explicit" if canonical == occ.parts else "name_part"
            return Speaker(entity.name, entity.kind, how)
        return self._noun(head, position)

    def _pronoun(self, gender: str | None, position: int, asker: str | None = None) -> Speaker:
        """The most recent compatible person; in a reply, never the one who asked the question."""
        lo, _ = self.ctx.paragraph(position)
        horizon = self.ctx.paragraphs.back(lo, self.settings.pronoun_window)
        candidates = [
            e
            for e in self.events
            if horizon <= e.position < position and (asker is None or e.entity.name != asker)
        ]
        for subjects_only in (True, False):
            for event in reversed(candidates):
                if subjects_only and not event.subject:
                    continue
                if gender is None or event.entity.gender in (None, gender):
                    if not event.entity.name:  # an unnamed person: nobody to name
                        return Speaker(None, "person", "none")
                    return Speaker(event.entity.name, "person", "pronoun")
        return Speaker(None, "person", "none")

    def _noun(self, head: Token, position: int) -> Speaker:
        lemma = head.lemma_.lower()
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in DOCUMENT_NOUNS or lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS:
            behind = self._behind(head, lemma in DOCUMENT_NOUNS, position)
            if behind is not None:
                return behind
        if lemma in ORGANISATION_NOUNS or head.lower_ in ORGANISATION_NOUNS:
            if determiners & _INDEFINITE:
                return Speaker(None, "organisation", "none")
            introduced = self._role(lemma, position)
            if introduced.name is not None:
                return Speaker(introduced.name, self.registry.entity_named(introduced.name).kind, "role")
            return self._organisation(head, position)
        if lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS or plural:
            return Speaker(None, "group", "none")
        if determiners & _INDEFINITE:
            return Speaker(None, "person", "none")
        return self._role(lemma, position)

    def _behind(self, head: Token, document: bool, position: int) -> Speaker | None:
        """Who stands behind a document or a group: "figures published by the Examinations
        Council", "a study by Ravensford University", "observers from the Coalition", "council papers".
        """
        links = _DOCUMENT_LINKS if document else _GROUP_LINKS
        for token in head.subtree:
            if token.i <= head.i or token.dep_ != "pobj" or token.head.lower_ not in links:
                continue
            occ = self.registry.occurrence_at(token.idx, token.idx + len(token))
            if occ is not None:
                entity = self.registry.entity_at(occ)
                return Speaker(entity.name, entity.kind, "explicit")
        if document:
            for child in head.children:
                if child.dep_ == "compound" and child.lemma_.lower() in ORGANISATION_NOUNS:
                    found = self._organisation(child, position)
                    return found if found.name else None
        return None

    def _organisation(self, head: Token, position: int) -> Speaker:
        orgs = [
            o
            for o in self.registry.occurrences_before(position)
            if self.registry.entity_at(o).kind == "organisation"
        ]
        word = head.lower_
        named = [o for o in orgs if word in {p.lower() for p in o.parts}]
        pick = (named or orgs)[-1] if (named or orgs) else None
        if pick is None:
            return Speaker(None, "organisation", "none")
        return Speaker(self.registry.entity_at(pick).name, "organisation", "role")

    def _role(self, role: str, position: int) -> Speaker:
        for occ in reversed(self.registry.occurrences_before(position)):
            if role in occ.roles:
                return Speaker(self.registry.entity_at(occ).name, "person", "role")
        kind: SpeakerType = "person" if role in PERSON_ROLES else "unknown"
        return Speaker(None, kind, "none")

    def record(self, speaker: Speaker, position: int) -> None:
        """A resolved quote speaker is the most salient person for the pronouns that follow."""
        if speaker.name is None or speaker.kind != "person":
            return
        entity = self.registry.entity_named(speaker.name)
        bisect.insort(self.events, Event(position, entity, True), key=lambda e: e.position)
