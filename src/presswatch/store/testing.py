"""Throw-away stores for tests: a SQLite file in a temp folder, or a fresh PostgreSQL schema dropped afterwards.

Used by the test suite so that one set of tests runs on both backends::

    with temporary_store("postgres", tmp_path, pg_url) as store: ...
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from presswatch.store import open_store
from presswatch.store.base import Store


def schema_url(pg_url: str, schema: str) -> str:
    """``pg_url`` with the search_path set to ``schema`` (libpq ``options``), so unqualified tables land there."""
    sep = "&" if "?" in pg_url else "?"
    return f"{pg_url}{sep}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def temporary_pg_schema(pg_url: str) -> Iterator[str]:
    """Create a uniquely named schema, yield a URL whose search_path is it, drop it (and everything in it) after."""
    import psycopg

    schema = f"pw_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema_url(pg_url, schema)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def temporary_store(backend: str, tmp_path: Path, pg_url: str | None = None) -> Iterator[Store]:
    """A fresh, empty store of the given backend ("sqlite" or "postgres"), closed (and dropped) afterwards."""
    if backend == "sqlite":
        store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
        try:
            yield store
        finally:
            store.close()
        return
    if backend != "postgres" or not pg_url:
        raise ValueError(f"unknown backend {backend!r} (or no pg_url for postgres)")
    with temporary_pg_schema(pg_url) as url:
        store = open_store(url)
        try:
            yield store
        finally:
            store.close()
