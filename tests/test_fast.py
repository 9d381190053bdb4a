"""Fast mode: what is parsed, the guesses for the rest, and the same records in every form."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from typer.testing import CliRunner

import quotegrab
import quotegrab.fastplan
from quotegrab import component
from quotegrab.cli import app
from quotegrab.fast import (
    FRAGMENT_HEAD,
    FRAGMENT_TAIL,
    KEEP_HEAD,
    KEEP_TAIL,
    PARSE_BATCH,
    UPSTREAM_PIPES,
    Guesser,
    paragraph_ranges,
    plan,
)
from quotegrab.fastplan import finite_forms
from quotegrab.models import default_verb_tables
from quotegrab.pipeline import extract_text, process
from quotegrab.read import Article, ReadError
from quotegrab.signals import default_signals
from test_cli import rows_of
from test_run import make_corpus

runner = CliRunner()
LONG = "We will build the new bridge over the river by next spring, whatever the cost of steel is"
TEXT = (
    "The weather was fine on Monday.\n\n"
    f'"{LONG}," Mayor Anna Berg said.\n\n'
    "The minister was blunt:\n\n"
    '"No."\n\n'
    "Officials met in London."
)


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def test_fast_plan_parses_quote_paragraphs_and_colon_lead_ins(blank: Language) -> None:
    doc = blank(TEXT)
    ranges = paragraph_ranges(doc)
    assert doc[ranges[0][0] : ranges[0][1]].text == "The weather was fine on Monday."
    chosen = plan(doc, default_signals())
    # the three neighbouring paragraphs as one range: not the weather, not London
    assert chosen.regions == [(ranges[1][0], ranges[3][1])]
    assert sum(chosen.starts) == 3


FILLER = "The river rose again on Tuesday and the roads near the old mill were closed for the day."


def test_fast_plan_reads_a_long_paragraph_sentence_by_sentence(blank: Language) -> None:
    """Text whose line breaks were lost is one long paragraph: only its sentences with a quote
    or a cue are parsed, each with the sentence before it (where a pronoun's name is); a
    sentence end inside the quote cuts nothing."""
    sentences = [
        *[FILLER] * 4,
        "Mayor Anna Berg came to the bridge.",
        '"It will hold. We checked it twice," she said.',
        *[FILLER] * 4,
    ]
    doc = blank(" ".join(sentences))
    assert len(paragraph_ranges(doc)) == 1 and len(doc) > quotegrab.fastplan.LONG_PARAGRAPH
    chosen = plan(doc, default_signals())
    kept = "".join(doc[i].text_with_ws for i in chosen.kept)
    assert kept.startswith("Mayor Anna Berg came to the bridge.")
    assert kept.rstrip().endswith("she said.")
    assert "river" not in kept
    assert sum(chosen.starts) == 2  # the two sentences, each opening its unit


def test_fast_plan_keeps_a_long_paragraph_whole_below_the_limit(blank: Language) -> None:
    text = " ".join([FILLER, "Mayor Anna Berg came to the bridge.", '"It will hold," she said.', FILLER])
    doc = blank(text)
    assert len(doc) <= quotegrab.fastplan.LONG_PARAGRAPH
    chosen = plan(doc, default_signals())
    assert chosen.kept[0] == 0 and sum(chosen.starts) == 1


def test_fast_plan_cuts_the_middle_of_a_long_quote(blank: Language) -> None:
    doc = blank(TEXT)
    chosen = plan(doc, default_signals())
    inside = [t.i for t in doc if t.idx >= TEXT.index(LONG) and t.idx < TEXT.index(LONG) + len(LONG) + 1]
    kept_inside = [i for i in chosen.kept if i in inside]
    assert kept_inside == inside[:KEEP_HEAD] + inside[-KEEP_TAIL:]
    assert {i for i, _ in chosen.hung} >= set(inside[KEEP_HEAD:-KEEP_TAIL])


def _kept_inside(doc: Doc, words: str) -> tuple[list[int], list[int]]:
    """The tokens of `words` in `doc`, and those of them the plan keeps."""
    start = doc.text.index(words)
    inside = [t.i for t in doc if start <= t.idx < start + len(words)]
    chosen = plan(doc, default_signals())
    return inside, [i for i in chosen.kept if i in inside]


def test_fast_plan_keeps_only_the_last_word_of_a_quote_read_by_its_frame(blank: Language) -> None:
    inside, kept = _kept_inside(blank('"We won the cup," Tom Reed said.'), "We won the cup,")
    assert KEEP_HEAD == 0 and kept == inside[-KEEP_TAIL:] == [inside[-1]]


def test_fast_plan_keeps_more_of_a_quoted_fragment_inside_narration(blank: Language) -> None:
    """'was "deeply unfair ..."': the clause's parse runs through the fragment (mixed speech)."""
    words = "deeply unfair to every family on the waiting list,"
    inside, kept = _kept_inside(blank(f'She said the plan was "{words}" and left.'), words)
    assert kept == inside[:FRAGMENT_HEAD] + inside[-FRAGMENT_TAIL:]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the reported clause is parsed to its first verb and CLAUSE_KEEP words after it
        (
            "Brennan said the findings had left the council with no real choice.",
            "Brennan said the findings had left the .",
        ),
        ("Police said the man fled on foot towards the station.", "Police said the man fled on foot ."),
        (
            "Asked about the cuts, the minister told MPs that funding was secured for many years to come.",
            "Asked about the cuts , the minister told MPs that funding was secured for .",
        ),
        # each sentence on its own; one without a cue is parsed whole
        (
            "Kim said the vote passed without any objection at all. It rained all day long.",
            "Kim said the vote passed without any . It rained all day long .",
        ),
        # no verb within reach, a cue last, a quote mark: all parsed
        (
            "Officials said nothing about the long list of complaints.",
            "Officials said nothing about the long list of complaints .",
        ),
        ("The plan will cost far more than anyone expected, officials said.", None),
        ('Kim said the plan was "flawed" and would be dropped by the city.', None),
    ],
)
def test_fast_plan_cuts_a_reported_clause_after_its_first_verb(
    blank: Language, text: str, kept: str | None
) -> None:
    doc = blank(text)
    chosen = plan(doc, default_signals(), finite_forms(default_verb_tables()))
    assert " ".join(doc[i].text for i in chosen.kept) == (kept or " ".join(t.text for t in doc))


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("He met Anna Berg.", 2, "PROPN"),
        ("Officials met Berg.", 0, "X"),  # a common word opening a sentence is no name
        ("Okafor met them.", 0, "PROPN"),
        ("It rose 5 percent.", 2, "NUM"),
        ("She left.", 0, "PRON"),
        ("She left.", 2, "PUNCT"),
    ],
)
def test_fast_guesser_kinds(nlp: Language, text: str, index: int, expected: str) -> None:
    doc = nlp.make_doc(text)
    guesser = Guesser(nlp)  # common words from the model's lemmatizer tables
    assert guesser.kind(doc[index], index == 0) == expected


def test_fast_guesser_one_flat_tree_per_sentence(blank: Language) -> None:
    doc = blank("He met Anna. They left.\n\nIt stayed.")
    _, heads = Guesser(blank).fill(doc)
    assert list(heads) == [0, 0, 0, 0, 4, 4, 4, 6, 8, 8, 8]


def test_fast_guesser_a_name_opening_a_sentence_is_its_subject(blank: Language) -> None:
    doc = blank("Tom Reed met Anna. They left.\n\nBerg, who stayed, won.")
    rows, heads = Guesser(blank).fill(doc)
    deps = [doc.vocab.strings[d] for d in rows[:, 4].tolist()]
    assert list(heads[:5]) == [1, 2, 2, 2, 2] and deps[:3] == ["compound", "nsubj", "ROOT"]
    assert list(heads[5:8]) == [5, 5, 5]  # no name opens it: one flat tree as before
    assert deps[9] == "nsubj" and heads[9] == 10 and set(heads[10:]) == {10}


@pytest.mark.parametrize(
    "text",
    [
        "Tamberlin's coach left.",  # a possessive is no subject
        "Tamberlin\nHe left.",  # a name alone on its line (a byline, a caption)
        "The coach left.",
    ],
)
def test_fast_guesser_no_name_subject(blank: Language, text: str) -> None:
    rows, _ = Guesser(blank).fill(blank(text))
    assert blank.vocab.strings.add("nsubj") not in rows[:, 4].tolist()


@pytest.mark.parametrize(
    ("text", "index"),
    [
        # a common word opening a sentence is a name where the article uses it as one
        ("Faith won the race. Her coach said Faith Chepkemoi ran well.", 0),
        # a title opening a sentence before a name
        ("Father Miguel Santos offered the hall.", 0),
    ],
)
def test_fast_guesser_names_opening_a_sentence(nlp: Language, text: str, index: int) -> None:
    doc = nlp.make_doc(text)
    guesser = Guesser(nlp)
    assert guesser.kind(doc[index], True) == "X"  # alone, the word reads as a common one
    rows, _ = guesser.fill(doc)
    assert doc.vocab.strings[rows[index, 0]] == "NNP"


def test_fast_guesser_keeps_common_words_common(nlp: Language) -> None:
    doc = nlp.make_doc("Officials met Berg. Police said officials left.")
    rows, _ = Guesser(nlp).fill(doc)
    assert [doc.vocab.strings[t] for t in rows[[0, 4], 0].tolist()] == ["XX", "XX"]


def test_fast_a_name_tagged_a_noun_in_its_short_context_is_a_name(fast_nlp: Language) -> None:
    """'Santos said: "..."' alone: the tagger reads "Santos" as a common noun."""
    text = 'The square is closed.\nMiguel Santos offered the church hall.\nSantos said: "We have tables."'
    doc = fast_nlp(text)
    santos = [t for t in doc if t.text == "Santos"][-1]
    assert (santos.pos_, santos.tag_, santos.lemma_) == ("PROPN", "NNP", "Santos")
    assert [q.speaker for q in doc._.quotes] == ["Miguel Santos"]


def test_fast_same_quotes_as_default_on_a_simple_article(nlp: Language, fast_nlp: Language) -> None:
    default = extract_text(TEXT, nlp)
    fast = extract_text(TEXT, fast_nlp)
    assert [(q.start, q.end, q.kind, q.speaker) for q in fast] == [
        (q.start, q.end, q.kind, q.speaker) for q in default
    ]
    assert fast[0].speaker == "Anna Berg"


def test_fast_extract_text_flag(fast_nlp: Language) -> None:
    assert [q.speaker for q in extract_text('"We won," Tom Reed said.', fast=True)] == ["Tom Reed"]


def test_fast_pipeline_runs_tokenizer_then_quotegrab(fast_nlp: Language) -> None:
    assert fast_nlp.pipe_names == ["quotegrab"]
    assert fast_nlp.get_pipe("quotegrab").fast  # type: ignore[attr-defined]


def test_fast_as_a_spacy_component() -> None:
    """config={"fast": True}: with the parsing pipes disabled it parses what it needs itself;
    after an enabled parser it reads the full parse."""
    nlp = spacy.load(quotegrab.DEFAULT_MODEL, disable=[p for p in UPSTREAM_PIPES])
    nlp.add_pipe("quotegrab", config={"fast": True})
    doc = nlp(TEXT)
    assert [q.speaker for q in doc._.quotes] == ["Anna Berg", None]
    assert not doc[0].dep_ or doc[0].dep_ in ("ROOT", "dep")  # the first paragraph is not parsed
    nlp.enable_pipe("parser")
    for name in ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"):
        nlp.enable_pipe(name)
    assert [q.speaker for q in nlp(TEXT)._.quotes] == ["Anna Berg", None]


def test_fast_one_failing_article_costs_only_itself(
    fast_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = component.find_doc_quotes

    def fail_on_bad(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "BOOM" in doc.text:
            raise RuntimeError("injected failure")
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(component, "find_doc_quotes", fail_on_bad)
    items: list[Article | ReadError] = [
        Article(f"s{i}", f"s{i}.txt", f'"Phase {i} is ready," Tom Reed said.') for i in range(4)
    ]
    items[1] = Article("bad", "bad.txt", '"It will BOOM," Anna Berg said.')
    results = list(process(items, fast_nlp, batch_size=8))
    assert [r.error for r in results] == [
        None,
        "failed to analyse: RuntimeError: injected failure",
        None,
        None,
    ]
    assert all(r.quotes for i, r in enumerate(results) if i != 1)


def test_fast_cli_workers_and_resume(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 12)
    one = ["extract", str(corpus), "--out", str(tmp_path / "one"), "--workers", "1", "--fast"]
    two = ["extract", str(corpus), "--out", str(tmp_path / "two"), "--workers", "2", "--fast"]
    assert runner.invoke(app, one).exit_code == 0
    assert runner.invoke(app, two).exit_code == 0
    assert (tmp_path / "one" / "quotes.jsonl").read_bytes() == (
        tmp_path / "two" / "quotes.jsonl"
    ).read_bytes()
    assert {r["speaker"] for r in rows_of(tmp_path / "one" / "quotes.jsonl")} >= {"Maria Lopez", "Tom Reed"}
    again = runner.invoke(app, two, env={"COLUMNS": "200"})
    assert again.exit_code == 0 and "already done" in again.stdout


def test_fast_cli_dask_matches_local(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    corpus = make_corpus(tmp_path / "in", 8)
    local = ["extract", str(corpus), "--out", str(tmp_path / "local"), "--workers", "1", "--fast"]
    dask = ["extract", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "1"]
    assert runner.invoke(app, local).exit_code == 0
    assert runner.invoke(app, [*dask, "--fast"]).exit_code == 0
    assert (tmp_path / "dask" / "quotes.jsonl").read_bytes() == (
        tmp_path / "local" / "quotes.jsonl"
    ).read_bytes()


def test_fast_cli_evaluate_flag(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "tests/gold/dev", "--fast", "--json", "--misses", "0"])
    assert result.exit_code == 0, result.output
    assert '"direct"' in result.stdout


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Hello world.",
        "\n\n\n",
        "He said.",
        '"',
        '"B C D E F G H I J K L M N O P," she said.\n\n  \n',
    ],
)
def test_fast_odd_texts_never_raise(nlp: Language, fast_nlp: Language, text: str) -> None:
    fast = extract_text(text, fast_nlp)
    assert [q.kind for q in fast] == [q.kind for q in extract_text(text, nlp)]
    assert all(text[q.start : q.end] == q.text for q in fast)
    assert isinstance(fast_nlp(text)._.quotes, tuple)


def test_fast_finds_the_quote_marks_once_per_article(
    fast_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan's quote spans go on to the quote finder: the marks are not paired twice."""
    calls = []
    real = quotegrab.fastplan.find_quotes

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(quotegrab.fastplan, "find_quotes", counted)
    monkeypatch.setattr(component, "find_quotes", counted)
    assert [q.speaker for q in extract_text(TEXT, fast_nlp)] == ["Anna Berg", None]
    assert len(calls) == 1


def test_fast_plan_chooses_the_paragraphs_could_quote_chooses(blank: Language) -> None:
    """The plan tests cue words token by token, not with the slow pattern: the same choice."""
    paragraphs = [
        "According to the report, costs rose.",
        "The board SAID nothing new.",
        "It's a fine day in O'Hara Park.",
        "Costs rose, in the words of one analyst, sharply.",
        "A 'title' in marks.",
        "Nothing here at all.",
    ]
    doc = blank("\n\n".join(paragraphs))
    signals = default_signals()
    kept = {doc[i].idx for i in plan(doc, signals).kept}
    chosen = [any(doc.text.index(p) <= k < doc.text.index(p) + len(p) for k in kept) for p in paragraphs]
    assert chosen == [signals.could_quote(p.replace("'s", "s").replace("O'H", "OH")) for p in paragraphs]
    assert chosen == [True, True, False, True, True, False]


def test_fast_parses_in_batches_of_parse_batch(fast_nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    """The neural pipes run over the short Docs PARSE_BATCH at a time (faster than 64 or 128)."""
    finder = fast_nlp.get_pipe("quotegrab")
    extract_text(TEXT, fast_nlp)  # the annotator is made on first use
    sizes = []

    class Recorded:
        def __init__(self, pipe):  # type: ignore[no-untyped-def]
            self.inner = pipe

        def pipe(self, stream, batch_size=128):  # type: ignore[no-untyped-def]
            sizes.append(batch_size)
            return self.inner.pipe(stream, batch_size=batch_size)

    pipes = [Recorded(p) if hasattr(p, "pipe") else p for p in finder.annotator.pipes]  # type: ignore[attr-defined]
    monkeypatch.setattr(finder.annotator, "pipes", pipes)  # type: ignore[attr-defined]
    list(fast_nlp.pipe([f'"Phase {i} is ready," Tom Reed said.' for i in range(3)]))
    assert sizes and set(sizes) == {PARSE_BATCH}
