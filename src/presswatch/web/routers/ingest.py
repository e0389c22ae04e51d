"""Write endpoints that add articles: ingest a URL or an uploaded file (both need the token).

The server reads the input with the same sources library as ``presswatch ingest`` (so an upload may be a page, a feed,
a CSV/JSONL export or a WARC), then hands the documents to the ingest pipeline (layouts, dedup, store). Every item that
cannot be used is reported with its location and reason; the others are stored.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter, Depends, File, Request, UploadFile
from pydantic import BaseModel, Field

from presswatch.models import RawDocument, SourceFailure
from presswatch.store.base import Store
from presswatch.web.deps import get_store
from presswatch.web.errors import WebError
from presswatch.web.security import check_fetchable_url, require_token

router = APIRouter()

# Where the ingest pipeline (RawDocuments -> stored Articles) may live, first found wins. Each candidate is
# ``module:function`` with the signature ``f(store, documents) -> result`` (see ``_summary`` for the result).
PIPELINE_CANDIDATES = (
    "presswatch.ingest:ingest_documents",
    "presswatch.pipeline:ingest_documents",
)


class UrlIn(BaseModel):
    url: str = Field(..., min_length=1, max_length=2000, description="An http(s) URL: a page, a feed, an export")


def _pipeline() -> Callable[[Store, Iterable[RawDocument]], Any]:
    for candidate in PIPELINE_CANDIDATES:
        module_name, _, func = candidate.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        if hasattr(module, func):
            return getattr(module, func)
    raise WebError(
        503,
        "unavailable",
        "the ingest pipeline is not installed in this build; use `presswatch ingest` on the command line",
    )


def _summary(result: Any, failures: list[SourceFailure]) -> dict[str, Any]:
    """A JSON summary of the pipeline's result, whatever object it returns (dataclass, dict or added-id list)."""
    if hasattr(result, "to_dict"):
        data = result.to_dict()
    elif hasattr(result, "__dataclass_fields__"):
        from dataclasses import asdict

        data = asdict(result)
    elif isinstance(result, dict):
        data = dict(result)
    else:
        data = {"added": list(result or [])}
    reported = [f.to_dict() for f in failures]
    extra = data.get("failures") or []
    data["failures"] = reported + [f.to_dict() if hasattr(f, "to_dict") else f for f in extra]
    return data


def _run(store: Store, items: Iterable[RawDocument | SourceFailure]) -> dict[str, Any]:
    pipeline = _pipeline()
    documents: list[RawDocument] = []
    failures: list[SourceFailure] = []
    for item in items:
        (failures if isinstance(item, SourceFailure) else documents).append(item)
    if not documents:
        reasons = "; ".join(f"{f.location}: {f.reason}" for f in failures) or "nothing readable"
        raise WebError(422, "nothing_ingested", f"no document could be read ({reasons})")
    return _summary(pipeline(store, documents), failures)


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

    return _run(store, iter_url(url, _options(request)))


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
    items = iter_stream(io.BytesIO(data), f"upload:{name}", _options(request), name=name, seekable=True)
    return _run(store, items)
