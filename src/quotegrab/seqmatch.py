"""Token-sequence patterns, in spaCy's `Matcher` format, matched over attribute arrays.

spaCy's `Matcher` evaluates every set-valued predicate ("LEMMA IN [...]") of every pattern
on every token in Python; on a short article that was a sixth of quotegrab's own time. Here
a node's tests select tokens from the Doc's attribute columns once per Doc (shared with
`TreeMatcher`), a pattern starts only at the tokens its first node selects, and the rest of
the pattern is checked from there. The patterns stay data, written as for spaCy.

Supported: the token attributes of `treematch.node_tests`, and `OP` absent (one token) or
`{m,n}` (m to n tokens), except on a pattern's first node. As spaCy's `Matcher` does, every
match is reported, one per (start, end), for each key: `(key, start, end)`, ordered by key
in the order keys were added, then by start and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from .treematch import PatternMatcher, Tokens, _Test, node_tests

_REPEAT = re.compile(r"^\{(\d+),(\d+)\}$")


@dataclass(frozen=True)
class _Node:
    tests: tuple[_Test, ...]
    least: int = 1
    most: int = 1


def _compile(pattern: list[dict[str, Any]]) -> tuple[_Node, ...]:
    nodes = []
    for i, token in enumerate(pattern):
        attrs = {k: v for k, v in token.items() if k != "OP"}
        op = token.get("OP")
        if op is None:
            nodes.append(_Node(node_tests(attrs)))
            continue
        repeat = _REPEAT.match(op)
        if repeat is None or i == 0:
            raise ValueError(f"unsupported operator in a token pattern: {op!r} at node {i}")
        nodes.append(_Node(node_tests(attrs), int(repeat[1]), int(repeat[2])))
    if not nodes:
        raise ValueError("an empty token pattern")
    return tuple(nodes)


class SeqMatcher(PatternMatcher[tuple[_Node, ...]]):
    """A `Matcher` for patterns whose first node is one token, found by its attributes."""

    def compile(self, pattern: list[dict[str, Any]]) -> tuple[_Node, ...]:
        return _compile(pattern)

    def __call__(self, doc: Doc, tokens: Tokens | None = None) -> list[tuple[int, int, int]]:
        return self.match(tokens or self.tokens(doc)) if len(doc) else []

    def match(self, tokens: Tokens) -> list[tuple[int, int, int]]:
        """The matches over the columns of one or more Docs (a match may run from one into the next)."""
        size = len(tokens.heads)
        if not size or not self._patterns:
            return []
        found: list[tuple[int, int, int]] = []
        for key, patterns in self._patterns.items():
            spans: set[tuple[int, int]] = set()
            for nodes in patterns:
                for start in tokens.matching(nodes[0].tests):  # the rare first token, from an index
                    spans.update((start, end) for end in _ends(start + 1, nodes[1:], tokens, size))
            found.extend((key, start, end) for start, end in sorted(spans))
        return found


def _ends(at: int, nodes: tuple[_Node, ...], tokens: Tokens, size: int) -> list[int]:
    """Every end of a match of `nodes` from token `at` (a list: generators nested per node
    cost more than the tests)."""
    if not nodes:
        return [at]
    node, rest = nodes[0], nodes[1:]
    found: list[int] = []
    count = 0
    while True:
        if count >= node.least:
            if rest:
                found.extend(_ends(at + count, rest, tokens, size))
            else:
                found.append(at + count)
        if count == node.most or at + count >= size or not tokens.passes(node.tests, at + count):
            return found
        count += 1
