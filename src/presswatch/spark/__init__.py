"""Batch enrichment of large corpora on Apache Spark: inputs -> Spark -> Parquet -> a Store (see docs/spark.md).

    from presswatch.spark import start_session, enrich_to_parquet, load_parquet

    spark = start_session("local[2]")                      # or a cluster's master URL
    enrich_to_parquet(spark, ["crawl.warc.gz"], "enriched.parquet")
    load_parquet(["enriched.parquet"], open_store("sqlite:///presswatch.db"))

Spark runs only the pure steps (sources, layouts, ``enrich_many``); the store is written by ``load_parquet`` on one
machine through the ingest path (dedup, atomic batches). pyspark is the optional extra ``presswatch[spark]``; the
loader needs only pyarrow. Modules: ``session`` (starting Spark), ``read`` (inputs -> Articles), ``enrich`` (the job),
``parquet`` (the schema), ``load`` (Parquet -> Store).
"""

from __future__ import annotations

from presswatch.spark.enrich import EnrichSummary, enrich_to_parquet
from presswatch.spark.load import load_parquet
from presswatch.spark.session import SparkJobFailed, SparkUnavailable, start_session

__all__ = ["EnrichSummary", "SparkJobFailed", "SparkUnavailable", "enrich_to_parquet", "load_parquet", "start_session"]
