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

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from . import greedy
from .blas import faster_arithmetic, one_thread
from .context import Parsed
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
from .guess import Guesser
from .models import pipeline_verb_tables
from .signals import SpeechSignals

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


def piece(doc: Doc, p: Plan) -> Doc:
    """The short Doc the parser sees: the kept tokens, one sentence start per paragraph."""
    words = [doc[i].text for i in p.kept]
    after = [*p.kept[1:], -1][: len(p.kept)]  # nothing after the last kept token
    spaces = [bool(doc[i].whitespace_) or j != i + 1 for i, j in zip(p.kept, after, strict=True)]
    sent_starts: list[bool | None] = [True if s else None for s in p.starts]
    return Doc(doc.vocab, words=words, spaces=spaces, sent_starts=sent_starts)  # type: ignore[arg-type]


class FastAnnotator:
    """Annotates tokenizer-only Docs selectively with a pipeline's own parsing pipes."""

    def __init__(self, nlp: Language, signals: SpeechSignals) -> None:
        names = [n for n in PARSE_PIPES if n in nlp.component_names]
        names = [n for n in names if n not in {_STANDS_IN[t] for t in names if t in _STANDS_IN}]
        self.pipes = [nlp.get_pipe(n) for n in names]
        faster_arithmetic(self.pipes)  # for a pipeline that load_pipeline did not load
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
        with one_thread():
            for proc in self.pipes:
                if greedy.applies(proc):
                    pieces = greedy.parse(proc, pieces)
                elif hasattr(proc, "pipe"):
                    pieces = list(proc.pipe(pieces, batch_size=PARSE_BATCH))
                else:
                    pieces = [proc(d) for d in pieces]
        for i, short in zip(todo, pieces, strict=True):
            self._copy(docs[i], short, plans[i])
        parsed = {
            i: Parsed(short, plans[i].kept, plans[i].quotes, plans[i].text)
            for i, short in zip(todo, pieces, strict=True)
        }
        return [parsed.get(i) for i in range(len(docs))]

    def _copy(self, doc: Doc, short: Doc, p: Plan) -> None:
        """The short Doc's parse over the guessed rows at the kept tokens; cut quote middles
        and spaces hang on the kept token before them."""
        rows, heads = self.guesser.fill(doc)
        if p.kept:
            kept = numpy.asarray(p.kept, dtype="int64")
            parsed = short.to_array(_ATTRS)
            if self.guesser.names_for_nouns(parsed, rows[kept], doc.to_array(ORTH)[kept]):
                short.from_array(_ATTRS[:4], parsed[:, :4])  # type: ignore[arg-type]  # the patterns read it
            relative = parsed[:, 5].astype("int64")
            heads[kept] = kept[numpy.arange(len(kept)) + relative]
            rows[kept, :5] = parsed[:, :5]
            for i, parent in p.hung:
                heads[i] = parent
                rows[i, 4] = self.guesser.dep
        rows[:, 5] = (heads - numpy.arange(len(doc), dtype="int64")).astype("uint64")
        doc.from_array(_ATTRS, rows)  # type: ignore[arg-type]  # numpy array, typed loosely
