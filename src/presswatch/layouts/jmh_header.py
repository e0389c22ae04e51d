"""The page header shared by JMH article pages (Translation, Summary, Weeklies): how it is read.

A JMH page as saved by a scraper::

    print PRINT
    <optional category breadcrumb: POLITICS > Cabinet>
    <headline>
      • 2015-10-15 15:00:00          (or: • February 20, 2018)
      • <author>, <Outlet>           (author often empty: "• , Sankei")
      • Translation                  (the kind: Translation | Summary | ...)
    (<Paper>: <Month D, YYYY> – p. N)   (print citation, optional)
     <body paragraphs, each opening with a no-break space>
      • Ambassador                   (site navigation: not body, not tags)
      • Ukraine ...
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presswatch.layouts.dates import JST, parse_date
from presswatch.models import PrintCitation

BULLET = re.compile(r"^[^\S\n]*[•·▪●][^\S\n]*(?P<value>.*?)\s*$")
PRINT_LINE = re.compile(r"^\s*print\s+print\s*$", re.I)
BREADCRUMB = re.compile(r"^\s*([A-Z][A-Z &/-]+)\s*>\s*(.+?)\s*$")
DATE_VALUE = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4})$"
)
CITATION = re.compile(
    r"^\s*\(\s*(?P<paper>[^:()]+?)\s*:\s*(?P<date>[A-Z][a-z]+\.? \d{1,2},? \d{4})"
    r"(?:\s*[–—-]\s*(?:pp?\.\s*(?P<page>[\w-]+)|(?P<edition>[^)]+?)))?\s*\)\s*$"
)
# Site navigation the scraper caught at the foot of the page; entries can arrive glued ("Trending Japandata").
NAVIGATION = (
    "Ambassador",
    "Ukraine",
    "COVID-19",
    "Trending Japan",
    "G7 Summit",
    "data",
    "Embassy",
    "Visas",
    "U.S. Citizen Services",
    "Business",
    "News & Events",
)
_NAV = re.compile(r"^(?:(?:" + "|".join(re.escape(n) for n in NAVIGATION) + r")\s*)+$", re.I)
KINDS = ("Translation", "Summary", "Weeklies", "Editorial", "Column", "Interview", "Opinion", "Report")


@dataclass(slots=True)
class Header:
    """What the header of a JMH page says; ``end`` is the index of the first line after it."""

    title: str = ""
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    kind: str | None = None
    citation: PrintCitation | None = None
    tags: list[str] = field(default_factory=list)
    end: int = 0
    bullets: int = 0


def is_navigation(value: str) -> bool:
    """Is this (bullet) line site navigation rather than article content?"""
    return bool(_NAV.match(value.strip()))


def read_header(lines: list[str], max_lines: int = 40) -> Header:
    """Read the header from the top of the page's lines; fields not found stay empty."""
    header = Header()
    i = 0
    n = min(len(lines), max_lines)
    while i < n and (not lines[i].strip() or PRINT_LINE.match(lines[i])):
        i += 1
    crumb = BREADCRUMB.match(lines[i]) if i < n else None
    if crumb and _headline_follows(lines, i + 1, n):  # "US > Japan talks" alone is a headline, not a breadcrumb
        header.tags = [crumb.group(1).strip().title() if crumb.group(1).isupper() else crumb.group(1), crumb.group(2)]
        i += 1
        while i < n and not lines[i].strip():
            i += 1
    if i < n and not BULLET.match(lines[i]):
        header.title = " ".join(lines[i].split())
        i += 1
    while i < n:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        bullet = BULLET.match(line)
        if bullet:
            _read_bullet(header, bullet.group("value"))
            header.bullets += 1
            i += 1
            continue
        citation = parse_citation(line) if header.citation is None else None
        if citation is not None:
            header.citation = citation
            i += 1
            continue
        break
    header.end = i
    return header


def parse_citation(line: str) -> PrintCitation | None:
    """The print citation in a line such as ``(Sankei: October 15, 2015 – p. 1)``, or None."""
    match = CITATION.match(line)
    if match is None:
        return None
    return PrintCitation(
        paper=match.group("paper").strip(),
        date=parse_date(match.group("date").replace(".", "")),
        page=match.group("page"),
    )


def _headline_follows(lines: list[str], i: int, n: int) -> bool:
    while i < n and not lines[i].strip():
        i += 1
    return i < n and not BULLET.match(lines[i])


def _read_bullet(header: Header, value: str) -> None:
    value = " ".join(value.split())
    if header.published is None and DATE_VALUE.match(value):
        header.published = parse_date(value, tz=JST)
    elif header.outlet is None and "," in value:
        author, _, outlet = value.rpartition(",")
        header.author = author.strip() or None
        header.outlet = outlet.strip() or None
    elif header.kind is None and value:
        header.kind = value


def body_lines(lines: list[str], start: int) -> list[str]:
    """The lines of the body: from ``start`` up to the trailing navigation bullets (removed, glued ones too)."""
    end = len(lines)
    while end > start:
        line = lines[end - 1]
        if not line.strip():
            end -= 1
            continue
        bullet = BULLET.match(line)
        value = bullet.group("value") if bullet else line
        if is_navigation(value):
            end -= 1
            continue
        break
    return lines[start:end]


def paragraphs_of(lines: list[str]) -> list[str]:
    """Group body lines into paragraphs: a blank line, or a line opening with a no-break space, starts a new one."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if line.startswith("\u00a0") and current:
            paragraphs.append(" ".join(current))
            current = []
        current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
