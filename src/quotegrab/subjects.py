"""The subject of a reporting verb where the parse gives it no subject of its own.

Each function reads a parsed verb and returns the token that speaks, or None; `allowed` says
which tokens may be read (outside quotes, as a rule). attribute.py tries the parse's own
subject first, then these, then the words beside the verb.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from .lexicon import DOCUMENT_NOUNS, ISSUING_VERBS, SENTENCE_END
from .mentions import TIME_ENTITIES, phrase_head
from .patterns import CLIMB_DEPS, RELATIVE_PRONOUNS

Allowed = Callable[[Token], bool]
_PEOPLE = frozenset({"he", "she", "they", "we", "i"})  # not "It rained. Adding: ..."
_APPOSITIVE_TOKENS = 12  # "Ann Roy, a spokeswoman for the county health department, said"


def verb_subject(verb: Token) -> Token | None:
    """The verb's subject: the antecedent of "who", or the subject of the verb it is joined to."""
    for _ in range(2):
        # the nearest, should the parse give two ("in Salem, New Hampshire, Trump went")
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        subject = min(subjects, key=lambda c: abs(verb.i - c.i), default=None)
        if subject is not None:
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head
            return subject
        # "Kim smiled and called it ...", "Kim went after Bush, calling him ...": the main verb's
        participle = verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"
        if verb.dep_ != "conj" and not participle:
            return None
        verb = verb.head
    return None


def borrowed_subject(verb: Token, allowed: Allowed) -> Token | None:
    """The subject a participle borrows from the verb it hangs on: through a preposition
    ("Kim said before adding:", "began by saying"), out of a quote ('She stated, "...,"
    adding, "..."': the parser hangs the participle on the quote's own verb), or through the
    document it describes ("issued a statement saying")."""
    if verb.tag_ != "VBG":
        return None
    head = verb.head
    if verb.dep_ == "acl":  # "Trump issued a statement saying", "emailed supporters saying"
        return issuer(head, allowed) or sender(head, allowed)
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        head = head.head
    elif verb.dep_ not in CLIMB_DEPS or allowed(head):
        return None
    while not allowed(head) and head.head.i != head.i:
        head = head.head
    return _readable_subject(head, allowed) if allowed(head) else None


def interrupted_subject(verb: Token, allowed: Allowed) -> Token | None:
    """ "Stromberg, asked about the vote, said", "Clinton, exasperated, responded": the parser
    gives the name set off by a comma to the participle before the verb, not to the verb."""
    doc = verb.doc
    for clause in (c for c in verb.lefts if c.dep_ in ("advcl", "parataxis")):
        subject = next((c for c in clause.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or not any(t.text == "," for t in doc[subject.i + 1 : clause.i]):
            continue
        if all(allowed(t) for t in doc[subject.i : verb.i]):
            return subject
    return None


def appositive_subject(verb: Token, allowed: Allowed) -> Token | None:
    """'"...," Flynn, a top surrogate, said': the parser may hang the name on the quote before
    it; a name just before an appositive set off by commas before the verb is its subject."""
    doc, comma = verb.doc, verb.i - 1
    if comma < 2 or doc[comma].text != ",":
        return None
    for k in range(comma - 1, max(comma - _APPOSITIVE_TOKENS, 1), -1):
        word = doc[k]
        if not allowed(word) or word.text in SENTENCE_END or word.pos_ in ("VERB", "AUX"):
            return None
        if word.text == ",":
            name = doc[k - 1]
            named = name.pos_ == "PROPN" and name.ent_type_ not in TIME_ENTITIES and allowed(name)
            return phrase_head(name) if named and k < comma - 1 else None
    return None


def fragment_subject(verb: Token, allowed: Allowed) -> Token | None:
    """'... Lee said the report "wasn't good." Adding, "..."': a participle that opens its
    sentence with no subject of its own goes on with the subject of the sentence before."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i != verb.sent.start or verb.i == 0:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    root = doc[verb.i - 1].sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    person = subject is not None and (subject.pos_ in ("PROPN", "NOUN") or subject.lower_ in _PEOPLE)
    return subject if person and subject is not None and allowed(subject) else None


def issuer(noun: Token, allowed: Allowed) -> Token | None:
    """Who puts out a document: the subject of the verb whose object it is ("Trump issued a
    statement", "the campaign released a memo"; issuing_verbs.txt)."""
    verb = noun.head
    if noun.dep_ != "dobj" or noun.lemma_.lower() not in DOCUMENT_NOUNS or not allowed(noun):
        return None
    if verb.lemma_.lower() not in ISSUING_VERBS:
        return None
    return _readable_subject(verb, allowed)


def sender(noun: Token, allowed: Allowed) -> Token | None:
    """Who sends to the object of an issuing verb: "The senator emailed supporters saying"."""
    verb = noun.head
    if noun.dep_ not in ("dobj", "dative") or verb.lemma_.lower() not in ISSUING_VERBS or not allowed(noun):
        return None
    return _readable_subject(verb, allowed)


def _readable_subject(verb: Token, allowed: Allowed) -> Token | None:
    subject = verb_subject(verb)
    return subject if subject is not None and allowed(subject) else None
