"""Watchlists (saved searches that alert on new matches) and entity aliases: read by all, edited with the token."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from presswatch.analysis import watchlists
from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, get_store, page_params, render, slice_page
from presswatch.web.security import require_token

router = APIRouter()

WatchlistName = Path(
    ..., min_length=1, max_length=63, pattern=r"^[\w][\w .\-]{0,62}$", description="Watchlist name (its key)"
)


class WatchlistIn(BaseModel):
    """A watchlist as a client writes it (the name is in the path)."""

    query: str = Field(..., min_length=1, max_length=1000, description='What to watch for, e.g. "Northern Territories"')
    aliases: list[str] = Field(default_factory=list, max_length=50, description="Other names of the same thing")
    webhook: str | None = Field(None, max_length=2000, description="http(s) URL notified of new matches")
    email: str | None = Field(None, max_length=320, description="Address notified of new matches")


class AliasesIn(BaseModel):
    """Extra names under which an entity appears in the press."""

    aliases: list[str] = Field(..., max_length=200, description="Alternative names, e.g. 'Southern Kurils'")


def watchlists_data(store: Store, page: Page) -> dict[str, Any]:
    items = [w.to_record() for w in watchlists.list_watchlists(store)]
    data = slice_page(items, page)
    if not items:
        data["empty_hint"] = analysis_bridge.HOW_TO_FILL[analysis_bridge.WATCHLISTS]
    return data


def watchlist_data(store: Store, name: str, page: Page) -> dict[str, Any]:
    """The watchlist and the articles it has matched (recorded at ingest or by a scan), newest first."""
    wl = watchlists.get_watchlist(store, name)  # NotFound -> 404
    matches = watchlists.watch_matches(store, name, limit=1_000_000)
    return {"watchlist": wl.to_record(), "matches": slice_page(matches, page)}


@router.get("/api/watchlists", tags=["watchlists"], summary="Watchlists")
def api_watchlists(page: Page = Depends(page_params), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Saved watchlists, by name."""
    return watchlists_data(store, page)


@router.get("/watchlists", include_in_schema=False, response_class=HTMLResponse)
def watchlists_page(request: Request, page: Page = Depends(page_params), store: Store = Depends(get_store)):
    return render(request, "watchlists.html", watchlists_data(store, page), title="Watchlists")


@router.get("/api/watchlists/{name}", tags=["watchlists"], summary="One watchlist and its matches")
def api_watchlist(name: str = WatchlistName, page: Page = Depends(page_params), store: Store = Depends(get_store)):
    """The watchlist and the stored articles it matched (paginated)."""
    return watchlist_data(store, name, page)


@router.get("/watchlists/{name}", include_in_schema=False, response_class=HTMLResponse)
def watchlist_page(
    request: Request, name: str = WatchlistName, page: Page = Depends(page_params), store: Store = Depends(get_store)
) -> HTMLResponse:
    data = watchlist_data(store, name, page)
    return render(request, "watchlist.html", data, title=f"Watchlist {name}")


@router.put(
    "/api/watchlists/{name}",
    tags=["watchlists"],
    summary="Create or replace a watchlist",
    dependencies=[Depends(require_token)],
)
def put_watchlist(body: WatchlistIn, name: str = WatchlistName, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Needs `Authorization: Bearer TOKEN`. Saves the watchlist and records what it matches among stored articles."""
    wl = watchlists.add_watchlist(
        store, name, body.query, aliases=body.aliases, webhook=body.webhook, email=body.email, replace=True
    )  # UsageError (bad name, query, URL, address) -> 400
    matched = watchlists.scan(store, wl.name)
    return {"watchlist": wl.to_record(), "matched": matched}


@router.delete(
    "/api/watchlists/{name}", tags=["watchlists"], summary="Delete a watchlist", dependencies=[Depends(require_token)]
)
def delete_watchlist(name: str = WatchlistName, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Needs `Authorization: Bearer TOKEN`. Removes the watchlist and its recorded matches."""
    watchlists.remove_watchlist(store, name)  # NotFound -> 404
    return {"deleted": name}


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
