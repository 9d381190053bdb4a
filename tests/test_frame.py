"""The pandas loader: dtypes, nulls, and a lossless CSV round trip."""

from __future__ import annotations

import signal
from pathlib import Path

import pandas as pd
import pytest

from quotegrab import Quote, QuoteWriter, extract_frame, quote_summary, read_quotes
from test_run import interrupt, make_corpus, run_here

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


def test_frame_parquet_equals_jsonl(tmp_path: Path) -> None:
    with QuoteWriter(tmp_path, ["jsonl", "parquet"]) as writer:
        writer.write("a/one", HARD[:3])
        writer.write("b", HARD[3:])
    parquet = read_quotes(tmp_path / "quotes.parquet")
    pd.testing.assert_frame_equal(parquet, read_quotes(tmp_path / "quotes.jsonl"))
    assert list(parquet["text"]) == [q.text for q in HARD]


def test_frame_folder_of_parquet(tmp_path: Path) -> None:
    with QuoteWriter(tmp_path, ["parquet"]) as writer:
        writer.write("b", HARD[3:])
    assert list(read_quotes(tmp_path)["article_id"]) == ["b", "b"]


def test_frame_folder_of_interrupted_run_has_quote_rows(nlp, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 240)
    run_here(corpus, tmp_path / "clean", nlp, batch_size=8)
    out = tmp_path / "killed"
    interrupt(corpus, out, signal.SIGKILL, "--batch-size", "2", "--workers", "1")

    frame = read_quotes(out)
    done = set(frame["article_id"])
    assert 20 <= len(done) < 240
    assert frame["kind"].notna().all()
    texts = {f.stem: f.read_text(encoding="utf-8") for f in corpus.iterdir()}
    for row in frame.itertuples():
        assert row.text == texts[row.article_id][row.start : row.end]  # a quote, not the article
    expected = read_quotes(tmp_path / "clean" / "quotes.jsonl")
    expected = expected[expected["article_id"].isin(done)].reset_index(drop=True)
    pd.testing.assert_frame_equal(frame, expected)


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
