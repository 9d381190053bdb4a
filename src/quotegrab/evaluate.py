"""Predicted quotes vs hand-labelled gold articles, scored as the gold README defines.

- Detection: a predicted quote matches a gold quote of the same kind when their spans
  overlap; matching is one-to-one, largest overlap first. `exact` counts matches whose
  spans are equal after trimming whitespace and edge punctuation; `overlap` weighs each
  match by the token-overlap F1 of the two spans.
- Attribution, over matched quotes with a gold speaker: `strict` is equality ignoring
  case; `lenient` is one name's words being a subset of the other's. A predicted speaker
  on a quote whose gold speaker is null is a wrong attribution.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .types import KINDS

SCORE_COLUMNS: tuple[str, ...] = (
    "kind",
    "gold",
    "pred",
    "P",
    "R",
    "F1",
    "exact F1",
    "overlap F1",
    "strict",
    "lenient",
    "wrong on null",
)
_EDGE = re.compile(r"^[\s\W_]+|[\s\W_]+$")
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    cue: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    doc_id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    phenomena: tuple[str, ...] = ()


def load_gold(folder: str | Path) -> list[GoldArticle]:
    """Every `*.json` gold file in `folder` and its subfolders (the dev and held-out splits)."""
    articles = []
    for path in sorted(Path(folder).rglob("*.json")):
        try:
            articles.append(_gold_article(path, json.loads(path.read_text(encoding="utf-8"))))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: invalid JSON: {exc.msg} at line {exc.lineno}") from None
        except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
            raise ValueError(f"{path}: not a gold file: {type(exc).__name__}: {exc}") from None
    return articles


def _gold_article(path: Path, data: Any) -> GoldArticle:
    quotes = tuple(
        GoldQuote(q["start"], q["end"], q["text"], q["kind"], q.get("speaker"), q.get("cue"))
        for q in data.get("quotes", [])
    )
    return GoldArticle(data.get("doc_id", path.stem), data["text"], quotes, tuple(data.get("phenomena", [])))


def trim(text: str) -> str:
    return _EDGE.sub("", text)


def token_f1(a: str, b: str) -> float:
    left, right = _TOKEN.findall(a.lower()), _TOKEN.findall(b.lower())
    if not left or not right:
        return 0.0
    pool: dict[str, int] = {}
    for token in right:
        pool[token] = pool.get(token, 0) + 1
    common = 0
    for token in left:
        if pool.get(token, 0) > 0:
            pool[token] -= 1
            common += 1
    if common == 0:
        return 0.0
    precision, recall = common / len(left), common / len(right)
    return 2 * precision * recall / (precision + recall)


def same_speaker(predicted: str | None, gold: str | None, lenient: bool) -> bool:
    if predicted is None or gold is None:
        return predicted is gold
    p, g = predicted.lower().split(), gold.lower().split()
    if not lenient:
        return p == g
    return bool(p) and bool(g) and (set(p) <= set(g) or set(g) <= set(p))


@dataclass
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0
    overlap: float = 0.0

    @staticmethod
    def _f1(hits: float, predicted: int, gold: int) -> tuple[float, float, float]:
        p = hits / predicted if predicted else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def scores(self) -> dict[str, float]:
        out = {}
        for name, hits in (("match", self.matched), ("exact", self.exact), ("overlap", self.overlap)):
            p, r, f = self._f1(hits, self.predicted, self.gold)
            out.update({f"{name}_p": p, f"{name}_r": r, f"{name}_f1": f})
        return out


@dataclass
class Speakers:
    total: int = 0
    strict: int = 0
    lenient: int = 0
    null_gold: int = 0
    wrong_on_null: int = 0

    def scores(self) -> dict[str, float]:
        return {
            "speaker_strict": self.strict / self.total if self.total else 0.0,
            "speaker_lenient": self.lenient / self.total if self.total else 0.0,
            "speakers_scored": float(self.total),
            "wrong_on_null": float(self.wrong_on_null),
        }


@dataclass
class Miss:
    doc_id: str
    what: str  # "missed", "spurious", "speaker", "span"
    kind: str
    text: str
    gold_speaker: str | None = None
    predicted_speaker: str | None = None


@dataclass
class Report:
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    speakers: dict[str, Speakers] = field(default_factory=lambda: {k: Speakers() for k in KINDS})
    misses: list[Miss] = field(default_factory=list)
    articles: int = 0

    def kind(self, kind: str) -> dict[str, float]:
        return {**self.counts[kind].scores(), **self.speakers[kind].scores()}

    def rows(self) -> list[dict[str, str]]:
        """One formatted row per kind that has gold or predicted quotes, keyed by SCORE_COLUMNS."""
        rows = []
        for kind in KINDS:
            counts, s = self.counts[kind], self.kind(kind)
            if not counts.gold and not counts.predicted:
                continue
            values = [kind, str(counts.gold), str(counts.predicted)]
            keys = (
                "match_p",
                "match_r",
                "match_f1",
                "exact_f1",
                "overlap_f1",
                "speaker_strict",
                "speaker_lenient",
            )
            values += [f"{s[k]:.3f}" for k in keys]
            values.append(str(int(s["wrong_on_null"])))
            rows.append(dict(zip(SCORE_COLUMNS, values, strict=True)))
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "kinds": {k: self.kind(k) for k in KINDS},
            "counts": {k: vars(v) for k, v in self.counts.items()},
            "misses": [vars(m) for m in self.misses],
        }


def _match(predicted: Sequence[Mapping[str, Any]], gold: Sequence[GoldQuote]) -> list[tuple[int, int]]:
    """One-to-one pairs (pred index, gold index) of overlapping spans, largest overlap first."""
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            overlap = min(p["end"], g.end) - max(p["start"], g.start)
            if overlap > 0:
                pairs.append((overlap, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def score_article(report: Report, article: GoldArticle, predicted: Iterable[Mapping[str, Any]]) -> None:
    """Add one article's comparison to the report."""
    report.articles += 1
    predicted = list(predicted)
    for kind in KINDS:
        preds = [p for p in predicted if p["kind"] == kind]
        golds = [g for g in article.quotes if g.kind == kind]
        counts, speakers = report.counts[kind], report.speakers[kind]
        counts.predicted += len(preds)
        counts.gold += len(golds)
        pairs = _match(preds, golds)
        for i, j in pairs:
            p, g = preds[i], golds[j]
            counts.matched += 1
            if trim(p["text"]) == trim(g.text):
                counts.exact += 1
            elif kind != "indirect" or token_f1(p["text"], g.text) < 0.5:
                report.misses.append(Miss(article.doc_id, "span", kind, f"{p['text']!r} vs gold {g.text!r}"))
            counts.overlap += token_f1(p["text"], g.text)
            if g.speaker is None:
                speakers.null_gold += 1
                if p.get("speaker") is not None:
                    speakers.wrong_on_null += 1
                    report.misses.append(
                        Miss(article.doc_id, "speaker", kind, g.text, None, p.get("speaker"))
                    )
                continue
            speakers.total += 1
            strict = same_speaker(p.get("speaker"), g.speaker, lenient=False)
            speakers.strict += strict
            speakers.lenient += same_speaker(p.get("speaker"), g.speaker, lenient=True)
            if not strict:
                report.misses.append(
                    Miss(article.doc_id, "speaker", kind, g.text, g.speaker, p.get("speaker"))
                )
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        for j, g in enumerate(golds):
            if j not in hit_g:
                report.misses.append(Miss(article.doc_id, "missed", kind, g.text, g.speaker))
        for i, p in enumerate(preds):
            if i not in hit_p:
                report.misses.append(
                    Miss(article.doc_id, "spurious", kind, p["text"], None, p.get("speaker"))
                )


def score(articles: Iterable[GoldArticle], predictions: Mapping[str, Sequence[Mapping[str, Any]]]) -> Report:
    """Score predictions (doc_id -> quote dicts with start, end, text, kind, speaker) against gold."""
    report = Report()
    for article in articles:
        score_article(report, article, predictions.get(article.doc_id, []))
    return report


def read_predictions(path: str | Path) -> dict[str, list[dict[str, Any]]]:
    """quotes.jsonl -> article_id -> quote dicts."""
    out: dict[str, list[dict[str, Any]]] = {}
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    row = json.loads(line)
                    out.setdefault(row["article_id"], []).append(row)
                except (ValueError, KeyError, TypeError) as exc:
                    raise ValueError(
                        f"{path}:{number}: not a quote row: {type(exc).__name__}: {exc}"
                    ) from None
    return out
