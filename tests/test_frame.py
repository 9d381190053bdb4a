"""The pandas loader: dtypes, nulls, and a lossless CSV round trip."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from quotegrab import Quote, QuoteWriter, extract_frame, quote_summary, read_quotes, render_html

HARD = [
    Quote(
        "direct",
        "Commas, \"double\" and 'single' marks",
        0,
        10,
        "Maria Lopez",
        "Lopez",
        20,
        25,
        "said",
        "name_part",
    ),
    Quote("direct", "Line one\nline two\r\nline three", 30, 60, None, None, None, None, None, "none", 2),
    Quote(
        "nested",
        "Ünïcödé — “curly” ‘quotes’ and emoji 🎉",
        35,
        50,
        "Zoë Ørsted",
        "she",
        61,
        64,
        "added",
        "pronoun",
    ),
    Quote("indirect", "nan", 70, 73, "NA", "NA", 74, 76, "told", "explicit", 3, "person"),
    Quote("direct", "   leading and trailing spaces   ", 80, 113),
]


@pytest.fixture
def written(tmp_path: Path) -> Path:
    with QuoteWriter(tmp_path) as writer:
        writer.write("a/one", HARD[:3])
        writer.write("b", HARD[3:])
    return tmp_path


@pytest.mark.parametrize("name", ["quotes.csv", "quotes.jsonl"])
def test_frame_round_trip_is_lossless(written: Path, name: str) -> None:
    frame = read_quotes(written / name)
    assert list(frame["text"]) == [q.text for q in HARD]
    assert [None if pd.isna(v) else v for v in frame["speaker"]] == [q.speaker for q in HARD]
    assert [None if pd.isna(v) else int(v) for v in frame["speaker_start"]] == [q.speaker_start for q in HARD]
    assert list(frame["article_id"]) == ["a/one"] * 3 + ["b"] * 2


def test_frame_csv_and_jsonl_agree(written: Path) -> None:
    pd.testing.assert_frame_equal(read_quotes(written / "quotes.csv"), read_quotes(written / "quotes.jsonl"))


def test_frame_dtypes(written: Path) -> None:
    frame = read_quotes(written)
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)
    assert list(frame["kind"].cat.categories) == ["direct", "indirect", "nested", "mixed"]
    assert isinstance(frame["attribution"].dtype, pd.CategoricalDtype)
    assert str(frame["start"].dtype) == "Int64" and str(frame["speaker_end"].dtype) == "Int64"
    assert isinstance(frame["text"].dtype, pd.StringDtype)
    assert frame["speaker"].isna().sum() == 2  # null stays null, never "nan" or ""


def test_frame_folder_with_parts(tmp_path: Path) -> None:
    for part, quotes in (("part-0", HARD[:2]), ("part-1", HARD[2:])):
        with QuoteWriter(tmp_path / "out", ["jsonl"], stem=part) as writer:
            writer.write(part, quotes)
    assert len(read_quotes(tmp_path / "out")) == len(HARD)


def test_frame_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_quotes(tmp_path / "nope.jsonl")
    with pytest.raises(FileNotFoundError, match="no quotes"):
        read_quotes(tmp_path)


def test_frame_extract_frame_uses_series_index(nlp) -> None:
    texts = pd.Series({"story-1": '"We will win," Maria Lopez said.', "story-2": "No quotes here."})
    frame = extract_frame(texts, nlp)
    assert list(frame["article_id"]) == ["story-1"]
    assert frame.loc[0, "speaker"] == "Maria Lopez"


def test_frame_summary(written: Path) -> None:
    summary = quote_summary(read_quotes(written))
    assert summary["totals"]["quotes"] == 5
    assert summary["kinds"] == {"direct": 3, "indirect": 1, "nested": 1, "mixed": 0}
    assert summary["unresolved_articles"] == {}


def test_view_html_has_every_quote_and_speaker(extract) -> None:
    raw = '"We will win the title," Maria Lopez said.\n\n"It is <b>over</b>," she added, "and we know it."'
    quotes = extract(raw)
    page = render_html(raw, quotes, title="test & title")
    assert page.startswith("<!DOCTYPE html>") and "test &amp; title" in page
    assert "<b>" not in page and "&lt;" in page  # article text is escaped, not injected
    for quote in quotes:
        assert f"{quote.kind}: {quote.speaker}".upper() in page.upper()
    assert "speaker" in page.lower() and "cue" in page.lower()
