"""Timelines: for an entity or a topic (with its aliases), the dated events and statements in order, with sources.

An entry is an event (meeting, visit, ...) or a statement. Its date is the resolved time of the event or statement
when the text gives one, else the article's date (marked "reported"). The same event reported by several articles
(same type, same participants, same time) is one entry with several sources. Planned events are marked as planned.

Rendering: ``render_text`` for people, ``Timeline.to_dict`` for machines, ``render_svg`` for an image.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from presswatch.analysis.identity_adapter import expand, matcher_for, text_pattern
from presswatch.analysis.text import sentence_bounds
from presswatch.errors import QueryError
from presswatch.models import Article, EnrichedArticle

MAX_TEXT = 220
_QUOTE_CHARS = ' “”"'


@dataclass(slots=True)
class Source:
    article_id: str
    title: str
    outlet: str | None
    published: str | None
    start: int  # evidence span in the article text
    end: int
    text: str


@dataclass(slots=True)
class TimelineEntry:
    sort_key: str  # ISO date used for ordering (the earliest the expression allows)
    when: str  # how to show the time: "2015-09", "before 2015-12-31", "2015-10-15 (reported)"
    kind: str  # event | statement
    type: str  # meeting | visit | ... for events; the speaker kind for statements
    status: str  # held | planned | cancelled | said
    summary: str
    participants: list[str] = field(default_factory=list)
    speaker: str | None = None
    place: str | None = None
    dated_by: str = "text"  # text | article (no time in the text: the article's date stands in)
    sources: list[Source] = field(default_factory=list)

    @property
    def planned(self) -> bool:
        return self.status == "planned"

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.sort_key,
            "when": self.when,
            "kind": self.kind,
            "type": self.type,
            "status": self.status,
            "planned": self.planned,
            "summary": self.summary,
            "participants": self.participants,
            "speaker": self.speaker,
            "place": self.place,
            "dated_by": self.dated_by,
            "sources": [_source_dict(s) for s in self.sources],
        }


def _source_dict(s: Source) -> dict[str, Any]:
    return {
        "article_id": s.article_id,
        "title": s.title,
        "outlet": s.outlet,
        "published": s.published,
        "start": s.start,
        "end": s.end,
        "text": s.text,
    }


@dataclass(slots=True)
class Timeline:
    query: str
    aliases: list[str]
    entries: list[TimelineEntry]

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "aliases": self.aliases, "entries": [e.to_dict() for e in self.entries]}


def _clip(text: str, n: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _display(key: str, names: dict[str, str]) -> str:
    """An entity key shown as its name in the article ("person:fumio-kishida" -> "Fumio Kishida")."""
    if key in names:
        return names[key]
    if ":" in key:
        return key.split(":", 1)[1].replace("-", " ").title()
    return key


def _event_when(ev: Any, published: str | None) -> tuple[str, str, str]:
    """(sort key, label, dated_by) of an event."""
    t = ev.time
    if t is not None and (t.earliest or t.value):
        sort = t.earliest or t.value
        if t.kind in ("before", "vague") and published:  # "before yearend": ordered at its latest possible date
            sort = t.latest or published[:10]
        return sort[:10], t.value or t.text, "text"
    day = (published or "")[:10]
    return day, f"{day} (reported)" if day else "undated", "article"


def entries_for_article(
    article: Article, enriched: EnrichedArticle, match: Any, pattern: Any
) -> Iterator[TimelineEntry]:
    """The events and statements of one article that concern the query."""
    names = {e.key: e.name for e in enriched.entities}
    published = article.published
    # An article that names the topic more than once is about it: all its events belong to the topic's story (the
    # meeting where the islands were discussed need not name them in the same sentence). Otherwise an event counts
    # when its participants or place are the query, or its paragraph names it.
    about_article = len(pattern.findall(article.title + "\n" + article.text)) >= 2
    for ev in enriched.events:
        s0, e0 = sentence_bounds(article.text, ev.trigger.start, ev.trigger.end, enriched.sentences)
        sentence = article.text[s0:e0]
        para = next((article.text[a:b] for a, b in article.paragraph_spans if a <= ev.trigger.start < b), sentence)
        about = about_article or any(match(p) for p in ev.participants) or match(ev.place) or bool(pattern.search(para))
        if not about:
            continue
        sort, when, dated_by = _event_when(ev, published)
        parts = [_display(p, names) for p in ev.participants]
        place = _display(ev.place, names) if ev.place else None
        summary = ev.summary or f"{ev.type}: {', '.join(parts)}" + (f" in {place}" if place else "")
        yield TimelineEntry(
            sort_key=sort,
            when=when,
            kind="event",
            type=ev.type,
            status=ev.status,
            summary=_clip(summary),
            participants=parts,
            place=place,
            dated_by=dated_by,
            sources=[Source(article.id, article.title, article.outlet, published, s0, e0, _clip(sentence))],
        )
    for att in enriched.attributions:
        content = article.text[att.content.start : att.content.end]
        sp = att.speaker
        if not (pattern.search(content) or match(sp.entity) or match(sp.name)):
            continue
        day = (att.time or published or "")[:10]
        speaker = sp.name or sp.label
        yield TimelineEntry(
            sort_key=day,
            when=att.time or (f"{day} (reported)" if day else "undated"),
            kind="statement",
            type=sp.kind,
            status="said",
            summary=_clip(f"{speaker}: “{content.strip(_QUOTE_CHARS)}”"),
            speaker=speaker,
            dated_by="text" if att.time else "article",
            sources=[
                Source(
                    article.id,
                    article.title,
                    article.outlet,
                    published,
                    att.content.start,
                    att.content.end,
                    _clip(content),
                )
            ],
        )


def _merge(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """One entry per event reported several times (same type, participants, time); statements stay apart."""
    out: list[TimelineEntry] = []
    seen: dict[tuple[Any, ...], TimelineEntry] = {}
    for e in entries:
        if e.kind != "event":
            out.append(e)
            continue
        key = (e.type, tuple(sorted(p.lower() for p in e.participants)), e.when if e.dated_by == "text" else e.sort_key)
        if key in seen:
            prev = seen[key]
            if all(s.article_id != e.sources[0].article_id for s in prev.sources):
                prev.sources.extend(e.sources)
            continue
        seen[key] = e
        out.append(e)
    return out


def build_timeline(
    items: Iterable[tuple[Article, EnrichedArticle]], query: str, aliases: Iterable[str] = ()
) -> Timeline:
    """The timeline of ``query`` (entity or topic, with its aliases) over the given enriched articles."""
    if not query.strip():
        raise QueryError(
            'empty timeline query: give an entity or topic, e.g. presswatch timeline "Northern Territories"'
        )
    aliases = list(aliases)
    match = matcher_for(query, aliases)
    pattern = text_pattern(query, aliases)
    entries: list[TimelineEntry] = []
    for article, enriched in items:
        if article.duplicate_of:  # a syndicated copy says nothing its original does not
            continue
        entries.extend(entries_for_article(article, enriched, match, pattern))
    entries.sort(key=lambda e: (e.sort_key or "9999", 0 if e.kind == "event" else 1, e.sources[0].published or ""))
    _, names = expand(query, aliases)
    return Timeline(query=query, aliases=sorted(names), entries=_merge(entries))


def timeline_from_store(store: Any, query: str, aliases: Iterable[str] = (), *, limit: int = 5000) -> Timeline:
    """The timeline of ``query`` over the stored articles that mention it (found with the store's full-text search)."""
    from presswatch.store.base import SearchQuery

    aliases = list(aliases)
    _, names = expand(query, aliases)
    text = " OR ".join(f'"{n}"' for n in sorted(names) if '"' not in n)
    try:
        ids = [h.id for h in store.search(SearchQuery(text=text, limit=limit, snippets=False)).hits]
    except QueryError:  # a name the search syntax cannot hold: fall back to scanning every article
        return build_timeline(store.iter_enriched(), query, aliases)
    return build_timeline(store.iter_enriched(ids=ids), query, aliases) if ids else build_timeline([], query, aliases)


def render_text(timeline: Timeline) -> str:
    """The timeline for people: one line per entry, sources indented under it."""
    lines = [f"Timeline: {timeline.query}" + (f" (also: {', '.join(timeline.aliases)})" if timeline.aliases else "")]
    if not timeline.entries:
        lines.append("  (nothing found)")
    for e in timeline.entries:
        flag = " [PLANNED]" if e.planned else " [cancelled]" if e.status == "cancelled" else ""
        label = e.type if e.kind == "event" else "said"
        lines.append(f"{e.when:<24} {label:<16}{flag} {e.summary}")
        for s in e.sources:
            lines.append(f"{'':<24}   — {s.outlet or '?'}, {(s.published or '')[:10]}: {s.title} [{s.article_id[:10]}]")
    return "\n".join(lines)


def _ordinal(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        try:
            return date.fromisoformat(iso[:7] + "-01").toordinal()
        except ValueError:
            return None


def render_svg(timeline: Timeline, *, width: int = 960, row: int = 26) -> str:
    """The timeline as SVG: a time axis, one row per entry (events filled, statements hollow, planned dashed)."""
    entries = [e for e in timeline.entries if _ordinal(e.sort_key) is not None]
    left, axis_w = 120, 260
    height = 60 + row * max(1, len(entries))
    days = [_ordinal(e.sort_key) for e in entries]
    lo, hi = (min(days), max(days)) if days else (0, 1)
    span = max(1, hi - lo)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="12" role="img" aria-label="Timeline of {html.escape(timeline.query)}">',
        f"<title>Timeline: {html.escape(timeline.query)}</title>",
        f'<text x="8" y="20" font-size="15" font-weight="bold">Timeline: {html.escape(timeline.query)}</text>',
        f'<line x1="{left}" y1="36" x2="{left + axis_w}" y2="36" stroke="#888"/>',
    ]
    if days:
        for frac, d in ((0.0, lo), (1.0, hi)):
            label = date.fromordinal(d).isoformat()
            out.append(f'<text x="{left + frac * axis_w:.0f}" y="32" text-anchor="middle" fill="#555">{label}</text>')
    for i, (e, d) in enumerate(zip(entries, days, strict=True)):
        y = 56 + i * row
        x = left + (d - lo) / span * axis_w
        colour = "#1f6feb" if e.kind == "event" else "#b35900"
        fill = colour if e.kind == "event" else "white"
        dash = ' stroke-dasharray="3,2"' if e.planned else ""
        out.append(f'<line x1="{left}" y1="{y}" x2="{left + axis_w}" y2="{y}" stroke="#eee"/>')
        out.append(f'<circle cx="{x:.1f}" cy="{y}" r="6" fill="{fill}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="8" y="{y + 4}" fill="#333">{html.escape(e.when[:18])}</text>')
        tag = " (planned)" if e.planned else ""
        label = f"{e.type}{tag}: {e.summary}" if e.kind == "event" else e.summary
        out.append(f'<text x="{left + axis_w + 14}" y="{y + 4}">{html.escape(_clip(label, 90))}</text>')
    out.append("</svg>")
    return "\n".join(out)
