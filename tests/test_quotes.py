from __future__ import annotations

import pytest

from quotegrab.clean import clean_text
from quotegrab.quotes import find_quotes, is_speech, is_title_like


def spans(text: str) -> list[tuple[str, str]]:
    text = clean_text(text)
    return [(q.kind, text[q.start : q.end]) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We won," she said.', [("direct", "We won,")]),
        ("“We won,” she said.", [("direct", "We won,")]),
        ('He said: "It is over." Then he left.', [("direct", "It is over.")]),
        # split quote: two spans around the attribution
        ('"I think," she said, "it works."', [("direct", "I think,"), ("direct", "it works.")]),
        # nested single quotes, apostrophes left alone
        (
            "\"They told me, 'don't stop,' and I didn't,\" he said.",
            [("direct", "They told me, 'don't stop,' and I didn't,"), ("nested", "don't stop,")],
        ),
        ("“He said ‘never’ to me,” she said.", [("direct", "He said ‘never’ to me,"), ("nested", "never")]),
        # a stray single mark inside a quote is ignored, the quote survives
        (
            "\"if it's Soundtrack #2,' it's even better.\"",
            [("direct", "if it's Soundtrack #2,' it's even better.")],
        ),
        # possessive s' is not a closing mark when a real one follows
        (
            "\"She said 'the players' union is wrong' today,\" he added.",
            [
                ("direct", "She said 'the players' union is wrong' today,"),
                ("nested", "the players' union is wrong"),
            ],
        ),
        # multi-paragraph: the paragraph ends open, the next reopens
        (
            '"First part of it.\n\n"Second part," she said.',
            [("direct", 'First part of it.\n\n"Second part,')],
        ),
        # ... and the same with the paragraph break lost in scraping: cleaning puts it back
        ('"First part of it. "Second part," she said.', [("direct", 'First part of it.\n\n"Second part,')]),
        # unbalanced: no closing mark, the next paragraph does not reopen
        ('"We will win, Smith said.\n\nThe match starts at noon.', [("direct", "We will win,")]),
        ('"Never again\n\nNext paragraph.', [("direct", "Never again")]),
        # ... and the speech stops before an attribution with an appositive
        ('"We will win. Ann Roy, the mayor, said it was a blow.\n\nNext.', [("direct", "We will win.")]),
        ('"We will win. Ann Roy, 54, told reporters.\n\nNext.', [("direct", "We will win.")]),
        # ... but not at a list of names, or of nouns with no verb after them
        (
            '"We will win. Ann, Bob, said nothing.\n\nNext.',
            [("direct", "We will win. Ann, Bob, said nothing.")],
        ),
        (
            '"We will win, the mayor, the board and the council.\n\nNext.',
            [("direct", "We will win, the mayor, the board and the council.")],
        ),
        # a second opener while open: the first quote lost its closing mark
        ('"We won, he said. "Next we go home."', [("direct", "We won,"), ("direct", "Next we go home.")]),
        # a closing mark with nothing open is stray
        ('The end" of it. "Real quote," he said.', [("direct", "Real quote,")]),
        # British style: single marks are the quotes, doubles nested
        (
            "'We were brilliant,' said Mensah. 'The \"best\" team won.'",
            [("direct", "We were brilliant,"), ("direct", 'The "best" team won.'), ("nested", "best")],
        ),
        # a straight mark after speech's punctuation, glued to the next word: the state decides
        ('"No way,"she said. "We will not go."', [("direct", "No way,"), ("direct", "We will not go.")]),
        ('He said,"Look at this." Then he left.', [("direct", "Look at this.")]),
        ('"Why?"he asked. "Because."', [("direct", "Why?"), ("direct", "Because.")]),
        ("No quotes here at all.", []),
    ],
)
def test_quotes_find(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


def test_quotes_one_bad_mark_keeps_the_rest() -> None:
    text = '"Broken start.\n\nPlain narration here.\n\n"A fine quote," she said.\n\n"Another," he said.'
    found = [t for _, t in spans(text)]
    assert "A fine quote," in found
    assert "Another," in found


@pytest.mark.parametrize(
    ("text", "has_cue", "expected"),
    [
        ("Soundtrack #2", False, False),  # title
        ("Soundtrack #2,", False, False),
        ("The Lord of the Rings", False, False),
        ("reform", False, False),  # scare quote
        ("so-called experts", False, False),
        ("two young sweethearts who break up after six years together.", False, True),
        ("We will fight on,", True, True),
        ("No,", True, True),  # short, but right beside "she said"
        ("Absolutely,", True, True),
        ("very good", True, True),
        ("fake news", False, False),
        ("", True, False),
    ],
)
def test_quotes_is_speech(text: str, has_cue: bool, expected: bool) -> None:
    assert is_speech(text, has_cue) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Soundtrack #2", True), ("Game of Thrones", True), ("we won the game", False), ("I Did It", True)],
)
def test_quotes_is_title_like(text: str, expected: bool) -> None:
    assert is_title_like(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council met on Tuesday to discuss the budget.", False),
        ("Prices rose sharply in May and fell in June.", False),
        ("She said the plan had failed.", True),
        ("According to police, the road was closed.", True),
        ("The minister warned voters about the cost.", True),
        ("He called it a “disaster”.", True),
        ("It isn't over.", True),  # an apostrophe: cheap to parse rather than risk a miss
        ("THE MINISTER SAID NOTHING MORE.", True),  # any case
        ("In the words of the coach, it was a long season.", True),
        ("What was left unsaid mattered more.", False),  # a form inside a word is no form
        ("Files named said_2024 were lost.", False),
        ("Warnings: none.", False),
    ],
)
def test_quotes_could_quote(text: str, expected: bool) -> None:
    from quotegrab.signals import could_quote

    assert could_quote(text) is expected


def test_quotes_could_quote_matches_every_form_as_a_whole_word() -> None:
    """The forms are tested as a set of words; one that is not a single word (a user's lexicon
    may have "co-signed") is still found, and only as a whole."""
    from quotegrab.signals import SpeechSignals

    signals = SpeechSignals(["said", "co-signed", "Told"], ["said"])
    assert signals.could_quote("Both of them co-signed the letter.")
    assert signals.could_quote("She told him.")
    assert not signals.could_quote("The co-signedness of it.")
    assert not signals.could_quote("Nothing here.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She was asked again.\n\n"No."\n\nThe room fell silent.', True),
        ('"Never," she said.', False),
        ('The film "Low Tide" opens Friday.', False),
    ],
)
def test_quotes_fills_paragraph(text: str, expected: bool) -> None:
    from quotegrab.context import Paragraphs
    from quotegrab.quotes import fills_paragraph

    (span,) = [s for s in find_quotes(text) if s.kind == "direct"]
    assert fills_paragraph(text, span, Paragraphs(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fans cheered, said Bev Collins. ‘Simple as that.’", True),
        ('Kim laughed. "No way!" Then she left.', True),
        ('The film "Low Tide." opens Friday.', False),  # nothing opens a sentence after it
        ('The sign read "Keep out." Nobody did.', False),  # mid-sentence
        ('He called it "a start" on Monday.', False),
    ],
)
def test_quotes_fills_sentence(text: str, expected: bool) -> None:
    from quotegrab.quotes import fills_sentence

    (span,) = [s for s in find_quotes(text) if s.kind == "direct"]
    assert fills_sentence(text, span) is expected


def test_quotes_sentence_quote_after_an_attributed_one_is_speech(extract) -> None:
    text = "‘We deserved that,’ said season-ticket holder Bev Collins, 58. ‘Simple as that.’"
    assert [(q.text, q.speaker) for q in extract(text)] == [
        ("We deserved that,", "Bev Collins"),
        ("Simple as that.", "Bev Collins"),
    ]


def test_quotes_whole_paragraph_quote_is_speech(extract) -> None:
    """A one-word line of dialogue is a quote, not a title or a scare quote."""
    quotes = extract('"Will you resign?" the host asked.\n\n"No."')
    assert [q.text for q in quotes] == ["Will you resign?", "No."]
