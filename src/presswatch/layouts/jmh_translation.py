"""``jmh-translation``: a Japan Media Highlights article page (an English translation of one Japanese article).

See ``jmh_header`` for the page shape. The body is the paragraphs between the header and the trailing site
navigation, leading no-break spaces removed, curly quotes kept; the page's time is Japan time.
"""

from __future__ import annotations

from functools import lru_cache

from presswatch.layouts.base import PAGE_MEDIA_TYPES, LayoutError
from presswatch.layouts.jmh_header import Header, body_lines, paragraphs_of, read_header
from presswatch.models import Article, RawDocument, paragraphs_to_text
from presswatch.normalize import clean_text

HEAD_CHARS = 4000  # the header is always within the first few lines; detection reads no further


@lru_cache(maxsize=16)
def _cached_header(head: str) -> Header:
    return read_header(head.splitlines())


def read_page_header(text: str) -> Header:
    """The header of a page, for detection: cached, as both JMH article layouts score every page with it."""
    return _cached_header(text[:HEAD_CHARS])


def is_jmh_page(header: Header) -> bool:
    """A JMH article page: a headline followed by at least a date bullet and one more header bullet."""
    return bool(header.title and header.published and header.bullets >= 2)


def is_summary(header: Header) -> bool:
    outlet = (header.outlet or "").lower()
    return header.kind == "Summary" or outlet.startswith(("all national papers", "all newspapers"))


class JmhArticleLayout:
    """One article per page, read from the JMH header and body; subclasses only change detection and the kind."""

    name = "jmh-translation"
    description = "Japan Media Highlights translation page: headline, date/outlet/kind bullets, print citation, body"
    default_kind = "Translation"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type not in PAGE_MEDIA_TYPES or text.lstrip().startswith("<"):
            return 0.0
        header = read_page_header(text)
        if not is_jmh_page(header):
            return 0.0
        return 0.6 if is_summary(header) else 0.95

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        lines = text.splitlines()
        header = read_header(lines)
        if not header.title:
            raise LayoutError(f"{raw.location}: no headline found at the top of the page")
        paragraphs = [p for p in (clean_text(p).strip() for p in paragraphs_of(body_lines(lines, header.end))) if p]
        if not paragraphs:
            raise LayoutError(f"{raw.location}: the page has a header but no body paragraphs")
        body, spans = paragraphs_to_text(paragraphs)
        outlet = header.outlet or (header.citation.paper if header.citation else None)
        return [
            Article(
                title=clean_text(header.title).strip(),
                text=body,
                paragraph_spans=spans,
                published=header.published,
                outlet=outlet,
                author=header.author,
                kind=header.kind or self.default_kind,
                print_citation=header.citation,
                tags=list(header.tags),
                raw=text,
            )
        ]


LAYOUT = JmhArticleLayout()
