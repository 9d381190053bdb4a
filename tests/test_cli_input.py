"""Bad and hostile input from the command line (issue #11): each bad article costs only itself,
gets one error line naming it and a row in errors.jsonl; nothing is skipped without a word."""

from __future__ import annotations

import codecs
import json
import os
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from quotegrab import cli, extract_text
from quotegrab.cli import EXIT_FAILED_ARTICLES, app
from quotegrab.pipeline import ArticleResult
from quotegrab.types import Quote

runner = CliRunner()
STORY = '"We will win the cup again," Maria Lopez said.\n\nShe added that training starts on Monday.'


@pytest.fixture(autouse=True)
def shared_model(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command uses the session's model instead of loading its own."""
    monkeypatch.setattr(cli, "_load", lambda model, indirect=True, fast=False: nlp)


def extract(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["extract", *args, "--workers", "1"], env={"COLUMNS": "200"})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# 4. lone surrogates and undecodable file names


def test_cli_extract_lone_surrogate_costs_only_its_article(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": STORY + " \ud800"},
        {"id": "b", "text": "\udfff"},
        {"id": "c", "text": STORY},
    ]
    feed.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="ascii")  # JSON escapes
    code, _, stderr = extract(str(feed), "--out", str(tmp_path / "out"), "--save-text")
    assert code == 0, stderr
    saved = {r["article_id"]: r["text"] for r in jsonl(tmp_path / "out" / "articles.jsonl")}
    assert saved == {"feed#a": STORY + " \ufffd", "feed#b": "\ufffd", "feed#c": STORY}  # same length
    quotes = jsonl(tmp_path / "out" / "quotes.jsonl")
    assert {q["article_id"] for q in quotes} == {"feed#a", "feed#c"}
    for quote in quotes:
        assert saved[quote["article_id"]][quote["start"] : quote["end"]] == quote["text"]


def test_extract_text_replaces_lone_surrogates_keeping_offsets(nlp: Language) -> None:
    assert extract_text("\ud800", nlp) == []
    raw = "\ud800" + STORY
    (quote,) = extract_text(raw, nlp)
    assert raw[quote.start : quote.end] == quote.text == "We will win the cup again,"


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="file names there are always Unicode")
def test_cli_extract_undecodable_file_name_is_stored_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "w", encoding="utf-8") as handle:
        handle.write(STORY)
    (folder / "plain.txt").write_text(STORY, encoding="utf-8")
    out = tmp_path / "out"
    code, _, stderr = extract(str(folder), "--out", str(out))
    assert code == 0, stderr
    assert {q["article_id"] for q in jsonl(out / "quotes.jsonl")} == {"caf\\xe9", "plain"}
    assert "caf\\xe9" in (out / "quotes.csv").read_text(encoding="utf-8")


# 7, 8. byte-order marks and guessed encodings


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-8-sig"])
def test_cli_extract_reads_text_with_a_bom(tmp_path: Path, codec: str) -> None:
    bom = {
        "utf-16-le": codecs.BOM_UTF16_LE,
        "utf-16-be": codecs.BOM_UTF16_BE,
        "utf-32-le": codecs.BOM_UTF32_LE,
    }
    data = bom.get(codec, b"") + STORY.encode(codec)
    (tmp_path / "story.txt").write_bytes(data)
    code, _, stderr = extract(str(tmp_path / "story.txt"), "--out", str(tmp_path / "out"))
    assert code == 0, stderr  # not "binary file"
    (quote,) = jsonl(tmp_path / "out" / "quotes.jsonl")
    assert (quote["text"], quote["speaker"]) == ("We will win the cup again,", "Maria Lopez")


def test_cli_extract_warns_when_encoding_guessed(tmp_path: Path) -> None:
    story = '"C\'est déjà fini, à côté," Renée Dubois said.'
    (tmp_path / "fr.txt").write_bytes(story.encode("cp1252"))
    (tmp_path / "plain.txt").write_text(STORY, encoding="utf-8")
    code, stdout, stderr = extract(str(tmp_path), "--out", str(tmp_path / "out"), "--save-text")
    assert code == 0, stderr
    assert f"warning: {tmp_path / 'fr.txt'}: not UTF-8, encoding guessed as cp1252" in stderr
    assert "encoding guessed" in stdout and "plain.txt" not in stderr
    saved = {r["article_id"]: r["text"] for r in jsonl(tmp_path / "out" / "articles.jsonl")}
    assert saved["fr"] == story  # "déjà", not cp1257's "déją"


# 11. nothing under an input folder is skipped without a word


@pytest.mark.parametrize("case", ["broken-link", "self-loop", "folder-loop", "unreadable-folder"])
def test_cli_extract_reports_what_a_folder_walk_cannot_read(tmp_path: Path, case: str) -> None:
    if case == "unreadable-folder" and os.geteuid() == 0:
        pytest.skip("root reads a chmod 000 folder anyway")
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    bad = {
        "broken-link": folder / "gone.txt",
        "self-loop": folder / "self.txt",
        "folder-loop": folder / "sub" / "up",
        "unreadable-folder": folder / "sub",
    }[case]
    if case == "broken-link":
        bad.symlink_to(folder / "missing.txt")
    elif case == "self-loop":
        bad.symlink_to(bad)
    elif case == "folder-loop":
        bad.symlink_to(folder, target_is_directory=True)
    else:
        (bad / "hidden.txt").write_text(STORY, encoding="utf-8")
        bad.chmod(0)
    try:
        code, _, stderr = extract(str(folder), "--out", str(tmp_path / "out"))
    finally:
        (folder / "sub").chmod(0o755)
    assert code == EXIT_FAILED_ARTICLES, stderr
    (line,) = errors(stderr)
    assert line.startswith(f"error: {bad}: ")
    (row,) = jsonl(tmp_path / "out" / "errors.jsonl")
    assert row["source_path"] == str(bad)
    assert {q["article_id"] for q in jsonl(tmp_path / "out" / "quotes.jsonl")} == {"good"}


def test_cli_extract_reports_a_folder_it_cannot_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unreadable-folder case without chmod, which root ignores: listing the folder fails."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "good.txt").write_text(STORY, encoding="utf-8")
    scandir = os.scandir

    def refuse(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr("quotegrab.walk.os.scandir", refuse)
    code, _, stderr = extract(str(folder), "--out", str(tmp_path / "out"))
    assert code == EXIT_FAILED_ARTICLES
    assert errors(stderr) == [f"error: {folder / 'locked'}: cannot read folder: Permission denied"]
    assert {q["article_id"] for q in jsonl(tmp_path / "out" / "quotes.jsonl")} == {"good"}


# 12, 16. one bad JSON line costs only that line


def test_cli_extract_jsonl_nul_byte_fails_only_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": STORY}).encode()
    feed.write_bytes(good + b'\n{"id": "b", "text": "x\x00y"}\n' + good.replace(b'"a"', b'"c"') + b"\n")
    code, _, stderr = extract(str(feed), "--out", str(tmp_path / "out"))
    assert code == EXIT_FAILED_ARTICLES
    assert errors(stderr) == [f"error: {feed}:2: NUL byte in the line"]
    assert {q["article_id"] for q in jsonl(tmp_path / "out" / "quotes.jsonl")} == {"feed#a", "feed#c"}


@pytest.mark.parametrize(("value", "kind"), [(7, "int"), (["a"], "list"), (None, "NoneType")])
def test_cli_extract_json_text_not_a_string(tmp_path: Path, value: object, kind: str) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": value}), encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps({"text": STORY}), encoding="utf-8")
    code, _, stderr = extract(str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == EXIT_FAILED_ARTICLES
    assert errors(stderr) == [f"error: {tmp_path / 'one.json'}: text is not a string: {kind}"]


# 13. too big a file is refused from its size


def test_cli_extract_refuses_file_over_max_bytes_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(150_000_000)  # sparse: no disk, and reading it would take seconds
    (tmp_path / "small.txt").write_text(STORY, encoding="utf-8")
    read = Path.read_bytes

    def guarded(path: Path) -> bytes:
        assert path.name != "big.txt", "the big file was read"
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", guarded)
    code, _, stderr = extract(str(tmp_path), "--out", str(tmp_path / "out"))
    assert code == EXIT_FAILED_ARTICLES
    assert errors(stderr) == [
        f"error: {big}: too big: 150,000,000 bytes, over the limit of 100,000,000 (--max-bytes)"
    ]
    code, _, stderr = extract(str(tmp_path / "small.txt"), "--out", str(tmp_path / "o2"), "--max-bytes", "10")
    assert code == EXIT_FAILED_ARTICLES and "small.txt: too big: 89 bytes" in stderr


# 15. CSV injection


@pytest.mark.parametrize("safe", [False, True])
def test_cli_extract_csv_safe_prefixes_formula_cells(tmp_path: Path, safe: bool) -> None:
    (tmp_path / "=SUM(A1).txt").write_text(STORY, encoding="utf-8")
    args = [str(tmp_path / "=SUM(A1).txt"), "--out", str(tmp_path / "out")]
    code, _, stderr = extract(*args, *(["--csv-safe"] if safe else []))
    assert code == 0, stderr
    cell = (tmp_path / "out" / "quotes.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    assert cell == ("'=SUM(A1)" if safe else "=SUM(A1)")
    assert jsonl(tmp_path / "out" / "quotes.jsonl")[0]["article_id"] == "=SUM(A1)"  # only the CSV


# 6. show --html


def test_cli_show_html_escapes_hostile_speaker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = STORY
    speaker = 'Kim_<script>alert("x")</script> & "Co"'
    start, end, at = raw.index("We"), raw.index(',"') + 1, raw.index("Maria")
    quote = Quote("direct", raw[start:end], start, end, speaker, raw[at : at + 11], at, at + 11)
    result = ArticleResult("story", "story.txt", (quote,), text=raw)
    monkeypatch.setattr(cli, "process", lambda *a, **k: iter([result]))
    (tmp_path / "story.txt").write_text(raw, encoding="utf-8")
    page = tmp_path / "story.html"
    outcome = runner.invoke(app, ["show", str(tmp_path / "story.txt"), "--html", str(page)])
    assert outcome.exit_code == 0, outcome.output
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and 'alert("x")' not in html
    assert "Kim_&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;" in html
