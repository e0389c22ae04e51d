"""The query language: parsing to an AST, compiling to FTS5 and tsquery, and errors that name the problem."""

from __future__ import annotations

import pytest

from presswatch.errors import QueryError
from presswatch.store.query import (
    And,
    Not,
    Or,
    Phrase,
    Term,
    build_search_query,
    parse_query,
    to_fts5,
    to_tsquery,
)


def test_words_are_anded_and_operators_group():
    assert parse_query("kuril islands").ast == And((Term("kuril"), Term("islands")))
    assert parse_query("a OR b c").ast == Or((Term("a"), And((Term("b"), Term("c")))))
    assert parse_query("(a OR b) c").ast == And((Or((Term("a"), Term("b"))), Term("c")))
    assert parse_query("a AND NOT b").ast == And((Term("a"), Not(Term("b"))))
    assert parse_query("a -b").ast == And((Term("a"), Not(Term("b"))))
    assert parse_query("a NOT NOT b").ast == And((Term("a"), Term("b")))


def test_lowercase_operators_and_inner_hyphens_are_words():
    assert parse_query("war and peace").ast == And((Term("war"), Term("and"), Term("peace")))
    assert parse_query("co-operation").ast == Phrase(("co", "operation"))
    assert parse_query("U.S. policy").ast == And((Phrase(("U", "S")), Term("policy")))


def test_phrases_prefixes_and_filters():
    parsed = parse_query('outlet:"Sankei Shimbun" "Northern Territories" territor* from:2015-10-01 tag:russia')
    assert parsed.ast == And((Phrase(("Northern", "Territories")), Term("territor", prefix=True)))
    assert parsed.filters == {"outlet": ["Sankei Shimbun"], "from": ["2015-10-01"], "tag": ["russia"]}
    assert parse_query("entity:gpe:russia").filters == {"entity": ["gpe:russia"]}
    assert parse_query("outlet:TASS").ast is None


def test_build_search_query_moves_filters_to_fields():
    q = build_search_query("kuril outlet:TASS kind:Report from:2016-01-01 to:2016-12-31 speaker:Lavrov", limit=5)
    assert (q.outlet, q.kind, q.speaker, q.date_from, q.date_to, q.limit) == (
        ["TASS"],
        ["Report"],
        ["Lavrov"],
        "2016-01-01",
        "2016-12-31",
        5,
    )


def test_compile_quotes_every_word():
    ast = parse_query('"he said" OR x*  -"y\'s" AND z').ast
    assert to_fts5(ast) == '("he said" OR (("x"* AND "z") NOT "y s"))'
    assert to_tsquery(ast) == "(('he' <-> 'said') | ('x':* & !('y' <-> 's') & 'z'))"
    assert to_fts5(Term('qu"ote')) == '"qu""ote"'
    assert to_tsquery(Term("o'brien")) == "'o''brien'"
    assert to_tsquery(Term("back\\slash")) == "'back\\\\slash'"
    assert to_tsquery(Phrase(("northern", "territories"))) == "('northern' <-> 'territories')"
    assert to_tsquery(Term("terr", prefix=True)) == "'terr':*"
    assert to_fts5(And((Term("a"), Not(Term("b")), Not(Term("c"))))) == '((("a") NOT "b") NOT "c")'


@pytest.mark.parametrize(
    ("query", "message", "position"),
    [
        ('kuril "northern', "unbalanced quote", 6),
        ("(a OR b", "never closed", 0),
        ("a b)", r"no matching \(", 3),
        ("a AND", "AND at position 3 has nothing after it", 2),
        ("OR a", "OR at position 1 has nothing before it", 0),
        ("a OR", "OR at position 3 has nothing after it", 2),
        ("a AND AND b", "AND at position 3 has nothing after it", 2),
        ("NOT", "NOT at position 1 has nothing after it", 0),
        ("-a", "only of excluded words", None),
        ("from:2016-13-40 a", "bad date '2016-13-40' for from:", 0),
        ("to:yesterday", "use YYYY-MM-DD", 0),
        ("colour:red", "unknown filter 'colour'", 0),
        ("outlet: a", "has no value", 0),
        ("a OR outlet:x", "cannot be alternatives", 2),
        ("(outlet:x a)", "cannot be inside parentheses", 1),
        ("()", "empty parentheses", 0),
        ("a*b", "only allowed at the end", 0),
    ],
)
def test_malformed_queries_name_the_problem_and_position(query, message, position):
    with pytest.raises(QueryError, match=message) as info:
        parse_query(query)
    assert info.value.position == position
