"""Full-text search with facets: ``/search`` and ``/api/search``."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import SearchQuery, SearchResults, Store
from presswatch.web.cache import TTLCache
from presswatch.web.deps import Page, get_store, page_params, render
from presswatch.web.errors import WebError

router = APIRouter()

FACETS = ("outlet", "kind", "month", "speaker", "entity", "tag")


def _check_date(name: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise WebError(400, "bad_parameter", f"{name} must be an ISO date such as 2015-10-15, not {value!r}") from None
    return value


def search_data(
    store: Store,
    *,
    q: str = "",
    outlet: list[str] | None = None,
    kind: list[str] | None = None,
    tag: list[str] | None = None,
    speaker: list[str] | None = None,
    entity: list[str] | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    page: Page,
    facets: bool = True,
    facet_cache: TTLCache | None = None,
    hits: bool = True,
) -> dict[str, Any]:
    """Run one search: hits with highlighted snippets and, with ``facets``, counts over all matches.

    Facets cost far more than the hits on a large store (they count every match), so the page loads them in a second
    request (``/search/facets``) and shows the hits at once. That request asks for the facets only (``hits`` False):
    no hits, and a total that may be a lower bound."""
    query = SearchQuery(
        text=q.strip(),
        outlet=outlet or [],
        kind=kind or [],
        tag=tag or [],
        speaker=speaker or [],
        entity=entity or [],
        date_from=_check_date("from", date_from),
        date_to=_check_date("to", date_to),
        limit=page.limit,
        offset=page.offset,
        facets=facets,
        hits=hits,
    )
    # Facets do not depend on the page: paging through results, or coming back, reuses the counts.
    key = (query.text, *map(tuple, (query.outlet, query.kind, query.tag, query.speaker, query.entity)),
           query.date_from, query.date_to)  # fmt: skip
    cached = facet_cache.get(key) if facets and facet_cache is not None else None
    if cached is not None:
        query.facets = False
    # raises QueryError (-> 400 bad_query) on malformed syntax; facets only, and known: nothing to ask the store
    results = store.search(query) if hits or cached is None else SearchResults(total=0, hits=[], total_exact=False)
    if cached is not None:
        facet_counts, facets_sample = cached
    else:
        # A value that is empty (a statement with no speaker: "appears to", "is expected to") cannot be filtered on.
        facet_counts = {
            name: [{"value": v, "count": n} for v, n in results.facets.get(name, []) if v and str(v).strip()]
            for name in FACETS
        }
        # On a large match set the store counts facets over the newest matches only, and says how many.
        facets_sample = results.facets_sample if facets else None
        if facets and facet_cache is not None:
            facet_cache.put(key, (facet_counts, facets_sample))
    params = {
        "q": query.text,
        "outlet": query.outlet,
        "kind": query.kind,
        "tag": query.tag,
        "speaker": query.speaker,
        "entity": query.entity,
        "from": query.date_from,
        "to": query.date_to,
    }
    return {
        "query": params,
        "total": results.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": [asdict(hit) for hit in results.hits],
        "facets": facet_counts if facets else None,
        "facets_sample": facets_sample if facets else None,  # None: the counts cover every match
    }


def _month_range(month: str) -> dict[str, str | None]:
    """First and last day of a "YYYY-MM" facet value, for the histogram's links."""
    try:
        first = dt.date.fromisoformat(month[:7] + "-01")
    except ValueError:
        return {"from": None, "to": None}
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return {"from": first.isoformat(), "to": (following - dt.timedelta(days=1)).isoformat()}


def _params(
    q: str = Query("", max_length=1000, description='Words, "phrases", AND / OR / NOT, prefix*'),
    outlet: list[str] = Query([], description="Only these outlets (repeatable)"),
    kind: list[str] = Query([], description="Only these article kinds (repeatable)"),
    tag: list[str] = Query([], description="Only articles with these tags (repeatable)"),
    speaker: list[str] = Query([], description="Only articles quoting this speaker: entity key or name (repeatable)"),
    entity: list[str] = Query([], description="Only articles mentioning this entity: key or name (repeatable)"),
    date_from: str | None = Query(None, alias="from", description="Published on or after (ISO date)"),
    date_to: str | None = Query(None, alias="to", description="Published on or before (ISO date)"),
) -> dict[str, Any]:
    return {
        "q": q,
        "outlet": outlet,
        "kind": kind,
        "tag": tag,
        "speaker": speaker,
        "entity": entity,
        "date_from": date_from,
        "date_to": date_to,
    }


@router.get("/api/search", tags=["search"], summary="Search articles")
def api_search(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    facets: bool = Query(True, description="Also count outlet, kind, month, speaker, entity and tag over all matches"),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> dict[str, Any]:
    """Full-text search with highlighted snippets and facets (outlet, kind, month, speaker, entity, tag)."""
    return search_data(store, page=page, facets=facets, facet_cache=request.app.state.facet_cache, **params)


def _with_histogram(data: dict[str, Any]) -> dict[str, Any]:
    months = data["facets"]["month"]
    data["histogram"] = [dict(f, **_month_range(f["value"])) for f in sorted(months, key=lambda f: f["value"])]
    data["histogram_max"] = max((f["count"] for f in months), default=0)
    return data


@router.get("/search", include_in_schema=False, response_class=HTMLResponse)
def search_page(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    facets: bool = Query(False, description="Render the facets in the page (without JavaScript)"),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    data = search_data(store, page=page, facets=facets, facet_cache=request.app.state.facet_cache, **params)
    if facets:
        _with_histogram(data)
    data["facets_url"] = "/search/facets" + (f"?{request.url.query}" if request.url.query else "")
    title = f"Search: {params['q']}" if params["q"] else "Search"
    return render(request, "search.html", data, title=title)


@router.get("/search/facets", include_in_schema=False, response_class=HTMLResponse)
def search_facets_fragment(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    """The facets and the month histogram of a search, as HTML fragments for the search page (htmx)."""
    cache = request.app.state.facet_cache
    data = _with_histogram(
        search_data(store, page=Page(limit=1, offset=0), facets=True, facet_cache=cache, hits=False, **params)
    )
    return request.app.state.templates.TemplateResponse(request, "search_facets.html", {"data": data})
