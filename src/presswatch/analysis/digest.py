"""Digests: what happened in a period, grouped by story, with key statements and their speakers, new conflicts, and
upcoming planned events; optionally only what a watchlist matches. Rendered as Markdown or as HTML that reads well in
an e-mail client (inline styles only, every piece of article text escaped).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from presswatch.analysis.claims import iter_claims
from presswatch.analysis.conflicts import conflict_record, conflicts_among
from presswatch.analysis.stories import Story, cluster_stories
from presswatch.analysis.watchlists import Matcher, get_watchlist
from presswatch.errors import UsageError
from presswatch.models import Article, EnrichedArticle

KEY_STATEMENTS = 3  # per story
_NAMED_FIRST = {"person": 0, "organization": 1, "pronoun": 2, "anonymous": 3}


@dataclass(slots=True)
class Statement:
    speaker: str
    speaker_kind: str
    text: str
    article_id: str
    outlet: str | None


@dataclass(slots=True)
class DigestStory:
    story: Story
    headlines: list[tuple[str, str | None, str | None, str]]  # (title, outlet, date, article id)
    statements: list[Statement] = field(default_factory=list)


@dataclass(slots=True)
class Digest:
    since: str
    until: str
    watchlist: str | None
    stories: list[DigestStory]
    conflicts: list[dict[str, Any]]
    upcoming: list[dict[str, Any]]
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since,
            "until": self.until,
            "watchlist": self.watchlist,
            "articles": self.articles,
            "stories": [
                {
                    **s.story.to_record(),
                    "headlines": [{"title": t, "outlet": o, "date": d, "article_id": i} for t, o, d, i in s.headlines],
                    "statements": [_st(st) for st in s.statements],
                }
                for s in self.stories
            ],
            "conflicts": self.conflicts,
            "upcoming": self.upcoming,
        }


def _st(s: Statement) -> dict[str, Any]:
    return {
        "speaker": s.speaker,
        "kind": s.speaker_kind,
        "text": s.text,
        "article_id": s.article_id,
        "outlet": s.outlet,
    }


def _clip(text: str, n: int = 260) -> str:
    text = " ".join(text.split())
    if len(text) > 1 and text[0] in '“"' and text[-1] in '”"' and text.count("“") + text.count('"') <= 2:
        text = text[1:-1]  # one quotation around the whole: the caller adds its own marks
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _quote(text: str, n: int) -> str:
    """A statement in quotation marks unless it carries its own."""
    text = _clip(text, n)
    return text if any(q in text for q in '“”"') else f"“{text}”"


def _key_statements(members: list[tuple[Article, EnrichedArticle]], n: int = KEY_STATEMENTS) -> list[Statement]:
    """The story's most telling statements: named speakers before anonymous ones, direct quotes before indirect, one
    per speaker, longer before shorter (a two-word quote says little)."""
    cands = []
    for article, enriched in members:
        for a in enriched.attributions:
            if a.nested_in:
                continue
            text = article.text[a.content.start : a.content.end]
            if len(text) < 25:
                continue
            rank = (_NAMED_FIRST.get(a.speaker.kind, 4), 0 if a.form == "direct" else 1, -min(len(text), 300))
            cands.append((rank, a.speaker.name or a.speaker.label, a.speaker.kind, text, article))
    cands.sort(key=lambda c: c[0])
    out, seen = [], set()
    for _, speaker, kind, text, article in cands:
        if speaker.lower() in seen:
            continue
        seen.add(speaker.lower())
        out.append(Statement(speaker, kind, _clip(text), article.id, article.outlet))
        if len(out) == n:
            break
    return out


def _upcoming(items: list[tuple[Article, EnrichedArticle]], since: str) -> list[dict[str, Any]]:
    """Planned events reported in the period whose time is still ahead of the period start (or open)."""
    out, seen = [], set()
    for article, enriched in items:
        for ev in enriched.events:
            if ev.status != "planned":
                continue
            latest = ev.time.latest if ev.time else None
            if latest and latest[:10] < since:
                continue
            key = (ev.type, tuple(sorted(ev.participants)), ev.time.value if ev.time else "")
            if key in seen:
                continue
            seen.add(key)
            out.append(
                {
                    "type": ev.type,
                    "when": (ev.time.value or ev.time.text) if ev.time else "date not given",
                    "participants": ev.participants,
                    "place": ev.place,
                    "summary": ev.summary or article.text[ev.trigger.start : ev.trigger.end],
                    "evidence": _clip(" ".join(article.text[s.start : s.end] for s in ev.evidence[:1])),
                    "article_id": article.id,
                    "outlet": article.outlet,
                    "sort": (ev.time.earliest or ev.time.value) if ev.time else "9999",
                }
            )
    out.sort(key=lambda e: (e["sort"] or "9999", e["type"]))
    return out


def build_digest(store: Any, *, since: str, until: str, watchlist: str | None = None, max_stories: int = 30) -> Digest:
    """The digest of the period [since, until] (inclusive ISO dates), optionally only what ``watchlist`` matches."""
    if since > until:
        raise UsageError(f"--since {since} is after --until {until}: swap them")
    items = list(store.iter_enriched(since=since, until=until))
    if watchlist:
        matcher = Matcher(get_watchlist(store, watchlist))
        items = [(a, e) for a, e in items if matcher.match(a, e)]
    by_id = {a.id: (a, e) for a, e in items}
    stories = cluster_stories(items)[:max_stories]
    digest_stories = []
    for s in stories:
        members = [by_id[i] for i in s.articles if i in by_id]
        heads = [(a.title, a.outlet, (a.published or "")[:10] or None, a.id) for a, _ in members]
        digest_stories.append(DigestStory(s, heads, _key_statements(members)))
    claims = list(iter_claims(items))
    conflicts = [conflict_record(c, a, b) for c, a, b in conflicts_among(claims)]
    return Digest(since, until, watchlist, digest_stories, conflicts, _upcoming(items, since), len(items))


def render_markdown(d: Digest) -> str:
    """The digest as Markdown."""
    title = f"# presswatch digest {d.since} – {d.until}" + (f" (watchlist: {d.watchlist})" if d.watchlist else "")
    out = [title, "", f"{d.articles} articles in {len(d.stories)} stories.", ""]
    if d.stories:
        out.append("## Stories")
    for s in d.stories:
        st = s.story
        out += [
            "",
            f"### {st.title}",
            f"{st.size} article(s), {', '.join(st.outlets) or 'outlet unknown'}; "
            f"{st.first or '?'} – {st.last or '?'}" + (f"; {len(st.copies)} copies counted once" if st.copies else ""),
        ]
        for t, o, day, _ in s.headlines[:5]:
            out.append(f"- {t} — *{o or '?'}*, {day or '?'}")
        for q in s.statements:
            out.append(f"> **{q.speaker}** ({q.outlet or '?'}): {q.text}")
            out.append("")
    out += ["", "## Conflicting accounts"]
    if not d.conflicts:
        out.append("None found in this period.")
    for c in d.conflicts:
        out.append(
            f"- **{c['speaker_name_a']}**: {_quote(c['evidence_a']['text'], 160)} vs **{c['speaker_name_b']}**: "
            f"{_quote(c['evidence_b']['text'], 160)} — {c['reason']} ({c['confidence']:.2f}; {c['explanation']})"
        )
    out += ["", "## Upcoming (planned)"]
    if not d.upcoming:
        out.append("Nothing planned was reported.")
    for e in d.upcoming:
        out.append(f"- {e['when']}: {e['type']} — {e['summary']} ({e['outlet'] or '?'})")
    return "\n".join(out) + "\n"


_S = {
    "body": "font-family:Georgia,serif;color:#222;max-width:680px;margin:0 auto;padding:12px;line-height:1.45",
    "h1": "font-size:22px;margin:0 0 4px 0",
    "h2": "font-size:17px;border-bottom:1px solid #ccc;margin:22px 0 8px 0;padding-bottom:3px",
    "h3": "font-size:15px;margin:14px 0 2px 0",
    "meta": "color:#666;font-size:12px;margin:0 0 6px 0",
    "quote": "border-left:3px solid #1f6feb;margin:6px 0;padding:2px 10px;color:#333;font-size:14px",
    "conflict": "border-left:3px solid #c62828;margin:8px 0;padding:2px 10px;font-size:14px",
    "li": "margin:2px 0;font-size:14px",
}


def render_html(d: Digest) -> str:
    """The digest as an HTML e-mail body: inline styles only (mail clients drop <style>), all text escaped."""
    e = html.escape
    title = f"presswatch digest {d.since} – {d.until}" + (f" (watchlist: {d.watchlist})" if d.watchlist else "")
    out = [
        "<!DOCTYPE html>",
        '<html><head><meta charset="utf-8"><title>' + e(title) + "</title></head>",
        f'<body style="{_S["body"]}">',
        f'<h1 style="{_S["h1"]}">{e(title)}</h1>',
        f'<p style="{_S["meta"]}">{d.articles} articles in {len(d.stories)} stories.</p>',
    ]
    if d.stories:
        out.append(f'<h2 style="{_S["h2"]}">Stories</h2>')
    for s in d.stories:
        st = s.story
        meta = (
            f"{st.size} article(s) · {', '.join(st.outlets) or 'outlet unknown'} · {st.first or '?'} – {st.last or '?'}"
        )
        out.append(f'<h3 style="{_S["h3"]}">{e(st.title)}</h3><p style="{_S["meta"]}">{e(meta)}</p><ul>')
        for t, o, day, _ in s.headlines[:5]:
            out.append(f'<li style="{_S["li"]}">{e(t)} — <i>{e(o or "?")}</i>, {e(day or "?")}</li>')
        out.append("</ul>")
        for q in s.statements:
            out.append(
                f'<blockquote style="{_S["quote"]}"><b>{e(q.speaker)}</b> ({e(q.outlet or "?")}): {e(q.text)}'
                "</blockquote>"
            )
    out.append(f'<h2 style="{_S["h2"]}">Conflicting accounts</h2>')
    if not d.conflicts:
        out.append(f'<p style="{_S["meta"]}">None found in this period.</p>')
    for c in d.conflicts:
        out.append(
            f'<div style="{_S["conflict"]}"><b>{e(c["speaker_name_a"])}</b>: {e(_quote(c["evidence_a"]["text"], 200))}'
            f"<br><b>{e(c['speaker_name_b'])}</b>: {e(_quote(c['evidence_b']['text'], 200))}"
            f'<br><span style="color:#666;font-size:12px">{e(c["reason"])} · confidence {c["confidence"]:.2f} · '
            f"{e(c['explanation'])}</span></div>"
        )
    out.append(f'<h2 style="{_S["h2"]}">Upcoming (planned)</h2>')
    if not d.upcoming:
        out.append(f'<p style="{_S["meta"]}">Nothing planned was reported.</p>')
    else:
        out.append("<ul>")
        for ev in d.upcoming:
            out.append(
                f'<li style="{_S["li"]}"><b>{e(ev["when"])}</b>: {e(ev["type"])} — {e(ev["summary"])} '
                f"({e(ev['outlet'] or '?')})</li>"
            )
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def render(d: Digest, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(d)
    if fmt == "html":
        return render_html(d)
    raise UsageError(f"unknown digest format {fmt!r}: use md or html")


DIGESTS = "digests"


def save_digest(store: Any, d: Digest) -> str:
    """Store a built digest (kind "digests", key "since..until[@watchlist]") with both renderings; return its key."""
    key = f"{d.since}..{d.until}" + (f"@{d.watchlist}" if d.watchlist else "")
    store.put_records(DIGESTS, [(key, {**d.to_dict(), "markdown": render_markdown(d), "html": render_html(d)})])
    return key
