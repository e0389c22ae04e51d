"""Webhook and e-mail delivery against a local HTTP server and a local SMTP server (both real, both in this file)."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from presswatch.analysis.notify import NotifyOptions, send_email, send_webhook

FAST = NotifyOptions(timeout=2.0, attempts=3, backoff=0.05, deadline=5.0)


class HookServer:
    """A local HTTP server that records POSTed JSON; answers ``fail_first`` times with ``status`` first."""

    def __init__(self, status: int = 500, fail_first: int = 0) -> None:
        self.received: list[dict] = []
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.hits += 1
                if outer.hits <= fail_first:
                    self.send_response(status)
                    self.end_headers()
                    return
                outer.received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SmtpServer:
    """A minimal local SMTP server (EHLO/HELO, MAIL, RCPT, DATA, QUIT) that keeps the messages it receives."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        outer = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                def say(line: str) -> None:
                    self.wfile.write((line + "\r\n").encode())

                say("220 localhost test SMTP")
                sender, rcpts = "", []
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    cmd = line.decode(errors="replace").strip()
                    verb = cmd.split(" ", 1)[0].upper()
                    if verb in ("EHLO", "HELO"):
                        say("250 localhost")
                    elif verb == "MAIL":
                        sender = cmd.split(":", 1)[1].strip(" <>")
                        say("250 OK")
                    elif verb == "RCPT":
                        rcpts.append(cmd.split(":", 1)[1].strip(" <>"))
                        say("250 OK")
                    elif verb == "DATA":
                        say("354 end with .")
                        data = bytearray()
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            data += chunk[1:] if chunk.startswith(b"..") else chunk
                        outer.messages.append((sender, rcpts, bytes(data)))
                        say("250 queued")
                    elif verb == "QUIT":
                        say("221 bye")
                        return
                    else:
                        say("250 OK")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def refused_port() -> int:
    """A local port nobody listens on (bound, then closed)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def hook() -> Iterator[HookServer]:
    server = HookServer()
    yield server
    server.close()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    yield server
    server.close()


def test_webhook_posts_json(hook: HookServer) -> None:
    d = send_webhook(hook.url, {"watchlist": "islands", "matches": [{"title": "Ærø and “quotes”"}]}, FAST)
    assert d.ok and d.attempts == 1
    assert hook.received == [{"watchlist": "islands", "matches": [{"title": "Ærø and “quotes”"}]}]


def test_webhook_retries_a_500_then_succeeds() -> None:
    server = HookServer(status=500, fail_first=2)
    try:
        d = send_webhook(server.url, {"n": 1}, FAST)
        assert d.ok and d.attempts == 3 and server.received == [{"n": 1}]
    finally:
        server.close()


def test_webhook_that_always_fails_is_reported_not_raised() -> None:
    server = HookServer(status=500, fail_first=99)
    try:
        d = send_webhook(server.url, {"n": 1}, FAST)
        assert not d.ok and d.attempts == 3 and "HTTP 500" in d.error and "FAILED" in d.line()
    finally:
        server.close()


def test_refused_endpoint_fails_fast_within_the_deadline() -> None:
    opts = NotifyOptions(timeout=1.0, attempts=5, backoff=0.2, deadline=0.5)
    t0 = time.monotonic()
    d = send_webhook(f"http://127.0.0.1:{refused_port()}/hook", {"n": 1}, opts)
    assert not d.ok and "Connect" in d.error
    assert d.attempts < 5 and time.monotonic() - t0 < 3.0  # the deadline stops the retries


def test_email_is_delivered_to_the_local_smtp_server(smtp: SmtpServer) -> None:
    opts = NotifyOptions(smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_from="pw@test.invalid", timeout=2)
    d = send_email("analyst@test.invalid", "3 new matches", "plain body", "<p>html body</p>", options=opts)
    assert d.ok
    ((sender, rcpts, data),) = smtp.messages
    assert sender == "pw@test.invalid" and rcpts == ["analyst@test.invalid"]
    msg = message_from_bytes(data, policy=default_policy)
    assert msg["Subject"] == "3 new matches"
    assert msg.get_body(("plain",)).get_content().strip() == "plain body"
    assert "html body" in msg.get_body(("html",)).get_content()


def test_email_to_a_dead_smtp_server_is_reported() -> None:
    opts = NotifyOptions(smtp_host="127.0.0.1", smtp_port=refused_port(), timeout=1, attempts=2, backoff=0.01)
    d = send_email("a@test.invalid", "s", "t", options=opts)
    assert not d.ok and d.attempts == 2 and d.error
