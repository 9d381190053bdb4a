from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quotegrab.types import RECORD_FIELDS, Quote
from quotegrab.write import QuoteWriter

QUOTES = [
    Quote(
        "direct", 'Commas, "marks"\nand ünïcode', 0, 10, "Maria Lopez", "she", 20, 23, "said", "pronoun", 1
    ),
    Quote("direct", "No speaker", 30, 40),
]


def test_write_jsonl_and_csv_same_rows(tmp_path: Path) -> None:
    with QuoteWriter(tmp_path) as writer:
        writer.write("a/one", QUOTES)
    rows = [json.loads(line) for line in (tmp_path / "quotes.jsonl").read_text().splitlines()]
    assert [list(r) for r in rows] == [list(RECORD_FIELDS)] * 2
    assert rows[0]["text"] == QUOTES[0].text and rows[1]["speaker"] is None
    with (tmp_path / "quotes.csv").open(newline="", encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert list(table[0]) == list(RECORD_FIELDS)
    assert table[0]["text"] == QUOTES[0].text
    assert table[1]["speaker"] == ""
    assert [r["quote_index"] for r in table] == ["0", "1"]


def test_write_crash_leaves_no_partial_file(tmp_path: Path) -> None:
    (tmp_path / "quotes.jsonl").write_text("previous run\n")
    with pytest.raises(RuntimeError), QuoteWriter(tmp_path) as writer:
        writer.write("a", QUOTES)
        raise RuntimeError("crash mid-run")
    assert (tmp_path / "quotes.jsonl").read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.jsonl"]


def test_write_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="parquet"):
        QuoteWriter(tmp_path, ["parquet"])
