"""ASGI middleware: request size limit, per-client rate limit, security headers.

They are plain ASGI (not ``BaseHTTPMiddleware``) so that they cost little per request and can refuse a request before
its body is read. Their refusals use the same error shape as every other error (``errors.error_response``).
"""

from __future__ import annotations

import time
from collections import OrderedDict

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from presswatch.web.errors import error_response

# Pages may only load what this server serves: an injected <script> or inline handler in article text cannot run even
# if escaping ever failed somewhere (defence in depth behind Jinja's autoescape).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeadersMiddleware:
    """Adds the CSP and related headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimitMiddleware:
    """Refuses bodies larger than ``max_bytes``: by Content-Length at once, or while reading a chunked body."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = (
            f"request body too large: the limit is {self.max_bytes} bytes "
            "(start the server with a larger --max-body to accept more)"
        )
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await error_response(Request(scope), 413, "too_large", message)(scope, receive, send)
                return

        if declared is not None:
            await self.app(scope, receive, send)  # the server stops at Content-Length: no more can arrive
            return
        # No Content-Length (chunked): read the body here, at most max_bytes of it, then hand it on. Refusing inside
        # the endpoint would not work: the framework turns any error while parsing a body into its own 400.
        chunks: list[bytes] = []
        received = 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            received += len(msg.get("body", b""))
            if received > self.max_bytes:
                await error_response(Request(scope), 413, "too_large", message)(scope, receive, send)
                return
            chunks.append(msg.get("body", b""))
            if not msg.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class RateLimitMiddleware:
    """A fixed-window request counter per client address; static files are not counted.

    Simple on purpose: one process, one dict, oldest clients evicted past ``max_clients``. It stops a runaway script,
    not a distributed attack (that is the reverse proxy's job).
    """

    def __init__(self, app: ASGIApp, limit: int, window_seconds: float, max_clients: int = 10_000) -> None:
        self.app = app
        self.limit = limit
        self.window = window_seconds
        self.max_clients = max_clients
        self._clients: OrderedDict[str, tuple[float, int]] = OrderedDict()

    def _allow(self, client: str, now: float) -> tuple[bool, float]:
        start, count = self._clients.get(client, (now, 0))
        if now - start >= self.window:
            start, count = now, 0
        count += 1
        self._clients[client] = (start, count)
        self._clients.move_to_end(client)
        while len(self._clients) > self.max_clients:
            self._clients.popitem(last=False)
        return count <= self.limit, start + self.window - now

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.limit <= 0 or scope.get("path", "").startswith("/static/"):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown", 0))[0]
        allowed, retry_after = self._allow(client, time.monotonic())
        if not allowed:
            retry = max(1, int(retry_after + 0.999))
            response = error_response(
                Request(scope),
                429,
                "rate_limited",
                f"too many requests: at most {self.limit} per {self.window:g} s per client; retry in {retry} s",
                headers={"Retry-After": str(retry)},
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)
