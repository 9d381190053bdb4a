"""Time and peak memory of one very long article, which is parsed in chunks (quotegrab.chunks).

    python benchmarks/big_article.py [--mb 1,2,4] [--chunk 100000]

Each size runs in a fresh child process, which reports its own peak RSS (ru_maxrss), so the
rows are independent. The article is news-like paragraphs (quotes, names, surnames, pronouns,
indirect speech) repeated with other numbers. Read the growth per MB: the bound documented in
chunks.py is linear in the article with a small constant, plus one chunk's parse.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

NAMES = ("Maria Lopez", "Tom Reed", "Anna Berg", "Kwame Mensah", "Priya Raman", "Chen Wei")

CHILD = r"""
import json, resource, sys, time
from quotegrab import load_pipeline
from quotegrab.chunks import CHUNK_CHARS
import quotegrab.chunks as chunks
from quotegrab.pipeline import process
from quotegrab.read import Article
size, chunk = int(sys.argv[1]), int(sys.argv[2])
chunks.CHUNK_CHARS = chunk
nlp = load_pipeline()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
text = sys.stdin.read()
start = time.perf_counter()
(result,) = process([Article("big", "big.txt", text)], nlp)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"chars": len(text), "seconds": seconds, "model_mb": before / 1024,
                  "peak_mb": peak / 1024, "quotes": len(result.quotes), "error": result.error}))
"""


def article(chars: int) -> str:
    paragraphs = []
    i = 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        name = NAMES[i % len(NAMES)]
        surname = name.split()[-1]
        paragraphs += [
            f'"Phase {i} of the plan is ready to go," {name} said on Monday at the town hall.',
            f"{surname} added that work on site {i} would start in the spring, and that the council "
            f"had set aside {i * 7 % 90} million for it.",
            f'"We have waited {i % 50} months for this," {surname} said. "Nobody wants to wait longer."',
        ]
        i += 1
    return "\n\n".join(paragraphs)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", default="1,2,4", help="article sizes in millions of characters")
    parser.add_argument("--chunk", type=int, default=100_000, help="characters per parsed chunk")
    args = parser.parse_args()
    print(f"{'chars':>10} {'seconds':>8} {'model MB':>9} {'peak MB':>8} {'MB per M chars':>15} {'quotes':>7}")
    for mb in (float(x) for x in args.mb.split(",")):
        chars = int(mb * 1_000_000)
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(chars), str(args.chunk)],
            input=article(chars), capture_output=True, text=True, check=True,
        )  # fmt: skip
        row = json.loads(proc.stdout.splitlines()[-1])
        growth = (row["peak_mb"] - row["model_mb"]) / (row["chars"] / 1e6)
        print(
            f"{row['chars']:>10,} {row['seconds']:>8.1f} {row['model_mb']:>9.0f} {row['peak_mb']:>8.0f}"
            f" {growth:>15.0f} {row['quotes']:>7}" + (f"  error: {row['error']}" if row["error"] else "")
        )


if __name__ == "__main__":
    main()
