"""Conversions between records and table rows, shared by both backends (plain tuples, JSON as text)."""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any

from presswatch.models import Article, EnrichedArticle, PrintCitation

# Column order of the ``articles`` table as both backends write and read it (``seq`` is the backend's own).
ARTICLE_COLUMNS = (
    "id",
    "title",
    "text",
    "paragraph_spans",
    "url",
    "published",
    "outlet",
    "author",
    "kind",
    "print_citation",
    "language",
    "tags",
    "source",
    "layout",
    "raw",
    "duplicate_of",
)

# Markers that the full-text engines put around matches; replaced by <mark> after HTML-escaping the snippet.
MARK_START = "\x02"
MARK_END = "\x03"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_to_row(a: Article) -> tuple[Any, ...]:
    return (
        a.id,
        _blank_nul(a.title),
        _blank_nul(a.text),
        dumps([list(s) for s in a.paragraph_spans]),
        a.url,
        a.published,
        a.outlet,
        a.author,
        a.kind,
        dumps(a.print_citation.to_dict()) if a.print_citation else None,
        a.language,
        dumps(list(a.tags)),
        a.source,
        a.layout,
        _strip_nul(a.raw),
        a.duplicate_of,
    )


def _blank_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL; a space keeps every offset into the text valid
    return text.replace("\x00", " ") if "\x00" in text else text


def _strip_nul(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; keep both backends storing the same value
    return text.replace("\x00", "") if text and "\x00" in text else text


def row_to_article(row: tuple[Any, ...] | list[Any]) -> Article:
    d = dict(zip(ARTICLE_COLUMNS, row, strict=False))
    pc = json.loads(d["print_citation"]) if d["print_citation"] else None
    return Article(
        id=d["id"],
        title=d["title"],
        text=d["text"],
        paragraph_spans=[tuple(s) for s in json.loads(d["paragraph_spans"] or "[]")],
        url=d["url"],
        published=d["published"],
        outlet=d["outlet"],
        author=d["author"],
        kind=d["kind"],
        print_citation=PrintCitation.from_dict(pc) if pc else None,
        language=d["language"],
        tags=list(json.loads(d["tags"] or "[]")),
        source=d["source"] or "",
        layout=d["layout"] or "",
        raw=d["raw"],
        duplicate_of=d["duplicate_of"],
    )


def enrichment_to_json(e: EnrichedArticle) -> str:
    return dumps(e.to_dict())


def json_to_enrichment(text: str) -> EnrichedArticle:
    return EnrichedArticle.from_dict(json.loads(text))


def attribution_rows(e: EnrichedArticle, text: str) -> list[tuple[Any, ...]]:
    """Rows (article_id, position, attr_id, speaker_kind, speaker_label, speaker_name, speaker_entity, form, outlet,
    content_text, data) for the find_attributions filters."""
    rows = []
    for i, a in enumerate(e.attributions):
        sp = a.speaker
        content = a.content.text if a.content and a.content.text else text[a.content.start : a.content.end]
        rows.append(
            (
                e.article_id,
                i,
                a.id,
                sp.kind,
                sp.label,
                sp.name,
                sp.entity,
                a.form,
                a.outlet,
                content,
                dumps(a.to_dict()),
            )
        )
    return rows


def entity_rows(e: EnrichedArticle) -> list[tuple[Any, ...]]:
    """Rows (article_id, key, name, type, role, affiliation, mentions) - one per entity of the article."""
    seen: dict[str, tuple[Any, ...]] = {}
    for ent in e.entities:
        if ent.key in seen:  # the enricher should not repeat a key; keep the first rather than fail the batch
            continue
        seen[ent.key] = (e.article_id, ent.key, ent.name, ent.type, ent.role, ent.affiliation, len(ent.mentions))
    return list(seen.values())


def event_rows(e: EnrichedArticle) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """(events rows (article_id, position, event_id, type, status, earliest, latest, data),
    participant rows (article_id, event_id, participant))."""
    events, parts = [], []
    for i, ev in enumerate(e.events):
        earliest = ev.time.earliest if ev.time else None
        latest = ev.time.latest if ev.time else None
        events.append((e.article_id, i, ev.id, ev.type, ev.status, earliest, latest, dumps(ev.to_dict())))
        for p in dict.fromkeys([*ev.participants, *([ev.place] if ev.place else [])]):
            parts.append((e.article_id, ev.id, p))
    return events, parts


def highlight(snippet: str) -> str:
    """HTML-escape a snippet and turn the engine's match markers into <mark> elements."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def day_after(iso_date: str) -> str:
    """'2016-12-31' -> '2017-01-01': an inclusive 'to' date becomes an exclusive bound on ISO timestamps."""
    return (dt.date.fromisoformat(iso_date[:10]) + dt.timedelta(days=1)).isoformat()


def like_pattern(value: str) -> str:
    """A case-insensitive substring pattern; LIKE's own wildcards in the value are escaped (ESCAPE '\\')."""
    v = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{v}%"
