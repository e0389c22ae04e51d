"""The canonical example end to end: layout -> real enrichment -> real store -> analyse -> conflicts (C1 and C2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch import layouts
from presswatch.analysis.conflicts import CONFLICTS, analyse, find_conflicts, query_conflicts
from presswatch.models import RawDocument


@pytest.fixture(scope="module")
def enriched_example(example_path: Path):
    from presswatch.enrich.pipeline import enrich_article

    (article,) = layouts.parse(RawDocument(data=example_path.read_bytes(), location=str(example_path)))
    return article, enrich_article(article)


def test_kishida_and_lavrov_conflict_is_found_by_general_rules(enriched_example) -> None:
    found = find_conflicts([enriched_example])
    top = found[0]
    assert top.reason == "explicit_cue" and top.confidence >= 0.9
    assert top.cue.text == "contradicted"
    assert "in-depth discussions were held" in top.evidence_a.text
    assert "the Northern Territories issue was not discussed" in top.evidence_b.text
    assert top.topic == "loc:northern-territories"
    # "correcting Kishida's statement": the added account (A4) conflicts with Kishida's too
    assert any(c.cue and c.cue.text == "correcting" and "peace treaty" in c.evidence_b.text for c in found)
    # C2 (optional): Lavrov in public vs the Russian side in private, the nested statement rather than its wrapper
    c2 = [c for c in found if c.reason == "polarity"]
    assert c2 and all("it would be difficult to say" in (c.evidence_a.text + c.evidence_b.text) for c in c2)
    assert len(c2) == 1
    # the anonymous background sources do not conflict with anyone
    assert not any("prerequisite" in c.evidence_a.text + c.evidence_b.text for c in found)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path: Path):
    # A fresh store per test (on PostgreSQL a throw-away schema), never the shared public schema.
    from presswatch.store.testing import temporary_store

    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def test_analyse_persists_conflicts_and_they_are_queried_by_entity_alias_and_date(store, enriched_example) -> None:
    article, enriched = enriched_example
    store.add_articles([article])
    store.save_enrichments([enriched])
    summary = analyse(store)
    assert summary.articles == 1 and summary.claims >= 8 and summary.conflicts >= 2
    stored = dict(store.get_records(CONFLICTS))
    assert len(stored) == summary.conflicts
    assert any(r["reason"] == "explicit_cue" and r["speaker_name_b"] == "Sergey Lavrov" for r in stored.values())
    assert query_conflicts(store, entity="Lavrov")
    assert query_conflicts(store, topic="Kuril Islands")  # an alias of the Northern Territories
    assert query_conflicts(store, date_from="2015-10-01", date_to="2015-10-31")
    assert not query_conflicts(store, date_from="2016-01-01")
    assert not query_conflicts(store, entity="Medvedev")
    # analyse is repeatable: the same records, not twice as many
    analyse(store)
    assert len(store.get_records(CONFLICTS)) == summary.conflicts
