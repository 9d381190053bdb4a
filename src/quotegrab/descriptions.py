"""Definite descriptions that stand in for a source already introduced.

News writing names a person once and then varies the reference: "Graham Hollis told the
committee ... The 57-year-old executive said", "Dr. Tobias Lindqvist ... the Swedish
researcher said", "An official with the relief office ... The official said". Such a
definite, singular description of a person points back to someone the article is talking
about:

- to a source whose introduction shares words with it (a role, a modifier, an age, an
  organisation's word: "Union president Shauna Kerr" ... "the union leader"), the most
  recent on ties;
- else to the best candidate by the pronoun score (pronouns.py), with the gender of the
  role word ("the father of two" is a man).

A description that names its own organisation ("the head of Coastal Isles Ferries") is
only resolved by shared words: it may introduce someone new. A possessive or indefinite
one ("his lawyer", "a nurse") is someone new.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .context import ArticleContext
from .lexicon import PERSON_ROLE_GENDER, PERSON_ROLES
from .mentions import description_span
from .names import PLACE_LABELS, NameOcc
from .pronouns import Event
from .titles import is_role, title_of

if TYPE_CHECKING:
    from .resolve import Resolver, Speaker

_GIVEN_NAME_WINDOW = 12  # tokens after a description to its "who gave only her first name, X"
_DEFINITE = frozenset({"the", "this", "that"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nummod", "npadvmod", "nmod", "poss"})
_PROFILE_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
_DIGITS = re.compile(r"\d+")
_CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl"})  # "Kerr, who ...": not an introduction
_AGE_WORDS = frozenset({"year", "old"})  # "the 84-year-old": an age is a description of a person


def _words(token: Token) -> set[str]:
    """The content words a token contributes: its lemma, and any number inside it."""
    if token.pos_ not in _PROFILE_POS or token.lower_ in _AGE_WORDS:
        return set(_DIGITS.findall(token.text))
    return {token.lemma_.lower(), *_DIGITS.findall(token.text)}


def is_person_head(head: Token) -> bool:
    """A noun for a person ("executive", "glaciologist", "father"), or an age ("84-year-old")."""
    lemma = head.lemma_.lower()
    if lemma in PERSON_ROLES or head.lower_ in PERSON_ROLE_GENDER or is_role(lemma):
        return True
    return head.lower_ == "old" and any(t.lower_ == "year" for t in head.lefts)


def description_words(head: Token) -> set[str]:
    """The head's lemma and its modifiers' words (`Descriptions.resolve` counts the head twice)."""
    words = _words(head)
    for child in head.lefts:
        if child.dep_ in _MODIFIER_DEPS:
            for token in child.subtree:
                words |= _words(token)
    for prep in (c for c in head.rights if c.dep_ == "prep"):  # "the head of the union"
        for token in prep.subtree:
            words |= _words(token)
    return words


def _names_organisation(head: Token) -> bool:
    return any(t.pos_ == "PROPN" for c in head.rights if c.dep_ == "prep" for t in c.subtree)


def fuller_group(ctx: ArticleContext, head: Token) -> Token | None:
    """ "the researchers": the latest earlier mention of the same group in the narration,
    if it was described more fully ("researchers at the Front Range Polar Institute")."""
    start, end = description_span(head)
    for token in reversed(ctx.doc[: head.i]):
        if token.lemma_ == head.lemma_ and token.tag_ == head.tag_ and not ctx.in_quote(token):
            lo, hi = description_span(token)
            return token if hi - lo > end - start else None
    return None


class Descriptions:
    """Resolves one article's definite person descriptions."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._profiles: dict[int, set[str]] = {}  # by occurrence index

    def applies(self, head: Token) -> bool:
        determiner = next((c for c in head.children if c.dep_ in ("det", "poss")), None)
        if determiner is None and head.left_edge.i > 0:  # "the 84-year-old said", misparsed
            before = head.doc[head.left_edge.i - 1]
            determiner = before if before.pos_ == "DET" else None
        if determiner is None or determiner.lower_ not in _DEFINITE:
            return False
        return head.tag_ not in ("NNS", "NNPS") and is_person_head(head)

    def subject_events(self, subjects: list[Token]) -> list[Event]:
        """ "The 61-year-old sat in the front row. She said ...": a description that is a
        subject of the narration, and shares words with a source named before it, makes that
        source a candidate for a later pronoun there."""
        events = []
        for head in [*subjects, *self._aged_subjects()]:
            chosen = self.resolve(head, head.idx, guess=False)
            if chosen is not None:
                events.append(Event(head.idx, chosen.entity, True))
        return events

    def _aged_subjects(self) -> list[Token]:
        """ "The 61-year-old sat": the parser reads the age as the verb's adjective."""
        doc, ctx = self.resolver.doc, self.resolver.ctx
        if "-old" not in ctx.text:
            return []
        return [
            t
            for t in doc
            if t.lower_ == "old"
            and t.dep_ == "amod"
            and t.head.pos_ in ("VERB", "AUX")
            and t.head.i > t.i
            and t.i >= 2
            and doc[t.i - 2].lower_ in ("year", "years")
            and not ctx.in_quote(t)
        ]

    def resolve(self, head: Token, position: int, guess: bool = True) -> Event | None:
        """The source `head` points back to, as the candidate event that was chosen; without
        `guess`, only a source it shares words with."""
        if not self.applies(head):
            return None
        wanted = description_words(head)
        lemma = head.lemma_.lower()
        best: tuple[int, int] | None = None
        chosen: Event | None = None
        for event in self._candidates(position):
            profile = self._profile(event)
            shared = len(wanted & profile) + (lemma in profile)  # the head noun counts twice
            if shared and (best is None or (shared, event.position) >= best):
                best, chosen = (shared, event.position), event
        if chosen is not None or _names_organisation(head) or not guess:
            return chosen
        entity = self.resolver.antecedents.resolve(PERSON_ROLE_GENDER.get(head.lower_), position)
        return Event(position, entity, True) if entity is not None else None

    def given_name(self, head: Token) -> Speaker | None:
        """ "Another rider, who gave only her first name, Leah, said": a source who withholds
        all but a name is that name."""
        sent_end = head.sent.end
        window = self.resolver.doc[head.i + 1 : min(sent_end, head.i + 1 + _GIVEN_NAME_WINDOW)]
        for token in window:
            if token.lemma_.lower() != "name" or token.pos_ != "NOUN" or token.i + 2 >= sent_end:
                continue
            comma, name = self.resolver.doc[token.i + 1], self.resolver.doc[token.i + 2]
            if comma.text == "," and name.pos_ == "PROPN":
                occ = self.resolver.registry.occurrence_of(name)
                if occ is not None:
                    entity = self.resolver.registry.entity_at(occ)
                    return self.resolver.as_speaker(entity, "explicit")
        return None

    def named_after(self, head: Token) -> Speaker | None:
        """ "A spokesman for Ardent, Kyle Morrow, said": a person noun whose description is
        followed by a person's name set off by a comma is that person."""
        if not is_person_head(head):
            return None
        resolver = self.resolver
        _, end = description_span(head)
        k = bisect.bisect_left(resolver.ctx.token_starts, end)
        doc = resolver.doc
        if k + 1 >= len(doc) or doc[k].text != ",":
            return None
        j = k + 1  # "..., former Gov. Beth Larkin,": the name's own modifiers and titles
        while j < min(k + 5, len(doc) - 1) and (doc[j].pos_ == "ADJ" or title_of(doc[j].text)):
            j += 1
        name = doc[j]
        if name.pos_ != "PROPN":
            return None
        occ = resolver.registry.occurrence_of(name)
        if occ is None or occ.label in PLACE_LABELS or not resolver.ctx.text[occ.end :].startswith(","):
            return None  # "According to an official in the ministry, India has ...": no apposition
        entity = resolver.registry.entity_at(occ)
        return resolver.as_speaker(entity, "explicit") if entity.kind == "person" else None

    def _candidates(self, position: int) -> list[Event]:
        """Every person and unnamed person source before `position`, each at its latest."""
        latest: dict[int, Event] = {}
        for event in self.resolver.antecedents.events:
            if event.position < position:
                latest[id(event.entity)] = event
        return list(latest.values())

    def _profile(self, event: Event) -> set[str]:
        """The words the article introduced a source with: the roles, appositions and
        modifiers around each of its names before the description, or its own description."""
        registry = self.resolver.registry
        if event.entity.kind != "person":  # an unnamed source: the words of its description
            return {w.lower() for w in event.entity.name.split()}
        words: set[str] = set()
        for k, occ in enumerate(registry.occurrences):
            if occ.start > event.position or registry.entity_of[k] is not event.entity:
                continue
            if k not in self._profiles:
                self._profiles[k] = self._occurrence_words(occ)
            words |= self._profiles[k]
        return words

    def _occurrence_words(self, occ: NameOcc) -> set[str]:
        doc = self.resolver.doc
        span = doc.char_span(occ.start, occ.end, alignment_mode="expand")
        if span is None or not len(span):
            return set(occ.roles)
        head = span.root
        phrase = head.head if head.dep_ == "appos" else head
        clauses = {
            t.i for c in phrase.subtree if c.dep_ in _CLAUSE_DEPS and c.i != phrase.i for t in c.subtree
        }
        words = set(occ.roles)
        for token in phrase.subtree:
            if token.i not in clauses and not span.start <= token.i < span.end:
                words |= _words(token)
        return words
