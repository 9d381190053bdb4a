"""The output side of `extract`: an unwritable output fails in one line and leaves nothing behind;
every error is one line, whatever a file is called."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotegrab.cli import EXIT_FAILED_ARTICLES, app
from test_cli import SEED

runner = CliRunner()


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def one_error_line(stderr: str, *names: str) -> str:
    (line,) = [line for line in stderr.splitlines() if line.strip()]  # a progress bar leaves a blank
    assert line.startswith("error:") and all(name in line for name in names), line
    return line


def test_cli_output_out_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("not a folder")
    result = runner.invoke(app, ["extract", str(SEED), "--out", str(target), "--workers", "1"])
    assert result.exit_code == 1
    one_error_line(result.stderr, str(target))
    assert target.read_text() == "not a folder"


def test_cli_output_quotes_csv_is_a_folder_commits_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "quotes.csv").mkdir(parents=True)
    (out / "quotes.jsonl").write_text("an earlier run\n")
    result = runner.invoke(app, ["extract", str(SEED), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    one_error_line(result.stderr, "quotes.csv", "folder")
    assert (out / "quotes.jsonl").read_text() == "an earlier run\n"  # all outputs or none
    assert temporary_files(out) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_cli_output_read_only_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = runner.invoke(app, ["extract", str(SEED), "--out", str(out), "--workers", "1"])
    finally:
        out.chmod(stat.S_IRWXU)
    assert result.exit_code == 1
    one_error_line(result.stderr, str(out))
    assert list(out.iterdir()) == []


def test_cli_output_read_only_when_no_temporary_file_can_be_made(tmp_path: Path, monkeypatch) -> None:
    """A read-only folder does not stop root; so temporary files are refused instead."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    out = tmp_path / "out"
    monkeypatch.setattr("quotegrab.storage.tempfile.mkstemp", refuse)
    result = runner.invoke(app, ["extract", str(SEED), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 1
    one_error_line(result.stderr, str(out), "Permission denied")
    assert temporary_files(out) == []


def test_cli_output_newline_in_a_file_name_is_one_error_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "evil\nerror: forged\x1b[2J.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert result.exit_code == EXIT_FAILED_ARTICLES
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    (line,) = errors
    assert "evil\\nerror: forged\\x1b[2J.txt: empty file" in line


def test_cli_output_folder_is_the_input_folder_never_reads_its_outputs(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    line = {"id": "a", "text": '"It is a fine day for a walk," said Tom Reed.'}
    (folder / "feed.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")
    earlier = runner.invoke(app, ["extract", str(SEED), "--out", str(folder / "earlier")])
    assert earlier.exit_code == 0  # another run's output inside the input folder: never input either
    outputs = []
    for args in ([], [], ["--glob", "*.jsonl"], ["--glob", "*.jsonl"]):
        result = runner.invoke(app, ["extract", str(folder), "--out", str(folder), "--save-text", *args])
        assert result.exit_code == 0, result.output
        outputs.append((folder / "quotes.jsonl").read_text(encoding="utf-8"))
    ids = {json.loads(row)["article_id"] for row in outputs[0].splitlines()}
    assert ids == {"seed", "feed#a"}
    assert outputs[1] == outputs[0]  # rows never grow
    assert outputs[3] == outputs[2]
    assert {json.loads(row)["article_id"] for row in outputs[3].splitlines()} == {"feed#a"}


def test_cli_output_named_output_file_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["extract", str(SEED), "--out", str(out)]).exit_code == 0
    result = runner.invoke(app, ["extract", str(out / "quotes.jsonl"), "--out", str(out), "--force"])
    assert result.exit_code == 1
    assert "quotes.jsonl: is an output of quotegrab, never read as input" in result.stderr


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"text": "x", "quotes": [', "invalid JSON"),
        ('{"quotes": []}', "not a gold file"),
        ("[1, 2]", "gold"),
    ],
    ids=["torn", "no-text", "not-an-object"],
)
def test_cli_output_evaluate_malformed_gold_is_one_line(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1
    one_error_line(result.stderr, "bad.json", reason)


def test_cli_output_evaluate_malformed_predictions_is_one_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text('{"text": "x", "quotes": []}', encoding="utf-8")
    (tmp_path / "pred.jsonl").write_text('{"article_id": "a"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["evaluate", str(gold), "--pred", str(tmp_path / "pred.jsonl")])
    assert result.exit_code == 1
    one_error_line(result.stderr, "pred.jsonl:2")
