"""The named patterns of attribution, as spaCy `Matcher` and `DependencyMatcher` rules.

The token rules run on `SeqMatcher` (seqmatch.py) and the dependency rules on `TreeMatcher`
(treematch.py), which take the same patterns as spaCy's matchers and find the same matches.

Each frame in which news writing names a speaker is one named pattern:

| pattern | finds | example |
|---|---|---|
| `reporting_verb` | a reporting verb (a lemma of the lexicon) used as a verb | "...," Kim **said** |
| `interjection` | a phrasal verb of interrupting or retorting speech | Kim **cut in**, Kim **shot back** |
| `phrasing` | "put it" | as Kim **put** it |
| `fronted_verb` | a reporting verb opening its sentence | **Said** Ellis: "..." |
| `source_phrase` | a prepositional source | **according to** Kim, **in the words of** Kim |
| `source_object` | the object of a source phrase | according to **Kim** |
| `subject` | the subject of a reporting verb | "...," **Kim** said; **Kim**, the director, said |
| `shared_subject_N` | the subject of a verb N coordinations up | **Kim** smiled and said |
| `relative_subject_N` | the antecedent of "who" | **Kim**, who said |
| `inverted_subject` | the first noun after a finite verb | "...," said **Kim** |
| `quote_inverted_subject` | the same, the verb just after a closing mark | "...," read **the email** |
| `preceding_subject` | a name or pronoun just before a verb the parse left subjectless | **Kim** then said |
| `quote_preceding_subject` | the same, after a closing mark, the verb of any tag | "...," **Trump** barked |
| `aged_subject` | an age just before a reporting verb | the 84-year-**old** said |
| `clausal_complement` | the reported clause of a verb | Kim said **the plan failed** |
| `clear_report` | the same, of "make" with "clear" | Kim made it clear **that it works** |
| `noun_complement` | a "that"-clause on the verb's object | expressed the hope **that it works** |
| `parenthetical_report` | the clause around a reporting clause | Most days, she says, **the ward is full** |
| | or before one the parser joined to it | **It will fail**, Kim told MPs |

Which of these a quote uses, and in which order they are tried, is the frame logic of
`attribute.py`; windows and depths come from `AttributionSettings`, the component's config.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

from .context import Parsed
from .lexicon import CALENDAR_WORDS, PHRASAL_REPORTING_VERBS
from .matches import Matches, match_batch
from .mentions import TIME_ENTITIES
from .seqmatch import SeqMatcher
from .treematch import TreeMatcher

NOMINAL = ["PROPN", "PRON", "NOUN"]
SUBJECT_DEPS = ["nsubj"]  # a passive subject ("was described as", "was told") is spoken about
CLIMB_DEPS = ["conj", "xcomp", "advcl", "parataxis"]  # "Durbin, noting ..., said" (parataxis)
FINITE_TAGS = ["VBD", "VBZ", "VBP"]
MODIFIER_DEPS = ["acl", "amod", "relcl", "advcl"]
RELATIVE_PRONOUNS = ["who", "which", "that"]
_NOT_A_VERB_HERE = ["amod", "compound"]  # "the so-called", "a said-to-be": adjectival uses
_SENTENCE_END = [".", "!", "?"]
CLOSING_MARKS = frozenset({'"', "”", "'", "’"})
_PHRASE_BREAK = [*_SENTENCE_END, ",", ":"]
_NOUN_CLAUSE_DEPS = ["acl", "ccomp", "relcl"]
# Verbs whose object is the person spoken to: "told AFP", "assured reporters".
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "reassure", "remind", "notify", "brief"})


@dataclass(frozen=True)
class AttributionSettings:
    """Windows and depths of the attribution frames; each is a key of the component's config."""

    after_window: int = 30  # tokens after a quote that may hold its attribution: room for
    # "Michael McFaul, a senior fellow at X and a former ambassador to Russia, said"
    adjacent_tokens: int = 6  # at most this many tokens between quote and verb, unless all are the subject
    inversion_window: int = 5  # "said the veteran coach Kim": tokens after the verb to its subject
    preceding_window: int = 3  # tokens before a subjectless verb to a name or pronoun
    climb: int = 2  # verbs up a coordination chain ("smiled and said") to find a subject; 3 gained
    # nothing on tests/gold/dev and costs 3 ms an article


def _root(name: str, attrs: dict[str, Any]) -> dict[str, Any]:
    return {"RIGHT_ID": name, "RIGHT_ATTRS": attrs}


def _link(left: str, op: str, right: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """A DependencyMatcher node: `left op right`, with `>` "has child" and `<` "has head"."""
    return {"LEFT_ID": left, "REL_OP": op, "RIGHT_ID": right, "RIGHT_ATTRS": attrs}


def _climb_pattern(
    depth: int,
    subject: dict[str, Any],
    verb: dict[str, Any],
    relative: bool = False,
    climbing_deps: Sequence[str] = CLIMB_DEPS,
) -> list[dict[str, Any]]:
    """verb <conj/xcomp/advcl head1 ... <head_depth >nsubj subject (and <antecedent for "who").

    Node order, which `Matches` relies on: verb, head1..head_depth, [antecedent], subject.
    """
    climbing = {"DEP": {"IN": list(climbing_deps)}}
    nodes = ["verb", *(f"head{level}" for level in range(1, depth + 1))]
    top_attrs: dict[str, Any] = {"DEP": "relcl"} if relative else {}
    pattern = [_root("verb", {**verb, **(climbing if depth else top_attrs)})]
    for level in range(1, depth + 1):
        attrs = climbing if level < depth else top_attrs
        pattern.append(_link(nodes[level - 1], "<", nodes[level], attrs))
    if relative:
        pattern.append(_link(nodes[-1], "<", "antecedent", {}))
    pattern.append(_link(nodes[-1], ">", "subject", subject))
    return pattern


def _interjecting(pattern: list[dict[str, Any]], particle: str = "in") -> list[dict[str, Any]]:
    """The same pattern for a phrasal verb of interrupting ("cut in") or retorting ("shot
    back", `particle`), its particle last."""
    # the parser reads "back" as an adverb; "in" only as a particle ("cut in", not "in there")
    dep: Any = "prt" if particle == "in" else {"IN": ["prt", "advmod"]}
    attrs = {"DEP": dep, "LOWER": particle}
    return [*pattern, _link("verb", ">", "particle", attrs)]


def _phrasal_verbs(pairs: Iterable[str]) -> dict[str, list[str]]:
    """The verb lemmas of each particle: {"back": ["fire", "hit", ...], "on": ["go"]}."""
    verbs: dict[str, list[str]] = {}
    for pair in pairs:
        verb, particle = pair.split()
        verbs.setdefault(particle, []).append(verb)
    return verbs


def _phrasing(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same pattern for "put it" ("as Kim put it"), its object last."""
    return [*pattern, _link("verb", ">", "it", {"DEP": "dobj", "LOWER": "it"})]


def _source_object(words: list[str]) -> list[dict[str, Any]]:
    """The object of a source phrase's last word, the phrase spelled out word by word before it."""
    last = len(words) - 1
    pattern = [_root(f"w{last}", {"LOWER": words[last]})]
    for k in range(last, 0, -1):  # `A ; B`: A immediately follows B
        pattern.append(_link(f"w{k}", ";", f"w{k - 1}", {"LOWER": words[k - 1]}))
    return [*pattern, _link(f"w{last}", ">", "object", {"DEP": "pobj"})]


class CuePatterns:
    """The attribution patterns of one vocab, built once and run once per Doc."""

    def __init__(
        self,
        vocab: Vocab,
        reporting_verbs: Iterable[str],
        indirect_verbs: Iterable[str],
        source_phrases: Iterable[str],
        settings: AttributionSettings | None = None,
    ) -> None:
        self.settings = settings = settings or AttributionSettings()
        self.matcher = SeqMatcher(vocab)
        self.dep_matcher = TreeMatcher(vocab)
        phrases = [phrase.split() for phrase in source_phrases]
        verb_use = {"DEP": {"NOT_IN": _NOT_A_VERB_HERE}}
        reporting = {"LEMMA": {"IN": sorted(reporting_verbs)}, **verb_use}
        indirect = {"LEMMA": {"IN": sorted(indirect_verbs)}, "POS": {"IN": ["VERB", "AUX"]}, **verb_use}
        finite = {**reporting, "TAG": {"IN": FINITE_TAGS}, "DEP": {"NOT_IN": MODIFIER_DEPS}}
        gap = {"POS": {"NOT_IN": NOMINAL}, "ORTH": {"NOT_IN": _PHRASE_BREAK}}
        # "...," Kim said Monday: a time word beside the verb is never its subject
        untimed = {"ENT_TYPE": {"NOT_IN": sorted(TIME_ENTITIES)}, "LOWER": {"NOT_IN": sorted(CALENDAR_WORDS)}}
        nominal = {"POS": {"IN": NOMINAL}, "ORTH": {"NOT_IN": _PHRASE_BREAK}, **untimed}
        after = {**gap, "OP": f"{{0,{settings.inversion_window - 1}}}"}
        person = ["PROPN", "PRON"]
        before: dict[str, Any] = {"POS": {"NOT_IN": person}, "ORTH": {"NOT_IN": _SENTENCE_END}}
        before["OP"] = f"{{0,{settings.preceding_window - 1}}}"

        # Cue words.
        any_tag = {**reporting, "TAG": {"REGEX": "^VB"}}  # a verb whatever its tag or part of speech
        self.matcher.add("reporting_verb", [[{**reporting, "POS": "VERB"}], [any_tag]])
        self.matcher.add("source_phrase", [[{"LOWER": word} for word in words] for words in phrases])
        self.matcher.add("indirect_verb", [[indirect]])
        self.dep_matcher.add("phrasing", [_phrasing([_root("verb", {"LEMMA": "put", "POS": "VERB"})])])
        # "Kim cut in" (any verb with "in"), "Kim shot back" (phrasal_reporting_verbs.txt)
        retorts = [
            ({"LEMMA": {"IN": sorted(verbs)}, "POS": "VERB", **verb_use}, particle)
            for particle, verbs in _phrasal_verbs(PHRASAL_REPORTING_VERBS).items()
        ]
        phrasal_roots = [({**verb_use, "POS": "VERB"}, "in"), *retorts]
        interjections = [_interjecting([_root("verb", root)], particle) for root, particle in phrasal_roots]
        self.dep_matcher.add("interjection", interjections)
        # Speakers: the parse's subject first, then the words beside the verb.
        subject = {"DEP": {"IN": SUBJECT_DEPS}}
        relative = {**subject, "LOWER": {"IN": RELATIVE_PRONOUNS}}
        # Only the verbs a cue can be read from are roots: a reporting verb, any verb with "in",
        # a phrasal verb of the lexicon with its particle.
        put = {"LEMMA": "put", "POS": "VERB"}
        # "Officials were angered by the deal and predicted ...": the passive subject of a verb
        # the reporting verb is coordinated with is its subject too
        passive = {"DEP": "nsubjpass"}
        for depth in range(settings.climb):
            for name, subj, rel in (("subject", subject, False), ("relative_subject", relative, True)):
                plain = [_climb_pattern(depth, subj, reporting, relative=rel)]
                if depth and not rel:
                    plain.append(_climb_pattern(depth, passive, reporting, climbing_deps=["conj"]))
                self.dep_matcher.add(f"{name}_{depth}", plain)
                if depth == 0:  # "Kim cut in", "as Kim put it": a phrasal cue names its own subject
                    phrasal = [
                        _interjecting(_climb_pattern(depth, subj, root, relative=rel), particle)
                        for root, particle in phrasal_roots
                    ]
                    self.dep_matcher.add(f"{name}_{depth}_phrasal", phrasal)
                    phrasing = _phrasing(_climb_pattern(depth, subj, put, relative=rel))
                    self.dep_matcher.add(f"{name}_{depth}_phrasing", [phrasing])
        # "..., Ramos told AFP": the noun after "told" is the listener, never an inverted subject
        inverting = {**finite, "LEMMA": {"IN": sorted(set(reporting_verbs) - ADDRESSEE_VERBS)}}
        self.matcher.add("inverted_subject", [[inverting, after, nominal]])
        # '"...," read the email', '"...," say residents': right after a closing mark the verb
        # inverts whatever tag the tagger gives it (often the base form's)
        closing = {"ORTH": {"IN": sorted(CLOSING_MARKS)}}
        after_quote = {**inverting, "TAG": {"REGEX": "^VB"}}
        self.matcher.add("quote_inverted_subject", [[closing, after_quote, after, nominal]])
        # "Said Ellis: ..." opens a sentence; the parser often reads the verb as a compound
        fronted = {"IS_SENT_START": True, "LEMMA": {"IN": sorted(reporting_verbs)}, "TAG": {"REGEX": "^VB"}}
        self.matcher.add("fronted_verb", [[fronted, after, nominal]])
        self.matcher.add("preceding_subject", [[{"POS": {"IN": person}, **untimed}, before, finite]])
        # '"...," Trump barked': between a closing mark and a reporting verb, whatever its tag
        # (the tagger may read a past participle), a name or pronoun is the verb's subject
        name_words = {"POS": "PROPN", "OP": f"{{0,{settings.preceding_window - 1}}}"}
        speaker = {"POS": {"IN": person}, **untimed}
        self.matcher.add("quote_preceding_subject", [[closing, name_words, speaker, any_tag]])
        # "the 84-year-old said": the parser reads the age as the verb's adjective
        aged: list[dict[str, Any]] = [{"LOWER": {"IN": ["year", "years"]}}, {"ORTH": "-"}, {"LOWER": "old"}]
        self.matcher.add("aged_subject", [[*aged, finite]])
        self.dep_matcher.add("source_object", [_source_object(words) for words in phrases])
        self.matcher.add(
            "source_nominal", [[*({"LOWER": w} for w in words), after, nominal] for words in phrases]
        )
        # Reported clauses.
        clause = {"DEP": {"IN": _NOUN_CLAUSE_DEPS}}
        that = {"DEP": "mark", "LOWER": "that"}
        complement = _link("verb", ">", "clause", {"DEP": "ccomp"})
        self.dep_matcher.add(  # "Kim said the plan failed", "Kim shot back that the plan failed"
            "clausal_complement",
            [
                [_root("verb", indirect), complement],
                *(_interjecting([_root("verb", root), complement], particle) for root, particle in retorts),
            ],
        )
        self.dep_matcher.add(  # "Most days, she says, the ward is full."
            "parenthetical_report",
            [
                [
                    _root("clause", {"POS": {"IN": ["VERB", "AUX"]}}),
                    _link("clause", ">", "verb", {**indirect, "DEP": {"IN": ["parataxis", "conj"]}}),
                ]
            ],
        )
        # "made clear (that) ...", "made it clear that ...": "make" reports with "clear"
        make = {"LEMMA": "make", "POS": "VERB", **verb_use}
        made_clear = [_root("verb", make), _link("verb", ">", "clear", {"LOWER": "clear"})]
        its_subject = _link("verb", ">", "subject", {"DEP": "nsubj"})
        clear_clause = {"DEP": {"IN": ["ccomp", "advcl"]}}
        self.dep_matcher.add(
            "clear_report",
            [
                [
                    *made_clear,
                    _link("verb", ">", "clause", {"DEP": "ccomp", "LOWER": {"NOT_IN": ["clear"]}}),
                    its_subject,
                ],
                [
                    *made_clear,
                    _link("clear", ">", "clause", clear_clause),
                    _link("clause", ">", "that", that),
                    its_subject,
                ],
            ],
        )
        self.dep_matcher.add(
            "noun_complement",
            [
                [  # "expressed her hope that ..."
                    _root("verb", indirect),
                    _link("verb", ">", "noun", {"DEP": "dobj"}),
                    _link("noun", ">", "clause", clause),
                    _link("clause", ">", "that", that),
                ],
                [  # "said in a statement that ...", "said at the time that ..." (read as a
                    # relative clause whose "that" is no argument of it)
                    _root("verb", indirect),
                    _link("verb", ">", "prep", {"DEP": "prep"}),
                    _link("prep", ">", "noun", {"DEP": "pobj"}),
                    _link("noun", ">", "clause", clause),
                    _link("clause", ">", "that", {**that, "DEP": {"IN": ["mark", "advmod"]}}),
                ],
            ],
        )

    def __call__(self, doc: Doc, parsed: Parsed | None = None) -> Matches:
        """Every match in `doc`; in fast mode, in the short Doc of its parsed tokens, with
        token indices mapped back into `doc`."""
        return self.batch([doc], [parsed])[0]

    def batch(self, docs: Sequence[Doc], parsed: Sequence[Parsed | None]) -> list[Matches]:
        """`self(doc, part)` for each Doc, the short ones matched together (matches.py)."""
        return match_batch(self.matcher, self.dep_matcher, docs, parsed)
