"""Write endpoints that add articles: ingest a URL or an uploaded file (both need the token).

The server reads the input with the same sources library and ingest pipeline as ``presswatch ingest`` (so an upload may
be a page, a feed, a CSV/JSONL export or a WARC; articles are deduplicated, enriched and matched against watchlists).
Every item that cannot be used is reported with its location and reason; the others are stored.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from pydantic import BaseModel, Field

from presswatch.models import RawDocument, SourceFailure
from presswatch.store.base import Store
from presswatch.web.deps import get_store
from presswatch.web.errors import WebError
from presswatch.web.security import check_fetchable_url, require_token

router = APIRouter()


class UrlIn(BaseModel):
    url: str = Field(..., min_length=1, max_length=2000, description="An http(s) URL: a page, a feed, an export")


def _run(
    request: Request, store: Store, items: Iterable[RawDocument | SourceFailure], source_options: Any
) -> dict[str, Any]:
    """Run the ingest pipeline (layouts, dedup, enrichment, store, watchlists) and answer with its report."""
    from presswatch.ingest import IngestOptions, ingest_documents

    report = ingest_documents(items, store, IngestOptions(source=source_options))
    request.app.state.cache.pop("stats", None)  # the figures changed
    request.app.state.facet_cache.clear()
    if report.stored == 0 and report.duplicate == 0 and report.failures:
        reasons = "; ".join(f"{loc}: {why}" for loc, why in report.failures[:5])
        raise WebError(422, "nothing_ingested", f"no article could be stored ({reasons})")
    return {**report.to_dict(), "new_ids": list(report.new_ids)}


def _options(request: Request):
    from presswatch.sources.options import SourceOptions

    settings = request.app.state.settings
    return SourceOptions(
        allow_private_urls=settings.allow_private_urls,
        timeout=settings.fetch_timeout_seconds,
        max_bytes=settings.max_body_bytes,
    )


@router.post("/api/ingest/url", tags=["ingest"], summary="Ingest a URL", dependencies=[Depends(require_token)])
def ingest_url(body: UrlIn, request: Request, store: Store = Depends(get_store)) -> dict[str, Any]:
    """Fetch an http(s) URL and store the articles it holds. Needs `Authorization: Bearer TOKEN`.

    Other schemes are refused, and so are loopback and private addresses unless the server was started with
    `--allow-private-urls`."""
    settings = request.app.state.settings
    url = check_fetchable_url(body.url, allow_private=settings.allow_private_urls)
    from presswatch.sources.http import iter_url

    options = _options(request)
    return _run(request, store, iter_url(url, options), options)


@router.post(
    "/api/ingest/upload", tags=["ingest"], summary="Ingest an uploaded file", dependencies=[Depends(require_token)]
)
def ingest_upload(
    request: Request,
    file: UploadFile = File(..., description="A page, a text dump, a feed, a CSV/JSONL export, a WARC or a zip"),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Store the articles in an uploaded file (size limited by the server). Needs `Authorization: Bearer TOKEN`."""
    from presswatch.sources.dispatch import iter_stream

    data = file.file.read()
    name = file.filename or "upload"
    options = _options(request)
    items = iter_stream(io.BytesIO(data), f"upload:{name}", options, name=name, seekable=True)
    return _run(request, store, items, options)
