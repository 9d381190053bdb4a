"""A very long article (over CHUNK_CHARS, or the model's `max_length` if that is smaller):
parsed in paragraph-aligned chunks, read as one.

Only the parse is chunked. Every pipe but the quote finder runs chunk by chunk (spaCy refuses
more than `max_length` characters, and the parser's working memory grows with the text it is
given: a 500,000-character article parsed whole peaked at 2.2 GB). `Doc.from_docs` then joins
the chunks into one Doc whose text is the whole clean text, so offsets run on continuously, and
the quote finder runs once over that Doc. So the article has one name registry, and a pronoun,
a surname or a continuation paragraph resolves across a chunk boundary exactly as within a
chunk. Chunks end at paragraph breaks, which `quotegrab_paragraphs` makes sentence ends anyway,
so the parser loses little at a boundary (a paragraph longer than a chunk is cut at a sentence
end, else at a space).

Memory: one chunk in the parser at a time (each chunk's tensor is dropped as it comes out),
plus the joined Doc and the quote finder's structures over it, which grow with the article.
Measured peak over the model (benchmarks/big_article.py, 1 worker): 0.47 GB at 250,000
characters, 0.74 GB at 1 million, 1.39 GB at 2 million; that is about 0.45 GB for the parse of
one chunk, bounded by CHUNK_CHARS, plus 0.65 GB per million characters, linear in the article,
whose file is capped by `--max-bytes`. Time grows faster than the article (the quote finder's
name matching scans the article's names for each mention): about 6 to 7 minutes per million
characters at 1 to 2 million.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from . import greedy
from .blas import one_thread
from .component import QuoteFinder

# A parse of this many characters needs a few hundred MB at most (spaCy: ~1 GB per 100,000
# characters is the parser's worst case); more per chunk buys nothing.
CHUNK_CHARS = 100_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s")


def chunk_size(nlp: Language) -> int:
    return min(CHUNK_CHARS, nlp.max_length)


def too_long(nlp: Language, text: str) -> bool:
    """Whether `text` is parsed in chunks (so cannot go through `nlp.pipe` with the others)."""
    return len(text) > chunk_size(nlp)


def parse(nlp: Language, text: str) -> Doc:
    """`nlp(text)`, for any length: over the chunk size, in chunks joined into one Doc; numpy's
    BLAS on one thread, as in a batch (blas.py)."""
    with one_thread():
        return _parse(nlp, text)


def _parse(nlp: Language, text: str) -> Doc:
    if not too_long(nlp, text):
        return next(greedy.pipe(nlp, [(text, None)], batch_size=1))[0]
    finders = [name for name, pipe in nlp.pipeline if isinstance(pipe, QuoteFinder)]
    pieces = ((chunk, None) for chunk in paragraph_chunks(text, chunk_size(nlp)))
    docs = [_lean(doc) for doc, _ in greedy.pipe(nlp, pieces, batch_size=1, disable=finders)]
    # spaCy's type stubs lack `exclude`, which Doc.from_docs has had since 3.2
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data", "spans"])  # type: ignore[call-arg]
    for name in finders:
        doc = nlp.get_pipe(name)(doc)
    return doc


def _lean(doc: Doc) -> Doc:
    doc.tensor = numpy.zeros((0,), dtype="float32")  # 96 floats a token that nothing reads later
    return doc


def paragraph_chunks(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of `text`, each at most `size` characters, that join back to `text`;
    each ends after a paragraph break where there is one, else after a sentence end or a space."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = window.rfind("\n\n")
        if cut > 0:
            cut += 2
        else:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends else window.rfind(" ") + 1 or size
        yield text[start : start + cut]
        start += cut
    yield text[start:]
