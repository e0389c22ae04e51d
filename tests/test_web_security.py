"""Safety: read-only without a token, bearer-token writes, URL ingest refusals, size and rate limits, inert markup."""

from __future__ import annotations

import http.server
import inspect
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.web import create_app, serve
from presswatch.web.sample import XSS_PAYLOADS, populate
from presswatch.web.settings import WebSettings

TOKEN = "t0ken-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture()
def store_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    populate(store)
    store.close()
    return url


def _client(url: str, **settings) -> TestClient:
    return TestClient(create_app(url, WebSettings(**settings)), raise_server_exceptions=False)


def test_defaults_are_safe():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    s = WebSettings()
    assert s.read_only and not s.allow_private_urls and s.rate_limit > 0 and s.max_body_bytes > 0


def test_read_only_without_token(store_url):
    with _client(store_url) as c:
        r = c.put("/api/watchlists/new", json={"query": "isles"}, headers=AUTH)
        assert r.status_code == 403 and r.json()["error"]["code"] == "read_only"
        assert c.post("/api/ingest/url", json={"url": "https://example.org/"}).status_code == 403


def test_writes_need_the_right_bearer_token(store_url):
    body = {"query": "Boris Orlov", "aliases": ["Orlov"]}
    with _client(store_url, token=TOKEN) as c:
        assert c.put("/api/watchlists/orlov", json=body).status_code == 401
        r = c.put("/api/watchlists/orlov", json=body, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert c.put("/api/watchlists/orlov", json=body, headers={"Authorization": TOKEN}).status_code == 401
        assert c.put("/api/watchlists/orlov", json=body, headers=AUTH).status_code == 200
        saved = c.get("/api/watchlists/orlov").json()
        assert saved["watchlist"]["query"] == "Boris Orlov" and saved["matches"]["total"] == 2
        bad = c.put("/api/watchlists/broken", json={"query": "x", "webhook": "ftp://x"}, headers=AUTH)
        assert bad.status_code == 400 and "webhook" in bad.json()["error"]["message"]
        assert c.get("/api/watchlists/broken").status_code == 404  # nothing stored
        assert c.delete("/api/watchlists/orlov", headers=AUTH).json() == {"deleted": "orlov"}
        assert c.get("/api/watchlists/orlov").status_code == 404
        r = c.put("/api/aliases/loc:grey-isles", json={"aliases": ["  Gray  Islands ", "Grey Isles"]}, headers=AUTH)
        assert r.json()["aliases"] == ["Gray Islands", "Grey Isles"]
        assert c.get("/api/aliases").json()["items"][0]["key"] == "loc:grey-isles"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("file:///etc/passwd", "bad_url"),
        ("ftp://example.org/x", "bad_url"),
        ("javascript:alert(1)", "bad_url"),
        ("http://127.0.0.1:9/", "forbidden_address"),
        ("http://localhost/", "forbidden_address"),
        ("http://10.1.2.3/", "forbidden_address"),
        ("http://192.168.0.1/", "forbidden_address"),
        ("http://169.254.169.254/latest/meta-data/", "forbidden_address"),
        ("http://[::1]/", "forbidden_address"),
        ("http://[::ffff:127.0.0.1]/", "forbidden_address"),
        ("http:///no-host", "bad_url"),
    ],
)
def test_url_ingest_refuses_other_schemes_and_private_addresses(store_url, url, code):
    with _client(store_url, token=TOKEN) as c:
        r = c.post("/api/ingest/url", json={"url": url}, headers=AUTH)
        assert r.status_code == 400, r.text
        assert r.json()["error"]["code"] == code


@pytest.fixture()
def local_site() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's naming)
            body = (
                b"<html><head><title>Local test page</title></head><body><article><h1>Local test page</h1>"
                b"<p>The harbour board said on Monday that the new pier would open in May.</p></article></body></html>"
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page.html"
    server.shutdown()


def test_private_urls_pass_the_check_only_with_the_flag(store_url, local_site):
    with _client(store_url, token=TOKEN) as c:
        r = c.post("/api/ingest/url", json={"url": local_site}, headers=AUTH)
        assert r.json()["error"]["code"] == "forbidden_address"
    with _client(store_url, token=TOKEN, allow_private_urls=True) as c:
        r = c.post("/api/ingest/url", json={"url": local_site}, headers=AUTH)
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["new"] == 1 and len(report["new_ids"]) == 1 and report["failures"] == []
        article = c.get(f"/api/articles/{report['new_ids'][0]}").json()["article"]
        assert "harbour board" in article["text"]
        again = c.post("/api/ingest/url", json={"url": local_site}, headers=AUTH).json()
        assert again["new"] == 0 and again["duplicate"] == 1  # stored once


def test_upload_ingest_stores_articles_and_reports_bad_items(store_url):
    jsonl = (
        b'{"title": "Port deal signed", "text": "The port authority said the deal was signed on Tuesday.", '
        b'"published": "2031-04-01", "outlet": "Harbor Times"}\n'
        b"{not json at all\n"
    )
    with _client(store_url, token=TOKEN) as c:
        r = c.post("/api/ingest/upload", files={"file": ("items.jsonl", jsonl, "application/x-ndjson")}, headers=AUTH)
        assert r.status_code == 200, r.text
        report = r.json()
        assert report["new"] == 1
        assert report["failed"] == 1 and "items.jsonl" in report["failures"][0]["location"]
        assert c.get("/api/search", params={"q": "port deal"}).json()["total"] == 1
        junk = c.post("/api/ingest/upload", files={"file": ("x.bin", b"\x00\x01\x02" * 10, "x/y")}, headers=AUTH)
        assert junk.status_code == 422 and junk.json()["error"]["code"] == "nothing_ingested"


def test_request_size_limit(store_url):
    with _client(store_url, token=TOKEN, max_body_bytes=2000) as c:
        big = b"x" * 5000
        r = c.post("/api/ingest/upload", files={"file": ("big.txt", big, "text/plain")}, headers=AUTH)
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

        def chunks():  # no Content-Length: the limit is enforced while streaming
            for _ in range(10):
                yield b"y" * 500

        r = c.put("/api/watchlists/x", content=chunks(), headers={**AUTH, "Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


def test_rate_limit_per_client(store_url):
    with _client(store_url, rate_limit=5, rate_window_seconds=60) as c:
        for _ in range(10):
            assert c.get("/static/app.css").status_code == 200  # static files are not counted
        statuses = [c.get("/api/stats").status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        r = c.get("/search")
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert c.get("/api/stats").json()["error"]["code"] == "rate_limited"


def test_security_headers_and_inert_markup(store_url):
    with _client(store_url) as c:
        hostile = next(h["id"] for h in c.get("/api/search", params={"q": "hostile"}).json()["items"])
        for path in (f"/articles/{hostile}", "/search?q=hostile", "/sources", "/entities", "/api/search?q=x"):
            r = c.get(path)
            csp = r.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
            assert r.headers["x-content-type-options"] == "nosniff"
            if r.headers["content-type"].startswith("text/html"):
                for payload in XSS_PAYLOADS:
                    assert payload not in r.text, (path, payload)
                assert 'href="javascript:' not in r.text
        page = c.get(f"/articles/{hostile}").text
        assert "&lt;script&gt;window.__pwned = 1" in page


def test_user_aliases_widen_topic_timelines(store_url):
    with _client(store_url, token=TOKEN) as c:
        before = c.get("/api/timeline", params={"topic": "loc:grey-isles"}).json()["total"]
        r = c.put("/api/aliases/loc:grey-isles", json={"aliases": ["Grey Isles"]}, headers=AUTH)
        assert r.status_code == 200
        after = c.get("/api/timeline", params={"topic": "loc:grey-isles"}).json()
        assert after["total"] > before
        assert any("Grey Isles" in (i["label"] + (i["trigger"] or "")) for i in after["items"])
