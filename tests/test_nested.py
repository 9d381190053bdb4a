"""Who speaks a nested quote: the "he would say" inside a speaker's story."""

from __future__ import annotations

import pytest


def nested_speaker(extract, text: str) -> str | None:
    return next(q for q in extract(text) if q.kind == "nested").speaker


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "\"My father used to describe it to me. He would say, 'The boats are going home,' "
            'and then he would laugh," Ruth Adler said.',
            "My father",
            id="a-person-named-earlier-in-the-quote",
        ),
        pytest.param(
            "Yusuf Demir said his mother, who still lives in Izmir, had stayed up to watch.\n\n"
            "\"She called me before I had left the stage, and the first thing she said was, 'So now "
            "will you get a proper job?'\" the novelist told reporters.",
            "his mother",
            id="a-subject-of-the-paragraph-before",
        ),
        pytest.param(
            "Colin Treharne admitted the fraud. A new treasurer, Alison Keating, found the invoices.\n\n"
            "Keating said: \"When I asked about the invoice, he looked me in the eye and said, 'Leave "
            "the boats to me, Alison.' I did.\"",
            "Colin Treharne",
            id="never-the-speaker-herself",
        ),
        pytest.param(
            "Keum said she took the part because of the two directors.\n\n"
            '"The story would resonate with viewers," Noh said.\n\n'
            "\"When I doubted myself, they would say, 'It's fine,' and cheer me on,\" Sohn said.",
            "the two directors",
            id="they-is-a-definite-group-not-people-in-general",
        ),
        pytest.param(
            "\"I spoke to a man who has fished there since he was a boy. He told me, 'I am ashamed of "
            "it.'\" Rahman said.",
            "a man who has fished there since he was a boy",
            id="an-object-whose-gender-fits",
        ),
        pytest.param(  # a known miss until nested cues were resolved
            "Rosa Diaz had complained about the heating for months.\n\n"
            "“In her last letter she wrote, ‘Please fix the boiler before winter.’ Nobody did,” "
            "Tom Hale said.",
            "Rosa Diaz",
            id="a-subject-of-the-narration-before",
        ),
    ],
)
def test_nested_pronoun_speakers(extract, text: str, expected: str) -> None:
    assert nested_speaker(extract, text) == expected


def test_nested_pronoun_with_nobody_to_point_to(extract) -> None:
    assert nested_speaker(extract, "\"She said, 'Go home,' and I went,\" Lee Chan said.") is None
