"""The enrichment pipeline: paragraph-bounded sentences, order, failure reporting, process pool parity."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from presswatch.enrich.pipeline import ENRICH_VERSION, EnrichOptions, enrich_article, enrich_many
from presswatch.models import Article, EnrichedArticle, SourceFailure, paragraphs_to_text

# Invented text (not from any real article).
PARAGRAPHS = [
    "Trade Minister Hana Okabe met Canadian Trade Minister Paul Durand in Ottawa on Tuesday. Okabe said the talks were "
    "useful",  # no final full stop: the next paragraph must still start a new sentence
    "Durand told reporters that “no deal was reached.” He added that both sides would meet again next week.",
    "The Canadian government has been working for a visit by Okabe to Toronto before yearend.",
]


def make_article(paragraphs: list[str] = PARAGRAPHS, **kw) -> Article:
    text, spans = paragraphs_to_text(paragraphs)
    fields = {"title": "Invented", "text": text, "paragraph_spans": spans, "published": "2015-10-15", "outlet": "Kyodo"}
    fields.update(kw)
    return Article(**fields)


def example_article(path: Path) -> Article:
    """The example page's body as the Translation layout builds it: 7 paragraphs, no-break spaces stripped."""
    raw = path.read_text(encoding="utf-8")
    paragraphs = [line.strip("\u00a0 ").strip() for line in raw.splitlines() if line.startswith("\u00a0")]
    assert len(paragraphs) == 7
    return make_article(paragraphs, published="2015-10-15T15:00:00+09:00", outlet="Sankei", source=str(path))


def test_options_are_picklable_and_hashable() -> None:
    opts = EnrichOptions(alias_file="x.toml", batch_size=8)
    assert pickle.loads(pickle.dumps(opts)) == opts
    assert hash(opts) == hash(EnrichOptions(alias_file="x.toml", batch_size=8))


def test_no_sentence_spans_two_paragraphs() -> None:
    article = make_article()
    result = enrich_article(article, EnrichOptions())
    assert result.version == ENRICH_VERSION and result.article_id == article.id
    for s, e in result.sentences:
        assert any(ps <= s and e <= pe for ps, pe in article.paragraph_spans), article.text[s:e]
    # "... the talks were useful" has no full stop, yet the next paragraph starts its own sentence.
    ends = [article.text[s:e] for s, e in result.sentences]
    assert ends[1].endswith("were useful")
    assert len(result.sentences) == 5


def test_example_has_17_sentences(example_path: Path) -> None:
    result = enrich_article(example_article(example_path), EnrichOptions())
    assert len(result.sentences) == 17
    assert result.errors == []


def test_bad_item_is_reported_and_the_batch_goes_on() -> None:
    good = make_article()
    bad = make_article(source="feed.xml#7")
    bad.text = None  # type: ignore[assignment]  # an impossible article: spaCy cannot read it
    other = make_article(PARAGRAPHS[:1])
    out = list(enrich_many([good, bad, other], EnrichOptions(chunk_size=2)))
    assert [type(r) for r in out] == [EnrichedArticle, SourceFailure, EnrichedArticle]
    assert out[0].article_id == good.id and out[2].article_id == other.id
    failure = out[1]
    assert failure.stage == "enrich" and failure.location.startswith("feed.xml#7#") and bad.id in failure.location


def test_too_long_text_is_cut_at_a_paragraph_and_reported() -> None:
    article = make_article()
    limit = article.paragraph_spans[1][1] + 5
    result = enrich_article(article, EnrichOptions(max_chars=limit))
    assert result.sentences[-1][1] <= article.paragraph_spans[1][1]
    assert len(result.errors) == 1 and "1 paragraphs not read" in result.errors[0]


@pytest.mark.slow
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_workers_give_the_same_results_in_order(start_method: str) -> None:
    articles = [make_article([p, f"Paragraph number {i} of the invented text."]) for i, p in enumerate(PARAGRAPHS * 4)]
    bad = make_article(source="broken.txt")
    bad.text = None  # type: ignore[assignment]
    articles.insert(5, bad)
    options = EnrichOptions(chunk_size=2, start_method=start_method)
    single = [r.to_dict() for r in enrich_many(articles, options)]
    pooled = [r.to_dict() for r in enrich_many(articles, options, workers=2)]
    assert pooled == single
    assert pooled[5]["stage"] == "enrich" and pooled[5]["location"].startswith("broken.txt#")
    assert [r.get("article_id") for r in pooled if "article_id" in r] == [a.id for a in articles if a is not bad]


class _KillsTheWorker(str):
    """A text that, unpickled in a worker process, ends that process at once (as an out-of-memory kill would)."""

    def __reduce__(self):
        import os

        return (os._exit, (3,))


@pytest.mark.slow
def test_a_dying_worker_fails_its_chunk_only() -> None:
    articles = [make_article([p, f"Invented paragraph {i}."]) for i, p in enumerate(PARAGRAPHS * 4)]
    poison = make_article(source="poison.txt")
    poison.text = _KillsTheWorker("x")
    articles.insert(4, poison)
    out = list(enrich_many(articles, EnrichOptions(chunk_size=2), workers=2))
    assert len(out) == len(articles)
    failed = [r for r in out if isinstance(r, SourceFailure)]
    # Only the article that kills a worker fails: the chunks that broke with the pool are run again, the poison's
    # chunk split, and everything comes back in input order.
    assert len(failed) == 1 and failed[0].location.startswith("poison.txt#")
    assert "worker process died" in failed[0].reason
    assert [r.article_id for r in out if isinstance(r, EnrichedArticle)] == [a.id for a in articles if a is not poison]
    assert out[4] is failed[0]


def test_broken_alias_file_stops_the_run_before_any_work(tmp_path: Path) -> None:
    from presswatch.enrich.aliases import AliasFileError

    bad = tmp_path / "aliases.toml"
    bad.write_text("[[entity]\n", encoding="utf-8")
    with pytest.raises(AliasFileError, match="not valid TOML"):
        next(enrich_many([make_article()], EnrichOptions(alias_file=str(bad))))
