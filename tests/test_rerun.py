"""Reruns into a folder that holds results: ids that cannot collide, settings that must match,
inputs that are gone. Each is run from the CLI, where the data loss showed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotegrab.cli import EXIT_FAILED_ARTICLES, app
from test_cli import rows_of
from test_run import make_corpus

runner = CliRunner()


def extract(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["extract", *map(str, args), "--workers", "1"], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and p.suffix != ".lock"}


def speakers(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in rows_of(out / "quotes.jsonl"):
        found.setdefault(row["article_id"], set()).add(row["speaker"])
    return found


def test_rerun_same_name_in_two_folders_gives_two_ids(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text('"We start in May," Maria Lopez said.', encoding="utf-8")
    (tmp_path / "b" / "x.txt").write_text('"We start in June," Tom Reed said.', encoding="utf-8")
    out = tmp_path / "out"
    args = (tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt", "--out", out)
    assert extract(*args)[0] == 0
    assert speakers(out) == {"a/x": {"Maria Lopez"}, "b/x": {"Tom Reed"}}
    first = outputs(out)
    for _ in range(2):
        code, stdout, _ = extract(*args)
        assert code == 0 and "already done" in stdout
        assert outputs(out) == first


def test_rerun_duplicate_jsonl_id_is_an_error_naming_both(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": '"We start in May," Maria Lopez said.'},
        {"id": "b", "text": '"Nothing yet," Anna Berg said.'},
        {"id": "a", "text": '"We start in June," Tom Reed said.'},
    ]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = extract(feed, "--out", out)
    assert code == EXIT_FAILED_ARTICLES
    (line,) = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert "duplicate article id 'feed#a'" in line and line.count(str(feed)) == 2
    assert speakers(out) == {"feed#a": {"Maria Lopez"}, "feed#b": {"Anna Berg"}}
    first = outputs(out)
    for _ in range(2):  # the same article wins every time; the other stays an error
        assert extract(feed, "--out", out)[0] == EXIT_FAILED_ARTICLES
        assert outputs(out) == first


def test_rerun_other_settings_refused_then_forced(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 2)
    out = tmp_path / "out"
    assert extract(corpus, "--out", out)[0] == 0
    assert {r["kind"] for r in rows_of(out / "quotes.jsonl")} == {"direct", "indirect"}
    before = outputs(out)
    code, _, stderr = extract(corpus, "--out", out, "--no-indirect")
    assert code == 1
    (line,) = [line for line in stderr.splitlines() if line.strip()]
    assert str(out) in line and "indirect True -> False" in line and "--force" in line
    assert outputs(out) == before
    assert extract(corpus, "--out", out, "--no-indirect", "--force")[0] == 0
    assert {r["kind"] for r in rows_of(out / "quotes.jsonl")} == {"direct"}


def test_rerun_other_model_version_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path / "in", 1)
    out = tmp_path / "out"
    assert extract(corpus, "--out", out)[0] == 0
    monkeypatch.setattr("quotegrab.settings.model_version", lambda model: "9.9.9")
    code, _, stderr = extract(corpus, "--out", out)
    assert code == 1 and "model_version 3.8.0 -> 9.9.9" in stderr


def test_rerun_other_inputs_refused_naming_both(tmp_path: Path) -> None:
    first, second = make_corpus(tmp_path / "first", 1), make_corpus(tmp_path / "second", 1)
    out = tmp_path / "out"
    assert extract(first, "--out", out)[0] == 0
    before = outputs(out)
    code, _, stderr = extract(second, "--out", out)
    assert code == 1
    (line,) = [line for line in stderr.splitlines() if line.strip()]
    assert str(first) in line and str(second) in line and "--force" in line
    assert outputs(out) == before
    assert extract(second, "--out", out, "--force")[0] == 0


def test_rerun_deleted_inputs_are_dropped_and_counted(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 3)
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert extract(corpus, "--out", out)[0] == EXIT_FAILED_ARTICLES
    assert set(speakers(out)) == {"story-0000", "story-0001", "story-0002"}
    (corpus / "story-0001.txt").unlink()
    (corpus / "empty.txt").unlink()
    code, stdout, _ = extract(corpus, "--out", out)
    assert code == 0
    assert set(speakers(out)) == {"story-0000", "story-0002"}
    assert not (out / "errors.jsonl").exists()
    (row,) = [line for line in stdout.splitlines() if "dropped, input gone" in line]
    assert row.split("│")[2].strip() == "2"


def test_rerun_same_id_from_two_files_is_an_error_naming_both(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "x.md").write_text('"We start in May," Maria Lopez said.', encoding="utf-8")
    (corpus / "x.txt").write_text('"We start in June," Tom Reed said.', encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        code, _, stderr = extract(corpus, "--out", out, corpus / "x.md")  # x.md given twice: read once
        assert code == EXIT_FAILED_ARTICLES
        (line,) = [line for line in stderr.splitlines() if line.startswith("error:")]
        assert "duplicate article id 'x'" in line and "x.md" in line and "x.txt" in line
        assert speakers(out) == {"x": {"Maria Lopez"}}
