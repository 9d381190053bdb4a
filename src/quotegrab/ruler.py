"""The pipeline's attribute ruler, applied by table lookup: the same output, a fraction of the cost.

spaCy's attribute ruler maps tags to parts of speech and morphology, with a few exceptions,
by running a Matcher of every rule over every token; in en_core_web_sm that is about an
eighth of the whole pipeline's time. Nearly all of its rules look at one token only, so
the rules that match a token depend on a handful of the token's attributes: their result
is computed once per distinct combination and then looked up. The few rules that span
several tokens still run as a Matcher. Rules apply in the ruler's order, later ones winning,
exactly as in spaCy. A ruler with a rule this table cannot express is left as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.parts_of_speech import NAMES
from spacy.tokens import Doc

# The token attributes a one-token rule may test here, and the attributes a rule may set.
_READ = {"TAG": TAG, "POS": POS, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET = ("POS", "MORPH", "LEMMA", "TAG")  # written as arrays; DEP is set token by token (rare)
Rule = tuple[int, list[dict[str, Any]]]  # (order, one-token alternatives)
_MASK = (1 << 64) - 1  # an int64 view of a hash back to the hash
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "IN": lambda value, arg: value in arg,
    "NOT_IN": lambda value, arg: value not in arg,
    "REGEX": lambda value, arg: re.search(arg, value) is not None,  # as the Matcher does
}


def _test(value: Any, spec: Any) -> bool:
    if isinstance(spec, dict):
        return all(_OPS[op](value, arg) for op, arg in spec.items())
    return bool(value == spec)


def _expressible(token_pattern: dict[str, Any]) -> bool:
    for key, spec in token_pattern.items():
        if key not in _READ:
            return False
        if isinstance(spec, dict) and not set(spec) <= set(_OPS):
            return False
    return True


class AttributeTable:
    """Applies an attribute ruler's rules to a Doc, one lookup per token."""

    def __init__(self, nlp: Language, patterns: list[dict[str, Any]]) -> None:
        self.vocab = nlp.vocab
        self.single: list[Rule] = []
        self.attrs = [{k.upper(): v for k, v in rule.get("attrs", {}).items()} for rule in patterns]
        self.multi = Matcher(nlp.vocab)
        multi: list[list[dict[str, Any]]] = []
        for order, rule in enumerate(patterns):
            if all(len(p) == 1 for p in rule["patterns"]):
                self.single.append((order, [p[0] for p in rule["patterns"]]))
            else:
                self.multi.add(f"{order}:{rule.get('index', 0)}", rule["patterns"])
                multi.extend(rule["patterns"])
        self.gate = MultiGate(self, multi)
        self.keys = sorted({k for _, alts in self.single for alt in alts for k in alt})
        self.cache: dict[tuple[Any, ...], tuple[list[tuple[int, int]], str | None]] = {}
        self.lower = self.keys.index("LOWER") if "LOWER" in self.keys else None
        self.lower_specs = [alt["LOWER"] for _, alts in self.single for alt in alts if "LOWER" in alt]
        # literal words and IN lists by set lookup; only the other tests are run word by word
        self.lower_words = frozenset(
            w for s in self.lower_specs for w in ([s] if isinstance(s, str) else s.get("IN", []))
        )
        self.lower_specs = [s for s in self.lower_specs if isinstance(s, dict) and set(s) != {"IN"}]
        self.seen: set[int] = set()  # word hashes (int64) already tested
        self.named: set[int] = set()  # those that a LOWER test passes
        if any(_test("", spec) for spec in self.lower_specs):
            self.lower = None  # "" would pass a test: words cannot share the empty signature

    @classmethod
    def expressible(cls, patterns: list[dict[str, Any]]) -> bool:
        """Whether every rule is one this table applies exactly."""
        for rule in patterns:
            if not {k.upper() for k in rule.get("attrs", {})} <= {*_SET, "DEP"}:
                return False
            for pattern in rule["patterns"]:
                if len(pattern) == 1 and not _expressible(pattern[0]):
                    return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        extra: dict[int, list[int]] = defaultdict(list)
        for key, start, end in self.multi(doc) if self.gate.may_match(doc) else ():
            order, index = (int(x) for x in strings[key].split(":"))
            extra[(start if index >= 0 else end) + index].append(order)
        # The Matcher sees the tokens as they came: read every value before writing any.
        # (int64: hashes above 2**63 would come back from tolist() as slow big integers)
        rows: list[list[int]] = (
            doc.to_array([_READ[k] for k in self.keys])
            .view("int64")
            .reshape(len(doc), len(self.keys))
            .tolist()
        )
        lower = self.lower
        if lower is not None:  # a word no rule names is any word: one signature for all
            named = self.named_words({row[lower] for row in rows})
            for row in rows:
                if row[lower] not in named:
                    row[lower] = 0
        out: Any = doc.to_array([POS, MORPH, LEMMA, TAG])
        # What the rules set, column by column: (token, value) pairs written as one array each.
        at: list[list[int]] = [[] for _ in _SET]
        to: list[list[int]] = [[] for _ in _SET]
        deps: list[tuple[int, str]] = []
        for i, row in enumerate(rows):
            signature = (tuple(row), tuple(sorted(extra[i])) if i in extra else ())
            found = self.cache.get(signature)
            if found is None:
                found = self.cache[signature] = self._merge(*signature)
            for column, value in found[0]:
                at[column].append(i)
                to[column].append(value)
            if found[1] is not None:
                deps.append((i, found[1]))
        for column, tokens in enumerate(at):
            if tokens:
                out[tokens, column] = numpy.asarray(to[column], dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA, TAG], out)
        for i, dep in deps:
            doc[i].dep_ = dep
        return doc

    def named_words(self, words: set[int]) -> set[int]:
        """The word hashes (as int64) that some rule's LOWER test passes, those of `words` included."""
        new = words - self.seen
        if new:
            self.seen |= new
            self.named.update(v for v in new if self._named(self.vocab.strings[v & _MASK]))
        return self.named

    def _named(self, word: str) -> bool:
        return word in self.lower_words or any(_test(word, spec) for spec in self.lower_specs)

    def _merge(self, row: tuple[int, ...], more: tuple[int, ...]) -> tuple[list[tuple[int, int]], str | None]:
        """What every rule matching a token with these values sets, in rule order, as array
        columns and values (and a DEP, if any)."""
        values = {k: self._text(k, v) for k, v in zip(self.keys, row, strict=True)}
        orders = [
            order
            for order, alternatives in self.single
            if any(all(_test(values[k], spec) for k, spec in alt.items()) for alt in alternatives)
        ]
        merged: dict[str, str] = {}
        for order in sorted({*orders, *more}):
            merged.update(self.attrs[order])
        columns = []
        for column, name in enumerate(_SET):
            if name in merged:
                columns.append((column, self._id(name, merged[name])))
        return columns, merged.get("DEP")

    def _text(self, key: str, value: int) -> Any:
        if key == "IS_SPACE":
            return bool(value)
        if key == "POS":
            return NAMES.get(value, "")
        return self.vocab.strings[value & _MASK] if value else ""

    def _id(self, name: str, value: str) -> int:
        if name == "POS":
            return int(POS_IDS[value])
        if name == "MORPH":
            return int(self.vocab.morphology.add(value))
        return int(self.vocab.strings.add(value))


class MultiGate:
    """Whether a Doc can hold a match of the table's multi-token rules at all, so that their
    Matcher runs only where it may find something: most Docs hold none of the words the rules
    name ("gon na", "there is"). Each pattern is anchored on one word test; only the tokens that
    pass an anchor are tried, each against its whole pattern. A pattern this cannot test
    exactly (a quantifier, an attribute outside the table's) keeps the Matcher always on."""

    def __init__(self, table: AttributeTable, patterns: list[list[dict[str, Any]]]) -> None:
        self.table = table
        anchors = [next((k for k, t in enumerate(p) if "LOWER" in t), None) for p in patterns]
        self.exact = all(
            a is not None and all(map(_expressible, p)) for p, a in zip(patterns, anchors, strict=True)
        )
        # (anchor position, pattern) for each pattern
        self.anchored = [(a or 0, p) for p, a in zip(patterns, anchors, strict=True)]
        self.keys = sorted({k for p in patterns for t in p for k in t})
        self.column = {k: i for i, k in enumerate(self.keys)}
        self.seen: dict[int, list[int]] = {}  # word hash (int64) -> the patterns anchored on it

    def may_match(self, doc: Doc) -> bool:
        if not self.exact:
            return True
        words: list[int] = doc.to_array(LOWER).view("int64").tolist()
        for word in {w for w in words if w not in self.seen}:
            text = self.table.vocab.strings[word & _MASK] if word else ""
            self.seen[word] = [
                k for k, (at, pattern) in enumerate(self.anchored) if _test(text, pattern[at]["LOWER"])
            ]
        values: Any = None
        for i, word in enumerate(words):
            for k in self.seen[word]:
                at, pattern = self.anchored[k]
                start = i - at
                if start < 0 or start + len(pattern) > len(words):
                    continue
                if values is None:
                    values = (
                        doc.to_array([_READ[key] for key in self.keys])
                        .view("int64")
                        .reshape(len(words), len(self.keys))
                    )
                if all(self._passes(values[start + j], token) for j, token in enumerate(pattern)):
                    return True
        return False

    def _passes(self, row: Any, token: dict[str, Any]) -> bool:
        return all(
            _test(self.table._text(key, int(row[self.column[key]])), spec) for key, spec in token.items()
        )


@Language.factory("quotegrab_attributes", assigns=["token.pos", "token.morph", "token.lemma"])
def make_attribute_table(nlp: Language, name: str) -> AttributeTable:
    """The rules of the pipeline's `attribute_ruler` as a table (disable that ruler beside it)."""
    ruler = nlp.get_pipe("attribute_ruler")
    return AttributeTable(nlp, ruler.patterns)  # type: ignore[attr-defined]
