"""The FastAPI application: ``create_app(store_url, settings)``.

Every resource has one module in ``routers/`` that serves both its page (``/search``) and its JSON twin
(``/api/search``) from one data function, so the UI never shows anything the API does not give.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from presswatch import __version__
from presswatch.web import filters
from presswatch.web.cache import TTLCache
from presswatch.web.errors import install_error_handlers
from presswatch.web.middleware import BodySizeLimitMiddleware, RateLimitMiddleware, SecurityHeadersMiddleware
from presswatch.web.settings import WebSettings
from presswatch.web.stores import StoreProvider

HERE = Path(__file__).parent

API_DESCRIPTION = """Who said what in the press, where accounts conflict, and how an issue develops.

Lists are paginated with `limit` and `offset` and answer `{"total", "limit", "offset", "items"}`.
Every error answers `{"error": {"status", "code", "message"}}`.
Write endpoints need `Authorization: Bearer TOKEN` and a server started with `--token`."""


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # article text is untrusted: escaped everywhere, also in templates not ending in .html
    filters.install(env)
    env.globals["version"] = __version__
    return templates


def create_app(store_url: str, settings: WebSettings | None = None) -> FastAPI:
    """Build the web app over the store at ``store_url`` (opened lazily, one connection per worker thread)."""
    settings = settings or WebSettings()
    stores = StoreProvider(store_url)

    # Threads for independent store calls of one request (deps.in_parallel); each keeps its own store connection.
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="presswatch-store")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Everything loaded so far (modules, the app, templates) lives as long as the process: keep it out of the
        # garbage collector's full passes, which otherwise re-walked it and held up a request for 100-180 ms now and
        # then on a busy machine (1-5 ms once frozen); per-request objects are collected as before
        gc.freeze()
        yield
        gc.unfreeze()
        pool.shutdown(wait=True)
        stores.close_all()

    app = FastAPI(
        title="presswatch",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url="/api/openapi.json",
        docs_url=None,  # the CDN-based Swagger UI would not work offline nor under our CSP: see /api/docs
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.pool = pool
    app.state.templates = _templates()
    app.state.cache = {}  # slow, slowly changing figures (store stats), per app; see routers/home.py
    app.state.facet_cache = TTLCache(maxsize=256, ttl=60.0)  # facet counts per search, shared by its pages

    install_error_handlers(app)
    # Added last = outermost: headers on every response, then the rate limit, then the size limit.
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RateLimitMiddleware, limit=settings.rate_limit, window_seconds=settings.rate_window_seconds)
    app.add_middleware(SecurityHeadersMiddleware)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from presswatch.web.routers import ROUTERS

    for router in ROUTERS:
        app.include_router(router)

    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        """The API reference, rendered from the OpenAPI document (no external assets)."""
        return app.state.templates.TemplateResponse(
            request, "api_docs.html", {"title": "API", "spec": app.openapi(), "read_only": settings.read_only}
        )

    @app.get("/api", include_in_schema=False)
    def api_index() -> JSONResponse:
        paths: dict[str, Any] = app.openapi()["paths"]
        return JSONResponse({"openapi": "/api/openapi.json", "docs": "/api/docs", "routes": sorted(paths)})

    return app
