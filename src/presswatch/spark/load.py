"""Loading enriched Parquet into a Store, through the same path as ``presswatch ingest``.

    report = load_parquet(["enriched.parquet"], store)

The rows are read in input order with pyarrow (no Spark, no Java: the load runs where the store is) and handed to
``presswatch.ingest.ingest_enriched``: exact and near-duplicates are dropped or linked as ingest does, each batch is one
``store.write_batch`` transaction, and loading the same Parquet again stores nothing new. An enrichment is kept when
its version is the current ``ENRICH_VERSION``; an article whose enrichment is of another version (or failed) is stored
without one, for ``presswatch enrich`` to compute. A row that cannot be rebuilt is reported with its location
(``part-00000-....parquet:row 12``) and reason, and skipped; so are the items that already failed in the Spark job.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from presswatch.enrich.pipeline import ENRICH_VERSION
from presswatch.ingest import FailureHook, IngestOptions, IngestReport, Progress, ingest_enriched
from presswatch.models import Article, EnrichedArticle, SourceFailure
from presswatch.spark.parquet import BadRow, from_row, iter_rows, part_files
from presswatch.store.base import Store


def load_parquet(
    paths: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    on_failure: FailureHook | None = None,
) -> IngestReport:
    """Store the enriched articles of ``paths`` (Parquet files, or the directories ``enrich_to_parquet`` wrote).

    Raises UsageError when a path is missing or is not such Parquet, before anything is stored.
    """
    rows = _Rows(part_files(paths))
    report = ingest_enriched(rows, store, options, progress=progress, on_failure=on_failure)
    if rows.stale:
        report.messages.append(
            f"{rows.stale} articles were enriched by another version than {ENRICH_VERSION} and were stored without "
            "their enrichment: run `presswatch enrich` to compute it"
        )
    return report


class _Rows:
    """The items of the Parquet rows for ``ingest_enriched``, counting the enrichments of another version."""

    def __init__(self, files: Sequence[Path]) -> None:
        self.files = files
        self.stale = 0

    def __iter__(self) -> Iterator[tuple[Article, EnrichedArticle | SourceFailure | None] | SourceFailure]:
        for where, row in iter_rows(self.files):
            try:
                item = from_row(row, where)
            except BadRow as exc:
                yield SourceFailure(where, f"bad row, skipped: {exc}", stage="load")
                continue
            if isinstance(item, tuple) and item[1] is None and row.get("enrichment") is not None:
                self.stale += 1
            yield item
