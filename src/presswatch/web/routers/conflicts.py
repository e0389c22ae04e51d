"""Conflicting accounts: the list, and one conflict with its two accounts side by side, evidence highlighted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from presswatch.models import Article
from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, get_store, not_found, page_params, render, slice_page
from presswatch.web.highlight import Annotation, render_paragraphs

router = APIRouter()

ConflictId = Path(..., min_length=1, max_length=200, description="Conflict id")


def conflicts_data(
    store: Store, *, entity: str | None, topic: str | None, min_confidence: float, page: Page
) -> dict[str, Any]:
    items = analysis_bridge.conflicts(store, entity=entity, topic=topic, min_confidence=min_confidence)
    data = slice_page(items, page, query={"entity": entity, "topic": topic, "min_confidence": min_confidence})
    if not items and not (entity or topic or min_confidence):
        data["empty_hint"] = analysis_bridge.HOW_TO_FILL[analysis_bridge.CONFLICTS]
    return data


def _account(store: Store, article_id: str, evidence: dict[str, Any] | None, cue: dict[str, Any] | None):
    """One side: the article's metadata and the paragraphs holding the evidence, highlighted."""
    article = store.get_article(article_id) if article_id else None
    if article is None:
        return {"article": None, "paragraphs_html": []}
    notes = []
    if evidence:
        notes.append(Annotation(evidence["start"], evidence["end"], "quote", "quote evidence", {"data-evidence": "1"}))
    # The cue ("contradicted") belongs to one of the two articles: the one whose text has it at those offsets.
    if cue and article.text[cue["start"] : cue["end"]] == cue.get("text"):
        notes.append(Annotation(cue["start"], cue["end"], "cue", "cue conflict-cue", {}))
    return {
        "article": {k: v for k, v in article.to_dict().items() if k not in ("raw", "text", "paragraph_spans")},
        "paragraphs_html": _evidence_paragraphs(article, notes),
    }


def _evidence_paragraphs(article: Article, notes: list[Annotation]) -> list[Markup]:
    rendered = render_paragraphs(article, notes)
    if not notes:
        return rendered[:2]
    keep = [
        i
        for i, (s, e) in enumerate(article.paragraph_spans or [(0, len(article.text))])
        if any(n.start < e and n.end > s for n in notes)
    ]
    return [rendered[i] for i in keep] or rendered[:2]


def conflict_data(store: Store, conflict_id: str, *, with_html: bool) -> dict[str, Any]:
    rec = analysis_bridge.record(store, analysis_bridge.CONFLICTS, conflict_id)
    if rec is None:
        raise not_found("conflict", conflict_id, "list them at /conflicts")
    data: dict[str, Any] = {"conflict": rec}
    if with_html:
        cue = rec.get("cue")
        data["a"] = _account(store, rec.get("article_a", ""), rec.get("evidence_a"), cue)
        data["b"] = _account(store, rec.get("article_b", ""), rec.get("evidence_b"), cue)
    return data


def _params(
    entity: str | None = Query(None, max_length=300, description="Entity key or name: either speaker or a topic"),
    topic: str | None = Query(None, max_length=300, description="Topic key or name"),
    min_confidence: float = Query(0.0, ge=0.0, le=1.0, description="Only conflicts at least this confident"),
) -> dict[str, Any]:
    return {"entity": entity or None, "topic": topic or None, "min_confidence": min_confidence}


@router.get("/api/conflicts", tags=["conflicts"], summary="Conflicting accounts")
def api_conflicts(
    params: dict[str, Any] = Depends(_params), page: Page = Depends(page_params), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Pairs of claims that contradict each other, with the reason, the confidence and the evidence spans."""
    return conflicts_data(store, page=page, **params)


@router.get("/conflicts", include_in_schema=False, response_class=HTMLResponse)
def conflicts_page(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    return render(request, "conflicts.html", conflicts_data(store, page=page, **params), title="Conflicts")


@router.get("/api/conflicts/{conflict_id}", tags=["conflicts"], summary="One conflict")
def api_conflict(conflict_id: str = ConflictId, store: Store = Depends(get_store)) -> dict[str, Any]:
    """The stored conflict record: both claims, their speakers, evidence spans, reason and confidence."""
    return conflict_data(store, conflict_id, with_html=False)


@router.get("/conflicts/{conflict_id}", include_in_schema=False, response_class=HTMLResponse)
def conflict_page(request: Request, conflict_id: str = ConflictId, store: Store = Depends(get_store)) -> HTMLResponse:
    data = conflict_data(store, conflict_id, with_html=True)
    return render(request, "conflict.html", data, title="Conflict")
