"""Pages and their JSON twins over a real SQLite store (and the main views on PostgreSQL too)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presswatch.store import open_store
from presswatch.store.testing import temporary_pg_schema
from presswatch.web import create_app
from presswatch.web.sample import populate


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'store.db'}"
    store = open_store(url)
    populate(store)
    store.close()
    return url


@pytest.fixture(scope="module")
def ids(sqlite_url: str) -> dict[str, str]:
    store = open_store(sqlite_url)
    try:
        by_source = {a.source: a.id for a in store.iter_articles()}
    finally:
        store.close()
    return {
        "meeting": by_source["sample:meeting"],
        "followup": by_source["sample:followup"],
        "hostile": by_source["sample:hostile"],
        "conflict": "c-sample-1",
    }


@pytest.fixture(scope="module")
def client(sqlite_url: str):
    with TestClient(create_app(sqlite_url)) as c:
        yield c


def test_search_returns_hits_snippets_and_facets(client):
    r = client.get("/api/search", params={"q": "isles", "limit": 2})
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 3 and data["limit"] == 2 and data["offset"] == 0 and len(data["items"]) == 2
    assert all("<mark>" in hit["snippet"].lower() for hit in data["items"])
    outlets = {f["value"]: f["count"] for f in data["facets"]["outlet"]}
    assert outlets["Morning Ledger"] == 1 and outlets["Evening Courier"] == 1
    assert {f["value"] for f in data["facets"]["month"]} == {"2031-03"}
    assert data["facets_sample"] is None  # a small match set: every match counted, no sample note
    page2 = client.get("/api/search", params={"q": "isles", "limit": 2, "offset": 2}).json()
    assert len(page2["items"]) == 1
    assert {h["id"] for h in page2["items"]}.isdisjoint(h["id"] for h in data["items"])


def test_search_filters_by_facet_and_date(client):
    r = client.get("/api/search", params={"q": "isles", "outlet": "Evening Courier"})
    assert [h["title"] for h in r.json()["items"]] == ["Orlov repeats denial over isles talks"]
    r = client.get("/api/search", params={"q": "isles", "from": "2031-03-06"})
    assert r.json()["total"] == 1


def test_search_page_shows_hits_at_once_and_loads_facets_after(client):
    html = client.get("/search", params={"q": "isles"}).text
    assert "<mark>" in html.lower() and "3</strong> articles" in html
    assert 'hx-get="/search/facets?q=isles"' in html and 'data-facet="outlet"' not in html
    fragment = client.get("/search/facets", params={"q": "isles"}).text
    assert 'data-facet="outlet"' in fragment and 'class="histogram"' in fragment
    assert 'id="histogram" hx-swap-oob="true"' in fragment
    inline = client.get("/search", params={"q": "isles", "facets": "true"}).text  # without JavaScript
    assert 'data-facet="outlet"' in inline and 'class="histogram"' in inline
    assert client.get("/api/search", params={"q": "isles", "facets": "false"}).json()["facets"] is None


def test_article_api_has_text_and_attributions(client, ids):
    data = client.get(f"/api/articles/{ids['meeting']}").json()
    art, enr = data["article"], data["enrichment"]
    assert art["print_citation"] == {"paper": "Morning Ledger", "date": "2031-03-04", "page": "2"}
    assert "raw" not in art
    q2 = next(a for a in enr["attributions"] if a["id"] == "q2")
    assert art["text"][q2["content"]["start"] : q2["content"]["end"]] == "the Grey Isles were not on the agenda at all."
    # a unique prefix works too
    assert client.get(f"/api/articles/{ids['meeting'][:8]}").json()["article"]["id"] == ids["meeting"]


def test_article_page_highlights_statements_with_speaker_identity(client, ids):
    html = client.get(f"/articles/{ids['meeting']}").text
    assert "Morning Ledger, 2031-03-04, p. 2" in html
    quoted = set(re.findall(r'class="quote sp-\d" data-att="(q\d)"', html))
    assert quoted == {"q1", "q2", "q3", "q4"}
    assert 'title="Aiko Tanabe (Foreign Minister, Japan) - mixed statement"' in html
    assert "anonymous source" in html and 'id="q3"' in html
    assert 'href="/entities/person:boris-orlov"' in html


def test_entity_page_lists_statements_meetings_and_conflicts(client):
    data = client.get("/api/entities/person:boris-orlov").json()
    assert data["entity"]["name"] == "Boris Orlov"
    texts = [row["attribution"]["content"]["text"] for row in data["statements"]["items"]]
    assert texts == [
        "the Grey Isles had not been raised in Vladivostok",
        "the Grey Isles were not on the agenda at all.",
    ]
    assert data["statements"]["total"] == 2
    one = client.get("/api/entities/person:boris-orlov", params={"limit": 1}).json()["statements"]
    assert len(one["items"]) == 1 and one["total"] == 2 and one["limit"] == 1
    second = client.get("/api/entities/person:boris-orlov", params={"limit": 1, "offset": 1}).json()["statements"]
    assert second["items"][0]["article_id"] != one["items"][0]["article_id"] and second["total"] == 2
    assert {m["who"] for m in data["met"]} == {"person:aiko-tanabe"}
    assert [c["id"] for c in data["conflicts"]] == ["c-sample-1"]
    html = client.get("/entities/person:boris-orlov").text
    assert "Met with" in html and "/conflicts/c-sample-1" in html


def test_entity_list_pages_with_exact_totals(client):
    first = client.get("/api/entities", params={"limit": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2
    rest = client.get("/api/entities", params={"limit": 2, "offset": 2}).json()
    assert rest["total"] == 3 and len(rest["items"]) == 1
    people = client.get("/api/entities", params={"type": "PERSON", "limit": 1}).json()
    assert people["total"] == 2


def test_unknown_entity_is_404(client):
    r = client.get("/api/entities/person:nobody-at-all")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_anonymous_sources_grouped_and_filtered(client):
    data = client.get("/api/sources").json()
    descriptions = {i["description"] for i in data["items"]}
    assert {"senior foreign ministry official", "government source"} <= descriptions
    only = client.get("/api/sources", params={"affiliation": "foreign"}).json()
    assert [i["description"] for i in only["items"]] == ["senior foreign ministry official"]
    assert only["items"][0]["affiliation"] == "Foreign Ministry"


def test_conflicts_list_and_side_by_side_page(client, ids):
    data = client.get("/api/conflicts").json()
    assert data["total"] == 1 and data["items"][0]["speaker_b"] == "person:boris-orlov"
    html = client.get("/conflicts/c-sample-1").text
    assert html.count('data-evidence="1"') >= 2  # both accounts highlighted
    assert "conflict-cue" in html  # the explicit cue "contradicted" is marked
    assert client.get("/api/conflicts", params={"entity": "person:nobody"}).json()["total"] == 0


def test_timeline_has_held_and_planned_events(client):
    data = client.get("/api/timeline", params={"entity": "person:aiko-tanabe"}).json()
    assert [(i["start"], i["status"]) for i in data["items"]] == [("2031-03-03", "held"), ("2031-06-01", "planned")]
    assert data["planned"] == 1
    html = client.get("/timeline", params={"entity": "person:aiko-tanabe"}).text
    assert 'id="timeline-data"' in html and "/static/timeline.js" in html


def test_records_pages(client, ids):
    stories = client.get("/api/stories").json()
    assert stories["items"][0]["title"] == "Grey Isles talks"
    story = client.get("/api/stories/s-grey-isles").json()
    assert [a["id"] for a in story["articles"]] == [ids["meeting"], ids["followup"]]
    wl = client.get("/api/watchlists/isles").json()
    assert wl["matches"]["total"] == 2  # the two articles that name the Grey Isles
    digest = client.get("/digests/2031-03-04..2031-03-08").text
    assert "Boris Orlov" in digest and "/conflicts/c-sample-1" in digest
    assert "Orlov repeats denial" in digest
    for path in ("/stories", "/watchlists", "/digests", "/entities", "/sources", "/conflicts", "/", "/api/docs"):
        assert client.get(path).status_code == 200, path


def test_empty_store_shows_empty_states(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    with TestClient(create_app(url)) as c:
        conflicts = c.get("/api/conflicts").json()
        assert conflicts["total"] == 0 and "presswatch analyse" in conflicts["empty_hint"]
        assert "No conflicting accounts found." in c.get("/conflicts").text
        assert "No stories yet." in c.get("/stories").text
        assert "This store is empty." in c.get("/").text
        assert "No article matches." in c.get("/search?q=anything").text


@pytest.mark.postgres
def test_main_views_on_postgresql(pg_url: str):
    with temporary_pg_schema(pg_url) as url:
        store = open_store(url)
        ids = populate(store)
        store.close()
        with TestClient(create_app(url)) as c:
            assert c.get("/api/search", params={"q": "isles"}).json()["total"] == 3
            assert 'class="quote sp-' in c.get(f"/articles/{ids['meeting']}").text
            assert c.get("/api/entities/person:boris-orlov").json()["statements"]["total"] == 2
            assert c.get("/api/conflicts").json()["total"] == 1
            assert c.get("/api/search", params={"q": '"open'}).json()["error"]["code"] == "bad_query"


def test_topic_timeline_uses_the_analysis_timeline(client):
    data = client.get("/api/timeline", params={"topic": "Grey Isles"}).json()
    kinds = {i["type"] for i in data["items"]}
    assert "statement" in kinds  # statements about the topic, not only events
    said = [i for i in data["items"] if i["type"] == "statement"]
    assert any("not on the agenda" in (i["label"] + (i["trigger"] or "")) for i in said)
    html = client.get("/timeline", params={"topic": "Grey Isles"}).text
    assert "Timeline: Grey Isles" in html


def test_facets_over_a_sample_say_so(sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    # More matches than the store's facet window: the counts cover the newest matches only, and the page says so.
    from presswatch.store.sqlite import SqliteStore

    monkeypatch.setattr(SqliteStore, "facet_window", 2)
    with TestClient(create_app(sqlite_url)) as c:
        assert c.get("/api/search", params={"q": "isles"}).json()["facets_sample"] == 2
        page = c.get("/search/facets", params={"q": "isles"})
        assert page.status_code == 200 and "Counts over the 2 newest matches" in page.text


def test_statements_without_a_speaker_make_no_blank_speaker_facet(tmp_path: Path):
    from presswatch.models import Speaker
    from test_claims_fixtures import BORDER_CLAIM, build

    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = open_store(url)
    article, enriched = build(BORDER_CLAIM)
    named = enriched.attributions[0]
    hedge = dataclasses.replace(named, id="q9", speaker=Speaker(kind="unknown", label=""))
    enriched.attributions.append(hedge)  # "troops appear to have crossed": PolNeAR's speakerless statements
    store.add_articles([article])
    store.save_enrichments([enriched])
    store.close()
    with TestClient(create_app(url)) as c:
        speakers = c.get("/api/search", params={"q": "border"}).json()["facets"]["speaker"]
    assert speakers and all(f["value"].strip() for f in speakers)
