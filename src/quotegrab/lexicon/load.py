"""Read and check the lexicon's data files.

A file is one entry per line; lines starting with "#" are comments. The loader fails
loudly (LexiconError, naming the file, line and word) on a word listed twice, a word
in the wrong case for how its list is matched, and a word shared by two lists that
must stay apart (DISJOINT), so that a clash is settled in the data rather than by
whichever lookup a heuristic happens to try first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable
    from pathlib import Path

Kind = Literal["words", "phrases", "patterns", "map"]
GENDERS = frozenset({"male", "female"})
NO_VALUE = "-"  # in a map file: the word tells nothing (stored as None)


# What kind of organisation a name word makes and a noun stands for ("-": no kind).
ORGANISATION_KINDS = frozenset("company club union party body school charity media health -".split())


class LexiconError(ValueError):
    """A data file breaks the lexicon's rules: a duplicate, a clash, a malformed line."""


@dataclass(frozen=True)
class ListFile:
    """How one data file is read and how its entries are matched."""

    name: str  # file name inside the lexicon package
    kind: Kind = "words"
    exact: bool = False  # matched on the exact token text, so entries keep their case
    values: frozenset[str] = field(default_factory=frozenset)  # allowed values of a map file (any if empty)


@dataclass(frozen=True)
class Loaded:
    spec: ListFile
    entries: dict[str, str | None]  # word -> value (None for plain lists and "-")


FILES: dict[str, ListFile] = {
    f.name.removesuffix(".txt"): f
    for f in (
        ListFile("reporting_verbs.txt"),
        ListFile("indirect_verbs.txt"),
        ListFile("attribution_tail_verbs.txt"),
        ListFile("refusal_verbs.txt"),
        ListFile("issuing_verbs.txt"),
        ListFile("characterising_verbs.txt"),
        ListFile("naming_verbs.txt"),
        ListFile("turn_cues.txt"),
        ListFile("source_phrases.txt", kind="phrases"),
        ListFile("phrasal_reporting_verbs.txt", kind="phrases"),
        ListFile("pronoun_gender.txt", kind="map", values=GENDERS),
        ListFile("singular_person_pronouns.txt"),
        ListFile("group_pronouns.txt"),
        ListFile("first_person_pronouns.txt"),
        ListFile("honorifics.txt", kind="map", values=GENDERS | {NO_VALUE}),
        ListFile("rank_abbreviations.txt", exact=True),
        ListFile("title_abbreviations.txt", exact=True),
        ListFile("postnominals.txt", exact=True),
        ListFile("calendar_words.txt"),
        ListFile("person_role_gender.txt", kind="map", values=GENDERS | {NO_VALUE}),
        ListFile("person_roles.txt"),
        ListFile("organisation_nouns.txt", kind="map", values=ORGANISATION_KINDS),
        ListFile("organisation_name_words.txt", kind="map", exact=True, values=ORGANISATION_KINDS),
        ListFile("document_nouns.txt"),
        ListFile("document_verbs.txt", kind="map"),
        ListFile("group_nouns.txt"),
        ListFile("name_particles.txt"),
        ListFile("noise_paragraphs.txt", kind="patterns", exact=True),
    )
}

# Lists that must share no word (compared by clash_key): each pair says why.
DISJOINT: tuple[tuple[str, str, str], ...] = (
    ("honorifics", "name_particles", '"Angel Di Maria" is not "Maria" with a title'),
    ("honorifics", "postnominals", '"Ms Lee" is a title, "Jane Roe MS" a post-nominal'),
    ("honorifics", "rank_abbreviations", "word titles are matched lower-cased, ranks exactly"),
    ("honorifics", "calendar_words", "a title is not a date"),
    ("rank_abbreviations", "postnominals", "one comes before a name, the other after it"),
    ("rank_abbreviations", "name_particles", '"DI Hughes" is a rank, "Di Maria" a name'),
    ("name_particles", "postnominals", "a particle joins a name, a post-nominal ends it"),
    ("name_particles", "calendar_words", "a particle joins a name"),
    ("characterising_verbs", "naming_verbs", '"called it "nonsense"" is speech, "dubbed it "X"" a coinage'),
    ("person_roles", "organisation_nouns", '"the regulator said" is an organisation'),
    ("person_roles", "group_nouns", "one person or an unnamed group"),
    ("person_roles", "document_nouns", "a person or a document"),
    ("person_roles", "calendar_words", "a role is not a date"),
    ("person_role_gender", "organisation_nouns", "a person or an organisation"),
    ("organisation_nouns", "group_nouns", '"authorities" is a group, "authority" an organisation'),
    ("organisation_nouns", "document_nouns", "an organisation or a document"),
    ("group_nouns", "document_nouns", "a group or a document"),
    ("group_pronouns", "singular_person_pronouns", "one person or a group"),
    ("group_pronouns", "pronoun_gender", "a gendered pronoun is one person"),
)

# (part, whole): every word of the first list must be in the second.
SUBSETS: tuple[tuple[str, str], ...] = (
    ("indirect_verbs", "reporting_verbs"),
    ("attribution_tail_verbs", "reporting_verbs"),
    ("singular_person_pronouns", "pronoun_gender"),
)

# Map files that must give the same value where both list a word and both tell.
AGREE: tuple[tuple[str, str], ...] = (("honorifics", "person_role_gender"),)


def parse(text: str, spec: ListFile) -> dict[str, str | None]:
    """The entries of one data file's text, in file order."""
    entries: dict[str, str | None] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{spec.name}:{number}"
        value: str | None = None
        if spec.kind == "map":
            fields = line.split()
            if len(fields) != 2:
                raise LexiconError(f"{where}: expected 'word<TAB>value', got {line!r}")
            word, value = fields
            if spec.values and value not in spec.values:
                raise LexiconError(f"{where}: {word!r} has value {value!r}, not one of {sorted(spec.values)}")
            value = None if value == NO_VALUE else value
        elif spec.kind == "phrases":
            word = " ".join(line.split())
        elif spec.kind == "patterns":
            word = line
        else:
            if len(line.split()) != 1:
                raise LexiconError(f"{where}: one word per line, got {line!r}")
            word = line
        if not spec.exact and word != word.lower():
            raise LexiconError(f"{where}: {word!r} must be lower case: this list is matched lower-cased")
        if word in entries:
            raise LexiconError(f"{where}: duplicate {word!r} in {spec.name}")
        entries[word] = value
    return entries


def clash_key(word: str, exact: bool) -> str:
    """The form in which two lists' words are compared for a clash.

    Lower-cased, except an all-caps entry of an exact-case list ("MS", "DI"): lower-case
    lists are never looked up for an all-caps token, so "MS" cannot clash with "ms".
    """
    return word if exact and word.isupper() else word.lower()


def check(loaded: Mapping[str, Loaded]) -> None:
    """Raise LexiconError on the first clash, stray word or disagreement between lists."""
    for a, b, why in DISJOINT:
        keys_b = {clash_key(w, loaded[b].spec.exact): w for w in loaded[b].entries}
        for word in loaded[a].entries:
            other = keys_b.get(clash_key(word, loaded[a].spec.exact))
            if other is not None:
                raise LexiconError(
                    f"{word!r} is in both {loaded[a].spec.name} and {loaded[b].spec.name}"
                    f" (as {other!r}); they must stay apart: {why}"
                )
    for part, whole in SUBSETS:
        stray = sorted(set(loaded[part].entries) - set(loaded[whole].entries))
        if stray:
            raise LexiconError(
                f"{stray[0]!r} is in {loaded[part].spec.name} but not in {loaded[whole].spec.name}"
            )
    for a, b in AGREE:
        for word, value in loaded[a].entries.items():
            other = loaded[b].entries.get(word)
            if value is not None and other is not None and value != other:
                raise LexiconError(
                    f"{word!r} is {value} in {loaded[a].spec.name} but {other} in {loaded[b].spec.name}"
                )


def load_all(root: Traversable | Path | None = None) -> dict[str, Loaded]:
    """Every data file under `root` (default: this package), parsed and checked."""
    base = root if root is not None else files(__package__ or "quotegrab.lexicon")
    loaded = {
        key: Loaded(spec, parse(base.joinpath(spec.name).read_text(encoding="utf-8"), spec))
        for key, spec in FILES.items()
    }
    check(loaded)
    return loaded
