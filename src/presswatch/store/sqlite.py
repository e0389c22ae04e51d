"""The SQLite backend: one file, WAL journal, FTS5 full-text search ranked by bm25."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from presswatch.errors import StoreError
from presswatch.store import rows as R
from presswatch.store.base import SearchHit, SearchQuery, SearchResults
from presswatch.store.query import Node, to_fts5
from presswatch.store.sqlbase import SqlStore
from presswatch.store.sqlite_schema import MIGRATIONS

# bm25 weights per FTS column (title, text): a word in the headline says more than one in the body
_BM25 = "bm25(articles_fts, 5.0, 1.0)"
_SNIPPET = f"snippet(articles_fts, 1, '{R.MARK_START}', '{R.MARK_END}', '…', 28)"


class SqliteStore(SqlStore):
    """Store in one SQLite file. Safe to share between threads (one connection behind the store lock); several
    processes may open the same file (WAL: readers never block the writer; writers wait up to 30 s for each other)."""

    migrations = MIGRATIONS
    db_errors = (sqlite3.Error,)
    rank_window = 3000  # matches ranked by bm25 at most (the most recent ones); see _search
    count_cap = 5000  # filtered searches count up to this many matches exactly; see _count
    # facets count the newest this many matches at most; see _facets. 2,000 rather than the ranking window's 3,000:
    # the facet fragment's store call 53 -> 37 ms median on the 100,000-article bench store, margin under load
    facet_window = 2000

    def __init__(self, path: str | Path, url: str | None = None) -> None:
        self.path = Path(path)
        super().__init__(url or f"sqlite:///{self.path}")
        if not self.path.parent.exists():
            hint = "create it first"
            if not self.path.is_absolute() and self.url.startswith("sqlite:///"):
                # sqlite:///tmp/x.db is the *relative* path tmp/x.db: the usual slip when an absolute one was meant
                hint += f", or for the absolute path /{self.path} write sqlite:////{self.path}"
            raise StoreError(
                f"cannot create the store {self.path}: the folder {self.path.parent} does not exist ({hint})"
            )
        try:
            # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a batch is exactly one transaction
            self._conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=30.0)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; WAL keeps it consistent
            self._conn.execute("PRAGMA busy_timeout = 30000")
            self._conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
            self._conn.execute("PRAGMA temp_store = MEMORY")
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"cannot open {self.path} as a SQLite store: {exc} (is it a presswatch database?)"
            ) from exc
        self._in_tx = False
        self._migrate()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.execute("PRAGMA optimize")  # keeps the planner's statistics fresh; optional
                except sqlite3.Error:
                    pass  # e.g. busy for longer than the timeout: closing matters more than optimizing
                finally:
                    self._conn.close()
                self._conn = None  # type: ignore[assignment]

    # ---------------------------------------------------------------------------------------------------------------
    # dialect hooks

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._conn is None:
            raise StoreError(f"the store {self.url} is closed")
        if self._in_tx:  # nested: part of the enclosing transaction
            yield
            return
        # IMMEDIATE takes the write lock at once, so two writers queue instead of failing half-way
        self._conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._in_tx = False

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self._conn is None:
            raise StoreError(f"the store {self.url} is closed")
        return self._conn.execute(sql, tuple(params)).fetchall()

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._conn.executemany(sql, rows)

    def _index_articles(self, seqs: list[int]) -> None:
        for i in range(0, len(seqs), 500):
            chunk = seqs[i : i + 500]
            self._execute(
                "INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles "
                f"WHERE seq IN ({', '.join('?' * len(chunk))})",
                chunk,
            )

    def _seqs_match(self, seqs: list[int]) -> tuple[str, list[Any]]:
        # one JSON parameter: thousands of ? would be parsed and bound one by one
        return "SELECT seq, id FROM articles WHERE seq IN (SELECT value FROM json_each(?))", [json.dumps(seqs)]

    def _search(self, ast: Node | None, q: SearchQuery, where: list[str], params: list[Any]) -> SearchResults:
        if ast is None:
            return self._list(q, where, params)
        return self._full_text(ast, q, where, params)

    def _list(self, q: SearchQuery, where: list[str], params: list[Any]) -> SearchResults:
        """A query with filters only: the matching articles, newest first."""
        cond = " WHERE " + " AND ".join(where) if where else ""
        total = self._execute(f"SELECT count(*) FROM articles a{cond}", params)[0][0]
        rows = self._execute(
            "SELECT a.id, a.title, a.published, a.outlet, a.kind, substr(a.text, 1, 240), 0.0 "
            f"FROM articles a{cond}"
            " ORDER BY a.published DESC, a.seq DESC LIMIT ? OFFSET ?",
            [*params, q.limit, q.offset],
        )
        hits = [_hit(r, plain=True) for r in rows]
        match_sql, match_params = f"SELECT a.seq, a.id FROM articles a{cond}", params
        sample = self.facet_window if total > self.facet_window else None
        facets = self._facets(match_sql, match_params, newest=sample) if q.facets else {}
        return SearchResults(total=int(total), hits=hits, facets=facets, facets_sample=sample)

    def _full_text(self, ast: Node, q: SearchQuery, where: list[str], params: list[Any]) -> SearchResults:
        """Full-text matches ranked by bm25 (within the newest rank_window when there are more), filtered."""
        match = to_fts5(ast)
        # outlet/kind/date filters read a narrow covering index instead of the wide article row
        hint = " INDEXED BY articles_filter" if where and _indexable(q) else ""
        joined_sql = f"FROM articles_fts JOIN articles a{hint} ON a.seq = articles_fts.rowid WHERE " + " AND ".join(
            ["articles_fts MATCH ?", *where]
        )
        # no filter: the full-text index alone answers, no article row is read
        from_sql = joined_sql if where else "FROM articles_fts WHERE articles_fts MATCH ?"
        all_params = [match, *params]
        try:
            if where and _indexable(q):
                # the filters alone, from indexes: nothing to search when they match no article, and the
                # matching articles' seq range bounds the full-text scan
                n, low, high = self._execute(
                    "SELECT count(*), min(a.seq), max(a.seq) FROM articles a WHERE " + " AND ".join(where), params
                )[0]
                if n == 0:
                    empty = {name: [] for name in _FACETS} if q.facets else {}
                    return SearchResults(total=0, hits=[], facets=empty)
                from_sql += " AND articles_fts.rowid BETWEEN ? AND ?"
                joined_sql += " AND articles_fts.rowid BETWEEN ? AND ?"
                all_params += [low, high]
            total, total_exact, cutoff = self._count(from_sql, all_params, filtered=bool(where))
            # bm25 costs a few microseconds per match: beyond rank_window matches, rank only the most recent
            # rank_window ones (a rowid range costs nothing in FTS5), then list the older ones newest first
            window = self.rank_window
            ranked_among = window if cutoff is not None else None
            if cutoff is None:
                ranked = self._execute(
                    f"SELECT articles_fts.rowid, -{_BM25} {from_sql} ORDER BY {_BM25}, articles_fts.rowid "
                    "LIMIT ? OFFSET ?",
                    [*all_params, q.limit, q.offset],
                )
            else:
                ranked = []
                if q.offset < window:
                    ranked = self._execute(
                        f"SELECT articles_fts.rowid, -{_BM25} {from_sql} AND articles_fts.rowid >= ? "
                        f"ORDER BY {_BM25}, articles_fts.rowid LIMIT ? OFFSET ?",
                        [*all_params, cutoff, min(q.limit, window - q.offset), q.offset],
                    )
                if len(ranked) < q.limit:
                    ranked += self._execute(
                        f"SELECT articles_fts.rowid, -{_BM25} {from_sql} AND articles_fts.rowid < ? "
                        "ORDER BY articles_fts.rowid DESC LIMIT ? OFFSET ?",
                        [*all_params, cutoff, q.limit - len(ranked), max(0, q.offset - window)],
                    )
            # snippets re-read and re-tokenize the text: made for the page shown only (see _page)
            hits = self._page(match if q.snippets else None, [(seq, score) for seq, score in ranked])
        except sqlite3.OperationalError as exc:  # the compiler quotes every word, so this is our bug if it happens
            raise StoreError(f"full-text search failed for {match!r}: {exc}") from exc
        match_sql = f"SELECT articles_fts.rowid AS seq, a.id {joined_sql}"
        match_params = all_params
        # a total that is not exact is count_cap or more: more than the facet window too
        sample = self.facet_window if not total_exact or total > self.facet_window else None
        facets = self._facets(match_sql, match_params, newest=sample) if q.facets else {}
        return SearchResults(
            total=int(total),
            hits=hits,
            facets=facets,
            ranked_among=ranked_among,
            total_exact=total_exact,
            facets_sample=sample,
        )

    def _count(self, from_sql: str, params: list[Any], filtered: bool) -> tuple[int, bool, int | None]:
        """(number of matches, whether it is exact, rowid from which to rank when there are too many to rank all).

        Without filters FTS5 counts from its index alone, exactly and cheaply. With filters every match costs an
        article row lookup, so the newest matches are read up to ``count_cap`` and a larger total is reported as
        ``count_cap`` with ``total_exact`` False ("5,000+").
        """
        window = self.rank_window
        if not filtered:
            total = self._execute(f"SELECT count(*) {from_sql}", params)[0][0]
            if total <= window:
                return total, True, None
            cutoff = self._execute(
                f"SELECT articles_fts.rowid {from_sql} ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?",
                [*params, window - 1],
            )[0][0]
            return total, True, cutoff
        cap = max(self.count_cap, window)
        rowids = self._execute(
            f"SELECT articles_fts.rowid {from_sql} ORDER BY articles_fts.rowid DESC LIMIT ?", [*params, cap + 1]
        )
        n = len(rowids)
        cutoff = rowids[window - 1][0] if n > window else None
        return (cap, False, cutoff) if n > cap else (n, True, cutoff)

    def _page(self, match: str | None, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        """The hits of one page, in rank order: article fields and a snippet of ``match`` (None: no snippet) for each
        ranked (seq, score)."""
        if not ranked:
            return []
        seqs = [seq for seq, _ in ranked]
        marks = ", ".join("?" * len(seqs))
        # "+rowid IN" keeps the list away from FTS5, which would look each rowid up separately (for a prefix query
        # that re-merges the doclists of every expanded word per rowid: 100 ms for a page); one range scan instead
        snippets = (
            dict(
                self._execute(
                    f"SELECT rowid, {_SNIPPET} FROM articles_fts WHERE articles_fts MATCH ? "
                    f"AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})",
                    [match, min(seqs), max(seqs), *seqs],
                )
            )
            if match is not None
            else {}
        )
        fields = {
            r[0]: r[1:]
            for r in self._execute(
                f"SELECT seq, id, title, published, outlet, kind FROM articles WHERE seq IN ({marks})", seqs
            )
        }
        return [_hit((*fields[seq], snippets.get(seq, ""), score)) for seq, score in ranked if seq in fields]


_FACETS = ("outlet", "kind", "month", "tag", "speaker", "entity")


def _indexable(q: SearchQuery) -> bool:
    """Whether every filter of ``q`` can be answered from an index of the articles table (outlet, kind, dates)."""
    return not (q.tag or q.speaker or q.entity)


def _hit(r: tuple[Any, ...], plain: bool = False) -> SearchHit:
    snippet = R.highlight(r[5] or "")
    if plain and r[5] and len(r[5]) >= 240:
        snippet += "…"
    return SearchHit(id=r[0], title=r[1], published=r[2], outlet=r[3], kind=r[4], snippet=snippet, score=float(r[6]))
