"""quotegrab and textacy on real news: the PolNeAR attribution corpus (train and dev splits only).

    python benchmarks/polnear.py PATH_TO_POLNEAR --split dev [--limit N] [--json OUT] [--misses FILE]

PATH_TO_POLNEAR is a checkout of github.com/networkdynamics/PolNeAR (or its `data` folder)
holding `data/<split>/text/*.txt` and `data/<split>/attributions/*_<annotator>.ann` (BRAT
standoff). Only `train` and `dev` are accepted: the test split is never read.

Each PolNeAR attribution (source, cue, content) becomes gold quotes in quotegrab's gold format
(`tests/gold/README.md`), by what its content span is:

- **direct**: the content's words are all inside quotation marks (one word outside, or a leading
  "that", aside), or the content is no clause but a phrase around a partial quote (`called him a
  "nasty guy"`, `vowed to "drain the swamp"`). One gold quote per quoted stretch, the words inside
  the marks without the marks; a split quote gives two, a quote running over paragraphs (each
  reopened with a mark) gives one.
- **mixed**: a clause (headed by a finite verb, which may stand inside the marks: `Trump's "latest
  meltdown is unhinged"`) with at least two words of its own beside a quoted fragment.
- **indirect**: a clause (a finite verb) with no marks at all.
- excluded, reported apart: content with no verb (a noun phrase: "support for the plan", "it")
  and content with only non-finite verbs ("plans to run", "denied taking part"); quotegrab
  extracts neither. A prediction overlapping excluded content, a PolNeAR `Discard` region
  (boilerplate) or a quotegrab `nested` quote (PolNeAR annotates no nested attributions) is not
  scored.

Indirect and mixed spans are the content as annotated, one per paragraph it covers, without a
leading "that" or the final full stop. Double quotation marks only (straight, curly, and the
New York Times' two apostrophes).
The gold speaker is the PolNeAR source span, a *mention* ("a senior aide to the governor",
"she"), never a canonical name, so speakers are compared with each system's `speaker_mention`:
"equal" after trimming and case-folding, and "overlapping" the source span in the text.
Articles annotated by several annotators use the first annotator's file (sorted by id).
Needs the `bench` extra for textacy: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from quotegrab import DEFAULT_MODEL, extract_text, load_pipeline
from quotegrab.evaluate import Counts, _match, token_f1, trim
from quotegrab.lexicon import REPORTING_VERBS, reporting_verb_forms

SPLITS = ("train", "dev")  # never "test": it is a held-out evaluation
GOLD_KINDS = ("direct", "mixed", "indirect")
EXCLUDED = ("noun phrase", "non-finite")
OPEN, CLOSE, STRAIGHT = "“", "”", '"'
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_THAT = re.compile(r"^that\b[\s,]*", re.IGNORECASE)

Spans = tuple[tuple[int, int], ...]


# ---------------------------------------------------------------- BRAT standoff


@dataclass(frozen=True)
class TextBound:
    id: str
    label: str
    spans: Spans
    text: str


@dataclass(frozen=True)
class Attribution:
    """One PolNeAR attribution; each role's spans in text order (a role can be discontinuous)."""

    id: str
    source: Spans
    cue: Spans
    content: Spans


def parse_ann(ann: str) -> tuple[dict[str, TextBound], list[Attribution]]:
    """The text-bound annotations and the attribution events of a BRAT `.ann` file."""
    bounds: dict[str, TextBound] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            label, _, offsets = fields[1].partition(" ")
            spans = tuple(
                (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";") if piece.strip())
            )
            bounds[fields[0]] = TextBound(fields[0], label, spans, fields[2] if len(fields) > 2 else "")
        elif line.startswith("E") and len(fields) >= 2:
            pairs = [arg.partition(":") for arg in fields[1].split()]
            events.append((fields[0], [(role, ref) for role, _, ref in pairs]))
    attributions = []
    for event_id, args in events:
        roles: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
        for role, ref in args[1:]:  # the first argument is the trigger
            name = role.rstrip("0123456789").lower()
            if name in roles and ref in bounds:
                roles[name].extend(bounds[ref].spans)
        if roles["content"]:
            attributions.append(
                Attribution(
                    event_id,
                    tuple(sorted(roles["source"])),
                    tuple(sorted(roles["cue"])),
                    tuple(sorted(roles["content"])),
                )
            )
    return bounds, attributions


def span_text(text: str, spans: Spans) -> str:
    return " ".join(text[a:b].strip() for a, b in spans).strip()


# ---------------------------------------------------------------- conversion


@dataclass(frozen=True)
class PolQuote:
    """A gold quote (the fields of evaluate.GoldQuote) with its PolNeAR source spans."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None  # the source span's text: a mention
    cue: str | None
    source_spans: Spans = ()
    attribution: str = ""
    cue_lemma: str | None = None
    partial: bool = False  # direct: a partial quote inside a phrase (words of the content outside the marks)
    cue_spans: Spans = ()
    cue_type: str | None = None  # "verb", "noun", "colon", "other" (according to, in)
    content_spans: Spans = ()  # the whole attribution's content, all its fragments
    cue_form: str | None = None


@dataclass
class PolArticle:
    doc_id: str
    text: str
    quotes: list[PolQuote] = field(default_factory=list)
    excluded: list[PolQuote] = field(default_factory=list)  # kind is the reason
    ignored: list[tuple[int, int]] = field(default_factory=list)  # Discard regions
    problems: list[str] = field(default_factory=list)


def quoted_regions(text: str, spans: Spans) -> list[tuple[int, int]]:
    """Stretches inside double quotation marks within `spans`: (after the opening mark, before the
    closing one). A mark that opens a paragraph while a quote is open reopens it (one quote over
    several paragraphs); a quote still open at a paragraph's end otherwise ends there, and at the
    end of the spans.
    """
    chars = [i for a, b in spans for i in range(a, b)]
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    skip = -1
    reopen = False
    for i in chars:
        if i <= skip:
            continue
        ch = text[i]
        width = 1
        if text.startswith("''", i):  # the New York Times' double apostrophes are straight marks
            ch, width, skip = STRAIGHT, 2, i + 1
        if ch == "\n" and opened is not None:
            if text[i:].lstrip()[:1] in (OPEN, STRAIGHT) or text[i:].lstrip().startswith("''"):
                reopen = True  # the next paragraph reopens the same quote
                continue
            regions.append((opened, i))
            opened = None
        elif reopen and ch in (OPEN, STRAIGHT):
            reopen = False
        elif ch in (OPEN, CLOSE, STRAIGHT):
            if opened is None:
                if ch != CLOSE:
                    opened = i + width
            elif ch != OPEN:  # an opening curly mark inside an open quote is stray: ignored
                regions.append((opened, i))
                opened = None
    if opened is not None and chars:
        regions.append((opened, chars[-1] + 1))  # still open where the content ends
    return [(a, b) for a, b in regions if re.search(r"\w", text[a:b])]


def _complementizer(token: Any) -> bool:
    """Whether a leading "that" introduces the clause (not "That adds up", "that plan failed")."""
    if token.dep_ == "mark":
        return True
    return token.tag_ in ("IN", "WDT") and token.dep_ not in ("nsubj", "nsubjpass", "dobj", "det")


def _strip(text: str, start: int, end: int, clause: bool, doc: Any = None) -> tuple[int, int]:
    """Whitespace off both ends; for a clause also a leading complementizer "that" (not the
    pronoun or determiner: "That adds up") and a final full stop.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if clause:
        match = _THAT.match(text[start:end])
        token = doc.char_span(start, start + 4) if doc is not None and match else None
        if match and match.end() < end - start and (token is None or _complementizer(token[0])):
            start += match.end()
        if end > start and text[end - 1] == ".":
            end -= 1
    return start, end


def _paragraph_groups(text: str, spans: Spans) -> list[tuple[int, int]]:
    """The hull of the spans in each paragraph they cover."""
    groups: list[tuple[int, int]] = []
    for a, b in spans:
        pieces, pos = [], a
        for match in re.finditer(r"\n\s*\n|\n", text[a:b]):
            pieces.append((pos, a + match.start()))
            pos = a + match.end()
        pieces.append((pos, b))
        for lo, hi in pieces:
            if not text[lo:hi].strip():
                continue
            if groups and "\n" not in text[groups[-1][1] : lo]:
                groups[-1] = (groups[-1][0], hi)
            else:
                groups.append((lo, hi))
    return groups


def _tokens(doc: Any, spans: Spans) -> list[Any]:
    out = []
    for a, b in spans:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.extend(span)
    return out


def cue_type(doc: Any, spans: Spans) -> str | None:
    """What the cue is: "verb" (said, has learned), "noun" (claim, view), "colon" (PENCE: ...), "other"."""
    tokens = [t for t in _tokens(doc, spans) if not t.is_space]
    if not tokens:
        return None
    if all(not any(c.isalnum() for c in t.text) for t in tokens):
        return "colon"  # PENCE: ...; "..." ― Name
    if any(t.pos_ == "VERB" for t in tokens) and not tokens[0].lower_.startswith("accord"):
        return "verb"
    if any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
        return "noun"
    return "other"


def cue_form(doc: Any, spans: Spans) -> str | None:
    """The cue's main verb as written, lower-cased ("said", "has learned" -> "learned")."""
    verbs = [t for t in _tokens(doc, spans) if t.pos_ == "VERB" and t.text[:1].isalpha()]
    return verbs[-1].lower_ if verbs else None


def cue_lemma(doc: Any, spans: Spans) -> str | None:
    """The lemma of the cue's main verb, else of its last noun, else its words lower-cased."""
    tokens = _tokens(doc, spans) if doc is not None else []
    words = " ".join(t.text.lower() for t in tokens if not t.is_punct)
    if words.startswith("according"):
        return "according to"
    verbs = [t for t in tokens if t.pos_ == "VERB" and t.text[:1].isalpha()]
    if verbs:
        return str(verbs[-1].lemma_).lower()
    nouns = [t for t in tokens if t.pos_ in ("NOUN", "PROPN")]
    if nouns:
        return str(nouns[-1].lemma_).lower()
    return words or None


def _finite(token: Any) -> bool:
    """Whether a token heads a finite clause: a finite verb, or a verb with a finite auxiliary."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    return token.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in token.children
    )


def classify(text: str, doc: Any, content: Spans) -> tuple[str, list[tuple[int, int]], bool]:
    """The kind of one content ("direct", "mixed", "indirect", or an EXCLUDED reason), its gold
    spans, and whether a direct content has words of its own outside the marks (a partial quote).
    """
    regions = quoted_regions(text, content)

    def inside(token: Any) -> bool:
        return any(a <= token.idx < b for a, b in regions)

    tokens = [t for t in _tokens(doc, content) if any(a <= t.idx < b for a, b in content)]
    own = [t for t in tokens if not t.is_punct and not t.is_space and not inside(t)]
    # The content's heads: its tokens whose syntactic head lies outside it. A clause is headed by
    # a finite verb ("he would win"); a noun phrase by a noun, even with a relative clause in it.
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if not t.is_punct and (t.head.i not in ids or t.head.i == t.i)]
    if regions:
        # Mixed: a clause (its head may stand inside the marks: Trump's "meltdown is unhinged")
        # with words of its own beside the quoted fragment; a leading "that" is not one of them.
        words = [t for t in own if not (t is own[0] and t.lower_ == "that")]
        if len(words) >= 2 and any(_finite(t) for t in heads):
            kind = "mixed"
        else:  # all in marks, or a phrase around a partial quote: called him a "nasty guy"
            return "direct", [_strip(text, a, b, clause=False) for a, b in regions], bool(words)
    elif any(_finite(t) for t in heads if not inside(t)):
        kind = "indirect"
    elif own and (
        own[0].tag_ in ("VBG", "VB") or (own[0].lower_ == "to" and own[0].head.pos_ in ("VERB", "AUX"))
    ):
        kind = "non-finite"  # to run again; taking part
    else:
        kind = "noun phrase"
    return kind, [_strip(text, a, b, True, doc) for a, b in _paragraph_groups(text, content)], False


def convert(doc_id: str, text: str, ann: str, doc: Any) -> PolArticle:
    """One PolNeAR article as gold quotes. `doc` is a spaCy Doc of `text` with POS tags."""
    bounds, attributions = parse_ann(ann)
    article = PolArticle(doc_id, text)
    for bound in bounds.values():
        for a, b in bound.spans:
            if not (0 <= a <= b <= len(text)):
                raise ValueError(f"{bound.id} {bound.label} {a}-{b} is outside the text ({len(text)} chars)")
        if bound.label == "Discard":
            article.ignored.extend(bound.spans)
    for attr in attributions:
        try:
            kind, spans, partial = classify(text, doc, attr.content)
        except Exception as error:  # one bad attribution costs only itself
            article.problems.append(f"{attr.id}: {type(error).__name__}: {error}")
            continue
        speaker = span_text(text, attr.source) or None
        cue = span_text(text, attr.cue) or None
        lemma = cue_lemma(doc, attr.cue) if attr.cue else None
        for start, end in spans:
            if end <= start:
                continue
            quote = PolQuote(
                start,
                end,
                text[start:end],
                kind,
                speaker,
                cue,
                attr.source,
                attr.id,
                lemma,
                partial,
                attr.cue,
                cue_type(doc, attr.cue) if attr.cue else None,
                attr.content,
                cue_form(doc, attr.cue) if attr.cue else None,
            )
            (article.quotes if kind in GOLD_KINDS else article.excluded).append(quote)
    article.quotes.sort(key=lambda q: (q.start, q.end))
    return article


def split_files(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(doc_id, text file, .ann file) for every article of a split; the first annotator's file."""
    if split not in SPLITS:
        raise SystemExit(f"split {split!r} refused: only {', '.join(SPLITS)} (the test split is held out)")
    data = root / "data" if (root / "data").is_dir() else root
    texts = data / split / "text"
    anns = data / split / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise SystemExit(f"{data / split} has no text/ and attributions/ folders")
    by_stem: dict[str, list[Path]] = {}
    for ann in sorted(anns.glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        by_stem.setdefault(stem, []).append(ann)
    return [(t.stem, t, by_stem[t.stem][0]) for t in sorted(texts.glob("*.txt")) if t.stem in by_stem]


# ---------------------------------------------------------------- systems


def textacy_quotes(doc: Any) -> list[dict[str, Any]]:
    """textacy's direct quotations of a parsed Doc, as quote dicts with a speaker mention span."""
    from textacy.extract.triples import direct_quotations

    marks = "\"'“”‘’«»"
    found = []
    for triple in direct_quotations(doc):
        content = triple.content
        raw = doc.text[content.start_char : content.end_char]
        lead = len(raw) - len(raw.lstrip(marks))
        tail = len(raw) - len(raw.rstrip(marks))
        speaker = list(triple.speaker)
        found.append(
            {
                "start": content.start_char + lead,
                "end": content.end_char - tail,
                "text": raw[lead : len(raw) - tail],
                "kind": "direct",
                "speaker_mention": " ".join(t.text for t in speaker) or None,
                "speaker_start": min((t.idx for t in speaker), default=None),
                "speaker_end": max((t.idx + len(t) for t in speaker), default=None),
                "cue": " ".join(t.text for t in triple.cue) or None,
            }
        )
    return found


# ---------------------------------------------------------------- scoring


def _norm(text: str | None) -> str:
    return " ".join(trim(text or "").casefold().split())


def mention_agrees(pred: dict[str, Any], gold: PolQuote) -> tuple[bool, bool]:
    """(equal, overlapping): the predicted speaker_mention against the gold source span."""
    mention = pred.get("speaker_mention")
    if not mention or gold.speaker is None:
        return False, False
    equal = _norm(mention) == _norm(gold.speaker)
    s, e = pred.get("speaker_start"), pred.get("speaker_end")
    overlap = s is not None and e is not None and any(min(e, b) > max(s, a) for a, b in gold.source_spans)
    return equal, equal or overlap


@dataclass
class Row:
    counts: Counts = field(default_factory=Counts)
    with_source: int = 0
    equal: int = 0
    overlapping: int = 0
    no_source_matched: int = 0

    def as_dict(self) -> dict[str, float]:
        s = self.counts.scores()
        n = self.with_source
        return {
            "gold": self.counts.gold,
            "pred": self.counts.predicted,
            "matched": self.counts.matched,
            "P": s["match_p"],
            "R": s["match_r"],
            "F1": s["match_f1"],
            "exact_f1": s["exact_f1"],
            "overlap_f1": s["overlap_f1"],
            "speakers_scored": n,
            "mention_equal": self.equal / n if n else 0.0,
            "mention_overlap": self.overlapping / n if n else 0.0,
        }


@dataclass
class SystemReport:
    rows: dict[str, Row] = field(default_factory=lambda: {k: Row() for k in (*GOLD_KINDS, "any kind")})
    found_by_gold_kind: Counter[str] = field(default_factory=Counter)  # any-kind matches, per gold kind
    pred_kinds: Counter[str] = field(default_factory=Counter)
    unscored: Counter[str] = field(default_factory=Counter)
    excluded_found: Counter[str] = field(default_factory=Counter)
    failed: int = 0
    off_boundary: Counter[str] = field(default_factory=Counter)  # spans cutting through a word


def on_word_boundaries(text: str, start: int | None, end: int | None) -> bool:
    """Whether text[start:end] neither starts nor ends inside a word (and has no edge spaces)."""
    if start is None or end is None or end <= start:
        return True
    inner = text[start:end]
    if inner != inner.strip():
        return False
    cut_left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cut_right = end < len(text) and text[end - 1].isalnum() and text[end].isalnum()
    return not (cut_left or cut_right)


def _overlaps(p: dict[str, Any], spans: Iterable[tuple[int, int]]) -> bool:
    return any(min(p["end"], b) > max(p["start"], a) for a, b in spans)


def score_article(
    report: SystemReport,
    article: PolArticle,
    predicted: Sequence[dict[str, Any]],
    misses: list[dict[str, Any]] | None,
    system: str,
    context: Any,
) -> None:
    """Add one article to a system's report; append its misses (JSON-ready dicts) to `misses`."""
    preds = []
    excluded_spans = [(q.start, q.end) for q in article.excluded]
    for p in predicted:
        if p["kind"] == "nested":
            report.unscored["nested quote"] += 1
        elif _overlaps(p, article.ignored):
            report.unscored["in a Discard region"] += 1
        else:
            preds.append(p)
    report.pred_kinds.update(p["kind"] for p in preds)
    for p in preds:
        report.off_boundary["quote"] += not on_word_boundaries(article.text, p["start"], p["end"])
        report.off_boundary["speaker_mention"] += not on_word_boundaries(
            article.text, p.get("speaker_start"), p.get("speaker_end")
        )
    for reason in EXCLUDED:
        report.excluded_found[reason] += sum(
            any(_overlaps(p, [(q.start, q.end)]) for p in preds) for q in article.excluded if q.kind == reason
        )

    def run(row: Row, ps: list[dict[str, Any]], gs: list[PolQuote], record: bool) -> None:
        row.counts.gold += len(gs)
        pairs = _match(ps, cast(Sequence[Any], gs))  # PolQuote has GoldQuote's fields
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        # A prediction over excluded content (a noun phrase, a non-finite clause) is not scored.
        neutral = {i for i, p in enumerate(ps) if i not in hit_p and _overlaps(p, excluded_spans)}
        row.counts.predicted += len(ps) - len(neutral)
        for i, j in pairs:
            p, g = ps[i], gs[j]
            row.counts.matched += 1
            row.counts.exact += trim(p["text"]) == trim(g.text)
            row.counts.overlap += token_f1(p["text"], g.text)
            if record:
                report.found_by_gold_kind[g.kind] += 1
            if g.speaker is None:
                row.no_source_matched += 1
                continue
            equal, overlap = mention_agrees(p, g)
            row.with_source += 1
            row.equal += equal
            row.overlapping += overlap
            if record and misses is not None and not overlap:
                misses.append(_miss(system, "speaker", article, g, p, context))
        if record and misses is not None:
            for j, g in enumerate(gs):
                if j not in hit_g:
                    misses.append(_miss(system, "missed", article, g, None, context))
            for i, p in enumerate(ps):
                if i not in hit_p and i not in neutral:
                    misses.append(_miss(system, "spurious", article, None, p, context))

    for kind in GOLD_KINDS:
        run(
            report.rows[kind],
            [p for p in preds if p["kind"] == kind],
            [g for g in article.quotes if g.kind == kind],
            False,
        )
    run(report.rows["any kind"], preds, list(article.quotes), True)


def sentence_around(doc: Any, text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence(s) holding text[start:end], cut to `limit` characters around it."""
    lo, hi = start, end
    if doc is not None:
        span = doc.char_span(start, max(start + 1, end), alignment_mode="expand")
        if span is not None and len(span):
            lo, hi = span[0].sent.start_char, span[-1].sent.end_char
    lo, hi = max(lo, start - limit), min(hi, end + limit)
    return " ".join(text[lo:hi].split())


def _miss(
    system: str, what: str, article: PolArticle, gold: PolQuote | None, pred: dict[str, Any] | None, doc: Any
) -> dict[str, Any]:
    ref: Any = gold if gold is not None else pred
    start = ref.start if gold is not None else ref["start"]
    end = ref.end if gold is not None else ref["end"]
    return {
        "system": system,
        "what": what,
        "doc_id": article.doc_id,
        "gold_kind": gold.kind if gold else None,
        "pred_kind": pred["kind"] if pred else None,
        "start": start,
        "end": end,
        "text": article.text[start:end],
        "gold_speaker": gold.speaker if gold else None,
        "gold_cue": gold.cue if gold else None,
        "gold_cue_lemma": gold.cue_lemma if gold else None,
        "pred_speaker_mention": pred.get("speaker_mention") if pred else None,
        "pred_cue": pred.get("cue") if pred else None,
        "sentence": sentence_around(doc, article.text, start, end),
        **(_gold_features(article, gold) if gold else _pred_features(article, pred or {})),
        **_boundaries(article, pred),
    }


def _gold_features(article: PolArticle, gold: PolQuote) -> dict[str, Any]:
    """What a miss analysis needs to know about a gold quote's construction."""
    text = article.text
    cue = gold.cue_spans[0] if gold.cue_spans else None
    lo, hi = gold.content_spans[0][0], gold.content_spans[-1][1]
    source = gold.source_spans[0] if gold.source_spans else None
    return {
        "partial": gold.partial,
        "cue_type": gold.cue_type,
        "cue_inside_content": cue is not None and lo < cue[0] < hi,
        "cue_before_content": cue is not None and cue[0] < lo,
        "source_paragraph_differs": source is not None
        and "\n" in text[min(source[0], gold.start) : max(source[1], gold.start)],
        "first_line": "\n" not in text[: gold.start],
        "sentences": len(re.findall(r"[.!?][\"”']?\s+[A-Z“\"]", text[gold.start : gold.end])) + 1,
    }


def _pred_features(article: PolArticle, pred: dict[str, Any]) -> dict[str, Any]:
    """Where a spurious prediction lies against the gold: on another attribution's content,
    its source or cue, or on nothing PolNeAR annotated."""
    spans = [(pred["start"], pred["end"])]

    def hits(ranges: Iterable[tuple[int, int]]) -> bool:
        return any(min(b, spans[0][1]) > max(a, spans[0][0]) for a, b in ranges)

    contents = [r for q in article.quotes for r in q.content_spans]
    roles = [r for q in (*article.quotes, *article.excluded) for r in (*q.source_spans, *q.cue_spans)]
    return {
        "on_gold_content": hits(contents),
        "on_source_or_cue": hits(roles),
        "first_line": "\n" not in article.text[: pred["start"]],
        "pred_attribution": pred.get("attribution"),
    }


def _boundaries(article: PolArticle, pred: dict[str, Any] | None) -> dict[str, Any]:
    if pred is None:
        return {}
    return {
        "pred_mention_on_word_boundaries": on_word_boundaries(
            article.text, pred.get("speaker_start"), pred.get("speaker_end")
        )
    }


# ---------------------------------------------------------------- run and print


def _listed(lemma: str, forms: Counter[str], known: frozenset[str]) -> bool:
    """Whether quotegrab's REPORTING_VERBS has this cue verb: its lemma, or the forms written
    (the small model's lemmatizer makes "rated" "rat" and "hoped" "hop")."""
    return lemma in REPORTING_VERBS or any(form in known for form in forms)


COLUMNS = ("kind", "gold", "pred", "P", "R", "F1", "exact F1", "mention =", "mention overlap", "n spk")


def table(name: str, report: SystemReport) -> list[list[str]]:
    out = []
    for kind, row in report.rows.items():
        d = row.as_dict()
        out.append(
            [
                name,
                kind,
                str(d["gold"]),
                str(d["pred"]),
                *(f"{d[k]:.3f}" for k in ("P", "R", "F1", "exact_f1", "mention_equal", "mention_overlap")),
                str(d["speakers_scored"]),
            ]
        )
    return out


def markdown(rows: list[list[str]], header: Sequence[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="PolNeAR checkout (or its data folder)")
    parser.add_argument("--split", default="dev", help="dev, train, or both: train,dev")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON here")
    parser.add_argument("--misses", type=Path, default=None, help="write every miss as JSONL here")
    parser.add_argument("--no-textacy", action="store_true", help="score quotegrab only")
    parser.add_argument("--fast", action="store_true", help="run quotegrab in fast mode")
    args = parser.parse_args(argv)

    import spacy

    files = [f for split in args.split.split(",") for f in split_files(args.path, split.strip())]
    if args.limit is not None:
        files = files[: args.limit]
    tagger = spacy.load(args.model)  # a plain parse of the raw text: converter, textacy, contexts
    known = reporting_verb_forms(tagger)
    nlp = load_pipeline(args.model, fast=args.fast)
    systems = ["quotegrab"] + ([] if args.no_textacy else ["textacy"])
    reports = {s: SystemReport() for s in systems}
    misses: list[dict[str, Any]] = []
    failures: dict[str, list[str]] = {"convert": [], "quotegrab": [], "textacy": []}
    gold_kinds: Counter[str] = Counter()
    direct_partial = 0
    problems = 0
    articles = 0
    verbs: Counter[str] = Counter()  # the main verb's lemma of each verbal cue, once per attribution
    forms: dict[str, Counter[str]] = {}

    for n, (doc_id, text_path, ann_path) in enumerate(files, 1):
        print(f"\r{n}/{len(files)} {doc_id[:50]:50}", end="", file=sys.stderr, flush=True)
        try:
            text = text_path.read_text(encoding="utf-8")
            doc = tagger(text)
            article = convert(doc_id, text, ann_path.read_text(encoding="utf-8"), doc)
        except Exception as error:
            failures["convert"].append(f"{doc_id}: {type(error).__name__}: {error}")
            continue
        articles += 1
        problems += len(article.problems)
        gold_kinds.update(q.kind for q in article.quotes)
        gold_kinds.update(q.kind for q in article.excluded)
        direct_partial += sum(q.partial for q in article.quotes)
        seen: set[str] = set()
        for q in (*article.quotes, *article.excluded):
            if q.cue_lemma and q.cue_type == "verb" and q.attribution not in seen:
                seen.add(q.attribution)
                verbs[q.cue_lemma] += 1
                forms.setdefault(q.cue_lemma, Counter())[q.cue_form or ""] += 1
        predictions: dict[str, list[dict[str, Any]]] = {}
        try:
            predictions["quotegrab"] = [q.to_dict() for q in extract_text(text, nlp)]
        except Exception as error:
            failures["quotegrab"].append(f"{doc_id}: {type(error).__name__}: {error}")
            reports["quotegrab"].failed += 1
            predictions["quotegrab"] = []
        if "textacy" in reports:
            try:
                predictions["textacy"] = textacy_quotes(doc)
            except Exception as error:  # textacy raises on unbalanced marks: an empty prediction
                failures["textacy"].append(f"{doc_id}: {type(error).__name__}: {error}")
                reports["textacy"].failed += 1
                predictions["textacy"] = []
        for system in systems:
            score_article(reports[system], article, predictions[system], misses, system, doc)
    print(file=sys.stderr)

    rows = [r for s in systems for r in table(s if s == "quotegrab" else "textacy 0.13", reports[s])]
    print(f"PolNeAR {args.split}: {articles} articles converted of {len(files)}, model {args.model}")
    print(
        "gold quotes by kind: "
        + ", ".join(f"{k} {gold_kinds[k]}" for k in GOLD_KINDS)
        + f" (of the direct, partial quotes inside a phrase: {direct_partial})"
    )
    print(
        "excluded content, not scored: "
        + ", ".join(f"{k} {gold_kinds[k]}" for k in EXCLUDED)
        + (f"; {problems} attributions failed to convert" if problems else "")
    )
    for name, items in failures.items():
        if items:
            shown = "; ".join(item[:90] for item in items[:3]) + ("; ..." if len(items) > 3 else "")
            print(f"{name} failed on {len(items)} articles: {shown}")
    print()
    print(markdown(rows, ["system", *COLUMNS]))
    print()
    for system in systems:
        r = reports[system]
        found = ", ".join(
            f"{k} {r.found_by_gold_kind[k]}/{gold_kinds[k]} ({r.found_by_gold_kind[k] / gold_kinds[k]:.3f})"
            if gold_kinds[k]
            else f"{k} 0/0"
            for k in GOLD_KINDS
        )
        excl = ", ".join(f"{k} {r.excluded_found[k]}/{gold_kinds[k]}" for k in EXCLUDED)
        print(f"{system}: any-kind recall by gold kind: {found}")
        print(f"{system}: predicted kinds scored: {dict(r.pred_kinds)}; not scored: {dict(r.unscored)}")
        print(f"{system}: excluded content overlapped by a prediction: {excl}")
        print(
            f"{system}: spans cutting through a word: quotes {r.off_boundary['quote']},"
            f" speaker mentions {r.off_boundary['speaker_mention']}"
        )
    if args.json:
        payload = {
            "split": args.split,
            "articles": articles,
            "files": len(files),
            "model": args.model,
            "fast": args.fast,
            "gold_kinds": dict(gold_kinds),
            "failures": failures,
            "systems": {
                s: {
                    "rows": {k: row.as_dict() for k, row in reports[s].rows.items()},
                    "found_by_gold_kind": dict(reports[s].found_by_gold_kind),
                    "pred_kinds": dict(reports[s].pred_kinds),
                    "unscored": dict(reports[s].unscored),
                    "excluded_found": dict(reports[s].excluded_found),
                    "failed": reports[s].failed,
                    "off_word_boundaries": dict(reports[s].off_boundary),
                }
                for s in systems
            },
            "cue_verbs": {
                v: {"count": c, "in_reporting_verbs": _listed(v, forms[v], known), "forms": dict(forms[v])}
                for v, c in verbs.most_common()
            },
        }
        args.json.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")
    if args.misses:
        with args.misses.open("w", encoding="utf-8") as handle:
            for miss in misses:
                handle.write(json.dumps(miss, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
