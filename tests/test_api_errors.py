"""One error shape for every error: every API route is called with bad input and must answer
``{"error": {"status", "code", "message"}}`` with the HTTP status repeated inside (as datasette's test_error_shape)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.web import create_app
from presswatch.web.sample import populate
from presswatch.web.settings import WebSettings

TOKEN = "s3cret-token"
BAD_PATH_VALUE = "~" * 301  # longer than every path parameter allows, and outside every pattern


@pytest.fixture(scope="module")
def store_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
    store = open_store(url)
    populate(store)
    store.close()
    return url


@pytest.fixture(scope="module")
def client(store_url: str):
    with TestClient(create_app(store_url, WebSettings(token=TOKEN)), raise_server_exceptions=False) as c:
        yield c


def assert_error_shape(response, status: int | None = None) -> dict:
    assert response.headers["content-type"].startswith("application/json"), response.text[:200]
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"status", "code", "message"}, error
    assert error["status"] == response.status_code
    assert re.fullmatch(r"[a-z_]+", error["code"]), error
    assert isinstance(error["message"], str) and len(error["message"]) > 10
    if status is not None:
        assert response.status_code == status, body
    return error


def _api_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the API, from the OpenAPI document (which every API route is part of)."""
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
        if path.startswith("/api/")
    ]


def _bad_requests(method: str, path: str) -> list[dict]:
    """Bad inputs for one route: bad path values, bad pagination, bad bodies."""
    url = re.sub(r"\{[^}]+\}", BAD_PATH_VALUE, path)
    good_url = re.sub(r"\{[^}]+\}", "abcdef", path)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    cases = []
    if "{" in path:
        cases.append({"method": method, "url": url, "headers": auth, "json": {}})
    if method == "GET":
        cases.append({"method": method, "url": good_url, "params": {"limit": "-3", "offset": "x"}})
    else:
        cases.append({"method": method, "url": good_url, "headers": auth, "content": b"{not json", "ctype": True})
        cases.append({"method": method, "url": good_url})  # no token
    return cases


def test_every_api_route_answers_bad_input_with_the_error_shape(client):
    routes = _api_routes(client.app)
    assert len(routes) >= 20  # all resources are registered
    no_input = {("GET", "/api/stats")}  # takes no input: nothing can be bad
    walked = 0
    for method, path in routes:
        if (method, path) in no_input:
            continue
        for case in _bad_requests(method, path):
            headers = dict(case.get("headers", {}))
            if case.get("ctype"):
                headers["Content-Type"] = "application/json"
            r = client.request(
                case["method"],
                case["url"],
                params=case.get("params"),
                headers=headers,
                json=case.get("json"),
                content=case.get("content"),
            )
            assert 400 <= r.status_code < 500, (method, path, case, r.status_code, r.text[:200])
            assert_error_shape(r)
            walked += 1
    assert walked >= 30


def test_malformed_search_syntax_is_400_bad_query(client):
    for q in ['"unclosed phrase', "(isles", "AND", "NOT"]:
        error = assert_error_shape(client.get("/api/search", params={"q": q}), 400)
        assert error["code"] == "bad_query", q
    page = client.get("/search", params={"q": "(isles"})
    assert page.status_code == 400 and "text/html" in page.headers["content-type"]
    assert 'data-code="bad_query"' in page.text and "Search again" in page.text


def test_bad_dates_and_limits(client):
    assert "ISO date" in assert_error_shape(client.get("/api/search", params={"from": "yesterday"}), 400)["message"]
    assert "between 1 and 200" in assert_error_shape(client.get("/api/search", params={"limit": 500}), 400)["message"]
    assert_error_shape(client.get("/api/timeline"), 400)
    assert_error_shape(client.get("/api/timeline", params={"entity": "x", "from": "2031-13"}), 400)


def test_unknown_things_are_404_and_wrong_methods_405(client):
    assert_error_shape(client.get("/api/no/such/route"), 404)
    assert_error_shape(client.get("/api/articles/ffffffffffff"), 404)
    assert_error_shape(client.get("/api/conflicts/nope"), 404)
    assert_error_shape(client.get("/api/stories/nope"), 404)
    assert_error_shape(client.get("/api/digests/nope"), 404)
    assert_error_shape(client.get("/api/watchlists/nope"), 404)
    assert_error_shape(client.delete("/api/search"), 405)
    page = client.get("/articles/ffffffffffff")
    assert page.status_code == 404 and 'data-code="not_found"' in page.text


def test_unexpected_errors_keep_the_shape(store_url: str):
    app = create_app(store_url)

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("internal detail that must not leak")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/api/boom")
        error = assert_error_shape(r, 500)
        assert "internal detail" not in error["message"]


def test_openapi_lists_every_api_route_with_descriptions(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "presswatch"
    paths = spec["paths"]
    for path in (
        "/api/search",
        "/api/articles/{article_id}",
        "/api/entities/{key}",
        "/api/sources",
        "/api/conflicts",
        "/api/timeline",
        "/api/stories",
        "/api/watchlists",
        "/api/digests",
        "/api/ingest/url",
    ):
        assert path in paths, path
    assert not any(p.startswith("/search") or p == "/" for p in paths)  # pages are not API
    docs = client.get("/api/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower()
