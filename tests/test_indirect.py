"""Reported speech: indirect clauses, and mixed quotes that hold a quoted fragment."""

from __future__ import annotations

import pytest


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
