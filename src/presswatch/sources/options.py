"""``SourceOptions``: the one picklable object that tells every source reader what to accept and how."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

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

    include: list[str] = field(default_factory=list)  # globs on the path relative to the walked directory or its name
    exclude: list[str] = field(default_factory=list)
    recursive: bool = True
    columns: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES  # per item: a file, a fetched URL, a feed entry, a WARC record, a CSV row
    timeout: float = 30.0  # seconds, per HTTP request
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_urls: bool = False  # fetch from loopback / private addresses (tests, intranets)
    max_redirects: int = 5
    preset: str | None = None
    # Row rules for CSV/JSONL (article field -> regular expression):
    skip_rows: dict[str, str] = field(default_factory=dict)  # rows whose field matches (re.search) are left out
    strip_prefix: dict[str, str] = field(default_factory=dict)  # a match at the start of the field is removed
    include_hidden: bool = False  # walk into files and folders whose name starts with "."

    def resolved(self) -> SourceOptions:
        """These options with the preset (if any) merged in: explicit settings win over the preset's."""
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
