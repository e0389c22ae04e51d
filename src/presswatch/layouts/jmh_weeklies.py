"""``jmh-weeklies``: a JMH "Short takes from the weeklies" page: several items, one article each.

Each item is a headline line, a source line naming the magazine, issue date and page, then its text; quote bullets
``o “...” (speaker, role)`` stay as their own paragraphs (without the ``o`` marker)::

    Minister's aide quits over gift
    [Shukan Bunshun, 4/23/2015 issue, p. 39]
     The weekly reports that ...
    o “I never asked for anything,” (Jiro Example, former aide)

The page's own date (its header bullet) is the published date; the issue date goes into the print citation.
"""

from __future__ import annotations

import re

from presswatch.layouts.base import PAGE_MEDIA_TYPES, LayoutError
from presswatch.layouts.dates import parse_date
from presswatch.layouts.jmh_header import body_lines, read_header
from presswatch.models import Article, PrintCitation, RawDocument, paragraphs_to_text
from presswatch.normalize import clean_text

SOURCE_LINE = re.compile(
    r"^\s*\[\s*(?P<paper>[^,\[\]]+?)\s*,\s*(?P<date>\d{1,2}/\d{1,2}/\d{4})(?:\s+issue)?"
    r"(?:\s*,\s*pp?\.\s*(?P<page>[\w–-]+))?\s*\]\s*$"
)
QUOTE_BULLET = re.compile(r"^\s*o\s+(?P<quote>[“\"].*)$")


class JmhWeekliesLayout:
    name = "jmh-weeklies"
    description = "Japan Media Highlights 'Short takes from the weeklies': one article per magazine item"

    def detect(self, raw: RawDocument, text: str) -> float:
        if raw.media_type not in PAGE_MEDIA_TYPES or text.lstrip().startswith("<"):
            return 0.0
        head = text[:20_000]
        if "/" not in head:  # every source line has an m/d/yyyy date, and most texts have no "/" at all
            return 0.0
        return 0.97 if any(SOURCE_LINE.match(line) for line in head.splitlines()) else 0.0

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        lines = text.splitlines()
        page = read_header(lines)
        sources = [i for i, line in enumerate(lines) if SOURCE_LINE.match(line)]
        if not sources:
            raise LayoutError(f"{raw.location}: no weekly source line such as [Shukan Bunshun, 4/23/2015 issue, p. 39]")
        titles = [_title_index(lines, i) for i in sources]
        articles = []
        for n, (source, title) in enumerate(zip(sources, titles, strict=True)):
            if n + 1 < len(sources):  # up to the next item's headline
                following = titles[n + 1]
                body = lines[source + 1 : following if following is not None else sources[n + 1]]
            else:  # the last item runs to the page's trailing navigation
                body = body_lines(lines, source + 1)
            paragraphs = _paragraphs(body)
            if title is None or not paragraphs:
                continue  # a source line with no headline or no text is not an item
            match = SOURCE_LINE.match(lines[source])
            assert match is not None
            issue = _us_date(match.group("date"))
            paper = " ".join(match.group("paper").split())
            joined, spans = paragraphs_to_text(paragraphs)
            articles.append(
                Article(
                    title=clean_text(lines[title]).strip(),
                    text=joined,
                    paragraph_spans=spans,
                    published=page.published or issue,
                    outlet=paper,
                    kind="Weeklies",
                    print_citation=PrintCitation(paper=paper, date=issue, page=match.group("page")),
                    raw=text,
                )
            )
        return articles


def _title_index(lines: list[str], source: int) -> int | None:
    i = source - 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    return i if i >= 0 and not SOURCE_LINE.match(lines[i]) else None


def _us_date(value: str) -> str | None:
    month, day, year = (int(x) for x in value.split("/"))
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def _paragraphs(lines: list[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append(clean_text(" ".join(current)).strip())
            current.clear()

    for line in lines:
        quote = QUOTE_BULLET.match(line)
        if quote:
            close()
            paragraphs.append(clean_text(quote.group("quote")).strip())
        elif not line.strip() or line.startswith("\u00a0"):
            close()
            if line.strip():
                current.append(line.strip())
        else:
            current.append(line.strip())
    close()
    return [p for p in paragraphs if p]


LAYOUT = JmhWeekliesLayout()
