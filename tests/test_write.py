from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from quotegrab.types import RECORD_FIELDS, Quote, to_record
from quotegrab.write import ParquetWriter, QuoteWriter, Writer, open_writer

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
    with pytest.raises(RuntimeError), QuoteWriter(tmp_path, ["jsonl", "csv", "parquet"]) as writer:
        writer.write("a", QUOTES)
        raise RuntimeError("crash mid-run")
    assert (tmp_path / "quotes.jsonl").read_text() == "previous run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["quotes.jsonl"]


def test_write_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        QuoteWriter(tmp_path, ["xlsx"])


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_write_every_format_has_every_column_cue_offsets_included(tmp_path: Path, fmt: str) -> None:
    cued = Quote("direct", "Yes", 1, 4, "Maria Lopez", "she", 7, 10, "said", "pronoun", 0, "person", 11, 15)
    with QuoteWriter(tmp_path, [fmt]) as writer:
        writer.write("a", [cued, QUOTES[1]])
    assert [p.name for p in tmp_path.iterdir()] == [f"quotes.{fmt}"]
    rows = written_rows(tmp_path / f"quotes.{fmt}")
    assert [list(r) for r in rows] == [list(RECORD_FIELDS)] * 2
    assert [(str(r["cue_start"]), str(r["cue_end"])) for r in rows] == [
        ("11", "15"),
        (EMPTY[fmt], EMPTY[fmt]),
    ]


EMPTY = {"jsonl": "None", "csv": "", "parquet": "None"}


def written_rows(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_write_parquet_streams_row_groups_with_typed_columns(tmp_path: Path) -> None:
    writer = ParquetWriter(tmp_path / "quotes.parquet", row_group_rows=3)
    rows = [to_record(f"a{i}", 0, QUOTES[i % 2]) for i in range(7)]
    for row in rows:
        writer.write_rows([row])
    assert len(writer.buffer) == 1  # two groups of three already went to the file
    writer.commit()
    parquet = pq.ParquetFile(tmp_path / "quotes.parquet")
    assert parquet.metadata.num_row_groups == 3
    schema = parquet.schema_arrow
    assert str(schema.field("kind").type) == "dictionary<values=string, indices=int32, ordered=0>"
    assert str(schema.field("speaker_start").type) == "int64" and str(schema.field("text").type) == "string"
    assert parquet.read().to_pylist() == rows


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_write_writer_discard_leaves_nothing(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"quotes.{fmt}"
    writer: Writer = open_writer(fmt, target)
    writer.write_rows([to_record("a", 0, QUOTES[0])])
    writer.discard()
    assert list(tmp_path.iterdir()) == []
