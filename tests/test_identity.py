"""Cross-corpus identity: surname-only people merged into the unique full name; names and aliases resolved to keys,
over a real SQLite store filled by the real enrichment."""

from __future__ import annotations

from pathlib import Path

from presswatch.analysis.identity import EntityIndex, aliases, resolve
from presswatch.models import Entity

ROWS = [
    {"key": "person:fumio-kishida", "name": "Fumio Kishida", "type": "PERSON", "articles": 5},
    {"key": "person:kishida", "name": "Kishida", "type": "PERSON", "articles": 2},
    {"key": "person:shinzo-abe", "name": "Shinzo Abe", "type": "PERSON", "articles": 9},
    {"key": "person:akie-abe", "name": "Akie Abe", "type": "PERSON", "articles": 1},
    {"key": "person:abe", "name": "Abe", "type": "PERSON", "articles": 3},
    {"key": "person:li-wen", "name": "Li Wen", "type": "PERSON", "articles": 1},
    {"key": "person:li", "name": "Li", "type": "PERSON", "articles": 1},
    {"key": "loc:northern-territories", "name": "Northern Territories", "type": "LOC", "articles": 4},
]


def test_surname_merges_only_into_a_unique_full_name() -> None:
    index = EntityIndex.from_rows(ROWS)
    assert index.canonical("person:kishida") == "person:fumio-kishida"
    assert index.canonical("person:abe") == "person:abe"  # two full-name Abes: ambiguous, left alone
    assert index.canonical("person:li") == "person:li-wen"  # family name first
    assert set(index.members("person:fumio-kishida")) == {"person:fumio-kishida", "person:kishida"}


def test_resolve_names_surnames_and_aliases() -> None:
    index = EntityIndex.from_rows(ROWS)
    assert index.resolve("Kishida")[:2] == ["person:fumio-kishida", "person:kishida"]
    assert index.resolve("fumio kishida")[0] == "person:fumio-kishida"
    assert index.resolve("Kuril Islands") == ["loc:northern-territories"]
    abe = index.resolve("Abe")
    assert abe[0] == "person:abe" and {"person:shinzo-abe", "person:akie-abe"} <= set(abe)
    assert index.resolve("person:kishida") == ["person:fumio-kishida", "person:kishida"]  # a key brings its merges
    assert "Southern Kurils" in index.aliases("loc:northern-territories")
    assert "Kishida" in index.aliases("person:fumio-kishida")


def test_from_entity_records_and_module_functions() -> None:
    records = [Entity("person:ana-ruiz", "Ana Ruiz", "PERSON"), Entity("person:ruiz", "Ruiz", "PERSON")]
    index = EntityIndex.from_rows(records)
    assert index.canonical("person:ruiz") == "person:ana-ruiz"
    assert resolve("the four disputed northern islands") == ["loc:northern-territories"]
    assert "Kuril Islands" in aliases("loc:northern-territories")


def test_resolve_against_a_real_store(tmp_path: Path) -> None:
    from presswatch.enrich.pipeline import EnrichOptions, enrich_article
    from presswatch.models import Article, paragraphs_to_text
    from presswatch.store import open_store

    texts = [
        ["Foreign Minister Hana Okabe met envoys in Ottawa on Tuesday. Okabe said the talks were useful."],
        ["Minister Okabe told reporters on Monday that she would travel again."],
    ]
    store = open_store(f"sqlite:///{tmp_path / 'pw.db'}")
    try:
        articles = []
        for i, paras in enumerate(texts):
            text, spans = paragraphs_to_text(paras)
            articles.append(Article(title=f"t{i}", text=text, paragraph_spans=spans, published="2016-01-0{i + 1}"))
        store.add_articles(articles)
        store.save_enrichments([enrich_article(a, EnrichOptions()) for a in articles])
        keys = resolve("Okabe", store=store)
        assert keys[0] == "person:hana-okabe"
        assert "person:okabe" in keys  # the second article only says "Okabe": merged into the full name
    finally:
        store.close()
