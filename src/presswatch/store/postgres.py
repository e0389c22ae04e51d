"""The PostgreSQL backend (psycopg 3): the same tables as SQLite, full text by a generated tsvector + GIN index,
ranked by ts_rank, snippets by ts_headline."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from presswatch.errors import StoreError
from presswatch.store import rows as R
from presswatch.store.base import SearchHit, SearchQuery, SearchResults
from presswatch.store.postgres_schema import MIGRATIONS, TS_CONFIG
from presswatch.store.query import Node, positive_words, to_headline_tsquery, to_tsquery
from presswatch.store.sqlbase import SqlStore

_MIGRATION_LOCK = 0x70726573  # advisory lock id ("pres"): one process migrates at a time
_HEADLINE_OPTIONS = (
    f'StartSel={R.MARK_START}, StopSel={R.MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "'
)
_HEADLINE_MAX_CHARS = 30000  # ts_headline re-parses the text: bound its cost on very long documents
_HEADLINE_LEAD_CHARS = 2000  # the part of the text tried first (see _page)
_SLICE_MARGIN = 1.25  # a search slice reaches this much further than the density of matches found says (see _next_span)
# ts_headline's parser drops anything that looks like an XML tag or entity from its output; the article's own "<b>"
# is text, so hide <, > and & behind private-use stand-ins while PostgreSQL builds the headline, then put them back
_MARKUP = "<>&"
_MARKUP_STANDINS = "\ue000\ue001\ue002"
_UNDO_STANDINS = str.maketrans(_MARKUP_STANDINS, _MARKUP)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


class PostgresStore(SqlStore):
    """Store in a PostgreSQL database (tables in the first schema of the search_path)."""

    migrations = MIGRATIONS
    rank_window = 1000  # matches ranked at most (the most recent ones); see _full_text
    # a phrase match costs a re-read of the row's full tsvector (25-100 µs): rank the newest 200 phrase matches
    phrase_rank_window = 200
    count_cap = 5000  # searches count up to this many matches; see _search
    facet_window = 1000  # a filter-only listing counts facets over the newest this many; full text: its rank window

    def __init__(self, url: str, connect_timeout: int = 5) -> None:
        super().__init__(url)
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a dependency
            raise StoreError("PostgreSQL stores need psycopg: pip install 'psycopg[binary]'") from exc
        try:
            self._conn = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.OperationalError as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"cannot connect to {redact(url)}: {first}; is PostgreSQL running, and are the host, port, user and "
                "database in the URL right? (e.g. postgresql://postgres@127.0.0.1:5432/presswatch)"
            ) from exc
        except psycopg.ProgrammingError as exc:
            raise StoreError(f"bad PostgreSQL URL {redact(url)}: {exc}") from exc
        self._in_tx = False
        self.db_errors = (psycopg.Error,)
        try:
            # every query here reads a bounded set of rows by index; JIT compiling one costs 10-40 ms, more than it
            # runs, and the planner asks for it whenever its estimate is large (a store without statistics: the
            # speaker facet of 200 matches took 11 ms, 9.6 of them compiling)
            self._execute("SET jit = off")
            self._migrate()
        except psycopg.Error as exc:
            self._conn.close()
            raise StoreError(f"cannot set up the presswatch tables in {redact(url)}: {exc}") from exc

    def label(self) -> str:
        return redact(self.url)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None and not self._conn.closed:
                self._conn.close()

    def _migrate(self) -> None:
        # a session advisory lock: two processes opening a fresh database do not both create the tables
        self._execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
        try:
            super()._migrate()
        finally:
            self._execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))

    # ---------------------------------------------------------------------------------------------------------------
    # dialect hooks

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self._conn.closed:
            raise StoreError(f"the store {redact(self.url)} is closed")
        if self._in_tx:
            yield
            return
        self._in_tx = True
        try:
            with self._conn.transaction():
                yield
        finally:
            self._in_tx = False

    @staticmethod
    def _sql(sql: str) -> str:
        # our SQL is written with ? placeholders and never contains a literal ? or %
        return sql.replace("?", "%s")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self._conn.execute(self._sql(sql), tuple(params) or None)
        return cur.fetchall() if cur.description is not None else []

    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    # one statement over typed arrays: row by row (executemany), the client's work per row doubled the time the
    # entity figures of a first enrichment took (42,000 entity and 65,000 value rows for the demo corpus)
    def _upsert(self, table: str, columns: Sequence[tuple[str, str]], key_len: int, rows: list[Sequence[Any]]) -> None:
        if rows:
            names = [c for c, _ in columns]
            updates = ", ".join(f"{c} = excluded.{c}" for c in names[key_len:])
            self._execute(
                f"INSERT INTO {table} ({', '.join(names)}) SELECT * FROM {_unnest(columns)} "
                f"ON CONFLICT ({', '.join(names[:key_len])}) DO UPDATE SET {updates}",
                _arrays(rows, len(columns)),
            )

    def _delete_rows(self, table: str, columns: Sequence[tuple[str, str]], rows: list[Sequence[Any]]) -> None:
        if rows:
            cond = " AND ".join(f"t.{c} = d.{c}" for c, _ in columns)
            self._execute(f"DELETE FROM {table} t USING {_unnest(columns)} WHERE {cond}", _arrays(rows, len(columns)))

    def _index_articles(self, seqs: list[int]) -> None:
        """Nothing to do: the tsvector is a generated column, computed on insert."""

    def _seqs_match(self, seqs: list[int]) -> tuple[str, list[Any]]:
        return "SELECT a.seq, a.id FROM articles a WHERE a.seq = ANY(?)", [seqs]

    def _search(self, ast: Node | None, q: SearchQuery, where: list[str], params: list[Any]) -> SearchResults:
        if ast is None:
            cond = " WHERE " + " AND ".join(where) if where else ""
            total = self._execute(f"SELECT count(*) FROM articles a{cond}", params)[0][0]
            rows = self._execute(
                "SELECT a.id, a.title, a.published, a.outlet, a.kind, substr(a.text, 1, 240), 0.0 "
                f"FROM articles a{cond} ORDER BY a.published DESC NULLS LAST, a.seq DESC LIMIT ? OFFSET ?",
                [*params, q.limit, q.offset],
            )
            hits = [_hit(r, plain=True) for r in rows]
            match_sql, match_params = f"SELECT a.seq, a.id FROM articles a{cond}", params
        else:
            headline = (to_headline_tsquery(ast), to_headline_tsquery(ast, weight="D"), positive_words(ast))
            return self._full_text(to_tsquery(ast), q, where, params, headline=headline)
        sample = self.facet_window if total > self.facet_window else None
        facets = self._facets(match_sql, match_params, newest=sample) if q.facets else {}
        return SearchResults(total=int(total), hits=hits, facets=facets, facets_sample=sample)

    def _full_text(
        self,
        tsq: str,
        q: SearchQuery,
        where: list[str],
        params: list[Any],
        headline: tuple[str, str, list[str]] | None = None,
    ) -> SearchResults:
        """Full-text matches, ranked by ts_rank over the headline-and-lead vector, within the newest rank_window.

        The GIN index finds candidate rows; a phrase (``<->``) must then re-check word positions in each candidate's
        full tsvector, which PostgreSQL detoasts one row at a time (25-100 µs each): the cost of a search is the
        number of candidates it re-checks. So the newest matches are looked for in growing slices of the newest
        articles (seq ranges, ANDed with the GIN bitmap: only candidates inside the slice are re-checked) until
        rank_window + 1 are found; ranking then reads those rows' small ``tsv_lead`` by seq, and only the page shown
        gets a ``ts_headline``. Totals: exact up to rank_window; beyond it a word query without filters counts up to
        count_cap (no re-check, no filter: cheap), a phrase or filtered query reports the rank_window + 1 it found
        (``total_exact`` False: "at least"), and so does a facets-only search (``hits`` False), which also skips the
        ranking and the headlines.
        """
        cond = " AND ".join([f"a.tsv @@ to_tsquery('{TS_CONFIG}', ?)", *where])
        all_params = [tsq, *params]
        rank = f"ts_rank(a.tsv_lead, to_tsquery('{TS_CONFIG}', ?))"
        rechecks = "<" in tsq  # a phrase operator (<->, <N>): GIN cannot tell, every candidate is re-read
        window = min(self.phrase_rank_window, self.rank_window) if rechecks else self.rank_window
        # outlet/kind/date filters alone, from their indexes: when no article passes them there is nothing to search
        # (otherwise every slice would read each candidate row only to drop it)
        indexable = where and not (q.tag or q.speaker or q.entity)
        if (
            indexable
            and not self._execute(f"SELECT EXISTS (SELECT 1 FROM articles a WHERE {' AND '.join(where)})", params)[0][0]
        ):
            empty = {name: [] for name in ("outlet", "kind", "month", "tag", "speaker", "entity")}
            return SearchResults(total=0, hits=[], facets=empty if q.facets else {})
        with self._transaction():
            # the planner prices @@ as cheap: it would scan the table (seqscan) or walk the seq index newest first
            # (indexscan), detoasting every vector it passes; bitmap scans re-read GIN candidates only
            top = self._execute("SELECT max(seq) FROM articles")[0][0] or 0  # one probe of the primary key
            self._set_local(enable_seqscan="off", enable_indexscan="off")
            # each slice is only the part not yet searched (seq in (low, high]), so no candidate is re-checked
            # twice; a phrase grows its slices by 2 (at most twice the candidates it needs are re-checked: growing
            # by 8 re-checked 51,200 rows' vectors for "press availability" where 201 matches lay in the newest
            # ~15,000), a word query, whose candidates cost no re-check, by 8 (fewer statements). Once matches were
            # found, a slice grows only as far as their density says the missing ones lie (with a margin): every
            # candidate in a slice costs a heap read, and growing "fishing" by 8 read 1,882 rows for 736 it needed
            growth = 2 if rechecks else 8
            span = 4 * window
            newest: list[int] = []
            high: int | None = None
            while True:
                low = top - span if span < top else None
                bounds = (" AND a.seq > ?" if low is not None else "") + (" AND a.seq <= ?" if high is not None else "")
                bound_params = [b for b in (low, high) if b is not None]
                newest += [
                    r[0]
                    for r in self._execute(
                        f"SELECT a.seq FROM articles a WHERE {cond}{bounds} ORDER BY a.seq DESC LIMIT ?",
                        [*all_params, *bound_params, window + 1 - len(newest)],
                    )
                ]
                if len(newest) > window or low is None:
                    break
                high = low
                span = _next_span(span, len(newest), window + 1, growth)
            ranked_among = None
            total_exact = True
            if len(newest) <= window:
                total = len(newest)
                candidates = newest
            else:
                ranked_among = window
                candidates = newest[:window]
                if rechecks or where or not q.hits:
                    # a phrase re-checks every candidate and a filter reads every candidate's row: counting them
                    # all is the slow part of a search (240 ms for a word in 30,000 articles with an outlet filter);
                    # a facets-only search shows no total
                    total, total_exact = len(newest), False
                else:
                    # counting visits every matching heap row: count the first count_cap only, and say so ("5000+")
                    total = self._execute(
                        f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {cond} LIMIT ?) t",
                        [*all_params, self.count_cap + 1],
                    )[0][0]
                    total_exact = total <= self.count_cap
                    total = min(total, self.count_cap)
            ranked: list[tuple[int, float]] = []
            if q.hits and q.offset < len(candidates):
                ranked = [
                    (seq, float(score))
                    for seq, score in self._execute(
                        f"SELECT a.seq, {rank} AS score FROM articles a WHERE a.seq = ANY(?) "
                        "ORDER BY score DESC, a.seq DESC LIMIT ? OFFSET ?",
                        [tsq, candidates, min(q.limit, len(candidates) - q.offset), q.offset],
                    )
                ]
            if q.hits and ranked_among is not None and len(ranked) < q.limit:
                # past the ranked window: the older matches, newest first
                ranked += self._execute(
                    f"SELECT a.seq, 0.0 FROM articles a WHERE {cond} AND a.seq < ? "
                    "ORDER BY a.seq DESC LIMIT ? OFFSET ?",
                    [*all_params, candidates[-1], q.limit - len(ranked), max(0, q.offset - window)],
                )
            hl_tsq, body_tsq, words = headline or (tsq, None, [])
            hits = self._page(hl_tsq, body_tsq, ranked, words) if q.snippets else self._page_without_snippets(ranked)
        sample = None
        if ranked_among is None:  # every match was found: exact facets over them
            match_sql, match_params = f"SELECT a.seq, a.id FROM articles a WHERE {cond}", all_params
        else:
            # counting facets over every match would read every matching row again (and re-check every phrase
            # candidate): count over the newest matches the search already found, the same window it ranked
            sample = len(candidates)
            match_sql, match_params = self._seqs_match(candidates)
        facets = self._facets(match_sql, match_params) if q.facets else {}
        return SearchResults(
            total=int(total),
            hits=hits,
            facets=facets,
            ranked_among=ranked_among,
            total_exact=total_exact,
            facets_sample=sample,
        )

    def _set_local(self, **settings: str) -> None:
        """Planner settings for the rest of the current transaction, in one round trip (``SET LOCAL`` takes one each,
        and on a busy machine every round trip may wait for a time slice)."""
        calls = ", ".join("set_config(?, ?, true)" for _ in settings)
        self._execute(f"SELECT {calls}", [v for item in settings.items() for v in item])

    def _outlet_filter(self, outlets: Sequence[str]) -> tuple[str, list[Any]]:
        # the outlet names that match, from the per-outlet counters (one row per outlet name ever stored): the filter
        # is then an equality the outlet index answers, ANDed with the full-text bitmap, instead of a LIKE checked on
        # every candidate's row ("rice" from Harbor Times: 6,600 rows read, 16 ms -> 515 rows, 4-7 ms). An empty
        # part ('%%') also matches an empty outlet, which the counters file under "(unknown)": LIKE as before then
        patterns = [R.like_pattern(v) for v in outlets]
        if "%%" in patterns:
            return super()._outlet_filter(outlets)
        names = self._execute(
            "SELECT value FROM counters WHERE name = 'outlet' AND ("
            + " OR ".join(["lower(value) LIKE ? ESCAPE '\\'"] * len(patterns))
            + ")",
            patterns,
        )
        return "a.outlet = ANY(?)", [[r[0] for r in names]]

    # the article facet also reads each match's seq and id, so the other facets take the matches from those (two
    # arrays) instead of selecting them again: each re-selection probed 1,000 article rows for their ids
    _facet_key_columns = ", a.seq, a.id"

    def _read_matches(
        self, rows: list[tuple[Any, ...]], match_sql: str, match_params: list[Any]
    ) -> tuple[str, list[Any]]:
        return "SELECT u.seq, u.id FROM unnest(?::bigint[], ?::text[]) AS u(seq, id)", [
            [r[3] for r in rows],
            [r[4] for r in rows],
        ]

    @contextmanager
    def _probe_plan(self) -> Iterator[None]:
        # facets: the planner cannot see how many seqs an ANY(?) array holds (it guesses 10) and then hashes every row
        # of attributions and article_entities (a parallel seq scan of 300,000 rows, 70 ms) instead of probing their
        # article_id indexes for the few thousand matches (23 ms for 1,000 articles). An entity's events: without
        # statistics (a freshly loaded store) it guesses 855 participant rows and hashes all 100,000 events (40-50 ms
        # instead of 5 ms for 500 events). Parallel workers cost more to start than these few probes take
        with self._transaction():
            self._set_local(
                enable_hashjoin="off", enable_mergejoin="off", enable_seqscan="off", max_parallel_workers_per_gather="0"
            )
            yield

    @contextmanager
    def _index_ordered(self) -> Iterator[None]:
        # the planner underestimates how many rows a LIKE filter keeps, and then prefers collecting every row of the
        # index condition (a bitmap scan) and sorting them over walking the index in order up to the LIMIT: 0.75 s
        # instead of 10 ms for "anonymous statements mentioning 'official'" on 100,000 articles; with statistics it
        # guesses 77 of the 28,000 such rows and scans and sorts the whole table instead (0.26 s)
        with self._transaction():
            # (and then splits the walk over parallel workers, whose start costs more than the walk: 35 vs 13 ms);
            # a filter on the article (outlet) must be checked row by row along the walk, by probing the article,
            # not by hashing every article (2.1 s instead of 15 ms for the newest 200 statements in one outlet)
            self._set_local(
                enable_bitmapscan="off",
                enable_seqscan="off",
                enable_hashjoin="off",
                enable_mergejoin="off",
                max_parallel_workers_per_gather="0",
            )
            yield

    def _page(
        self, tsq: str, body_tsq: str | None, ranked: list[tuple[int, float]], words: Sequence[str] = ()
    ) -> list[SearchHit]:
        """Article fields and a headline for each ranked (seq, score), in rank order.

        ``tsq`` is the query the headline marks; ``body_tsq`` (optional) the same restricted to the body text's
        lexemes, which tells the articles whose only match is in the title (nothing more to look for in the text);
        ``words`` the query's positive words, to find where in a long text the first match probably is.
        """
        if not ranked:
            return []
        seqs = [seq for seq, _ in ranked]
        # headlines only for the page shown: ts_headline re-parses each text, and its cost grows with the length
        # parsed (a phrase or OR query: 3-5 ms per 30,000-character article). Most matches are in the lead, so
        # the lead is tried first and only the articles whose lead holds no match are parsed further
        headline = f"ts_headline('{TS_CONFIG}', translate(left(a.text, ?), ?, ?), to_tsquery('{TS_CONFIG}', ?), ?)"
        marks = ", ".join("?" * len(seqs))
        rows = [
            list(r)
            for r in self._execute(
                f"SELECT a.seq, a.id, a.title, a.published, a.outlet, a.kind, {headline} "
                f"FROM articles a WHERE a.seq IN ({marks})",
                [_HEADLINE_LEAD_CHARS, _MARKUP, _MARKUP_STANDINS, tsq, _HEADLINE_OPTIONS, *seqs],
            )
        ]
        unmarked = [r[0] for r in rows if R.MARK_START not in (r[6] or "")]
        if unmarked:
            further = self._headlines_beyond_lead(tsq, body_tsq, words, unmarked)
            for r in rows:
                if r[0] in further:
                    r[6] = further[r[0]]
        by_seq = {r[0]: r[1:] for r in rows}
        return [
            _hit((*by_seq[seq][:5], by_seq[seq][5].translate(_UNDO_STANDINS), score))
            for seq, score in ranked
            if seq in by_seq
        ]

    def _page_without_snippets(self, ranked: list[tuple[int, float]]) -> list[SearchHit]:
        """Article fields for each ranked (seq, score), in rank order, with an empty snippet (no text is read)."""
        seqs = [seq for seq, _ in ranked]
        by_seq = (
            {
                r[0]: r[1:]
                for r in self._execute(
                    "SELECT a.seq, a.id, a.title, a.published, a.outlet, a.kind FROM articles a WHERE a.seq = ANY(?)",
                    [seqs],
                )
            }
            if seqs
            else {}
        )
        return [_hit((*by_seq[seq], "", score)) for seq, score in ranked if seq in by_seq]

    def _headlines_beyond_lead(
        self, tsq: str, body_tsq: str | None, words: Sequence[str], seqs: list[int]
    ) -> dict[int, str]:
        """Headlines of the articles (by seq) whose lead showed no match: around the first match, else of the text.

        Parsing 30,000 characters costs ts_headline 3-5 ms per article; a window of the lead's size around the first
        occurrence of a query word (its first letters, found by Python, since stems are prefixes of most words)
        costs what the lead did. Where the window shows no match (a stem that is no prefix, a word inside another)
        the text is parsed up to _HEADLINE_MAX_CHARS as before. Only texts longer than the lead whose body matches
        at all (a re-check of the vector, ~50 µs) are looked at: for the others the match is in the title.
        """
        body = f" AND a.tsv @@ to_tsquery('{TS_CONFIG}', ?)" if body_tsq else ""
        texts = self._execute(
            f"SELECT a.seq, left(a.text, ?) FROM articles a WHERE a.seq IN ({', '.join('?' * len(seqs))}) "
            f"AND length(a.text) > ?{body}",
            [_HEADLINE_MAX_CHARS, *seqs, _HEADLINE_LEAD_CHARS, *([body_tsq] if body_tsq else [])],
        )
        prefixes = sorted({w.lower()[:5] for w in words if len(w) >= 2})
        finder = re.compile(r"\b(?:" + "|".join(map(re.escape, prefixes)) + ")", re.IGNORECASE) if prefixes else None
        starts: dict[int, int] = {}
        for seq, text in texts:
            found = finder.search(text, max(0, _HEADLINE_LEAD_CHARS - 200)) if finder else None
            if found:
                space = text.rfind(" ", 0, max(0, found.start() - 200))
                starts[seq] = space + 2  # 1-based, after the space (1 when there is none)
        headline = f"ts_headline('{TS_CONFIG}', translate(%s, ?, ?), to_tsquery('{TS_CONFIG}', ?), ?)"
        out: dict[int, str] = {}
        if starts:
            out = {
                seq: h
                for seq, h in self._execute(
                    f"SELECT u.seq, {headline % 'substr(a.text, u.start, ?)'} "
                    "FROM unnest(?::bigint[], ?::int[]) AS u(seq, start) JOIN articles a ON a.seq = u.seq",
                    [
                        _HEADLINE_LEAD_CHARS,
                        _MARKUP,
                        _MARKUP_STANDINS,
                        tsq,
                        _HEADLINE_OPTIONS,
                        list(starts),
                        list(starts.values()),
                    ],
                )
                if R.MARK_START in (h or "")
            }
        rest = [seq for seq, _ in texts if seq not in out]
        if rest:
            out.update(
                self._execute(
                    f"SELECT a.seq, {headline % 'left(a.text, ?)'} FROM articles a "
                    f"WHERE a.seq IN ({', '.join('?' * len(rest))})",
                    [_HEADLINE_MAX_CHARS, _MARKUP, _MARKUP_STANDINS, tsq, _HEADLINE_OPTIONS, *rest],
                )
            )
        return out


def _next_span(span: int, found: int, wanted: int, growth: int) -> int:
    """How many of the newest articles the next slice searches down to: ``growth`` times the span searched so far, or
    less when the ``found`` matches in it say (at their density, with _SLICE_MARGIN) that ``wanted`` lie closer."""
    if not found:
        return span * growth
    return max(span + 1, min(span * growth, math.ceil(span * wanted / found * _SLICE_MARGIN)))


def _hit(r: Sequence[Any], plain: bool = False) -> SearchHit:
    text = re.sub(r"\s+", " ", r[5] or "") if not plain else (r[5] or "")
    snippet = R.highlight(text)
    if plain and r[5] and len(r[5]) >= 240:
        snippet += "…"
    return SearchHit(id=r[0], title=r[1], published=r[2], outlet=r[3], kind=r[4], snippet=snippet, score=float(r[6]))


def _unnest(columns: Sequence[tuple[str, str]]) -> str:
    """``unnest(?::text[], ...) AS d(name, ...)``: rows passed as one typed array per column."""
    arrays = ", ".join(f"?::{t}[]" for _, t in columns)
    return f"unnest({arrays}) AS d({', '.join(c for c, _ in columns)})"


def _arrays(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """The columns of ``rows``, one list each."""
    return [[r[i] for r in rows] for i in range(width)]
