"""The facet cache: least recently used entries go first, old entries expire, writes clear it."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.web import create_app
from presswatch.web.cache import TTLCache
from presswatch.web.sample import populate
from presswatch.web.settings import WebSettings


def test_lru_and_expiry():
    cache = TTLCache(maxsize=2, ttl=0.2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # a is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    time.sleep(0.25)
    assert cache.get("a") is None
    cache.put("d", 4)
    cache.clear()
    assert cache.get("d") is None


def test_facets_are_reused_across_pages_and_refreshed_after_ingest(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    populate(store)
    store.close()
    token = {"Authorization": "Bearer tok"}
    with TestClient(create_app(url, WebSettings(token="tok"))) as c:
        first = c.get("/api/search", params={"q": "isles", "limit": 1}).json()
        second = c.get("/api/search", params={"q": "isles", "limit": 1, "offset": 1}).json()
        assert first["facets"] == second["facets"] and first["items"] != second["items"]
        assert len(c.app.state.facet_cache._items) == 1
        jsonl = (
            b'{"title": "Isles fishing row", "text": "The isles were busy, the harbour master said.", '
            b'"outlet": "Bay News"}\n'
        )
        r = c.post("/api/ingest/upload", files={"file": ("a.jsonl", jsonl, "application/x-ndjson")}, headers=token)
        assert r.json()["new"] == 1
        after = c.get("/api/search", params={"q": "isles"}).json()
        assert after["total"] == 4
        assert "Bay News" in {f["value"] for f in after["facets"]["outlet"]}
