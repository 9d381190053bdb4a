"""The article's people and organisations: every name occurrence, and its canonical name.

A registry of the article's names is built once per Doc: every run of proper nouns,
with its honorifics and roles split off, its NER label, and whether it is a clause
subject. A partial name resolves to the fullest name in the article that contains it
("Kim" -> "Kim Hee-won"), and each canonical name is one entity, a person or an
organisation.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy
from spacy.attrs import ENT_TYPE, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from .context import ArticleContext
from .firstnames import first_name_genders
from .lexicon import (
    CALENDAR_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    ORGANISATION_NAME_WORDS,
    PERSON_ROLE_GENDER,
    is_postnominal,
)
from .mentions import AMPERSANDS, name_parts, name_span
from .titles import is_role, title_alone, title_of
from .types import SpeakerType

ORG_LABELS = frozenset({"ORG", "NORP", "FAC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE", "DATE"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PROPN, _NOUN = POS_IDS["PROPN"], POS_IDS["NOUN"]
# the labels' hashes, as int64
_PERSON, _ORG = (int(numpy.uint64(get_string_id(label)).view("int64")) for label in ("PERSON", "ORG"))
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "&", "on", "in"})  # not in an acronym
_FIRST_NAME_VOTES = 2  # a first name counts as this many PERSON labels
_MODIFYING = frozenset({"compound", "poss", "amod", "nmod"})  # a name that qualifies a noun
_CANONICAL_HOPS = 3  # "Lee" -> "Ann Lee" -> "Dr Ann Lee Park": a few steps to the fullest name
_COUPLED = frozenset({" and ", " & "})  # "Ann and Tom Lee": a first name coupled to a full name


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
    determined: bool = False  # "the Mid North Coast", "The Harmon Gazette": no person's name


@dataclass
class Entity:
    name: str
    kind: SpeakerType
    gender: str | None = None
    votes: Counter[str] = field(default_factory=Counter)


def _common_at_start(token: Token) -> bool:
    """A common noun capitalised because it opens a sentence: a group ("Shoppers said"), or an
    institution word alone before the noun it qualifies ("Court documents show")."""
    if token.lower_ in GROUP_NOUNS:
        return True
    head = token.head
    alone = token.dep_ == "compound" and head.i == token.i + 1 and head.pos_ == "NOUN"
    return alone and token.text in ORGANISATION_NAME_WORDS and head.text.islower()


def _name_candidates(doc: Doc) -> list[int]:
    """The tokens that may start a name, found in one array pass: proper nouns, and nouns inside
    a PERSON or ORG entity (the tagger may read a surname as a noun: "Sanders said", plural;
    '"...," Reyes answered', tagged a firm)."""
    rows: Any = doc.to_array([POS, ENT_TYPE]).view("int64")  # int64: no big ints from the hashes
    entity = (rows[:, 1] == _PERSON) | (rows[:, 1] == _ORG)
    named = (rows[:, 0] == _PROPN) | ((rows[:, 0] == _NOUN) & entity)
    return numpy.flatnonzero(named).tolist()


def _bare(parts: tuple[str, ...]) -> set[str]:
    """Name words without a possessive: "St Fintan's" is a part of "St Fintan's University Hospital"."""
    return {p.removesuffix("'s").removesuffix("’s") for p in parts}


class Registry:
    """The names, roles and entities of one article."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.occurrences = self._find_names()
        self.starts = [o.start for o in self.occurrences]
        # Occurrences by each of their bare words, and by their first word, in article order: a
        # lookup for every canonical() and _kind(), which would otherwise read them all each time
        self._with_word: dict[str, list[tuple[NameOcc, set[str]]]] = {}
        self._first_word: dict[str, list[int]] = {}
        for k, o in enumerate(self.occurrences):
            bare = _bare(o.parts)
            for word in bare:
                self._with_word.setdefault(word, []).append((o, bare))
            self._first_word.setdefault(o.parts[0], []).append(k)
        self.entities: dict[tuple[str, ...], Entity] = {}
        # The names the article also gives as an acronym ("Cascade Correctional Health (CCH)")
        self.abbreviated = {self._spelled_out(o.parts) for o in self.occurrences} - {None}
        # Each occurrence's entity, resolved once: the lookups sit inside loops.
        self.entity_of = [self.entity(self.canonical(o.parts, o.start, o.gender)) for o in self.occurrences]
        self.index = {id(o): i for i, o in enumerate(self.occurrences)}

    def _find_names(self) -> list[NameOcc]:
        doc = self.ctx.doc
        found: list[NameOcc] = []
        i = 0
        for first in _name_candidates(doc):
            if first < i:
                continue  # inside the name found before
            token = doc[first]
            if not token.text[:1].isupper():
                continue
            i = first
            lo, hi = name_span(token)
            if hi - lo == 1 and token.is_sent_start and _common_at_start(token):
                i += 1  # "Shoppers at the store said": a capital for the sentence, not a name
                continue
            lo = min(lo, i)
            occ = self.occurrence(lo, hi)
            i = hi
            if occ is None:
                continue
            # "Choi (Jung-gyu)": a surname with its given name in brackets is one name.
            if len(occ.parts) == 1 and hi + 2 < len(doc) and doc[hi].text == "(":
                inner_lo, inner_hi = name_span(doc[hi + 1])
                if inner_lo == hi + 1 and inner_hi < len(doc) and doc[inner_hi].text == ")":
                    inner = self.occurrence(inner_lo, inner_hi)
                    if inner is not None and len(inner.parts) == 1:
                        occ.parts = occ.parts + inner.parts
                        occ.end = doc[inner_hi].idx + 1
                        i = inner_hi + 1
            found.append(occ)
        # "the Minister said", "the MP said": a title alone is a role, unless it is part of a
        # name the article gives ("Julie Bishop" ... "Bishop said")
        parts = {p for o in found if len(o.parts) > 1 for p in o.parts}
        found = [o for o in found if len(o.parts) > 1 or o.parts[0] in parts or not title_alone(o.parts[0])]
        _share_surnames(self.ctx.text, found)
        return found

    def occurrence(self, lo: int, hi: int) -> NameOcc | None:
        """The name occurrence of tokens [lo, hi), titles and roles split off; None if no name is left."""
        doc = self.ctx.doc
        tokens = list(doc[lo:hi])
        roles: set[str] = set()
        gender: str | None = None
        # "St Fintan's University Hospital" keeps its "St"; "Police Chief Ann Roy" loses the title
        institution = tokens[-1].text in ORGANISATION_NAME_WORDS
        titles = [k for k, t in enumerate(tokens[:-1]) if title_of(t.text) and not institution]
        if titles:  # "Interior Minister Anton Vellas": everything up to the last title word
            for title in tokens[: titles[-1] + 1]:
                word = title_of(title.text)
                if word is not None:
                    roles.add(word)
                    gender = gender or HONORIFICS.get(word) or PERSON_ROLE_GENDER.get(word)
            tokens = tokens[titles[-1] + 1 :]
            while tokens and tokens[0].text == ".":
                tokens = tokens[1:]
        if not tokens:
            return None
        # "Secretary of the Navy Gregory Pell": the title's "of" phrase ("of the Teachers' Union" is one)
        if _after_title_of(tokens[0]) and tokens[-1].text not in ORGANISATION_NAME_WORDS:
            firsts = first_name_genders()
            person = next(
                (k for k, t in enumerate(tokens) if t.ent_type_ == "PERSON" or t.lower_ in firsts), 0
            )
            tokens = tokens[person:]
        # Lower-case role words just before the name: "director Kim", "chief executive Priya Raman".
        k = lo - 1
        while (
            k >= 0
            and (word_before := doc[k]).dep_ in ("compound", "amod")
            and word_before.pos_ in ("NOUN", "ADJ")
        ):
            word = word_before.lemma_.lower()
            if is_role(word) or word in PERSON_ROLE_GENDER:  # "a former Methodist hall": no role
                roles.add(word)
            gender = gender or PERSON_ROLE_GENDER.get(word_before.lower_)
            k -= 1
        # the name's head: its first token that is a root or hangs outside [lo, hi)
        head = max(tokens, key=lambda t: t.head.i == t.i or not (lo <= t.head.i < hi))
        for child in head.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                roles.add(child.lemma_.lower())
                gender = gender or PERSON_ROLE_GENDER.get(child.lower_)
        if head.dep_ == "appos" and head.head.pos_ == "NOUN":
            roles.add(head.head.lemma_.lower())
            gender = gender or PERSON_ROLE_GENDER.get(head.head.lower_)
        while len(tokens) > 1 and is_postnominal(tokens[-1].text):
            tokens = tokens[:-1]  # "Helen Marchetti KC", "Tom Reed MP"
        parts = name_parts(tokens)
        if not parts:
            return None
        label = _most_common([t.ent_type_ for t in tokens])
        subject = any(t.dep_ in SUBJECT_DEPS for t in tokens) or (
            head.dep_ == "appos" and head.head.dep_ in SUBJECT_DEPS
        )
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        in_quote = self.ctx.in_quote(tokens[0])
        first = tokens[0]
        before = first if first.lower_ == "the" else first.nbor(-1) if first.i else None
        # "the Trump administration" names a person: only a name that is itself determined counts
        determined = before is not None and before.lower_ == "the" and head.dep_ not in _MODIFYING
        return NameOcc(start, end, parts, label, subject, in_quote, frozenset(roles), gender, determined)

    def canonical(self, parts: tuple[str, ...], position: int, gender: str | None = None) -> tuple[str, ...]:
        """The fullest name in the article that contains every part: the nearest before, else
        after, and for a gendered title ("Mr Hollis") one whose first name does not disagree.
        An acronym ("ODR") is the spelled-out name it abbreviates, where the article has one."""
        spelled = self._spelled_out(parts)
        if spelled is not None:
            return spelled
        for _ in range(_CANONICAL_HOPS):
            wanted = _bare(parts)
            known = self._with_word.get(next(iter(wanted)), []) if wanted else []
            longer = [o for o, bare in known if len(o.parts) > len(parts) and wanted <= bare]
            if not longer:
                return parts
            people = [o for o in longer if o.label not in PLACE_LABELS] or longer
            if gender is not None:  # a first name of that gender, else one that tells none
                names = first_name_genders()
                told = [names.get(o.parts[0].lower()) for o in people]
                people = (
                    [o for o, g in zip(people, told, strict=True) if g == gender]
                    or [o for o, g in zip(people, told, strict=True) if g is None]
                    or people
                )
            before = [o for o in people if o.start <= position]
            parts = (before[-1] if before else people[0]).parts
        return parts

    def _spelled_out(self, parts: tuple[str, ...]) -> tuple[str, ...] | None:
        if len(parts) != 1 or len(parts[0]) < 2 or not parts[0].isupper():
            return None
        for occ in self.occurrences:
            initials = "".join(p[0] for p in occ.parts if p.lower() not in _ACRONYM_SKIPS)
            if len(occ.parts) > 1 and initials.upper() == parts[0]:
                return occ.parts
        return None

    def entity(self, parts: tuple[str, ...]) -> Entity:
        entity = self.entities.get(parts)
        if entity is None:
            entity = Entity(" ".join(parts), self._kind(parts))
            self.entities[parts] = entity
        return entity

    def entity_named(self, name: str) -> Entity:
        return self.entity(tuple(name.split(" ")))

    def _kind(self, parts: tuple[str, ...]) -> SpeakerType:
        if len(parts) == 1 and parts[0].lower() in CALENDAR_WORDS:
            return "unknown"  # "Thursday": never a speaker (but "Theresa May" is a person)
        words = set(parts)
        ks = sorted({k for word in words for k in self._first_word.get(word, ())})
        occs = [o for o in (self.occurrences[k] for k in ks) if set(o.parts) <= words]
        labels = Counter(o.label for o in occs)
        if any(p in ORGANISATION_NAME_WORDS or p in AMPERSANDS for p in parts):
            return "organisation"
        if parts in self.abbreviated:
            return "organisation"  # "Cascade Correctional Health (CCH)": people get no acronym
        if any(o.roles or o.gender for o in occs):
            return "person"
        # The parser's labels vote: "Harrow" alone may be tagged a person once, but the firm
        # "Harrow Steel" that is an organisation twice stays one. A tie goes to the fullest name.
        people, orgs = labels["PERSON"], sum(labels[label] for label in ORG_LABELS)
        orgs += sum(o.determined for o in occs)
        if len(parts) > 1 and parts[0].lower() in first_name_genders():
            people += _FIRST_NAME_VOTES  # "Graham Hollis", though "Hollis told" reads as a firm
        # "Paris", one word only ever tagged a place and never a subject: no person a role or
        # pronoun points to (but "Stromberg said", and "Amara Nwosu, 18, said", may be tagged so)
        placed = all(o.label in PLACE_LABELS and not o.subject for o in occs)
        if len(parts) == 1 and occs and placed and not people and not orgs:
            return "unknown"
        if people == orgs and occs:
            fullest = max(occs, key=lambda o: len(o.parts))
            return "organisation" if fullest.label in ORG_LABELS else "person"
        return "organisation" if orgs > people else "person"

    def entity_at(self, occ: NameOcc) -> Entity:
        return self.entity_of[self.index[id(occ)]]

    def occurrence_at(self, start: int | None, end: int | None) -> NameOcc | None:
        """The first name occurrence overlapping [start, end)."""
        if start is None or end is None:
            return None
        for occ in self.occurrences:
            if occ.start < end and start < occ.end:
                return occ
        return None

    def occurrence_of(self, token: Token) -> NameOcc | None:
        """The name occurrence that a token is part of."""
        return self.occurrence_at(token.idx, token.idx + len(token))

    def organisations_named(self, word: str) -> list[NameOcc]:
        """The occurrences of organisations whose name holds `word` ("Police" for "police")."""
        return [
            o
            for k, o in enumerate(self.occurrences)
            if self.entity_of[k].kind == "organisation" and word in {p.lower() for p in o.parts}
        ]

    def occurrences_before(self, position: int) -> list[NameOcc]:
        return self.occurrences[: bisect.bisect_left(self.starts, position)]


def _most_common(labels: list[str]) -> str:
    """The most frequent non-empty label, the first on a tie ("" for none), as Counter's
    most_common; most names have one label or none, which needs no Counter."""
    found = [label for label in labels if label]
    if len(set(found)) <= 1:
        return found[0] if found else ""
    return Counter(found).most_common(1)[0][0]


def _share_surnames(text: str, found: list[NameOcc]) -> None:
    """ "Derek and Jean Hollis": a first name joined to a full name shares its surname."""
    names = first_name_genders()
    for first, second in itertools.pairwise(found):
        if len(first.parts) != 1 or len(second.parts) < 2 or text[first.end : second.start] not in _COUPLED:
            continue
        if first.parts[0].lower() in names:
            first.parts = (first.parts[0], *second.parts[1:])


def _after_title_of(first: Token) -> bool:
    doc, k = first.doc, first.i - 1
    if k >= 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 1 and doc[k].lower_ in ("of", "for") and title_of(doc[k - 1].text) is not None
