"""One article: metadata, print citation, its statements highlighted by speaker, entities linked."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse

from presswatch.models import Article, EnrichedArticle
from presswatch.store.base import Store
from presswatch.web.deps import get_store, not_found, render
from presswatch.web.highlight import article_annotations, render_paragraphs, speaker_identity, speaker_key

router = APIRouter()

ArticleId = Path(..., min_length=6, max_length=64, pattern=r"^[0-9a-zA-Z_-]+$", description="Article id or prefix")


def load_article(store: Store, article_id: str) -> tuple[Article, EnrichedArticle | None]:
    article = store.get_article(article_id)
    if article is None:
        raise not_found("article", article_id, "search for it at /search or /api/search")
    return article, store.get_enrichment(article.id)


def article_data(article: Article, enriched: EnrichedArticle | None) -> dict[str, Any]:
    """The article as JSON (without the raw page) with its enrichment, when there is one."""
    data = article.to_dict()
    data.pop("raw", None)
    return {"article": data, "enrichment": enriched.to_dict() if enriched else None}


def _statements(enriched: EnrichedArticle | None, colours: dict[str, int]) -> list[dict[str, Any]]:
    if enriched is None:
        return []
    rows = []
    for att in enriched.attributions:
        sp = att.speaker
        rows.append(
            {
                "id": att.id,
                "colour": colours.get(speaker_key(sp), 0),
                "identity": speaker_identity(sp),
                "speaker": sp.to_dict(),
                "cue": att.cue.text if att.cue else None,
                "content": att.content.text,
                "form": att.form,
                "nested_in": att.nested_in,
                "time": att.time,
            }
        )
    return rows


@router.get("/api/articles/{article_id}", tags=["articles"], summary="One article with its enrichment")
def api_article(article_id: str = ArticleId, store: Store = Depends(get_store)) -> dict[str, Any]:
    """The article (metadata, print citation, text, paragraph spans) and its enrichment: mentions, entities,
    attributions (who said what, with offsets into ``text``), time expressions and events."""
    return article_data(*load_article(store, article_id))


@router.get("/articles/{article_id}", include_in_schema=False, response_class=HTMLResponse)
def article_page(request: Request, article_id: str = ArticleId, store: Store = Depends(get_store)) -> HTMLResponse:
    article, enriched = load_article(store, article_id)
    data = article_data(article, enriched)
    notes, colours = article_annotations(enriched)
    data["paragraphs_html"] = render_paragraphs(article, notes)
    data["statements"] = _statements(enriched, colours)
    entities = sorted(enriched.entities, key=lambda e: (-len(e.mentions), e.name)) if enriched else []
    data["entities"] = [e.to_dict() for e in entities]
    return render(request, "article.html", data, title=article.title)
