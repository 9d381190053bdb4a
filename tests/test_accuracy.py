"""Accuracy floors on the hand-labelled corpus: a change that lowers them fails CI."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict

import pytest

from conftest import GOLD_DIR, ROOT
from quotegrab import extract_text
from quotegrab.evaluate import GoldArticle, Report, load_gold, score

# (kind, measure, floor)
FLOORS = [
    ("direct", "match_f1", 0.97),
    ("direct", "exact_f1", 0.95),
    ("direct", "speaker_strict", 0.93),
    ("indirect", "overlap_f1", 0.75),
    ("indirect", "speaker_strict", 0.85),
]
MIN_ARTICLES = 40  # besides the seed
MIN_PER_PHENOMENON = 5


@pytest.fixture(scope="module")
def corpus() -> list[GoldArticle]:
    return load_gold(GOLD_DIR)


@pytest.fixture(scope="module")
def report(nlp, corpus: list[GoldArticle]) -> Report:
    return score(corpus, {a.doc_id: [q.to_dict() for q in extract_text(a.text, nlp)] for a in corpus})


@pytest.mark.parametrize(("kind", "measure", "floor"), FLOORS, ids=[f"{k}-{m}" for k, m, _ in FLOORS])
def test_accuracy_floor(report: Report, kind: str, measure: str, floor: float) -> None:
    assert report.kind(kind)[measure] >= floor, [m for m in report.misses if m.kind == kind]


def test_accuracy_corpus_size(corpus: list[GoldArticle]) -> None:
    assert len(corpus) - 1 >= MIN_ARTICLES


def test_accuracy_phenomena_covered(corpus: list[GoldArticle]) -> None:
    """Every phenomenon the corpus is meant to exercise appears in it at least 5 times."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_gold import PHENOMENA

    tags = Counter(tag for article in corpus for tag in article.phenomena)
    assert {tag: tags[tag] for tag in PHENOMENA if tags[tag] < MIN_PER_PHENOMENON} == {}


def test_accuracy_scoring_sanity() -> None:
    """The scorer itself: a perfect prediction scores 1, an empty one 0."""
    gold = GoldArticle(
        "x",
        '"We won," Ann Lee said. She said the team was tired.',
        (),
    )
    from quotegrab.evaluate import GoldQuote

    quotes = (
        GoldQuote(1, 8, "We won,", "direct", "Ann Lee", "said"),
        GoldQuote(33, 51, "the team was tired", "indirect", "Ann Lee", "said"),
    )
    gold = GoldArticle("x", gold.text, quotes)
    perfect = score([gold], {"x": [asdict(q) for q in quotes]})
    assert perfect.kind("direct")["exact_f1"] == 1.0
    assert perfect.kind("indirect")["speaker_strict"] == 1.0
    empty = score([gold], {})
    assert empty.kind("direct")["match_f1"] == 0.0
    wrong = score(
        [gold], {"x": [{"start": 0, "end": 9, "text": '"We won,"', "kind": "direct", "speaker": "Lee"}]}
    )
    assert wrong.kind("direct")["exact_f1"] == 1.0  # edge punctuation is trimmed
    assert wrong.kind("direct")["speaker_strict"] == 0.0
    assert wrong.kind("direct")["speaker_lenient"] == 1.0
