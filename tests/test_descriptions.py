"""Definite descriptions that stand in for a source already introduced ("the 57-year-old executive")."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from quotegrab.descriptions import description_words, is_person_head


def speakers(extract, text: str) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.attribution) for q in extract(text) if q.kind == "direct"]


CASES = [
    pytest.param(
        '"It was not acceptable," Graham Hollis told the committee.\n\n'
        '"We are short of crew," the 57-year-old executive said.',
        [("Graham Hollis", "explicit"), ("Graham Hollis", "role")],
        id="age-and-role-point-back",
    ),
    pytest.param(
        "Ruth Adler-Grau said she had seen the painting once.\n\n"
        '"I stood in front of it for an hour," the 84-year-old said.',
        [("Ruth Adler-Grau", "role")],
        id="bare-age-misparsed-as-adjective",
    ),
    pytest.param(
        "Union president Shauna Kerr said engineers had worked 21 days straight.\n\n"
        "Graham Hollis, the ferry operator's chief executive, said the shortage would last.\n\n"
        '"People are falling asleep in their cars," the union leader said.',
        [("Shauna Kerr", "role")],
        id="shared-word-beats-recency",
    ),
    pytest.param(
        "Mark Oduya said he had assumed the shots were done.\n\n"
        "Ms. Anna Berg, the principal, said the school had written to parents.\n\n"
        '"I felt sick," the father of two said.',
        [("Mark Oduya", "role")],
        id="gender-of-the-role-word",
    ),
    pytest.param(
        "An official with the relief office said a fifth convoy was turned back.\n\n"
        "Gen. Tunde Bakare said his troops had shown restraint.\n\n"
        '"They took the trucks," the official said.',
        [("An official with the relief office", "role")],
        id="unnamed-source-named-again",
    ),
    pytest.param(
        "A senior consultant at the trust said patients were waiting too long.\n\n"
        '"We are drowning," the consultant said.',
        [("A senior consultant at the trust", "role")],
        id="a-role-word-from-the-lexicon",
    ),
    pytest.param(  # a known miss until descriptions pointed back
        "Aoife Brennan, chief executive of the Hope Trust, spoke to reporters. "
        "“We are exhausted,” the charity boss said.",
        [("Aoife Brennan", "role")],
        id="role-paraphrase",
    ),
]

NEGATIVES = [
    pytest.param(
        'Maria Lopez was charged on Monday.\n\n"She will plead not guilty," her lawyer said.',
        "her lawyer",
        id="possessive-is-someone-new",
    ),
    pytest.param(
        'Maria Lopez runs the clinic.\n\n"We are full every day," a nurse said.',
        "a nurse",
        id="indefinite-is-someone-new",
    ),
    pytest.param('"We were robbed," the coach said after the match.', "the coach", id="nobody-before"),
    pytest.param(
        'Maria Lopez runs the clinic.\n\n"We will appeal," the head of Coastal Isles Ferries said.',
        "the head of Coastal Isles Ferries",
        id="own-organisation-needs-a-shared-word",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_descriptions_point_back(extract, text: str, expected) -> None:
    assert speakers(extract, text)[-len(expected) :] == expected


@pytest.mark.parametrize(("text", "expected"), NEGATIVES)
def test_descriptions_that_introduce_someone(extract, text: str, expected: str) -> None:
    assert speakers(extract, text)[-1] == (expected, "description")


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]) -> Doc:
    return Doc(English().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_descriptions_words_of_a_handbuilt_doc() -> None:
    # the 44 - year - old Swedish researcher
    doc = _doc(
        ["the", "44", "-", "year", "-", "old", "Swedish", "researcher"],
        [7, 3, 3, 5, 5, 7, 7, 7],
        ["det", "nummod", "punct", "npadvmod", "punct", "amod", "amod", "ROOT"],
        ["DET", "NUM", "PUNCT", "NOUN", "PUNCT", "ADJ", "ADJ", "NOUN"],
        ["the", "44", "-", "year", "-", "old", "swedish", "researcher"],
    )
    head = doc[7]
    assert is_person_head(head)
    assert description_words(head) == {"researcher", "44", "swedish"}
    assert not is_person_head(doc[6])
