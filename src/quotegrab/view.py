"""An article as a self-contained HTML page: quotes highlighted by kind and labelled with
their speaker, speaker mentions and cues marked too. Rendered by displaCy's span style."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from spacy import displacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .types import Quote

SPANS_KEY = "view"
COLORS = {
    "direct": "#ffd166",
    "nested": "#f4a261",
    "indirect": "#8ecae6",
    "speaker": "#95d5b2",
    "cue": "#cdb4db",
}
_STYLE = """
<style>
  body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem; font-family: Georgia, serif; }
  .spans { margin-bottom: 1.2rem; }
  .spans span[style*="z-index: 10"] { white-space: nowrap; }  /* displaCy's labels: one line */
  p.plain { line-height: 1.7; margin: 0 0 1.2rem; }
  h1 { font-family: system-ui, sans-serif; font-size: 1.3rem; }
  .legend span { display: inline-block; padding: 0 .5rem; margin-right: .4rem; border-radius: 3px;
                 font-family: system-ui, sans-serif; font-size: .8rem; }
</style>
"""


def _label(quote: Quote) -> str:
    # displaCy escapes the text but not span labels, and a speaker is article text
    return html.escape(f"{quote.kind}: {quote.speaker or 'unknown'}")


def quote_marks(quotes: Sequence[Quote]) -> list[tuple[int, int, str]]:
    """(start, end, label) of everything to mark: quotes, speaker mentions and cues, in raw offsets."""
    found: list[tuple[int, int, str]] = []
    for quote in quotes:
        found.append((quote.start, quote.end, _label(quote)))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            found.append((quote.speaker_start, quote.speaker_end, "speaker"))
        if quote.cue_start is not None and quote.cue_end is not None:
            found.append((quote.cue_start, quote.cue_end, "cue"))
    return sorted(set(found))


def _paragraph_doc(vocab: Vocab, raw: str, start: int, end: int, cuts: set[int]) -> Doc:
    """A Doc of one paragraph whose tokens are whole words, cut only where a mark begins or ends,
    so that the page reads as the article and not as a list of tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    for match in re.finditer(r"\S+", raw[start:end]):
        s, e = start + match.start(), start + match.end()
        inner = sorted(c for c in cuts if s < c < e)
        for a, b in zip([s, *inner], [*inner, e], strict=True):
            words.append(raw[a:b])
            spaces.append(b == e and e < end and raw[e].isspace())
    return Doc(vocab, words=words, spaces=spaces)


def render_html(raw: str, quotes: Sequence[Quote], title: str = "quotegrab") -> str:
    """A standalone HTML page of `raw`, paragraph by paragraph, its quotes (raw offsets) highlighted."""
    marks = quote_marks(quotes)
    cuts = {b for s, e, _ in marks for b in (s, e)}
    colors = {label: COLORS.get(label.split(":")[0], "#ddd") for _, _, label in marks}
    vocab = Vocab()
    blocks = []
    for para in re.finditer(r"[^\n]+", raw):
        if not para.group().strip():
            continue
        doc = _paragraph_doc(vocab, raw, para.start(), para.end(), cuts)
        spans = []
        for s, e, label in marks:
            if s < para.end() and e > para.start():  # a multi-paragraph quote is marked in each paragraph
                span = doc.char_span(
                    max(s, para.start()) - para.start(),
                    min(e, para.end()) - para.start(),
                    label,
                    alignment_mode="expand",
                )
                if span is not None:
                    spans.append(span)
        if not spans:
            blocks.append(f"<p class='plain'>{html.escape(para.group())}</p>")
            continue
        doc.spans[SPANS_KEY] = spans
        blocks.append(displacy.render(doc, style="span", options={"spans_key": SPANS_KEY, "colors": colors}))
    legend = "".join(
        f'<span style="background:{html.escape(COLORS[k])}">{html.escape(k)}</span>'
        for k in ("direct", "nested", "indirect", "speaker", "cue")
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>{_STYLE}</head><body>"
        f"<h1>{html.escape(title)}: {len(quotes)} quotes</h1><p class='legend'>{legend}</p>"
        + "\n".join(blocks)
        + "</body></html>\n"
    )
