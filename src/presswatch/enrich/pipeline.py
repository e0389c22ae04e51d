"""The enrichment pipeline: ``Article -> EnrichedArticle``, pure, one spaCy pass per article, then cheap rule steps.

Steps, in order, on the one parsed ``Doc`` of ``Article.text`` (sentences never cross a paragraph):

1. sentences  2. entities with identity (``entities``)  3. attributions (``attributions``, who said what)
4. time expressions (``times``)  5. events (``events``)

A step that fails on an article is reported in ``EnrichedArticle.errors`` and the other steps still run; an article
that cannot be parsed at all becomes a ``SourceFailure`` (stage "enrich") in ``enrich_many``, and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from presswatch.enrich.aliases import load_gazetteer
from presswatch.enrich.entities import extract_entities
from presswatch.enrich.events import extract_events
from presswatch.enrich.nlp import load_nlp, make_doc, sentence_spans
from presswatch.enrich.options import EnrichOptions
from presswatch.enrich.times import extract_times
from presswatch.models import Article, EnrichedArticle, SourceFailure

__all__ = ["ENRICH_VERSION", "EnrichOptions", "enrich_article", "enrich_many"]

# Bump when the output of the pipeline changes, so that `presswatch enrich` recomputes stored enrichments.
ENRICH_VERSION = "2026.11.29-6"


def enrich_article(article: Article, options: EnrichOptions | None = None) -> EnrichedArticle:
    """Enrich one article. Raises only when spaCy cannot parse it at all (``enrich_many`` reports that and goes on)."""
    options = options or EnrichOptions()
    nlp = load_nlp(options)
    text, spans, errors = _bounded(article, options)
    doc = nlp(make_doc(nlp, text, spans))
    return _annotate(article, doc, options, errors)


def enrich_many(
    articles: Iterable[Article], options: EnrichOptions | None = None, workers: int = 1
) -> Iterator[EnrichedArticle | SourceFailure]:
    """Enrich articles in input order; ``workers > 1`` spreads chunks over a process pool.

    At most ``2 * workers`` chunks are in flight, so memory stays flat however long the input is. An article that fails
    is yielded as a ``SourceFailure`` (its source and id, stage "enrich") and the run goes on.
    """
    options = options or EnrichOptions()
    load_gazetteer(options.alias_file)  # a broken alias file is a usage error before any work, not N failures
    if options.attribution_model:  # so is a broken attribution model
        from presswatch.enrich.attribution_tagger import load_tagger

        load_tagger(options.attribution_model)
    chunks = _chunks(articles, max(1, options.chunk_size))
    if workers <= 1:
        for chunk in chunks:
            yield from enrich_chunk(chunk, options)
        return
    yield from _pooled(chunks, options, workers)


def _pooled(
    chunks: Iterator[list[Article]], options: EnrichOptions, workers: int
) -> Iterator[EnrichedArticle | SourceFailure]:
    """The process-pool path of ``enrich_many``.

    The worker function and everything it receives are picklable top-level objects, so fork and spawn both work (each
    worker loads its own model once). A worker that dies (killed for memory, a crash in native code) breaks the pool
    and every chunk in it. Which one killed it is not known, so each of them is run again alone in a fresh pool; one
    that breaks that pool too is split, and only the article that kills a worker on its own is reported as failed.
    The run goes on in input order.
    """
    context = multiprocessing.get_context(options.start_method) if options.start_method else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    # A None future: the pool had already broken when this chunk was offered to it.
    pending: deque[tuple[Future[list[EnrichedArticle | SourceFailure]] | None, list[Article]]] = deque()

    def submit(chunk: list[Article]) -> Future[list[EnrichedArticle | SourceFailure]] | None:
        try:
            return pool.submit(enrich_chunk, [_lean(a) for a in chunk], options)
        except BrokenProcessPool:  # a worker died between two submissions
            return None

    def renew() -> None:
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def alone(chunk: list[Article]) -> list[EnrichedArticle | SourceFailure] | None:
        """The chunk run by itself in the pool; None when it broke the pool (which is then renewed)."""
        fut = submit(chunk)
        try:
            if fut is not None:
                return fut.result()
        except BrokenProcessPool:
            pass
        renew()
        return None

    def isolate(chunk: list[Article], exc: BaseException) -> list[EnrichedArticle | SourceFailure]:
        done = alone(chunk)
        if done is not None:
            return done
        out: list[EnrichedArticle | SourceFailure] = []
        for article in chunk:
            one = alone([article]) if len(chunk) > 1 else None
            out.extend(one if one is not None else [_failure(article, exc, "a worker process died enriching it")])
        return out

    def drain_one() -> list[EnrichedArticle | SourceFailure]:
        fut, chunk = pending.popleft()
        try:
            if fut is not None:
                return fut.result()
            exc: BaseException = BrokenProcessPool("the process pool broke before it took this chunk")
        except BrokenProcessPool as broken:
            exc = broken
        suspects = [chunk, *(c for _, c in pending)]
        pending.clear()
        renew()
        return [r for c in suspects for r in isolate(c, exc)]

    try:
        for chunk in chunks:
            pending.append((submit(chunk), chunk))
            if len(pending) >= 2 * workers:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        for fut, _ in pending:
            if fut is not None:
                fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def enrich_chunk(articles: list[Article], options: EnrichOptions) -> list[EnrichedArticle | SourceFailure]:
    """Enrich a list of articles with one ``nlp.pipe`` pass (the unit of work of a pool worker)."""
    nlp = load_nlp(options)
    out: list[EnrichedArticle | SourceFailure | None] = [None] * len(articles)
    prepared: list[tuple[int, str, list[tuple[int, int]], list[str]]] = []
    for i, article in enumerate(articles):
        try:
            prepared.append((i, *_bounded(article, options)))
        except Exception as exc:  # a malformed article is reported; the others go on
            out[i] = _failure(article, exc)
    try:
        docs = list(nlp.pipe((make_doc(nlp, t, s) for _, t, s, _ in prepared), batch_size=options.batch_size))
    except Exception:  # one bad text must not sink the chunk: redo it one article at a time to find the culprit
        docs = None
    for j, (i, text, spans, errors) in enumerate(prepared):
        try:
            doc = docs[j] if docs is not None else nlp(make_doc(nlp, text, spans))
            out[i] = _annotate(articles[i], doc, options, errors)
        except Exception as exc:  # reported with where it came from; the batch goes on
            out[i] = _failure(articles[i], exc)
    return [r for r in out if r is not None]


# ----------------------------------------------------------------------------------------------------------- steps


def _annotate(article: Article, doc, options: EnrichOptions, errors: list[str]) -> EnrichedArticle:
    """Run the rule steps over the parsed doc. A failing step is recorded in ``errors``; the others still run."""
    gaz = load_gazetteer(options.alias_file)
    result = EnrichedArticle(article_id=article.id, errors=list(errors), version=ENRICH_VERSION)
    result.sentences = sentence_spans(doc)
    try:
        result.mentions, result.entities = extract_entities(
            doc, gaz, outlet=article.outlet, published=article.published
        )
    except Exception as exc:
        result.errors.append(_step_error("entities", exc))
    if options.attributions:
        try:
            from presswatch.enrich.attributions import extract_attributions

            result.attributions = extract_attributions(
                doc,
                mentions=result.mentions,
                entities=result.entities,
                outlet=article.outlet,
                article_date=article.published,
            )
            if options.attribution_model:
                from presswatch.enrich.attribution_tagger import refine_attributions

                result.attributions = refine_attributions(
                    doc,
                    result.attributions,
                    options.attribution_model,
                    mentions=result.mentions,
                    entities=result.entities,
                    outlet=article.outlet,
                )
        except Exception as exc:
            result.errors.append(_step_error("attributions", exc))
    try:
        result.times = extract_times(doc, article.published)
    except Exception as exc:
        result.errors.append(_step_error("times", exc))
    if options.events:
        try:
            result.events = extract_events(
                doc,
                mentions=result.mentions,
                entities=result.entities,
                times=result.times,
                article_date=article.published,
            )
        except Exception as exc:
            result.errors.append(_step_error("events", exc))
    return result


def _step_error(step: str, exc: BaseException) -> str:
    return f"{step}: {type(exc).__name__}: {exc}"


def _bounded(article: Article, options: EnrichOptions) -> tuple[str, list[tuple[int, int]], list[str]]:
    """The text to parse: cut at the last paragraph that ends within ``max_chars``, reporting what was left out."""
    text = article.text
    if not isinstance(text, str):
        raise TypeError(f"article text is {type(text).__name__}, not str")
    spans = list(article.paragraph_spans) or [(0, len(text))]
    if len(text) <= options.max_chars:
        return text, spans, []
    kept = [sp for sp in spans if sp[1] <= options.max_chars] or [(0, options.max_chars)]
    end = kept[-1][1]
    skipped = len(spans) - len(kept)
    msg = f"text of {len(text)} characters cut at {end} (max_chars={options.max_chars}); {skipped} paragraphs not read"
    return text[:end], kept, [msg]


def _failure(article: Article, exc: BaseException, what: str = "enrichment failed") -> SourceFailure:
    where = f"{article.source or '?'}#{article.id}"
    return SourceFailure(location=where, reason=f"{what}: {type(exc).__name__}: {exc}", stage="enrich")


def _lean(article: Article) -> Article:
    """The article without its raw document: workers need the text only, and pickling less is faster."""
    return dataclasses.replace(article, raw=None) if article.raw else article


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk
