"""One store connection per worker thread.

FastAPI runs plain ``def`` endpoints in a thread pool. A SQLite connection must stay in the thread that opened it, and
one PostgreSQL connection cannot run two queries at once, so each thread gets its own store, opened on first use and
closed when the app shuts down. SQLite in WAL mode lets these readers run side by side.
"""

from __future__ import annotations

import threading

from presswatch.store.base import Store


class StoreProvider:
    """Opens ``store_url`` lazily, once per thread; ``close_all`` closes every store it opened."""

    def __init__(self, store_url: str) -> None:
        self.url = store_url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Store] = []

    def get(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            from presswatch.store import open_store  # the backend is picked from the URL

            store = open_store(self.url)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close_all(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        self._local = threading.local()
