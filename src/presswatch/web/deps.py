"""What every view needs: the store of this thread, pagination, the JSON page shape, and rendering a page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse

from presswatch.store.base import Store
from presswatch.web.errors import WebError

# How many rows a view reads at most to count a result that does not fit one page (the Store's find_* methods return
# rows, not counts). Past this the total is reported as a lower bound with "total_capped": true.
COUNT_CAP = 1000


def get_store(request: Request) -> Store:
    """FastAPI dependency: the store opened for the current worker thread."""
    return request.app.state.stores.get()


def in_parallel(request: Request, *calls: Callable[[Store], Any]) -> list[Any]:
    """Run independent store calls at once, each on its own connection (the database works while Python waits).

    A page that needs several slow aggregate queries then costs about the slowest of them, not their sum.
    """
    stores = request.app.state.stores
    futures = [request.app.state.pool.submit(lambda c=call: c(stores.get())) for call in calls]
    return [f.result() for f in futures]


@dataclass(slots=True)
class Page:
    limit: int
    offset: int


def page_params(
    request: Request,
    limit: int | None = Query(None, description="Items per page (default and maximum are server settings)"),
    offset: int = Query(0, ge=0, le=1_000_000, description="Items to skip"),
) -> Page:
    """FastAPI dependency: validated ``limit`` / ``offset``."""
    settings = request.app.state.settings
    if limit is None:
        limit = settings.page_size
    if not 1 <= limit <= settings.max_page_size:
        raise WebError(400, "bad_parameter", f"limit must be between 1 and {settings.max_page_size}, not {limit}")
    return Page(limit=limit, offset=offset)


def paginated(items: Sequence[Any], total: int, page: Page, **extra: Any) -> dict[str, Any]:
    """The JSON shape of every list: total, limit, offset, items (and view-specific extras)."""
    return {"total": total, "limit": page.limit, "offset": page.offset, "items": list(items), **extra}


def slice_page(items: Sequence[Any], page: Page, **extra: Any) -> dict[str, Any]:
    """Paginate a list that is already complete in memory (records, grouped rows)."""
    return paginated(items[page.offset : page.offset + page.limit], len(items), page, **extra)


def fetch_page(fetch: Callable[[int, int], list[Any]], page: Page, **extra: Any) -> dict[str, Any]:
    """Paginate a ``fetch(limit, offset)`` store call and count its total.

    One call reads the page plus one row; only when more rows exist does a second call count them, up to COUNT_CAP.
    """
    rows = fetch(page.limit + 1, page.offset)
    if len(rows) <= page.limit:
        return paginated(rows, page.offset + len(rows), page, total_capped=False, **extra)
    start = page.offset + len(rows)
    if start >= COUNT_CAP:
        return paginated(rows[: page.limit], start, page, total_capped=True, **extra)
    more = fetch(COUNT_CAP - start + 1, start)  # one more query, whatever the size of the result
    total = start + len(more)
    capped = total > COUNT_CAP
    return paginated(rows[: page.limit], min(total, COUNT_CAP), page, total_capped=capped, **extra)


def render(request: Request, template: str, data: dict[str, Any], *, title: str, status: int = 200) -> HTMLResponse:
    """Render a page from the same ``data`` its ``/api/...`` twin returns as JSON."""
    context = {"data": data, "title": title, "read_only": request.app.state.settings.read_only}
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status)


def not_found(what: str, key: str, hint: str) -> WebError:
    return WebError(404, "not_found", f"no {what} {key!r} in this store; {hint}")
