"""Digests: the daily summaries grouped by story that the analysis builds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, get_store, not_found, page_params, render, slice_page

router = APIRouter()

DigestId = Path(..., min_length=1, max_length=200, description="Digest id (usually its date)")


def digests_data(store: Store, page: Page) -> dict[str, Any]:
    items = analysis_bridge.records(store, analysis_bridge.DIGESTS)
    items.sort(key=lambda d: str(d.get("until") or d.get("since") or d.get("key")), reverse=True)
    data = slice_page(items, page)
    if not items:
        data["empty_hint"] = analysis_bridge.HOW_TO_FILL[analysis_bridge.DIGESTS]
    return data


def digest_data(store: Store, digest_id: str) -> dict[str, Any]:
    digest = analysis_bridge.record(store, analysis_bridge.DIGESTS, digest_id)
    if digest is None:
        raise not_found("digest", digest_id, "list them at /digests")
    return {"digest": digest}


@router.get("/api/digests", tags=["digests"], summary="Digests")
def api_digests(page: Page = Depends(page_params), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Stored digests, newest first."""
    return digests_data(store, page)


@router.get("/digests", include_in_schema=False, response_class=HTMLResponse)
def digests_page(request: Request, page: Page = Depends(page_params), store: Store = Depends(get_store)):
    return render(request, "digests.html", digests_data(store, page), title="Digests")


@router.get("/api/digests/{digest_id}", tags=["digests"], summary="One digest")
def api_digest(digest_id: str = DigestId, store: Store = Depends(get_store)) -> dict[str, Any]:
    """One digest: its sections (stories) and items."""
    return digest_data(store, digest_id)


@router.get("/digests/{digest_id}", include_in_schema=False, response_class=HTMLResponse)
def digest_page(request: Request, digest_id: str = DigestId, store: Store = Depends(get_store)) -> HTMLResponse:
    data = digest_data(store, digest_id)
    return render(request, "digest.html", data, title=f"Digest {digest_id}")
