"""Accuracy floors on the hand-labelled corpus: a change that lowers them fails CI."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict, replace

import pytest

from conftest import GOLD_DIR, ROOT, SPLITS
from quotegrab import extract_text
from quotegrab.evaluate import GoldArticle, Report, load_gold, score

# (split, kind, measure, floor). The floors guard against regressions: each sits a little
# under the figure measured when it was set. dev is what rules are written from; heldout
# is only measured (issue #9 states the targets it has to reach).
FLOORS = [
    ("dev", "direct", "match_f1", 0.98),
    ("dev", "direct", "exact_f1", 0.98),
    ("dev", "direct", "speaker_strict", 0.96),  # 0.966 with 40 more web articles, 2026-11-26
    ("dev", "indirect", "overlap_f1", 0.96),
    ("dev", "indirect", "speaker_strict", 0.92),  # 0.924 with 70 web articles
    ("dev", "mixed", "overlap_f1", 0.93),
    ("dev", "mixed", "speaker_strict", 0.92),
    ("heldout", "direct", "match_f1", 0.98),
    ("heldout", "direct", "speaker_strict", 0.92),
    ("heldout", "indirect", "overlap_f1", 0.95),
    ("heldout", "indirect", "speaker_strict", 0.92),
    ("heldout", "mixed", "overlap_f1", 0.92),
    ("heldout", "mixed", "speaker_strict", 0.85),
]
MIN_ARTICLES = {"dev": 110, "heldout": 30}
MIN_PER_PHENOMENON = 5


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[GoldArticle]]:
    return {split: load_gold(GOLD_DIR / split) for split in SPLITS}


def _reports(nlp, corpus: dict[str, list[GoldArticle]]) -> dict[str, Report]:
    return {
        split: score(articles, {a.doc_id: [q.to_dict() for q in extract_text(a.text, nlp)] for a in articles})
        for split, articles in corpus.items()
    }


@pytest.fixture(scope="module")
def reports(nlp, corpus: dict[str, list[GoldArticle]]) -> dict[str, Report]:
    return _reports(nlp, corpus)


@pytest.fixture(scope="module")
def fast_reports(fast_nlp, corpus: dict[str, list[GoldArticle]]) -> dict[str, Report]:
    return _reports(fast_nlp, corpus)


# Fast mode's allowed loss against the default mode on the same articles (issue #10).
FAST_LOSS = [("match_f1", 0.02), ("speaker_strict", 0.03)]


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize(("measure", "loss"), FAST_LOSS)
def test_accuracy_fast_mode_within_loss_of_default(
    reports: dict[str, Report], fast_reports: dict[str, Report], split: str, measure: str, loss: float
) -> None:
    default, fast = reports[split].kind("direct")[measure], fast_reports[split].kind("direct")[measure]
    assert fast >= default - loss, (split, measure, default, fast)  # figures only: no misses listed


@pytest.mark.parametrize(
    ("split", "kind", "measure", "floor"), FLOORS, ids=[f"{s}-{k}-{m}" for s, k, m, _ in FLOORS]
)
def test_accuracy_floor(
    reports: dict[str, Report], split: str, kind: str, measure: str, floor: float
) -> None:
    report = reports[split]
    # dev failures list their misses; heldout ones only their figure, so no rule is written from them
    shown = [m for m in report.misses if m.kind == kind] if split == "dev" else report.kind(kind)
    assert report.kind(kind)[measure] >= floor, shown


def test_accuracy_corpus_size(corpus: dict[str, list[GoldArticle]]) -> None:
    assert {split: len(articles) >= MIN_ARTICLES[split] for split, articles in corpus.items()} == {
        "dev": True,
        "heldout": True,
    }


def test_accuracy_phenomena_covered(corpus: dict[str, list[GoldArticle]]) -> None:
    """Every phenomenon the corpus is meant to exercise appears in it at least 5 times."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from check_gold import PHENOMENA

    tags = Counter(tag for articles in corpus.values() for article in articles for tag in article.phenomena)
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


def test_accuracy_dev_with_its_line_breaks_lost(nlp, corpus: dict[str, list[GoldArticle]]) -> None:
    """Scraped text often arrives as one line: every line break of the dev articles turned into
    a space (offsets hold). A multi-paragraph quote must still come out whole (clean.py puts
    the lost break before its reopening mark back): direct F1 0.961 without that, 0.970 with it."""
    joined = [replace(a, text=a.text.replace("\n", " ")) for a in corpus["dev"]]
    report = score(joined, {a.doc_id: [q.to_dict() for q in extract_text(a.text, nlp)] for a in joined})
    assert report.kind("direct")["match_f1"] >= 0.965, report.kind("direct")
