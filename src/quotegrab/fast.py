"""Fast mode: tokenize everything, parse only where a quote or its attribution can be.

The pipeline's own tok2vec, tagger, parser, attribute ruler and lemmatizer run over one
short Doc per article, built from what can hold a quote or its frame (fastplan.py).
The parse is then copied into the article's full tokenized Doc, so every later stage
(pairing, patterns, names, resolver) is the same code as in the default mode. Tokens left
unparsed get a cheap guess: capitalised words as proper nouns (the name finder of the
resolver reads them), punctuation, numbers and pronouns by their form, one flat tree per
sentence. NER does not run: names come from the proper nouns alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lexeme import Lexeme
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc, Token

from .context import Parsed
from .embedcache import cache_pipes
from .fastplan import (
    FRAGMENT_HEAD,
    FRAGMENT_TAIL,
    KEEP_HEAD,
    KEEP_TAIL,
    LONG_FRAGMENT,
    LONG_QUOTE,
    Plan,
    finite_forms,
    paragraph_ranges,
    plan,
)
from .models import pipeline_verb_tables
from .quotes import SpeechSignals

__all__ = [
    "FRAGMENT_HEAD",
    "FRAGMENT_TAIL",
    "KEEP_HEAD",
    "KEEP_TAIL",
    "LONG_FRAGMENT",
    "LONG_QUOTE",
    "FastAnnotator",
    "Guesser",
    "paragraph_ranges",
    "plan",
]

# The pipes fast mode runs itself, over the short Docs, in pipeline order; the attribute
# ruler's table form (ruler.py) stands in for the ruler where a pipeline has it.
PARSE_PIPES = (
    "tok2vec",
    "tagger",
    "parser",
    "attribute_ruler",
    "quotegrab_attributes",
    "lemmatizer",
    "quotegrab_lemmas",
)
_STANDS_IN = {"quotegrab_attributes": "attribute_ruler", "quotegrab_lemmas": "lemmatizer"}
# The pipes a fast pipeline disables: fast mode does their work, selectively.
UPSTREAM_PIPES = (*PARSE_PIPES, "ner", "senter", "morphologizer", "quotegrab_paragraphs")
# Short Docs per batch of the neural pipes: on real-length articles 32 ran tok2vec, tagger and
# parser about 10% faster than 64 or 128 (the pipes' default), and no slower on short ones.
PARSE_BATCH = 32
_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
_SENTENCE_END = frozenset(".!?")
_PRONOUNS = frozenset("i you he she it we they me him her us them".split())
_TAGS = {"PROPN": "NNP", "PUNCT": ".", "NUM": "CD", "PRON": "PRP", "SPACE": "_SP", "X": "XX"}


def piece(doc: Doc, p: Plan) -> Doc:
    """The short Doc the parser sees: the kept tokens, one sentence start per paragraph."""
    words = [doc[i].text for i in p.kept]
    after = [*p.kept[1:], -1][: len(p.kept)]  # nothing after the last kept token
    spaces = [bool(doc[i].whitespace_) or j != i + 1 for i, j in zip(p.kept, after, strict=True)]
    sent_starts: list[bool | None] = [True if s else None for s in p.starts]
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=sent_starts)  # type: ignore[arg-type]


class Guesser:
    """Cheap annotations for the tokens that are not parsed."""

    def __init__(self, nlp: Language) -> None:
        strings = nlp.vocab.strings
        self.common = frozenset(nlp.Defaults.stop_words) | _lemma_words(nlp)
        self.tag = {pos: strings.add(tag) for pos, tag in _TAGS.items()}
        self.pos = {pos: POS_IDS[pos] for pos in _TAGS}
        self.dep, self.root = strings.add("dep"), strings.add("ROOT")
        self.morph = nlp.vocab.morphology.add({})
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
        for i, orth in enumerate(orths):
            word = self.words.get(orth) or self._word(doc, orth)
            space, punct = word.space, word.punct
            if sentence_start and not space and not punct:
                root = None
            kinds.append(word.kind_at_start if sentence_start else word.kind)
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
        rows = numpy.zeros((len(orths), len(_ATTRS)), dtype="uint64")
        if orths:
            rows[:, 0] = [self.tag[k] for k in kinds]
            rows[:, 1] = [self.pos[k] for k in kinds]
            rows[:, 2] = self.morph
            rows[:, 3] = doc.to_array(LOWER)
            rows[:, 4] = deps
        return rows, numpy.asarray(heads, dtype="int64")

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
            lex.text in _SENTENCE_END,
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


def _lemma_words(nlp: Language) -> frozenset[str]:
    """Common English words, from the lemmatizer's tables: a capitalised one opening a
    sentence is no name ("Officials", "However")."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for words in lookups.get_table("lemma_index").values() for w in words)


class FastAnnotator:
    """Annotates tokenizer-only Docs selectively with a pipeline's own parsing pipes."""

    def __init__(self, nlp: Language, signals: SpeechSignals) -> None:
        names = [n for n in PARSE_PIPES if n in nlp.component_names]
        names = [n for n in names if n not in {_STANDS_IN[t] for t in names if t in _STANDS_IN}]
        self.pipes = [nlp.get_pipe(n) for n in names]
        cache_pipes(self.pipes)  # for a pipeline that load_pipeline did not load
        if "parser" not in nlp.component_names:
            raise ValueError("fast mode needs a pipeline with a dependency parser")
        self.signals = signals
        self.guesser = Guesser(nlp)
        self.finite = finite_forms(pipeline_verb_tables(nlp))

    def __call__(self, docs: Sequence[Doc]) -> list[Parsed | None]:
        """Annotate `docs` in place; per Doc, what was parsed (None for a Doc that came
        parsed already, which is left as it is)."""
        todo = [i for i, d in enumerate(docs) if not d.has_annotation("DEP")]
        plans = {i: plan(docs[i], self.signals, self.finite) for i in todo}
        pieces = [piece(docs[i], plans[i]) for i in todo]
        for proc in self.pipes:
            pieces = (
                list(proc.pipe(pieces, batch_size=PARSE_BATCH))
                if hasattr(proc, "pipe")
                else [proc(d) for d in pieces]
            )
        for i, short in zip(todo, pieces, strict=True):
            self._copy(docs[i], short, plans[i])
        parsed = {
            i: Parsed(short, plans[i].kept, plans[i].quotes) for i, short in zip(todo, pieces, strict=True)
        }
        return [parsed.get(i) for i in range(len(docs))]

    def _copy(self, doc: Doc, short: Doc, p: Plan) -> None:
        """The short Doc's parse over the guessed rows at the kept tokens; cut quote middles
        and spaces hang on the kept token before them."""
        rows, heads = self.guesser.fill(doc)
        if p.kept:
            kept = numpy.asarray(p.kept, dtype="int64")
            parsed = short.to_array(_ATTRS)
            relative = parsed[:, 5].astype("int64")
            heads[kept] = kept[numpy.arange(len(kept)) + relative]
            rows[kept, :5] = parsed[:, :5]
            for i, parent in p.hung:
                heads[i] = parent
                rows[i, 4] = self.guesser.dep
        rows[:, 5] = (heads - numpy.arange(len(doc), dtype="int64")).astype("uint64")
        doc.from_array(_ATTRS, rows)  # type: ignore[arg-type]  # numpy array, typed loosely
