"""Group the misses of benchmarks/polnear.py into classes of news constructions.

    python benchmarks/polnear_misses.py MISSES.jsonl [MORE.jsonl ...] [--system quotegrab] [--examples 3]

Each miss goes to the first class whose test it meets, in the order below, so the counts add up
to the number of misses. The classes are heuristics over the fields polnear.py writes (cue type
and lemma, where the cue stands, the source, the quote's shape); read the examples before
trusting a count.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quotegrab.lexicon import DOCUMENT_NOUNS, INDIRECT_VERBS, REPORTING_VERBS, reporting_verb_forms

Miss = dict[str, Any]
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "his", "her", "their", "its"}
_MEDIA = re.compile(
    r"\b(poll|survey|study|report|data|analysis|slide|ad|video|clip|article|documents?|records?|"
    r"returns?|filing|memo|letter|statement|book|film|show|website|times|post|journal|news|cnn|"
    r"msnbc|fox|politifact|tweet|email|transcript|figures|numbers|census)\b",
    re.IGNORECASE,
)

_NEGATED = re.compile(r"\b(?:not|never|no|declined?|refused?)\b|n[’']t\b", re.IGNORECASE)


def _known_forms() -> frozenset[str]:
    """REPORTING_VERBS' surface forms for the default model (its lemmatizer makes "hoped" "hop")."""
    import spacy

    from quotegrab import DEFAULT_MODEL

    return reporting_verb_forms(spacy.load(DEFAULT_MODEL))


_FORMS: frozenset[str] = frozenset()


def _punct_cue(m: Miss) -> bool:
    return m["cue_type"] == "colon" or not re.search(r"\w", m["gold_cue"] or "x")


def _cue_verb_missing(m: Miss) -> bool:
    if m["cue_type"] != "verb" or (m["gold_cue_lemma"] or "") in REPORTING_VERBS:
        return False
    return not any(word in _FORMS for word in re.findall(r"[\w’']+", (m["gold_cue"] or "").lower()))


def _direct_only_verb(m: Miss) -> bool:
    lemma = m["gold_cue_lemma"] or ""
    return (
        m["cue_type"] == "verb"
        and m["gold_kind"] in ("indirect", "mixed")
        and lemma in REPORTING_VERBS
        and lemma not in INDIRECT_VERBS
    )


def _title_like(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    return 0 < len(words) <= 8 and all(w[0].isupper() for w in words if len(w) > 3)


def _document_source(m: Miss) -> bool:
    source = (m["gold_speaker"] or "").lower()
    return bool(_MEDIA.search(source)) or any(w in DOCUMENT_NOUNS for w in source.split())


# (class, test) for missed gold quotes, in order.
MISSED: list[tuple[str, Callable[[Miss], bool]]] = [
    ("headline (first line)", lambda m: m["first_line"]),
    ('transcript turn or dash credit (PENCE: ...; "..." ― Name)', lambda m: _punct_cue(m)),
    ("no source: agentless or impersonal report", lambda m: m["gold_speaker"] is None),
    (
        "negated or refused report (not quotes by quotegrab's convention)",
        lambda m: bool(_NEGATED.search(m["gold_cue"] or "")),
    ),
    ("noun as cue (claim, view, message, statement)", lambda m: m["cue_type"] == "noun"),
    ("preposition as cue (in his view, according to, of)", lambda m: m["cue_type"] == "other"),
    (
        "partial quote inside a phrase: title or name-like",
        lambda m: m["gold_kind"] == "direct" and m["partial"] and _title_like(m["text"]),
    ),
    (
        'partial quote inside a phrase (called X a "...", described as "...")',
        lambda m: m["gold_kind"] == "direct" and m["partial"],
    ),
    ("cue verb missing from the lexicon", _cue_verb_missing),
    ("reporting verb listed for direct speech only", _direct_only_verb),
    ("reporting clause mid-sentence", lambda m: m["cue_inside_content"]),
    ("document, poll or medium as source", _document_source),
    ("content over several sentences", lambda m: m["sentences"] > 1),
    ("source is a pronoun or relative pronoun", lambda m: (m["gold_speaker"] or "").lower() in _PRONOUNS),
    ("reporting clause before the content (X said that ...)", lambda m: m["cue_before_content"]),
    ("other", lambda m: True),
]

SPEAKER: list[tuple[str, Callable[[Miss], bool]]] = [
    ('transcript turn or dash credit (PENCE: ...; "..." ― Name)', lambda m: _punct_cue(m)),
    ("no speaker mention predicted", lambda m: not m["pred_speaker_mention"]),
    (
        "mention cut through a word: clean-text offsets drifting back to raw",
        lambda m: not m.get("pred_mention_on_word_boundaries", True),
    ),
    ("no PolNeAR source (agentless)", lambda m: m["gold_speaker"] is None),
    ("source in another paragraph (continuation)", lambda m: m["source_paragraph_differs"]),
    (
        "nested report: quotegrab took the inner speaker (X said Y told Z that ...)",
        lambda m: (
            (m["pred_cue"] or "").lower() != (m["gold_cue"] or "").lower().split(" ")[-1]
            and m["pred_cue"] is not None
        ),
    ),
    ("document, poll or medium as source", _document_source),
    ("source is a pronoun or relative pronoun", lambda m: (m["gold_speaker"] or "").lower() in _PRONOUNS),
    ("other: another mention in the sentence", lambda m: True),
]

SPURIOUS: list[tuple[str, Callable[[Miss], bool]]] = [
    ("headline (first line)", lambda m: m["first_line"]),
    ("second quote over one PolNeAR content (split or overlapping)", lambda m: m["on_gold_content"]),
    ("over a PolNeAR source or cue span", lambda m: m["on_source_or_cue"]),
    ("title, name or scare quote", lambda m: m["pred_kind"] == "direct" and _title_like(m["text"])),
    ("direct quote PolNeAR did not annotate", lambda m: m["pred_kind"] == "direct"),
    (
        "indirect/mixed with a cue PolNeAR did not annotate",
        lambda m: m["pred_kind"] in ("indirect", "mixed"),
    ),
    ("other", lambda m: True),
]


def classify(miss: Miss) -> str:
    table = {"missed": MISSED, "speaker": SPEAKER, "spurious": SPURIOUS}[miss["what"]]
    return next(name for name, test in table if test(miss))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--system", default="quotegrab")
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    global _FORMS
    _FORMS = _known_forms()
    misses = [
        json.loads(line)
        for path in args.files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    misses = [m for m in misses if m["system"] == args.system]
    groups: dict[tuple[str, str], list[Miss]] = defaultdict(list)
    for miss in misses:
        groups[(miss["what"], classify(miss))].append(miss)
    for what in ("missed", "speaker", "spurious"):
        total = sum(len(v) for (w, _), v in groups.items() if w == what)
        print(f"\n## {what}: {total}")
        ranked = sorted(((k, v) for k, v in groups.items() if k[0] == what), key=lambda kv: -len(kv[1]))
        for (_, name), items in ranked:
            kinds = Counter(m["gold_kind"] or m["pred_kind"] for m in items)
            print(f"- {name}: {len(items)} ({', '.join(f'{k} {n}' for k, n in kinds.most_common())})")
            if name == "cue verb missing from the lexicon":
                lemmas = Counter(m["gold_cue_lemma"] for m in items)
                print("  lemmas: " + ", ".join(f"{k} {n}" for k, n in lemmas.most_common(25)))
            if name == "reporting verb listed for direct speech only":
                lemmas = Counter(m["gold_cue_lemma"] for m in items)
                print("  lemmas: " + ", ".join(f"{k} {n}" for k, n in lemmas.most_common(15)))
            for m in items[:: max(1, len(items) // args.examples)][: args.examples]:
                spk = f" | source {m['gold_speaker']!r}" if m["gold_speaker"] else ""
                pred = f" | predicted {m['pred_speaker_mention']!r}" if what == "speaker" else ""
                print(f"    {m['text'][:90]!r} | cue {m['gold_cue'] or m['pred_cue']!r}{spk}{pred}")


if __name__ == "__main__":
    main()
