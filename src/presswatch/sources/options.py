"""``SourceOptions``: the one picklable object that tells every source reader what to accept and how."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace

from presswatch.errors import UsageError

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_USER_AGENT = "presswatch/0.1 (+https://example.invalid/presswatch; news analysis)"

# Article field -> column names recognised without any mapping, in order of preference (matched case-insensitively).
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "full_text", "fulltext", "story", "maintext"),
    "title": ("title", "headline", "heading", "head", "name"),
    "published": (
        "published",
        "date",
        "publish_date",
        "published_at",
        "pubdate",
        "pub_date",
        "datetime",
        "date_publish",
        "created_at",
        "timestamp",
        "time",
    ),
    "url": ("url", "link", "article_source_link", "source_url", "href", "uri", "permalink"),
    "outlet": ("outlet", "source", "publisher", "site", "source_name", "media", "site_name", "paper"),
    "author": ("author", "byline", "authors", "creator", "writer"),
    "id": ("id", "guid", "article_id", "uid", "doc_id"),
}
REQUIRED_FIELDS = ("text",)


@dataclass(slots=True)
class SourceOptions:
    """What to read and how; picklable, so the same object can be shipped to worker processes.

    ``columns`` maps an article field to the CSV/JSONL column that holds it (``{"text": "body"}``); fields not mapped
    are found under their common names (``DEFAULT_COLUMNS``). ``preset`` names a column map plus row rules for a
    known export format (see ``presswatch.sources.presets``); explicit ``columns``, ``skip_rows`` and ``strip_prefix``
    add to it.
    """

    include: list[str] = field(
        default_factory=list,
        metadata={"help": "only files (or zip members) matching one of these globs, e.g. '*.html'"},
    )
    exclude: list[str] = field(default_factory=list, metadata={"help": "skip files matching one of these globs"})
    recursive: bool = field(default=True, metadata={"help": "walk into subdirectories"})
    columns: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "article field -> CSV/JSONL column, e.g. text=body (common names are found without it)"},
    )
    max_bytes: int = field(
        default=DEFAULT_MAX_BYTES,
        metadata={"help": "largest item accepted: a file, a fetched URL, a WARC record, a feed entry, a CSV/JSONL row"},
    )
    timeout: float = field(default=30.0, metadata={"help": "seconds to wait for each HTTP request"})
    user_agent: str = field(default=DEFAULT_USER_AGENT, metadata={"help": "User-Agent header sent with HTTP requests"})
    allow_private_urls: bool = field(
        default=False, metadata={"help": "fetch from loopback and private addresses (tests, intranets)"}
    )
    max_redirects: int = field(default=5, metadata={"help": "HTTP redirects followed at most"})
    preset: str | None = field(
        default=None, metadata={"help": "column map and row rules of a known export: wikinews, dateline, newsarticles"}
    )
    skip_rows: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "field -> regular expression: CSV/JSONL rows whose field matches are left out"},
    )
    strip_prefix: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "field -> regular expression: a match at the start of the field is removed"},
    )
    include_hidden: bool = field(
        default=False, metadata={"help": "also read files and folders whose name starts with a dot"}
    )

    @staticmethod
    def help(name: str) -> str:
        """The help text of option ``name`` (for the CLI and the docs: declared once, here)."""
        return {f.name: f.metadata.get("help", "") for f in fields(SourceOptions)}[name]

    def resolved(self) -> SourceOptions:
        """These options with the preset (if any) merged in: explicit settings win over the preset's.

        Raises UsageError for an unknown preset or a row rule that is not a regular expression.
        """
        for option in ("skip_rows", "strip_prefix"):
            for fieldname, pattern in getattr(self, option).items():
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise UsageError(
                        f"{option} for {fieldname}: {pattern!r} is not a regular expression ({exc}); e.g. '^TEST PAGE'"
                    ) from None
        if not self.preset:
            return self
        from presswatch.sources.presets import get_preset

        p = get_preset(self.preset)
        return replace(
            self,
            preset=None,
            columns={**p.columns, **self.columns},
            skip_rows={**p.skip_rows, **self.skip_rows},
            strip_prefix={**p.strip_prefix, **self.strip_prefix},
        )
