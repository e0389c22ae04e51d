"""``record``: one CSV or JSONL row, fields already picked out by the source (``RawDocument.meta``)."""

from __future__ import annotations

from presswatch.layouts.base import LayoutError
from presswatch.layouts.dates import parse_date
from presswatch.models import Article, RawDocument, paragraphs_to_text
from presswatch.normalize import clean_text, split_paragraphs
from presswatch.sources.records import RECORD_MEDIA_TYPE

TITLE_FROM_TEXT_CHARS = 120


class RecordLayout:
    name = "record"
    description = "a CSV or JSONL row: title, text, published, url, outlet, author from the mapped columns"

    def detect(self, raw: RawDocument, text: str) -> float:
        return 1.0 if raw.media_type == RECORD_MEDIA_TYPE else 0.0

    def parse(self, raw: RawDocument, text: str) -> list[Article]:
        meta = raw.meta
        body = meta.get("text")
        if not isinstance(body, str):
            raise LayoutError(f"{raw.location}: the row has no text field (map one with --columns text=NAME)")
        paragraphs = split_paragraphs(clean_text(body))
        if not paragraphs:
            raise LayoutError(f"{raw.location}: the row's text is empty")
        title = " ".join(clean_text(str(meta.get("title") or "")).split())
        if not title:  # rows without a title: the start of the first paragraph stands in for it
            first = paragraphs[0]
            title = first if len(first) <= TITLE_FROM_TEXT_CHARS else first[:TITLE_FROM_TEXT_CHARS].rsplit(" ", 1)[0]
        joined, spans = paragraphs_to_text(paragraphs)
        published = meta.get("published")
        return [
            Article(
                title=title,
                text=joined,
                paragraph_spans=spans,
                url=meta.get("url") or raw.url,
                published=parse_date(published) if published is not None else None,
                outlet=_clean_field(meta.get("outlet")),
                author=_clean_field(meta.get("author")),
                kind=_clean_field(meta.get("kind")),
                language=meta.get("language") or "en",
                tags=list(meta.get("tags") or []),
                raw=text,
            )
        ]


def _clean_field(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(clean_text(str(value)).split())
    return s or None


LAYOUT = RecordLayout()
