"""First names that tell a gender: which names are kept, the cache, and their vote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotegrab import firstnames


@pytest.fixture
def fake_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    rows = {
        "hannah": [5, 900, 0.99, 3],  # agreed on: female
        "austin": [4, 800, 0.02, 3],  # agreed on: male
        "jordan": [6, 700, 0.55, 3],  # either
        "zelphia": [1, 2, 1.0, 3],  # one source only
        "o'neil": [3, 50, 0.0, 3],  # not a plain word
    }
    data = tmp_path / "name_data.json"
    data.write_text(json.dumps(rows), encoding="utf-8")
    monkeypatch.setattr(firstnames, "_source", lambda: (data, "9.9"))
    monkeypatch.setenv("QUOTEGRAB_CACHE", str(tmp_path / "cache"))
    firstnames.first_name_genders.cache_clear()
    yield data
    firstnames.first_name_genders.cache_clear()


def test_firstnames_keeps_names_the_sources_agree_on(fake_source: Path) -> None:
    assert firstnames.first_name_genders() == {"hannah": "female", "austin": "male"}


def test_firstnames_are_read_back_from_the_cache(fake_source: Path) -> None:
    firstnames.first_name_genders()
    fake_source.unlink()  # the second process reads only the cache
    firstnames.first_name_genders.cache_clear()
    assert firstnames.first_name_genders() == {"hannah": "female", "austin": "male"}
    assert [p.name for p in (fake_source.parent / "cache").iterdir()] == [
        "first_names-nomquamgender-9.9-2-0.9.tsv"
    ]


def test_firstnames_without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(firstnames, "_source", lambda: None)
    firstnames.first_name_genders.cache_clear()
    try:
        assert firstnames.first_name_genders() == {}
    finally:
        firstnames.first_name_genders.cache_clear()


def test_firstnames_vote_for_a_pronoun(extract) -> None:
    text = (
        "Austin Keller was arrested after the chase. Officer Hannah Lindqvist made the arrest.\n\n"
        '"I panicked," he said.'
    )
    assert [q.speaker for q in extract(text) if q.kind == "direct"] == ["Austin Keller"]


def test_firstnames_weight_is_a_config_key() -> None:
    """`first_name_gender_weight: 0` turns the lexicon off, and the pronoun takes the nearer name."""
    import spacy

    from quotegrab import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("quotegrab", config={"first_name_gender_weight": 0})
    text = (
        "Austin Keller was arrested after the chase. Officer Hannah Lindqvist made the arrest.\n\n"
        '"I panicked," he said.'
    )
    assert [q.speaker for q in nlp(text)._.quotes] == ["Hannah Lindqvist"]
