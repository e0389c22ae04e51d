"""Anonymous sources, browsable by description ("a senior Foreign Ministry official") and affiliation."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web.deps import Page, get_store, page_params, render, slice_page

router = APIRouter()

READ_CAP = 1000  # anonymous statements read per request to group them; the page says when the cap was reached


def _description(speaker: dict[str, Any]) -> str:
    label = (speaker.get("name") or speaker.get("label") or "").strip()
    for article in ("a ", "an ", "the "):
        if label.lower().startswith(article):
            label = label[len(article) :]
    return label.casefold()


def sources_data(store: Store, *, q: str | None, affiliation: str | None, page: Page) -> dict[str, Any]:
    """Anonymous sources grouped by (description, affiliation), most quoted first, each with its latest statements."""
    # The description filter goes to the store (it matches speaker names and labels); grouping happens here.
    rows = store.find_attributions(anonymous=True, speaker=q or None, limit=READ_CAP + 1)
    capped = len(rows) > READ_CAP
    groups: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "outlets": set(), "labels": set(), "latest": []}
    )
    for row in rows[:READ_CAP]:
        sp = row["attribution"]["speaker"]
        desc = _description(sp)
        aff = (sp.get("affiliation") or "").strip()
        if q and q.casefold() not in desc and q.casefold() not in (sp.get("label") or "").casefold():
            continue
        if affiliation and affiliation.casefold() not in aff.casefold():
            continue
        group = groups[(desc, aff)]
        group["count"] += 1
        group["labels"].add(sp.get("label") or desc)
        if row.get("outlet"):
            group["outlets"].add(row["outlet"])
        group["latest"].append(row)
    items = []
    for (desc, aff), g in groups.items():
        latest = sorted(g["latest"], key=lambda r: r.get("published") or "", reverse=True)[:3]
        items.append(
            {
                "description": desc,
                "affiliation": aff or None,
                "statements": g["count"],
                "labels": sorted(g["labels"])[:5],
                "outlets": sorted(g["outlets"]),
                "latest": latest,
            }
        )
    items.sort(key=lambda i: (-i["statements"], i["description"]))
    return slice_page(items, page, query={"q": q, "affiliation": affiliation}, read_capped=capped)


def _params(
    q: str | None = Query(None, max_length=200, description="Part of the description, e.g. 'official'"),
    affiliation: str | None = Query(None, max_length=200, description="Part of the affiliation, e.g. 'Foreign'"),
) -> dict[str, Any]:
    return {"q": q or None, "affiliation": affiliation or None}


@router.get("/api/sources", tags=["speakers"], summary="Anonymous sources")
def api_sources(
    params: dict[str, Any] = Depends(_params), page: Page = Depends(page_params), store: Store = Depends(get_store)
) -> dict[str, Any]:
    """Anonymous sources grouped by description and affiliation, with counts and their latest statements."""
    return sources_data(store, page=page, **params)


@router.get("/sources", include_in_schema=False, response_class=HTMLResponse)
def sources_page(
    request: Request,
    params: dict[str, Any] = Depends(_params),
    page: Page = Depends(page_params),
    store: Store = Depends(get_store),
) -> HTMLResponse:
    return render(request, "sources.html", sources_data(store, page=page, **params), title="Anonymous sources")
