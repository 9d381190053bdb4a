"""Documents as sources: "a report by X said", "the union's own survey", "the ministry said
in a statement". A document speaks for whoever the article puts behind it, else as itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Token

from .lexicon import DOCUMENT_NOUNS, DOCUMENT_VERBS, GROUP_NOUNS, ORGANISATION_NOUNS

if TYPE_CHECKING:
    from .resolve import Resolver, Speaker

INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})  # "a report", "one official"
_DOCUMENT_LINKS = frozenset({"by", "from", "of", "for", "on"})
# Participles that name a document's maker: "a survey carried out by X", "figures published by X".
_PRODUCING_VERBS = frozenset(
    {
        "author",
        "carry",
        "commission",
        "compile",
        "conduct",
        "draft",
        "file",
        "issue",
        "make",
        "prepare",
        "produce",
        "publish",
        "release",
        "send",
        "sign",
        "submit",
        "write",
    }
)


# Documents of findings, which news calls "the report" whatever the article first named them:
# "The audit by the Health Performance Commission ... "...," the report said."
_REPORTS = frozenset(
    {"analysis", "assessment", "audit", "findings", "investigation", "paper", "report", "review", "study"}
)


class Documents:
    """Who stands behind the documents of one article; the resolver names them."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def behind(self, head: Token, position: int, follow_up: bool = False) -> Speaker | None:
        """Who stands behind a document: "a study by Ravensford University", "the union's own
        survey", "a Marlow Public Radio poll", "council papers"; for "the report", whoever
        stood behind the last report the article mentioned."""
        for token in head.subtree:
            link = token.head
            linked = (
                token.dep_ == "pobj"
                and link.lower_ in _DOCUMENT_LINKS
                and token.i > head.i
                # "a report by X", "a survey published by X"; not "a report obtained by the Herald"
                and (link.head.i == head.i or link.head.lemma_.lower() in _PRODUCING_VERBS)
            )
            owner = token.dep_ == "poss" and token.head.i == head.i
            maker = token.dep_ == "compound" and token.head.i == head.i  # "a Marlow poll", "council papers"
            if not (linked or owner or maker):
                continue
            if linked and token.tag_ == "NNS" and token.lower_ in GROUP_NOUNS:
                return self.resolver.described(token, "group")  # "a study by researchers at X"
            if owner and token.lower_ == "its":  # "Its report found": the organisation it stands for
                found = self.resolver.organisation(token, position)
                return found if found.name is not None else None
            named = self.resolver.named_in(token) or self.resolver.namesake(token, position)
            if named is not None:
                return named
            if token.lemma_.lower() in ORGANISATION_NOUNS:  # "the union's", "council papers"
                found = self.resolver.organisation(token, position, named_only=True)
                if found.name is None and any(c.dep_ in ("amod", "compound") for c in token.children):
                    return self.resolver.described(
                        token, "organisation"
                    )  # "the state transportation department's"
                if found.name is None and not maker:  # "Court documents": a court, not the last body
                    found = self.resolver.organisation(token, position)
                if found.name is not None:
                    return found
        made = self._made_by(head)
        if made is not None:  # "Harlow made a filing", "a filing Harlow made with the SEC"
            return self.resolver.named_in(made) or self._issuer(made, position)
        if head.dep_ == "pobj" and head.head.lower_ in ("in", "through") and head.head.head.pos_ == "VERB":
            issuer = next((c for c in head.head.head.children if c.dep_ == "nsubj"), None)
            if issuer is not None:  # "The ministry said in a statement ..."
                return self.resolver.named_in(issuer) or self._issuer(issuer, position)
        return None if follow_up else self._same_document(head, position)

    def _nouns(self, lemmas: set[str]) -> list[Token]:
        """The common nouns of the Doc with one of `lemmas` (any case), read from its arrays."""
        doc = self.resolver.doc
        rows = doc.to_array([POS, LEMMA])
        nouns = numpy.flatnonzero(rows[:, 0] == POS_IDS["NOUN"])
        strings = doc.vocab.strings
        found = rows[nouns, 1]
        wanted = {h for h in set(found.tolist()) if strings[h].lower() in lemmas}
        return [doc[int(i)] for i, h in zip(nouns.tolist(), found.tolist(), strict=True) if h in wanted]

    def _same_document(self, head: Token, position: int) -> Speaker | None:
        """ "the report said": whoever is behind the same document mentioned elsewhere in the
        article ("The survey, carried out by X ..."): for a definite one the nearest before, else
        after; for an indefinite one only after."""
        kinds = {head.lemma_.lower()} | {
            c.lemma_.lower()
            for c in head.children
            if c.dep_ == "compound" and c.lemma_.lower() in DOCUMENT_NOUNS
        }
        others = [t for t in self._nouns(kinds) if t.i != head.i]
        later = [t for t in others if t.i > head.i]
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE for c in head.children)
        # "the report" points back to a report already mentioned; "a survey" may be told about later
        ordered = [t for t in reversed(others) if t.i < head.i] + later if definite else later
        if definite and head.lemma_.lower() in _REPORTS:  # then another report before it
            ordered += [t for t in reversed(self._nouns(set(_REPORTS) - kinds)) if t.i < head.i]
        for other in ordered:
            found = self.behind(other, position, follow_up=True)
            if found is not None:
                return found
        return self._made_earlier(head) if definite else None

    def _made_earlier(self, head: Token) -> Speaker | None:
        """ "A group of contractors sued Quillon. The lawsuit alleges ...": whoever did the act
        that made the document (lexicon/document_verbs.txt), latest first."""
        verb = DOCUMENT_VERBS.get(head.lemma_.lower())
        if verb is None:
            return None
        resolver = self.resolver
        for token in reversed(resolver.doc[: head.i]):
            if token.lemma_.lower() != verb or token.pos_ != "VERB" or resolver.ctx.in_quote(token):
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is None or subject.pos_ == "PRON":
                return None
            named = resolver.named_in(subject) if subject.pos_ == "PROPN" else None
            if named is not None:
                return named
            many = subject.tag_ == "NNS" or subject.lower_ in GROUP_NOUNS  # "a group of contractors"
            return resolver.described(subject, "group" if many else "description")
        return None

    @staticmethod
    def _made_by(head: Token) -> Token | None:
        """The subject of the verb that made a document: its object, or its relative clause."""
        verbs = [head.head] if head.dep_ == "dobj" else []
        verbs += [c for c in head.children if c.dep_ == "relcl"]
        for verb in verbs:
            if verb.lemma_.lower() in _PRODUCING_VERBS:
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.pos_ != "PRON":
                    return subject
        return None

    def _issuer(self, token: Token, position: int) -> Speaker | None:
        if token.lemma_.lower() in ORGANISATION_NOUNS:
            found = self.resolver.organisation(token, position)
            return found if found.name is not None else None
        return None
