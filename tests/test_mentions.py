"""The speaker mention as written: the noun phrase around the name, on hand-built Docs, and
through the model, where the canonical speaker keeps none of it."""

from __future__ import annotations

import threading

import pytest
import spacy
from spacy.tokens import Doc

from quotegrab.mentions import mention_span, name_parts, written_span

# Each token: word, POS, dependency, head offset (relative). The text gives the spacing.
Row = tuple[str, str, str, int]


def make_doc(text: str, rows: list[Row]) -> Doc:
    spaces, at = [], 0
    for word, *_ in rows:
        at = text.index(word, at) + len(word)
        spaces.append(text[at : at + 1] == " ")
    doc = Doc(
        spacy.blank("en").vocab,
        words=[r[0] for r in rows],
        spaces=spaces,
        pos=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[i + r[3] for i, r in enumerate(rows)],
    )
    assert doc.text == text
    return doc


SAID: list[Row] = [("said", "VERB", "ROOT", 0), (".", "PUNCT", "punct", -1)]

CASES = [
    (  # the words before the name: its noun phrase
        "White House press secretary Josh Earnest said.",
        [
            ("White", "PROPN", "compound", 1),
            ("House", "PROPN", "compound", 2),
            ("press", "NOUN", "compound", 1),
            ("secretary", "NOUN", "compound", 2),
            ("Josh", "PROPN", "compound", 1),
            ("Earnest", "PROPN", "nsubj", 1),
            *SAID,
        ],
        5,
        "Josh Earnest",
        "White House press secretary Josh Earnest",
    ),
    (  # a US politician's party tag in brackets
        "Sen. Claire McCaskill (D-Mo.) said.",
        [
            ("Sen.", "PROPN", "compound", 2),
            ("Claire", "PROPN", "compound", 1),
            ("McCaskill", "PROPN", "nsubj", 6),
            ("(", "PUNCT", "punct", -1),
            ("D", "PROPN", "compound", 2),
            ("-", "PUNCT", "punct", 1),
            ("Mo.", "PROPN", "appos", -4),
            (")", "PUNCT", "punct", -5),
            *SAID,
        ],
        2,
        "Sen. Claire McCaskill",
        "Sen. Claire McCaskill (D-Mo.)",
    ),
    (  # ... after a no-break space, a token of its own
        "Sen. Claire McCaskill\xa0(D-Mo.) said.",
        [
            ("Sen.", "PROPN", "compound", 2),
            ("Claire", "PROPN", "compound", 1),
            ("McCaskill", "PROPN", "nsubj", 7),
            ("\xa0", "SPACE", "dep", -1),
            ("(", "PUNCT", "punct", -2),
            ("D", "PROPN", "compound", 2),
            ("-", "PUNCT", "punct", 1),
            ("Mo.", "PROPN", "appos", -5),
            (")", "PUNCT", "punct", -6),
            *SAID,
        ],
        2,
        "Sen. Claire McCaskill",
        "Sen. Claire McCaskill\xa0(D-Mo.)",
    ),
    (  # ... and between commas, which stay out
        "Mitch McConnell, R-Ky., said.",
        [
            ("Mitch", "PROPN", "compound", 1),
            ("McConnell", "PROPN", "nsubj", 6),
            (",", "PUNCT", "punct", -1),
            ("R", "PROPN", "compound", 2),
            ("-", "PUNCT", "punct", 1),
            ("Ky.", "PROPN", "appos", -4),
            (",", "PUNCT", "punct", -5),
            *SAID,
        ],
        1,
        "Mitch McConnell",
        "Mitch McConnell, R-Ky.",
    ),
    (  # a tag that ends a sentence: not the next sentence's first word
        "Claire McCaskill, D-Mo. Her aides said.",
        [
            ("Claire", "PROPN", "compound", 1),
            ("McCaskill", "PROPN", "ROOT", 0),
            (",", "PUNCT", "punct", -1),
            ("D", "PROPN", "compound", 2),
            ("-", "PUNCT", "punct", 1),
            ("Mo.", "PROPN", "appos", -4),
            ("Her", "PRON", "poss", 1),
            ("aides", "NOUN", "nsubj", 1),
            *SAID,
        ],
        1,
        "Claire McCaskill",
        "Claire McCaskill, D-Mo.",
    ),
    (  # the article of a name
        "the Times said.",
        [("the", "DET", "det", 1), ("Times", "PROPN", "nsubj", 1), *SAID],
        1,
        "Times",
        "the Times",
    ),
    (  # the noun a name stands beside, with its possessive
        "Hillary Clinton's campaign manager Robby Mook said.",
        [
            ("Hillary", "PROPN", "compound", 1),
            ("Clinton", "PROPN", "poss", 3),
            ("'s", "PART", "case", -1),
            ("campaign", "NOUN", "compound", 1),
            ("manager", "NOUN", "nsubj", 3),
            ("Robby", "PROPN", "compound", 1),
            ("Mook", "PROPN", "appos", -2),
            *SAID,
        ],
        4,
        "Robby Mook",
        "Hillary Clinton's campaign manager Robby Mook",
    ),
    (  # a name's "of" phrase
        "Senator John McCain of Arizona said.",
        [
            ("Senator", "PROPN", "compound", 2),
            ("John", "PROPN", "compound", 1),
            ("McCain", "PROPN", "nsubj", 3),
            ("of", "ADP", "prep", -1),
            ("Arizona", "PROPN", "pobj", -1),
            *SAID,
        ],
        2,
        "Senator John McCain",
        "Senator John McCain of Arizona",
    ),
    (  # an apposition set off by commas is not the mention
        "Tom Reed, the director, said.",
        [
            ("Tom", "PROPN", "compound", 1),
            ("Reed", "PROPN", "nsubj", 5),
            (",", "PUNCT", "punct", -1),
            ("the", "DET", "det", 1),
            ("director", "NOUN", "appos", -3),
            (",", "PUNCT", "punct", -4),
            *SAID,
        ],
        1,
        "Tom Reed",
        "Tom Reed",
    ),
    (  # a description keeps its own phrases, as the resolver reads it
        "a spokesman for the council said.",
        [
            ("a", "DET", "det", 1),
            ("spokesman", "NOUN", "nsubj", 4),
            ("for", "ADP", "prep", -1),
            ("the", "DET", "det", 1),
            ("council", "NOUN", "pobj", -2),
            *SAID,
        ],
        1,
        "a spokesman",
        "a spokesman for the council",
    ),
    ("she said.", [("she", "PRON", "nsubj", 1), *SAID], 0, "she", "she"),
    (  # a paragraph's first word, after the space token of the break
        "It ended.\n\nClinton spokesman Nick Merrill said.",
        [
            ("It", "PRON", "nsubj", 1),
            ("ended", "VERB", "ROOT", 0),
            (".", "PUNCT", "punct", -1),
            ("\n\n", "SPACE", "dep", -1),
            ("Clinton", "PROPN", "compound", 1),
            ("spokesman", "NOUN", "compound", 2),
            ("Nick", "PROPN", "compound", 1),
            ("Merrill", "PROPN", "nsubj", 1),
            *SAID,
        ],
        7,
        "Nick Merrill",
        "Clinton spokesman Nick Merrill",
    ),
    (  # never from inside a word: the walk stops at "then", so not "-candidate Donald Trump"
        "then-candidate Donald Trump said.",
        [
            ("then", "ADV", "advmod", 2),
            ("-", "PUNCT", "punct", 1),
            ("candidate", "NOUN", "compound", 2),
            ("Donald", "PROPN", "compound", 1),
            ("Trump", "PROPN", "nsubj", 1),
            *SAID,
        ],
        4,
        "Donald Trump",
        "Donald Trump",
    ),
]


@pytest.mark.parametrize(("text", "rows", "head", "mention", "written"), CASES)
def test_written_span(text: str, rows: list[Row], head: int, mention: str, written: str) -> None:
    doc = make_doc(text, rows)
    start, end = mention_span(doc[head])
    assert text[start:end] == mention  # the name the resolver reads stays as it was
    start, end = written_span(doc[head])
    assert text[start:end] == written


@pytest.mark.parametrize(
    ("text", "mention", "speaker"),
    [
        (
            '"We will win," White House press secretary Josh Earnest said.',
            "White House press secretary Josh Earnest",
            "Josh Earnest",
        ),
        (
            '"No," said Sen. Claire McCaskill (D-Mo.), who left early.',
            "Sen. Claire McCaskill (D-Mo.)",
            "Claire McCaskill",
        ),
        (
            '"It is over," said Senator John McCain of Arizona.',
            "Senator John McCain of Arizona",
            "John McCain",
        ),
        ('"Not now," the Times reported.', "the Times", "Times"),
        # a union's branch keeps its number; a score after a name is no part of it
        (
            '"We are out of patience," Amalgamated Transit Workers Local 1187 said.',
            "Amalgamated Transit Workers Local 1187",
            "Amalgamated Transit Workers Local 1187",
        ),
    ],
)
def test_mention_as_written_speaker_canonical(extract, text: str, mention: str, speaker: str) -> None:
    (quote,) = extract(text)
    assert quote.speaker_mention == mention
    assert text[quote.speaker_start : quote.speaker_end] == mention
    assert quote.speaker == speaker  # no title, role or party tag in the canonical name


def test_a_token_that_heads_itself_ends_the_walk_up_its_phrase() -> None:
    # Another model's parse may leave a root under its own label ("amod" here, not "ROOT"):
    # the walk from "former" up through its heads must stop there, not go round forever.
    text = "former Gov. Ann Lee said."
    rows: list[Row] = [
        ("former", "ADJ", "amod", 0),
        ("Gov.", "PROPN", "compound", 2),
        ("Ann", "PROPN", "compound", 1),
        ("Lee", "PROPN", "nsubj", 1),
        *SAID,
    ]
    doc = make_doc(text, rows)
    found: list[tuple[int, int]] = []
    walker = threading.Thread(target=lambda: found.append(written_span(doc[3])), daemon=True)
    walker.start()
    walker.join(timeout=20)
    assert found, "written_span did not return"
    start, end = found[0]
    assert text[start:end] == "Gov. Ann Lee"


@pytest.mark.parametrize(
    ("words", "parts"),
    [
        (["Workers", "Local", "1187"], ("Workers", "Local", "1187")),  # a union's branch
        (["Okafor", "6-2"], ("Okafor",)),  # a score
        (["Hawks", "12"], ("Hawks",)),
    ],
)
def test_name_parts_keep_only_a_union_branch_number(words: list[str], parts: tuple[str, ...]) -> None:
    doc = Doc(spacy.blank("en").vocab, words=words)
    assert name_parts(list(doc)) == parts
