"""Exact and near-duplicate detection: MinHash quality, persistence across runs, determinism."""

from __future__ import annotations

import random

import numpy as np
import pytest

from invented import WORDS
from presswatch.dedup import (
    DUPLICATE,
    NEAR_DUPLICATE,
    NEW,
    Deduplicator,
    DedupOptions,
    MinHasher,
    optimal_bands,
    similarity,
)
from presswatch.models import Article, paragraphs_to_text
from presswatch.store.testing import temporary_store


def invented_text(rng: random.Random, n_words: int) -> str:
    sentences, words = [], []
    for _ in range(n_words):
        words.append(rng.choice(WORDS))
        if len(words) >= rng.randint(8, 16):
            sentences.append(" ".join(words).capitalize() + ".")
            words = []
    if words:
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def article(title: str, text: str) -> Article:
    body, spans = paragraphs_to_text([text])
    return Article(title=title, text=body, paragraph_spans=spans)


def mutate(rng: random.Random, text: str, fraction: float) -> str:
    words = text.split()
    return " ".join(w if rng.random() >= fraction else f"changed{rng.randint(0, 10**6)}" for w in words)


def shingle_jaccard(a: str, b: str, k: int = 3) -> float:
    def shingles(t: str) -> set[tuple[str, ...]]:
        w = t.lower().split()
        return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}

    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_signatures_estimate_jaccard_similarity():
    rng = random.Random(7)
    hasher = MinHasher()
    errors = []
    for _ in range(60):
        a = invented_text(rng, rng.randint(150, 600))
        b = mutate(rng, a, rng.uniform(0.0, 0.1))
        errors.append(abs(similarity(hasher.signature(a), hasher.signature(b)) - shingle_jaccard(a, b)))
    # 64 bins: the standard error at J=0.8 is sqrt(0.8*0.2/64) = 0.05
    assert np.mean(errors) < 0.06
    assert np.max(errors) < 0.25


def test_signatures_are_deterministic_case_and_space_insensitive_and_batched_alike():
    a, b = MinHasher(), MinHasher()
    text = "The Minister met the envoy.\n\nTalks on the islands went on."
    assert (a.signature(text) == b.signature(text)).all()
    assert (a.signature(text) == a.signature("the minister  met\u00a0the ENVOY. talks on the islands went on.")).all()
    texts = [text, "", "one", "two words", "a longer text with several words in it"]
    batched = a.signatures(texts)
    for t, sig in zip(texts, batched, strict=True):
        single = a.signature(t)
        assert (sig is None and single is None) or (sig == single).all()
    assert batched[1] is None
    assert similarity(a.signature("completely different words here"), a.signature(text)) < 0.2


def test_lsh_band_parameters_match_datasketch_choice():
    from datasketch.lsh import _optimal_param

    assert optimal_bands(0.8, 64) == (9, 7) == _optimal_param(0.8, 64, 0.1, 0.9)
    assert optimal_bands(0.8, 64, 0.5, 0.5) == (5, 11) == _optimal_param(0.8, 64, 0.5, 0.5)
    assert optimal_bands(0.5, 128) == _optimal_param(0.5, 128, 0.1, 0.9)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def classify_and_store(dedup: Deduplicator, store, articles):
    decisions = dedup.classify(articles)
    keep = [d for d in decisions if d.status != DUPLICATE]
    store.write_batch(
        [d.article for d in keep],
        minhashes={d.article.id: d.signature for d in keep if d.signature},
        lsh_keys={d.article.id: d.lsh_keys for d in keep if d.lsh_keys},
    )
    dedup.committed([d.article.id for d in keep])
    return decisions


def test_exact_and_near_duplicates_within_a_run_and_across_runs(store):
    rng = random.Random(3)
    base = invented_text(rng, 400)
    original = article("Talks resume", base)
    copy = article("Talks resume", base)  # the same file again
    near = article("Talks resume (updated)", mutate(rng, base, 0.02))
    other = article("Fishing quota", invented_text(rng, 400))
    dedup = Deduplicator(store)
    decisions = classify_and_store(dedup, store, [original, copy, near, other])
    assert [d.status for d in decisions] == [NEW, DUPLICATE, NEAR_DUPLICATE, NEW]
    assert near.duplicate_of == original.id and decisions[2].similarity >= 0.8
    assert store.get_article(near.id).duplicate_of == original.id
    assert store.count_articles() == 3

    # a later run (a new Deduplicator: nothing in memory) finds both kinds against what is stored
    later = Deduplicator(store)
    near2 = article("Talks resume, second update", mutate(random.Random(9), base, 0.03))
    again = article("Talks resume", base)
    decisions = classify_and_store(later, store, [again, near2])
    assert [d.status for d in decisions] == [DUPLICATE, NEAR_DUPLICATE]
    assert near2.duplicate_of == original.id  # linked to the original, never to the earlier near-duplicate


def test_threshold_is_configurable_and_near_dup_can_be_switched_off(store):
    rng = random.Random(5)
    base = invented_text(rng, 300)
    a, b = article("a", base), article("b", mutate(rng, base, 0.15))
    j = shingle_jaccard(a.text, b.text)
    assert 0.3 < j < 0.75
    strict = Deduplicator(store, DedupOptions(threshold=0.9))
    assert [d.status for d in strict.classify([a, b])] == [NEW, NEW]
    loose = Deduplicator(store, DedupOptions(threshold=0.2))
    assert [d.status for d in loose.classify([article("a2", base), article("b2", b.text)])] == [NEW, NEAR_DUPLICATE]
    off = Deduplicator(store, DedupOptions(enabled=False))
    assert [d.status for d in off.classify([article("a3", base), article("b3", base + " x")])] == [NEW, NEW]
    with pytest.raises(ValueError, match="threshold"):
        DedupOptions(threshold=1.5)


def test_same_input_order_gives_the_same_links_whatever_the_batches(tmp_path):
    rng = random.Random(11)
    bases = [invented_text(rng, 250) for _ in range(5)]
    items = []
    for i in range(60):
        base = bases[i % 5]
        items.append((f"t{i}", mutate(rng, base, 0.02) if i >= 5 else base))

    def run(sizes: list[int], name: str) -> list[tuple[str, str | None]]:
        (tmp_path / name).mkdir()
        with temporary_store("sqlite", tmp_path / name) as s:
            dedup = Deduplicator(s)
            arts = [article(t, x) for t, x in items]
            pos = 0
            for size in sizes:
                classify_and_store(dedup, s, arts[pos : pos + size])
                pos += size
            return [(a.id, a.duplicate_of) for a in s.iter_articles()]

    one = run([60], "one")
    many = run([7, 1, 13, 20, 19], "many")
    assert one == many
    assert sum(1 for _, dup in one if dup) >= 50  # the mutated copies were linked


def test_short_placeholder_texts_are_never_near_duplicates(store):
    """Rows of a malformed export whose text column holds a placeholder ("-1") or a comments link: the texts are
    identical but the articles are not; neither becomes a copy of the other, nor an original that others link to."""
    rng = random.Random(13)
    rows = [
        article("Minister denies fishing quota report", "-1"),
        article("Harbour festival opens with lantern parade", "-1"),
        article("Council vote on bridge postponed", "View Comments"),
        article("Ferry strike ends after talks", "View Comments"),
        article("Archive photo of the week", "Our pick of the week's photographs, all rights reserved."),
        article("Mountain village gets a new ladder", "Our pick of the week's photographs, all rights reserved."),
    ]
    dedup = Deduplicator(store)
    decisions = classify_and_store(dedup, store, rows)
    assert [d.status for d in decisions] == [NEW] * 6
    assert all(d.signature is None and not d.lsh_keys for d in decisions)
    assert not any(a.duplicate_of for a in store.iter_articles())
    # a text of ordinary length is still found as a near-duplicate (also of a later run)
    base = invented_text(rng, 200)
    later = Deduplicator(store)
    pair = [article("Talks", base), article("Talks (2)", mutate(rng, base, 0.02))]
    decisions = classify_and_store(later, store, pair)
    assert [d.status for d in decisions] == [NEW, NEAR_DUPLICATE]
    with pytest.raises(ValueError, match="min_words"):
        DedupOptions(min_words=0)


def test_malformed_csv_rows_with_a_placeholder_text_are_stored_as_distinct_articles(tmp_path):
    """The cause seen in a real export: a broken quote merged title and subtitle, the body went to the subtitle
    column and the text column kept a placeholder; the CSV itself parses, so dedup must not link such rows."""
    from presswatch.ingest import IngestOptions, ingest
    from presswatch.sources import SourceOptions

    csv_path = tmp_path / "export.csv"
    csv_path.write_text(
        "article_id,publish_date,article_source_link,title,subtitle,text\n"
        '1,2017/2/16,http://example.org/a,"Envoy calls reports ""fake""?,He said so twice""","MOSCOW. The envoy '
        'spoke at length about the reports.",-1\n'
        '2,2017/3/3,http://example.org/b,"Ministry shrugs off ""findings""?,A spokesman said""","TOKYO. The ministry '
        'said it had not studied the findings.",-1\n',
        encoding="utf-8",
    )
    with temporary_store("sqlite", tmp_path) as s:
        options = IngestOptions(enrich=False, source=SourceOptions(preset="newsarticles"))
        report = ingest([str(csv_path)], s, options)
        assert (report.new, report.near_duplicate) == (2, 0)
        assert not any(a.duplicate_of for a in s.iter_articles())
