"""``plain``: a text file. The first non-empty line is the title; ``Article.text`` is exactly the decoded file, so
offsets found in the article index straight into the file; paragraphs are the blank-line-separated blocks after the
title line."""

from __future__ import annotations

import re

from presswatch.layouts.base import PAGE_MEDIA_TYPES, LayoutError
from presswatch.models import Article, RawDocument

# A paragraph: non-blank lines up to the next blank line, from its first to its last non-space character.
_BLOCK = re.compile(r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*")
_LINE = re.compile(r"[^\r\n]*")


class PlainLayout:
    name = "plain"
    description = "plain text: the first line is the title, blank lines separate paragraphs; text kept byte-for-byte"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type not in PAGE_MEDIA_TYPES:
            return 0.0  # records and feed entries have their own layouts
        return 0.1 if raw.media_type != "text/html" else 0.05  # the last resort for text no other layout takes

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        return [plain_article(raw, text)]


def paragraph_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each blank-line-separated block of ``text`` from ``start``, surrounding space excluded."""
    # The block pattern starts and ends on a non-space character (no-break spaces count as space), so each match is
    # already the stripped paragraph.
    return [match.span() for match in _BLOCK.finditer(text, start)]


def plain_article(raw: RawDocument, text: str) -> Article:
    """The plain-text reading of ``text``; LayoutError when it has no non-blank line."""
    title_span = None
    for match in _LINE.finditer(text):
        if match.group().strip():
            title_span = match.span()
            break
    if title_span is None:
        raise LayoutError(f"{raw.location}: empty document, no text in it")
    title = " ".join(text[title_span[0] : title_span[1]].split())
    spans = paragraph_spans(text, title_span[1])
    if not spans:  # a one-line file: the line is the whole story
        spans = paragraph_spans(text[: title_span[1]], title_span[0])
    return Article(title=title, text=text, paragraph_spans=spans, raw=text)


LAYOUT = PlainLayout()
