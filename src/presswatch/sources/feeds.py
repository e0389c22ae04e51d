"""RSS and Atom feeds (feedparser): one RawDocument per entry, carrying the entry's full text where the feed has it.

Location: ``<feed location>#<entry id>`` (the entry's id or guid, else its link, else its position).
The entry's link, title, published date, author and tags go into ``meta``; ``data`` is the entry's content
(``content:encoded`` / Atom ``content``, the longest one) or, failing that, its summary, as UTF-8 HTML.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from presswatch.models import RawDocument, SourceFailure
from presswatch.sources.options import SourceOptions
from presswatch.sources.streams import too_large_reason

FEED_ENTRY_MEDIA_TYPE = "application/x-presswatch-feed-entry"


def iter_feed(
    data: bytes, location: str, options: SourceOptions, declared: str | None = None
) -> Iterator[RawDocument | SourceFailure]:
    """The entries of one feed document."""
    import feedparser

    headers = {"content-type": f"application/xml; charset={declared}"} if declared else None
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        yield SourceFailure(location, f"malformed feed, no entries could be read: {problem}")
        return
    if not entries:
        yield SourceFailure(location, "feed has no entries")
        return
    feed = parsed.get("feed", {})
    feed_title = feed.get("title")
    for index, entry in enumerate(entries, start=1):
        key = entry.get("id") or entry.get("link") or f"entry-{index}"
        where = f"{location}#{key}"
        content, content_type, full = _content(entry)
        body = content.encode("utf-8")
        if len(body) > options.max_bytes:
            yield SourceFailure(where, too_large_reason(options.max_bytes))
            continue
        meta: dict[str, Any] = {
            "title": entry.get("title"),
            "link": entry.get("link"),
            "published": entry.get("published") or entry.get("updated"),  # as written: the layout keeps its offset
            "published_utc": _published_utc(entry),
            "author": entry.get("author"),
            "tags": [t.get("term") for t in entry.get("tags", []) if t.get("term")],
            "feed_title": feed_title,
            "content_type": content_type,
            "full_text": full,
        }
        yield RawDocument(
            data=body,
            location=where,
            media_type=FEED_ENTRY_MEDIA_TYPE,
            encoding="utf-8",
            url=entry.get("link"),
            meta={k: v for k, v in meta.items() if v not in (None, "", [])},
        )


def _content(entry: Any) -> tuple[str, str, bool]:
    """(content, its type, whether it is the full text rather than a summary)."""
    best: Any = None
    for item in entry.get("content", []) or []:
        if best is None or len(item.get("value", "")) > len(best.get("value", "")):
            best = item
    summary = entry.get("summary", "") or ""
    if best is not None and len(best.get("value", "")) >= len(summary):
        return best.get("value", ""), best.get("type", "text/html"), True
    detail = entry.get("summary_detail") or {}
    return summary, detail.get("type", "text/html"), False


def _published_utc(entry: Any) -> str | None:
    """The entry's date as feedparser understood it, in UTC (the offset the feed wrote is lost in its struct)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC).isoformat()
    return None
