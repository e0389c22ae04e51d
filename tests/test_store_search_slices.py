"""Large match sets on both backends: the newest rank_window matches are found (PostgreSQL looks in growing slices of
the newest articles), paging visits every match once, and a phrase's total beyond the window is a flagged lower
bound on PostgreSQL."""

from __future__ import annotations

import pytest

from presswatch.models import Article, paragraphs_to_text
from presswatch.store.base import SearchQuery
from presswatch.store.testing import temporary_store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request, tmp_path):
    pg_url = request.getfixturevalue("pg_url") if request.param == "postgres" else None
    with temporary_store(request.param, tmp_path, pg_url) as s:
        yield s


def make(i: int, body: str) -> Article:
    text, spans = paragraphs_to_text([body, f"Item number {i} of the invented harbour series."])
    return Article(title=f"Harbour note {i}", text=text, paragraph_spans=spans, outlet="Wire")


def test_the_newest_matches_are_found_beyond_the_first_slice_and_pages_cover_every_match(store):
    # 60 articles; the phrase "pilot boat" in every tenth (6 matches), the words "pilot" and "boat" apart in others
    articles = [
        make(i, "The pilot boat left at dawn." if i % 10 == 3 else "A boat waited while the pilot slept." * (i % 2))
        for i in range(60)
    ]
    store.add_articles(articles)
    phrase_ids = [a.id for i, a in enumerate(articles) if i % 10 == 3]
    store.rank_window = 2  # type: ignore[attr-defined]  # first slice: the newest 8 articles (4 x window)
    first = store.search(SearchQuery(text='"pilot boat"', limit=2))
    assert set(h.id for h in first.hits) == set(phrase_ids[-2:])  # the two newest matches, ranked
    assert first.ranked_among == 2
    if store.url.startswith("sqlite"):
        assert (first.total, first.total_exact) == (6, True)
    else:  # a phrase is not counted past the window: "at least 3"
        assert (first.total, first.total_exact) == (3, False)
    pages = [[h.id for h in store.search(SearchQuery(text='"pilot boat"', limit=2, offset=o)).hits] for o in (0, 2, 4)]
    flat = [i for page in pages for i in page]
    assert sorted(flat) == sorted(phrase_ids) and flat[2:] == list(reversed(phrase_ids[:4]))
    # a rare word only in the oldest article: found although no slice but the last holds it
    store.add_articles([make(100, "Lighthouse keepers met.")])
    store.add_articles([make(200 + i, "Nothing of note.") for i in range(40)])
    rare = store.search(SearchQuery(text="lighthouse"))
    assert (rare.total, rare.total_exact, rare.ranked_among) == (1, True, None)
    store.rank_window = 100  # type: ignore[attr-defined]
    everything = store.search(SearchQuery(text='"pilot boat"', limit=50))
    assert (everything.total, everything.total_exact, everything.ranked_among) == (6, True, None)


def test_a_facets_only_search_counts_the_same_facets_without_hits(store):
    # 30 articles with the word "ferry"; a window of 10: the facets are over the newest 10 matches either way
    store.add_articles([make(i, f"The ferry to island {i % 3} was late.") for i in range(30)])
    store.rank_window = 10  # type: ignore[attr-defined]
    full = store.search(SearchQuery(text="ferry", facets=True))
    only = store.search(SearchQuery(text="ferry", facets=True, hits=False))
    assert only.facets == full.facets and only.facets_sample == full.facets_sample
    if store.url.startswith("sqlite"):  # SQLite answers the same search either way
        assert (only.total, only.total_exact, len(only.hits)) == (30, True, len(full.hits))
    else:  # no hits, and no count past the matches found: "at least 11"
        assert (full.total, full.total_exact) == (30, True)
        assert (only.total, only.total_exact, only.hits) == (11, False, [])


def test_a_slice_grows_as_far_as_the_density_of_matches_found_says():
    from presswatch.store.postgres import _next_span

    assert _next_span(4000, 0, 1001, 8) == 32000  # nothing found yet: the full growth
    assert _next_span(4000, 265, 1001, 8) == 18887  # 265 in 4,000: 1,001 lie within ~15,100, plus a quarter
    assert _next_span(4000, 10, 1001, 2) == 8000  # never more than the growth (a phrase: twice)
    assert _next_span(4000, 1000, 1001, 8) == 5005  # nearly all found: a little further, never the same span


def test_an_outlet_filter_matches_part_of_the_name_in_any_case_on_both_backends(store):
    # PostgreSQL turns the filter into the matching outlet names (from its per-outlet counters): the same articles
    outlets = ["Harbor Times", "harbor watch", None, "", "(unknown)", "Tide Post"]
    articles = []
    for i, outlet in enumerate(outlets):
        text, spans = paragraphs_to_text([f"The ferry schedule changed again, notice {i}."])
        articles.append(Article(title=f"Ferry notice {i}", text=text, paragraph_spans=spans, outlet=outlet))
    store.add_articles(articles)
    ids = {a.outlet: a.id for a in articles}

    def found(outlet: list[str], text: str = "ferry") -> set[str]:
        return {h.id for h in store.search(SearchQuery(text=text, outlet=outlet, limit=50)).hits}

    assert found(["HARBOR"]) == {ids["Harbor Times"], ids["harbor watch"]}
    assert found(["harbor", "tide"]) == {ids["Harbor Times"], ids["harbor watch"], ids["Tide Post"]}
    assert found(["harbor"], text="") == {ids["Harbor Times"], ids["harbor watch"]}  # a filter-only listing
    assert found(["unknown"]) == {ids["(unknown)"]}  # the name, not the articles without an outlet
    assert found([""]) == {ids[o] for o in outlets if o is not None}  # an empty part: every named outlet
    assert found(["nowhere"]) == set()
