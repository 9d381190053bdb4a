"""Property tests: on any text, however odd, extraction never raises and its offsets hold.

The generated text leans on what breaks rule-based extractors: quote marks of every
kind, hyphens and apostrophes, capitalised runs that look like names, titles, empty
lines and lines of punctuation. The example budget is fixed and CI runs derandomised
(see conftest.py), so the suite stays fast and repeatable.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from quotegrab import extract_text
from quotegrab.clean import clean

PIECES = [
    '"',
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "-",
    "—",
    " - ",
    "'s",
    "’s",
    "s'",
    "Attorney-General",
    "-General",
    "Sergeant-at-Arms",
    "Governor-General's",
    "Kim Hee-won",
    "Angel Di Maria",
    "Dr.",
    "Ms",
    "MS",
    "DI",
    "KC",
    "the director",
    "she",
    "they",
    "it",
    "said",
    "says",
    "told",
    "according to",
    "in the words of",
    "asked",
    ",",
    ".",
    ":",
    "?",
    "!",
    "(",
    ")",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\n \n",
    "\n.\n",
    "\n***\n",
    "Photo: AP",
    "By Jane Doe",
    "OTTAWA —",
    "10:42 a.m.",
    "Story continues below advertisement",
    "The mayor spoke at length about the bridge, the budget and the buses, and about much else that day.",
]
WORDS = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), max_size=8)
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), WORDS), min_size=1, max_size=60).map("".join)
# Articles laid out as scraped text is: blocks of lines, blank lines between blocks.
LINES = st.lists(st.one_of(st.sampled_from(PIECES), WORDS), min_size=1, max_size=12).map("".join)
ARTICLES = st.lists(st.lists(LINES, min_size=1, max_size=4).map("\n".join), min_size=1, max_size=4).map(
    "\n\n".join
)


def check_offsets(text: str, quotes: list) -> None:
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert quote.text == text[quote.start : quote.end]
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start <= quote.speaker_end <= len(text)
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
        if quote.cue_start is not None:
            assert 0 <= quote.cue_start <= quote.cue_end <= len(text)


@given(st.one_of(TEXTS, ARTICLES))
def test_properties_extract_text_never_raises_and_offsets_hold(nlp: Language, text: str) -> None:
    quotes = extract_text(text, nlp)
    check_offsets(text, quotes)
    assert extract_text(text, nlp) == quotes  # deterministic


@given(TEXTS)
def test_properties_component_never_raises(nlp: Language, text: str) -> None:
    doc = nlp(text)
    check_offsets(doc.text, list(doc._.quotes))
    assert len(doc.spans["quotes"]) <= len(doc._.quotes)


@given(st.one_of(TEXTS, ARTICLES))
def test_properties_clean_offsets_land_on_the_same_letters(text: str) -> None:
    """Every letter of the clean text maps back to the same letter of the raw text."""
    cleaned = clean(text)
    assert len(cleaned.offsets) == len(cleaned.text) + 1
    for i, char in enumerate(cleaned.text):
        if char.isalnum():
            assert text[cleaned.offsets[i]] == char, (i, char)


@settings(max_examples=60)
@given(st.one_of(TEXTS, ARTICLES))
def test_properties_fast_mode_never_raises_and_offsets_hold(fast_nlp: Language, text: str) -> None:
    quotes = extract_text(text, fast_nlp)
    check_offsets(text, quotes)
    assert extract_text(text, fast_nlp) == quotes  # deterministic
