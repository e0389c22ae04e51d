"""Stores: the Store protocol (base.py) and its backends (sqlite.py, postgres.py); ``open_store`` picks one by URL."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from presswatch.errors import StoreError
from presswatch.store.base import AddResult, SearchHit, SearchQuery, SearchResults, Store

__all__ = [
    "AddResult",
    "SearchHit",
    "SearchQuery",
    "SearchResults",
    "Store",
    "open_store",
    "resolve_url",
    "DEFAULT_URL",
]

DEFAULT_URL = "sqlite:///presswatch.db"


def resolve_url(url: str | None = None) -> str:
    """The store URL to use: the one given, else $PRESSWATCH_DB, else ``sqlite:///presswatch.db``."""
    return (url or os.environ.get("PRESSWATCH_DB") or DEFAULT_URL).strip()


def open_store(url: str | None = None, *, create: bool = True) -> Store:
    """Open (creating and migrating when needed) the store at ``url``.

    ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, a bare file path, or ``postgresql://...``
    (``postgres://`` too). None means $PRESSWATCH_DB, else ``sqlite:///presswatch.db``. Raises StoreError with what
    to do when the URL is malformed or the server cannot be reached, and, with ``create=False`` (commands that only
    read), when a SQLite file does not exist: a mistyped path must not answer "nothing found" from a new empty store.
    """
    url = resolve_url(url)
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from presswatch.store.postgres import PostgresStore

        return PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1))
    if url.startswith("sqlite:"):
        parsed = urlparse(url)
        if not url.startswith("sqlite:///") or parsed.netloc:
            raise StoreError(f"bad store URL {url!r}: write sqlite:///relative/path.db or sqlite:////absolute/path.db")
        path = unquote(url[len("sqlite:///") :])
        if not path:
            raise StoreError(f"bad store URL {url!r}: no file name (e.g. sqlite:///presswatch.db)")
        return _sqlite(Path(path), url, create)
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme:
        raise StoreError(
            f"unsupported store URL scheme {scheme!r} in {url!r}: use sqlite:///path.db, a file path, or postgresql://..."
        )
    return _sqlite(Path(url).expanduser(), f"sqlite:///{url}", create)


def _sqlite(path: Path, url: str, create: bool) -> Store:
    from presswatch.store.sqlite import SqliteStore

    if not create and not path.exists():
        hint = ""
        if not path.is_absolute() and url.startswith("sqlite:///"):
            # sqlite:///tmp/x.db is the *relative* path tmp/x.db: the usual slip when an absolute one was meant
            hint = f" (for the absolute path /{path} write sqlite:////{path})"
        raise StoreError(
            f"no store at {path}{hint}: nothing has been ingested there. Check --db (or $PRESSWATCH_DB), or ingest "
            f"first: presswatch ingest FILES --db {url}"
        )
    return SqliteStore(path, url=url)
