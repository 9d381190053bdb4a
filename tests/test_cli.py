"""The command line, bad input included: one line per bad file, the batch goes on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from quotegrab import read_quotes
from quotegrab.cli import EXIT_FAILED_ARTICLES, app

runner = CliRunner()
SEED = ROOT / "data" / "raw" / "soundtrack-2-press-conference.txt"


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED, folder / "sub" / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "cp1252.txt").write_bytes(
        "\u201cWe will win the cup again,\u201d Maria Lopez said.\r\n".encode("cp1252")
    )
    return folder


def visible(folder: Path) -> list[str]:
    """Output files, without the hidden work folder that makes runs resumable."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "quotes.jsonl").read_text().splitlines()]


def test_cli_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "extract" in result.output and "show" in result.output


def test_cli_extract_bad_files_named_batch_goes_on(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(batch), "--out", str(out)])
    assert result.exit_code == EXIT_FAILED_ARTICLES
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("empty.txt: empty file" in line for line in errors)
    assert any("binary.txt: binary file" in line for line in errors)
    assert len(errors) == 2
    written = rows(out)
    assert {r["article_id"] for r in written} == {"cp1252", "sub/seed"}
    cp = next(r for r in written if r["article_id"] == "cp1252")
    assert (cp["text"], cp["speaker"]) == ("We will win the cup again,", "Maria Lopez")
    assert visible(out) == ["errors.jsonl", "quotes.csv", "quotes.jsonl"]
    failures = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert sorted(f["error"] for f in failures) == ["binary file, not text", "empty file"]


def test_cli_extract_missing_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "nowhere: no such file or folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_extract_format_and_glob(batch: Path, tmp_path: Path) -> None:
    (batch / "story.md").write_text('"It is a fine day for a walk," said Tom Reed.', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["extract", str(batch), "--out", str(out), "--format", "csv", "--glob", "*.md"]
    )
    assert result.exit_code == 0, result.output
    assert visible(out) == ["quotes.csv"]
    assert "Tom Reed" in (out / "quotes.csv").read_text()


def test_cli_extract_bad_model(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(SEED), "--out", str(tmp_path), "--model", "no_such_model_xyz"]
    )
    assert result.exit_code == 1
    assert "no_such_model_xyz" in result.stderr


def test_cli_show_table() -> None:
    result = runner.invoke(app, ["show", str(SEED)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Kim Hee-won" in result.stdout and "continuation" in result.stdout


def test_cli_show_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["show", str(tmp_path / "x.txt")])
    assert result.exit_code == 1
    assert "x.txt" in result.stderr


def test_cli_show_html(tmp_path: Path) -> None:
    page = tmp_path / "view" / "seed.html"
    result = runner.invoke(app, ["show", str(SEED), "--html", str(page)])
    assert result.exit_code == 0, result.output
    text = page.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    for speaker in ("Kim Hee-won", "Choi Jung-gyu", "Keum Sae-rok", "Noh Sang-hyun", "Sohn Jeong-Hyuck"):
        assert f"direct: {speaker}".upper() in text.upper()


def test_cli_stats(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(SEED), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["stats", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())  # a title wraps to its table's width
    for heading in ("totals", "by kind", "by attribution", "top 20 speakers", "no resolved speaker"):
        assert heading in flat
    assert "Keum Sae-rok" in result.stdout


def test_cli_stats_missing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert "nothing" in result.stderr


def test_cli_extract_jsonl_save_text_and_workers(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a", "text": '"We will build the bridge by May," Mayor Tom Brennan said.'},
        {"id": "b", "text": "Nothing quoted in this one."},
        {"id": "c"},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["extract", str(feed), "--out", str(out), "--save-text", "--workers", "2", "--batch-size", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == EXIT_FAILED_ARTICLES
    assert "feed.jsonl:3: no 'text' field" in result.stderr
    (quote,) = rows_of(out / "quotes.jsonl")
    assert (quote["article_id"], quote["speaker"]) == ("feed#a", "Tom Brennan")
    saved = {r["article_id"]: r for r in rows_of(out / "articles.jsonl")}
    assert set(saved) == {"feed#a", "feed#b"}
    text = saved["feed#a"]["text"]
    assert text[quote["start"] : quote["end"]] == quote["text"]  # offsets follow back into the saved text
    assert len(saved["feed#a"]["sha256"]) == 64


def rows_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_cli_extract_format_is_repeatable_parquet_included(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["extract", str(SEED), "--out", str(out), "-f", "parquet", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    assert visible(out) == ["quotes.jsonl", "quotes.parquet"]
    pd.testing.assert_frame_equal(read_quotes(out / "quotes.parquet"), read_quotes(out / "quotes.jsonl"))


@pytest.mark.parametrize(
    ("option", "value"), [("--format", "xlsx"), ("--format", "jsonl,csv"), ("--engine", "spark")]
)
def test_cli_extract_rejects_unknown_choice(tmp_path: Path, option: str, value: str) -> None:
    result = runner.invoke(app, ["extract", str(SEED), "--out", str(tmp_path / "out"), option, value])
    assert result.exit_code == 2
    assert value in result.output and not (tmp_path / "out").exists()


def test_cli_extract_default_glob_reads_every_suffix_but_not_its_own_output(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "walk.md").write_text('"It is a fine day for a walk," said Tom Reed.', encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    args = ["extract", str(folder), "--out", str(folder / "out"), "--save-text"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert again.exit_code == 0, again.output  # quotes.jsonl and articles.jsonl are not read as input
    assert {r["article_id"] for r in rows(folder / "out")} == {"seed", "walk"}
    assert "already done" in again.stdout
