"""Accuracy of quotegrab (default and --fast) and of textacy's direct_quotations on the same gold corpus.

    python benchmarks/accuracy.py [GOLD_DIR] [--no-textacy]

Both run the same spaCy model over the same gold articles and are scored by
quotegrab.evaluate, as the gold README defines. textacy raises a ValueError for a whole
document over one unbalanced mark; to give it its best chance, an article it rejects is
retried paragraph by paragraph. textacy finds direct quotes only.
Needs the `bench` extra: pip install -e ".[bench]".
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Any

from quotegrab import DEFAULT_MODEL, extract_text, load_pipeline
from quotegrab.evaluate import SCORE_COLUMNS, GoldArticle, Report, load_gold, score

ROOT = Path(__file__).resolve().parent.parent
_MARKS = "\"'“”‘’«»"


def textacy_predictions(
    articles: list[GoldArticle], model: str
) -> tuple[dict[str, list[dict[str, Any]]], int]:
    """textacy's direct quotations per article, and how many articles it rejected whole."""
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)
    predictions: dict[str, list[dict[str, Any]]] = {}
    rejected = 0

    def run(text: str, offset: int) -> list[dict[str, Any]]:
        found = []
        for triple in direct_quotations(nlp(text)):
            content = triple.content
            start = offset + content.start_char
            end = offset + content.end_char
            raw = text[content.start_char : content.end_char]
            lead = len(raw) - len(raw.lstrip(_MARKS))
            tail = len(raw) - len(raw.rstrip(_MARKS))
            speaker = " ".join(t.text for t in triple.speaker) or None
            found.append(
                {
                    "start": start + lead,
                    "end": end - tail,
                    "text": raw[lead : len(raw) - tail],
                    "kind": "direct",
                    "speaker": speaker,
                }
            )
        return found

    for article in articles:
        try:
            predictions[article.doc_id] = run(article.text, 0)
        except ValueError:
            rejected += 1
            quotes: list[dict[str, Any]] = []
            for match in re.finditer(r"[^\n]+", article.text):
                try:
                    quotes.extend(run(match.group(), match.start()))
                except ValueError:
                    continue
            predictions[article.doc_id] = quotes
    return predictions, rejected


def quotegrab_predictions(
    articles: list[GoldArticle], model: str, fast: bool = False
) -> dict[str, list[dict[str, Any]]]:
    nlp = load_pipeline(model, fast=fast)
    return {a.doc_id: [q.to_dict() for q in extract_text(a.text, nlp)] for a in articles}


# The evaluate columns without precision and recall, which F1 already summarises here.
HEADER = ["system", *(c for c in SCORE_COLUMNS if c not in ("P", "R"))]


def rows(name: str, report: Report) -> list[list[str]]:
    return [[name, *(row[column] for column in HEADER[1:])] for row in report.rows()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold_dir", nargs="?", default=str(ROOT / "tests" / "gold"))
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--no-textacy", action="store_true", help="quotegrab's two modes only")
    args = parser.parse_args()
    root = Path(args.gold_dir)
    # A corpus split into dev and heldout is reported split by split.
    splits = [root / split for split in ("dev", "heldout") if (root / split).is_dir()] or [root]
    for folder in splits:
        report_split(folder, args.model, not args.no_textacy)


def report_split(folder: Path, model: str, textacy: bool = True) -> None:
    articles = load_gold(folder)
    ours = score(articles, quotegrab_predictions(articles, model))
    fast = score(articles, quotegrab_predictions(articles, model, fast=True))
    table = [HEADER, *rows("quotegrab", ours), *rows("quotegrab --fast", fast)]
    print(f"\n{len(articles)} gold articles in {folder}, model {model}")
    if textacy:
        theirs_pred, rejected = textacy_predictions(articles, model)
        table += rows("textacy 0.13", score(articles, theirs_pred))
        print(
            f"textacy rejected {rejected} of {len(articles)} articles whole;"
            " those were rerun paragraph by paragraph"
        )
    print()
    print("| " + " | ".join(table[0]) + " |")
    print("|" + "---|" * len(table[0]))
    for row in table[1:]:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
