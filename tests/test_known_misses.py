"""Known misses of the pipeline, one invented case per kind of miss in tests/gold (issue #8).

Each xfail case states the correct answer and is strict: when a change fixes the miss the
test XPASSes and fails the run, so the marker must come off in the same commit. The texts
are written for these tests in the style of the gold articles, never copied from them.
Beside them, passing cases of the neighbouring pattern that works today.
"""

from __future__ import annotations

import pytest

Triple = tuple[str, str, str | None]  # (kind, quote text, speaker)


def found(extract, text: str) -> set[Triple]:
    """What the pipeline finds: kind, quote text without its trailing comma or stop, speaker."""
    return {(q.kind, q.text.strip().rstrip(",."), q.speaker) for q in extract(text)}


def miss(text: str, expected: Triple, reason: str, id: str) -> object:
    """A known miss: `expected` is the right answer, which the pipeline does not give today."""
    return pytest.param(text, expected, id=id, marks=pytest.mark.xfail(strict=True, reason=reason))


KNOWN_MISSES = [
    miss(
        "According to a Labour official, only two members had voted against the deal.",
        ("indirect", "only two members had voted against the deal", None),
        'an unnamed "Labour official" is credited to the party',
        id="unnamed-official-is-not-the-party",
    ),
    miss(
        "More rain fell than in any month since 1990, according to the Northern Rivers Authority. "
        "The fire service said crews had pumped water from 23 homes.",
        ("indirect", "crews had pumped water from 23 homes", None),
        '"the fire service" is credited to the last named organisation, another body',
        id="unnamed-organisation-is-not-the-last-named",
    ),
]

WORKS_TODAY = [
    pytest.param(
        "“I have driven this route since 1998,” said a cleaner at the depot "
        "who would give only her first name, Nadia.",
        ("direct", "I have driven this route since 1998", "Nadia"),
        id="first-name-after-relative-clause",
    ),
    pytest.param(
        "Another rider, who gave only her first name, Leah, said the fare was too high for her.",
        ("indirect", "the fare was too high for her", "Leah"),
        id="first-name-given-in-apposition",
    ),
    pytest.param(
        "The Transport Ministry said in a statement that it would review the contract. "
        "“The ministry will publish its findings in the spring,” the statement said.",
        ("direct", "The ministry will publish its findings in the spring", "Transport Ministry"),
        id="document-subject-speaks-for-its-organisation",
    ),
    pytest.param(
        "“You told us the tram would run by June,” Omar Reyes said.\n\n"
        "“And it will run. I would rather be slow than careless,” Carla Voss replied.\n\n"
        "“Two summers slow?”\n\n"
        "“Slow beats careless, councillor.”",
        ("direct", "Two summers slow?", "Omar Reyes"),
        id="uncued-dialogue-turn",
    ),
    pytest.param(
        "Analysts at Pellham Securities said the results were weaker than expected. "
        "“Margins have peaked,” they wrote in their morning briefing.",
        ("direct", "Margins have peaked", "Analysts at Pellham Securities"),
        id="analysts-at-firm-they-wrote",
    ),
    pytest.param(
        "The striker Tomas Brandt laughed off the injury. He joked that his knee was older than the stadium.",
        ("indirect", "his knee was older than the stadium", "Tomas Brandt"),
        id="joked-that",
    ),
    pytest.param(
        "The Supreme Court of Norland ruled on Friday that the ban on street protests was unconstitutional.",
        ("indirect", "the ban on street protests was unconstitutional", "Supreme Court of Norland"),
        id="court-ruled-that",
    ),
    pytest.param(
        "Brightmoor Foods said in a statement that it would close two factories next year.",
        ("indirect", "it would close two factories next year", "Brightmoor Foods"),
        id="organisation-said-in-a-statement-that",
    ),
    pytest.param(
        "Rosa Diaz, a nurse, spoke to reporters. “We are exhausted,” the nurse said.",
        ("direct", "We are exhausted", "Rosa Diaz"),
        id="role-as-introduced",
    ),
    pytest.param(
        "According to Lena Fischer, the new trains would cut journey times by a third.",
        ("indirect", "the new trains would cut journey times by a third", "Lena Fischer"),
        id="according-to-name",
    ),
    pytest.param(
        "“Will you resign?” the presenter, Jonas Berg, asked.\n\n"
        "“No. I have nothing to resign over,” Elsa Lind said.\n\n"
        "“Not even the missing money?”",
        ("direct", "Not even the missing money?", "Jonas Berg"),
        id="uncued-question-alternates",
    ),
    pytest.param(
        "“We found the van,” DI Sarah Hughes said.",
        ("direct", "We found the van", "Sarah Hughes"),
        id="rank-abbreviation-is-a-title",
    ),
    pytest.param(
        "“We played with courage,” Angel Di Maria said.",
        ("direct", "We played with courage", "Angel Di Maria"),
        id="di-particle-is-not-a-title",
    ),
    pytest.param(
        "“We will appeal,” said Ana Silva MS.",
        ("direct", "We will appeal", "Ana Silva"),
        id="postnominal-is-not-a-name",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), KNOWN_MISSES + WORKS_TODAY)
def test_known_misses_quote_and_speaker(extract, text: str, expected: Triple) -> None:
    assert expected in found(extract, text)


# Quotes that should not be found at all: a phrase the writer mentions, not one anybody said.
SPURIOUS = [
    pytest.param(
        'Traders have dubbed the levy a "shopping tax" and say it will drive customers away.',
        ("direct", "shopping tax", None),
        id="dubbed-scare-quote",
    ),
    pytest.param(
        'The film, "Low Tide", opens on Friday.',
        ("direct", "Low Tide", None),
        id="title-in-quote-marks",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "spurious"), SPURIOUS)
def test_known_misses_not_a_quote(extract, text: str, spurious: Triple) -> None:
    kind, quote, _ = spurious  # whoever it is given to, it is not a quote
    assert (kind, quote) not in {(k, t) for k, t, _ in found(extract, text)}
