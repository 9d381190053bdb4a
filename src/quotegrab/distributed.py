"""The Dask engine (`quotegrab extract --engine dask`): partitions of input files as tasks.

Each task reads its partition's files, skips the articles the manifest already holds, and
sends back the results of the rest; a worker loads the spaCy model once, on its first
partition with work to do. The driver never loads the model: the run engine (`run.Run`)
commits each partition as a part, reserved in input order, and merges the parts exactly as
in a local run. The input files must be reachable from every worker.
Needs the `dask` extra: pip install "quotegrab[dask]".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import islice

from .inputs import item_id, unique_articles
from .pipeline import ArticleResult, articles, cached_pipeline, process
from .read import ReadError, Source
from .run import Run, is_done


def map_partition(
    sources: Sequence[Source | ReadError],
    done: Mapping[str, str],
    model: str,
    indirect: bool,
    text_field: str,
    id_field: str,
    fast: bool = False,
) -> tuple[list[ArticleResult], list[str]]:
    """On a worker: the results of one partition's pending articles, and the ids of those skipped.
    A file is never split between partitions, so its duplicate ids are all found here."""
    items = list(unique_articles(articles(sources, text_field, id_field)))
    pending = [item for item in items if not is_done(done, item)]
    skipped = [item_id(item) for item in items if is_done(done, item)]
    if not pending:
        return [], skipped
    return list(process(pending, cached_pipeline(model, indirect, fast))), skipped


def run_dask(
    run: Run,
    sources: Sequence[Source | ReadError],
    model: str,
    indirect: bool = True,
    scheduler: str | None = None,
    n_workers: int = 2,
    files_per_partition: int = 16,
    text_field: str = "text",
    id_field: str = "id",
    fast: bool = False,
) -> None:
    """Run every partition on the cluster at `scheduler` (or a new LocalCluster)."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = (
        None
        if scheduler
        else LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
    )
    client = Client(scheduler) if scheduler else Client(cluster)
    try:
        stream = iter(sources)
        partitions = list(iter(lambda: list(islice(stream, files_per_partition)), []))
        # scattered as one object: a dict alone would scatter key by key
        (done,) = client.scatter([dict(run.manifest.done)], broadcast=True)
        parts = {
            client.submit(
                map_partition, partition, done, model, indirect, text_field, id_field, fast, pure=False
            ): run.new_part()
            for partition in partitions
        }
        for future in as_completed(parts):
            results, skipped = future.result()
            run.skip(skipped)
            run.commit(results, parts[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
