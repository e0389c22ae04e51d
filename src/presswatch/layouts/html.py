"""``html``: a generic news page. trafilatura extracts the main text and metadata (page chrome removed); the date
comes from the page's own publication-time meta tag when it has one (keeps the time and offset), else htmldate."""

from __future__ import annotations

import re

from presswatch.layouts.base import PAGE_MEDIA_TYPES, LayoutError
from presswatch.layouts.dates import parse_date
from presswatch.layouts.htmltext import html_title
from presswatch.layouts.jmh_header import is_navigation, parse_citation
from presswatch.models import Article, PrintCitation, RawDocument, paragraphs_to_text
from presswatch.normalize import clean_text

_PUBLISHED_META = re.compile(
    r"<meta\s+[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|datePublished"
    r"|pubdate|publishdate|dc\.date\.issued|date)[\"'][^>]*?content\s*=\s*[\"']([^\"']+)[\"']",
    re.I,
)


MIN_BODY_WORDS = 5  # fewer words than a one-line news brief: menus and link lists, not an article


class HtmlLayout:
    name = "html"
    description = "a news web page: main text and metadata by trafilatura, date by the page's meta tags or htmldate"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type in ("text/html", "application/xhtml+xml"):
            return 0.5
        if raw.media_type not in PAGE_MEDIA_TYPES:
            return 0.0
        head = text.lstrip()[:512].lower()
        return 0.5 if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head else 0.0

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        from trafilatura import bare_extraction

        document = bare_extraction(text, url=raw.url, with_metadata=True, include_comments=False, include_tables=False)
        extracted = document.as_dict() if document is not None and not isinstance(document, dict) else document
        words = len((extracted.get("text") or "").split()) if extracted else 0
        if words < MIN_BODY_WORDS:  # trafilatura falls back to any text it finds, menus included
            raise LayoutError(
                f"{raw.location}: no article body found in the page ({words} words of text outside the markup)"
            )
        paragraphs = [p for p in (" ".join(line.split()) for line in clean_text(extracted["text"]).split("\n")) if p]
        title = " ".join(clean_text(extracted.get("title") or html_title(text) or "").split())
        if not title:
            title = paragraphs[0][:120]
        if len(paragraphs) > 1 and paragraphs[0] == title:  # the page's own headline, repeated by the extractor
            paragraphs = paragraphs[1:]
        citation = _take_citation(paragraphs)
        while len(paragraphs) > 1 and is_navigation(paragraphs[-1]):  # site menus caught at the foot of the text
            paragraphs.pop()
        body, spans = paragraphs_to_text(paragraphs)
        return [
            Article(
                title=title,
                text=body,
                paragraph_spans=spans,
                url=extracted.get("url") or raw.url,
                published=_published(text, extracted.get("date")),
                # a translated article names its paper; the site that published the translation is not the outlet
                outlet=citation.paper if citation else _field(extracted.get("sitename")),
                print_citation=citation,
                author=_field(extracted.get("author")),
                language=extracted.get("language") or "en",
                tags=[t for t in (extracted.get("categories") or []) + (extracted.get("tags") or []) if t],
                raw=text,
            )
        ]


def _take_citation(paragraphs: list[str]) -> PrintCitation | None:
    """A print citation line near the top (a JMH page fetched as HTML): removed from the body and returned."""
    for i, paragraph in enumerate(paragraphs[:6]):
        citation = parse_citation(paragraph)
        if citation is not None:
            del paragraphs[i]
            return citation
    return None


def _published(html: str, extracted_date: str | None) -> str | None:
    match = _PUBLISHED_META.search(html[:200_000])
    if match:
        value = parse_date(match.group(1))
        if value:
            return value
    if extracted_date:
        return parse_date(extracted_date)
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True)
    return parse_date(found) if found else None


def _field(value: object) -> str | None:
    if not value:
        return None
    return " ".join(clean_text(str(value)).split()) or None


LAYOUT = HtmlLayout()
