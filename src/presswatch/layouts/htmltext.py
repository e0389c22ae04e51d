"""HTML -> text blocks (paragraphs, headings, list items) for layouts that read page structure themselves.

trafilatura finds the main text of a generic news page (the ``html`` layout); pages whose structure *is* the data
(an Afternoon Alert: headline, paragraphs, headline ...) and feed-entry fragments need the blocks in order instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from presswatch.layouts.base import LayoutError
from presswatch.normalize import clean_text

_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "li", "ul",
    "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "hr", "form",
    "title", "center", "address",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOLD = {"b", "strong"}
_SKIP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head", "button", "select"}


@dataclass(slots=True)
class Block:
    text: str
    tag: str  # the block element that holds it: p, li, h2, td ...
    heading: bool  # an h1-h6, or a block whose text is all bold


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.bold_chars = 0
        self.tag = "p"

    def flush(self) -> None:
        text = " ".join(clean_text("".join(self.parts)).split())
        if text:
            letters = sum(1 for c in text if not c.isspace())
            heading = self.tag in _HEADINGS or (letters > 0 and self.bold_chars >= 0.9 * letters)
            self.blocks.append(Block(text, self.tag, heading))
        self.parts = []
        self.bold_chars = 0

    def add(self, text: str | None, bold: bool) -> None:
        if text:
            self.parts.append(text)
            if bold:
                self.bold_chars += sum(1 for c in text if not c.isspace())

    def walk(self, element, bold: bool = False) -> None:  # type: ignore[no-untyped-def]
        tag = element.tag.lower() if isinstance(element.tag, str) else None
        if tag is None or tag in _SKIP:  # comments, processing instructions, scripts: no readable text
            return
        block = tag in _BLOCK_TAGS
        outer_tag = self.tag
        if block:
            self.flush()
            self.tag = tag
        elif tag == "br":
            self.flush()
        inner_bold = bold or tag in _BOLD
        self.add(element.text, inner_bold)
        for child in element:
            self.walk(child, inner_bold)
            self.add(child.tail, inner_bold)  # a tail is text of this element, after the child
        if block:
            self.flush()
            self.tag = outer_tag


def html_blocks(html: str) -> list[Block]:
    """The text blocks of an HTML document or fragment, in document order, white space collapsed."""
    import lxml.html
    from lxml.etree import ParserError

    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str input with an encoding declaration
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError) as exc:
        raise LayoutError(f"cannot parse HTML: {exc}") from None
    collector = _Collector()
    collector.walk(root)
    collector.flush()
    return collector.blocks


def html_title(html: str) -> str | None:
    """The <title> of a page, white space collapsed."""
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if not match:
        return None
    import html as html_lib

    return " ".join(clean_text(html_lib.unescape(match.group(1))).split()) or None


_TAG = re.compile(r"<(?:p|div|br|span|a|b|i|em|strong|ul|li|h[1-6]|table|img|blockquote)\b[^>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """Does the text hold HTML markup (feed summaries are sometimes plain text, sometimes HTML)?"""
    return _TAG.search(text) is not None
