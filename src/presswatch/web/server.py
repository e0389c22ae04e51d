"""Run the web app with uvicorn: ``serve`` for the CLI and the demo, ``ServerThread`` for tests and benchmarks."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from presswatch.web.app import create_app
from presswatch.web.settings import WebSettings

LOOPBACK = "127.0.0.1"


def _check_bind(host: str, settings: WebSettings) -> None:
    """Warn when a server that can write listens beyond this machine."""
    if host not in (LOOPBACK, "localhost", "::1") and settings.token:
        print(f"presswatch: warning: listening on {host} with write endpoints enabled; anyone with the token can write")


def serve(
    store_url: str,
    host: str = LOOPBACK,
    port: int = 8000,
    settings: WebSettings | None = None,
    *,
    log_level: str = "warning",
) -> None:
    """Serve the store at ``store_url`` until interrupted, after printing the address to open."""
    settings = settings or WebSettings()
    _check_bind(host, settings)
    app = create_app(store_url, settings)
    config = uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False)
    server = uvicorn.Server(config)
    shown = "localhost" if host in (LOOPBACK, "0.0.0.0") else host
    mode = "read-write (token required for writes)" if settings.token else "read-only"
    print(f"presswatch: serving {store_url} at http://{shown}:{port}/ ({mode}); API docs at /api/docs; Ctrl-C stops")
    server.run()


def free_port(host: str = LOOPBACK) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class ServerThread:
    """The app served by uvicorn in a background thread on a free loopback port (tests, benchmarks).

    Use as a context manager; ``url`` is the base address.
    """

    def __init__(self, store_url: str, settings: WebSettings | None = None, host: str = LOOPBACK) -> None:
        self.port = free_port(host)
        self.url = f"http://{host}:{self.port}"
        app = create_app(store_url, settings or WebSettings())
        config = uvicorn.Config(app, host=host, port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name="presswatch-web", daemon=True)

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web server did not start on {self.url}")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
