"""The seed article must always come out right (issue: end to end)."""

from __future__ import annotations

from conftest import SEED_ID, load_gold
from quotegrab.quotes import is_title_like


def test_seed_direct_quotes_exact(extract) -> None:
    gold = load_gold(SEED_ID)
    found = {(q.start, q.end) for q in extract(gold["text"]) if q.kind == "direct"}
    wanted = [(q["start"], q["end"]) for q in gold["quotes"] if q["kind"] == "direct" and q["speaker"]]
    assert len(wanted) == 14
    assert [w for w in wanted if w not in found] == []


def test_seed_no_titles(extract) -> None:
    gold = load_gold(SEED_ID)
    quotes = extract(gold["text"])
    assert [q.text for q in quotes if is_title_like(q.text)] == []
    assert not any("Soundtrack #" in q.text and len(q.text) < 20 for q in quotes)


def test_seed_speakers(extract) -> None:
    gold = load_gold(SEED_ID)
    predicted = {(q.start, q.end): q.speaker for q in extract(gold["text"])}
    attributed = [q for q in gold["quotes"] if q["kind"] == "direct" and q["speaker"]]
    right = [
        q for q in attributed if (predicted.get((q["start"], q["end"])) or "").lower() == q["speaker"].lower()
    ]
    assert len(right) >= 13, [(q["text"][:30], predicted.get((q["start"], q["end"]))) for q in attributed]


def test_seed_nested_and_continuation(extract) -> None:
    gold = load_gold(SEED_ID)
    quotes = {(q.start, q.end, q.kind): q for q in extract(gold["text"])}
    last = quotes[(4289, 4551, "direct")]
    assert (last.speaker, last.attribution, last.cue) == ("Sohn Jeong-Hyuck", "continuation", None)
    nested = quotes[(4376, 4411, "nested")]
    assert (nested.speaker, nested.cue) == ("the two directors", "say")  # "they": the gold note
    partial = quotes[(313, 373, "direct")]
    assert (partial.speaker, partial.cue) == (None, "described")


def test_seed_text_is_raw_slice(extract) -> None:
    gold = load_gold(SEED_ID)
    for quote in extract(gold["text"]):
        assert gold["text"][quote.start : quote.end] == quote.text
        if quote.speaker_start is not None:
            assert gold["text"][quote.speaker_start : quote.speaker_end] == quote.speaker_mention
