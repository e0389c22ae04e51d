"""Watchlists (saved searches that alert on new matches) and entity aliases: read by all, edited with the token."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from presswatch.store.base import SearchQuery, Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, get_store, not_found, page_params, render, slice_page
from presswatch.web.security import require_token

router = APIRouter()

KEY_PATTERN = r"^[a-z0-9][a-z0-9_.:-]{0,99}$"
WatchlistKey = Path(..., pattern=KEY_PATTERN, description="Watchlist key: lower-case letters, digits, - _ . :")


class WatchlistIn(BaseModel):
    """A watchlist as a client writes it."""

    name: str = Field(..., min_length=1, max_length=200, description="Display name")
    query: str = Field("", max_length=1000, description="Search text in the search syntax")
    outlet: list[str] = Field(default_factory=list, max_length=50)
    speaker: list[str] = Field(default_factory=list, max_length=50)
    entity: list[str] = Field(default_factory=list, max_length=50)
    notify: list[str] = Field(default_factory=list, max_length=20, description="E-mail addresses or webhook URLs")


class AliasesIn(BaseModel):
    """Extra names under which an entity appears in the press."""

    aliases: list[str] = Field(..., max_length=200, description="Alternative names, e.g. 'Southern Kurils'")


def watchlists_data(store: Store, page: Page) -> dict[str, Any]:
    items = analysis_bridge.records(store, analysis_bridge.WATCHLISTS)
    items.sort(key=lambda w: str(w.get("name") or w.get("key")).casefold())
    data = slice_page(items, page)
    if not items:
        data["empty_hint"] = analysis_bridge.HOW_TO_FILL[analysis_bridge.WATCHLISTS]
    return data


def watchlist_data(store: Store, key: str, page: Page) -> dict[str, Any]:
    """The watchlist and the stored articles it matches now (newest first)."""
    wl = analysis_bridge.record(store, analysis_bridge.WATCHLISTS, key)
    if wl is None:
        raise not_found("watchlist", key, "list them at /watchlists")
    query = SearchQuery(
        text=str(wl.get("query") or ""),
        outlet=list(wl.get("outlet") or []),
        speaker=list(wl.get("speaker") or []),
        entity=list(wl.get("entity") or []),
        limit=page.limit,
        offset=page.offset,
    )
    results = store.search(query)
    hits = [
        {"id": h.id, "title": h.title, "published": h.published, "outlet": h.outlet, "snippet": h.snippet}
        for h in results.hits
    ]
    return {
        "watchlist": wl,
        "matches": {"total": results.total, "limit": page.limit, "offset": page.offset, "items": hits},
    }


@router.get("/api/watchlists", tags=["watchlists"], summary="Watchlists")
def api_watchlists(page: Page = Depends(page_params), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Saved watchlists, by name."""
    return watchlists_data(store, page)


@router.get("/watchlists", include_in_schema=False, response_class=HTMLResponse)
def watchlists_page(request: Request, page: Page = Depends(page_params), store: Store = Depends(get_store)):
    return render(request, "watchlists.html", watchlists_data(store, page), title="Watchlists")


@router.get("/api/watchlists/{key}", tags=["watchlists"], summary="One watchlist and its matches")
def api_watchlist(key: str = WatchlistKey, page: Page = Depends(page_params), store: Store = Depends(get_store)):
    """The watchlist and the stored articles it matches (paginated)."""
    return watchlist_data(store, key, page)


@router.get("/watchlists/{key}", include_in_schema=False, response_class=HTMLResponse)
def watchlist_page(
    request: Request, key: str = WatchlistKey, page: Page = Depends(page_params), store: Store = Depends(get_store)
) -> HTMLResponse:
    data = watchlist_data(store, key, page)
    return render(request, "watchlist.html", data, title=str(data["watchlist"].get("name") or key))


@router.put(
    "/api/watchlists/{key}",
    tags=["watchlists"],
    summary="Create or replace a watchlist",
    dependencies=[Depends(require_token)],
)
def put_watchlist(body: WatchlistIn, key: str = WatchlistKey, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Needs `Authorization: Bearer TOKEN`. The query is checked first: a malformed one is refused with 400."""
    store.search(SearchQuery(text=body.query, outlet=body.outlet, speaker=body.speaker, entity=body.entity, limit=1))
    record = {"key": key, **body.model_dump()}
    store.put_records(analysis_bridge.WATCHLISTS, [(key, record)])
    return {"watchlist": record}


@router.delete(
    "/api/watchlists/{key}", tags=["watchlists"], summary="Delete a watchlist", dependencies=[Depends(require_token)]
)
def delete_watchlist(key: str = WatchlistKey, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Needs `Authorization: Bearer TOKEN`."""
    if analysis_bridge.record(store, analysis_bridge.WATCHLISTS, key) is None:
        raise not_found("watchlist", key, "list them at /api/watchlists")
    store.delete_records(analysis_bridge.WATCHLISTS, [key])
    return {"deleted": key}


@router.get("/api/aliases", tags=["entities"], summary="Entity aliases")
def api_aliases(page: Page = Depends(page_params), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Aliases added by users, per entity key."""
    return slice_page(analysis_bridge.records(store, analysis_bridge.ALIASES), page)


@router.put(
    "/api/aliases/{key}",
    tags=["entities"],
    summary="Set the aliases of an entity",
    dependencies=[Depends(require_token)],
)
def put_aliases(
    body: AliasesIn,
    key: str = Path(..., pattern=r"^[a-z]+:[^\s/]{1,200}$", description="Entity key, e.g. loc:northern-territories"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Needs `Authorization: Bearer TOKEN`. Replaces the user-added aliases of the entity."""
    aliases = sorted({re.sub(r"\s+", " ", a).strip() for a in body.aliases if a.strip()})
    record = {"key": key, "aliases": aliases}
    store.put_records(analysis_bridge.ALIASES, [(key, record)])
    return record
