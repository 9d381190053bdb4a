"""Pronoun antecedents by score: each signal on its own, on a hand-built Doc."""

from __future__ import annotations

import spacy

from quotegrab.context import ArticleContext
from quotegrab.names import Entity
from quotegrab.pronouns import Antecedents, Event, PronounWeights

# Four one-word sentences in one paragraph, then a second paragraph: positions 0, 4, 8, 12, 17.
TEXT = "One. Two. Six. Ten.\n\nEnd."


def antecedents(events: list[Event], **weights: float) -> Antecedents:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(TEXT)
    return Antecedents(ArticleContext(doc, []), events, PronounWeights(**weights))


def person(name: str, gender: str | None = None) -> Entity:
    return Entity(name, "person", gender)


END = TEXT.index("End")


def test_pronouns_recency_breaks_ties() -> None:
    events = [Event(0, person("Ann Lee"), True), Event(8, person("Ben Roy"), True)]
    assert antecedents(events).resolve(None, END).name == "Ben Roy"


def test_pronouns_subject_outweighs_a_nearer_mention() -> None:
    events = [Event(4, person("Ann Lee"), subject=True), Event(12, person("Ben Roy"), subject=False)]
    assert antecedents(events).resolve(None, END).name == "Ann Lee"
    assert antecedents(events, subject=0.5).resolve(None, END).name == "Ben Roy"


def test_pronouns_speaker_weight() -> None:
    events = [Event(4, person("Ann Lee"), True, speaker=True), Event(8, person("Ben Roy"), True)]
    assert antecedents(events, speaker=0.0).resolve(None, END).name == "Ben Roy"
    assert antecedents(events, speaker=3.0).resolve(None, END).name == "Ann Lee"


def test_pronouns_gender_agreement_and_disagreement() -> None:
    events = [Event(4, person("Ann Lee", "female"), True), Event(8, person("Kim Roy"), True)]
    assert antecedents(events, gender=0.0).resolve("female", END).name == "Kim Roy"
    assert antecedents(events, gender=2.0).resolve("female", END).name == "Ann Lee"
    # a known gender that disagrees is never the antecedent
    assert antecedents(events).resolve("male", END).name == "Kim Roy"
    assert antecedents([events[0]]).resolve("male", END) is None


def test_pronouns_window_and_asker() -> None:
    events = [Event(0, person("Ann Lee"), True), Event(8, person("Ben Roy"), True)]
    assert antecedents(events, window=0).resolve(None, END) is None  # only the pronoun's paragraph
    assert antecedents(events).resolve(None, END, asker="Ben Roy").name == "Ann Lee"
