"""Entities and speakers: the list, and one entity's page (what they said over time, whom they met, conflicts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, fetch_page, get_store, in_parallel, not_found, page_params, paginated, render
from presswatch.web.routers.home import stats_data

router = APIRouter()

EntityKey = Path(..., min_length=1, max_length=300, description="Entity key, e.g. person:fumio-kishida")
EVENTS_READ = 500  # events read to list whom an entity met: enough for a page, bounded for latency


def entities_data(
    store: Store, *, name: str | None, type: str | None, page: Page, cache: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Entities by number of articles. Unfiltered, the total is the store's entity count (cached figures) rather
    than a second scan of every entity row."""
    if not name and not type and cache is not None:
        rows = store.find_entities(limit=page.limit + 1, offset=page.offset)
        counted = stats_data(store, cache)["stats"].get("entities")
        if isinstance(counted, int):
            total = max(counted, page.offset + len(rows)) if len(rows) > page.limit else page.offset + len(rows)
            return paginated(rows[: page.limit], total, page, total_capped=False, query={"name": name, "type": type})
    return fetch_page(
        lambda limit, offset: store.find_entities(name=name, type=type, limit=limit, offset=offset),
        page,
        query={"name": name, "type": type},
    )


def find_entity(store: Store, key: str) -> dict[str, Any] | None:
    """The entity row with exactly this key (the store's lookup is by name, so try the key and its slug)."""
    guesses = [key]
    if ":" in key:
        guesses.append(key.split(":", 1)[1].replace("-", " "))
    for guess in guesses:
        for row in store.find_entities(name=guess, limit=50):
            if row.get("key") == key:
                return row
    return None


def entity_data(request: Request, key: str, page: Page) -> dict[str, Any]:
    """One entity: its row, its statements (paginated, latest first), the entities it met, its conflicts.

    The three store queries are independent and each scans a large table on a big store, so they run in parallel.
    """
    entity, rows, events = in_parallel(
        request,
        lambda s: find_entity(s, key),
        lambda s: s.find_attributions(speaker=key, limit=page.limit + 1, offset=page.offset),
        lambda s: s.find_events(entity=key, limit=EVENTS_READ),
    )
    store = request.app.state.stores.get()
    if len(rows) <= page.limit:
        statements = paginated(rows, page.offset + len(rows), page, total_capped=False)
    elif entity is not None and ":" in key:  # the entity row counts its quotes: no second scan for the total
        statements = paginated(rows[: page.limit], max(entity["quotes"], page.offset + len(rows)), page)
        statements["total_capped"] = False
    else:
        statements = fetch_page(
            lambda limit, offset: store.find_attributions(speaker=key, limit=limit, offset=offset), page
        )
    if entity is None and not statements["items"]:
        raise not_found("entity or speaker", key, "browse /entities or search at /search")
    met: Counter[str] = Counter()
    for row in events:
        ev = row["event"]
        if ev.get("type") in ("meeting", "talks", "summit", "call", "visit"):
            for other in ev.get("participants", []):
                if other != key:
                    met[other] += 1
    conflicts = analysis_bridge.conflicts(store, entity=key)
    return {
        "key": key,
        "entity": entity,
        "statements": statements,
        "met": [{"who": who, "count": n} for who, n in met.most_common(30)],
        "events": sorted(events, key=lambda r: _event_date(r))[-50:],
        "conflicts": conflicts[:20],
        "conflicts_total": len(conflicts),
    }


def _event_date(row: dict[str, Any]) -> str:
    time = row["event"].get("time") or {}
    return time.get("earliest") or time.get("value") or row.get("published") or ""


def _list_params(
    name: str | None = Query(None, max_length=200, description="Part of the name"),
    type: str | None = Query(None, max_length=40, description="PERSON, ORG, GPE, LOC ..."),
) -> dict[str, Any]:
    return {"name": name or None, "type": type or None}


@router.get("/api/entities", tags=["entities"], summary="Entities and speakers")
def api_entities(
    request: Request,
    params: dict[str, Any] = Depends(_list_params),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Entities with their counts of articles, mentions and quotes as speaker."""
    return entities_data(store, page=page, cache=request.app.state.cache, **params)


@router.get("/entities", include_in_schema=False, response_class=HTMLResponse)
def entities_page(
    request: Request,
    params: dict[str, Any] = Depends(_list_params),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    return render(
        request,
        "entities.html",
        entities_data(store, page=page, cache=request.app.state.cache, **params),
        title="Entities",
    )


@router.get("/api/entities/{key}", tags=["entities"], summary="One entity or speaker")
def api_entity(request: Request, key: str = EntityKey, page: Page = Depends(page_params)) -> dict[str, Any]:
    """What the entity said over time (paginated), whom it met, and the conflicts it is part of."""
    return entity_data(request, key, page)


@router.get("/entities/{key}", include_in_schema=False, response_class=HTMLResponse)
def entity_page(request: Request, key: str = EntityKey, page: Page = Depends(page_params)) -> HTMLResponse:
    data = entity_data(request, key, page)
    title = (data["entity"] or {}).get("name") or key
    return render(request, "entity.html", data, title=title)
