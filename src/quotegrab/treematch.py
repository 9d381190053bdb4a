"""Dependency patterns, in spaCy's `DependencyMatcher` format, matched from their root out.

spaCy's `DependencyMatcher` first runs a token `Matcher` for every node of every pattern over
the whole Doc and walks each hit's ancestors in Python; with generic nodes ("any child with
dep prep") that was a third of quotegrab's own time. Here each node is a mask over the Doc's
attribute arrays, a pattern whose node matches nothing is skipped, and the rest are matched
from their (rare) root along the tree. The patterns stay data, written as for spaCy.

Supported: `RIGHT_ATTRS` keys ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE with a string value
or an `IN` / `NOT_IN` list or a `REGEX`, and IS_SENT_START with a boolean; operators `>`
(child), `<` (head), `;` (right after) and `.` (right before), the last two within a
sentence. As in spaCy, two nodes may match one token. Matches come out per key, in the order
keys were added, each as token indices in the pattern's node order, ordered by root. A node
that selects (a positive test first) is found from an index of the Doc's values; one made of
refusals only is tested on the tokens a pattern reaches, never over the whole Doc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

_COLUMNS = {"ORTH": 0, "LOWER": 1, "LEMMA": 2, "POS": 3, "TAG": 4, "DEP": 5, "ENT_TYPE": 6}
_SENT_START = 7  # the column IS_SENT_START reads: 1 where a sentence starts
_ARRAY_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, SENT_START, HEAD]
_OPERATORS = frozenset({">", "<", ";", "."})
P = TypeVar("P")  # a compiled pattern


def _value_id(key: str, value: str) -> int:
    return POS_IDS[value] if key == "POS" else get_string_id(value)


@dataclass(frozen=True)
class _Test:
    """One attribute test of a node: its column, and the ids it takes or refuses, or a regex."""

    column: int
    ids: frozenset[int]
    negate: bool = False
    regex: re.Pattern[str] | None = None

    def passes(self, value: int, strings: Any, seen: dict[tuple[_Test, int], bool]) -> bool:
        if self.regex is None:
            return (value in self.ids) != self.negate
        if (self, value) not in seen:
            seen[(self, value)] = self.regex.search(strings[value]) is not None
        return seen[(self, value)]


def node_tests(attrs: dict[str, Any]) -> tuple[_Test, ...]:
    """The tests of one token pattern's attributes, the selecting one first."""
    tests = []
    for key, value in attrs.items():
        if key == "IS_SENT_START" and isinstance(value, bool):
            tests.append(_Test(_SENT_START, frozenset({1}), negate=not value))
            continue
        if key not in _COLUMNS:
            raise ValueError(f"unsupported token attribute in a dependency pattern: {key}")
        column = _COLUMNS[key]
        if isinstance(value, str):
            tests.append(_Test(column, frozenset({_value_id(key, value)})))
        elif set(value) <= {"IN", "NOT_IN"}:
            for op, words in value.items():
                ids = frozenset(_value_id(key, w) for w in words)
                tests.append(_Test(column, ids, negate=op == "NOT_IN"))
        elif set(value) == {"REGEX"} and key != "POS":
            tests.append(_Test(column, frozenset(), regex=re.compile(value["REGEX"])))
        else:
            raise ValueError(f"unsupported predicate in a dependency pattern: {key}: {value}")
    # a test that selects comes first: the others only filter what it found
    ordered = tuple(sorted(tests, key=lambda t: t.negate or t.regex is not None))
    # one object per distinct node, so that a Doc's selections are cached by identity
    return _NODES.setdefault(ordered, ordered)


_NODES: dict[tuple[_Test, ...], tuple[_Test, ...]] = {}


def selects(tests: tuple[_Test, ...]) -> bool:
    """Whether a node's tokens are found from an index (else each token is tested)."""
    return bool(tests) and not tests[0].negate and tests[0].regex is None


@dataclass(frozen=True)
class _Pattern:
    nodes: tuple[tuple[_Test, ...], ...]  # per node, its tests
    links: tuple[tuple[int, str], ...]  # per node after the root: (earlier node, operator)
    selecting: tuple[tuple[_Test, ...], ...]  # the nodes found from an index, in node order


def _compile(pattern: list[dict[str, Any]]) -> _Pattern:
    ids = [node["RIGHT_ID"] for node in pattern]
    links = []
    for node in pattern[1:]:
        if node["REL_OP"] not in _OPERATORS:
            raise ValueError(f"unsupported operator in a dependency pattern: {node['REL_OP']}")
        if node["LEFT_ID"] not in ids[: ids.index(node["RIGHT_ID"])]:
            raise ValueError(f"a node must link to an earlier one: {node}")
        links.append((ids.index(node["LEFT_ID"]), node["REL_OP"]))
    nodes = tuple(node_tests(node.get("RIGHT_ATTRS", {})) for node in pattern)
    return _Pattern(nodes, tuple(links), tuple(t for t in nodes if selects(t)))


class PatternMatcher(Generic[P]):
    """Patterns by key, as given and compiled, over one vocab (`TreeMatcher`, `SeqMatcher`)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.patterns: dict[str, list[list[dict[str, Any]]]] = {}  # as given, by key
        self._patterns: dict[int, list[P]] = {}
        self._seen: dict[tuple[_Test, int], bool] = {}  # regex verdicts, kept across Docs

    def compile(self, pattern: list[dict[str, Any]]) -> P:
        raise NotImplementedError

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        compiled = [self.compile(p) for p in patterns]
        self.patterns.setdefault(key, []).extend(patterns)
        self._patterns.setdefault(self.vocab.strings.add(key), []).extend(compiled)

    def __len__(self) -> int:
        return len(self._patterns)

    def tokens(self, *docs: Doc) -> Tokens:
        """The attribute columns of `docs`, one after the other, which both matchers may share.
        Each Doc's first token starts a sentence, so no tree match crosses from one to the
        next; a token pattern may, and the caller drops those."""
        rows = [doc.to_array(_ARRAY_ATTRS) for doc in docs]
        return Tokens(rows[0] if len(rows) == 1 else numpy.concatenate(rows), self.vocab.strings, self._seen)


class TreeMatcher(PatternMatcher[_Pattern]):
    """A `DependencyMatcher` for patterns with a selective root."""

    def compile(self, pattern: list[dict[str, Any]]) -> _Pattern:
        return _compile(pattern)

    def __call__(self, doc: Doc, tokens: Tokens | None = None) -> list[tuple[int, list[int]]]:
        """The matches in `doc`; `tokens`, its columns, may be shared with a `SeqMatcher`."""
        return self.match(tokens or self.tokens(doc)) if len(doc) else []

    def match(self, tokens: Tokens) -> list[tuple[int, list[int]]]:
        """The matches over the columns of one or more Docs."""
        if not tokens.heads or not self._patterns:
            return []
        found: list[tuple[int, list[int]]] = []
        for key, patterns in self._patterns.items():
            for pattern in patterns:
                # the rare root first: most patterns stop at a node that selects nothing
                for node in pattern.selecting:
                    if not tokens.matching(node):
                        break
                else:
                    for root in sorted(tokens.matching(pattern.nodes[0])):
                        found.extend((key, ids) for ids in _extend([root], pattern, tokens))
        return found


class Tokens:
    """One Doc's attribute columns, heads and (built on first use) children, and the tokens
    each node's tests select."""

    def __init__(self, rows: numpy.ndarray, strings: Any, seen: dict[tuple[_Test, int], bool]) -> None:
        self.columns = [rows[:, c].tolist() for c in range(_SENT_START + 1)]
        heads = numpy.arange(len(rows), dtype="int64") + rows[:, -1].astype("int64")
        self.heads: list[int] = heads.tolist()
        self._children: list[list[int]] | None = None  # by head, built on first use
        self.sent_starts = (rows[:, _SENT_START].astype("int64") == 1).tolist()
        self.strings, self.seen = strings, seen
        self._positions: dict[int, dict[int, list[int]]] = {}  # column -> value -> tokens
        self._selected: dict[int, set[int]] = {}  # by id() of an interned node

    def matching(self, tests: tuple[_Test, ...]) -> set[int]:
        key = id(tests)
        if key not in self._selected:
            self._selected[key] = self._select(tests)
        return self._selected[key]

    def passes(self, tests: tuple[_Test, ...], i: int) -> bool:
        """Whether token `i` passes a node: a lookup where its tokens were selected, else
        the tests on that token alone (selecting a common node would scan the whole Doc)."""
        selected = self._selected.get(id(tests))
        if selected is not None:
            return i in selected
        columns = self.columns
        for test in tests:  # a loop, not all(...): this runs for every token a pattern reaches
            value = columns[test.column][i]
            if test.regex is None:
                if (value in test.ids) == test.negate:
                    return False
            elif not test.passes(value, self.strings, self.seen):
                return False
        return True

    def _select(self, tests: tuple[_Test, ...]) -> set[int]:
        first = tests[0] if selects(tests) else None
        if first is None:
            chosen: set[int] = set(range(len(self.heads)))
        else:
            positions = self._positions.get(first.column)
            if positions is None:
                positions = self._positions[first.column] = {}
                for i, value in enumerate(self.columns[first.column]):
                    positions.setdefault(value, []).append(i)
            ids = first.ids  # a long list of words ("LEMMA IN" the verbs) meets a short Doc
            values = (
                [v for v in positions if v in ids] if len(positions) < len(ids) else ids & positions.keys()
            )
            chosen = {i for value in values for i in positions[value]}
        for test in tests[1:] if first is not None else tests:
            column = self.columns[test.column]
            if test.regex is None:  # the test inlined: it runs on every token chosen so far
                ids, negate = test.ids, test.negate
                chosen = {i for i in chosen if (column[i] in ids) != negate}
            else:
                chosen = {i for i in chosen if test.passes(column[i], self.strings, self.seen)}
        return chosen

    def children(self, i: int) -> list[int]:
        if self._children is None:  # all at once, in one loop: a numpy slice per call cost more
            self._children = [[] for _ in self.heads]
            for child, head in enumerate(self.heads):
                if head != child:
                    self._children[head].append(child)
        return self._children[i]

    def related(self, i: int, op: str) -> list[int]:
        if op == ">":
            return self.children(i)
        if op == "<":
            head = self.heads[i]
            return [head] if head != i else []
        j = i - 1 if op == ";" else i + 1  # a neighbour in the same sentence
        if not 0 <= j < len(self.heads) or self.sent_starts[max(i, j)]:
            return []
        return [j]


def _extend(ids: list[int], pattern: _Pattern, tokens: Tokens) -> Iterator[list[int]]:
    """Every assignment of the remaining nodes, in node order, given the first len(ids)."""
    if len(ids) == len(pattern.nodes):
        yield ids
        return
    left, op = pattern.links[len(ids) - 1]
    tests = pattern.nodes[len(ids)]
    for j in tokens.related(ids[left], op):
        if tokens.passes(tests, j):
            yield from _extend([*ids, j], pattern, tokens)
