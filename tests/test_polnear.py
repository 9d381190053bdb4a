"""The PolNeAR benchmark's BRAT converter, on an invented article (no PolNeAR data in the repo)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_bench", ROOT / "benchmarks" / "polnear.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["polnear_bench"] = module
    spec.loader.exec_module(module)
    return module


polnear = _load()

TEXT = (
    "Bridge repairs to start in May\n\n"
    '"We will rebuild the bridge," said Mayor Dana Whitfield. "It will take a year."\n\n'
    'The council said that the budget was "far too thin" for the work.\n\n'
    "Officials believe the repairs will start in May.\n\n"
    "Residents voiced support for the plan.\n\n"
    "Whitfield plans to resign in June.\n\n"
    "It is said that the bridge is unsafe.\n\n"
    "Follow us on social media."
)


def _at(fragment: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(fragment, start + 1)
    return start, start + len(fragment)


def _ann() -> str:
    """An invented BRAT standoff file in PolNeAR's scheme: Source, Cue, Content and Attribution
    text-bounds, events linking them, a discontinuous content, a second content role, an
    attribution with no source and a Discard region."""
    q1, q2 = _at('"We will rebuild the bridge,"'), _at('"It will take a year."')
    lines = [
        f"T1\tSource {_at('Mayor Dana Whitfield')[0]} {_at('Mayor Dana Whitfield')[1]}\tMayor Dana Whitfield",
        f"T2\tCue {_at('said')[0]} {_at('said')[1]}\tsaid",
        f"T3\tContent {q1[0]} {q1[1]};{q2[0]} {q2[1]}\t(split quote)",
        f"T4\tAttribution {_at('said')[0]} {_at('said')[1]}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
    ]
    mixed = _at('that the budget was "far too thin" for the work')
    lines += [
        f"T5\tSource {_at('The council')[0]} {_at('The council')[1]}\tThe council",
        f"T6\tCue {_at('said', 1)[0]} {_at('said', 1)[1]}\tsaid",
        f"T7\tContent {mixed[0]} {mixed[1]}\t(mixed)",
        f"T8\tAttribution {_at('said', 1)[0]} {_at('said', 1)[1]}\tsaid",
        "E2\tAttribution:T8 Cue:T6 Source:T5 Content:T7",
    ]
    plain = _at("the repairs will start in May.")
    lines += [
        f"T9\tSource {_at('Officials')[0]} {_at('Officials')[1]}\tOfficials",
        f"T10\tCue {_at('believe')[0]} {_at('believe')[1]}\tbelieve",
        f"T11\tContent {plain[0]} {plain[1] - 1}\tthe repairs will start in May",
        f"T12\tAttribution {_at('believe')[0]} {_at('believe')[1]}\tbelieve",
        "E3\tAttribution:T12 Source:T9 Cue:T10 Content:T11",
    ]
    noun = _at("support for the plan")
    lines += [
        f"T13\tSource {_at('Residents')[0]} {_at('Residents')[1]}\tResidents",
        f"T14\tCue {_at('voiced')[0]} {_at('voiced')[1]}\tvoiced",
        f"T15\tContent {noun[0]} {noun[1]}\tsupport for the plan",
        f"T16\tAttribution {_at('voiced')[0]} {_at('voiced')[1]}\tvoiced",
        "E4\tAttribution:T16 Source:T13 Cue:T14 Content:T15",
    ]
    infinitive = _at("to resign in June")
    lines += [
        f"T17\tSource {_at('Whitfield plans')[0]} {_at('Whitfield plans')[0] + 9}\tWhitfield",
        f"T18\tCue {_at('plans')[0]} {_at('plans')[1]}\tplans",
        f"T19\tContent {infinitive[0]} {infinitive[1]}\tto resign in June",
        f"T20\tAttribution {_at('plans')[0]} {_at('plans')[1]}\tplans",
        "E5\tAttribution:T20 Source:T17 Cue:T18 Content:T19",
    ]
    passive, unsafe = _at("is said"), _at("that the bridge is unsafe")
    lines += [
        f"T21\tCue {passive[0]} {passive[1]}\tis said",
        f"T22\tContent {unsafe[0]} {unsafe[1]}\tthat the bridge is unsafe",
        f"T23\tAttribution-no-source {passive[0]} {passive[1]}\tis said",
        "E6\tAttribution-no-source:T23 Cue:T21 Content2:T22",
        f"T24\tDiscard {_at('Follow us on social media.')[0]} {len(TEXT)}\tFollow us on social media.",
        "#1\tAnnotatorNotes T24\tboilerplate",
    ]
    return "\n".join(lines) + "\n"


def test_parse_ann_reads_events_discontinuous_spans_and_numbered_roles() -> None:
    bounds, attributions = polnear.parse_ann(_ann())
    assert bounds["T24"].label == "Discard"
    assert len(bounds["T3"].spans) == 2
    assert [a.id for a in attributions] == ["E1", "E2", "E3", "E4", "E5", "E6"]
    first = attributions[0]
    assert polnear.span_text(TEXT, first.source) == "Mayor Dana Whitfield"
    assert len(first.content) == 2
    last = attributions[-1]
    assert last.source == () and polnear.span_text(TEXT, last.content) == "that the bridge is unsafe"


@pytest.fixture(scope="module")
def article(nlp: Language):
    return polnear.convert("invented", TEXT, _ann(), nlp(TEXT))


def test_convert_kinds_spans_speakers_and_exclusions(article) -> None:
    gold = [(q.kind, q.text, q.speaker, q.cue) for q in article.quotes]
    assert gold == [
        ("direct", "We will rebuild the bridge,", "Mayor Dana Whitfield", "said"),
        ("direct", "It will take a year.", "Mayor Dana Whitfield", "said"),
        ("mixed", 'the budget was "far too thin" for the work', "The council", "said"),
        ("indirect", "the repairs will start in May", "Officials", "believe"),
        ("indirect", "the bridge is unsafe", None, "is said"),
    ]
    for quote in article.quotes:
        assert TEXT[quote.start : quote.end] == quote.text
    assert [(q.kind, q.text) for q in article.excluded] == [
        ("noun phrase", "support for the plan"),
        ("non-finite", "to resign in June"),
    ]
    assert article.ignored == [(TEXT.index("Follow us"), len(TEXT))]
    assert article.quotes[0].cue_lemma == "say"


def test_quoted_regions_multi_paragraph_and_double_apostrophes() -> None:
    text = "\u201cFirst part.\n\n\u201cSecond part.\u201d Then ''a NYT quote'' and \"an open one"
    regions = polnear.quoted_regions(text, ((0, len(text)),))
    assert [text[a:b] for a, b in regions] == [
        "First part.\n\n\u201cSecond part.",
        "a NYT quote",
        "an open one",
    ]


def test_mention_agreement_equal_and_overlapping(article) -> None:
    quote = article.quotes[0]
    start = TEXT.index("Dana Whitfield")
    partial = {"speaker_mention": "Dana Whitfield", "speaker_start": start, "speaker_end": start + 14}
    assert polnear.mention_agrees(partial, quote) == (False, True)
    full = {"speaker_mention": "mayor dana whitfield", "speaker_start": None, "speaker_end": None}
    assert polnear.mention_agrees(full, quote) == (True, True)
    assert polnear.mention_agrees({"speaker_mention": None}, quote) == (False, False)


def test_scoring_a_perfect_prediction_and_ignoring_excluded_content(article) -> None:
    report = polnear.SystemReport()
    predictions = [
        {"start": q.start, "end": q.end, "text": q.text, "kind": q.kind, "speaker_mention": q.speaker}
        for q in article.quotes
    ]
    noun = article.excluded[0]
    predictions.append({"start": noun.start, "end": noun.end, "text": noun.text, "kind": "indirect"})
    misses: list[dict] = []
    polnear.score_article(report, article, predictions, misses, "test", None)
    row = report.rows["any kind"].as_dict()
    assert (row["gold"], row["pred"], row["F1"], row["exact_f1"]) == (5, 5, 1.0, 1.0)
    assert row["mention_equal"] == 1.0
    assert misses == []


def test_the_test_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="held out"):
        polnear.split_files(tmp_path, "test")


def test_word_boundaries_flag_spans_that_cut_words() -> None:
    text = "Dana Whitfield said she would go."
    assert polnear.on_word_boundaries(text, 0, 14)
    assert not polnear.on_word_boundaries(text, 1, 14)  # "ana Whitfield"
    assert not polnear.on_word_boundaries(text, 14, 18)  # " sai"
    assert polnear.on_word_boundaries(text, None, None)
