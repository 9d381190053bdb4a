"""Throughput of quotegrab against bare spaCy on the same articles, from one run.

    python benchmarks/throughput.py [--articles 600] [--repeat 3] [--memory 2000,20000]
                                    [--no-textacy] [--joined]

Two corpora, each read by every row in the same run: real-length articles with the web
noise of scraped news (the gold articles of both splits, about 470 tokens each, repeated to
--articles) and short generated ones (ten times as many, about as many tokens); with
--joined, a third: the real-length ones with every line break turned into a space. Rows:
- bare `nlp.pipe` with the same model: the baseline every ratio is taken against;
- quotegrab end to end (read files, clean, parse, attribute, write parts and outputs),
  default and `--fast`, with 1 worker and with 2 (whose pool of processes, each loading
  the model, starts within the timed run); the pipeline itself is loaded beforehand, as
  the baseline's is;
- the tokenizer alone: the floor of a design that tokenizes everything;
- textacy's `direct_quotations` (needs the bench extra), which also needs a full parse.
Then peak memory (max RSS of a child process and its workers) of quotegrab over short
generated articles, at the sizes in --memory, to show that memory stays flat as the
corpus grows.
Absolute times on a shared machine are noise; read the ratios.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import spacy

from quotegrab import DEFAULT_MODEL, greedy, load_pipeline
from quotegrab.blas import faster_arithmetic, one_thread
from quotegrab.inputs import batches
from quotegrab.pipeline import BATCH_SIZE, articles
from quotegrab.read import Article, find_sources
from quotegrab.run import Run

ROOT = Path(__file__).resolve().parent.parent


def corpus_texts(n: int) -> list[str]:
    gold = sorted((ROOT / "tests" / "gold").rglob("*.json"))  # both splits: speed, not accuracy
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in gold]
    return [texts[i % len(texts)] for i in range(n)]


NAMES = ("Maria Lopez", "Tom Reed", "Anna Berg", "Kwame Mensah", "Priya Raman", "Chen Wei")


def generated_texts(n: int) -> list[str]:
    """Short generated articles (quotes, a surname, indirect speech), each one different."""
    texts = []
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        surname = name.split()[-1]
        texts.append(
            f'"Phase {i} of the plan is ready," {name} said on Monday.\n\n'
            f"{surname} added that work on site {i} would start in the spring.\n\n"
            f'"We have waited {i % 50} months for this," {surname} said.'
        )
    return texts


def write_corpus(texts: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of this process (its worker processes' CPU is not counted)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def run_quotegrab(corpus: Path, out: Path, workers: int, nlp: spacy.language.Language) -> None:
    batch = Run(out, force=True)
    batch.run(articles(find_sources([corpus])), nlp, n_process=workers)  # quotegrab's default batches
    batch.merge(["jsonl", "csv"])


def quotegrab_batches(texts: list[str]) -> Iterator[list[str]]:
    """The texts in the batches quotegrab makes (`inputs.batches`: 128 articles or 150,000
    characters), so that a ratio is what quotegrab adds to the parse, not a batch size."""
    docs = [Article(str(i), "", text) for i, text in enumerate(texts)]
    for batch in batches(docs, BATCH_SIZE):
        yield [a.text for a in batch if isinstance(a, Article)]


def bare_pipe(nlp: spacy.language.Language, texts: list[str]) -> None:
    """Bare `nlp.pipe` over the batches quotegrab makes."""
    for batch in quotegrab_batches(texts):
        list(nlp.pipe(batch, batch_size=len(batch)))


def tuned_pipe(nlp: spacy.language.Language, texts: list[str]) -> None:
    """Bare `nlp.pipe` with quotegrab's arithmetic (blas.py: embeddings once per word type,
    numpy's BLAS on one thread) and parse loop (greedy.py): the same models, the same
    annotations, over the same batches."""
    with one_thread():
        for batch in quotegrab_batches(texts):
            list(greedy.pipe(nlp, ((text, None) for text in batch), batch_size=len(batch)))


def run_textacy(texts: list[str], model: str) -> None:
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)
    for doc in nlp.pipe(texts, batch_size=64):
        with contextlib.suppress(ValueError):  # textacy rejects a document with an unbalanced mark
            list(direct_quotations(doc))


def peak_memory_mb(size: int, workers: int, model: str) -> float:
    """Max RSS (MB) of a child process that runs quotegrab over `size` generated articles."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(generated_texts(size), Path(tmp) / "in")
        argv = ["quotegrab", "extract", str(corpus), "--out", str(Path(tmp) / "out")]
        argv += ["--workers", str(workers), "--model", model]
        code = f"import sys; from quotegrab.cli import main; sys.argv = {argv!r}; main()"
        # measured in a fresh process whose only children are this run's: this process's own
        # children include the worker pools of the rows timed before
        probe = (
            "import resource, subprocess, sys; "
            f"subprocess.run([sys.executable, '-c', {code!r}], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        done = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return int(done.stdout.split()[-1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--memory", default="2000,20000", help="corpus sizes for peak memory; '' to skip")
    parser.add_argument("--no-textacy", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; each row keeps its best time")
    parser.add_argument("--joined", action="store_true", help="also real-length articles, line breaks lost")
    args = parser.parse_args()
    nlp = spacy.load(args.model)
    corpora = {
        "real-length": corpus_texts(args.articles),
        "short generated": generated_texts(args.articles * 10),  # about as many tokens
    }
    if args.joined:  # as scrapers that drop line breaks give them: each article one paragraph
        corpora["real-length, line breaks lost"] = [t.replace("\n", " ") for t in corpus_texts(args.articles)]
    for label, texts in corpora.items():
        report(label, texts, nlp, args.model, args.no_textacy, args.repeat)
    sizes = [int(s) for s in args.memory.split(",") if s.strip()]
    if sizes:
        print("\n| articles | peak memory (MB) |")
        print("|---|---|")
        for size in sizes:
            print(f"| {size} | {peak_memory_mb(size, os.cpu_count() or 1, args.model):.0f} |")


def report(
    label: str, texts: list[str], nlp: spacy.language.Language, model: str, no_textacy: bool, repeat: int
) -> None:
    """Every row over the same texts, in one run, as ratios against bare nlp.pipe. The rows
    take turns, `repeat` rounds, and each keeps its best time: on a shared machine, load
    from other processes only ever slows a row down. CPU time, for the rows that run in
    this process, is the steadier measure there."""
    tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    tuned = spacy.load(model)
    faster_arithmetic(pipe for _, pipe in tuned.pipeline)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(texts, Path(tmp) / "in")
        runs: dict[str, Callable[[], object]] = {
            "bare nlp.pipe (baseline)": partial(bare_pipe, nlp, texts),
            # how much of quotegrab's ratio is arithmetic any spaCy pipeline could have
            "bare nlp.pipe, quotegrab's arithmetic and parse loop": partial(tuned_pipe, tuned, texts),
        }
        for fast in (False, True):
            loaded = load_pipeline(model, fast=fast)  # loaded once, as the baseline's model is
            for workers in (1, 2):
                name = f"quotegrab{' --fast' if fast else ''}, {workers} worker{'s' if workers > 1 else ''}"
                out = Path(tmp) / f"o{workers}{fast}"
                runs[name] = partial(run_quotegrab, corpus, out, workers, loaded)
        runs["tokenizer alone"] = lambda: list(nlp.tokenizer.pipe(texts, batch_size=64))
        if not no_textacy:
            try:
                import textacy  # noqa: F401

                runs["textacy direct_quotations"] = lambda: run_textacy(texts, model)
            except ImportError:
                print("textacy not installed (pip install -e '.[bench]'): its row is skipped")
        best = dict.fromkeys(runs, (float("inf"), float("inf")))
        for _ in range(repeat):
            for name, run in runs.items():
                wall, cpu = timed(run)
                best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    base, base_cpu = best["bare nlp.pipe (baseline)"]
    print(f"\n{label}: {len(texts)} articles, {tokens} tokens, model {model}, {os.cpu_count()} cores,")
    print(f"best of {repeat} rounds; CPU: this process's CPU time, for the rows that run in it\n")
    print("| run | articles/s | tokens/s | x baseline | x baseline (CPU) |")
    print("|---|---|---|---|---|")
    for name, (seconds, cpu) in best.items():
        in_process = "2 workers" not in name
        ratio = f"{base_cpu / cpu:.2f}" if in_process else "-"
        speed = f"{len(texts) / seconds:.1f} | {tokens / seconds:.0f}"
        print(f"| {name} | {speed} | {base / seconds:.2f} | {ratio} |")


if __name__ == "__main__":
    main()
