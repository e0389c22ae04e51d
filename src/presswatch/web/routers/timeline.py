"""The timeline of an entity or topic: meetings, visits, talks, statements, with planned events marked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web.deps import get_store, render
from presswatch.web.errors import WebError

router = APIRouter()

MAX_EVENTS = 2000  # events drawn at most on one timeline (the API says when more exist)


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


def timeline_data(
    store: Store, *, entity: str | None, topic: str | None, date_from: str | None, date_to: str | None
) -> dict[str, Any]:
    subject = entity or topic
    if not subject:
        raise WebError(400, "bad_parameter", "give an entity (?entity=person:fumio-kishida) or a topic (?topic=...)")
    # The store matches `entity` against entity keys and names, which is also how a topic is named.
    rows = store.find_events(entity=subject, date_from=date_from, date_to=date_to, limit=MAX_EVENTS + 1)
    items = [timeline_item(r) for r in rows[:MAX_EVENTS]]
    items = [i for i in items if i["start"]]
    items.sort(key=lambda i: (i["start"], i["end"] or ""))
    return {
        "subject": subject,
        "query": {"entity": entity, "topic": topic, "from": date_from, "to": date_to},
        "total": len(items),
        "capped": len(rows) > MAX_EVENTS,
        "items": items,
        "planned": sum(1 for i in items if i["status"] == "planned"),
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
