"""The same batch run on a Dask cluster (`quotegrab extract --engine dask`).

Input files are cut into partitions in input order. Each partition is one Dask task:
its worker loads the spaCy model once (cached per worker process), analyses the
partition's pending articles and writes them as its own part file, in the same format
and folder as a local run. The driver records the returned manifest entries and merges
the parts as usual, so resuming, skipping and the final outputs behave exactly as in a
local run. The output folder must be reachable from every worker (a shared filesystem).
Needs the `dask` extra: pip install "quotegrab[dask]".
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from .batch import BatchRun, Entry, as_dict, commit_part
from .pipeline import articles, load_pipeline, process
from .read import ReadError, Source
from .write import sha256

_MODELS: dict[tuple[str, bool], Language] = {}


def _worker_pipeline(model: str, indirect: bool) -> Language:
    """One pipeline per worker process, loaded on its first partition."""
    key = (model, indirect)
    if key not in _MODELS:
        _MODELS[key] = load_pipeline(model, indirect=indirect)
    return _MODELS[key]


def run_partition(
    part_path: str,
    sources: Sequence[Source | ReadError],
    done: dict[str, str],
    model: str,
    indirect: bool,
    text_field: str,
    id_field: str,
) -> dict[str, Any]:
    """Analyse one partition on a worker; write its part file; return its manifest entries."""
    nlp = _worker_pipeline(model, indirect)
    skipped = 0
    pending = []
    for item in articles(sources, text_field, id_field):
        if isinstance(item, ReadError) or done.get(item.article_id) != sha256(item.text):
            pending.append(item)
        else:
            skipped += 1
    entries = commit_part(Path(part_path), list(process(pending, nlp)))
    return {"entries": [as_dict(e) for e in entries], "skipped": skipped}


def run_dask(
    run: BatchRun,
    sources: Sequence[Source | ReadError],
    model: str,
    indirect: bool = True,
    scheduler: str | None = None,
    n_workers: int = 2,
    files_per_partition: int = 16,
    text_field: str = "text",
    id_field: str = "id",
) -> int:
    """Run every partition on the cluster at `scheduler` (or a new LocalCluster); return articles done."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True)
    client = Client(scheduler) if scheduler else Client(cluster)
    try:
        stream = iter(sources)
        partitions = list(iter(lambda: list(islice(stream, files_per_partition)), []))
        done = {k: e.sha256 for k, e in run.manifest.entries.items() if e.status == "done" and e.sha256}
        (shared,) = client.scatter([done], broadcast=True)  # a dict alone would scatter key by key
        futures = []
        for partition in partitions:
            part = run.parts_dir / f"part-{run.next_part():06d}.jsonl"
            futures.append(
                client.submit(
                    run_partition,
                    str(part),
                    partition,
                    shared,
                    model,
                    indirect,
                    text_field,
                    id_field,
                    pure=False,
                )
            )
        analysed = 0
        for future in as_completed(futures):
            outcome = future.result()
            run.stats.skipped += outcome["skipped"]
            entries = [Entry(**e) for e in outcome["entries"]]
            run.manifest.record(entries)
            analysed += len(entries)
            run.stats.done += sum(e.status == "done" for e in entries)
            run.stats.failed += sum(e.status == "failed" for e in entries)
        return analysed
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
