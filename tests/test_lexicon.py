"""The lexicon: data files load, bad files are refused, verb forms come from the lemmatizer."""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from quotegrab import lexicon
from quotegrab.lexicon import (
    FILES,
    HONORIFICS,
    NAME_PARTICLES,
    NOISE_PARAGRAPH,
    POSTNOMINALS,
    RANK_ABBREVIATIONS,
    REPORTING_VERBS,
    SOURCE_PHRASES,
    LexiconError,
    ListFile,
    honorific_key,
    is_postnominal,
    is_rank_abbreviation,
    load_all,
    parse,
    reporting_verb_forms,
    surface_forms,
)

DATA = Path(str(files("quotegrab.lexicon")))


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data files, to spoil one at a time."""
    for spec in FILES.values():
        shutil.copy(DATA / spec.name, tmp_path / spec.name)
    return tmp_path


def append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_lexicon_every_file_loads_and_opens_with_comments() -> None:
    loaded = load_all()
    assert set(loaded) == set(FILES)
    for key, spec in FILES.items():
        assert loaded[key].entries, spec.name
        head = (DATA / spec.name).read_text(encoding="utf-8").splitlines()[:4]
        assert all(line.startswith("#") for line in head), spec.name
        text = (DATA / spec.name).read_text(encoding="utf-8")
        assert "Match:" in text and "Source:" in text, spec.name


def test_lexicon_every_file_ships_in_the_package() -> None:
    names = {p.name for p in DATA.iterdir() if p.suffix == ".txt"}
    assert names == {spec.name for spec in FILES.values()}


@pytest.mark.parametrize(
    ("name", "public"),
    [(name, name.upper()) for name in ("reporting_verbs", "person_roles", "group_nouns", "calendar_words")],
)
def test_lexicon_public_sets_match_their_files(name: str, public: str) -> None:
    assert getattr(lexicon, public) == frozenset(load_all()[name].entries)


def test_lexicon_clashes_are_settled_by_case() -> None:
    assert HONORIFICS["ms"] == "female" and "MS" in POSTNOMINALS
    assert "di" in NAME_PARTICLES and "di" not in HONORIFICS and "DI" in RANK_ABBREVIATIONS
    assert "ms" not in POSTNOMINALS and "kc" not in POSTNOMINALS


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ms", "ms"),
        ("Ms.", "ms"),
        ("dr", "dr"),
        ("Dr.", "dr"),
        ("MS", None),
        ("Di", None),
        ("DI", None),
        ("Bob", None),
    ],
)
def test_lexicon_honorific_key(text: str, key: str | None) -> None:
    assert honorific_key(text) == key


@pytest.mark.parametrize(
    ("text", "rank", "postnominal"),
    [
        ("DI", True, False),
        ("DCI.", True, False),
        ("Di", False, False),
        ("MS", False, True),
        ("Ms", False, False),
        ("KC", False, True),
        ("kc", False, False),
        ("Jr.", False, True),
        ("PhD", False, True),
    ],
)
def test_lexicon_exact_case_lists(text: str, rank: bool, postnominal: bool) -> None:
    assert is_rank_abbreviation(text) is rank
    assert is_postnominal(text) is postnominal


def test_lexicon_source_phrases_are_a_tuple_of_phrases() -> None:
    assert SOURCE_PHRASES == ("according to", "in the words of")


@pytest.mark.parametrize(
    ("paragraph", "noise"),
    [
        ("Photo: Jane Doe", True),
        ("(AP Photo/Kim Lee)", True),
        ("Advertisement", True),
        ("date 2024-01-31 10:00", True),
        ("Crowds on the pier. Photo courtesy of the council", True),
        ("The photo shows the mayor.", False),
        ("Lee said the image was misleading.", False),
    ],
)
def test_lexicon_noise_paragraph(paragraph: str, noise: bool) -> None:
    assert bool(NOISE_PARAGRAPH.search(paragraph)) is noise


# -- the loader refuses bad data -----------------------------------------------------------


def test_lexicon_parse_rejects_a_duplicate() -> None:
    with pytest.raises(LexiconError, match=r"verbs\.txt:3: duplicate 'say'"):
        parse("# comment\nsay\nsay\n", ListFile("verbs.txt"))


@pytest.mark.parametrize(
    ("text", "spec", "message"),
    [
        ("Say\n", ListFile("verbs.txt"), "'Say' must be lower case"),
        ("point out\n", ListFile("verbs.txt"), "one word per line"),
        ("mr\n", ListFile("titles.txt", kind="map", values=frozenset({"male"})), "expected 'word<TAB>value'"),
        ("mr\tmale\nmrs\tf\n", ListFile("titles.txt", kind="map", values=frozenset({"male"})), "value 'f'"),
    ],
)
def test_lexicon_parse_rejects_malformed_lines(text: str, spec: ListFile, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse(text, spec)


def test_lexicon_parse_reads_maps_and_exact_case() -> None:
    spec = ListFile("t.txt", kind="map", values=frozenset({"male", "-"}))
    assert parse("# c\n\nmr\tmale\ndr -\n", spec) == {"mr": "male", "dr": None}
    assert parse("KC\nPhD\n", ListFile("p.txt", exact=True)) == {"KC": None, "PhD": None}


@pytest.mark.parametrize(
    ("file", "line", "message"),
    [
        ("reporting_verbs.txt", "say", "duplicate 'say' in reporting_verbs.txt"),
        ("person_roles.txt", "scientist", "duplicate 'scientist'"),
        ("organisation_nouns.txt", "network\tmedia", "duplicate 'network'"),
        ("honorifics.txt", "di\t-", "'di' is in both honorifics.txt and name_particles.txt"),
        ("postnominals.txt", "Ms", r"'ms' is in both honorifics.txt and postnominals.txt \(as 'Ms'\)"),
        (
            "person_roles.txt",
            "regulator",
            "'regulator' is in both person_roles.txt and organisation_nouns.txt",
        ),
        ("organisation_nouns.txt", "authorities\tbody", "organisation_nouns.txt and group_nouns.txt"),
        ("indirect_verbs.txt", "mumble", "'mumble' is in indirect_verbs.txt but not in reporting_verbs.txt"),
        ("person_role_gender.txt", "lord\tfemale", "'lord' is male in honorifics.txt but female"),
    ],
)
def test_lexicon_loader_rejects_a_spoilt_file(data_copy: Path, file: str, line: str, message: str) -> None:
    append(data_copy / file, line)
    with pytest.raises(LexiconError, match=message):
        load_all(data_copy)


def test_lexicon_all_caps_abbreviation_does_not_clash_with_a_word(data_copy: Path) -> None:
    append(data_copy / "rank_abbreviations.txt", "DR")  # "DR" exact vs "dr" lower-cased: apart by case
    assert "DR" in load_all(data_copy)["rank_abbreviations"].entries


# -- verb forms ------------------------------------------------------------------------------


@pytest.mark.model
def test_lexicon_surface_forms_cover_common_forms(nlp: Language) -> None:
    forms = reporting_verb_forms(nlp)
    assert forms >= REPORTING_VERBS
    for form in "said says told wrote added replied quipped insisted warned argued cried began".split():
        assert form in forms, form
    for word in ("table", "house", "the", "quote"):
        assert word not in forms, word


@pytest.mark.model
def test_lexicon_surface_forms_of_a_few_lemmas(nlp: Language) -> None:
    forms = surface_forms(["Say", "reply"], nlp)
    assert {"say", "says", "said", "saying", "reply", "replies", "replied", "replying"} <= forms
    assert "told" not in forms


def test_lexicon_surface_forms_without_a_lemmatizer_are_the_lemmas() -> None:
    blank = spacy.blank("en")
    assert surface_forms(["say", "tell"], blank) == {"say", "tell"}
    assert reporting_verb_forms(blank) == REPORTING_VERBS
    assert reporting_verb_forms() == REPORTING_VERBS
    blank.add_pipe("lemmatizer", config={"mode": "rule"})  # never initialised: no tables
    assert surface_forms(["say"], blank) == {"say"}


def test_lexicon_title_abbreviations_are_honorifics() -> None:
    """Each abbreviation the tokenizer keeps whole is a title that honorifics.txt explains."""
    from quotegrab.lexicon import HONORIFICS, TITLE_ABBREVIATIONS, honorific_key

    assert TITLE_ABBREVIATIONS
    assert all(t.endswith(".") and honorific_key(t) in HONORIFICS for t in TITLE_ABBREVIATIONS)


def test_lexicon_document_verbs_name_documents() -> None:
    """Each document made by an act is a document noun, and each act is a verb lemma."""
    from quotegrab.lexicon import DOCUMENT_NOUNS, DOCUMENT_VERBS

    assert DOCUMENT_VERBS
    assert set(DOCUMENT_VERBS) <= DOCUMENT_NOUNS
    assert all(verb and verb.isalpha() and verb.islower() for verb in DOCUMENT_VERBS.values())
