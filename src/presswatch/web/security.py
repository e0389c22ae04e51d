"""Who may write, and which URLs the server may fetch.

- Write endpoints need ``Authorization: Bearer TOKEN``; without a token configured the server is read-only.
- URL ingest fetches only http(s) URLs whose host resolves to public addresses, unless the operator allows private
  ones: otherwise anybody who can reach the UI could make the server read its own loopback services or the LAN (SSRF).
"""

from __future__ import annotations

import hmac
import ipaddress
import socket
from urllib.parse import urlsplit

from fastapi import Request

from presswatch.web.errors import WebError


def require_token(request: Request) -> None:
    """FastAPI dependency of every write endpoint."""
    token = request.app.state.settings.token
    if not token:
        raise WebError(
            403,
            "read_only",
            "this server is read-only: start it with `presswatch serve --token TOKEN` to enable writes",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    # compare_digest: the time taken must not tell how much of the token was right.
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise WebError(
            401,
            "unauthorized",
            "this endpoint needs the header `Authorization: Bearer TOKEN` with the token the server was started with",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_fetchable_url(url: str, *, allow_private: bool) -> str:
    """Return the URL when the server may fetch it; raise WebError 400 saying why not otherwise.

    The host is resolved here and every address it resolves to must be public (a name pointing to 127.0.0.1 is
    refused like 127.0.0.1 itself).
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        raise WebError(400, "bad_url", f"only http and https URLs can be ingested, not {parts.scheme or 'no scheme'!r}")
    host = parts.hostname
    if not host:
        raise WebError(400, "bad_url", f"the URL has no host: {url!r}")
    if allow_private:
        return url.strip()
    try:
        infos = socket.getaddrinfo(
            host, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM
        )
    except (socket.gaierror, UnicodeError) as exc:
        raise WebError(400, "bad_url", f"cannot resolve host {host!r}: {exc}") from None
    for info in infos:
        address = info[4][0]
        if not _is_public(address):
            raise WebError(
                400,
                "forbidden_address",
                f"{host!r} resolves to the non-public address {address}; the server refuses to fetch loopback and "
                "private addresses unless started with --allow-private-urls",
            )
    return url.strip()
