"""``feed-entry``: one entry of an RSS or Atom feed (see ``presswatch.sources.feeds``): title, link, date, author and
tags from the entry, the body from its content (HTML cleaned to paragraphs) or, failing that, its summary."""

from __future__ import annotations

from presswatch.layouts.base import LayoutError
from presswatch.layouts.dates import parse_date
from presswatch.layouts.htmltext import html_blocks, looks_like_html
from presswatch.models import Article, RawDocument, paragraphs_to_text
from presswatch.normalize import clean_text, split_paragraphs
from presswatch.sources.feeds import FEED_ENTRY_MEDIA_TYPE


class FeedEntryLayout:
    name = "feed-entry"
    description = "an RSS/Atom feed entry: its full content where the feed has it, else its summary"

    def detect(self, raw: RawDocument, text: str) -> float:
        return 1.0 if raw.media_type == FEED_ENTRY_MEDIA_TYPE else 0.0

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        meta = raw.meta
        if looks_like_html(text):
            paragraphs = [b.text for b in html_blocks(text)]
        else:
            paragraphs = split_paragraphs(clean_text(text))
        if not paragraphs:
            raise LayoutError(f"{raw.location}: the feed entry has no content or summary")
        title = " ".join(clean_text(str(meta.get("title") or "")).split()) or paragraphs[0][:120]
        body, spans = paragraphs_to_text(paragraphs)
        return [
            Article(
                title=title,
                text=body,
                paragraph_spans=spans,
                url=meta.get("link") or raw.url,
                published=parse_date(meta.get("published")) or meta.get("published_utc"),
                outlet=meta.get("feed_title"),
                author=meta.get("author"),
                kind="Feed",
                tags=list(meta.get("tags") or []),
                raw=text,
            )
        ]


LAYOUT = FeedEntryLayout()
