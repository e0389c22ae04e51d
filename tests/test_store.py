"""The Store protocol, run on both backends: SQLite in a temp folder and PostgreSQL on a throw-away schema."""

from __future__ import annotations

import os
import sqlite3

import pytest

from presswatch.errors import QueryError, StoreError
from presswatch.models import (
    Article,
    Attribution,
    EnrichedArticle,
    Entity,
    Event,
    PrintCitation,
    Span,
    Speaker,
    TimeRef,
    paragraphs_to_text,
)
from presswatch.store import open_store
from presswatch.store.base import SearchQuery, Store
from presswatch.store.query import build_search_query
from presswatch.store.testing import temporary_store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def make_article(title: str, paragraphs: list[str], **kw) -> Article:
    text, spans = paragraphs_to_text(paragraphs)
    return Article(title=title, text=text, paragraph_spans=spans, **kw)


# Invented articles (no real article text in the repository)
KURIL = make_article(
    "Foreign ministers meet over the Kuril islands",
    [
        "The foreign minister of Russia, Sergey Lavrov, said on Monday that the islands were not discussed.",
        "Japan's foreign minister said the Northern Territories came up twice <b>during</b> the talks.",
    ],
    outlet="Daily Planet",
    published="2016-03-01T10:00:00+09:00",
    kind="Translation",
    tags=["russia", "territory"],
    url="https://example.org/a",
    author="A. Writer",
    print_citation=PrintCitation(paper="Daily Planet", date="2016-03-01", page="2"),
    source="fixtures/a.txt",
    layout="plain",
    raw="raw text of a",
)
SUMMIT = make_article(
    "Summit planned for December",
    [
        "Officials in Tokyo are preparing a summit with Moscow for December.",
        "A government source said peace treaty talks would continue.",
    ],
    outlet="Morning Herald",
    published="2016-05-20",
    kind="Summary",
    tags=["summit"],
)
TRADE = make_article(
    "Trade figures rise",
    ["Exports to China rose by four percent, the ministry said.", "Analysts expected less."],
    outlet="Daily Planet",
    published="2017-01-10",
    kind="Report",
)


def enrichment_for(a: Article) -> EnrichedArticle:
    start = a.text.index("Sergey Lavrov")
    said = a.text.index("said")
    content_start = a.text.index("that the islands")
    content_end = a.text.index(".", content_start)
    return EnrichedArticle(
        article_id=a.id,
        sentences=[(0, content_end + 1)],
        attributions=[
            Attribution(
                id="q1",
                speaker=Speaker(
                    kind="person",
                    label="Sergey Lavrov",
                    span=Span(start, start + 13, "Sergey Lavrov"),
                    entity="person:sergey-lavrov",
                    name="Sergey Lavrov",
                    role="Foreign Minister",
                ),
                cue=Span(said, said + 4, "said"),
                content=Span(content_start, content_end, a.text[content_start:content_end]),
                form="indirect",
                outlet=a.outlet,
            ),
            Attribution(
                id="q2",
                speaker=Speaker(kind="anonymous", label="a source", name="government source"),
                cue=None,
                content=Span(0, 10, a.text[0:10]),
                form="indirect",
            ),
        ],
        entities=[
            Entity(
                key="person:sergey-lavrov", name="Sergey Lavrov", type="PERSON", role="Foreign Minister", mentions=[0]
            ),
            Entity(key="gpe:russia", name="Russia", type="GPE", mentions=[1, 2]),
        ],
        events=[
            Event(
                id="e1",
                type="talks",
                trigger=Span(0, 5, a.text[:5]),
                participants=["person:sergey-lavrov", "gpe:japan"],
                place="gpe:tokyo",
                time=TimeRef(0, 6, "Monday", "date", "2016-02-29", "2016-02-29", "2016-02-29"),
                status="held",
            )
        ],
        version="test-1",
    )


# ----------------------------------------------------------------------------------------------------------------------
# articles


def test_articles_round_trip_every_field_and_keep_insertion_order(store: Store):
    result = store.add_articles([KURIL, SUMMIT, TRADE])
    assert result.added == [KURIL.id, SUMMIT.id, TRADE.id]
    assert store.get_article(KURIL.id) == KURIL  # every field, raw and print citation included
    assert store.get_article(SUMMIT.id[:8]) == SUMMIT  # a unique prefix works
    assert store.get_article("0000000000") is None
    assert [a.id for a in store.iter_articles()] == [KURIL.id, SUMMIT.id, TRADE.id]
    assert [a.id for a in store.iter_articles(batch_size=1)] == [KURIL.id, SUMMIT.id, TRADE.id]
    assert [a.id for a in store.iter_articles(ids=[TRADE.id, KURIL.id])] == [KURIL.id, TRADE.id]
    assert store.count_articles() == 3


def test_adding_the_same_articles_again_stores_nothing_new(store: Store):
    store.add_articles([KURIL])
    again = store.add_articles([KURIL, SUMMIT, SUMMIT])
    assert again.added == [SUMMIT.id]
    assert again.existing == [KURIL.id, SUMMIT.id]
    assert store.count_articles() == 2
    assert store.existing_ids([KURIL.id, TRADE.id, SUMMIT.id]) == {KURIL.id, SUMMIT.id}


def test_minhashes_and_lsh_keys_are_persisted(store: Store):
    store.add_articles(
        [KURIL, SUMMIT],
        minhashes={KURIL.id: b"\x01\x02", SUMMIT.id: b"\x03"},
        lsh_keys={KURIL.id: [11, -5], SUMMIT.id: [11]},
    )
    assert dict(store.iter_minhashes()) == {KURIL.id: b"\x01\x02", SUMMIT.id: b"\x03"}
    rows = store.lsh_candidates([11, -5, 99])
    assert [(k, a, sig) for k, _, a, sig in rows] == [
        (-5, KURIL.id, b"\x01\x02"),
        (11, KURIL.id, b"\x01\x02"),
        (11, SUMMIT.id, b"\x03"),
    ]


def test_a_failing_batch_stores_nothing(store: Store):
    orphan = EnrichedArticle(article_id="not-stored")
    with pytest.raises(StoreError, match="not stored"):
        store.write_batch([KURIL], [enrichment_for(KURIL), orphan])
    assert store.count_articles() == 0
    assert store.get_enrichment(KURIL.id) is None


def test_an_ambiguous_id_prefix_is_an_error(store: Store):
    a = make_article("one", ["x"])
    b = make_article("two", ["y"])
    a.id, b.id = "abcdef0123", "abcdef9999"
    store.add_articles([a, b])
    with pytest.raises(StoreError, match="more than one"):
        store.get_article("abcdef")
    assert store.get_article("abcdef9").id == b.id


# ----------------------------------------------------------------------------------------------------------------------
# search


@pytest.fixture
def filled(store: Store) -> Store:
    store.write_batch([KURIL, SUMMIT, TRADE], [enrichment_for(KURIL)])
    return store


def ids(results) -> list[str]:
    return [h.id for h in results.hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("islands", {"KURIL"}),
        ("island", {"KURIL"}),  # stemming: the singular finds the plural
        ('"Northern Territories"', {"KURIL"}),
        ('"Territories Northern"', set()),  # a phrase keeps word order
        ("summit OR exports", {"SUMMIT", "TRADE"}),
        ("said", {"KURIL", "SUMMIT", "TRADE"}),
        ("said -summit", {"KURIL", "TRADE"}),
        ("said NOT (summit OR exports)", {"KURIL"}),
        ("minist*", {"KURIL", "TRADE"}),
        ("said AND tokyo", {"SUMMIT"}),
        ("outlet:planet said", {"KURIL", "TRADE"}),
        ('outlet:"morning herald"', {"SUMMIT"}),
        ("kind:summary", {"SUMMIT"}),
        ("tag:territory", {"KURIL"}),
        ("from:2016-05-20 said", {"SUMMIT", "TRADE"}),
        ("to:2016-05-20", {"KURIL", "SUMMIT"}),
        ("from:2016-03-01 to:2016-03-01", {"KURIL"}),
        ("speaker:lavrov", {"KURIL"}),
        ("speaker:person:sergey-lavrov said", {"KURIL"}),
        ("entity:gpe:russia", {"KURIL"}),
        ("entity:russia summit", set()),
        ("U.S.", set()),
        ("&&", {"KURIL", "SUMMIT", "TRADE"}),  # punctuation only: no full-text part, every article
    ],
)
def test_search_language(filled: Store, query: str, expected: set[str]):
    names = {KURIL.id: "KURIL", SUMMIT.id: "SUMMIT", TRADE.id: "TRADE"}
    results = filled.search(build_search_query(query, limit=10))
    assert {names[i] for i in ids(results)} == expected
    assert results.total == len(expected)


def test_filters_in_text_and_fields_search_the_same(filled: Store):
    by_text = filled.search(SearchQuery(text="outlet:planet said"))
    by_field = filled.search(SearchQuery(text="said", outlet=["planet"]))
    assert ids(by_text) == ids(by_field) and len(ids(by_text)) == 2


def test_snippets_mark_matches_and_escape_everything_else(filled: Store):
    hit = filled.search(SearchQuery(text='"northern territories"')).hits[0]
    assert "<mark>Northern" in hit.snippet
    assert "&lt;b&gt;during&lt;/b&gt;" in hit.snippet  # the article's own markup is text, never HTML
    assert "<b>" not in hit.snippet


def test_title_matches_rank_first_and_pages_do_not_overlap(store: Store):
    body = make_article("Weather report", ["Rain in Tokyo, while the summit was far away. More rain."])
    title = make_article("Tokyo summit ends", ["The leaders went home."])
    store.add_articles([body, title])
    results = store.search(SearchQuery(text="summit"))
    assert ids(results) == [title.id, body.id]
    assert results.hits[0].score >= results.hits[1].score
    page1 = store.search(SearchQuery(text="summit", limit=1))
    page2 = store.search(SearchQuery(text="summit", limit=1, offset=1))
    assert ids(page1) == [title.id] and ids(page2) == [body.id]
    assert page1.total == page2.total == 2


def test_facets_count_all_matches(filled: Store):
    results = filled.search(SearchQuery(text="said", limit=1, facets=True))
    assert len(results.hits) == 1
    assert dict(results.facets["outlet"]) == {"Daily Planet": 2, "Morning Herald": 1}
    assert dict(results.facets["month"]) == {"2016-03": 1, "2016-05": 1, "2017-01": 1}
    assert dict(results.facets["speaker"]) == {"Sergey Lavrov": 1, "government source": 1}
    assert dict(results.facets["tag"]) == {"russia": 1, "territory": 1, "summit": 1}
    assert results.facets_sample is None  # three matches: every one counted


def test_facets_of_many_matches_count_the_newest_window(store: Store):
    # four older matches from one outlet, three newer from another; a window of three counts the newer ones only
    articles = [
        make_article(
            f"Dispatch {i}",
            [f"summit talks dispatch number {i}"],
            outlet="Old Wire" if i < 4 else "New Wire",
            kind="Report",
        )
        for i in range(7)
    ]
    store.add_articles(articles)
    store.rank_window = 3  # type: ignore[attr-defined]  # PostgreSQL counts a full-text search's facets in this window
    store.facet_window = 3  # type: ignore[attr-defined]
    for text in ("summit", '"summit talks"', "summit kind:report", "kind:report"):
        results = store.search(build_search_query(text, limit=1, facets=True))
        assert results.facets_sample == 3, text
        assert dict(results.facets["outlet"]) == {"New Wire": 3}, text
        assert sum(n for _, n in results.facets["kind"]) == 3, text
    store.rank_window = 100  # type: ignore[attr-defined]
    store.facet_window = 100  # type: ignore[attr-defined]
    for text in ("summit", "summit kind:report", "kind:report"):
        results = store.search(build_search_query(text, limit=1, facets=True))
        assert results.facets_sample is None, text
        assert dict(results.facets["outlet"]) == {"Old Wire": 4, "New Wire": 3}, text


def test_malformed_queries_raise_query_error(filled: Store):
    for bad in ('"open', "(a b", "a AND", "from:2016-99-01", "nope:x", "-only"):
        with pytest.raises(QueryError):
            filled.search(SearchQuery(text=bad))


# ----------------------------------------------------------------------------------------------------------------------
# enrichment


def test_enrichment_round_trip_and_replace(filled: Store):
    e = enrichment_for(KURIL)
    assert filled.get_enrichment(KURIL.id) == e
    assert filled.unenriched_ids() == [SUMMIT.id, TRADE.id]
    assert filled.unenriched_ids("test-2") == [KURIL.id, SUMMIT.id, TRADE.id]
    e2 = EnrichedArticle(article_id=KURIL.id, version="test-2")
    filled.save_enrichments([e2])
    assert filled.get_enrichment(KURIL.id) == e2
    assert filled.find_attributions() == []  # derived rows were replaced too
    assert filled.find_entities() == []


def test_find_attributions_filters(filled: Store):
    rows = filled.find_attributions(speaker="lavrov")
    assert len(rows) == 1
    assert rows[0]["attribution"]["speaker"]["entity"] == "person:sergey-lavrov"
    assert rows[0]["content_text"] == "that the islands were not discussed"
    assert rows[0]["title"] == KURIL.title
    assert len(filled.find_attributions(speaker="person:sergey-lavrov")) == 1
    assert [r["attribution"]["id"] for r in filled.find_attributions(anonymous=True)] == ["q2"]
    assert [r["attribution"]["id"] for r in filled.find_attributions(anonymous=False)] == ["q1"]
    assert len(filled.find_attributions(entity="gpe:russia")) == 2
    assert filled.find_attributions(outlet="herald") == []
    assert len(filled.find_attributions(date_from="2016-03-01", date_to="2016-03-01")) == 2
    assert filled.find_attributions(date_from="2016-03-02") == []
    assert len(filled.find_attributions(text="not discussed")) == 1
    assert len(filled.find_attributions(limit=1)) == 1
    assert len(filled.find_attributions(limit=5, offset=1)) == 1


def test_find_entities_counts(filled: Store):
    rows = {r["key"]: r for r in filled.find_entities()}
    assert rows["person:sergey-lavrov"] == {
        "key": "person:sergey-lavrov",
        "name": "Sergey Lavrov",
        "type": "PERSON",
        "role": "Foreign Minister",
        "affiliation": None,
        "articles": 1,
        "mentions": 1,
        "quotes": 1,
    }
    assert rows["gpe:russia"]["mentions"] == 2 and rows["gpe:russia"]["quotes"] == 0
    assert [r["key"] for r in filled.find_entities(name="russ")] == ["gpe:russia"]
    assert [r["key"] for r in filled.find_entities(type="person")] == ["person:sergey-lavrov"]


def test_find_events_filters(filled: Store):
    rows = filled.find_events(entity="person:sergey-lavrov")
    assert len(rows) == 1 and rows[0]["event"]["type"] == "talks" and rows[0]["article_id"] == KURIL.id
    assert len(filled.find_events(entity="gpe:tokyo")) == 1  # the place counts as a participant
    assert filled.find_events(type="summit") == []
    assert len(filled.find_events(status="held", date_from="2016-02-29", date_to="2016-02-29")) == 1
    assert filled.find_events(date_from="2016-03-01") == []  # the event's own date, not the article's


def test_iter_enriched_by_date_and_ids(filled: Store):
    filled.save_enrichments([EnrichedArticle(article_id=TRADE.id, version="x")])
    assert [a.id for a, _ in filled.iter_enriched()] == [KURIL.id, TRADE.id]
    assert [a.id for a, _ in filled.iter_enriched(since="2017-01-01")] == [TRADE.id]
    assert [a.id for a, _ in filled.iter_enriched(until="2016-12-31")] == [KURIL.id]
    assert [e.version for _, e in filled.iter_enriched(ids=[TRADE.id])] == ["x"]


def test_stats(filled: Store):
    stats = filled.stats()
    assert stats["articles"] == 3
    assert stats["outlets"] == {"Daily Planet": 2, "Morning Herald": 1}
    assert stats["kinds"] == {"Translation": 1, "Summary": 1, "Report": 1}
    assert stats["date_range"] == ["2016-03-01T10:00:00+09:00", "2017-01-10"]
    assert (stats["enriched"], stats["attributions"], stats["anonymous_attributions"]) == (1, 2, 1)
    assert (stats["entities"], stats["events"], stats["duplicates"]) == (2, 1, 0)


# ----------------------------------------------------------------------------------------------------------------------
# records


def test_records_put_replace_get_delete(store: Store):
    store.put_records("claims", [("b", {"n": 1}), ("a", {"n": 2})])
    store.put_records("claims", [("b", {"n": 3})])
    store.put_records("other", [("a", {"x": True})])
    assert store.get_records("claims") == [("a", {"n": 2}), ("b", {"n": 3})]
    assert store.get_records("claims", keys=["b", "zz"]) == [("b", {"n": 3})]
    store.replace_records("claims", [("c", {"n": 4})])
    assert store.get_records("claims") == [("c", {"n": 4})]
    store.delete_records("claims", ["c"])
    assert store.get_records("claims") == []
    assert store.get_records("other") == [("a", {"x": True})]


# ----------------------------------------------------------------------------------------------------------------------
# opening stores


def test_migrations_are_named_and_applied_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    s = open_store(url)
    names = s.applied_migrations()
    s.add_articles([KURIL])
    s.close()
    s = open_store(url)
    assert s.applied_migrations() == names and names[0] == "0001_articles"
    assert s.count_articles() == 1
    s.close()
    conn = sqlite3.connect(tmp_path / "m.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute("INSERT INTO migrations VALUES ('9999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer presswatch"):
        open_store(url)


def test_open_store_urls(tmp_path, monkeypatch):
    s = open_store(str(tmp_path / "bare.db"))
    assert (tmp_path / "bare.db").exists()
    s.close()
    monkeypatch.setenv("PRESSWATCH_DB", f"sqlite:///{tmp_path / 'env.db'}")
    open_store().close()
    assert (tmp_path / "env.db").exists()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PRESSWATCH_DB")
    open_store(None).close()
    assert (tmp_path / "presswatch.db").exists()
    with pytest.raises(StoreError, match="unsupported store URL scheme"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="sqlite:///"):
        open_store("sqlite://host/x.db")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'x.db'}")
    (tmp_path / "junk.db").write_bytes(os.urandom(4096))
    with pytest.raises(StoreError, match="SQLite store"):
        open_store(str(tmp_path / "junk.db"))


def test_unreachable_postgres_says_what_to_do():
    # port 1 on localhost: nothing listens, the connection is refused at once
    with pytest.raises(StoreError, match="is PostgreSQL running"):
        open_store("postgresql://postgres:secret@127.0.0.1:1/test")
    try:
        open_store("postgresql://postgres:secret@127.0.0.1:1/test")
    except StoreError as exc:
        assert "secret" not in str(exc)


def test_large_result_sets_rank_the_newest_and_page_through_everything(store: Store):
    # seven matches, a rank window of three: the three newest are ranked by relevance, the older follow newest first
    articles = [
        make_article(f"Report {i}", [("summit " * (1 + (i % 3))) + f"filler text number {i}"], outlet="Wire")
        for i in range(7)
    ]
    store.add_articles(articles)
    store.rank_window = 3  # type: ignore[attr-defined]
    results = store.search(SearchQuery(text="summit", limit=3))
    assert results.total == 7 and results.total_exact and results.ranked_among == 3
    newest = {a.id for a in articles[4:]}
    assert set(ids(results)) == newest
    assert [h.score for h in results.hits] == sorted((h.score for h in results.hits), reverse=True)
    pages = [ids(store.search(SearchQuery(text="summit", limit=2, offset=o))) for o in range(0, 8, 2)]
    flat = [i for page in pages for i in page]
    assert sorted(flat) == sorted(a.id for a in articles)  # every match once, no overlap between pages
    assert flat[3:] == [a.id for a in reversed(articles[:4])]  # beyond the window: newest first
    store.rank_window = 100  # type: ignore[attr-defined]
    assert store.search(SearchQuery(text="summit")).ranked_among is None


def test_hits_without_snippets_are_the_same_hits_in_the_same_order(store: Store):
    articles = [
        make_article(f"Report {i}", [("summit " * (1 + (i % 3))) + f"filler text number {i}"], outlet="Wire")
        for i in range(7)
    ]
    store.add_articles(articles)
    store.rank_window = 3  # type: ignore[attr-defined]  # ranked and older matches both
    for query in ("summit", '"filler text" outlet:wire'):
        with_snippets = store.search(SearchQuery(text=query, limit=5))
        without = store.search(SearchQuery(text=query, limit=5, snippets=False))
        assert ids(without) == ids(with_snippets) and without.total == with_snippets.total
        assert [h.title for h in without.hits] == [h.title for h in with_snippets.hits]
        assert all(h.snippet == "" for h in without.hits)
        assert all("<mark>" in h.snippet for h in with_snippets.hits)


def test_filtered_counts_stop_at_the_cap(store: Store):
    store.add_articles([make_article(f"Item {i}", [f"talks resumed {i}"], outlet="Wire") for i in range(6)])
    store.count_cap = 4  # type: ignore[attr-defined]
    store.rank_window = 2  # type: ignore[attr-defined]
    capped = store.search(SearchQuery(text="talks outlet:wire", limit=10))
    if store.url.startswith("sqlite"):
        assert (capped.total, capped.total_exact, len(capped.hits)) == (4, False, 6)
    else:  # PostgreSQL does not count a filtered search past its window: the window + 1 found ("at least 3")
        assert (capped.total, capped.total_exact, len(capped.hits)) == (3, False, 6)
    words = store.search(SearchQuery(text="talks", limit=10))
    if store.url.startswith("sqlite"):  # words alone: FTS5 counts exactly from its index; PostgreSQL caps every count
        assert (words.total, words.total_exact) == (6, True)
    else:
        assert (words.total, words.total_exact) == (4, False)
    store.count_cap = 100  # type: ignore[attr-defined]
    store.rank_window = 100  # type: ignore[attr-defined]  # PostgreSQL counts exactly within its window
    assert store.search(SearchQuery(text="talks outlet:wire")).total_exact
    nothing = store.search(SearchQuery(text="talks outlet:herald"))
    assert (nothing.total, nothing.total_exact, nothing.hits) == (0, True, [])


def test_a_migration_that_fails_is_rolled_back_and_reported(tmp_path):
    path = tmp_path / "m.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (x)")  # something in the way of the first migration
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="0001_articles"):
        open_store(str(path))
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == 0
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE name LIKE 'article%'")] == ["articles"]
    conn.close()


def test_filtered_search_is_right_after_the_planner_has_statistics(tmp_path):
    """Regression: with sqlite_stat1 present (PRAGMA optimize at close), SQLite 3.40 chose a Bloom filter and returned
    nothing for a full-text join through a covering index on expressions."""
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = open_store(url)
    store.add_articles([KURIL, SUMMIT, TRADE])
    store.close()
    store = open_store(url)
    store._execute("ANALYZE")  # type: ignore[attr-defined]
    try:
        for text, expected in (
            ("said outlet:planet", {KURIL.id, TRADE.id}),
            ('said outlet:"morning herald"', {SUMMIT.id}),
            ("said from:2016-05-01", {SUMMIT.id, TRADE.id}),
            ("said kind:report", {TRADE.id}),
            ("said to:2016-03-01", {KURIL.id}),
        ):
            assert set(ids(store.search(build_search_query(text)))) == expected, text
    finally:
        store.close()


def test_snippets_mark_a_match_far_into_the_text_and_ignore_excluded_words(store: Store):
    # the match lies past the lead that PostgreSQL's headline tries first; the query's NOT part marks nothing
    filler = " ".join(f"Paragraph {i} of routine minutes about budgets and rosters." for i in range(60))
    late = make_article("Council minutes", [filler, "Finally the harbour agreement was signed."], outlet="Wire")
    titled = make_article("Harbour agreement signed", [filler], outlet="Wire")
    store.add_articles([late, titled])
    results = store.search(build_search_query("harbour NOT zebra"))
    snippets = {h.id: h.snippet for h in results.hits}
    assert "<mark>harbour</mark>" in snippets[late.id].lower()
    assert "zebra" not in snippets[late.id]
    assert snippets[titled.id] and "<mark>" not in snippets[titled.id]  # only the title matches: the text's start
    phrase = store.search(build_search_query('"harbour agreement"'))
    assert {h.id for h in phrase.hits} == {late.id, titled.id}
    assert "<mark>" in {h.id: h.snippet for h in phrase.hits}[late.id]
    # the stem of "happy" (happi) is no prefix of the query word: PostgreSQL falls back to parsing the whole text
    stem = make_article("Survey", [filler, "Their happiness grew."], outlet="Wire")
    store.add_articles([stem])
    assert "<mark>" in {h.id: h.snippet for h in store.search(build_search_query("happy")).hits}[stem.id]
