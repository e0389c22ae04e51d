"""Time expressions resolved against the article date (invented sentences; the example page's six expressions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.enrich.nlp import load_nlp, make_doc
from presswatch.enrich.options import EnrichOptions
from presswatch.enrich.times import extract_times


def times_of(text: str, article_date: str | None = "2015-10-15"):
    nlp = load_nlp(EnrichOptions())
    doc = nlp(make_doc(nlp, text, [(0, len(text))]))
    refs = extract_times(doc, article_date)
    for r in refs:
        assert text[r.start : r.end] == r.text
    return {r.text: r for r in refs}


@pytest.mark.parametrize(
    ("sentence", "expr", "kind", "value"),
    [
        ("A source told the paper on Oct. 14 that talks would resume.", "Oct. 14", "date", "2015-10-14"),
        ("The ministers met in September.", "in September", "month", "2015-09"),
        ("They met in late September in Ottawa.", "late September", "interval", "2015-09-21/2015-09-30"),
        ("The envoy arrived in early October.", "early October", "interval", "2015-10-01/2015-10-10"),
        ("Prices rose in mid-August.", "mid-August", "interval", "2015-08-11/2015-08-20"),
        ("He hopes to visit before yearend.", "before yearend", "before", "before 2015-12-31"),
        ("Officials have been touring the region recently.", "recently", "vague", "recent"),
        ("It was their first meeting in 19 months.", "19 months", "duration", "P19M"),
        ("The minister resigned on Tuesday.", "on Tuesday", "date", "2015-10-13"),
        ("The minister resigned on Thursday.", "on Thursday", "date", "2015-10-15"),  # the article's own day
        ("The minister will resign on Tuesday.", "on Tuesday", "date", "2015-10-20"),
        ("The strike ended yesterday.", "yesterday", "date", "2015-10-14"),
        ("The envoys will meet next week.", "next week", "interval", "2015-10-19/2015-10-25"),
        ("The plant was built in 2009.", "in 2009", "year", "2009"),
        ("The law took effect on 2015-04-01.", "2015-04-01", "date", "2015-04-01"),
        ("The accord was signed on March 3, 2014.", "March 3, 2014", "date", "2014-03-03"),
        ("Exports fell three months ago.", "three months ago", "month", "2015-07"),
        ("Growth slowed last year.", "last year", "year", "2014"),
        ("A deal is expected by December.", "by December", "before", "before 2015-12-31"),
    ],
)
def test_expressions(sentence: str, expr: str, kind: str, value: str) -> None:
    refs = times_of(sentence)
    assert expr in refs, list(refs)
    assert (refs[expr].kind, refs[expr].value) == (kind, value)


def test_late_september_bounds_and_may_the_modal() -> None:
    refs = times_of("The leaders met in late September. Both sides may meet again.")
    late = refs["late September"]
    assert (late.earliest, late.latest) == ("2015-09-21", "2015-09-30")
    assert not any("may" in k.lower() for k in refs)


def test_month_day_near_a_new_year_takes_the_nearest_year() -> None:
    refs = times_of("The vote took place on Dec. 28.", "2016-01-04")
    assert refs["Dec. 28"].value == "2015-12-28"


def test_without_article_date_only_absolute_expressions_resolve() -> None:
    refs = times_of("The envoys met on 2015-04-01 and again on Tuesday.", None)
    assert refs["2015-04-01"].value == "2015-04-01"
    assert (refs["on Tuesday"].kind, refs["on Tuesday"].value) == ("unresolved", "?")


def test_example_times(example_path: Path) -> None:
    from presswatch.enrich.pipeline import enrich_article
    from test_pipeline import example_article

    result = enrich_article(example_article(example_path), EnrichOptions())
    got = {t.text: t for t in result.times}
    assert got["Oct. 14"].value == "2015-10-14"
    assert got["in September"].value == "2015-09"
    assert got["19 months"].value == "P19M"
    assert got["before yearend"].value == "before 2015-12-31"
    assert got["late September"].value == "2015-09-21/2015-09-30"
    assert got["recently"].kind == "vague" and got["recently"].latest == "2015-10-15"
