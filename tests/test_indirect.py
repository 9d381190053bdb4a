"""Reported speech: indirect clauses, and mixed quotes that hold a quoted fragment."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotegrab.indirect import _sets_off


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reported clause with a quoted fragment is one mixed quote, marks inside
        (
            'Lena Park said the council had been "deeply unfair" to the tenants who complained.',
            [("mixed", 'the council had been "deeply unfair" to the tenants who complained', "Lena Park")],
        ),
        # a name just before a subjectless main verb is its subject, not the noun after it
        (
            "Reached by phone in Zurich, Adler's granddaughter, Ruth Adler-Grau, said she had seen "
            "the painting only once.",
            [("indirect", "she had seen the painting only once", "Ruth Adler-Grau")],
        ),
        # one reported clause the parser split into two complements side by side
        (
            "Priya Daly said she had met the dean twice over the summer and had been told "
            "the levy was ‘one option among several’.",
            [
                (
                    "mixed",
                    "she had met the dean twice over the summer and had been told the levy was "
                    "‘one option among several’",
                    "Priya Daly",
                )
            ],
        ),
        # a closing mark after the full stop stays with the fragment
        ('Kim Lee said the plan was "unworkable."', [("mixed", 'the plan was "unworkable."', "Kim Lee")]),
        (
            'According to Paul Hart, the bridge is "structurally unsound" and must close.',
            [("mixed", 'the bridge is "structurally unsound" and must close', "Paul Hart")],
        ),
        # a title in marks is narration: the clause stays indirect
        (
            'Yusuf Demir said "The Ferryman\'s Ledger" had taken eleven years to write.',
            [("indirect", '"The Ferryman\'s Ledger" had taken eleven years to write', "Yusuf Demir")],
        ),
        # a clause that is all quote is a direct quote, not a mixed one
        (
            'Lee Chan said that "the plan will work because we tested it for years."',
            [("direct", "the plan will work because we tested it for years.", "Lee Chan")],
        ),
        (
            'Maria Lopez said: "We will win the league this year."',
            [("direct", "We will win the league this year.", "Maria Lopez")],
        ),
        # plain reported speech
        (
            "Maria Lopez said the plan would cost more.",
            [("indirect", "the plan would cost more", "Maria Lopez")],
        ),
        ("Maria Lopez was said to be furious.", []),
        # a joined clause with a reporting verb and a speaker of its own is a report of its own
        (
            "Ann Lee said the clinic would close in May, and when asked about the staff, the "
            'director replied, "Nobody will lose a job."',
            [
                ("indirect", "the clinic would close in May", "Ann Lee"),
                ("direct", "Nobody will lose a job.", "Ann Lee"),
            ],
        ),
        # a joined verb that reports nothing ("sales began to") is not a new report
        (
            '"There is a sense of calm now," and sales began to pick up again last week, Ann Lee said.',
            [
                (
                    "mixed",
                    '"There is a sense of calm now," and sales began to pick up again last week',
                    "Ann Lee",
                )
            ],
        ),
        # "and that ...": the same report goes on
        (
            "The council said a survey of the drains would begin next week and that it had asked "
            "the highways department to clear the gullies.",
            [
                (
                    "indirect",
                    "a survey of the drains would begin next week and that it had asked the highways "
                    "department to clear the gullies",
                    "The council",
                )
            ],
        ),
        # a phrasal retort reports its clause ("fired back that")
        (
            "Ann Lee fired back that the council had ignored the report.",
            [("indirect", "the council had ignored the report", "Ann Lee")],
        ),
        # a reporting clause in the middle or at the end
        ("Most days, Ann Lee says, the ward is full.", [("indirect", "the ward is full", "Ann Lee")]),
        ("The plan will fail, Ann Lee warned.", [("indirect", "The plan will fail", "Ann Lee")]),
        # ... which the parser may join to the clause it reports, as if a second one
        (
            "This includes a special force to assist Kurdish fighters, Defense Secretary Ash Carter "
            "told a Senate panel Wednesday.",
            [("indirect", "This includes a special force to assist Kurdish fighters", "Ash Carter")],
        ),
        ("The company cut 200 jobs, and the union said nothing.", []),
        # "make clear" reports
        (
            "Rahm Emanuel also made clear that he has not considered resigning.",
            [("indirect", "he has not considered resigning", "Rahm Emanuel")],
        ),
        (
            "Ann Lee made it clear that she would vote against the bill.",
            [("indirect", "she would vote against the bill", "Ann Lee")],
        ),
        ("The crew made the runway clear before the storm hit the town.", []),
        ("Ann Lee made it clear when the council met on Monday.", []),
        # negated and refused reports report nothing
        ("Maria Lopez declined to say why the plan failed.", []),
        ("Maria Lopez did not say whether the plan had failed.", []),
        ("Maria Lopez refused to confirm that the plant would close.", []),
        (
            "Maria Lopez said the plan had not failed.",
            [("indirect", "the plan had not failed", "Maria Lopez")],
        ),
    ],
)
def test_indirect_and_mixed(extract, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert [(q.kind, q.text, q.speaker) for q in extract(text)] == expected


VOCAB = spacy.blank("en").vocab  # a bare Vocab() has no punctuation flags


def _joined(words: str, heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]) -> Doc:
    tokens = words.split()
    spaces = [i + 1 < len(tokens) and tokens[i + 1] not in ",." for i in range(len(tokens))]
    return Doc(VOCAB, words=tokens, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "lemmas", "expected"),
    [
        (  # "It will fail, Kim told MPs.": a report after its clause, joined to it by the parser
            "Sales rose , Kim told MPs .",
            [1, 1, 1, 4, 1, 4, 1],
            ["nsubj", "ROOT", "punct", "nsubj", "conj", "dobj", "punct"],
            ["NOUN", "VERB", "PUNCT", "PROPN", "VERB", "NOUN", "PUNCT"],
            ["sale", "rise", ",", "Kim", "tell", "MP", "."],
            True,
        ),
        (  # a verb whose subject phrase holds a verb: "filming television shows"
            "Sales rose , filming television shows .",
            [1, 1, 1, 4, 5, 1, 1],
            ["nsubj", "ROOT", "punct", "amod", "nsubj", "conj", "punct"],
            ["NOUN", "VERB", "PUNCT", "VERB", "NOUN", "VERB", "PUNCT"],
            ["sale", "rise", ",", "film", "television", "show", "."],
            False,
        ),
        (  # "and": a second clause, not a report of the first
            "Sales rose , and Kim said so .",
            [1, 1, 1, 1, 5, 1, 5, 1],
            ["nsubj", "ROOT", "punct", "cc", "nsubj", "conj", "advmod", "punct"],
            ["NOUN", "VERB", "PUNCT", "CCONJ", "PROPN", "VERB", "ADV", "PUNCT"],
            ["sale", "rise", ",", "and", "Kim", "say", "so", "."],
            False,
        ),
        (  # what was said is its object: "..., Kim said nothing."
            "Sales rose , Kim said nothing .",
            [1, 1, 1, 4, 1, 4, 1],
            ["nsubj", "ROOT", "punct", "nsubj", "conj", "dobj", "punct"],
            ["NOUN", "VERB", "PUNCT", "PROPN", "VERB", "PRON", "PUNCT"],
            ["sale", "rise", ",", "Kim", "say", "nothing", "."],
            False,
        ),
    ],
)
def test_indirect_a_joined_report_sets_off_its_clause(
    words: str, heads: list[int], deps: list[str], pos: list[str], lemmas: list[str], expected: bool
) -> None:
    doc = _joined(words, heads, deps, pos, lemmas)
    verb = next(t for t in doc if t.dep_ == "conj")
    assert _sets_off(doc[1], verb) is expected
