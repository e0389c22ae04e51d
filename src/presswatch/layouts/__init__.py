"""Layouts: one raw document -> the articles in it (a JMH translation page, an Afternoon Alert, a news page, a CSV row).

``parse(raw)`` detects the layout (every layout scores the document; the best score wins) or uses the one named;
``names()`` lists them. Each layout is a module here (see ``base.Layout``).
"""

from __future__ import annotations

import re

from presswatch.layouts.base import Layout, LayoutError
from presswatch.layouts.registry import layouts
from presswatch.models import Article, RawDocument
from presswatch.normalize import decode, looks_japanese

__all__ = ["Layout", "LayoutError", "detect", "names", "parse"]

# Content that is clearly not text: NUL bytes survive decoding only in binary data.
_BINARY_SAMPLE = 8192


def names() -> list[str]:
    """The names of all layouts, sorted."""
    return list(layouts())


# <meta charset="..."> / <meta http-equiv="Content-Type" content="text/html; charset=..."> / <?xml encoding="..."?>
_DECLARED_CHARSET = re.compile(rb"""<(?:meta[^>]+charset|\?xml[^>]+encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def declared_encoding(raw: RawDocument) -> str | None:
    """The encoding the transport declared, else the one an HTML or XML document declares in its first 2 kB."""
    if raw.encoding:
        return raw.encoding
    if raw.media_type in (None, "text/html", "application/xhtml+xml"):
        match = _DECLARED_CHARSET.search(raw.data[:2048])
        if match:
            return match.group(1).decode("ascii")
    return None


def _text_of(raw: RawDocument) -> str:
    text = decode(raw.data, declared_encoding(raw))
    if "\x00" in text[:_BINARY_SAMPLE]:
        raise LayoutError(f"{raw.location}: binary data, not a text or HTML document")
    if not text or text.isspace():  # (no copy, unlike strip)
        raise LayoutError(f"{raw.location}: empty document, no text in it")
    return text


def detect(raw: RawDocument, text: str | None = None) -> tuple[Layout, float]:
    """The layout that fits ``raw`` best, with its score; LayoutError when none fits at all."""
    if text is None:
        text = _text_of(raw)
    best: Layout | None = None
    best_score = 0.0
    for layout in layouts().values():
        score = layout.detect(raw, text)
        if score > best_score:
            best, best_score = layout, score
    if best is None:
        raise LayoutError(f"{raw.location}: no layout recognises this document (empty or not text)")
    return best, best_score


def parse(raw: RawDocument, layout: str | None = None) -> list[Article]:
    """The articles in ``raw``, by the named layout or the detected one.

    Raises LayoutError with the reason when the document holds nothing usable (empty text, binary, no body) or the
    layout name is unknown. Every article gets ``source`` (the document's location), ``layout`` and, when the layout
    found none, the document's URL.
    """
    text = _text_of(raw)
    if layout is None:
        chosen, _ = detect(raw, text)
    else:
        try:
            chosen = layouts()[layout]
        except KeyError:
            raise LayoutError(f"unknown layout {layout!r}; known layouts: {', '.join(names())}") from None
    articles = chosen.parse(raw, text)
    if not articles:
        raise LayoutError(f"{raw.location}: the {chosen.name} layout found no article in it")
    for article in articles:
        if article.language == "en" and looks_japanese(article.text):
            article.language = "ja"  # an untranslated original: English-only enrichment must not run on it blindly
        article.source = article.source or raw.location
        article.layout = article.layout or chosen.name
        if article.url is None:
            article.url = raw.url
    return articles
