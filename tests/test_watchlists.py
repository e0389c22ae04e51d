"""Watchlists on the real store: CRUD, matching with aliases, after_ingest with webhook + e-mail, failing endpoints."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from presswatch.analysis.notify import NotifyOptions
from presswatch.analysis.watchlists import (
    ALERTS,
    add_watchlist,
    after_ingest,
    get_watchlist,
    list_watchlists,
    remove_watchlist,
    scan,
    watch_matches,
)
from presswatch.errors import NotFound, UsageError
from presswatch.store import open_store
from test_claims_fixtures import BORDER_CLAIM, BRIDGE_A, SILVER_MEETING, build
from test_notify import HookServer, SmtpServer, refused_port


@pytest.fixture
def store(tmp_path: Path) -> Iterator:
    s = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    yield s
    s.close()


def _ingest(store, *docs) -> list[str]:
    items = [build(d) for d in docs]
    store.add_articles([a for a, _ in items])
    store.save_enrichments([e for _, e in items])
    return [a.id for a, _ in items]


def test_crud_and_validation(store) -> None:
    add_watchlist(store, "islands", "Silver Islands", aliases=["Silver Isles"], email="me@test.invalid")
    add_watchlist(store, "dalsk", "Dalsk")
    assert [w.name for w in list_watchlists(store)] == ["dalsk", "islands"]
    assert get_watchlist(store, "islands").aliases == ["Silver Isles"]
    with pytest.raises(UsageError, match="exists"):
        add_watchlist(store, "islands", "x")
    with pytest.raises(UsageError, match="webhook"):
        add_watchlist(store, "w", "x", webhook="ftp://nope")
    with pytest.raises(UsageError, match="e-mail"):
        add_watchlist(store, "w", "x", email="not-an-address")
    with pytest.raises(UsageError, match="empty"):
        add_watchlist(store, "w", "  ")
    remove_watchlist(store, "dalsk")
    assert [w.name for w in list_watchlists(store)] == ["islands"]
    with pytest.raises(NotFound):
        remove_watchlist(store, "dalsk")


def test_after_ingest_records_matches_and_notifies_once(store) -> None:
    hook, smtp = HookServer(), SmtpServer()
    try:
        opts = NotifyOptions(smtp_host="127.0.0.1", smtp_port=smtp.port, timeout=2, backoff=0.01)
        # the alias from the gazetteer is not needed here: the watchlist's own alias finds the text
        add_watchlist(
            store, "islands", "Silver Isles", aliases=["Silver Islands"], webhook=hook.url, email="desk@test.invalid"
        )
        add_watchlist(store, "bridges", "bridge")
        ids = _ingest(store, SILVER_MEETING, BORDER_CLAIM, BRIDGE_A)
        lines = after_ingest(store, ids, opts)
        assert "watchlist islands: 1 new match(es)" in lines
        assert "watchlist bridges: 1 new match(es)" in lines
        assert any("webhook" in ln and "delivered" in ln for ln in lines)
        assert any("email desk@test.invalid: delivered" in ln for ln in lines)
        (payload,) = hook.received
        assert payload["watchlist"] == "islands" and payload["matches"][0]["article_id"] == ids[0]
        assert len(smtp.messages) == 1 and b"Ruritania says islands" in smtp.messages[0][2]
        assert [m["article_id"] for m in watch_matches(store, "islands")] == [ids[0]]
        # the same articles again (re-ingest): nothing new, nothing sent
        assert after_ingest(store, ids, opts) == []
        assert len(hook.received) == 1 and len(smtp.messages) == 1
    finally:
        hook.close()
        smtp.close()


def test_failing_endpoints_are_reported_and_never_fail_the_ingest(store) -> None:
    bad = HookServer(status=500, fail_first=99)
    try:
        add_watchlist(store, "a", "Silver Islands", webhook=bad.url)
        add_watchlist(
            store, "b", "Silver Islands", webhook=f"http://127.0.0.1:{refused_port()}/x", email="x@test.invalid"
        )
        opts = NotifyOptions(
            smtp_host="127.0.0.1", smtp_port=refused_port(), timeout=1, attempts=2, backoff=0.01, deadline=2
        )
        t0 = time.monotonic()
        lines = after_ingest(store, _ingest(store, SILVER_MEETING), opts)
        assert time.monotonic() - t0 < 10
        failed = [ln for ln in lines if "FAILED" in ln]
        assert len(failed) == 3 and any("HTTP 500" in ln for ln in failed)
        alerts = [d for _, d in store.get_records(ALERTS)]
        assert len(alerts) == 2 and all(not x["ok"] for a in alerts for x in a["deliveries"])
        assert watch_matches(store, "a")  # the match is recorded even though nobody could be told
    finally:
        bad.close()


def test_scan_matches_existing_articles_through_entities(store) -> None:
    _ingest(store, SILVER_MEETING, BRIDGE_A)
    add_watchlist(store, "tanaka", "person:akira-tanaka")  # an entity key, not a word of the text
    assert scan(store, "tanaka") == 1
    (m,) = watch_matches(store, "tanaka")
    assert m["reason"] == "entity: person:akira-tanaka"
