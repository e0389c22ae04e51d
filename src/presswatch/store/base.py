"""The Store protocol: one contract, two backends (SQLite by default, PostgreSQL for many users).

A backend is a new file implementing this protocol, never a new ``if`` in the callers. ``open_store(url)`` in
``presswatch.store`` picks the backend from the URL (``sqlite:///path``, a bare path, or ``postgresql://...``).

Every write method is atomic: a batch is stored whole or not at all, so a run that is killed and started again ends
with exactly what an uninterrupted run would have stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from presswatch.models import Article, EnrichedArticle


@dataclass(slots=True)
class SearchQuery:
    """A parsed search: ``text`` is the full-text part in the store-neutral syntax of ``store.query``."""

    text: str = ""  # the raw full-text part as the user typed it (words, "phrases", AND/OR/NOT, prefix*)
    outlet: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    tag: list[str] = field(default_factory=list)
    speaker: list[str] = field(default_factory=list)  # entity key or name of a speaker quoted in the article
    entity: list[str] = field(default_factory=list)  # entity key or name mentioned in the article
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive
    limit: int = 20
    offset: int = 0
    facets: bool = False  # also count outlet / kind / month / tag / speaker / entity facets (see facets_sample)
    # False: only the facets are wanted (the search page's facet fragment): a backend may then skip ranking, snippets
    # and counting beyond the matches it found (``total`` a lower bound, ``total_exact`` False)
    hits: bool = True
    # False: the hits carry no snippet (""), for callers that only want which articles match (the topic timeline):
    # the page's texts are then not read again to highlight them
    snippets: bool = True


@dataclass(slots=True)
class SearchHit:
    id: str
    title: str
    published: str | None
    outlet: str | None
    kind: str | None
    snippet: str  # highlighted with <mark>...</mark>; everything else HTML-escaped
    score: float


@dataclass(slots=True)
class SearchResults:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # When set: there were too many matches to rank them all quickly, so the hits are the best of the N most recently
    # stored matches (``total`` still counts every match). None: every match was ranked.
    ranked_among: int | None = None
    # False when ``total`` is a lower bound: the store stopped counting there (show it as "5,000+").
    total_exact: bool = True
    # When set: there were more matches than the facet window, so the facet counts are over the N most recently
    # stored matches ("in the 3,000 newest matches"). None: the facets count every match.
    facets_sample: int | None = None


@dataclass(slots=True)
class AddResult:
    added: list[str] = field(default_factory=list)  # ids newly stored
    existing: list[str] = field(default_factory=list)  # ids already in the store (exact duplicates)


@runtime_checkable
class Store(Protocol):
    url: str

    # -- life cycle
    def close(self) -> None: ...

    # -- articles
    def add_articles(self, articles: Sequence[Article], minhashes: dict[str, bytes] | None = None) -> AddResult:
        """Store the articles not yet stored (by id), with their MinHash signatures, in one transaction."""
        ...

    def write_batch(
        self,
        articles: Sequence[Article],
        enrichments: Sequence[EnrichedArticle] = (),
        *,
        minhashes: dict[str, bytes] | None = None,
        lsh_keys: dict[str, Sequence[int]] | None = None,
    ) -> AddResult:
        """Store new articles (with MinHash signatures and LSH band keys) and the enrichments, in ONE transaction.

        The ingest writes each batch with this, so a killed run never leaves an article without its enrichment.
        """
        ...

    def lsh_candidates(self, keys: Iterable[int]) -> list[tuple[int, int, str, bytes]]:
        """Stored articles sharing any of these LSH band keys: (key, insertion seq, article id, signature) rows."""
        ...

    def existing_ids(self, ids: Iterable[str]) -> set[str]: ...

    def get_article(self, article_id: str) -> Article | None:
        """By full id or unique id prefix (at least 6 characters)."""
        ...

    def iter_articles(self, *, ids: Iterable[str] | None = None, batch_size: int = 500) -> Iterator[Article]:
        """In stable insertion order."""
        ...

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """Every stored (article id, MinHash signature) pair, to rebuild the near-duplicate index."""
        ...

    def count_articles(self) -> int: ...

    def search(self, query: SearchQuery) -> SearchResults:
        """Raises presswatch.errors.QueryError for malformed syntax."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: articles, duplicates, outlets (name -> n), kinds, date range, enriched, attributions, entities."""
        ...

    # -- enrichment
    def save_enrichments(self, items: Sequence[EnrichedArticle]) -> None:
        """Replace the stored enrichment of these articles (and their derived rows) in one transaction."""
        ...

    def get_enrichment(self, article_id: str) -> EnrichedArticle | None: ...

    def iter_enriched(
        self, *, since: str | None = None, until: str | None = None, ids: Iterable[str] | None = None
    ) -> Iterator[tuple[Article, EnrichedArticle]]:
        """Articles with their enrichment, by published date range (inclusive ISO dates) when given."""
        ...

    def unenriched_ids(self, version: str | None = None) -> list[str]:
        """Ids of articles with no enrichment, or with one of another version than ``version``."""
        ...

    def find_attributions(
        self,
        *,
        speaker: str | None = None,  # entity key, or text matched against speaker name/label
        entity: str | None = None,  # article mentions this entity key or name
        anonymous: bool | None = None,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        text: str | None = None,  # substring of the content
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Rows: article_id, title, published, outlet, attribution (Attribution.to_dict()), content_text."""
        ...

    def find_entities(
        self, *, name: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Rows: key, name, type, role, affiliation, articles (count), mentions (count), quotes (count as speaker)."""
        ...

    def find_events(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Rows: article_id, title, published, outlet, event (Event.to_dict())."""
        ...

    # -- analysis records: generic keyed JSON documents per kind (claims, conflicts, stories, watchlists, ...)
    def put_records(self, kind: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Upsert (key, data) documents of one kind in one transaction."""
        ...

    def replace_records(self, kind: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Replace every document of one kind in one transaction."""
        ...

    def get_records(self, kind: str, *, keys: Iterable[str] | None = None) -> list[tuple[str, dict[str, Any]]]: ...

    def delete_records(self, kind: str, keys: Iterable[str]) -> None: ...

    # -- maintenance
    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's content in a deterministic, backend-neutral form (for comparisons and tests)."""
        ...
