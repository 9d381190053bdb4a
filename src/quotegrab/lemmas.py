"""The pipeline's rule lemmatizer, looked up once per word, part of speech and morphology.

spaCy's rule lemmatizer already caches its answer per (word, part of speech, morphology), but asks the
cache token by token from Python, which costs about a twelfth of the whole pipeline. This
wrapper reads every token's word and part of speech as one array, looks each pair up in its
own table (filled from the lemmatizer itself on a miss, so the answers are the lemmatizer's)
and writes the lemmas back as one array.
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc


class LemmaTable:
    """Sets lemmas as the wrapped rule lemmatizer would, from a table of its answers."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self.table: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def applies(lemmatizer: Any) -> bool:
        """Only a rule lemmatizer answers by word, part of speech and morphology alone."""
        return getattr(lemmatizer, "mode", None) == "rule"

    def __call__(self, doc: Doc) -> Doc:
        keys: Any = doc.to_array([ORTH, POS, MORPH, LEMMA]).view("int64")  # int64: no big ints
        lemmas: Any = keys[:, 3].copy()
        strings = doc.vocab.strings
        overwrite = getattr(self.lemmatizer, "overwrite", False)
        for i, (orth, pos, morph, lemma) in enumerate(keys.tolist()):
            if lemma and not overwrite:
                continue  # set by the attribute ruler: the lemmatizer keeps it too
            found = self.table.get((orth, pos, morph))
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                found = self.table[(orth, pos, morph)] = int(numpy.uint64(found).view("int64"))
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.view("uint64").reshape(-1, 1))
        return doc


@Language.factory("quotegrab_lemmas", assigns=["token.lemma"])
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    """The pipeline's `lemmatizer` as a table (disable that lemmatizer beside it)."""
    return LemmaTable(nlp.get_pipe("lemmatizer"))
