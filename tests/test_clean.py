from __future__ import annotations

import pytest

from quotegrab.clean import (
    clean,
    clean_text,
    normalize_apostrophes,
    normalize_newlines,
    normalize_quote_marks,
    normalize_spaces,
    paragraph_index,
    remove_invisible,
    strip_noise_paragraphs,
)

PHOTO_SENTENCE = (
    "The police released a photo of the suspect, which shows a man in a red jacket walking towards "
    "the station at about 10pm on Tuesday, and asked anyone who recognised him to call at once."
)


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (normalize_newlines, "a\r\nb\rc\n", "a\nb\nc\n"),
        (remove_invisible, "in\u200bvis\u00adible\ufeff", "invisible"),
        (normalize_spaces, "a\u00a0 \t b", "a b"),
        (normalize_quote_marks, "«Oui», „ja“, ``yes''", "“Oui”, “ja“, “yes”"),
        (normalize_quote_marks, 'plain "text" stays', 'plain "text" stays'),
        (normalize_apostrophes, "don’t ‘quote’ O’Hara", "don't ‘quote’ O'Hara"),
        (
            strip_noise_paragraphs,
            " date 2023-12-06 'Show' teaser. Screenshot from Disney+.\n\nBody.",
            "Body.",
        ),
        (strip_noise_paragraphs, "Photo: The mayor at city hall.\nBody text.", "Body text."),
        # A real sentence that mentions a photo is article text, not a caption.
        (
            strip_noise_paragraphs,
            PHOTO_SENTENCE,
            PHOTO_SENTENCE,
        ),
    ],
)
def test_clean_step(step, text: str, expected: str) -> None:
    assert step(text) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\nTwo.\n", "One.\n\nTwo."),  # one paragraph per line
        ("One.\n\n\n\nTwo.", "One.\n\nTwo."),
        ("A hard-wrapped\nparagraph here.\n\nNext one.", "A hard-wrapped paragraph here.\n\nNext one."),
        ("  Lead  spaces \r\n\r\nEnd  ", "Lead spaces\n\nEnd"),
    ],
)
def test_clean_paragraph_layout(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected
    assert clean(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "Photo: caption here\r\n\r\n\u201cWe won,\u201d\u00a0she  said.\r\n\r\n\u00abOui\u00bb, said Jean.",
        " date 2023-12-06 'X' teaser. Screenshot from Y.\n\n\"Yes,\" he\u200b said.\n\nOne\nline\n\nmore",
        "no change at all",
    ],
)
def test_clean_offsets_point_back_to_raw(raw: str) -> None:
    cleaned = clean(raw)
    assert len(cleaned.offsets) == len(cleaned.text) + 1
    for i, char in enumerate(cleaned.text):
        source = raw[cleaned.offsets[i]]
        if char.isalnum():  # letters are never rewritten, so they map to themselves
            assert source == char, (i, char, source)
    for word in ("said", "Oui", "Yes", "We won", "more"):
        at = cleaned.text.find(word)
        if at >= 0:
            start, end = cleaned.to_raw(at, at + len(word))
            assert raw[start:end].replace("\u200b", "") == word


def test_clean_paragraph_index_counts_raw_paragraphs() -> None:
    raw = "Caption\n\nFirst para.\n\n\nSecond para."
    index = paragraph_index(raw)
    assert [index(raw.index(w)) for w in ("Caption", "First", "Second")] == [0, 1, 2]
    lines = "one\ntwo\nthree"
    assert paragraph_index(lines)(lines.index("three")) == 2
