from __future__ import annotations

import pytest

from quotegrab.clean import (
    clean,
    clean_text,
    normalize_apostrophes,
    normalize_dashes,
    normalize_newlines,
    normalize_quote_marks,
    normalize_spaces,
    paragraph_index,
    recover_paragraphs,
    remove_invisible,
    strip_datelines,
    strip_headlines,
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
        (normalize_dashes, "made public \u2015 Trump said", "made public \u2014 Trump said"),
        (normalize_dashes, "1990\u20131994 \u2014 a - b", "1990\u20131994 \u2014 a - b"),
        (normalize_dashes, '"We won." -Ann Lee', '"We won." \u2014Ann Lee'),
        (normalize_dashes, "\u201cWe won.\u201d - Ann Lee", "\u201cWe won.\u201d \u2014 Ann Lee"),
        (normalize_dashes, '"We won."\n-Ann Lee', '"We won."\n\u2014Ann Lee'),
        (normalize_dashes, "Items:\n- Ann Lee", "Items:\n- Ann Lee"),  # a list's hyphen
        (normalize_dashes, '"We won." - and then', '"We won." - and then'),  # no capital after it
        (normalize_dashes, "a well-known - Ann Lee", "a well-known - Ann Lee"),  # no quote before it
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
    ("line", "noise"),
    [
        ("Story continues below advertisement", True),
        ("WATCH: Storm hits the coast", True),
        ("READ MORE: Budget fight looms", True),
        ("Related: Council votes on fares", True),
        ("Sign up for our morning newsletter", True),
        ("Click here to read the report", True),
        ("Advertisement", True),
        ("Share this article", True),
        ("(Getty Images)", True),
        ("Photo: Sam Li/Reuters", True),
        ("The Canadian Press/Jane Doe", True),
        ("AP Photo/Ann Roe", True),
        ("File photo", True),
        ("Mayor Ann Roy speaks to reporters on Tuesday. (City of Halden)", True),
        ("A pharmacy branch in Leeds city centre. Photo: Tom Greaves", True),
        ("Passengers queue at the Tasman Air counter on Wednesday. Photo / Sam Te Rangi", True),
        ("By Jane Doe, Staff Writer", True),
        ("Jane Doe · Reporter", True),
        ("Updated 3:45 p.m. ET", True),
        ("Published: 12 March 2024", True),
        ("10:42 a.m.", True),
        (" .", True),
        ("***", True),
        # article text that starts like furniture is kept
        ("By the end of the year, the council said, the bridge would close.", False),
        ("Related to this, Kim said the plan had failed.", False),
        ("Comments from residents were mixed, the council said.", False),
        ("Updated figures show that prices rose.", False),
        ("Share prices fell 4% on Monday, the exchange said.", False),
        ("Watch this space, the mayor said.", False),
        ('"No."', False),
        ("The council said it would appeal. (It did.)", False),
    ],
)
def test_clean_noise_lines(line: str, noise: bool) -> None:
    assert (strip_noise_paragraphs(f"{line}\n\nBody text.") == "Body text.") is noise


@pytest.mark.parametrize(
    ("step", "text", "expected"),
    [
        (
            strip_headlines,
            "Fare rise ahead: mayor\n\nMayor Ann Roy said fares rise.",
            "Mayor Ann Roy said fares rise.",
        ),
        (
            strip_headlines,
            "'We will fight': union\n\nThe union said it would strike.",
            "The union said it would strike.",
        ),
        # a headline may end in a quoted phrase with no stop of its own
        (
            strip_headlines,
            'Landlords vow lawsuit; mayor calls vote "a start"\n\nThe council voted 5-4.',
            "The council voted 5-4.",
        ),
        (
            strip_headlines,
            "Chief vows court fight: “This is our river”\n\nChief Ann Roy said the band would sue.",
            "Chief Ann Roy said the band would sue.",
        ),
        # a quote paragraph whose stop sits inside its marks stays
        (strip_headlines, '"We will win."\n\nRoy left.', '"We will win."\n\nRoy left.'),
        # a sentence, a lead-in and a quote paragraph stay
        (strip_headlines, 'Roy spoke first.\n\nShe said:\n\n"No."', 'Roy spoke first.\n\nShe said:\n\n"No."'),
        (strip_headlines, "Last line without stop", "Last line without stop"),  # nothing below it
        (strip_datelines, "OTTAWA — Mayor Ann Roy said fares rise.", "Mayor Ann Roy said fares rise."),
        (strip_datelines, "LONDON (Reuters) - Shares fell.", "Shares fell."),
        (strip_datelines, "10:42 a.m. The council voted 7-2.", "The council voted 7-2."),
        (strip_datelines, "NATO allies met on Friday.", "NATO allies met on Friday."),
        (strip_datelines, "12.50 euros was the price.", "12.50 euros was the price."),
    ],
)
def test_clean_headlines_and_datelines(step, text: str, expected: str) -> None:
    assert step(text) == expected


def test_clean_dropped_noise_keeps_the_paragraph_break_below_it() -> None:
    """A byline's role line must not run into the story when the time stamp between them goes."""
    raw = "By Liam Doyle\nBusiness Reporter\nUpdated 11.48am, 19 Feb 2025\n\nKERRIGAN, VIC — The mill shuts."
    assert clean_text(raw) == "The mill shuts."


def test_clean_separator_line_keeps_a_quote_running() -> None:
    """A separator between the paragraphs of one quote is dropped, so the quote still continues."""
    raw = '"We have no choice," Roy said. "The budget is gone.\n\n .\n\n"We will fight for every rider."'
    assert (
        clean_text(raw)
        == '"We have no choice," Roy said. "The budget is gone.\n\n"We will fight for every rider."'
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("One.\nTwo.\n", "One.\n\nTwo."),  # one paragraph per line
        ("One.\n\n\n\nTwo.", "One.\n\nTwo."),
        ("A hard-wrapped\nparagraph here.\n\nNext one.", "A hard-wrapped paragraph here.\n\nNext one."),
        ("  Lead  spaces. \r\n\r\nEnd  ", "Lead spaces.\n\nEnd"),
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
        'Fares up: mayor\n\nBy Jane Doe\n\nOTTAWA — "Yes," said Ann Roy.\n\n(Getty Images)\n\nWe won more.',
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


@pytest.mark.parametrize(
    ("raw", "phrase", "written"),
    [
        (
            "Staff at St Fintan’s University Hospital met.",
            "St Fintan's University Hospital",
            "St Fintan’s University Hospital",
        ),
        (
            "The Nurses’  Union spoke.",
            "Nurses' Union",
            "Nurses' Union",
        ),  # two spaces: not a character-step twin
        ("Kim Lee spoke.", "Kim Lee", "Kim Lee"),
        ("Kim Lee spoke.", "Ann Roy", "Ann Roy"),  # not in the text: as given
    ],
)
def test_clean_as_written(raw: str, phrase: str, written: str) -> None:
    assert clean(raw).as_written(phrase, len(raw)) == written


def test_clean_offsets_do_not_drift_after_a_split_block() -> None:
    """A block of long lines becomes one paragraph per line: later offsets stay on their words."""
    raw = (
        "Headline\n\n"
        + "The mayor spoke at length about the bridge and the budget, and much else. " * 2
        + "\nNext.\nLast word."
    )
    cleaned = clean(raw)
    for word in ("Next", "Last", "word"):
        at = cleaned.text.index(word)
        start, end = cleaned.to_raw(at, at + len(word))
        assert raw[start:end] == word


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("a\nb\nc", "a\n\nb\n\nc", [0, 1, 2, 2, 3, 4, 4]),
        ("a\nb", "a b", [0, 1, 2]),
        ("x  y", "x y", [0, 1, 3]),
        ("``", "“", [1]),
    ],
)
def test_clean_align(old: str, new: str, expected: list[int]) -> None:
    from quotegrab.clean import align

    assert align(old, new) == expected


JOINED = (
    "Santos said: \"We have tables and chairs. Nobody should lose a week's takings. "
    '"Come to the hall," he said.'
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a multi-paragraph quote whose paragraphs were joined: the reopening mark, mid-line
        (JOINED, JOINED.replace('takings. "', 'takings.\n\n"')),
        ("“One thing. “Another,” she said.", "“One thing.\n\n“Another,” she said."),
        ('"First. "Second! "Third," said Bo.', '"First.\n\n"Second!\n\n"Third," said Bo.'),
        # a nested quote may end the sentence before the reopening mark
        ('"He said, \'Go home.\'  "I did," she said.', '"He said, \'Go home.\'\n\n"I did," she said.'),
        # negatives: the quote before is closed, or no sentence ended, or narration came between
        ('"Yes," he said. "No."', '"Yes," he said. "No."'),
        ("A “scare” quote. “A real one.”", "A “scare” quote. “A real one.”"),
        ('"We won the "big one" last night," she said.', '"We won the "big one" last night," she said.'),
        (
            '"We lost the vote. Mayor Ann Roy said it was a blow. "We go on," Roy said.',
            '"We lost the vote. Mayor Ann Roy said it was a blow. "We go on," Roy said.',
        ),
        (  # ... with an appositive between speaker and verb
            '"We lost the vote. Ann Roy, the mayor, said it was a blow. "We go on," Roy said.',
            '"We lost the vote. Ann Roy, the mayor, said it was a blow. "We go on," Roy said.',
        ),
        ('"Alone on its line.\n\n"Reopened," he said.', '"Alone on its line.\n\n"Reopened," he said.'),
    ],
)
def test_clean_recover_paragraphs(text: str, expected: str) -> None:
    assert recover_paragraphs(text) == expected


def test_clean_recovered_break_maps_back_to_the_space_it_replaces() -> None:
    cleaned = clean(JOINED)
    at = cleaned.text.index("\n\n")
    assert cleaned.text[at + 2 :] == JOINED[JOINED.index('"Come') :]
    assert JOINED[cleaned.offsets[at]] == " "
