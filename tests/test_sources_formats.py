"""Feeds, web archives and URLs: real files and a real local HTTP server (no network)."""

from __future__ import annotations

import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.layouts import parse
from presswatch.models import RawDocument, SourceFailure
from presswatch.sources import FEED_ENTRY_MEDIA_TYPE, SourceOptions, iter_documents

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def docs(spec: str | Path, **options) -> list[RawDocument | SourceFailure]:
    return list(iter_documents(str(spec), SourceOptions(**options)))


# -- feeds


def test_rss_entries_with_full_content_or_summary() -> None:
    path = FIXTURES / "harbour-news.rss"
    first, second = docs(path)
    assert first.media_type == FEED_ENTRY_MEDIA_TYPE
    assert first.location == f"{path}#harbour-2021-0001"
    assert first.meta["title"] == "Ferry timetable changes next month"
    assert first.meta["full_text"] is True and second.meta["full_text"] is False
    assert first.meta["published"] == "Fri, 09 Jul 2021 07:15:00 GMT"
    assert first.meta["published_utc"] == "2021-07-09T07:15:00+00:00"
    (article,) = parse(first)
    assert article.published == "2021-07-09T07:15:00+00:00"
    assert article.layout == "feed-entry" and article.kind == "Feed"
    assert article.outlet == "Harbour Daily" and article.author == "Jane Placeholder"
    assert article.url == "http://harbour.example/news/ferry-timetable"
    assert article.tags == ["Transport"]
    assert article.paragraphs == [
        "The ferry operator will change its timetable from next month, the company said on Friday.",
        "\u201cWinter crossings will start later,\u201d a spokesperson said.",
    ]
    assert "track()" not in article.text
    (summary_only,) = parse(second)
    assert summary_only.text == "The fish market opened two hours early on Saturday because of the heat."


def test_atom_entry_with_html_summary() -> None:
    path = FIXTURES / "council-updates.atom"
    (entry,) = docs(path)
    assert entry.location == f"{path}#urn:example:council:42"
    (article,) = parse(entry)
    assert article.title == "Council approves ferry budget"
    assert article.text == "The council approved the ferry budget on Monday."
    assert article.published == "2021-07-12T09:00:00+01:00"  # the offset the feed gave is kept
    assert article.author == "Council Press Office"


# -- WARC


def _warc(path: Path, pages: list[tuple[str, bytes, str]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for uri, body, content_type in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
        writer.write_record(writer.create_warc_record("urn:meta", "metadata", payload=io.BytesIO(b"x: y")))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_only(tmp_path: Path, gz: bool) -> None:
    page = (LAYOUTS / "news-page-ferry-vote.html").read_bytes()
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(
        path,
        [
            ("http://gazette.example/ferry", page, "text/html; charset=utf-8"),
            ("http://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
            ("http://gazette.example/ferry-2", page, "text/html"),
        ],
        gz=gz,
    )
    items = docs(path)
    assert [i.location for i in items] == [
        f"{path}#record-1 http://gazette.example/ferry",
        f"{path}#record-3 http://gazette.example/ferry-2",
    ]
    assert items[0].encoding == "utf-8" and items[0].url == "http://gazette.example/ferry"
    (article,) = parse(items[0])
    assert article.layout == "html" and article.title == "Harbour town votes to keep its ferry"


# -- URLs, against a local server


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    page = (LAYOUTS / "news-page-ferry-vote.html").read_bytes()
    latin = "Caf\u00e9 opens\n\nIt\u2019s open.".encode("cp1252")
    _Handler.routes = {
        "/page": (200, {"Content-Type": "text/html; charset=utf-8"}, page),
        "/feed": (200, {"Content-Type": "application/rss+xml"}, (FIXTURES / "harbour-news.rss").read_bytes()),
        "/old": (301, {"Location": "/page"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/big": (200, {"Content-Type": "text/plain"}, b"x" * 5000),
        "/export.jsonl.gz": (200, {"Content-Type": "application/gzip"}, gzip.compress(b'{"title": "T", "text": "B."}')),
        "/cp1252": (200, {"Content-Type": "text/plain; charset=windows-1252"}, latin),
    }
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_page_and_redirect(server: str) -> None:
    (doc,) = docs(f"{server}/old", allow_private_urls=True)
    assert isinstance(doc, RawDocument), doc
    assert doc.location == f"{server}/old" and doc.url == f"{server}/page" and doc.fetched
    (article,) = parse(doc)
    assert article.title == "Harbour town votes to keep its ferry" and article.url == f"{server}/page"


def test_url_feed_and_compressed_export(server: str) -> None:
    entries = docs(f"{server}/feed", allow_private_urls=True)
    assert [e.location for e in entries] == [f"{server}/feed#harbour-2021-0001", f"{server}/feed#harbour-2021-0002"]
    (row,) = docs(f"{server}/export.jsonl.gz", allow_private_urls=True)
    assert row.meta == {"title": "T", "text": "B."}


def test_url_declared_charset_is_used(server: str) -> None:
    (doc,) = docs(f"{server}/cp1252", allow_private_urls=True)
    (article,) = parse(doc)
    assert article.title == "Caf\u00e9 opens" and article.paragraphs == ["It\u2019s open."]


def test_url_refusals(server: str) -> None:
    (private,) = docs(f"{server}/page")  # allow_private_urls is off by default
    assert isinstance(private, SourceFailure) and "non-public address 127.0.0.1" in private.reason
    (loop,) = docs(f"{server}/loop", allow_private_urls=True, max_redirects=3)
    assert "more than 3 redirects" in loop.reason
    (big,) = docs(f"{server}/big", allow_private_urls=True, max_bytes=1000)
    assert big.reason == "not fetched: larger than 1000 bytes; raise --max-bytes to accept it"
    (missing,) = docs(f"{server}/nothing", allow_private_urls=True)
    assert "HTTP 404" in missing.reason
    (scheme,) = docs("ftp://example.invalid/file.txt")
    assert isinstance(scheme, SourceFailure) and "only http and https" in scheme.reason


def test_connected_address_is_checked_again(server: str) -> None:
    """The defence against DNS rebinding: the peer of the real connection is checked, not only the name's answer."""
    import httpx

    from presswatch.sources.http import FetchRefused, _check_peer

    refused = pytest.raises(FetchRefused, match="connected to the non-public address 127.0.0.1")
    with httpx.Client() as client, client.stream("GET", f"{server}/page") as response, refused:
        _check_peer(response)


def test_warc_resource_records(tmp_path: Path) -> None:
    from warcio.warcwriter import WARCWriter

    page = (LAYOUTS / "news-page-ferry-vote.html").read_bytes()
    path = tmp_path / "capture.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        record = writer.create_warc_record(
            "http://gazette.example/ferry", "resource", payload=io.BytesIO(page), warc_content_type="text/html"
        )
        writer.write_record(record)
    (doc,) = docs(path)
    assert doc.location == f"{path}#record-1 http://gazette.example/ferry" and doc.data == page
