"""Very long articles: parsed in paragraph-aligned chunks, analysed as one article."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from spacy.language import Language
from typer.testing import CliRunner

from quotegrab import cli, extract_text
from quotegrab.chunks import paragraph_chunks, parse

NAMES = ("Maria Lopez", "Tom Reed", "Anna Berg")


def long_article(paragraphs: int = 30) -> str:
    """Full names first, surnames and pronouns after: a surname resolves only through the
    article's one name registry, which must span every chunk."""
    out = []
    for i in range(paragraphs):
        name = NAMES[i % 3]
        if i < 3:
            out.append(f'"Phase {i} of the plan is ready to go," {name} said on Monday at the town hall.')
        else:
            out.append(f'"We have waited {i} months for this," {name.split()[-1]} said. She added more.')
    return "\n\n".join(out)


@pytest.mark.parametrize("size", [50, 80, 200, 10_000])
def test_chunks_join_back_and_end_at_paragraphs(size: int) -> None:
    head = long_article() + "\n\n"  # paragraphs under 100 characters, then one of 425
    text = head + "word " * 60 + "end. " + "x" * 120
    pieces = list(paragraph_chunks(text, size))
    assert "".join(pieces) == text
    assert all(0 < len(p) <= size for p in pieces)
    cuts = [sum(map(len, pieces[: i + 1])) for i in range(len(pieces) - 1)]
    if size >= 100:  # every paragraph of the head fits: cut only at its paragraph breaks
        assert all(text[:cut].endswith("\n\n") for cut in cuts if cut <= len(head))


def test_chunks_long_article_is_one_article(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_article()
    whole = extract_text(text, nlp)
    monkeypatch.setattr(nlp, "max_length", 400)
    doc = parse(nlp, text)
    assert doc.text == text and len(doc._.quotes) == len(whole)
    chunked = extract_text(text, nlp)
    assert chunked == whole  # same quotes, same offsets, same speakers
    late = {q.speaker for q in chunked if q.start > len(text) // 2}  # chunks away from the full names
    assert late == {"Maria Lopez", "Tom Reed", "Anna Berg"}


def test_cli_extract_article_over_max_length_in_chunks(
    nlp: Language, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: spaCy's E088 (text over max_length) failed the article."""
    text = long_article()
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(cli, "_load", lambda model, indirect=True, fast=False: nlp)
    monkeypatch.setattr(nlp, "max_length", 400)
    args = ["extract", str(tmp_path / "long.txt"), "--out", str(tmp_path / "out"), "--workers", "1"]
    result = CliRunner().invoke(cli.app, args)
    assert result.exit_code == 0, result.stderr
    frame = pd.read_csv(tmp_path / "out" / "quotes.csv")
    assert len(frame) == len(extract_text(text, nlp))
    assert all(text[s:e] == t for s, e, t in zip(frame["start"], frame["end"], frame["text"], strict=True))
    assert set(frame["speaker"]) == set(NAMES)
