"""``jmh-afternoon-alert``: a JMH Afternoon Alert HTML page: many news items, one article each.

Page shape: a header ``Afternoon Alert - Thursday, April 25, 2019`` (the date of every item); a disclaimer (the items
reflect the cited media, not the Embassy; for government use only) that is not an article; a ``Noon news`` section
summarising the TV newscasts; then items, each a bold headline followed by paragraphs of reported speech, and short
one-line items that end with their outlet in parentheses (``Editorial: ... (Mainichi)``).

An item's outlet is the one it names: a trailing ``(Kyodo News)``, or the first known outlet the text cites
("NHK reported ...", "According to Jiji Press, ..."). A bold line followed straight by another bold line is a
section heading ("Security", "Politics"); it becomes a tag of the items under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presswatch.layouts.base import PAGE_MEDIA_TYPES, LayoutError
from presswatch.layouts.dates import parse_date
from presswatch.layouts.htmltext import Block, html_blocks, looks_like_html
from presswatch.models import Article, RawDocument, paragraphs_to_text

HEADER = re.compile(
    r"Afternoon Alert\s*[-–—:]\s*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},\s*\d{4})",
    re.I,
)
DISCLAIMER = re.compile(
    r"not necessarily reflect|do(?:es)? not reflect|government use only|views of the (?:U\.S\. )?(?:Embassy|Government)"
    r"|disclaimer",
    re.I,
)
TRAILING_OUTLET = re.compile(r"\((?P<outlet>[A-Z][^()]{1,40})\)\s*$")
# Outlets the Embassy cites in alerts; longer names first so "Kyodo News" wins over "Kyodo".
KNOWN_OUTLETS = sorted(
    (
        "NHK", "Kyodo News", "Kyodo", "Jiji Press", "Jiji", "Asahi", "Asahi Shimbun", "Mainichi", "Yomiuri",
        "Sankei", "Nikkei", "Tokyo Shimbun", "Okinawa Times", "Ryukyu Shimpo", "TBS", "Fuji TV", "TV Asahi",
        "Nippon TV", "NTV", "TV Tokyo", "Japan Times", "Reuters", "AP", "AFP", "Bloomberg", "Xinhua", "Yonhap",
        "TASS",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
_OUTLETS = "|".join(re.escape(o) for o in KNOWN_OUTLETS)
_CITED = re.compile(
    rf"(?:\bAccording to (?:the )?(?P<a>{_OUTLETS})\b"
    rf"|\b(?P<b>{_OUTLETS})(?:\s+(?:News|TV))?\s+(?:reported|reports|wrote|said|quoted|carried|broadcast|aired))"
)


@dataclass
class _Item:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    outlet: str | None = None
    tags: list[str] = field(default_factory=list)


class JmhAfternoonAlertLayout:
    name = "jmh-afternoon-alert"
    description = "Japan Media Highlights Afternoon Alert page: one article per news item, with the page's date"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type not in PAGE_MEDIA_TYPES:
            return 0.0
        head = text[:20_000]
        # substring test first (memchr speed): detection runs on every document
        return 0.97 if "Afternoon Alert" in head and HEADER.search(head) else 0.0

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        blocks = html_blocks(text) if looks_like_html(text) else _text_blocks(text)
        start, date = _header(blocks)
        if start is None:
            raise LayoutError(f"{raw.location}: no 'Afternoon Alert - <weekday>, <Month D, YYYY>' header found")
        items = _items(blocks[start:])
        articles = []
        for item in items:
            if not item.paragraphs:
                continue
            outlet = item.outlet or _cited_outlet(item.paragraphs)
            body, spans = paragraphs_to_text(item.paragraphs)
            articles.append(
                Article(
                    title=item.title,
                    text=body,
                    paragraph_spans=spans,
                    published=date,
                    outlet=outlet,
                    kind="Alert",
                    tags=item.tags,
                    raw=None,  # the page is shared by many items; keeping a copy with each would multiply it
                )
            )
        return articles


def _header(blocks: list[Block]) -> tuple[int | None, str | None]:
    for i, block in enumerate(blocks):
        match = HEADER.search(block.text)
        if match:
            return i + 1, parse_date(" ".join(match.group("date").split()))
    return None, None


def _items(blocks: list[Block]) -> list[_Item]:
    items: list[_Item] = []
    current: _Item | None = None
    brief = False  # the current item is a one-line item: the next line ending in an outlet starts another item
    section: str | None = None
    for block in blocks:
        text = block.text
        if current is None and not block.heading and DISCLAIMER.search(text):
            continue  # the disclaimer under the header; the same words inside an item are the item's text
        tags = [section] if section else []
        if block.heading:
            if current is not None and not current.paragraphs and not current.outlet:
                section = current.title  # a heading straight after a heading: the first was a section label
                items.pop()
                tags = [section]
            current = _Item(title=_strip_outlet(text), outlet=_outlet_of(text), tags=tags)
            items.append(current)
            brief = False
            continue
        outlet = _outlet_of(text)
        if outlet and len(text) < 400 and (current is None or brief or block.tag == "li" or _headline_like(text)):
            current = _Item(title=_strip_outlet(text), paragraphs=[text], outlet=outlet, tags=tags)
            items.append(current)
            brief = True
            continue
        if current is not None:  # text before the first item is the page's own preamble
            current.paragraphs.append(text)
    for item in items:
        if not item.paragraphs and item.outlet:  # a bold one-line item: its line is its text
            item.paragraphs.append(f"{item.title} ({item.outlet})")
    return items


def _outlet_of(text: str) -> str | None:
    match = TRAILING_OUTLET.search(text)
    return match.group("outlet").strip() if match else None


def _headline_like(text: str) -> bool:
    """A one-line item reads like a headline: no sentence ends before its "(Outlet)" (a body paragraph's does)."""
    return not re.search(r"[.!?”\"]\s*$", _strip_outlet(text))


def _strip_outlet(text: str) -> str:
    return TRAILING_OUTLET.sub("", text).strip()


def _cited_outlet(paragraphs: list[str]) -> str | None:
    for paragraph in paragraphs:
        match = _CITED.search(paragraph)
        if match:
            return match.group("a") or match.group("b")
        trailing = _outlet_of(paragraph)
        if trailing:
            return trailing
    return None


def _text_blocks(text: str) -> list[Block]:
    """A plain-text alert (saved as text): blank-line-separated blocks; a short line before a blank is a headline."""
    blocks = []
    for part in re.split(r"\n\s*\n", text):
        line = " ".join(part.split())
        if line:
            heading = len(line) < 120 and not line.endswith((".", ")", "”", '"'))
            blocks.append(Block(line, "p", heading))
    return blocks


LAYOUT = JmhAfternoonAlertLayout()
