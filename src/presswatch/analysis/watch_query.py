"""Watch queries: the search language of ``presswatch search``, evaluated on one article, with aliases.

A plain name (``Northern Territories``: no operators, quotes, prefixes, parentheses or filters) is watched as one
name with all its aliases, as a user means it. Anything else is read with the search syntax (``store/query.py``)::

    Kuril* AND (Lavrov OR Kishida) -Crimea outlet:TASS from:2017-01-01
    "peace treaty" speaker:"Sergey Lavrov"

and evaluated here against the article and its enrichment. Every word or phrase of it also matches its aliases (the
gazetteer's and the cross-corpus identity's, ``identity_adapter.expand``) and the entities and speakers it names, so
``Kurils AND summit`` finds "the Northern Territories summit". A watchlist's extra aliases are alternatives to the
whole query. Filters restrict as in search: values of one filter are alternatives, different filters all apply.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from presswatch.analysis.identity_adapter import expand, matcher_for, text_pattern
from presswatch.enrich.aliases import Gazetteer, load_gazetteer
from presswatch.errors import PresswatchError
from presswatch.models import Article, EnrichedArticle
from presswatch.store.query import FILTERS, And, Node, Not, Phrase, Term, parse_query

# What makes a query more than a plain name: quotes, prefixes, parentheses, an operator word, a leading minus, a filter.
# An entity key ("person:akira-tanaka") is a plain name.
_SYNTAX = re.compile(r'["*()]|(?<!\S)(?:AND|OR|NOT)(?!\S)|(?<!\S)-\w|(?<!\S)(?:' + "|".join(FILTERS) + r"):\S")

# (matched, why): ``why`` names the first positive part that matched ("text: 'Kuril Islands'").
Verdict = tuple[bool, str | None]
Leaf = Callable[[Article, EnrichedArticle | None], Verdict]


def is_plain(query: str) -> bool:
    return _SYNTAX.search(query) is None


def _name_leaf(name: str, aliases: Iterable[str] = ()) -> Leaf:
    """A name and its aliases in the title or text, or an entity or speaker of the enrichment that stands for it."""
    pattern = text_pattern(name, aliases)
    entity = matcher_for(name, aliases)

    def match(article: Article, enriched: EnrichedArticle | None) -> Verdict:
        m = pattern.search(article.title) or pattern.search(article.text)
        if m:
            return True, f"text: {m.group(0)!r}"
        if enriched is not None:
            for e in enriched.entities:
                if entity(e.key) or entity(e.name):
                    return True, f"entity: {e.key}"
            for a in enriched.attributions:
                if entity(a.speaker.entity) or entity(a.speaker.name):
                    return True, f"speaker: {a.speaker.name or a.speaker.label}"
        return False, None

    return match


def _prefix_leaf(word: str) -> Leaf:
    pattern = re.compile(rf"(?<!\w){re.escape(word)}\w*", re.IGNORECASE)

    def match(article: Article, enriched: EnrichedArticle | None) -> Verdict:
        m = pattern.search(article.title) or pattern.search(article.text)
        return (True, f"text: {m.group(0)!r}") if m else (False, None)

    return match


def _compile(node: Node) -> Leaf:
    if isinstance(node, Term):
        return _prefix_leaf(node.word) if node.prefix else _name_leaf(node.word)
    if isinstance(node, Phrase):
        return _name_leaf(" ".join(node.words))
    if isinstance(node, Not):
        child = _compile(node.child)
        return lambda a, e: (not child(a, e)[0], None)
    parts = [_compile(c) for c in node.children]
    if isinstance(node, And):

        def every(a: Article, e: EnrichedArticle | None) -> Verdict:
            why = None
            for part in parts:
                ok, reason = part(a, e)
                if not ok:
                    return False, None
                why = why or reason
            return True, why

        return every

    def any_(a: Article, e: EnrichedArticle | None) -> Verdict:
        for part in parts:
            ok, reason = part(a, e)
            if ok:
                return True, reason
        return False, None

    return any_


def _filter(name: str, values: list[str]) -> Callable[[Article, EnrichedArticle | None], bool]:
    folded = {v.casefold() for v in values}
    if name == "outlet":
        return lambda a, e: (a.outlet or "").casefold() in folded
    if name == "kind":
        return lambda a, e: (a.kind or "").casefold() in folded
    if name == "tag":
        return lambda a, e: any(t.casefold() in folded for t in a.tags)
    if name == "from":
        return lambda a, e: bool(a.published) and a.published[:10] >= max(values)
    if name == "to":
        return lambda a, e: bool(a.published) and a.published[:10] <= min(values)
    matchers = [matcher_for(v) for v in values]
    if name == "speaker":
        return lambda a, e: (
            e is not None and any(m(x.speaker.entity) or m(x.speaker.name) for x in e.attributions for m in matchers)
        )
    # entity
    return lambda a, e: e is not None and any(m(x.key) or m(x.name) for x in e.entities for m in matchers)


def _names_text(name: str, aliases: Iterable[str] = ()) -> str:
    """A full-text query finding every article a name leaf can match: its names and aliases as phrases, and for a
    known person the other names the gazetteer gives (an article saying only "Abe" has the entity Shinzo Abe)."""
    forms: list[str] = []
    names = sorted(expand(name, aliases)[1])
    people = _people()
    for n in list(names):
        known = people.person(n) if people is not None else None
        if known is not None:
            names.extend(f.lower() for f in (known.name, *known.aliases))
    for n in names:
        if ":" in n:  # an entity key: its name part
            n = n.rsplit(":", 1)[-1].replace("-", " ")
        form = " ".join(re.findall(r"\w+", n))
        if form and form not in forms:
            forms.append(form)
    return " OR ".join(f'"{f}"' for f in forms)


def _people() -> Gazetteer | None:
    try:
        return load_gazetteer(os.environ.get("PRESSWATCH_ALIAS_FILE") or None)
    except PresswatchError:  # a broken user file: the search gets no person aliases, the scan is still a superset
        return None


def _superset(node: Node) -> str | None:
    """The query with every word and phrase widened to its names (``_names_text``) and negations dropped: a search
    whose matches include every article the watch query matches. None when no such search is narrower than all."""
    if isinstance(node, Term) and node.prefix:
        return f"{node.word}*"
    if isinstance(node, Term | Phrase):
        names = _names_text(node.word if isinstance(node, Term) else " ".join(node.words))
        return f"({names})" if names else None
    if isinstance(node, Not):
        return None
    parts = [_superset(c) for c in node.children]
    if isinstance(node, And):
        kept = [p for p in parts if p]
        return "(" + " AND ".join(kept) + ")" if kept else None
    return None if any(p is None for p in parts) else "(" + " OR ".join(p for p in parts if p) + ")"


@dataclass(slots=True)
class WatchQuery:
    """A compiled watch query; ``match`` says why an article matches, or None. Raises QueryError when malformed."""

    text: str
    root: Leaf | None
    filters: list[Callable[[Article, EnrichedArticle | None], bool]]
    filter_text: str
    # A full-text search whose matches include every article this query can match (to find candidates in a large
    # store); None when there is none narrower than every article.
    search_text: str | None = None

    @classmethod
    def compile(cls, query: str, aliases: Iterable[str] = ()) -> WatchQuery:
        aliases = [a for a in aliases if a.strip()]
        if is_plain(query):
            return cls(query, _name_leaf(query, aliases), [], "", _names_text(query, aliases) or None)
        parsed = parse_query(query)
        root = _compile(parsed.ast) if parsed.ast is not None else None
        search_text = _superset(parsed.ast) if parsed.ast is not None else None
        if search_text and aliases:
            search_text = f"{search_text} OR ({_names_text(aliases[0], aliases[1:])})"
        if root is not None and aliases:
            whole, extra = root, _name_leaf(aliases[0], aliases[1:])

            def root(a: Article, e: EnrichedArticle | None) -> Verdict:
                ok, why = whole(a, e)
                return (ok, why) if ok else extra(a, e)

        filters = [_filter(name, values) for name, values in parsed.filters.items() if values]
        filter_text = " ".join(f"{name}:{v}" for name, values in parsed.filters.items() for v in values)
        return cls(query, root, filters, filter_text, search_text)

    def match(self, article: Article, enriched: EnrichedArticle | None) -> str | None:
        if not all(f(article, enriched) for f in self.filters):
            return None
        if self.root is None:
            return f"filters: {self.filter_text}"
        ok, why = self.root(article, enriched)
        if not ok:
            return None
        return why or f"filters: {self.filter_text}"
