"""Fetching http(s) URLs (httpx): a page or a feed, with a timeout, a size cap and checked redirects.

Safety: only http and https; every hop of a redirect chain is checked again; hosts that resolve to loopback, private,
link-local or otherwise non-public addresses are refused unless ``allow_private_urls`` (tests, intranets), and the
address actually connected to is checked again before the body is read (a name that resolves differently the second
time, DNS rebinding, is caught). The body is streamed and abandoned as soon as it passes ``max_bytes``.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.options import SourceOptions
from presswatch.sources.streams import too_large_reason

_REDIRECTS = {301, 302, 303, 307, 308}


class FetchRefused(Exception):
    """A URL that must not be fetched (scheme, address)."""


def check_url(url: str, allow_private: bool) -> None:
    """Raise FetchRefused when ``url`` is not http(s) or points at a non-public address (unless allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchRefused(f"only http and https URLs are fetched, not {parts.scheme or 'a bare path'}")
    if not parts.hostname:
        raise FetchRefused("the URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchRefused(f"cannot resolve {parts.hostname}: {exc.strerror or exc}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchRefused(
                f"{parts.hostname} resolves to the non-public address {address}; "
                "pass --allow-private-urls to fetch from it"
            )


def fetch(url: str, options: SourceOptions) -> tuple[bytes, str, str | None, str | None]:
    """(body, final URL, content type, declared charset); raises FetchRefused or httpx.HTTPError."""
    import httpx

    headers = {"User-Agent": options.user_agent, "Accept": "text/html, application/xhtml+xml, application/rss+xml, */*"}
    with httpx.Client(timeout=options.timeout, follow_redirects=False, headers=headers) as client:
        for _ in range(options.max_redirects + 1):
            check_url(url, options.allow_private_urls)
            with client.stream("GET", url) as response:
                if not options.allow_private_urls:
                    _check_peer(response)
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    url = urljoin(url, response.headers["location"])
                    continue
                if response.status_code >= 400:
                    raise FetchRefused(f"the server answered HTTP {response.status_code} {response.reason_phrase}")
                declared_size = response.headers.get("content-length")
                if declared_size and declared_size.isdigit() and int(declared_size) > options.max_bytes:
                    raise FetchRefused(too_large_reason(options.max_bytes))
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > options.max_bytes:
                        raise FetchRefused(too_large_reason(options.max_bytes))
                    chunks.append(chunk)
                content_type = response.headers.get("content-type", "")
                return (
                    b"".join(chunks),
                    str(response.url),
                    content_type.split(";")[0].strip() or None,
                    _charset(response),
                )
        raise FetchRefused(f"more than {options.max_redirects} redirects")


def _check_peer(response) -> None:  # type: ignore[no-untyped-def]
    """Refuse a connection that ended up at a non-public address although the name resolved to a public one
    beforehand (DNS rebinding): the address actually connected to is checked, before any of the body is read."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if peer and not ipaddress.ip_address(peer[0]).is_global:
        raise FetchRefused(f"connected to the non-public address {peer[0]}; pass --allow-private-urls to fetch from it")


def _charset(response) -> str | None:  # type: ignore[no-untyped-def]
    content_type = response.headers.get("content-type", "")
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def iter_url(url: str, options: SourceOptions) -> Iterator[RawDocument | SourceFailure]:
    """Fetch ``url`` and yield what it holds (a page, a feed's entries, a CSV/JSONL export, a WARC ...)."""
    import io

    import httpx

    from presswatch.sources.dispatch import iter_stream

    try:
        body, final_url, content_type, charset = fetch(url, options)
    except FetchRefused as exc:
        yield SourceFailure(url, f"not fetched: {exc}")
        return
    except httpx.HTTPError as exc:
        yield SourceFailure(url, f"fetch failed: {type(exc).__name__}: {exc}")
        return
    fetched = datetime.now(UTC).replace(microsecond=0).isoformat()
    name = urlsplit(final_url).path.rsplit("/", 1)[-1]
    yield from iter_stream(
        io.BytesIO(body),
        url,
        options,
        name=name,
        declared=charset,
        media_type=content_type,
        url=final_url,
        fetched=fetched,
        seekable=True,
    )
