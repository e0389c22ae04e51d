"""The pre-aggregated figures (counters, entity_values, entity_stats) stay exact through inserts, re-enrichment and
migration, on both backends; an entity's name, role and affiliation are the most frequent among its articles; entity
keys take the exact path and names the substring path."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from presswatch.models import Article, Attribution, EnrichedArticle, Entity, Span, Speaker, paragraphs_to_text
from presswatch.store import open_store
from presswatch.store import rows as R
from presswatch.store.postgres import PostgresStore
from presswatch.store.sqlite import SqliteStore
from presswatch.store.testing import temporary_pg_schema, temporary_store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def article(i: int, outlet: str | None, published: str) -> Article:
    # invented text
    text, spans = paragraphs_to_text([f"Report number {i} on the harbour talks.", "Officials said little."])
    return Article(title=f"Harbour talks {i}", text=text, paragraph_spans=spans, outlet=outlet, published=published)


def enrichment(
    a: Article,
    entities: list[tuple[str, str, int] | tuple[str, str, int, str | None, str | None]],
    speakers: list[str | None],
    version: str = "v1",
):
    """Entities (key, name, mentions[, role, affiliation]); one attribution per speaker key (None: an anonymous
    source)."""
    attributions = [
        Attribution(
            id=f"q{n}",
            speaker=Speaker(kind="person", label=key.split(":")[1], entity=key, name=key.split(":")[1].title())
            if key
            else Speaker(kind="anonymous", label="a harbour official"),
            cue=None,
            content=Span(0, 6, a.text[:6]),
            form="indirect",
        )
        for n, key in enumerate(speakers)
    ]
    ents = [
        Entity(
            key=k, name=name, type=k.split(":")[0].upper(), mentions=list(range(m)), role=rest[0], affiliation=rest[1]
        )
        for k, name, m, *rest in (e if len(e) == 5 else (*e, None, None) for e in entities)
    ]
    return EnrichedArticle(article_id=a.id, attributions=attributions, entities=ents, version=version)


def most_common(values: list[str | None]) -> str | None:
    """The mode of the non-None values, a tie going to the first in code-point order."""
    counts = Counter(v for v in values if v is not None)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def expected_entities(enrichments: list[EnrichedArticle]) -> dict[str, tuple]:
    """What find_entities must say, computed from the enrichments themselves."""
    names: dict[str, list[str]] = defaultdict(list)
    articles: dict[str, int] = defaultdict(int)
    mentions: dict[str, int] = defaultdict(int)
    quotes: dict[str, int] = defaultdict(int)
    for e in enrichments:
        for ent in e.entities:
            names[ent.key].append(ent.name)
            articles[ent.key] += 1
            mentions[ent.key] += len(ent.mentions)
        for at in e.attributions:
            if at.speaker.entity:
                quotes[at.speaker.entity] += 1
    return {k: (most_common(names[k]), articles[k], mentions[k], quotes[k]) for k in articles}


def found_entities(store) -> dict[str, tuple]:
    return {r["key"]: (r["name"], r["articles"], r["mentions"], r["quotes"]) for r in store.find_entities(limit=1000)}


A = [article(i, ["Harbor Times", "Daily Beacon", None][i % 3], f"2016-0{1 + i % 9}-1{i % 10}") for i in range(9)]


def test_aggregates_stay_exact_through_inserts_and_re_enrichment(store):
    first = [
        enrichment(A[0], [("person:ana-reyes", "Ana Reyes", 2), ("gpe:chile", "Chile", 1)], ["person:ana-reyes"]),
        enrichment(A[1], [("person:ana-reyes", "Reyes", 1)], ["person:ana-reyes", None]),
        enrichment(A[2], [("gpe:chile", "Chile", 3)], [None, None]),
    ]
    store.write_batch(A[:3], first)
    store.write_batch(A[:5], [])  # three already stored: not counted twice
    assert found_entities(store) == expected_entities(first)
    # re-enrichment: A[1] no longer mentions Ana Reyes as "Reyes", A[3] does as "Ana Reyes"
    second = [
        enrichment(A[1], [("gpe:peru", "Peru", 1)], ["person:bo-lind"], version="v2"),
        enrichment(A[3], [("person:ana-reyes", "Ana Reyes", 1)], [], version="v2"),
    ]
    store.save_enrichments(second)
    final = [first[0], second[0], first[2], second[1]]
    assert found_entities(store) == expected_entities(final)
    assert found_entities(store)["person:ana-reyes"][0] == "Ana Reyes"
    # a key that is only quoted (bo-lind is no entity of any article) is not listed, but counted when it is
    assert "person:bo-lind" not in found_entities(store)
    stats = store.stats()
    assert stats["articles"] == 5 and stats["enriched"] == 4
    assert stats["outlets"] == {"Harbor Times": 2, "Daily Beacon": 2, "(unknown)": 1}
    assert (stats["attributions"], stats["anonymous_attributions"]) == (1 + 0 + 2 + 1 + 0, 2)
    assert stats["entities"] == 3  # ana-reyes, chile, peru
    # replacing every enrichment by an empty one leaves no entity and zero counts
    store.save_enrichments([EnrichedArticle(article_id=a.id, version="v3") for a in A[:5]])
    assert store.find_entities() == [] and store.stats()["attributions"] == 0
    assert store.stats()["enriched"] == 5


def attributes(store, key: str) -> tuple:
    (row,) = store.find_entities(name=key)
    return row["name"], row["type"], row["role"], row["affiliation"], row["articles"]


def value_counts(store) -> dict[tuple[str, str, str], int]:
    """entity_values as the store holds it."""
    return {(key, attr, value): n for key, attr, value, n in store.dump()["entity_values"]}


def test_an_entity_is_named_by_its_most_frequent_name_role_and_affiliation(store):
    berg = "person:anna-berg"
    store.write_batch(
        A[:5],
        [
            enrichment(A[0], [(berg, "Anna Berg", 1, "Foreign Minister", None)], []),
            enrichment(A[1], [(berg, "Anna-Berg", 1, "Minister", "Sweden")], []),  # the code-point maximum of each
            enrichment(A[2], [(berg, "Anna Berg", 2, "Foreign Minister", None)], []),
            enrichment(A[3], [(berg, "Anna Berg", 1, None, None)], []),  # NULLs do not count
        ],
    )
    assert attributes(store, berg) == ("Anna Berg", "PERSON", "Foreign Minister", "Sweden", 4)
    assert value_counts(store) == {
        (berg, "name", "Anna Berg"): 3,
        (berg, "name", "Anna-Berg"): 1,
        (berg, "type", "PERSON"): 4,
        (berg, "role", "Foreign Minister"): 2,
        (berg, "role", "Minister"): 1,
        (berg, "affiliation", "Sweden"): 1,
    }


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_a_tie_goes_to_the_first_value_in_code_point_order_whatever_the_order_of_writes(store, order):
    names = [("Berg", "minister"), ("Anna Berg", "Minister")]  # 'M' < 'm' in code points, not in a locale
    for i in order:
        store.write_batch(
            A[2 * i : 2 * i + 2],
            [
                enrichment(a, [("person:anna-berg", names[i][0], 1, names[i][1], None)], [])
                for a in A[2 * i : 2 * i + 2]
            ],
        )
    assert attributes(store, "person:anna-berg")[:3] == ("Anna Berg", "PERSON", "Minister")


def test_re_enrichment_moves_the_value_counts_and_deletion_moves_them_back(store):
    berg = "person:anna-berg"

    def mentions(a: Article, name: str, role: str | None = None, version: str = "v1") -> EnrichedArticle:
        return enrichment(a, [(berg, name, 1, role, None), ("gpe:sweden", "Sweden", 1)], [], version=version)

    first = [mentions(A[0], "Anna Berg", "Minister"), mentions(A[1], "Anna Berg"), mentions(A[2], "Anna-Berg")]
    store.write_batch(A[:4], first)
    assert attributes(store, berg)[:3] == ("Anna Berg", "PERSON", "Minister")
    before = store.dump()
    # two articles now spell it with a hyphen and call her Foreign Minister: the mode moves
    store.save_enrichments(
        [mentions(A[1], "Anna-Berg", "Foreign Minister", "v2"), mentions(A[3], "Anna-Berg", "Foreign Minister", "v2")]
    )
    assert attributes(store, berg) == ("Anna-Berg", "PERSON", "Foreign Minister", None, 4)
    assert value_counts(store)[(berg, "name", "Anna-Berg")] == 3
    assert value_counts(store)[(berg, "role", "Foreign Minister")] == 2
    # those rows go again (and A[1] is as it was): the counts and the attributes are back where they were
    store.save_enrichments([first[1], EnrichedArticle(article_id=A[3].id, version="v1")])
    after = store.dump()
    assert after["entity_values"] == before["entity_values"]
    assert after["entity_stats"] == before["entity_stats"]
    # every row gone: no counts left, no entity listed
    store.save_enrichments([EnrichedArticle(article_id=a.id, version="v3") for a in A[:4]])
    assert value_counts(store) == {} and store.find_entities() == []


def test_entity_keys_match_exactly_and_names_by_part(store):
    store.write_batch(
        A[:3],
        [
            enrichment(A[0], [("person:ana-reyes", "Ana Reyes", 1)], ["person:ana-reyes"]),
            enrichment(A[1], [("person:ana-reyes-2", "Ana Reyes", 1)], ["person:ana-reyes-2"]),
            enrichment(A[2], [("person:ana-reyes", "Ana Reyes", 1)], ["person:ana-reyes", None]),
        ],
    )
    assert [r["key"] for r in store.find_entities(name="person:ana-reyes")] == ["person:ana-reyes"]
    assert {r["key"] for r in store.find_entities(name="reyes")} == {"person:ana-reyes", "person:ana-reyes-2"}
    assert [r["key"] for r in store.find_entities(name="ana reyes")][0] == "person:ana-reyes"
    quoted = store.find_attributions(speaker="person:ana-reyes")
    # newest article first (A[2] is from 2016-03, A[0] from 2016-01)
    assert [r["article_id"] for r in quoted] == [A[2].id, A[0].id]
    assert [r["article_id"] for r in store.find_attributions(anonymous=True)] == [A[2].id]
    assert len(store.find_attributions(speaker="reyes")) == 3


def _old_store(backend: str, url: str):
    """A store at the schema before the aggregates migration (as a database of the previous release is)."""
    cls = SqliteStore if backend == "sqlite" else PostgresStore
    name = "0009_aggregates" if backend == "sqlite" else "0005_aggregates"

    class OldStore(cls):  # type: ignore[misc, valid-type]
        migrations = tuple(m for m in cls.migrations if m.name < name)

        # the previous release wrote no aggregates and no attribution dates: neither does this stand-in
        def _bump_counters(self, bumps):
            pass

        def _update_entity_stats(self, deltas):
            pass

    return OldStore(url.removeprefix("sqlite:///")) if backend == "sqlite" else OldStore(url)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_existing_store_migrates_and_its_figures_are_filled(backend, tmp_path, request):
    enrichments = [
        enrichment(A[0], [("person:ana-reyes", "Ana Reyes", 2)], ["person:ana-reyes", None]),
        enrichment(A[1], [("gpe:chile", "Chile", 1)], ["person:ana-reyes"]),
    ]

    def run(url: str) -> None:
        old = _old_store(backend, url)
        try:
            # the previous schema, written as the previous release wrote it (its derived rows by SQL: this release's
            # code writes columns that schema does not have)
            for a in A[:2]:
                old._execute(  # noqa: SLF001
                    "INSERT INTO articles (id, published, outlet, title, tags, source, layout, paragraph_spans, text) "
                    "VALUES (?, ?, ?, ?, '[]', '', 'plain', '[]', ?)",
                    (a.id, a.published, a.outlet, a.title, a.text),
                )
            for e in enrichments:
                old._execute(  # noqa: SLF001
                    "INSERT INTO enrichments (article_id, version, data) VALUES (?, ?, ?)",
                    (e.article_id, e.version, R.enrichment_to_json(e)),
                )
                for row in R.attribution_rows(e, A[0].text):
                    old._execute(  # noqa: SLF001
                        "INSERT INTO attributions (article_id, position, attr_id, speaker_kind, speaker_label, "
                        "speaker_name, speaker_entity, form, outlet, content_text, data) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        row,
                    )
                for row in R.entity_rows(e):
                    old._execute(  # noqa: SLF001
                        "INSERT INTO article_entities (article_id, key, name, type, role, affiliation, mentions) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        row,
                    )
        finally:
            old.close()
        new = open_store(url)
        try:
            assert "0009_aggregates" in new.applied_migrations() or "0005_aggregates" in new.applied_migrations()
            stats = new.stats()
            assert stats["articles"] == 2 and stats["outlets"] == {"Harbor Times": 1, "Daily Beacon": 1}
            assert (stats["enriched"], stats["attributions"], stats["anonymous_attributions"]) == (2, 3, 1)
            assert found_entities(new) == expected_entities(enrichments)
            # the attributions got their article's date: newest first
            assert [r["article_id"] for r in new.find_attributions(speaker="person:ana-reyes")] == [A[1].id, A[0].id]
            # and the figures keep up with writes after the migration
            more = [enrichment(A[2], [("gpe:chile", "Chile", 2)], ["person:ana-reyes"])]
            new.write_batch(A[:3], more)
            assert found_entities(new) == expected_entities([*enrichments, *more])
        finally:
            new.close()

    if backend == "sqlite":
        run(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        with temporary_pg_schema(request.getfixturevalue("pg_url")) as url:
            run(url)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_entity_modes_migration_fills_the_value_counts_of_an_existing_store(backend, tmp_path, request):
    berg = "person:anna-berg"
    enrichments = [
        enrichment(A[0], [(berg, "Anna Berg", 1, "Foreign Minister", None)], [berg]),
        enrichment(A[1], [(berg, "Anna-Berg", 1, "Minister", "Sweden"), ("gpe:sweden", "Sweden", 1)], []),
        enrichment(A[2], [(berg, "Anna Berg", 1, "Foreign Minister", None)], []),
        enrichment(A[3], [(berg, "Berg", 1, "minister", None)], []),
    ]
    name = "0010_entity_modes" if backend == "sqlite" else "0008_entity_modes"

    def run(url: str) -> None:
        store = open_store(url)
        try:
            store.write_batch(A[:5], enrichments)
            expected = store.dump()
            # the store as the previous release left it: no value counts, each attribute the code-point maximum
            with store._transaction():  # noqa: SLF001
                for sql in (
                    "DROP TABLE entity_values",
                    "UPDATE entity_stats SET name = 'Anna-Berg', role = 'minister' WHERE key = 'person:anna-berg'",
                    "DELETE FROM migrations WHERE name = ?",
                ):
                    store._execute(sql, (name,) if "?" in sql else ())  # noqa: SLF001
        finally:
            store.close()
        migrated = open_store(url)
        try:
            assert name in migrated.applied_migrations()
            dump = migrated.dump()
            assert dump["entity_values"] == expected["entity_values"]
            assert dump["entity_stats"] == expected["entity_stats"]
            assert attributes(migrated, berg) == ("Anna Berg", "PERSON", "Foreign Minister", "Sweden", 4)
        finally:
            migrated.close()

    if backend == "sqlite":
        run(f"sqlite:///{tmp_path / 'old.db'}")
    else:
        with temporary_pg_schema(request.getfixturevalue("pg_url")) as url:
            run(url)
