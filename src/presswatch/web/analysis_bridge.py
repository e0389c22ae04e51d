"""The analysis library as the web views see it.

Analysis results (claims, conflicts, stories, watchlists, digests) live in the store as keyed records written by
``presswatch.analysis``. The views call the library's query functions when the library provides them and read the raw
records otherwise, so a store analysed by any version still shows what it has, and an unanalysed store shows an empty
state that says which command fills it.
"""

from __future__ import annotations

import importlib
from typing import Any

from presswatch.store.base import Store

CLAIMS = "claims"
CONFLICTS = "conflicts"
STORIES = "stories"
WATCHLISTS = "watchlists"
DIGESTS = "digests"
ALIASES = "aliases"

# What fills each kind, for the empty states.
HOW_TO_FILL = {
    CONFLICTS: "run `presswatch analyse` to find conflicting accounts",
    STORIES: "run `presswatch analyse` (stories are built with the conflicts)",
    WATCHLISTS: "add one with `presswatch watch add` or POST /api/watchlists (needs --token)",
    DIGESTS: "build one with `presswatch digest --since DATE --until DATE` (it is saved for this page)",
}


def library(name: str) -> Any | None:
    """``presswatch.analysis.<name>`` when it is installed and importable, else None."""
    try:
        return importlib.import_module(f"presswatch.analysis.{name}")
    except ImportError:
        return None


def records(store: Store, kind: str) -> list[dict[str, Any]]:
    """Every record of ``kind``, each with its key as ``key`` (added only when the record has none)."""
    out = []
    for key, data in store.get_records(kind):
        item = dict(data)
        item.setdefault("key", key)
        item.setdefault("id", key)
        out.append(item)
    return out


def record(store: Store, kind: str, key: str) -> dict[str, Any] | None:
    found = store.get_records(kind, keys=[key])
    if not found:
        return None
    item = dict(found[0][1])
    item.setdefault("key", key)
    item.setdefault("id", key)
    return item


def conflicts(
    store: Store, *, entity: str | None = None, topic: str | None = None, min_confidence: float = 0.0
) -> list[dict[str, Any]]:
    """Stored conflicts, newest and most confident first, filtered by entity (either speaker or a topic) or topic."""
    lib = library("conflicts")
    exact = all(":" in x for x in (entity, topic) if x)  # keys ("person:x") need no alias expansion
    if not exact and lib is not None and hasattr(lib, "query_conflicts"):
        return lib.query_conflicts(store, entity=entity, topic=topic, min_confidence=min_confidence)
    out = []
    for rec in records(store, CONFLICTS):
        if rec.get("confidence", 0) < min_confidence:
            continue
        if entity and entity not in (rec.get("speaker_a"), rec.get("speaker_b"), *rec.get("topics", [])):
            continue
        if topic and topic not in (rec.get("topic"), *rec.get("topics", [])):
            continue
        out.append(rec)
    out.sort(key=lambda r: (max(r.get("date_a") or "", r.get("date_b") or ""), r.get("confidence", 0)), reverse=True)
    return out
