"""Speaker mentions -> canonical speakers.

A name mention resolves to its canonical name in the registry ("Kim" -> "Kim Hee-won"),
a pronoun to the most recent compatible person within a few paragraphs, a role ("the
director") to the person it was introduced with, an organisation noun ("the company")
to the most recent organisation, and a document or group ("a report by X") to whoever
stands behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import DEP, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Span, Token

from .context import ArticleContext
from .descriptions import Descriptions, fuller_group
from .documents import INDEFINITE, Documents
from .gender import GenderWeights, assign_genders
from .lexicon import (
    DOCUMENT_NOUNS,
    FIRST_PERSON_PRONOUNS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    ORGANISATION_NAME_KIND,
    ORGANISATION_NOUN_KIND,
    ORGANISATION_NOUNS,
    PERSON_ROLE_GENDER,
    PERSON_ROLES,
    PRONOUN_GENDER,
    SINGULAR_PERSON_PRONOUNS,
)
from .mentions import description_span
from .names import PLACE_LABELS, Entity, NameOcc, Registry
from .nested import InnerSpeakers
from .pronouns import Antecedents, Event, PronounWeights
from .types import Attribution, Cue, SpeakerType

# Heads that stand for some members of a group already described: "several", "one", "others".
_QUANTIFIERS = frozenset({"one", "several", "some", "many", "most", "others", "other", "few", "both", "all"})


@dataclass(frozen=True)
class ResolveSettings:
    """The resolver's settings; part of the component's config."""

    pronouns: PronounWeights = field(default_factory=PronounWeights)
    gender: GenderWeights = field(default_factory=GenderWeights)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    kind: SpeakerType
    attribution: Attribution


NOBODY = Speaker(None, "unknown", "none")


def _main_subject(sent: Span) -> Token | None:
    return next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)


class Resolver:
    """Resolves the cues of one article's quotes, in document order."""

    def __init__(self, ctx: ArticleContext, settings: ResolveSettings | None = None) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.settings = settings or ResolveSettings()
        self.registry = Registry(ctx)
        assign_genders(self.registry, self.settings.gender)
        events = [
            Event(o.start, self.registry.entity_at(o), o.subject)
            for o in self.registry.occurrences
            if not o.in_quote and self.registry.entity_at(o).kind == "person"
        ]
        subjects = self._noun_subjects()
        self.antecedents = Antecedents(ctx, events + self._unnamed_subjects(subjects), self.settings.pronouns)
        self.groups: list[tuple[int, Speaker]] = []  # described groups, for a later "they"
        self.plural_subjects = self._plural_subjects(subjects)  # "Fans reacted ...; some said ..."
        self.documents = Documents(self)
        self.descriptions = Descriptions(self)
        for event in self.descriptions.subject_events(subjects):
            self.antecedents.add(event)
        self.inner = InnerSpeakers(self)

    def _noun_subjects(self) -> list[Token]:
        """Common nouns that are subjects of the narration, outside quotes."""
        doc = self.doc
        rows: Any = doc.to_array([DEP, POS])  # one pass in C, not a token-by-token walk
        nsubj = doc.vocab.strings.add("nsubj")
        found = numpy.flatnonzero((rows[:, 0] == nsubj) & (rows[:, 1] == POS_IDS["NOUN"])).tolist()
        return [doc[i] for i in found if not self.ctx.in_quote(doc[i])]

    def _unnamed_subjects(self, subjects: list[Token]) -> list[Event]:
        """ "One woman, waving a banner, ...": an unnamed person a later "she" may point to."""
        events = []
        for token in subjects:
            lemma = token.lemma_.lower()
            if lemma not in PERSON_ROLES and lemma not in PERSON_ROLE_GENDER:
                continue
            if not any(c.dep_ in ("det", "nummod") and c.lower_ in INDEFINITE for c in token.children):
                continue
            if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children):
                continue  # "a new treasurer, Alison Keating": named, so a candidate by her name
            entity = Entity(self._description(token), "description", PERSON_ROLE_GENDER.get(lemma))
            events.append(Event(token.idx, entity, True))
        return events

    def _plural_subjects(self, subjects: list[Token]) -> list[Token]:
        """Groups of people the narration makes subjects ("Residents in Orchard Vale welcomed
        the news"), whom a later "they", "some" or "one" may stand for, though they never spoke."""
        return [
            token
            for token in subjects
            if token.tag_ == "NNS" and (token.lower_ in GROUP_NOUNS or token.lemma_.lower() in PERSON_ROLES)
        ]

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
            inner = self.inner.speaker(head, parent) if parent is not None else None
            if inner is not None:  # "he would say, '...'": someone in the speaker's story
                return inner
            if lower in GROUP_PRONOUNS or lower in _QUANTIFIERS:  # "they", and "some" tagged a pronoun
                return self._group(position)
            if parent is not None:
                return Speaker(None, "person", "none")
            if lower in SINGULAR_PERSON_PRONOUNS or lower in PRONOUN_GENDER:
                return self._pronoun(PRONOUN_GENDER.get(lower), position, asker)
            if lower == "it":  # "it said": what the last sentence was about, else the last organisation
                return self._topic(head, position) or self.organisation(head, position)
            return NOBODY
        if lower in _QUANTIFIERS and not any(c.dep_ in ("prep", "compound") for c in head.children):
            return self._group(position)  # "Several told the Ledger": some of the group just described
        occ = self.registry.occurrence_at(cue.mention_start, cue.mention_end)
        within = cue.mention_start is not None and cue.mention_start <= head.idx < (cue.mention_end or 0)
        if occ is not None and within and head.pos_ == "NOUN" and not occ.start <= head.idx < occ.end:
            occ = None  # "a senior Department of Health official": the name only qualifies the noun
        if occ is not None:
            canonical = self.registry.canonical(occ.parts, occ.start, occ.gender)
            entity = self.registry.entity(canonical)
            if entity.kind == "unknown":
                return NOBODY  # "Saturdays said": a calendar word is nobody
            how: Attribution = "explicit" if canonical == occ.parts else "name_part"
            return Speaker(entity.name, entity.kind, how)
        return self._noun(head, position)

    def _pronoun(self, gender: str | None, position: int, asker: str | None = None) -> Speaker:
        """The best-scoring compatible person (pronouns.py); in a reply, never the asker."""
        entity = self.antecedents.resolve(gender, position, asker)
        if entity is None:
            return Speaker(None, "person", "none")
        return Speaker(entity.name, entity.kind, "pronoun")

    def _noun(self, head: Token, position: int) -> Speaker:
        """A common noun: the person or organisation it stands for, else its own description."""
        lemma = head.lemma_.lower()
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod")}
        plural = head.tag_ in ("NNS", "NNPS")
        if lemma in DOCUMENT_NOUNS:
            behind = self.documents.behind(head, position)
            return behind if behind is not None else self.described(head, "description")
        given = None if plural else self.descriptions.given_name(head) or self.descriptions.named_after(head)
        if given is not None:
            return given
        if lemma in GROUP_NOUNS or head.lower_ in GROUP_NOUNS or plural:  # "the companies": several
            if not determiners and lemma == head.lower_:  # "police said" (not "advocates"): the force
                force = self.organisation(head, position, named_only=True)
                if force.name is not None:
                    return force
            if "the" in determiners:  # "the researchers": as the article first described them
                fuller = fuller_group(self.ctx, head)
                if fuller is not None:
                    return self.described(fuller, "group")
            return self.described(head, "group")
        if lemma in ORGANISATION_NOUNS or head.lower_ in ORGANISATION_NOUNS:
            named = self._named_within(head) or self._owner(head, position)
            if named is not None:
                return named
            # "her team", "his campaign": a person's entourage, not the last organisation named
            personal = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)
            if not determiners & INDEFINITE and not personal:
                introduced = self._role(lemma, position)
                if introduced is not None:
                    return introduced
                found = self.organisation(head, position)
                if found.name is not None:
                    return found
            return self.described(head, "organisation")
        if not determiners & INDEFINITE:
            introduced = self._role(lemma, position) or self.namesake(head, position)
            if introduced is not None:
                return introduced
            earlier = self.descriptions.resolve(head, position)  # "the 57-year-old executive"
            if earlier is not None:
                return self.as_speaker(earlier.entity, "role")
        return self.described(head, "description")

    def _topic(self, it: Token, position: int) -> Speaker | None:
        """ "The report ... draws on data. It found that ...": "it" continues the subject of
        the main clause before it, when that is a document or an organisation."""
        sent = it.sent
        subject = _main_subject(sent)
        if subject is None or subject.i >= it.i:
            previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
            subject = _main_subject(previous) if previous is not None else None
        if subject is None or self.ctx.in_quote(subject) or subject.pos_ == "PRON":
            return None
        lemma = subject.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            found = self.documents.behind(subject, position)
        else:
            found = self.named_in(subject)
            if found is None and lemma in ORGANISATION_NOUNS:
                found = self.organisation(subject, position)
        if found is None or found.kind != "organisation" or not found.name:
            return None
        return Speaker(found.name, found.kind, "pronoun")

    def _owner(self, head: Token, position: int) -> Speaker | None:
        """ "The council's environment department", "Tesla's board": a body speaks for the
        organisation that owns it (but "Kim's team" is not Kim)."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if owner is None:
            return None
        found = self.named_in(owner)
        if found is None and owner.lemma_.lower() in ORGANISATION_NOUNS:
            found = self.organisation(owner, position)
        return found if found is not None and found.kind == "organisation" and found.name else None

    def _named_within(self, head: Token) -> Speaker | None:
        """A name inside the phrase of `head` (not `head` itself): the entity it names."""
        for token in head.subtree:
            if token.i <= head.i or token.pos_ != "PROPN":  # after it: "Kim's team" is not Kim
                continue
            occ = self.registry.occurrence_of(token)
            if occ is not None:
                entity = self.registry.entity_at(occ)
                return Speaker(entity.name, entity.kind, "explicit")
        return None

    def _description(self, head: Token) -> str:
        start, end = description_span(head)
        return self.ctx.text[start:end]

    def described_as(self, head: Token, kind: SpeakerType, how: Attribution) -> Speaker:
        return Speaker(self._description(head), kind, how)

    @staticmethod
    def as_speaker(entity: Entity, how: Attribution) -> Speaker:
        return Speaker(entity.name, entity.kind, how)

    def described(self, head: Token, kind: SpeakerType) -> Speaker:
        """An unnamed source named by its description, as written: "a senior ministry official"."""
        speaker = Speaker(self._description(head), kind, "description")
        if kind == "group":
            self.groups.append((head.idx, speaker))
        return speaker

    def _group(self, position: int) -> Speaker:
        """ "they said": the group last described within the pronoun window, else nobody named."""
        lo, _ = self.ctx.paragraph(position)
        horizon = self.ctx.paragraphs.back(lo, self.settings.pronouns.window)
        recent: list[tuple[int, str | Token | None]] = [
            (at, g.name) for at, g in self.groups if horizon <= at < position
        ]
        recent += [(t.idx, t) for t in self.plural_subjects if horizon <= t.idx < position]
        if not recent:
            return Speaker(None, "group", "none")
        # the latest; a subject's description is only written out once it is chosen
        _, last = max(recent, key=lambda item: item[0])
        name = self._description(last) if isinstance(last, Token) else last
        return Speaker(name, "group", "pronoun")

    def named_in(self, token: Token) -> Speaker | None:
        """The entity of the first name in `token`'s phrase, or right after its noun ("the
        charity Riverwatch Alliance", which the parser may split)."""
        after = [self.doc[token.i + 1]] if token.pos_ == "NOUN" and token.i + 1 < len(self.doc) else []
        for part in [*token.subtree, *after]:
            occ = self.registry.occurrence_of(part)
            if occ is not None and part.pos_ == "PROPN":
                entity = self.registry.entity_at(occ)
                if entity.kind in ("person", "organisation") and occ.label not in PLACE_LABELS:
                    return Speaker(entity.name, entity.kind, "explicit")  # not "on Thursday"
        return None

    def organisation(self, head: Token, position: int, named_only: bool = False) -> Speaker:
        holding = self.registry.organisations_named(head.lower_)
        named = [o for o in holding if o.start < position]
        if named_only and not named:  # "police said ..." in the lead, the force named below
            named = [o for o in holding if o.start >= position][:1]
        if named or named_only:
            pick = named[-1] if named else None
        else:  # "Harlow agreed to buy Pantry Point, the company said": the subject, not the last named
            before = self.registry.occurrences_before(position)
            orgs = [o for o in before if self.registry.entity_at(o).kind == "organisation"]
            places = [o for o in orgs if o.label not in PLACE_LABELS] or orgs
            # "the company": a company named as one ("... Developments") before a board or a university
            kind = ORGANISATION_NOUN_KIND.get(head.lemma_.lower()) or "?"
            places = [o for o in places if kind in {ORGANISATION_NAME_KIND.get(p) for p in o.parts}] or places
            pick = max(places, key=lambda o: (self._salience(o, position), o.start), default=None)
        if pick is None:
            return Speaker(None, "organisation", "none")
        return Speaker(self.registry.entity_at(pick).name, "organisation", "role")

    def _salience(self, occ: NameOcc, position: int) -> float:
        """An organisation's claim to be "the company": a subject of the narration weighs as a
        pronoun's candidate does, and each sentence back costs."""
        weights = self.settings.pronouns
        back = self.antecedents.sentences_between(occ.start, position)
        return weights.subject * (occ.subject and not occ.in_quote) - weights.sentence * back

    def namesake(self, head: Token, position: int) -> Speaker | None:
        """ "the chamber" after "Eastbourne Vale Chamber of Trade": the organisation whose name
        holds the noun, though the noun is in no list."""
        if head.tag_ not in ("NN",) or not any(c.lower_ == "the" for c in head.children):
            return None
        found = self.organisation(head, position, named_only=True)
        return found if found.name is not None else None

    def _role(self, role: str, position: int) -> Speaker | None:
        """The person the article introduced with this role ("director Kim", "Kim, the director")."""
        for occ in reversed(self.registry.occurrences_before(position)):
            if role in occ.roles:
                entity = self.registry.entity_at(occ)
                return Speaker(entity.name, entity.kind, "role")
        return None

    def record(self, speaker: Speaker, position: int) -> None:
        """A resolved quote speaker is the most salient person for the pronouns that follow."""
        if speaker.name is None or speaker.kind != "person":
            return
        entity = self.registry.entity_named(speaker.name)
        self.antecedents.add(Event(position, entity, subject=True, speaker=True))
