"""Fuzzing the CLI: generated folders that mix good articles with bad files. Every good article is
written, every bad file is in errors.jsonl, and the exit code says that some failed."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from typer.testing import CliRunner

from quotegrab.cli import EXIT_FAILED_ARTICLES, app

runner = CliRunner()

SPEAKERS = ["Maria Lopez", "Tom Reed", "Anna Berg"]
BAD = {
    "empty": b"",
    "blank": b" \n\t\n",
    "binary": b"\x00\x01\x02PK\x03\x04" * 20,
    "undecodable": b"abc \x81\x8d\x8f\x90\x9d" * 10,  # neither UTF-8 nor any encoding that fits
}
good_text = st.builds(
    lambda speaker, words: f'"{words}," {speaker} said.\n\nIt was {len(words)} days ago.',
    st.sampled_from(SPEAKERS),
    st.text(st.sampled_from("abcdefgh "), min_size=3, max_size=30).filter(str.strip),
)
name = st.text(st.sampled_from("abcxyz-_"), min_size=1, max_size=8)
files = st.dictionaries(name, st.one_of(good_text, st.sampled_from(sorted(BAD))), min_size=1, max_size=6)


@settings(max_examples=12)  # the model is loaded once; each example is a run over a few files
@given(files=files, nested=st.booleans())
def test_cli_fuzz_good_written_bad_reported(nlp: Language, files: dict[str, str], nested: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr("quotegrab.cli.load_pipeline", lambda *args, **kwargs: nlp)
        folder = Path(tmp) / "in"
        for stem, content in files.items():
            path = folder / ("sub" if nested and len(stem) % 2 else "") / f"{stem}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(BAD[content] if content in BAD else content.encode("utf-8"))
        out = Path(tmp) / "out"
        result = runner.invoke(
            app, ["extract", str(folder), "--out", str(out), "--workers", "1", "--save-text"]
        )
        good = {p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*.txt")}
        bad = {p for p in good if files[Path(p).name] in BAD}
        good -= bad
        assert result.exit_code == (EXIT_FAILED_ARTICLES if bad else 0), result.output
        written = {
            json.loads(line)["article_id"] for line in (out / "articles.jsonl").read_text().splitlines()
        }
        assert written == good
        errors = out / "errors.jsonl"
        failed = [json.loads(line)["source_path"] for line in errors.read_text().splitlines()] if bad else []
        assert sorted(Path(p).relative_to(folder).with_suffix("").as_posix() for p in failed) == sorted(bad)
        assert not errors.exists() or bad
