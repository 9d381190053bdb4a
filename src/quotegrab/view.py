"""An article as a self-contained HTML page: quotes highlighted by kind and labelled with
their speaker, speaker mentions and cues marked too. Rendered by displaCy's span style."""

from __future__ import annotations

import html
from collections.abc import Sequence

import spacy
from spacy import displacy
from spacy.tokens import Span

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
  body { max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
         font-family: Georgia, serif; line-height: 1.6; }
  h1 { font-family: system-ui, sans-serif; font-size: 1.3rem; }
  .legend span { display: inline-block; padding: 0 .5rem; margin-right: .4rem; border-radius: 3px;
                 font-family: system-ui, sans-serif; font-size: .8rem; }
</style>
"""


def _label(quote: Quote) -> str:
    return f"{quote.kind}: {quote.speaker or 'unknown'}"


def render_html(raw: str, quotes: Sequence[Quote], title: str = "quotegrab") -> str:
    """A standalone HTML page of `raw` with its quotes (offsets into `raw`) highlighted."""
    doc = spacy.blank("en").make_doc(raw)
    spans: list[Span] = []
    labels: dict[str, str] = {}
    for quote in quotes:
        label = _label(quote)
        labels[label] = COLORS.get(quote.kind, "#ddd")
        span = doc.char_span(quote.start, quote.end, label=label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
        if quote.speaker_start is not None and quote.speaker_end is not None:
            mention = doc.char_span(
                quote.speaker_start, quote.speaker_end, label="speaker", alignment_mode="expand"
            )
            if mention is not None:
                spans.append(mention)
        if quote.cue and quote.speaker_start is not None:
            spans.extend(_cue_spans(doc, raw, quote))
    doc.spans[SPANS_KEY] = _unique(spans)
    colors = {**labels, "speaker": COLORS["speaker"], "cue": COLORS["cue"]}
    body = displacy.render(doc, style="span", options={"spans_key": SPANS_KEY, "colors": colors}, page=False)
    legend = "".join(
        f'<span style="background:{COLORS[k]}">{k}</span>'
        for k in ("direct", "nested", "indirect", "speaker", "cue")
    )
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>{_STYLE}</head><body>"
        f"<h1>{html.escape(title)}: {len(quotes)} quotes</h1><p class='legend'>{legend}</p>"
        f"{body}</body></html>\n"
    )


def _cue_spans(doc: spacy.tokens.Doc, raw: str, quote: Quote) -> list[Span]:
    """The cue word nearest the speaker mention (the record keeps the cue's text, not its offsets)."""
    assert quote.cue is not None and quote.speaker_start is not None
    best: Span | None = None
    for token in doc:
        if raw.startswith(quote.cue, token.idx):
            candidate = doc.char_span(
                token.idx, token.idx + len(quote.cue), label="cue", alignment_mode="expand"
            )
            if candidate is None:
                continue
            if best is None or abs(token.idx - quote.speaker_start) < abs(
                best.start_char - quote.speaker_start
            ):
                best = candidate
    return [best] if best is not None else []


def _unique(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for span in spans:
        key = (span.start, span.end, span.label_)
        if key not in seen:
            seen.add(key)
            out.append(span)
    return out
