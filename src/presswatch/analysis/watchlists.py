"""Watchlists: saved queries with aliases; new articles that match are recorded and notified.

A watchlist's query is a plain name (watched with all its aliases: as whole words in the title or text, or as an
entity or speaker of the enrichment) or a query in the search language, with operators, phrases, prefixes and filters
(``analysis/watch_query.py``). ``after_ingest`` is what the ingest
calls with the ids it stored: it records new matches, sends one notification per watchlist and channel, records the
outcome as an alert, and returns report lines. It never raises because of a notification.

Records (kinds): "watchlists" (name -> definition), "watch_matches" ("name|article id" -> match), "watch_alerts".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from presswatch.analysis.notify import NotifyOptions, send_email, send_webhook
from presswatch.analysis.watch_query import WatchQuery
from presswatch.errors import NotFound, QueryError, UsageError
from presswatch.models import Article, EnrichedArticle
from presswatch.store.base import SearchQuery

WATCHLISTS = "watchlists"
MATCHES = "watch_matches"
ALERTS = "watch_alerts"

_NAME_RE = re.compile(r"^[\w][\w .\-]{0,62}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+$")


@dataclass(slots=True)
class Watchlist:
    name: str
    query: str
    aliases: list[str] = field(default_factory=list)
    webhook: str | None = None
    email: str | None = None
    created: str = ""

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "query": self.query,
            "aliases": self.aliases,
            "webhook": self.webhook,
            "email": self.email,
            "created": self.created,
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Watchlist:
        return cls(
            name=data["name"],
            query=data["query"],
            aliases=list(data.get("aliases") or []),
            webhook=data.get("webhook"),
            email=data.get("email"),
            created=data.get("created", ""),
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add_watchlist(
    store: Any,
    name: str,
    query: str,
    *,
    aliases: Iterable[str] = (),
    webhook: str | None = None,
    email: str | None = None,
    replace: bool = False,
) -> Watchlist:
    """Save a watchlist. Raises UsageError for a bad name, query, URL or address, or when the name exists."""
    name = name.strip()
    if not _NAME_RE.match(name):
        raise UsageError(f"bad watchlist name {name!r}: use letters, digits, spaces, '.', '-' or '_' (max 63)")
    if not query.strip():
        raise UsageError('empty watch query: give the words to watch for, e.g. "Northern Territories"')
    try:
        WatchQuery.compile(query.strip(), aliases)
    except QueryError as exc:
        raise UsageError(f"bad watch query {query.strip()!r}: {exc}") from exc
    if webhook and not webhook.startswith(("http://", "https://")):
        raise UsageError(f"bad webhook URL {webhook!r}: it must start with http:// or https://")
    if email and not _EMAIL_RE.match(email):
        raise UsageError(f"bad e-mail address {email!r}: write it as name@example.org")
    if not replace and store.get_records(WATCHLISTS, keys=[name]):
        raise UsageError(f"watchlist {name!r} exists: remove it first (presswatch watch remove {name!r})")
    wl = Watchlist(name, query.strip(), [a.strip() for a in aliases if a.strip()], webhook, email, _now())
    store.put_records(WATCHLISTS, [(name, wl.to_record())])
    return wl


def list_watchlists(store: Any) -> list[Watchlist]:
    return sorted((Watchlist.from_record(d) for _, d in store.get_records(WATCHLISTS)), key=lambda w: w.name)


def get_watchlist(store: Any, name: str) -> Watchlist:
    found = store.get_records(WATCHLISTS, keys=[name])
    if not found:
        raise NotFound(f"no watchlist named {name!r}: see presswatch watch list")
    return Watchlist.from_record(found[0][1])


def remove_watchlist(store: Any, name: str) -> None:
    """Remove a watchlist and its recorded matches."""
    get_watchlist(store, name)
    store.delete_records(WATCHLISTS, [name])
    keys = [k for k, _ in store.get_records(MATCHES) if k.startswith(name + "|")]
    if keys:
        store.delete_records(MATCHES, keys)


class Matcher:
    """Compiled form of a watchlist (its query and aliases): ``match`` says why an article matches, or None."""

    def __init__(self, wl: Watchlist) -> None:
        self.watchlist = wl
        self.query = WatchQuery.compile(wl.query, wl.aliases)

    def match(self, article: Article, enriched: EnrichedArticle | None) -> str | None:
        """Why the article matches ("text: 'Kuril Islands'", "entity: loc:northern-territories"), or None."""
        return self.query.match(article, enriched)


def _snippet(article: Article, reason: str, width: int = 200) -> str:
    text = " ".join(article.text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def match_articles(
    watchlists: list[Watchlist], items: Iterable[tuple[Article, EnrichedArticle | None]]
) -> dict[str, list[dict[str, Any]]]:
    """Watchlist name -> match records for the articles that match it."""
    matchers = [Matcher(w) for w in watchlists]
    out: dict[str, list[dict[str, Any]]] = {w.name: [] for w in watchlists}
    for article, enriched in items:
        for m in matchers:
            why = m.match(article, enriched)
            if why:
                out[m.watchlist.name].append(
                    {
                        "watchlist": m.watchlist.name,
                        "article_id": article.id,
                        "title": article.title,
                        "outlet": article.outlet,
                        "published": article.published,
                        "url": article.url,
                        "reason": why,
                        "snippet": _snippet(article, why),
                        "matched": _now(),
                    }
                )
    return out


def _message(wl: Watchlist, matches: list[dict[str, Any]]) -> tuple[str, str]:
    subject = f"[presswatch] {len(matches)} new match{'es' if len(matches) != 1 else ''} for {wl.name}"
    lines = [f"Watchlist {wl.name!r} (query: {wl.query}) has {len(matches)} new match(es):", ""]
    for m in matches:
        lines.append(
            f"- {m['title']} — {m.get('outlet') or '?'}, {(m.get('published') or '')[:10]} [{m['article_id']}]"
        )
        lines.append(f"  {m['reason']}")
    return subject, "\n".join(lines)


def after_ingest(store: Any, new_article_ids: Iterable[str], options: NotifyOptions | None = None) -> list[str]:
    """Record the watchlist matches among newly stored articles and notify; return report lines.

    Articles already matched by a watchlist are not notified again (re-ingesting is quiet). A notification that
    fails is retried (bounded, with backoff), then reported in the lines and in an alert record; it never raises.
    """
    ids = list(dict.fromkeys(new_article_ids))
    watchlists = list_watchlists(store)
    if not ids or not watchlists:
        return []
    options = options or NotifyOptions.from_env()
    found = match_articles(watchlists, _stored_items(store, ids))
    lines: list[str] = []
    for wl in watchlists:
        matches = found.get(wl.name) or []
        if not matches:
            continue
        keys = [f"{wl.name}|{m['article_id']}" for m in matches]
        known = {k for k, _ in store.get_records(MATCHES, keys=keys)}
        new = [m for k, m in zip(keys, matches, strict=True) if k not in known]
        if not new:
            continue
        store.put_records(MATCHES, [(f"{wl.name}|{m['article_id']}", m) for m in new])
        lines.append(f"watchlist {wl.name}: {len(new)} new match(es)")
        deliveries = []
        if wl.webhook:
            payload = {"watchlist": wl.name, "query": wl.query, "matches": new}
            deliveries.append(send_webhook(wl.webhook, payload, options))
        if wl.email:
            subject, text = _message(wl, new)
            deliveries.append(send_email(wl.email, subject, text, options=options))
        for d in deliveries:
            lines.append(f"  {d.line()}")
        alert_key = f"{wl.name}|{_now()}|{len(new)}"
        store.put_records(
            ALERTS,
            [
                (
                    alert_key,
                    {
                        "watchlist": wl.name,
                        "sent": _now(),
                        "articles": [m["article_id"] for m in new],
                        "deliveries": [
                            {
                                "channel": d.channel,
                                "target": d.target,
                                "ok": d.ok,
                                "attempts": d.attempts,
                                "error": d.error,
                            }
                            for d in deliveries
                        ],
                    },
                )
            ],
        )
    return lines


def watch_matches(store: Any, name: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """The recorded matches of a watchlist, newest article first."""
    get_watchlist(store, name)
    rows = [d for k, d in store.get_records(MATCHES) if k.startswith(name + "|")]
    rows.sort(key=lambda d: (d.get("published") or "", d.get("article_id")), reverse=True)
    return rows[:limit]


SCAN_SEARCH_LIMIT = 5000  # candidates read from the full-text index; more and the scan reads every article


def scan(store: Any, name: str) -> int:
    """Match a watchlist against the stored articles (after adding it), recording matches without notifying.

    The store's full-text search finds the candidates (a superset: every name widened to its aliases, negations
    dropped); when it cannot say (too many matches to list, a query it cannot hold), every article is read.
    """
    wl = get_watchlist(store, name)
    ids = _candidate_ids(store, WatchQuery.compile(wl.query, wl.aliases))
    found = match_articles([wl], _stored_items(store, ids))[wl.name]
    store.put_records(MATCHES, [(f"{wl.name}|{m['article_id']}", m) for m in found])
    return len(found)


def _candidate_ids(store: Any, query: WatchQuery) -> list[str] | None:
    if not query.search_text:
        return None
    try:
        results = store.search(SearchQuery(text=query.search_text, limit=SCAN_SEARCH_LIMIT))
    except QueryError:
        return None
    if results.ranked_among is not None or not results.total_exact or results.total > len(results.hits):
        return None
    return [h.id for h in results.hits]


def _stored_items(
    store: Any, ids: list[str] | None, batch: int = 500
) -> Iterator[tuple[Article, EnrichedArticle | None]]:
    """Stored articles (all, or these ids) with their enrichment when they have one, a batch at a time."""
    articles = store.iter_articles(ids=ids) if ids is not None else store.iter_articles()
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= batch:
            yield from _items_of(store, chunk)
            chunk = []
    yield from _items_of(store, chunk)


def _items_of(store: Any, articles: list[Article]) -> Iterator[tuple[Article, EnrichedArticle | None]]:
    if not articles:
        return
    enriched = {a.id: e for a, e in store.iter_enriched(ids=[a.id for a in articles])}
    for article in articles:
        yield article, enriched.get(article.id)
