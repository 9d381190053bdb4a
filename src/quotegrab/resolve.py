"""Speaker mentions -> canonical speakers.

A registry of the article's names is built once per Doc: every run of proper nouns,
with its honorifics and roles split off, its NER label, and whether it is a clause
subject. A mention then resolves to the fullest name that contains it ("Kim" ->
"Kim Hee-won"), a pronoun to the most recent compatible person, a role ("the
director") to the person it was introduced with, and a quote paragraph with no
attribution to the speaker of the paragraph before.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .attribute import Attributor, name_span, reporting_lemma
from .constants import (
    CALENDAR_WORDS,
    DOCUMENT_NOUNS,
    FIRST_PERSON_PRONOUNS,
    GROUP_NOUNS,
    GROUP_PRONOUNS,
    HONORIFICS,
    ORGANISATION_NAME_WORDS,
    ORGANISATION_NOUNS,
    PERSON_ROLE_GENDER,
    PERSON_ROLES,
    POSTNOMINALS,
    PRONOUN_GENDER,
    SINGULAR_PERSON_PRONOUNS,
    TURN_CUES,
)
from .types import NO_CUE, Attribution, Cue, DocQuote, QuoteSpan, SpeakerType

_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})
_DOCUMENT_LINKS = frozenset({"by", "from", "of", "for"})
_GROUP_LINKS = frozenset({"from", "at", "with"})
_ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE"})
_PRONOUN_WINDOW = 6  # paragraphs back that a pronoun may reach


@dataclass
class NameOcc:
    """One occurrence of a name in the article."""

    start: int
    end: int
    parts: tuple[str, ...]
    label: str
    subject: bool
    in_quote: bool
    roles: frozenset[str]
    gender: str | None


@dataclass
class Entity:
    name: str
    kind: SpeakerType
    gender: str | None = None
    votes: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Speaker:
    name: str | None
    kind: SpeakerType
    attribution: Attribution


NOBODY = Speaker(None, "unknown", "none")


def _is_role(word: str) -> bool:
    return word in PERSON_ROLES or (word.endswith("ist") and len(word) > 5)


def _strip(text: str) -> str:
    return text.rstrip(".").lower()


class Registry:
    """The names, roles and genders of one article."""

    def __init__(self, doc: Doc, attributor: Attributor) -> None:
        self.doc = doc
        self.attributor = attributor
        self.occurrences = list(self._find_names())
        self._starts = [o.start for o in self.occurrences]
        self.entities: dict[tuple[str, ...], Entity] = {}
        # Each occurrence's entity, resolved once: the lookups below sit inside loops.
        self._entity_of = [self.entity(self.canonical(o.parts, o.start)) for o in self.occurrences]
        self._index = {id(o): i for i, o in enumerate(self.occurrences)}
        self._gender_votes()

    # -- names ---------------------------------------------------------------------
    def _find_names(self) -> list[NameOcc]:
        doc = self.doc
        found: list[NameOcc] = []
        i = 0
        while i < len(doc):
            token = doc[i]
            if not (token.pos_ == "PROPN" and token.text[:1].isupper()):
                i += 1
                continue
            lo, hi = name_span(token)
            lo = min(lo, i)
            occ = self._occurrence(lo, hi)
            i = hi
            if occ is None:
                continue
            # "Choi (Jung-gyu)": a surname with its given name in brackets is one name.
            if len(occ.parts) == 1 and hi + 2 < len(doc) and doc[hi].text == "(":
                inner_lo, inner_hi = name_span(doc[hi + 1])
                if inner_lo == hi + 1 and inner_hi < len(doc) and doc[inner_hi].text == ")":
                    inner = self._occurrence(inner_lo, inner_hi)
                    if inner is not None and len(inner.parts) == 1:
                        occ.parts = occ.parts + inner.parts
                        occ.end = doc[inner_hi].idx + 1
                        i = inner_hi + 1
            found.append(occ)
        return found

    def _occurrence(self, lo: int, hi: int) -> NameOcc | None:
        doc = self.doc
        tokens = list(doc[lo:hi])
        roles: set[str] = set()
        gender: str | None = None
        titles = [k for k, t in enumerate(tokens[:-1]) if _strip(t.text) in HONORIFICS or _is_role(t.lower_)]
        if titles:  # "Interior Minister Anton Vellas": everything up to the last title word
            for title in tokens[: titles[-1] + 1]:
                word = _strip(title.text)
                if word in HONORIFICS or _is_role(word):
                    roles.add(word)
                    gender = gender or HONORIFICS.get(word) or PERSON_ROLE_GENDER.get(word)
            tokens = tokens[titles[-1] + 1 :]
            while tokens and tokens[0].text == ".":
                tokens = tokens[1:]
        if not tokens:
            return None
        # Lower-case role words just before the name: "director Kim", "chief executive Priya Raman".
        k = lo - 1
        while k >= 0 and doc[k].dep_ in ("compound", "amod") and doc[k].pos_ in ("NOUN", "ADJ"):
            roles.add(doc[k].lemma_.lower())
            gender = gender or PERSON_ROLE_GENDER.get(doc[k].lower_)
            k -= 1
        head = max(tokens, key=lambda t: t.head is t or not (lo <= t.head.i < hi))
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                roles.add(child.lemma_.lower())
                gender = gender or PERSON_ROLE_GENDER.get(child.lower_)
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            roles.add(head.head.lemma_.lower())
            gender = gender or PERSON_ROLE_GENDER.get(head.head.lower_)
        while len(tokens) > 1 and _strip(tokens[-1].text).lower() in POSTNOMINALS:
            tokens = tokens[:-1]  # "Helen Marchetti KC", "Tom Reed MP"
        parts = _parts(tokens)
        if not parts:
            return None
        labels = Counter(t.ent_type_ for t in tokens if t.ent_type_)
        label = labels.most_common(1)[0][0] if labels else ""
        subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in tokens) or (
            head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass")
        )
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        in_quote = self.attributor.in_quote(tokens[0])
        return NameOcc(start, end, parts, label, subject, in_quote, frozenset(roles), gender)

    def canonical(self, parts: tuple[str, ...], position: int) -> tuple[str, ...]:
        """The fullest name in the article that contains every part: the nearest before, else after."""
        for _ in range(3):
            wanted = set(parts)
            longer = [o for o in self.occurrences if len(o.parts) > len(parts) and wanted <= set(o.parts)]
            if not longer:
                return parts
            people = [o for o in longer if o.label not in _PLACE_LABELS] or longer
            before = [o for o in people if o.start <= position]
            parts = (before[-1] if before else people[0]).parts
        return parts

    def entity(self, parts: tuple[str, ...]) -> Entity:
        entity = self.entities.get(parts)
        if entity is None:
            entity = Entity(" ".join(parts), self._kind(parts))
            self.entities[parts] = entity
        return entity

    def _kind(self, parts: tuple[str, ...]) -> SpeakerType:
        if len(parts) == 1 and parts[0].lower() in CALENDAR_WORDS:
            return "unknown"  # "Thursday": never a speaker (but "Theresa May" is a person)
        occs = [o for o in self.occurrences if set(o.parts) <= set(parts)]
        labels = Counter(o.label for o in occs)
        if any(p in ORGANISATION_NAME_WORDS for p in parts):
            return "organisation"
        if any(o.roles or o.gender for o in occs) or labels["PERSON"]:
            return "person"
        if sum(labels[label] for label in _ORG_LABELS) > 0:
            return "organisation"
        return "person"

    def entity_at(self, occ: NameOcc) -> Entity:
        return self._entity_of[self._index[id(occ)]]

    # -- gender ---------------------------------------------------------------------
    def _gender_votes(self) -> None:
        for occ in self.occurrences:
            if occ.gender:
                self.entity_at(occ).votes[occ.gender] += 3
        # A narration sentence with one named subject: its he/she pronouns are that person.
        for sent in self.doc.sents:
            people = [
                o
                for o in self.occurrences
                if sent.start_char <= o.start < sent.end_char and not o.in_quote and o.subject
            ]
            entities = {self.entity_at(o).name: o for o in people}
            if len(entities) != 1:
                continue
            occ = next(iter(entities.values()))
            for token in sent:
                if token.idx > occ.start and not self.attributor.in_quote(token):
                    gender = PRONOUN_GENDER.get(token.lower_)
                    if gender:
                        self.entity_at(occ).votes[gender] += 1
        for entity in self.entities.values():
            ranked = entity.votes.most_common(2)
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                entity.gender = ranked[0][0]

    def occurrences_before(self, position: int) -> list[NameOcc]:
        return self.occurrences[: bisect.bisect_left(self._starts, position)]


@dataclass
class _Event:
    position: int
    entity: Entity
    subject: bool


class Resolver:
    """Resolves the cues of one article's quotes, in document order."""

    def __init__(self, doc: Doc, attributor: Attributor) -> None:
        self.doc = doc
        self.attributor = attributor
        self.registry = Registry(doc, attributor)
        self.events: list[_Event] = [
            _Event(o.start, self.registry.entity_at(o), o.subject)
            for o in self.registry.occurrences
            if not o.in_quote and self.registry.entity_at(o).kind == "person"
        ]
        self.events += self._unnamed_subjects()
        self.events.sort(key=lambda e: e.position)

    def _unnamed_subjects(self) -> list[_Event]:
        """ "One woman, waving a banner, ...": an unnamed person a later "she" may point to."""
        events = []
        for token in self.doc:
            if token.dep_ != "nsubj" or token.pos_ != "NOUN" or self.attributor.in_quote(token):
                continue
            lemma = token.lemma_.lower()
            if lemma not in PERSON_ROLES and lemma not in PERSON_ROLE_GENDER:
                continue
            if not any(c.dep_ in ("det", "nummod") and c.lower_ in _INDEFINITE for c in token.children):
                continue
            entity = Entity("", "person", PERSON_ROLE_GENDER.get(lemma))
            events.append(_Event(token.idx, entity, True))
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
        occ = self._occurrence_at(cue.mention_start, cue.mention_end)
        if occ is not None:
            canonical = self.registry.canonical(occ.parts, occ.start)
            entity = self.registry.entity(canonical)
            how: Attribution = "explicit" if canonical == occ.parts else "name_part"
            return Speaker(entity.name, entity.kind, how)
        return self._noun(head, position)

    def _occurrence_at(self, start: int | None, end: int | None) -> NameOcc | None:
        if start is None or end is None:
            return None
        for occ in self.registry.occurrences:
            if occ.start < end and start < occ.end:
                return occ
        return None

    def _pronoun(self, gender: str | None, position: int, asker: str | None = None) -> Speaker:
        """The most recent compatible person; in a reply, never the one who asked the question."""
        lo, _ = self.attributor.paragraph(position)
        horizon = self._horizon(lo)
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

    def _horizon(self, paragraph_start: int) -> int:
        starts = self.attributor.para_starts
        i = bisect.bisect_left(starts, paragraph_start)
        return starts[max(i - _PRONOUN_WINDOW, 0)] if starts else 0

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
                return Speaker(
                    introduced.name, self.registry.entity(tuple(introduced.name.split())).kind, "role"
                )
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
            occ = self._occurrence_at(token.idx, token.idx + len(token))
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
        entity = self.registry.entity(tuple(speaker.name.split(" ")))
        bisect.insort(self.events, _Event(position, entity, True), key=lambda e: e.position)


def resolve(
    doc: Doc, attributor: Attributor, spans: Sequence[QuoteSpan], cues: Sequence[Cue]
) -> list[DocQuote]:
    """Quotes with canonical speakers, in clean-text offsets, in document order."""
    resolver = Resolver(doc, attributor)
    text = attributor.text
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, spans[i].kind != "direct"))
    by_start: dict[int, tuple[Speaker, Cue]] = {}
    by_paragraph: dict[int, tuple[Speaker, DocQuote]] = {}
    quotes: list[DocQuote] = []
    for i in order:
        span, cue = spans[i], cues[i]
        parent = by_start[span.parent][0] if span.parent is not None and span.parent in by_start else None
        position = cue.mention_start if cue.mention_start is not None else span.start
        before = by_paragraph.get(span.paragraph - 1) if span.kind == "direct" else None
        asker = before[0].name if before is not None and _is_turn(before[1]) else None
        speaker = resolver.speaker(cue, position, parent, asker)
        if span.kind == "direct" and cue.text is None:
            cue, speaker = _continuation(resolver, span, by_paragraph)
        quote = _quote(text, span, cue, speaker)
        if span.kind != "nested":
            resolver.record(speaker, span.start)
        if span.kind == "direct":
            by_start[span.start] = (speaker, cue)
            if speaker.name is not None:
                by_paragraph[span.paragraph + text.count("\n\n", span.start, span.end)] = (speaker, quote)
        quotes.append(quote)
    return quotes


def _continuation(
    resolver: Resolver, span: QuoteSpan, by_paragraph: dict[int, tuple[Speaker, DocQuote]]
) -> tuple[Cue, Speaker]:
    """A quote paragraph with no cue: "Smith said:" just before it, or the previous speaker.

    In an exchange of two speakers, a reply to a question or a "replied"/"asked" line, and
    a question put back, go to the speaker before that line rather than continuing it.
    """
    open_at = span.open_mark if span.open_mark is not None else span.start
    p_start, _ = resolver.attributor.paragraph(open_at)
    if resolver.attributor.text[p_start:open_at].strip():
        return NO_CUE, NOBODY  # a quote inside narration with no cue: leave unattributed
    if p_start == 0:
        return NO_CUE, NOBODY
    prev_start, prev_end = resolver.attributor.paragraph(p_start - 2)
    tokens = resolver.attributor.tokens(prev_start, prev_end)
    if tokens and tokens[-1].text == ":":
        cue = resolver.attributor.before(tokens, resolver.attributor.outside_quotes)
        if cue.text is not None:
            return cue, resolver.speaker(cue, cue.mention_start or prev_start)
    previous = by_paragraph.get(span.paragraph - 1)
    if previous is not None:
        speaker, quote = previous
        earlier = by_paragraph.get(span.paragraph - 2)
        asks = resolver.attributor.text[span.start : span.end].rstrip().endswith("?")
        if earlier is not None and earlier[0].name != speaker.name and (_is_turn(quote) or asks):
            speaker = earlier[0]
        return NO_CUE, Speaker(speaker.name, speaker.kind, "continuation")
    # Narration that reports someone's speech ("Lee said the plan would fail.") leads into the quote.
    for token in tokens:
        if reporting_lemma(token) and not resolver.attributor.in_quote(token):
            subject = resolver.attributor.speaker_of(token, resolver.attributor.outside_quotes)
            if subject is None:
                continue
            lead = resolver.attributor.cue_at(token, resolver.attributor.outside_quotes, False)
            if lead is None:
                continue
            found = resolver.speaker(lead, lead.mention_start or prev_start)
            if found.name is not None:
                return NO_CUE, Speaker(found.name, found.kind, "continuation")
    return NO_CUE, NOBODY


def _is_turn(quote: DocQuote) -> bool:
    """A line that hands the floor back: a question, or one cued by "replied", "asked"..."""
    cue = (quote.cue or "").lower()
    return quote.text.rstrip().endswith("?") or cue.startswith(TURN_CUES)


def _quote(text: str, span: QuoteSpan, cue: Cue, speaker: Speaker) -> DocQuote:
    mention = None
    if cue.mention_start is not None and cue.mention_end is not None:
        mention = text[cue.mention_start : cue.mention_end]
    return DocQuote(
        kind=span.kind,
        text=text[span.start : span.end],
        start=span.start,
        end=span.end,
        speaker=speaker.name,
        speaker_mention=mention,
        speaker_start=cue.mention_start if mention else None,
        speaker_end=cue.mention_end if mention else None,
        cue=cue.text,
        attribution=speaker.attribution if speaker.name else "none",
        paragraph=span.paragraph,
        speaker_type=speaker.kind,
        cue_start=cue.start if cue.text else None,
        cue_end=cue.end if cue.text else None,
    )


def _parts(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Name words, re-joining hyphenated pieces: Kim / Hee / - / won -> ("Kim", "Hee-won")."""
    words: list[str] = []
    glue = False
    for token in tokens:
        text = token.text
        if text == "-" or glue or (text in ("'", "’") and words and not token.nbor(-1).whitespace_):
            words[-1] += text if words else ""  # Hee-won; Nurses' Union
        elif text not in ("(", ")", ",", "'s", "’s"):
            words.append(text)
        glue = text == "-"
    while words and words[0].lower() in _LEADING_ARTICLES:
        words = words[1:]
    return tuple(w for w in words if w and w[0].isalnum())


_LEADING_ARTICLES = frozenset({"the", "a", "an"})
