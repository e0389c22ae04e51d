"""One module per resource; each serves its page and its ``/api/...`` JSON twin from one data function."""

from __future__ import annotations

from presswatch.web.routers import (
    articles,
    conflicts,
    digests,
    entities,
    home,
    ingest,
    search,
    sources,
    stories,
    timeline,
    watchlists,
)

ROUTERS = [
    home.router,
    search.router,
    articles.router,
    entities.router,
    sources.router,
    conflicts.router,
    timeline.router,
    stories.router,
    watchlists.router,
    digests.router,
    ingest.router,
]
