"""The guessed annotations of fast mode for the tokens it does not parse.

Capitalised words are proper nouns (the resolver's name finder reads them), punctuation,
numbers and pronouns go by their form, and each sentence is one flat tree. A name that
opens a sentence is its subject, as the parser would mostly read it. A word's kind depends
on its text alone (and on whether it opens a sentence), so it is read once per word type.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from .lexicon import SENTENCE_END
from .titles import title_of

# Rows in the order of fast.ATTRS: TAG, POS, MORPH, LEMMA, DEP, HEAD
_COLUMNS = 6
_PRONOUNS = frozenset("i you he she it we they me him her us them".split())
_TAGS = {"PROPN": "NNP", "PUNCT": ".", "NUM": "CD", "PRON": "PRP", "SPACE": "_SP", "X": "XX"}


class Guesser:
    """Cheap annotations for the tokens that are not parsed."""

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.common = frozenset(nlp.Defaults.stop_words) | _lemma_words(nlp)
        self.tag = {pos: strings.add(tag) for pos, tag in _TAGS.items()}
        self.pos = {pos: POS_IDS[pos] for pos in _TAGS}
        self.dep, self.root = strings.add("dep"), strings.add("ROOT")
        self.nsubj, self.compound = strings.add("nsubj"), strings.add("compound")
        self.morph = nlp.vocab.morphology.add({})
        self.nns, self.nnps = strings.add("NNS"), strings.add("NNPS")
        self.pos["NOUN"] = POS_IDS["NOUN"]
        self.proper = nlp.vocab.morphology.add("NounType=Prop|Number=Sing")
        self.proper_plural = nlp.vocab.morphology.add("NounType=Prop|Number=Plur")
        self.words: dict[int, _Word] = {}

    def kind(self, token: Token | Lexeme, sentence_start: bool) -> str:
        if token.is_space:
            return "SPACE"
        if token.is_punct:
            return "PUNCT"
        if token.like_num:
            return "NUM"
        if token.lower_ in _PRONOUNS:
            return "PRON"
        capital = token.text[:1].isupper() and token.is_alpha
        if capital and not (sentence_start and self.is_common(token.lower_)):
            return "PROPN"
        return "X"

    def is_common(self, word: str) -> bool:
        """A common English word, or its plural ("officials", "agencies")."""
        common = self.common
        return (
            word in common
            or (word[-1:] == "s" and word[:-1] in common)
            or (word[-3:] == "ies" and word[:-3] + "y" in common)
        )

    def fill(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Guessed rows for every token and absolute heads: flat trees, each sentence hung
        on its first word."""
        orths: list[int] = doc.to_array(ORTH).tolist()
        kinds: list[str] = []
        heads: list[int] = []
        deps: list[int] = []
        root: int | None = None
        sentence_start = True
        names: set[int] = set()  # words read as names where no sentence starts
        doubtful: list[tuple[int, _Word]] = []  # capitalised common words opening a sentence
        for i, orth in enumerate(orths):
            word = self.words.get(orth) or self._word(doc, orth)
            space, punct = word.space, word.punct
            if sentence_start and not space and not punct:
                root = None
            kinds.append(word.kind_at_start if sentence_start else word.kind)
            if word.kind == "PROPN":
                if not sentence_start:
                    names.add(orth)
                elif word.kind_at_start != "PROPN":
                    doubtful.append((i, word))
            if root is None and not space:
                root = i
            if space and i > 0:  # as the parser does: whitespace hangs on the word before
                heads.append(i - 1)
                deps.append(self.dep)
            elif root is None or root == i:
                heads.append(i)
                deps.append(self.root)
            else:
                heads.append(root)
                deps.append(self.dep)
            if word.newline:
                sentence_start = True
            elif not space:
                # an opening mark or bracket keeps the sentence start for the word after it
                sentence_start = word.ends or (sentence_start and punct)
        for (
            i,
            word,
        ) in doubtful:  # "Faith Chepkemoi won" where "Faith" is a name elsewhere; "Father Miguel Santos"
            if orths[i] in names or (word.title and i + 1 < len(kinds) and kinds[i + 1] == "PROPN"):
                kinds[i] = "PROPN"
        self._name_subjects(orths, kinds, heads, deps)
        rows = numpy.zeros((len(orths), _COLUMNS), dtype="uint64")
        if orths:
            rows[:, 0] = [self.tag[k] for k in kinds]
            rows[:, 1] = [self.pos[k] for k in kinds]
            rows[:, 2] = self.morph
            rows[:, 3] = doc.to_array(LOWER)
            rows[:, 4] = deps
        return rows, numpy.asarray(heads, dtype="int64")

    def _name_subjects(self, orths: list[int], kinds: list[str], heads: list[int], deps: list[int]) -> None:
        """A name that opens a sentence is its subject ("Tamberlin, who fronted the media, made
        no attempt ..."), as the parser would mostly read it: the word after the name becomes
        the sentence's root, and the name hangs on it (a possessive "Tamberlin's" is no subject)."""
        roots = [i for i, h in enumerate(heads) if h == i]
        for k, root in enumerate(roots):
            end = roots[k + 1] if k + 1 < len(roots) else len(heads)
            last = root
            while last + 1 < end and kinds[last + 1] == "PROPN":
                last += 1
            after = last + 1
            if kinds[root] != "PROPN" or after >= end:
                continue
            word = self.words[orths[after]]
            if word.possessive or word.space:  # a name alone on its line is no sentence's subject
                continue
            for j in range(root, end):
                if heads[j] == root:
                    heads[j] = after
            heads[after], deps[after] = after, self.root
            for j in range(root, last):
                heads[j], deps[j] = last, self.compound
            deps[last] = self.nsubj

    def names_for_nouns(self, parsed: numpy.ndarray, guessed: numpy.ndarray, orths: numpy.ndarray) -> bool:
        """A capitalised word that is no common word, read as a common noun in its short context
        ('Santos said: "..."'), is a proper noun, as the full sentence would have shown the
        tagger; in place, on rows in _ATTRS order. Whether any was changed."""
        nouns = (parsed[:, 1] == self.pos["NOUN"]) & (guessed[:, 1] == self.pos["PROPN"])
        if not nouns.any():
            return False
        plural = nouns & (parsed[:, 0] == self.nns)
        parsed[nouns, 0] = self.tag["PROPN"]
        parsed[plural, 0] = self.nnps
        parsed[nouns, 1] = self.pos["PROPN"]
        parsed[nouns, 2] = self.proper
        parsed[plural, 2] = self.proper_plural
        parsed[nouns, 3] = orths[nouns]  # a proper noun's lemma is the word as written
        return True

    def _word(self, doc: Doc, orth: int) -> _Word:
        """What the guess reads of a word type, once per type: a token's kind and the sentence
        logic depend on its text alone (and on whether it opens a sentence)."""
        lex = doc.vocab[orth]
        word = _Word(
            self.kind(lex, True),
            self.kind(lex, False),
            lex.is_space,
            lex.is_punct,
            lex.is_space and "\n" in lex.text,
            lex.text in SENTENCE_END,
            title_of(lex.text) is not None,
            lex.lower_ in ("'s", "’s"),
        )
        self.words[orth] = word
        return word


@dataclass(frozen=True, slots=True)
class _Word:
    kind_at_start: str
    kind: str
    space: bool
    punct: bool
    newline: bool
    ends: bool
    title: bool
    possessive: bool


def _lemma_words(nlp: Language) -> frozenset[str]:
    """Common English words, from the lemmatizer's tables: a capitalised one opening a
    sentence is no name ("Officials", "However")."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)
