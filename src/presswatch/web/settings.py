"""Web settings, declared once as (name, default, help) and used by `serve`, `create_app` and docs/web.md."""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class WebSettings:
    """How the web UI and JSON API behave. Every field has a safe default (read-only, loopback, limits on)."""

    token: str | None = field(
        default=None,
        metadata={
            "help": "Bearer token that unlocks the write endpoints (ingest, watchlists, aliases); none = read-only"
        },
    )
    allow_private_urls: bool = field(
        default=False,
        metadata={"help": "Let URL ingest fetch loopback and private addresses (off: only public http(s) hosts)"},
    )
    max_body_bytes: int = field(
        default=5 * 1024 * 1024, metadata={"help": "Largest request body accepted (uploads included), in bytes"}
    )
    rate_limit: int = field(default=600, metadata={"help": "Requests per client per rate window (0 = no limit)"})
    rate_window_seconds: float = field(default=60.0, metadata={"help": "Length of the rate-limit window, in seconds"})
    page_size: int = field(default=20, metadata={"help": "Default number of items per page"})
    max_page_size: int = field(default=200, metadata={"help": "Largest `limit` a client may ask for"})
    fetch_timeout_seconds: float = field(default=20.0, metadata={"help": "Timeout of one URL fetch for ingest"})

    @property
    def read_only(self) -> bool:
        return not self.token


def settings_help() -> list[tuple[str, object, str]]:
    """(name, default, help) for every setting, for the CLI and the docs."""
    return [(f.name, f.default, f.metadata.get("help", "")) for f in fields(WebSettings)]
