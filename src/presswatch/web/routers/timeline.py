"""The timeline of an entity or topic: meetings, visits, talks, statements, with planned events marked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import get_store, render
from presswatch.web.errors import WebError

router = APIRouter()

MAX_EVENTS = 2000  # events drawn at most on one timeline (the API says when more exist)
# Articles read for a topic timeline: the best-ranked matches, to bound the latency (p95 <= 100 ms at 100,000
# articles; 300 took 0.2-0.3 s, most of it rebuilding the enrichments). The page says so.
TOPIC_ARTICLES = 100


def timeline_item(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a dated timeline item: its own time when the text resolves one, else the article's date."""
    ev = row["event"]
    time = ev.get("time") or {}
    start = time.get("earliest") or (time.get("value") if _is_date(time.get("value")) else None)
    end = time.get("latest") or start
    dated_by = "text"
    if not start:
        start = end = (row.get("published") or "")[:10] or None
        dated_by = "article"
    label = ev.get("summary") or f"{ev.get('type', 'event')}: {', '.join(ev.get('participants', [])[:3])}"
    return {
        "id": f"{row['article_id']}:{ev.get('id', '')}",
        "article_id": row["article_id"],
        "title": row.get("title"),
        "outlet": row.get("outlet"),
        "published": row.get("published"),
        "type": ev.get("type"),
        "status": ev.get("status", "held"),
        "start": start,
        "end": end,
        "dated_by": dated_by,
        "time_text": time.get("text"),
        "time_value": time.get("value"),
        "label": label,
        "participants": ev.get("participants", []),
        "place": ev.get("place"),
        "trigger": (ev.get("trigger") or {}).get("text"),
    }


def _is_date(value: str | None) -> bool:
    return bool(value) and len(value) >= 7 and value[:4].isdigit() and value[4] == "-"


def topic_item(entry: dict[str, Any]) -> dict[str, Any]:
    """One entry of ``presswatch.analysis.timeline`` (event or statement, merged across articles) as a timeline item."""
    source = (entry.get("sources") or [{}])[0]
    return {
        "id": f"{source.get('article_id', '')}:{entry.get('kind')}:{source.get('start', '')}",
        "article_id": source.get("article_id"),
        "title": source.get("title"),
        "outlet": source.get("outlet"),
        "published": source.get("published"),
        "type": entry.get("type") if entry.get("kind") == "event" else "statement",
        "status": entry.get("status", "held"),
        "start": entry.get("date") or None,
        "end": entry.get("date") or None,
        "dated_by": entry.get("dated_by", "text"),
        "time_text": entry.get("when"),
        "time_value": entry.get("when"),
        "label": entry.get("summary") or "",
        "participants": entry.get("participants", []),
        "place": entry.get("place"),
        "trigger": source.get("text"),
        "sources": len(entry.get("sources") or []),
    }


def _topic_items(store: Store, topic: str) -> tuple[list[dict[str, Any]], bool]:
    """Events and statements about a topic (names and aliases matched in the text), via the analysis library."""
    from presswatch.analysis.timeline import timeline_from_store

    # Aliases users added through PUT /api/aliases/{key} (the topic given as its key) join the packaged ones.
    found = store.get_records(analysis_bridge.ALIASES, keys=[topic])
    extra = list(found[0][1].get("aliases", [])) if found else []
    timeline = timeline_from_store(store, topic, extra, limit=TOPIC_ARTICLES)
    entries = timeline.to_dict()["entries"]
    return [topic_item(e) for e in entries[:MAX_EVENTS]], len(entries) > MAX_EVENTS


def timeline_data(
    store: Store, *, entity: str | None, topic: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any]:
    """An entity's events (by its key or name, from the store's event rows), or a topic's events and statements
    (from ``presswatch.analysis.timeline``, which also follows aliases such as "Southern Kurils")."""
    subject = entity or topic
    if not subject:
        raise WebError(400, "bad_parameter", "give an entity (?entity=person:fumio-kishida) or a topic (?topic=...)")
    if entity:
        rows = store.find_events(entity=entity, date_from=date_from, date_to=date_to, limit=MAX_EVENTS + 1)
        items, capped = [timeline_item(r) for r in rows[:MAX_EVENTS]], len(rows) > MAX_EVENTS
    else:
        items, capped = _topic_items(store, topic or "")
        items = [i for i in items if (not date_from or (i["start"] or "") >= date_from)]
        items = [i for i in items if (not date_to or (i["start"] or "")[:10] <= date_to)]
    items = [i for i in items if i["start"]]
    items.sort(key=lambda i: (i["start"], i["end"] or ""))
    return {
        "subject": subject,
        "query": {"entity": entity, "topic": topic, "from": date_from, "to": date_to},
        "total": len(items),
        "capped": capped,
        "items": items,
        "planned": sum(1 for i in items if i["status"] == "planned"),
        "articles_read_max": None if entity else TOPIC_ARTICLES,  # a topic reads its best-matching articles only
    }


def _params(
    entity: str | None = Query(None, max_length=300, description="Entity key or name"),
    topic: str | None = Query(None, max_length=300, description="Topic: an entity, place or issue name"),
    date_from: str | None = Query(None, alias="from", pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date"),
    date_to: str | None = Query(None, alias="to", pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date"),
) -> dict[str, Any]:
    return {"entity": entity or None, "topic": topic or None, "date_from": date_from, "date_to": date_to}


@router.get("/api/timeline", tags=["timeline"], summary="Timeline of an entity or topic")
def api_timeline(params: dict[str, Any] = Depends(_params), store: Store = Depends(get_store)) -> dict[str, Any]:
    """Dated events (held, planned, cancelled) in which the entity or topic takes part, oldest first."""
    return timeline_data(store, **params)


@router.get("/timeline", include_in_schema=False, response_class=HTMLResponse)
def timeline_page(
    request: Request, params: dict[str, Any] = Depends(_params), store: Store = Depends(get_store)
) -> HTMLResponse:
    if not (params["entity"] or params["topic"]):
        return render(request, "timeline.html", {"subject": None, "items": [], "total": 0}, title="Timeline")
    data = timeline_data(store, **params)
    return render(request, "timeline.html", data, title=f"Timeline: {data['subject']}")
