"""Stories: articles grouped into one developing issue by the analysis."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web import analysis_bridge
from presswatch.web.deps import Page, get_store, not_found, page_params, render, slice_page

router = APIRouter()

StoryId = Path(..., min_length=1, max_length=200, description="Story id")


def _sort_key(story: dict[str, Any]) -> tuple[str, int]:
    last = story.get("last") or story.get("updated") or story.get("date") or ""
    return (str(last), len(story.get("articles", [])))


def stories_data(store: Store, *, q: str | None, page: Page) -> dict[str, Any]:
    items = analysis_bridge.records(store, analysis_bridge.STORIES)
    if q:
        needle = q.casefold()
        items = [s for s in items if needle in str(s.get("title") or s.get("label") or s.get("key")).casefold()]
    items.sort(key=_sort_key, reverse=True)
    data = slice_page(items, page, query={"q": q})
    if not items and not q:
        data["empty_hint"] = analysis_bridge.HOW_TO_FILL[analysis_bridge.STORIES]
    return data


def story_data(store: Store, story_id: str) -> dict[str, Any]:
    story = analysis_bridge.record(store, analysis_bridge.STORIES, story_id)
    if story is None:
        raise not_found("story", story_id, "list them at /stories")
    ids = [a if isinstance(a, str) else a.get("id") for a in story.get("articles", [])][:200]
    articles = []
    for article in store.iter_articles(ids=[i for i in ids if i]):
        articles.append(
            {"id": article.id, "title": article.title, "published": article.published, "outlet": article.outlet}
        )
    articles.sort(key=lambda a: a["published"] or "")
    return {"story": story, "articles": articles}


@router.get("/api/stories", tags=["stories"], summary="Stories")
def api_stories(
    q: str | None = Query(None, max_length=200, description="Part of the story title"),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Stories (groups of articles about one developing issue), latest first."""
    return stories_data(store, q=q or None, page=page)


@router.get("/stories", include_in_schema=False, response_class=HTMLResponse)
def stories_page(
    request: Request,
    q: str | None = Query(None, max_length=200),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    return render(request, "stories.html", stories_data(store, q=q or None, page=page), title="Stories")


@router.get("/api/stories/{story_id}", tags=["stories"], summary="One story")
def api_story(story_id: str = StoryId, store: Store = Depends(get_store)) -> dict[str, Any]:
    """The story record and its articles, oldest first."""
    return story_data(store, story_id)


@router.get("/stories/{story_id}", include_in_schema=False, response_class=HTMLResponse)
def story_page(request: Request, story_id: str = StoryId, store: Store = Depends(get_store)) -> HTMLResponse:
    data = story_data(store, story_id)
    return render(request, "story.html", data, title=str(data["story"].get("title") or "Story"))
