"""Ingest: sources -> layouts -> dedup -> enrich -> store, streaming, in batches of one transaction each.

    report = ingest(["papers/", "feed.xml"], store, IngestOptions(workers=2))

Guarantees:

- **Streaming, flat memory.** Documents are read one at a time; dedup keeps only what it has passed but not yet seen
  stored; the enrichment pool has a bounded number of chunks in flight; a batch is written and forgotten.
- **Atomic batches.** Each batch (its new articles, signatures, LSH keys and enrichments) is one transaction, so a run
  killed at any instant leaves whole batches only, and running it again ends with exactly what an uninterrupted run
  stores: dedup decisions depend only on the input order (see ``presswatch.dedup``), never on batch boundaries.
- **A bad item never stops the run.** An unreadable file, a document no layout can use, an article the enricher
  cannot parse: each is reported as (location, reason) and the run goes on. (An article that fails enrichment is
  still stored, without enrichment, so ``presswatch enrich`` can retry it later.)
"""

from __future__ import annotations

import importlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice

from presswatch.dedup import DEFAULT_THRESHOLD, DUPLICATE, NEAR_DUPLICATE, Decision, Deduplicator, DedupOptions
from presswatch.errors import PresswatchError, UsageError
from presswatch.models import Article, EnrichedArticle, RawDocument, SourceFailure
from presswatch.store.base import Store

DEFAULT_BATCH_SIZE = 200  # articles per transaction
DEFAULT_COMMIT_SECONDS = 2.0  # ... or fewer, when enrichment is slow: a kill loses at most this much work
DEDUP_CHUNK = 256  # articles classified together (one store round trip for ids, one for LSH candidates)
MAX_KEPT_FAILURES = 10_000  # failures kept in the report; all are counted and passed to on_failure


@dataclass(slots=True)
class IngestOptions:
    """Everything an ingest run needs besides the sources and the store. Picklable."""

    layout: str | None = None  # force a layout by name; None = detect per document
    source: object | None = None  # presswatch.sources.SourceOptions (include/exclude, columns, ...); None = defaults
    near_dup_threshold: float = DEFAULT_THRESHOLD
    near_dup: bool = True  # False: exact duplicates only
    enrich: bool = True
    enrich_options: object | None = None  # presswatch.enrich.pipeline.EnrichOptions; None = defaults
    workers: int = 1  # enrichment processes
    batch_size: int = DEFAULT_BATCH_SIZE
    commit_seconds: float = DEFAULT_COMMIT_SECONDS
    watchlists: bool = True  # run presswatch.analysis.watchlists.after_ingest on the new articles, when installed


@dataclass(slots=True)
class IngestReport:
    """What a run did. ``failures`` lists (location, reason) of the items that could not be used."""

    documents: int = 0  # raw documents read
    articles: int = 0  # articles the layouts found
    new: int = 0  # stored, not a near-duplicate
    near_duplicate: int = 0  # stored, with duplicate_of set
    duplicate: int = 0  # not stored: already in the store or earlier in this run
    failed: int = 0
    enriched: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)  # every article stored by this run (new and near-duplicate)
    messages: list[str] = field(default_factory=list)  # e.g. watchlist alerts
    elapsed: float = 0.0

    @property
    def stored(self) -> int:
        return self.new + self.near_duplicate

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def to_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "articles": self.articles,
            "new": self.new,
            "near_duplicate": self.near_duplicate,
            "duplicate": self.duplicate,
            "failed": self.failed,
            "enriched": self.enriched,
            "failures": [{"location": loc, "reason": why} for loc, why in self.failures],
            "messages": list(self.messages),
            "elapsed": round(self.elapsed, 3),
        }

    def summary(self) -> str:
        rate = self.articles / self.elapsed if self.elapsed > 0 else 0.0
        return (
            f"{self.documents} documents, {self.articles} articles: {self.new} new, {self.near_duplicate} "
            f"near-duplicates, {self.duplicate} duplicates, {self.failed} failed; {self.enriched} enriched; "
            f"{self.elapsed:.1f} s ({rate:.0f} articles/s)"
        )


Progress = Callable[[IngestReport], None]
FailureHook = Callable[[str, str], None]


def ingest(
    specs: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    on_failure: FailureHook | None = None,
) -> IngestReport:
    """Ingest the sources (paths, directories, URLs, ``-``, ``archive.zip!member``) into the store.

    ``progress(report)`` is called after every stored batch and every ~100 documents with the running counts;
    ``on_failure(location, reason)`` as each item fails. Raises UsageError for bad options (unknown layout or preset);
    everything else that goes wrong with an item is in the report.
    """
    from presswatch.sources import SourceOptions, iter_documents

    options = options or IngestOptions()
    source_options = options.source if options.source is not None else SourceOptions()
    documents = chain.from_iterable(iter_documents(spec, source_options) for spec in specs)  # type: ignore[arg-type]
    return ingest_documents(documents, store, options, progress=progress, on_failure=on_failure)


def ingest_documents(
    items: Iterable[RawDocument | SourceFailure | Article],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    on_failure: FailureHook | None = None,
) -> IngestReport:
    """The pipeline behind :func:`ingest`, from raw documents (or ready Articles, e.g. generated by a benchmark)."""
    options = options or IngestOptions()
    _check_options(options)
    return _execute(_Run(store, options, progress, on_failure), items)


def ingest_enriched(
    items: Iterable[tuple[Article, EnrichedArticle | SourceFailure | None] | SourceFailure],
    store: Store,
    options: IngestOptions | None = None,
    progress: Progress | None = None,
    on_failure: FailureHook | None = None,
) -> IngestReport:
    """Ingest articles enriched elsewhere (e.g. by ``presswatch.spark``): dedup and store exactly as :func:`ingest`
    does, but without the enrichment stage. Each article keeps the enrichment it comes with; one that comes with None
    is stored unenriched, for ``presswatch enrich`` to compute later, and one that comes with the SourceFailure of its
    enrichment is reported and stored unenriched too. ``options.enrich`` and ``workers`` are unused."""
    options = options or IngestOptions()
    _check_options(options)
    return _execute(_PreEnrichedRun(store, options, progress, on_failure), items)


def _execute(run: _Run, items: Iterable[object]) -> IngestReport:
    options, store = run.options, run.store
    started = time.perf_counter()
    try:
        run.execute(items)
    finally:
        run.report.elapsed = time.perf_counter() - started
    if options.watchlists and run.report.new_ids:
        run.report.messages.extend(_after_ingest(store, run.report.new_ids))
    run.report.elapsed = time.perf_counter() - started
    return run.report


def _check_options(options: IngestOptions) -> None:
    if options.layout is not None:
        from presswatch.layouts import names

        if options.layout not in names():
            raise UsageError(f"unknown layout {options.layout!r}; known layouts: {', '.join(names())}")
    if not 0.0 < options.near_dup_threshold <= 1.0:
        raise UsageError(f"--near-dup-threshold must be in (0, 1], got {options.near_dup_threshold} (e.g. 0.8)")
    if options.workers < 1:
        raise UsageError(f"--workers must be at least 1, got {options.workers}")
    if options.batch_size < 1:
        raise UsageError(f"batch size must be at least 1, got {options.batch_size}")


def _after_ingest(store: Store, new_ids: list[str]) -> list[str]:
    """Watchlist alerts for the new articles, when the analysis package provides them."""
    try:
        watchlists = importlib.import_module("presswatch.analysis.watchlists")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("presswatch.analysis.watchlists"):
            return []
        raise
    hook = getattr(watchlists, "after_ingest", None)
    if hook is None:
        return []
    try:
        return [str(m) for m in hook(store, new_ids) or []]
    except PresswatchError as exc:  # the articles are stored; say why the alerts could not be computed
        return [f"watchlists: {exc}"]


class _Run:
    """One ingest run: the stages as generators, the counts in ``report``."""

    def __init__(self, store: Store, options: IngestOptions, progress: Progress | None, on_failure: FailureHook | None):
        self.store = store
        self.options = options
        self.progress = progress
        self.on_failure = on_failure
        self.report = IngestReport()
        self.dedup = Deduplicator(store, DedupOptions(threshold=options.near_dup_threshold, enabled=options.near_dup))
        self._last_progress = 0

    # -- reporting

    def fail(self, location: str, reason: str) -> None:
        self.report.failed += 1
        if len(self.report.failures) < MAX_KEPT_FAILURES:
            self.report.failures.append((location, reason))
        if self.on_failure is not None:
            self.on_failure(location, reason)

    def tick(self, force: bool = False) -> None:
        if self.progress is not None and (force or self.report.documents - self._last_progress >= 100):
            self._last_progress = self.report.documents
            self.progress(self.report)

    # -- stages

    def articles(self, items: Iterable[RawDocument | SourceFailure | Article]) -> Iterator[Article]:
        """Stages 1-2: raw documents through the layouts; failures reported."""
        from presswatch.layouts import parse

        for item in items:
            self.report.documents += 1
            if isinstance(item, SourceFailure):
                self.fail(item.location, item.reason)
                self.tick()
                continue
            if isinstance(item, Article):
                self.report.articles += 1
                self.tick()
                yield item
                continue
            try:
                found = parse(item, self.options.layout)
            except PresswatchError as exc:  # LayoutError: the message already names the location
                self.fail(item.location, strip_location(str(exc), item.location))
                self.tick()
                continue
            self.report.articles += len(found)
            self.tick()
            yield from found

    def deduplicated(self, articles: Iterable[Article]) -> Iterator[Decision]:
        """Stage 3: exact duplicates dropped (counted), the rest classified new / near-duplicate."""
        it = iter(articles)
        while chunk := list(islice(it, DEDUP_CHUNK)):
            for d in self.dedup.classify(chunk):
                if d.status == DUPLICATE:
                    self.report.duplicate += 1
                else:
                    yield d

    def enriched(self, decisions: Iterable[Decision]) -> Iterator[tuple[Decision, EnrichedArticle | None]]:
        """Stage 4: enrichment in input order (a process pool when workers > 1); failures reported, article kept."""
        if not self.options.enrich:
            for d in decisions:
                yield d, None
            return
        from presswatch.enrich.pipeline import EnrichOptions, enrich_many

        opts = self.options.enrich_options if self.options.enrich_options is not None else EnrichOptions()
        fed: deque[Decision] = deque()

        def feed() -> Iterator[Article]:
            for d in decisions:
                fed.append(d)
                yield d.article

        for result in enrich_many(feed(), opts, workers=self.options.workers):  # type: ignore[arg-type]
            d = fed.popleft()
            if isinstance(result, SourceFailure):
                self.fail(result.location or d.article.source or d.article.id, f"enrichment failed: {result.reason}")
                yield d, None
            else:
                yield d, result

    def execute(self, items: Iterable[RawDocument | SourceFailure | Article]) -> None:
        """Stage 5: store in batches of one transaction each."""
        batch: list[tuple[Decision, EnrichedArticle | None]] = []
        last_commit = time.monotonic()
        for pair in self.enriched(self.deduplicated(self.articles(items))):
            batch.append(pair)
            if len(batch) >= self.options.batch_size or time.monotonic() - last_commit >= self.options.commit_seconds:
                self.write(batch)
                batch = []
                last_commit = time.monotonic()
        self.write(batch)
        self.tick(force=True)

    def write(self, batch: list[tuple[Decision, EnrichedArticle | None]]) -> None:
        if not batch:
            return
        articles = [d.article for d, _ in batch]
        enrichments = [e for _, e in batch if e is not None]
        minhashes = {d.article.id: d.signature for d, _ in batch if d.signature is not None}
        lsh_keys = {d.article.id: d.lsh_keys for d, _ in batch if d.lsh_keys}
        result = self.store.write_batch(articles, enrichments, minhashes=minhashes, lsh_keys=lsh_keys)
        added = set(result.added)
        for d, _ in batch:
            if d.article.id not in added:  # stored meanwhile by another process: a duplicate after all
                self.report.duplicate += 1
            elif d.status == NEAR_DUPLICATE:
                self.report.near_duplicate += 1
            else:
                self.report.new += 1
        self.report.enriched += len(enrichments)
        self.report.new_ids.extend(result.added)
        self.dedup.committed([a.id for a in articles])
        self.tick(force=True)


class _PreEnrichedRun(_Run):
    """A run over (article, enrichment) pairs: the enrichment travels beside its article through dedup."""

    def __init__(self, store: Store, options: IngestOptions, progress: Progress | None, on_failure: FailureHook | None):
        super().__init__(store, options, progress, on_failure)
        # article id -> its enrichment or the failure of it, for the dedup chunk in hand
        self.given: dict[str, EnrichedArticle | SourceFailure] = {}

    def articles(self, items: Iterable[object]) -> Iterator[Article]:
        def unpacked() -> Iterator[RawDocument | SourceFailure | Article]:
            for item in items:
                if isinstance(item, tuple):
                    article, enrichment = item
                    if enrichment is not None:
                        self.given[article.id] = enrichment
                    yield article
                else:
                    yield item  # type: ignore[misc]

        return super().articles(unpacked())

    def deduplicated(self, articles: Iterable[Article]) -> Iterator[Decision]:
        it = iter(articles)
        while chunk := list(islice(it, DEDUP_CHUNK)):
            yield from super().deduplicated(chunk)
            self.given.clear()  # what is left belongs to duplicates, which are not stored

    def enriched(self, decisions: Iterable[Decision]) -> Iterator[tuple[Decision, EnrichedArticle | None]]:
        for d in decisions:
            given = self.given.pop(d.article.id, None)
            if isinstance(given, SourceFailure):  # reported as ingest reports it: the article is stored unenriched
                self.fail(given.location, given.reason)
                given = None
            yield d, given


def strip_location(message: str, location: str) -> str:
    """Layout errors start with the location; the failure line prints it already."""
    prefix = f"{location}: "
    return message[len(prefix) :] if message.startswith(prefix) else message
