"""Mentions: the token spans that name someone, and the words of a name.

A name is a run of capitalised proper nouns, joined across hyphens ("Hee-won"), name
particles ("Pieter van Dam"), possessive organisation names ("Nurses' Union") and an
institution word's "of" phrase ("Ministry of Health"). A speaker mention is that name,
or a noun phrase ("the director"), or a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from .lexicon import (
    CALENDAR_WORDS,
    NAME_PARTICLES,
    ORGANISATION_NAME_KIND,
    ORGANISATION_NAME_WORDS,
    REPORTING_VERBS,
)

PHRASE_DEPS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "case"})
_LEADING_ARTICLES = frozenset({"the", "a", "an"})
_APOSTROPHES = ("'", "’")
_POSSESSIVES = ("'s", "’s")
AMPERSANDS = frozenset({"&"})
_AGE_DEPS = frozenset({"npadvmod", "nummod"})  # "84-year-old", "two"
_JUNK_WORD = re.compile(r"\d|^[A-Z]{1,3}-[A-Z][a-z.]+$")


def is_name_token(token: Token) -> bool:
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG"))


def phrase_head(token: Token) -> Token:
    """The head noun of the phrase `token` modifies: "Smith" for "Ms", "director" for "the"."""
    while token.dep_ in PHRASE_DEPS and token.head.i > token.i:
        token = token.head
    return token


def joins(left: Token, right: Token) -> bool:
    """Whether two adjacent tokens belong to one name."""
    space = left.whitespace_
    if "\n" in space or left.is_space or right.is_space:
        return False
    before, after = left.text, right.text  # read once: each read makes a new string
    if not space and (before == "-" or after == "-"):
        return True  # Hee-won, Sae-rok: pieces glued by a hyphen
    if after in _APOSTROPHES and not space and before.endswith(("s", "S")):
        nxt = right.nbor(1) if right.i + 1 < len(right.doc) else None
        return nxt is not None and is_name_token(nxt)  # Nurses' Union
    if before in _APOSTROPHES and left.i > 0 and joins(left.nbor(-1), left):
        return is_name_token(right)
    if after in _POSSESSIVES and not space and is_name_token(left):
        return _institution_after(right)  # "St Fintan's University Hospital", not "Tesla's Elon Musk"
    if before in _POSSESSIVES and left.i > 0:
        return _institution_after(left) and is_name_token(right)
    if after == "and" or before == "and":  # "Riverton and District Health Unit"
        return _joins_by_and(right if after == "and" else left)
    if after in AMPERSANDS:  # "Calloway & Finch", "Marks & Spencer": a firm of partners
        nxt = right.nbor(1) if right.i + 1 < len(right.doc) else None
        return nxt is not None and _capitalised_name(left) and _capitalised_name(nxt)
    if before in AMPERSANDS and left.i > 0:
        return _capitalised_name(left.nbor(-1)) and _capitalised_name(right)
    return is_name_token(left) and is_name_token(right)  # both capitalised: is_name_token asks


def _joins_by_and(word: Token) -> bool:
    """ "Riverton and District Health Unit", "Manitoba Energy and Utilities Board",
    "Department of Water and Catchments": an organisation's name holds an "and" where the
    words around it belong to an institution word; "Ann Kim and Lee" stay two."""
    doc = word.doc
    if word.i == 0 or word.i + 1 >= len(doc) or not word.whitespace_:
        return False
    before, after = doc[word.i - 1], doc[word.i + 1]
    if not (_capitalised_name(before) and _capitalised_name(after)):
        return False
    longer = before.i > 0 and _capitalised_name(doc[before.i - 1])
    if longer and before.ent_type_ == "PERSON":  # "Ann Kim and Lee Council"
        return False
    for token in doc[max(0, before.i - 3) : before.i]:  # "Department of Water and ..."
        if token.text in ORGANISATION_NAME_WORDS and token.nbor(1).text == "of":
            return True
    for token in doc[after.i : after.i + 5]:  # "... and Utilities Board"
        if not _capitalised_name(token):
            return False
        if token.text in ORGANISATION_NAME_WORDS:
            # "SuryaNet Communications and VayuLink Telecom": two companies, each named whole
            return (
                not ORGANISATION_NAME_KIND.get(before.text)
                == "company"
                == ORGANISATION_NAME_KIND.get(token.text)
            )
    return False


def _capitalised_name(token: Token) -> bool:
    return token.text[:1].isupper() and token.text != "I" and (is_name_token(token) or token.pos_ == "NOUN")


def _institution_after(possessive: Token) -> bool:
    """Whether the capitalised words after a possessive "'s" end in an institution word."""
    for token in possessive.doc[possessive.i + 1 : possessive.i + 6]:
        if not (is_name_token(token) and token.text[:1].isupper()):
            return False
        if token.text in ORGANISATION_NAME_WORDS:
            return True
    return False


def name_span(token: Token) -> tuple[int, int]:
    """Token index range of the name around `token`: proper nouns, hyphen-joined pieces included."""
    doc = token.doc
    lo = hi = token.i
    while lo > 0 and joins(doc[lo - 1], doc[lo]):
        lo -= 1
    while lo > 0 and doc[lo - 1].text in NAME_PARTICLES:
        lo -= 1  # back over "van" in "(Pieter) van Dam"
        while lo > 0 and joins(doc[lo - 1], doc[lo]):
            lo -= 1
    while True:
        while hi + 1 < len(doc) and joins(doc[hi], doc[hi + 1]):
            hi += 1
        if hi + 1 < len(doc) and doc[hi].text == "Local" and doc[hi + 1].like_num:
            hi += 1  # a union's branch: "Amalgamated Transit Workers Local 1187"
        # "Pieter van Dam", "Ana de la Cruz": lower-case particles inside a name
        k = hi + 1
        while k < len(doc) and doc[k].lower_ in NAME_PARTICLES:
            k += 1
        if k > hi + 1 and k < len(doc) and is_name_token(doc[k]) and doc[k].text[:1].isupper():
            hi = k
            continue
        # "Kestrel Museum of Art", "Ministry of Health": an institution word takes its "of" phrase
        # ... and "Office of the Data Regulator": the "of" phrase may open with "the"; so does an
        # organisation the entity recogniser reads through its "of" ("Brotherhood of Locomotive Crews")
        link = 2 if hi + 2 < len(doc) and doc[hi + 2].lower_ == "the" else 1
        through = hi + 1 < len(doc) and doc[hi + 1].ent_type_ == "ORG" and doc[hi + 1].ent_iob_ == "I"
        if (
            hi + link + 1 < len(doc)
            and (doc[hi].text in ORGANISATION_NAME_WORDS or through)
            and doc[hi + 1].lower_ in ("of", "for")
            and is_name_token(doc[hi + link + 1])
        ):
            hi += link + 1
            continue
        return lo, hi + 1


def mention_span(head: Token) -> tuple[int, int]:
    """Character span of the speaker mention headed by `head`."""
    doc = head.doc
    glued = head.pos_ == "PROPN" and head.i > 0 and doc[head.i - 1].text == "-"  # the "won" of Hee-won
    if is_name_token(head) or glued:
        lo, hi = name_span(head)
        return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    if head.pos_ != "PRON":
        name = next((c for c in head.children if c.dep_ == "appos" and is_name_token(c)), None)
        if name is not None:
            return mention_span(name)
        left = [c for c in head.lefts if c.dep_ in PHRASE_DEPS or c.dep_ in _AGE_DEPS]
        start = min((c.left_edge.i for c in left), default=head.i)
        if start > 0 and doc[start - 1].pos_ == "DET" and doc[start - 1].head.i > head.i:
            start -= 1  # "the 84-year-old said": the parser hung the article on the verb
        return doc[start].idx, head.idx + len(head)
    return head.idx, head.idx + len(head)


# What may stand before a name or noun inside its noun phrase: "White House press secretary
# Josh Earnest", "the Rev. Peter Wherry", "Clinton's campaign manager Robby Mook", "former Gov."
_PREMODIFIER_DEPS = frozenset(
    {"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "punct"}
)
# A US politician's party tag, "(D-Mo.)", "(R)", ", R-Ky.": how the name is written in the news.
# Between commas a state of two words must end at the comma: not the "Her" of ", D-Mo. Her ...".
_PARTY_TAG = re.compile(
    r"[ \xa0]\((?:D|R|I)(?:-[A-Z][^()\n]{0,24})?\)"
    r"|,[ \xa0](?:D|R|I)-(?:[A-Z][a-z]+ [A-Z][a-z]+(?=,)|[A-Z][A-Za-z.]*)"
)
# The first character of the token after a name where _PARTY_TAG can match: keep them in step.
_PARTY_TAG_OPENS = ("(", "\xa0", ",")


def written_span(head: Token, mention: tuple[int, int] | None = None) -> tuple[int, int]:
    """Character span of the speaker mention as written at the quote: `mention_span` widened
    to its noun phrase, with the words before the name ("White House press secretary Josh
    Earnest", "the Times"), a name's "of" phrase ("Sen. Tom Carper of Delaware") and party tag
    ("Sen. Claire McCaskill (D-Mo.)"), a description's own phrases ("a spokesman for the
    council", as `description_span`). What the writer sets off by a comma (an apposition, a
    relative clause, an age) adds to the phrase but is not it, so it stays out. `mention`:
    `mention_span(head)`, where the caller has it already."""
    start, end = mention if mention is not None else mention_span(head)
    doc = head.doc
    span = doc.char_span(start, end)
    if head.pos_ == "PRON" or span is None:
        return start, end
    lo, hi = span.start, span.end
    phrase = {*range(lo, hi), head.i}  # with the noun a name stands beside: "campaign manager Robby Mook"
    k = lo
    while k > 0 and _premodifies(doc[k - 1], phrase):
        k -= 1
    while 0 < k < lo and not (doc[k - 1].whitespace_ or doc[k - 1].is_space):
        k += 1  # never from inside a word: not "-elect Trump"
    start = doc[k].idx
    if head.i in range(lo, hi) and not is_name_token(doc[hi - 1]):
        d_start, d_end = _described(head)
        return min(start, d_start), max(end, d_end)
    if not is_name_token(doc[hi - 1]):
        return start, end
    # a few tokens' text, not doc.text, which joins the whole Doc on every call; none where no
    # tag can start
    base = doc[hi - 1].idx
    opens = hi < len(doc) and doc[hi].text[:1] in _PARTY_TAG_OPENS
    tag = _PARTY_TAG.match(doc[hi - 1 : hi + 8].text, end - base) if opens else None
    if tag is not None:  # ", R-S.C." ending a sentence: the full stop is not its
        for tag_end in (base + tag.end(), base + tag.end() - 1):
            if doc.char_span(start, tag_end) is not None:
                return start, tag_end
    if hi < len(doc) and doc[hi].lower_ == "of" and doc[hi].dep_ == "prep" and doc[hi].head.i in phrase:
        objects = [c for c in doc[hi].children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if objects:
            stop = next((t.i for t in doc[hi : objects[0].right_edge.i + 1] if _breaks(t)), None)
            last = doc[stop - 1] if stop is not None else objects[0].right_edge
            if last.i > hi:
                end = last.idx + len(last)
    return start, end


def _described(head: Token) -> tuple[int, int]:
    """`description_span`, without an end that dangles."""
    doc = head.doc
    start, end = description_span(head)
    last = head.i
    while last + 1 < len(doc) and doc[last + 1].idx < end:
        last += 1
    while last > head.i and _dangles(doc[last], last):
        last -= 1
    return start, doc[last].idx + len(doc[last])


def _dangles(token: Token, last: int) -> bool:
    """Whether the phrase may not end on `token`: a preposition without its object ("a report
    by"), a participle cut from its adjunct ("figures released" of "released on Friday")."""
    if token.dep_ in _TRAILING_DEPS or token.is_space:
        return True
    cut = any(c.i > last for c in token.rights)
    kept = any(c.i <= last for c in token.rights)
    return not kept and (token.dep_ in ("prep", "agent") or (cut and token.dep_ == "acl"))


def _premodifies(token: Token, phrase: set[int]) -> bool:
    """Whether `token` modifies the phrase from before it, through modifiers of modifiers."""
    if _breaks(token) or "\n" in token.whitespace_:
        return False
    while token.i not in phrase:
        if token.dep_ not in _PREMODIFIER_DEPS or token.head.i == token.i:
            return False  # the "'s" of "Clinton's campaign manager" hangs on the word before it
        token = token.head
    return True


def name_parts(tokens: Sequence[Token]) -> tuple[str, ...]:
    """Name words, re-joining hyphenated pieces: Kim / Hee / - / won -> ("Kim", "Hee-won").

    A leading hyphen piece ("-General" of a split title) has nothing to join to and is dropped.
    """
    words: list[str] = []
    glue = False
    for token in tokens:
        text = token.text
        joined = text in _APOSTROPHES and token.i > 0 and not token.nbor(-1).whitespace_
        if text in _POSSESSIVES and words and token.i + 1 < len(token.doc) and token.nbor(1) in tokens:
            words[-1] += text  # "Fintan's" inside "St Fintan's University Hospital"
        elif text == "-" or glue or joined:
            if words:
                words[-1] += text  # Hee-won; Nurses' Union
            elif text != "-":
                words.append(text)  # nothing before it to join: a word of its own
        elif text not in ("(", ")", ",", "'s", "’s"):
            words.append(text)
        glue = text == "-"
    while words and words[0].lower() in _LEADING_ARTICLES:
        words = words[1:]
    # never in a name: numbers ("Okafor 6-2", but "Workers Local 1187"), party tags ("R-Ohio Bell")
    local = [n > 0 and words[n - 1] == "Local" and w.isdigit() for n, w in enumerate(words)]
    named = (w in AMPERSANDS or (w and w[0].isalnum() and not _JUNK_WORD.search(w)) for w in words)
    return tuple(w for w, a, b in zip(words, local, named, strict=True) if a or b)


# What a description keeps around its noun: "the fishing village's elders", "a senior health
# ministry official", "a spokesperson for the council", "workers leaving the afternoon shift".
_DESCRIPTION_LEFT = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "advmod", "case"}
)
_DESCRIPTION_RIGHT = frozenset({"prep", "acl", "relcl", "amod", "compound", "nummod"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # "on Sunday", "last week": when, never who
_WHEN = frozenset({"on", "during", "at", "since", "until"})
_TRAILING_DEPS = frozenset({"cc", "punct", "case"})


def _reports(child: Token) -> bool:
    """A relative clause that reports ("officials who said the plan failed") holds the
    quote, not the source."""
    return child.dep_ == "relcl" and any(t.lemma_ in REPORTING_VERBS or t.is_quote for t in child.subtree)


def _breaks(token: Token) -> bool:
    """A comma, bracket, dash or line break ends a description; the "&" of a firm's name and
    a word's hyphen do not."""
    if token.text == "-" and not token.whitespace_ and token.i > 0 and not token.nbor(-1).whitespace_:
        return False  # "the Maplewood Drop-In Centre": a hyphen inside a word
    return (token.is_punct and token.text not in AMPERSANDS) or token.is_space


def _says_when(token: Token) -> bool:
    """A time adjunct ("on Sunday", "during the night", "published Wednesday") tells when, not who."""
    if token.dep_ == "acl":
        return any(c.dep_ == "npadvmod" and c.ent_type_ in TIME_ENTITIES for c in token.children)
    if token.dep_ != "prep":
        return False
    objects = [t for t in token.children if t.dep_ == "pobj"]
    return any(
        o.lower_ in CALENDAR_WORDS or (o.ent_type_ in TIME_ENTITIES and token.lower_ in _WHEN)
        for o in objects
    )


def description_span(head: Token) -> tuple[int, int]:
    """Character span of the noun phrase that describes an unnamed source, with its
    prepositional phrases and relative clause ("two aid workers who travelled with the
    convoy"), up to a comma, a time adjunct or a coordination."""
    doc = head.doc
    lo = min((c.left_edge.i for c in head.lefts if c.dep_ in _DESCRIPTION_LEFT), default=head.i)
    hi = head.i
    for child in head.rights:
        if child.dep_ not in _DESCRIPTION_RIGHT or _reports(child):
            break
        edge = child.right_edge.i
        ends = (t.i for t in doc[head.i + 1 : edge + 1] if _breaks(t) or _says_when(t))
        stop = next(ends, None)
        if stop is not None:
            hi = max(hi, stop - 1)
            break
        hi = edge
    while hi > head.i and (doc[hi].dep_ in _TRAILING_DEPS or doc[hi].is_space):
        hi -= 1  # "the former secretary of state and": the coordination is not part of it
    return doc[lo].idx, doc[hi].idx + len(doc[hi])
