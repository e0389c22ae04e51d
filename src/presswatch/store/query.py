"""The search query language: parse what the user typed into an AST, compile it for each backend.

Syntax (case of the operators matters, so that "and" stays an ordinary word)::

    kuril islands                 both words (AND is implied)
    "northern territories"        a phrase
    lavrov AND japan              explicit AND;  lavrov OR kishida;  NOT putin  or  -putin
    (lavrov OR kishida) summit    parentheses group
    territor*                     prefix
    outlet:TASS kind:translation tag:defence from:2016-01-01 to:2016-12-31
    speaker:"Sergey Lavrov" entity:gpe:russia

Filters restrict the matches and may not appear inside OR, NOT or parentheses (they always apply to the whole
query). A malformed query raises :class:`~presswatch.errors.QueryError` naming the problem and its position.

The compiled forms are an FTS5 MATCH expression (SQLite) and a ``to_tsquery`` string (PostgreSQL); every word is
quoted in both, so no user input is ever read as query syntax by the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from presswatch.errors import QueryError
from presswatch.store.base import SearchQuery

FILTERS = ("outlet", "kind", "tag", "from", "to", "speaker", "entity")
OPERATORS = ("AND", "OR", "NOT")


# --------------------------------------------------------------------------------------------------------------------
# AST


@dataclass(frozen=True, slots=True)
class Term:
    word: str
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Node


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Not | And | Or


@dataclass(slots=True)
class ParsedQuery:
    """The full-text part as an AST (None when the query has only filters) and the filters by name."""

    ast: Node | None
    filters: dict[str, list[str]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------------------------------
# Tokenizer

_WORD_CHARS = re.compile(r"\w", re.UNICODE)
_FILTER_PREFIX = re.compile(r"([A-Za-z]+):")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # word | phrase | lparen | rparen | op | minus | filter
    value: str
    pos: int
    name: str = ""  # filter name


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read a "quoted" string starting at ``start`` (the opening quote); return (content, index after it)."""
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError(f'unbalanced quote: the " at position {start + 1} is never closed', start)
    return text[start + 1 : end], end + 1


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c == "(":
            tokens.append(_Token("lparen", c, i))
            i += 1
        elif c == ")":
            tokens.append(_Token("rparen", c, i))
            i += 1
        elif c == '"':
            value, j = _read_quoted(text, i)
            tokens.append(_Token("phrase", value, i))
            i = j
        elif c == "-" and i + 1 < n and not text[i + 1].isspace() and (i == 0 or text[i - 1] in ' \t\n("'):
            tokens.append(_Token("minus", c, i))
            i += 1
        else:
            m = _FILTER_PREFIX.match(text, i)
            if m and m.end() <= n:
                name = m.group(1).lower()
                if name not in FILTERS:
                    raise QueryError(
                        f"unknown filter {m.group(1)!r} at position {i + 1}; known filters: "
                        + ", ".join(f + ":" for f in FILTERS)
                        + ' (put the word in quotes to search for it literally, e.g. "word:value")',
                        i,
                    )
                j = m.end()
                if j < n and text[j] == '"':
                    value, j = _read_quoted(text, j)
                else:
                    k = j
                    while k < n and not text[k].isspace() and text[k] not in '()"':
                        k += 1
                    value = text[j:k]
                    j = k
                if not value.strip():
                    raise QueryError(f"filter {name}: at position {i + 1} has no value (e.g. {name}:value)", i)
                tokens.append(_Token("filter", value.strip(), i, name))
                i = j
                continue
            j = i
            while j < n and not text[j].isspace() and text[j] not in '()"':
                j += 1
            word = text[i:j]
            tokens.append(_Token("op" if word in OPERATORS else "word", word, i))
            i = j
    return tokens


# --------------------------------------------------------------------------------------------------------------------
# Parser (recursive descent):  or := and (OR and)* ;  and := unary (AND? unary)* ;  unary := (NOT|-) unary | primary


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.filters: dict[str, list[str]] = {}
        self.depth = 0  # >0 inside parentheses, OR or NOT: filters are not allowed there

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> ParsedQuery:
        ast = self.parse_or()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "rparen":
                raise QueryError(f"unbalanced parenthesis: the ) at position {tok.pos + 1} has no matching (", tok.pos)
            raise QueryError(f"unexpected {tok.value!r} at position {tok.pos + 1}", tok.pos)
        return ParsedQuery(ast, self.filters)

    def _filter_count(self) -> int:
        return sum(len(v) for v in self.filters.values())

    def parse_or(self) -> Node | None:
        before = self._filter_count()
        parts = [self.parse_and()]
        op = None
        while (tok := self.peek()) is not None and tok.kind == "op" and tok.value == "OR":
            op = self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind == "rparen" or (nxt.kind == "op" and nxt.value != "NOT"):
                raise QueryError(f"OR at position {tok.pos + 1} has nothing after it", tok.pos)
            parts.append(self.parse_and())
        if op is None:
            return parts[0]
        if self._filter_count() != before:
            raise QueryError(
                f"filters (outlet:, from: ...) apply to the whole query and cannot be alternatives of the OR at "
                f"position {op.pos + 1}",
                op.pos,
            )
        if any(p is None for p in parts):
            raise QueryError(f"OR at position {op.pos + 1} needs words on both sides", op.pos)
        return Or(tuple(p for p in parts if p is not None))

    def parse_and(self) -> Node | None:
        parts: list[Node] = []
        start = self.i
        while (tok := self.peek()) is not None:
            if tok.kind == "rparen" or (tok.kind == "op" and tok.value == "OR"):
                break
            if tok.kind == "op" and tok.value == "AND":
                self.take()
                nxt = self.peek()
                if self.i - 1 == start:
                    raise QueryError(f"AND at position {tok.pos + 1} has nothing before it", tok.pos)
                if nxt is None or nxt.kind == "rparen" or (nxt.kind == "op" and nxt.value != "NOT"):
                    raise QueryError(f"AND at position {tok.pos + 1} has nothing after it", tok.pos)
                continue
            node = self.parse_unary()
            if node is not None:
                parts.append(node)
        if self.i == start:
            tok = self.peek()
            if tok is not None and tok.kind == "op":
                raise QueryError(f"{tok.value} at position {tok.pos + 1} has nothing before it", tok.pos)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self) -> Node | None:
        tok = self.take()
        if tok.kind in ("minus",) or (tok.kind == "op" and tok.value == "NOT"):
            nxt = self.peek()
            if nxt is None or nxt.kind in ("rparen", "op") and nxt.value != "NOT" or nxt.kind == "filter":
                what = "-" if tok.kind == "minus" else "NOT"
                raise QueryError(f"{what} at position {tok.pos + 1} has nothing after it", tok.pos)
            self.depth += 1
            child = self.parse_unary()
            self.depth -= 1
            if child is None:
                raise QueryError(f"nothing to negate at position {tok.pos + 1}", tok.pos)
            return child.child if isinstance(child, Not) else Not(child)
        if tok.kind == "lparen":
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QueryError(f"unbalanced parenthesis: the ( at position {tok.pos + 1} is never closed", tok.pos)
            self.take()
            if inner is None:
                raise QueryError(f"empty parentheses at position {tok.pos + 1}", tok.pos)
            return inner
        if tok.kind == "rparen":
            raise QueryError(f"unbalanced parenthesis: the ) at position {tok.pos + 1} has no matching (", tok.pos)
        if tok.kind == "op":
            raise QueryError(f"{tok.value} at position {tok.pos + 1} has nothing before it", tok.pos)
        if tok.kind == "filter":
            if self.depth:
                raise QueryError(
                    f"filter {tok.name}: at position {tok.pos + 1} cannot be inside parentheses or NOT; "
                    "filters apply to the whole query",
                    tok.pos,
                )
            self.filters.setdefault(tok.name, []).append(_check_filter(tok))
            return None
        if tok.kind == "phrase":
            words = tuple(w for w in _split_words(tok.value))
            if not words:
                return None  # "" or "--": nothing searchable
            return Phrase(words) if len(words) > 1 else Term(words[0])
        # a plain word (maybe with a trailing * for prefix search)
        word = tok.value
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if "*" in core:
            raise QueryError(f"* is only allowed at the end of a word (position {tok.pos + 1})", tok.pos)
        words = _split_words(core)
        if not words:
            if prefix:
                raise QueryError(f"* at position {tok.pos + 1} needs a word before it (e.g. territor*)", tok.pos)
            return None  # punctuation only: ignored, as the index ignores it
        if len(words) == 1:
            return Term(words[0], prefix)
        # "U.S." or "co-operation": the index splits it, so search it as a phrase
        if prefix:
            return And((Phrase(tuple(words[:-1])), Term(words[-1], True)))
        return Phrase(tuple(words))


def _split_words(text: str) -> list[str]:
    """Words as the full-text indexes see them: runs of letters and digits."""
    return re.findall(r"\w+", text, re.UNICODE)


def _check_filter(tok: _Token) -> str:
    if tok.name in ("from", "to"):
        try:
            return dt.date.fromisoformat(tok.value).isoformat()
        except ValueError:
            raise QueryError(
                f"bad date {tok.value!r} for {tok.name}: at position {tok.pos + 1}; "
                f"use YYYY-MM-DD, e.g. {tok.name}:2016-12-01",
                tok.pos,
            ) from None
    return tok.value


# --------------------------------------------------------------------------------------------------------------------
# Public API


def parse_query(text: str) -> ParsedQuery:
    """Parse a query string into its full-text AST and filters. Raises QueryError when malformed."""
    parsed = _Parser(text or "").parse()
    if parsed.ast is not None:
        _check_positive(parsed.ast)
    return parsed


def _check_positive(node: Node) -> None:
    """Full-text indexes cannot list 'everything except X': every query needs a positive part."""
    if isinstance(node, Not):
        raise QueryError("a query cannot consist only of excluded words; add a word to search for (e.g. japan -china)")
    if isinstance(node, Or):
        for child in node.children:
            _check_positive(child)
    if isinstance(node, And) and all(isinstance(c, Not) for c in node.children):
        raise QueryError("a query cannot consist only of excluded words; add a word to search for (e.g. japan -china)")
    if isinstance(node, And):
        for child in node.children:
            if not isinstance(child, Not):
                _check_positive(child)
            else:
                _check_positive_inner(child.child)


def _check_positive_inner(node: Node) -> None:
    if isinstance(node, (And, Or)):
        _check_positive(node)


def build_search_query(text: str, *, limit: int = 20, offset: int = 0, facets: bool = False) -> SearchQuery:
    """Turn what the user typed into a SearchQuery: filters go to their fields, the rest stays in ``text``.

    ``text`` keeps the full query string (filters included); the stores parse it again and merge its filters with the
    explicit fields, so a SearchQuery built either way searches the same.
    """
    parsed = parse_query(text)
    return SearchQuery(text=text, limit=limit, offset=offset, facets=facets, **_filter_fields(parsed.filters))


def _filter_fields(filters: dict[str, list[str]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in ("outlet", "kind", "tag", "speaker", "entity"):
        if filters.get(name):
            out[name] = list(filters[name])
    if filters.get("from"):
        out["date_from"] = max(filters["from"])
    if filters.get("to"):
        out["date_to"] = min(filters["to"])
    return out


def resolve(query: SearchQuery) -> tuple[Node | None, SearchQuery]:
    """Parse ``query.text`` and return (full-text AST, a SearchQuery whose filter fields include the text's filters)."""
    parsed = parse_query(query.text)
    fields = _filter_fields(parsed.filters)
    merged = replace(  # every other field (limit, offset, facets, hits, snippets) as the caller set it
        query,
        outlet=_union(query.outlet, fields.get("outlet")),
        kind=_union(query.kind, fields.get("kind")),
        tag=_union(query.tag, fields.get("tag")),
        speaker=_union(query.speaker, fields.get("speaker")),
        entity=_union(query.entity, fields.get("entity")),
        date_from=_max_date(query.date_from, fields.get("date_from")),
        date_to=_min_date(query.date_to, fields.get("date_to")),
    )
    if merged.limit < 0 or merged.offset < 0:
        raise QueryError("limit and offset must not be negative")
    return parsed.ast, merged


def _union(a: list[str], b: object) -> list[str]:
    out = list(a)
    for v in b or []:  # type: ignore[attr-defined]
        if v not in out:
            out.append(v)
    return out


def _max_date(a: str | None, b: object) -> str | None:
    vals = [v for v in (a, b) if v]
    return max(vals) if vals else None  # type: ignore[type-var]


def _min_date(a: str | None, b: object) -> str | None:
    vals = [v for v in (a, b) if v]
    return min(vals) if vals else None  # type: ignore[type-var]


# --------------------------------------------------------------------------------------------------------------------
# Compilers


def _fts5_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    """Compile to an FTS5 MATCH expression. FTS5's NOT is binary, so negations attach to the positive part."""
    if isinstance(node, Term):
        return _fts5_string(node.word) + ("*" if node.prefix else "")
    if isinstance(node, Phrase):
        return _fts5_string(" ".join(node.words))
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(c) for c in node.children) + ")"
    if isinstance(node, And):
        pos = [to_fts5(c) for c in node.children if not isinstance(c, Not)]
        neg = [to_fts5(c.child) for c in node.children if isinstance(c, Not)]
        expr = "(" + " AND ".join(pos) + ")"
        for n in neg:
            expr = f"({expr} NOT {n})"
        return expr
    raise QueryError("a query cannot consist only of excluded words; add a word to search for")


def _ts_lexeme(word: str) -> str:
    # to_tsquery reads 'quoted' text as one operand; quotes and backslashes inside are escaped by doubling/backslash
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def to_tsquery(node: Node) -> str:
    """Compile to a PostgreSQL ``to_tsquery`` string (every operand quoted)."""
    if isinstance(node, Term):
        return _ts_lexeme(node.word) + (":*" if node.prefix else "")
    if isinstance(node, Phrase):
        return "(" + " <-> ".join(_ts_lexeme(w) for w in node.words) + ")"
    if isinstance(node, Not):
        return "!" + to_tsquery(node.child)
    if isinstance(node, Or):
        return "(" + " | ".join(to_tsquery(c) for c in node.children) + ")"
    if isinstance(node, And):
        return "(" + " & ".join(to_tsquery(c) for c in node.children) + ")"
    raise TypeError(node)


def to_headline_tsquery(node: Node, *, weight: str = "") -> str:
    """A ``to_tsquery`` string for snippets: any of the words and phrases a match must or may contain.

    ``ts_headline`` with the search query itself looks for a stretch of text satisfying all of it, and with NOT it
    finds none in most leads; marking any positive word or phrase is what a snippet needs, and it is found early.
    ``weight`` ("D": the body text in presswatch's vector) restricts every word to lexemes of that weight.
    """
    leaves: list[str] = []

    def leaf(word: str, prefix: bool = False) -> str:
        suffix = ("*" if prefix else "") + weight
        return _ts_lexeme(word) + (":" + suffix if suffix else "")

    def walk(n: Node) -> None:
        if isinstance(n, Term):
            leaves.append(leaf(n.word, n.prefix))
        elif isinstance(n, Phrase):
            leaves.append("(" + " <-> ".join(leaf(w) for w in n.words) + ")")
        elif isinstance(n, (And, Or)):
            for c in n.children:
                walk(c)

    walk(node)
    return " | ".join(dict.fromkeys(leaves)) or to_tsquery(node)


def positive_words(node: Node | None) -> list[str]:
    """The words a match must or may contain (for highlighting when the index cannot)."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [node.word]
    if isinstance(node, Phrase):
        return list(node.words)
    if isinstance(node, Not):
        return []
    out: list[str] = []
    for c in node.children:
        out.extend(positive_words(c))
    return out
