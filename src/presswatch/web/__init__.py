"""Web UI and JSON API over a store: ``create_app(store_url, settings)`` builds it, ``serve(store_url, host, port)``
runs it. Imports are lazy so that ``import presswatch.web`` stays cheap for the CLI."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from presswatch.web.settings import WebSettings

__all__ = ["create_app", "serve"]


def create_app(store_url: str, settings: WebSettings | None = None) -> FastAPI:
    """Build the FastAPI app over the store at ``store_url``."""
    from presswatch.web.app import create_app as _create_app

    return _create_app(store_url, settings)


def serve(
    store_url: str, host: str = "127.0.0.1", port: int = 8000, settings: WebSettings | None = None, **kw: Any
) -> None:
    """Serve the store with uvicorn and print its address (blocks until interrupted)."""
    from presswatch.web.server import serve as _serve

    _serve(store_url, host, port, settings, **kw)
