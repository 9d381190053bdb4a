"""The HTML article view: every quote, speaker and cue marked, nothing from the article injected."""

from __future__ import annotations

import dataclasses

import pytest

from quotegrab import Quote, render_html
from quotegrab.view import quote_marks

RAW = 'Tom said no, and "We will win," Maria Lopez said.'
START, END = RAW.index("We"), RAW.index(',"') + 1
SPEAKER = RAW.index("Maria")
CUE = RAW.rindex("said")
QUOTE = Quote(
    "direct", RAW[START:END], START, END, "Maria Lopez", "Maria Lopez", SPEAKER, SPEAKER + 11, "said",
    "explicit", 0, "person", CUE, CUE + 4,
)  # fmt: skip


def test_view_html_has_every_quote_and_speaker(extract) -> None:
    raw = '"We will win the title," Maria Lopez said.\n\n"It is <b>over</b>," she added, "and we know it."'
    quotes = extract(raw)
    page = render_html(raw, quotes, title="test & title")
    assert page.startswith("<!DOCTYPE html>") and "test &amp; title" in page
    assert "<b>" not in page and "&lt;" in page  # article text is escaped, not injected
    for quote in quotes:
        assert f"{quote.kind}: {quote.speaker}".upper() in page.upper()


@pytest.mark.parametrize(
    ("cue_start", "cue_end", "expected"),
    [(CUE, CUE + 4, [(CUE, CUE + 4, "cue")]), (None, None, [])],
    ids=["cue-offsets", "no-cue-offsets"],
)
def test_view_marks_cue_at_its_offsets(cue_start: int | None, cue_end: int | None, expected: list) -> None:
    quote = dataclasses.replace(QUOTE, cue_start=cue_start, cue_end=cue_end)
    cues = [mark for mark in quote_marks([quote]) if mark[2] == "cue"]
    assert cues == expected  # never re-found in the text: "said" occurs twice
    page = render_html(RAW, [quote])
    assert page.count("background: #cdb4db; top") == 2 * len(expected)  # the cue's underline and label


def test_view_escapes_speaker_labels() -> None:
    speaker = '<script>alert("x")</script> & "Co"'
    page = render_html(RAW, [dataclasses.replace(QUOTE, speaker=speaker)])
    assert "<script>" not in page and 'alert("x")' not in page
    assert "direct: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Co&quot;" in page
