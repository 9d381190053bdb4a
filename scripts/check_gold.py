"""Validate gold files against the gold format (shared/gold/README.md).

Usage: python scripts/check_gold.py tests/gold/*/*.json
Exits 1 and prints one line per problem when a file is malformed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KINDS = {"direct", "indirect", "nested", "mixed"}
PHENOMENA = {
    "multi_paragraph",
    "curly_quotes",
    "nested_quote",
    "split_quote",
    "speaker_before",
    "speaker_after",
    "according_to",
    "pronoun_competing_gender",
    "surname_after_full_name",
    "role_after_name",
    "organisation_speaker",
    "continuation",
    "title_or_scare_quote",
    "unbalanced_mark",
    "alternating_speakers",
    "indirect_with_that",
    "indirect_without_that",
    "unnamed_speaker",
    # scraped news: web noise, sources that are not names, mixed quotes
    "caption_noise",
    "boilerplate",
    "separator_line",
    "headline",
    "byline_dateline",
    "liveblog_timestamp",
    "document_speaker",
    "description_speaker",
    "unnamed_group",
    "mixed_quote",
    "mid_sentence_cue",
    "negated_report",
    "competing_pronoun_candidates",
    "acronym_organisation",
}


def check(path: Path) -> list[str]:
    problems: list[str] = []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{path}: cannot load: {exc}"]
    text = gold.get("text")
    if not isinstance(text, str) or not text.strip():
        return [f"{path}: missing text"]
    if gold.get("doc_id") != path.stem:
        problems.append(f"{path}: doc_id {gold.get('doc_id')!r} != file stem")
    unknown = set(gold.get("phenomena", [])) - PHENOMENA
    if unknown:
        problems.append(f"{path}: unknown phenomena {sorted(unknown)}")
    prev = -1
    for i, q in enumerate(gold.get("quotes", [])):
        where = f"{path}: quote {i}"
        if q.get("kind") not in KINDS:
            problems.append(f"{where}: bad kind {q.get('kind')!r}")
        start, end = q.get("start"), q.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{where}: bad offsets {start}..{end}")
            continue
        if text[start:end] != q.get("text"):
            problems.append(
                f"{where}: text[{start}:{end}] = {text[start:end][:60]!r} != {str(q.get('text'))[:60]!r}"
            )
        if start < prev:
            problems.append(f"{where}: quotes not sorted by start")
        prev = start
        if "speaker" not in q or "cue" not in q:
            problems.append(f"{where}: speaker and cue keys are required (null allowed)")
    return problems


def main(argv: list[str]) -> int:
    problems = [p for arg in argv for p in check(Path(arg))]
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
