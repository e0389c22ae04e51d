"""The start page and the store's figures (``/api/stats``)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web.deps import get_store, render

router = APIRouter()


STATS_TTL_SECONDS = 30.0  # the store's figures are counted over every row: cached, shown as "as of"


def stats_data(store: Store, cache: dict[str, Any] | None = None) -> dict[str, Any]:
    """The store's figures, recounted at most every STATS_TTL_SECONDS when given the app's ``cache`` (counting takes
    ~1 s at 100,000 articles)."""
    now = time.monotonic()
    cached = (cache or {}).get("stats")
    if cached is None or now - cached[0] > STATS_TTL_SECONDS:
        cached = (now, store.stats())
        if cache is not None:
            cache["stats"] = cached  # one assignment: atomic, no lock needed between worker threads
    age = round(now - cached[0], 1)
    return {"stats": cached[1], "store": _public_url(store.url), "age_seconds": age}


def _public_url(url: str) -> str:
    """The store URL without a password, if one is in it."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


@router.get("/api/stats", tags=["store"], summary="Store figures")
def api_stats(request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Counts of articles, duplicates, outlets, kinds, the date range, enriched articles, attributions, entities
    (recounted at most every 30 s: ``age_seconds`` says how old they are)."""
    return stats_data(store, request.app.state.cache)


@router.get("/", include_in_schema=False, response_class=HTMLResponse)
def home_page(request: Request, store: Store = Depends(get_store)) -> HTMLResponse:
    return render(request, "home.html", stats_data(store, request.app.state.cache), title="presswatch")
