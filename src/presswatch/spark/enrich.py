"""The Spark enrichment job: inputs -> Articles -> ``enrich_many`` per partition -> Parquet (``parquet.COLUMNS``).

    spark = start_session("local[2]")
    summary = enrich_to_parquet(spark, ["crawl.warc.gz", "papers/"], "enriched.parquet")

The stages, as RDD steps:

1. ``plan_inputs`` on the driver lists the inputs (directories walked); ``read_input`` on the executors reads each one
   through the sources and layouts, yielding (key, Article or SourceFailure).
2. ``sortByKey`` range-partitions the items by their input position: partitions of about equal size however unevenly
   the articles are spread over the inputs (one WARC of 10,000 records is not one task), and the global input order.
3. ``enrich_partition`` runs ``presswatch.enrich.pipeline.enrich_many`` over each partition, streaming: one
   ``nlp.pipe`` per chunk of ``EnrichOptions.chunk_size`` articles, the model loaded once per executor Python process
   and kept across tasks (``load_nlp`` caches it; Spark reuses its Python workers, ``spark.python.worker.reuse``).
4. The rows are written as Parquet, in key order.

A failure of one item never fails the job: it becomes a row with its location and reason (see ``parquet``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from presswatch.enrich.options import EnrichOptions
from presswatch.enrich.pipeline import ENRICH_VERSION, enrich_many
from presswatch.errors import UsageError
from presswatch.models import Article, SourceFailure
from presswatch.sources import SourceOptions
from presswatch.spark.parquet import SCHEMA_DDL, Key, article_row, failure_row
from presswatch.spark.read import plan_inputs, read_input
from presswatch.spark.session import SparkJobFailed

MAX_LISTED_FAILURES = 10_000  # failures returned in the summary; all are in the Parquet


@dataclass(slots=True)
class EnrichSummary:
    """What a job wrote: counts of the rows, and the failures as (location, stage, reason) in input order."""

    out: str
    inputs: int = 0
    articles: int = 0
    enriched: int = 0
    failed: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    version: str = ENRICH_VERSION

    def text(self) -> str:
        return (
            f"{self.inputs} inputs: {self.articles} articles, {self.enriched} enriched, {self.failed} failed "
            f"(enrichment {self.version}) -> {self.out}"
        )


def enrich_partition(items: Iterable[tuple[Key, Article | SourceFailure]], options: EnrichOptions) -> Iterator[tuple]:
    """Rows of one partition, in its order: each article with its enrichment (or the failure of it), each failure."""
    pending: deque[tuple[Key, Article | SourceFailure]] = deque()

    def articles() -> Iterator[Article]:
        for key, item in items:
            pending.append((key, item))
            if isinstance(item, Article):
                yield item

    for result in enrich_many(articles(), options):  # one result per article, in order
        yield from _failures_ahead(pending)
        key, article = pending.popleft()
        yield article_row(key, article, result)  # type: ignore[arg-type]
    yield from _failures_ahead(pending)


def _failures_ahead(pending: deque[tuple[Key, Article | SourceFailure]]) -> Iterator[tuple]:
    while pending and isinstance(pending[0][1], SourceFailure):
        key, failure = pending.popleft()
        yield failure_row(key, failure)  # type: ignore[arg-type]


def enrich_to_parquet(
    spark: Any,
    specs: Sequence[str],
    out: str,
    *,
    source: SourceOptions | None = None,
    layout: str | None = None,
    enrich: EnrichOptions | None = None,
    partitions: int | None = None,
    overwrite: bool = False,
    stage: Callable[[str], None] | None = None,
) -> EnrichSummary:
    """Read ``specs``, enrich every article on ``spark`` (a SparkSession) and write the rows to ``out`` (a Parquet
    directory). ``partitions`` defaults to the default parallelism (the cores of local[N]); ``stage(text)`` is told
    each step. Raises UsageError when ``out`` exists and ``overwrite`` is not set, or for bad options, and
    SparkJobFailed when the job fails as a whole (the model missing on the executors; a failing item never does)."""
    from py4j.protocol import Py4JJavaError
    from pyspark import StorageLevel
    from pyspark.errors import PySparkException

    if Path(out).exists() and not overwrite:
        raise UsageError(f"{out} exists: give another --out, or --overwrite to replace it")
    if partitions is not None and partitions < 1:
        raise UsageError(f"--partitions must be at least 1, got {partitions}")
    source = source or SourceOptions()
    enrich = enrich or EnrichOptions()
    tell = stage or (lambda _text: None)
    sc = spark.sparkContext
    n = partitions or sc.defaultParallelism
    inputs = plan_inputs(specs, source)
    tell(f"reading {len(inputs)} inputs on {n} partitions")
    items = sc.parallelize(list(enumerate(inputs)), max(1, min(len(inputs), n)))
    items = items.flatMap(partial(read_input, options=source, layout=layout)).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        # Counts and samples the keys (two passes over the items, read once and cached), then shuffles them.
        ordered = items.sortByKey(numPartitions=n)
        tell("enriching and writing Parquet")
        rows = ordered.mapPartitions(partial(enrich_partition, options=enrich))
        spark.createDataFrame(rows, SCHEMA_DDL).write.mode("overwrite").parquet(out)
    except (PySparkException, Py4JJavaError) as exc:
        raise SparkJobFailed.of(exc) from exc
    finally:
        items.unpersist()
    return summarise(spark, out, len(inputs))


def summarise(spark: Any, out: str, inputs: int) -> EnrichSummary:
    """The counts and failures of a written job, read back from its Parquet."""
    from pyspark.sql import functions as F

    df = spark.read.parquet(out)
    counts = df.agg(
        F.count("text").alias("articles"),
        F.count("enrichment").alias("enriched"),
        F.count("error_reason").alias("failed"),
    ).first()
    failed = df.where(F.col("error_reason").isNotNull()).orderBy("input_index", "item_index")
    listed = failed.select("location", "error_stage", "error_reason").limit(MAX_LISTED_FAILURES).collect()
    return EnrichSummary(
        out=out,
        inputs=inputs,
        articles=counts["articles"],
        enriched=counts["enriched"],
        failed=counts["failed"],
        failures=[(r["location"], r["error_stage"], r["error_reason"]) for r in listed],
    )
