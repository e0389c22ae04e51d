"""The start page and the store's figures (``/api/stats``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web.deps import get_store, render

router = APIRouter()


def stats_data(store: Store) -> dict[str, Any]:
    return {"stats": store.stats(), "store": _public_url(store.url)}


def _public_url(url: str) -> str:
    """The store URL without a password, if one is in it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


@router.get("/api/stats", tags=["store"], summary="Store figures")
def api_stats(store: Store = Depends(get_store)) -> dict[str, Any]:
    """Counts of articles, duplicates, outlets, kinds, the date range, enriched articles, attributions, entities."""
    return stats_data(store)


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home_page(request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    return render(request, "home.html", stats_data(store), title="presswatch")
