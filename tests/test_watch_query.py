"""Watch queries: a plain name with its aliases, or the search language evaluated on one article. Invented text."""

from __future__ import annotations

import pytest

from presswatch.analysis.watch_query import WatchQuery, is_plain
from presswatch.errors import QueryError
from presswatch.models import Article, Attribution, EnrichedArticle, Entity, Span, Speaker

TASS = Article(
    title="Lavrov on the Kurils",
    text="Lavrov said the Southern Kurils talks would go on. A summit is planned for December.",
    outlet="TASS",
    published="2017-03-20T10:00:00+03:00",
    tags=["diplomacy"],
    kind="Report",
    paragraph_spans=[],
)
BBC = Article(
    title="Markets",
    text="Kurilskaya fish prices rose in Crimea on Monday.",
    outlet="BBC",
    published="2016-01-05",
    paragraph_spans=[],
)


def enriched_with_speaker(article: Article, key: str, name: str) -> EnrichedArticle:
    speaker = Speaker(kind="person", label=name.split()[-1], entity=key, name=name)
    quote = Attribution(id="q1", speaker=speaker, cue=None, content=Span(0, 10, article.text[:10]), form="indirect")
    entity = Entity(key=key, name=name, type="PERSON")
    return EnrichedArticle(article_id=article.id, entities=[entity], attributions=[quote])


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        ("Northern Territories", True),
        ("person:sergey-lavrov", True),  # an entity key is a name
        ("Kuril* summit", False),
        ('"peace treaty"', False),
        ("Lavrov OR Kishida", False),
        ("Kurils -Crimea", False),
        ("Kurils outlet:TASS", False),
        ("Anti-war groups", True),  # a hyphen inside a word is no minus
    ],
)
def test_what_counts_as_a_plain_name(query: str, plain: bool) -> None:
    assert is_plain(query) is plain


def test_a_plain_name_matches_its_aliases() -> None:
    # "Northern Territories" = "Southern Kurils" in the packaged alias file.
    assert (
        WatchQuery.compile("Northern Territories").match(TASS, None) == "text: 'Kurils'"
    )  # the title's alias comes first
    assert WatchQuery.compile("Northern Territories").match(BBC, None) is None


def test_operators_prefixes_and_negation() -> None:
    assert WatchQuery.compile("Kuril* AND summit").match(TASS, None) == "text: 'Kurils'"
    assert WatchQuery.compile("Kuril* AND summit").match(BBC, None) is None  # "Kurilskaya" but no summit
    assert WatchQuery.compile("Kuril* -Crimea").match(BBC, None) is None
    assert WatchQuery.compile("(Putin OR Lavrov) summit").match(TASS, None) == "text: 'Lavrov'"
    assert WatchQuery.compile('"talks would go on"').match(TASS, None) == "text: 'talks would go on'"


def test_each_word_of_a_query_also_matches_its_aliases() -> None:
    # "Kuril Islands" is an alias of Northern Territories; the article says "Southern Kurils".
    assert (
        WatchQuery.compile('"Kuril Islands" AND summit').match(TASS, None) == "text: 'Kurils'"
    )  # the title's alias comes first


def test_filters_restrict_as_in_search() -> None:
    assert WatchQuery.compile("Kuril* outlet:tass").match(TASS, None) == "text: 'Kurils'"
    assert WatchQuery.compile("Kuril* outlet:BBC outlet:DW").match(TASS, None) is None
    assert WatchQuery.compile("outlet:BBC outlet:TASS").match(TASS, None) == "filters: outlet:BBC outlet:TASS"
    assert WatchQuery.compile("Kuril* from:2017-03-20 to:2017-03-20").match(TASS, None)
    assert WatchQuery.compile("Kuril* from:2017-03-21").match(TASS, None) is None
    assert WatchQuery.compile("Kuril* tag:Diplomacy kind:report").match(TASS, None)
    assert WatchQuery.compile("Kuril* tag:economy").match(TASS, None) is None


def test_speaker_and_entity_filters_read_the_enrichment() -> None:
    enriched = enriched_with_speaker(TASS, "person:sergey-lavrov", "Sergey Lavrov")
    query = WatchQuery.compile('summit speaker:"Sergey Lavrov"')
    assert query.match(TASS, enriched) == "text: 'summit'"
    assert query.match(TASS, None) is None  # not enriched: no speakers to check
    assert WatchQuery.compile("summit entity:person:sergey-lavrov").match(TASS, enriched)
    assert WatchQuery.compile("summit entity:person:fumio-kishida").match(TASS, enriched) is None


def test_extra_aliases_are_alternatives_to_the_whole_query() -> None:
    query = WatchQuery.compile("Crimea AND summit", ["fish prices"])
    assert query.match(BBC, None) == "text: 'fish prices'"
    assert query.match(TASS, None) is None


def test_a_malformed_query_says_where() -> None:
    with pytest.raises(QueryError, match="position"):
        WatchQuery.compile("Kurils AND (summit")


def test_saving_a_watchlist_with_a_malformed_query_is_refused(tmp_path) -> None:
    from presswatch.analysis.watchlists import add_watchlist, list_watchlists
    from presswatch.errors import UsageError
    from presswatch.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    try:
        with pytest.raises(UsageError, match=r"bad watch query 'Kurils OR': OR at position 8"):
            add_watchlist(store, "kurils", "Kurils OR")
        assert list_watchlists(store) == []
        add_watchlist(store, "kurils", "Kuril* outlet:TASS")
        assert [w.query for w in list_watchlists(store)] == ["Kuril* outlet:TASS"]
    finally:
        store.close()


@pytest.mark.parametrize(
    "query",
    ["Dalsk", "person:akira-tanaka", "Volkov", "Dals* AND (bridge OR troops)", "Dalsk -bridge", '"Foreign Minister"'],
)
def test_scan_through_the_search_index_finds_what_reading_every_article_finds(tmp_path, monkeypatch, query) -> None:
    from presswatch.analysis import watchlists
    from presswatch.store import open_store
    from test_claims_fixtures import BORDER_CLAIM, BRIDGE_A, SILVER_MEETING, build

    store = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    try:
        items = [build(d) for d in (SILVER_MEETING, BORDER_CLAIM, BRIDGE_A)]
        store.add_articles([a for a, _ in items])
        store.save_enrichments([e for _, e in items[:2]])  # the bridge article is stored without enrichment
        watchlists.add_watchlist(store, "w", query)
        assert watchlists._candidate_ids(store, WatchQuery.compile(query)) is not None  # the index was used
        indexed = watchlists.scan(store, "w")
        found = {m["article_id"] for m in watchlists.watch_matches(store, "w")}
        monkeypatch.setattr(watchlists, "_candidate_ids", lambda store, query: None)  # read every article
        store.delete_records(watchlists.MATCHES, [f"w|{i}" for i in found])
        assert watchlists.scan(store, "w") == indexed
        assert {m["article_id"] for m in watchlists.watch_matches(store, "w")} == found
        assert found, "each query matches something"
    finally:
        store.close()
