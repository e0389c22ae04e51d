"""``presswatch serve``: the web UI and JSON API over a store."""

from __future__ import annotations

import os

import typer

from presswatch.web.settings import WebSettings

_DEFAULTS = WebSettings()


def _help(name: str) -> str:
    return WebSettings.__dataclass_fields__[name].metadata["help"]


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""

    @app.command()
    def serve(
        db: str | None = typer.Option(
            None,
            "--db",
            help="Store URL: sqlite:///path, a path, or postgresql://... (default: $PRESSWATCH_DB, else "
            "sqlite:///presswatch.db)",
        ),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)"),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on"),
        token: str | None = typer.Option(
            None, "--token", envvar="PRESSWATCH_TOKEN", help=_help("token") + " (or $PRESSWATCH_TOKEN)"
        ),
        allow_private_urls: bool = typer.Option(False, "--allow-private-urls", help=_help("allow_private_urls")),
        max_body: int = typer.Option(_DEFAULTS.max_body_bytes, "--max-body", min=1024, help=_help("max_body_bytes")),
        rate_limit: int = typer.Option(_DEFAULTS.rate_limit, "--rate-limit", min=0, help=_help("rate_limit")),
    ) -> None:
        """Serve the web UI and JSON API (read-only unless started with --token)."""
        from presswatch.store import open_store, resolve_url
        from presswatch.web import serve as serve_web

        url = resolve_url(db)
        # Open once here so that a bad URL or an unreachable server is one clear error before uvicorn starts.
        open_store(url).close()
        settings = WebSettings(
            token=token or os.environ.get("PRESSWATCH_TOKEN") or None,
            allow_private_urls=allow_private_urls,
            max_body_bytes=max_body,
            rate_limit=rate_limit,
        )
        serve_web(url, host, port, settings)
