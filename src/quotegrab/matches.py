"""What the attribution patterns found in a Doc, by token index, read from the matchers' output.

The patterns themselves are data (patterns.py); here their matches become the maps the
attribution reads (a verb's subjects, its complement clause, a source phrase's object), in
the Doc's own token indices when the patterns ran over fast mode's short Doc. Short Docs are
matched together: on one of a few dozen tokens, a pattern's own work outweighs its tokens'.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.strings import StringStore
from spacy.tokens import Doc

from .context import Parsed
from .seqmatch import SeqMatcher
from .treematch import TreeMatcher

# Below this many tokens, a Doc's patterns are matched together with the batch's other short
# Docs (`match_batch`): on short generated articles that halved the matching time, and
# over long Docs it cost more than it saved.
SHORT_TOKENS = 64


@dataclass
class Matches:
    """What the patterns found in one Doc, by token index."""

    cue_words: dict[int, tuple[str, int]] = field(default_factory=dict)  # start -> (name, end)
    subjects: dict[tuple[int, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    relatives: dict[tuple[int, int], int] = field(default_factory=dict)  # (verb, depth) -> antecedent
    chains: dict[tuple[int, int, int], list[int]] = field(default_factory=dict)
    following: dict[int, int] = field(default_factory=dict)  # finite verb -> first nominal after it
    phrase_nominal: dict[int, int] = field(default_factory=dict)  # source phrase start -> first nominal
    preceding: dict[int, int] = field(default_factory=dict)  # verb -> nearest name or pronoun
    sources: dict[int, int] = field(default_factory=dict)  # last word of a source phrase -> object
    complements: dict[int, list[tuple[int, int]]] = field(default_factory=lambda: defaultdict(list))
    indirect_verbs: set[int] = field(default_factory=set)  # verbs whose complement reports speech
    parentheticals: dict[int, int] = field(default_factory=dict)  # "..., she says, ...": verb -> clause

    def complement(self, verb: int) -> int | None:
        """The head of the clause a verb reports: a ccomp first, then a noun's "that"-clause."""
        ranked = sorted(set(self.complements.get(verb, ())))
        return ranked[0][1] if ranked else None


def match_batch(
    matcher: SeqMatcher, dep_matcher: TreeMatcher, docs: Sequence[Doc], parsed: Sequence[Parsed | None]
) -> list[Matches]:
    """The matches of each Doc (of its short Doc, where `parsed` gives one). The short ones are
    matched all at once; a long Doc is matched alone, where a pattern stops at the first node
    the Doc lacks."""
    targets = [doc if part is None else part.piece for doc, part in zip(docs, parsed, strict=True)]
    short = [k for k, t in enumerate(targets) if 0 < len(t) < SHORT_TOKENS]
    short = short if len(short) > 1 else []
    seq: dict[int, list[tuple[int, int, int]]] = {}
    tree: dict[int, list[tuple[int, list[int]]]] = {}
    if short:
        bounds = [0, *accumulate(len(targets[k]) for k in short)]
        tokens = matcher.tokens(*(targets[k] for k in short))  # one read for both matchers
        for match_id, first, stop in matcher.match(tokens):
            n = bisect_right(bounds, first) - 1
            if stop <= bounds[n + 1]:  # not run on into the next Doc
                seq.setdefault(short[n], []).append((match_id, first - bounds[n], stop - bounds[n]))
        for match_id, ids in dep_matcher.match(tokens):
            n = bisect_right(bounds, ids[0]) - 1
            tree.setdefault(short[n], []).append((match_id, [i - bounds[n] for i in ids]))
    together = set(short)
    found = []
    for k, (doc, part) in enumerate(zip(docs, parsed, strict=True)):
        if len(targets[k]) and k not in together:
            tokens = matcher.tokens(targets[k])
            seq[k], tree[k] = matcher.match(tokens), dep_matcher.match(tokens)
        index = list(range(len(doc) + 1)) if part is None else part.kept
        found.append(record(doc.vocab.strings, seq.get(k, []), tree.get(k, []), index))
    return found


def record(
    strings: StringStore, seq: list[tuple[int, int, int]], tree: list[tuple[int, list[int]]], index: list[int]
) -> Matches:
    """The matches of one Doc, token matches `seq` and tree matches `tree` in the token indices of
    what was matched, as `Matches` in the Doc's own indices (`index`: each matched token's)."""
    found = Matches()
    for match_id, first, stop in seq:
        start, end = index[first], index[stop - 1] + 1
        name = strings[match_id]
        if name in ("reporting_verb", "source_phrase"):
            found.cue_words.setdefault(start, (name, end))
        elif name == "inverted_subject":
            found.following[start] = end - 1
        elif name == "quote_inverted_subject":  # starts at the mark before the verb
            found.following.setdefault(index[first + 1], end - 1)
        elif name == "fronted_verb":
            found.cue_words.setdefault(start, ("reporting_verb", start + 1))
            found.following.setdefault(start, end - 1)
        elif name == "source_nominal":
            found.phrase_nominal.setdefault(start, end - 1)
        elif name == "indirect_verb":
            found.indirect_verbs.add(start)

        elif name == "aged_subject":
            found.preceding[end - 1] = end - 2
        elif name == "quote_preceding_subject":  # the name's last word, just before the verb
            found.preceding.setdefault(end - 1, end - 2)
        elif name == "preceding_subject":
            found.preceding[end - 1] = max(start, found.preceding.get(end - 1, start))
    for match_id, ids in tree:
        _dependency(found, strings[match_id], [index[i] for i in ids])
    return found


def _dependency(found: Matches, name: str, ids: list[int]) -> None:
    if name in ("interjection", "phrasing"):
        found.cue_words.setdefault(ids[0], (name, ids[0] + 1))
    elif name == "source_object":
        found.sources.setdefault(ids[0], ids[-1])
    elif name.startswith(("subject_", "relative_subject_")):
        _, depth_text, *phrasal = name.removeprefix("relative_").split("_")
        depth = int(depth_text)
        ids = ids[:-1] if phrasal else ids  # the particle node comes last
        if name.startswith("relative_"):
            found.relatives[(ids[0], depth)] = ids[depth + 1]
        else:
            found.subjects[(ids[0], depth)].append(ids[-1])
            found.chains[(ids[0], depth, ids[-1])] = ids[1 : depth + 1]
    elif name == "clausal_complement":
        found.complements[ids[0]].append((0, ids[1]))
        found.indirect_verbs.add(ids[0])  # "shot back that": a phrasal verb reports by its particle
    elif name == "clear_report":  # "made it clear that": the verb's clause and subject, as a reporting verb's
        verb, subject = ids[0], ids[-1]
        found.complements[verb].append((0, ids[2]))
        found.indirect_verbs.add(verb)
        found.subjects[(verb, 0)].append(subject)
        found.chains[(verb, 0, subject)] = []
    elif name == "parenthetical_report":
        found.parentheticals.setdefault(ids[1], ids[0])
    elif name == "noun_complement":
        rank = 1 if len(ids) == 4 else 2  # a direct object's clause before a prepositional one
        found.complements[ids[0]].append((rank, ids[-2]))
