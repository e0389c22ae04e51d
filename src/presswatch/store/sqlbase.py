"""What both SQL backends share: the Store protocol over plain SQL written once with ``?`` placeholders.

A backend supplies the connection, the transaction, the placeholder style, the schema (migrations) and full-text
search; everything else (articles, enrichments and their derived rows, records, the find_* filters, stats) lives here,
so the two backends cannot drift apart.
"""

from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from presswatch.errors import StoreError
from presswatch.models import Article, EnrichedArticle
from presswatch.store import aggregates as AG
from presswatch.store import rows as R
from presswatch.store.base import AddResult, SearchQuery, SearchResults
from presswatch.store.migrations import Migration

_ARTICLE_COLS = ", ".join(R.ARTICLE_COLUMNS)
_ARTICLE_COLS_A = ", ".join("a." + c for c in R.ARTICLE_COLUMNS)
_IN_CHUNK = 500  # ids per IN (...) list: below SQLite's variable limit, small enough for PostgreSQL's planner


def _chunks(items: Sequence[Any], size: int = _IN_CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ", ".join("?" * n)


_TEXT, _INT = "text", "bigint"
_ENTITY_STATS = (
    ("key", _TEXT),
    *((attr, _TEXT) for attr in AG.ENTITY_ATTRS),
    ("articles", _INT),
    ("mentions", _INT),
    ("quotes", _INT),
)
_ENTITY_VALUES = (("key", _TEXT), ("attr", _TEXT), ("value", _TEXT), ("n", _INT))


class SqlStore(ABC):
    """Base of the SQL backends. Every public method takes the store lock: one connection, many threads."""

    url: str
    migrations: Sequence[Migration] = ()
    db_errors: tuple[type[BaseException], ...] = ()  # the driver's error classes

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.RLock()

    # ---------------------------------------------------------------------------------------------------------------
    # dialect hooks

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Any]:
        """A context manager: everything executed inside commits together or not at all."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement (``?`` placeholders); return its rows (empty list for statements without rows)."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def _upsert(self, table: str, columns: Sequence[tuple[str, str]], key_len: int, rows: list[Sequence[Any]]) -> None:
        """Insert ``rows``; where a row's key (its first ``key_len`` columns) is there, set its other columns.

        ``columns``: (name, SQL type) pairs, the type for backends that pass the rows as typed arrays.
        """
        names = [c for c, _ in columns]
        updates = ", ".join(f"{c} = excluded.{c}" for c in names[key_len:])
        self._executemany(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({_marks(len(names))}) "
            f"ON CONFLICT ({', '.join(names[:key_len])}) DO UPDATE SET {updates}",
            rows,
        )

    def _delete_rows(self, table: str, columns: Sequence[tuple[str, str]], rows: list[Sequence[Any]]) -> None:
        """Delete the rows whose ``columns`` ((name, SQL type) pairs) equal one of ``rows``."""
        cond = " AND ".join(f"{c} = ?" for c, _ in columns)
        self._executemany(f"DELETE FROM {table} WHERE {cond}", rows)

    @abstractmethod
    def _search(self, ast: Any, q: SearchQuery, where: list[str], params: list[Any]) -> SearchResults: ...

    # the columns after outlet, kind and month that the article facet also reads (see _read_matches)
    _facet_key_columns = ""

    def _read_matches(
        self, rows: list[tuple[Any, ...]], match_sql: str, match_params: list[Any]
    ) -> tuple[str, list[Any]]:
        """The matches for the tag, speaker and entity facets, once the article facet has read their ``rows`` (outlet,
        kind, month, then ``_facet_key_columns``): SQL selecting ``seq, id`` and its parameters. Default: the same
        selection again."""
        return match_sql, match_params

    def _outlet_filter(self, outlets: Sequence[str]) -> tuple[str, list[Any]]:
        """The search condition for articles whose outlet contains any of ``outlets`` (case-insensitive), with its
        parameters."""
        return "(" + " OR ".join(["lower(a.outlet) LIKE ? ESCAPE '\\'"] * len(outlets)) + ")", [
            R.like_pattern(v) for v in outlets
        ]

    def _probe_plan(self) -> AbstractContextManager[Any]:
        """Context for a query that reads a few rows per key of a small key set (the facets of a sample of matches,
        the events of one entity) by probing indexes: a backend whose planner would rather hash or scan a whole table
        may be steered here (PostgreSQL). Default: nothing."""
        return nullcontext()

    @abstractmethod
    def _seqs_match(self, seqs: list[int]) -> tuple[str, list[Any]]:
        """SQL selecting ``seq, id`` of the articles with these seqs, and its parameters (one parameter, any length)."""

    @abstractmethod
    def _index_articles(self, seqs: list[int]) -> None:
        """Add the newly inserted articles (by seq) to the full-text index, inside the current transaction."""

    @abstractmethod
    def close(self) -> None: ...

    def _index_ordered(self) -> AbstractContextManager[Any]:
        """Context for a query whose ORDER BY ... LIMIT an index serves: a backend whose planner would rather collect
        and sort every row may be steered here (PostgreSQL). Default: nothing."""
        return nullcontext()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def label(self) -> str:
        """The store's URL for messages (PostgreSQL: without the password)."""
        return self.url

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.label()}>"

    # ---------------------------------------------------------------------------------------------------------------
    # schema

    def _migrate(self) -> None:
        """Apply, in order, each named migration not yet applied; each in its own transaction."""
        with self._lock:
            with self._transaction():
                self._execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
            applied = {r[0] for r in self._execute("SELECT name FROM migrations")}
            known = {m.name for m in self.migrations}
            unknown = sorted(applied - known)
            if unknown:
                raise StoreError(
                    f"the store {self.url} was created by a newer presswatch "
                    f"(unknown migrations: {', '.join(unknown)}); upgrade presswatch to use it"
                )
            for m in self.migrations:
                if m.name in applied:
                    continue
                with self._transaction():
                    # another process may have applied it meanwhile: check again inside the transaction
                    if self._execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)):
                        continue
                    for stmt in m.statements:
                        try:
                            self._execute(stmt)
                        except self.db_errors as exc:  # rolled back whole: the store stays at the previous version
                            raise StoreError(
                                f"cannot update the store {self.label()} to schema version {m.name}: {exc}"
                            ) from exc
                    self._execute("INSERT INTO migrations (name, applied) VALUES (?, ?)", (m.name, _now_iso()))

    def applied_migrations(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._execute("SELECT name FROM migrations ORDER BY applied, name")]

    # ---------------------------------------------------------------------------------------------------------------
    # articles

    def add_articles(
        self,
        articles: Sequence[Article],
        minhashes: dict[str, bytes] | None = None,
        lsh_keys: dict[str, Sequence[int]] | None = None,
    ) -> AddResult:
        return self.write_batch(articles, (), minhashes=minhashes, lsh_keys=lsh_keys)

    def write_batch(
        self,
        articles: Sequence[Article],
        enrichments: Sequence[EnrichedArticle] = (),
        *,
        minhashes: dict[str, bytes] | None = None,
        lsh_keys: dict[str, Sequence[int]] | None = None,
    ) -> AddResult:
        """Store new articles with their MinHash signatures, LSH band keys and enrichments in ONE transaction.

        Articles already stored (same id) are left as they are and reported in ``existing``; enrichments are saved
        for every article given (new or existing), replacing earlier ones.
        """
        with self._lock, self._transaction():
            result = self._insert_articles(articles, minhashes or {}, lsh_keys or {})
            if enrichments:
                self._save_enrichments(enrichments)
            return result

    def _insert_articles(
        self, articles: Sequence[Article], minhashes: dict[str, bytes], lsh_keys: dict[str, Sequence[int]]
    ) -> AddResult:
        result = AddResult()
        if not articles:
            return result
        ids = [a.id for a in articles]
        existing = self._existing(ids)
        fresh: list[Article] = []
        seen: set[str] = set()
        for a in articles:
            if a.id in existing or a.id in seen:
                result.existing.append(a.id)
            else:
                seen.add(a.id)
                fresh.append(a)
        if not fresh:
            return result
        self._executemany(
            f"INSERT INTO articles ({_ARTICLE_COLS}) VALUES ({_marks(len(R.ARTICLE_COLUMNS))})",
            [R.article_to_row(a) for a in fresh],
        )
        fresh_ids = [a.id for a in fresh]
        seq_of: dict[str, int] = {}
        for chunk in _chunks(fresh_ids):
            for seq, aid in self._execute(f"SELECT seq, id FROM articles WHERE id IN ({_marks(len(chunk))})", chunk):
                seq_of[aid] = seq
        self._executemany(
            "INSERT INTO article_tags (article_seq, tag) VALUES (?, ?)",
            [(seq_of[a.id], t) for a in fresh for t in dict.fromkeys(a.tags)],
        )
        sig_rows = [(seq_of[a.id], a.id, minhashes[a.id]) for a in fresh if a.id in minhashes]
        if sig_rows:
            self._executemany("INSERT INTO minhashes (article_seq, article_id, signature) VALUES (?, ?, ?)", sig_rows)
        key_rows = [(int(k), seq_of[a.id]) for a in fresh for k in lsh_keys.get(a.id, ())]
        if key_rows:
            self._executemany("INSERT INTO lsh_keys (key, article_seq) VALUES (?, ?)", key_rows)
        self._index_articles(sorted(seq_of.values()))
        bumps: dict[tuple[str, str], int] = {("articles", ""): len(fresh)}
        bumps[("duplicates", "")] = sum(1 for a in fresh if a.duplicate_of)
        for a in fresh:
            for name, value in (("outlet", a.outlet), ("kind", a.kind)):
                bumps[(name, value or AG.UNKNOWN)] = bumps.get((name, value or AG.UNKNOWN), 0) + 1
        self._bump_counters(bumps)
        result.added = fresh_ids
        return result

    def _bump_counters(self, bumps: dict[tuple[str, str], int]) -> None:
        """Add each delta to its counter (inside the caller's transaction)."""
        rows = [(name, value, n) for (name, value), n in sorted(bumps.items()) if n]
        self._executemany(
            "INSERT INTO counters (name, value, n) VALUES (?, ?, ?) "
            "ON CONFLICT (name, value) DO UPDATE SET n = counters.n + excluded.n",
            rows,
        )

    def _existing(self, ids: Sequence[str]) -> set[str]:
        out: set[str] = set()
        for chunk in _chunks(list(dict.fromkeys(ids))):
            rows = self._execute(f"SELECT id FROM articles WHERE id IN ({_marks(len(chunk))})", chunk)
            out.update(r[0] for r in rows)
        return out

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        with self._lock:
            return self._existing(list(ids))

    def get_article(self, article_id: str) -> Article | None:
        article_id = (article_id or "").strip().lower()
        if not article_id:
            return None
        with self._lock:
            rows = self._execute(f"SELECT {_ARTICLE_COLS} FROM articles WHERE id = ?", (article_id,))
            if not rows and len(article_id) >= 6:
                # a prefix: ids are lowercase hex, so "prefix" <= id < "prefix~" selects exactly the ids starting so
                rows = self._execute(
                    f"SELECT {_ARTICLE_COLS} FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                    (article_id, article_id + "~"),
                )
                if len(rows) > 1:
                    raise StoreError(f"id prefix {article_id!r} matches more than one article; give more characters")
        return R.row_to_article(rows[0]) if rows else None

    def iter_articles(self, *, ids: Iterable[str] | None = None, batch_size: int = 500) -> Iterator[Article]:
        # keyset pagination on seq: no cursor stays open between batches, so writers are never blocked by a reader
        if ids is not None:
            wanted = list(dict.fromkeys(ids))
            for chunk in _chunks(wanted, batch_size):
                with self._lock:
                    rows = self._execute(
                        f"SELECT {_ARTICLE_COLS} FROM articles WHERE id IN ({_marks(len(chunk))}) ORDER BY seq", chunk
                    )
                yield from (R.row_to_article(r) for r in rows)
            return
        last = -1
        while True:
            with self._lock:
                rows = self._execute(
                    f"SELECT seq, {_ARTICLE_COLS} FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch_size)
                )
            if not rows:
                return
            last = rows[-1][0]
            for r in rows:
                yield R.row_to_article(r[1:])

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        last = -1
        while True:
            with self._lock:
                rows = self._execute(
                    "SELECT article_seq, article_id, signature FROM minhashes WHERE article_seq > ? "
                    "ORDER BY article_seq LIMIT 2000",
                    (last,),
                )
            if not rows:
                return
            last = rows[-1][0]
            for _, aid, sig in rows:
                yield aid, bytes(sig)

    def lsh_candidates(self, keys: Iterable[int]) -> list[tuple[int, int, str, bytes]]:
        """Stored articles sharing an LSH band key: rows (key, seq, article id, signature), by key then seq."""
        keys = sorted({int(k) for k in keys})
        out: list[tuple[int, int, str, bytes]] = []
        with self._lock:
            for chunk in _chunks(keys):
                rows = self._execute(
                    "SELECT k.key, m.article_seq, m.article_id, m.signature FROM lsh_keys k "
                    "JOIN minhashes m ON m.article_seq = k.article_seq "
                    f"WHERE k.key IN ({_marks(len(chunk))})",
                    chunk,
                )
                out.extend((k, s, a, bytes(sig)) for k, s, a, sig in rows)
        out.sort(key=lambda r: (r[0], r[1]))
        return out

    def count_articles(self) -> int:
        with self._lock:
            return int(self._execute("SELECT count(*) FROM articles")[0][0])

    # ---------------------------------------------------------------------------------------------------------------
    # search

    def search(self, query: SearchQuery) -> SearchResults:
        from presswatch.store.query import resolve

        ast, q = resolve(query)
        with self._lock:  # a backend may read the store to build a filter (PostgreSQL: outlet names)
            where, params = self._filter_sql(q)
            return self._search(ast, q, where, params)

    def _filter_sql(self, q: SearchQuery) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if q.outlet:
            cond, values = self._outlet_filter(q.outlet)
            where.append(cond)
            params += values
        if q.kind:
            # "kind IS NOT NULL" lets SQLite use its partial index on lower(kind)
            where.append("(a.kind IS NOT NULL AND (" + " OR ".join(["lower(a.kind) = ?"] * len(q.kind)) + "))")
            params += [v.lower() for v in q.kind]
        for tag in q.tag:
            where.append("EXISTS (SELECT 1 FROM article_tags t WHERE t.article_seq = a.seq AND lower(t.tag) = ?)")
            params.append(tag.lower())
        if q.date_from:
            where.append("a.published >= ?")
            params.append(q.date_from[:10])
        if q.date_to:
            where.append("a.published < ?")
            params.append(R.day_after(q.date_to))
        for sp in q.speaker:
            if is_key(sp):  # an entity key: the article's attributions are probed by index, no LIKE
                where.append("EXISTS (SELECT 1 FROM attributions s WHERE s.article_id = a.id AND s.speaker_entity = ?)")
                params.append(sp)
                continue
            where.append(
                "EXISTS (SELECT 1 FROM attributions s WHERE s.article_id = a.id AND (s.speaker_entity = ? "
                "OR lower(s.speaker_name) LIKE ? ESCAPE '\\' OR lower(s.speaker_label) LIKE ? ESCAPE '\\'))"
            )
            params += [sp, R.like_pattern(sp), R.like_pattern(sp)]
        for ent in q.entity:
            if is_key(ent):
                where.append("EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND e.key = ?)")
                params.append(ent)
                continue
            where.append(
                "EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = a.id AND (e.key = ? "
                "OR lower(e.name) LIKE ? ESCAPE '\\'))"
            )
            params += [ent, R.like_pattern(ent)]
        return where, params

    def _facets(
        self, match_sql: str, match_params: list[Any], newest: int | None = None
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over the matches ``match_sql`` selects (``seq, id``), or over the ``newest`` of them.

        Speaker and entity counts cost about 10 µs per matching article (a probe of their rows each), so a caller
        with more matches than its facet window passes ``newest``: the counts are then over the most recently
        stored ``newest`` matches (``SearchResults.facets_sample`` says so) and cost the same at any store size.
        """
        if newest is not None:
            # found once, not once per facet (six times the filter or full-text scan and its sort otherwise)
            seqs = [
                r[0]
                for r in self._execute(
                    f"SELECT seq FROM ({match_sql}) f ORDER BY seq DESC LIMIT {int(newest)}", match_params
                )
            ]
            match_sql, match_params = self._seqs_match(seqs)
        # outlet, kind and month come from one read of the (at most a window of) matching rows, counted here:
        # one statement instead of three, each of which probed every match's row again
        article_sql = (
            f"SELECT a.outlet, a.kind, substr(a.published, 1, 7){self._facet_key_columns} FROM articles a "
            "WHERE a.seq IN (SELECT seq FROM m)"
        )
        facet_sql = {
            "tag": "SELECT t.tag, count(DISTINCT t.article_seq) FROM article_tags t "
            "WHERE t.article_seq IN (SELECT seq FROM m) GROUP BY t.tag",
            "speaker": "SELECT coalesce(s.speaker_name, s.speaker_label), count(DISTINCT s.article_id) "
            "FROM attributions s WHERE s.article_id IN (SELECT id FROM m) "
            "GROUP BY coalesce(s.speaker_name, s.speaker_label)",
            "entity": "SELECT e.name, count(DISTINCT e.article_id) FROM article_entities e "
            "WHERE e.article_id IN (SELECT id FROM m) GROUP BY e.name",
        }
        out: dict[str, list[tuple[str, int]]] = {}
        with self._probe_plan():
            article_rows = self._execute(f"WITH m AS ({match_sql}) {article_sql}", match_params)
            match_sql, match_params = self._read_matches(article_rows, match_sql, match_params)
            counted = {
                name: self._execute(f"WITH m AS ({match_sql}) {sql}", match_params) for name, sql in facet_sql.items()
            }
        by_field: list[Counter[str]] = [Counter(), Counter(), Counter()]
        for row in article_rows:
            for counter, value in zip(by_field, row[:3], strict=True):
                if value is not None:
                    counter[value] += 1
        for name, counter in zip(("outlet", "kind", "month"), by_field, strict=True):
            counted[name] = list(counter.items())
        for name in ("outlet", "kind", "month", "tag", "speaker", "entity"):
            rows = counted[name]
            pairs = sorted(((str(k), int(n)) for k, n in rows if k is not None), key=lambda p: (-p[1], p[0]))
            if name == "month":
                pairs.sort(key=lambda p: p[0])
            out[name] = pairs[:50]
        return out

    # ---------------------------------------------------------------------------------------------------------------
    # stats

    def stats(self) -> dict[str, Any]:
        """Store-wide figures, from the counters kept by the writes (a handful of indexed reads at any size)."""
        with self._lock:
            counts: dict[str, dict[str, int]] = {}
            for name, value, n in self._execute("SELECT name, value, n FROM counters WHERE n > 0"):
                counts.setdefault(name, {})[value] = int(n)
            total = lambda name: counts.get(name, {}).get("", 0)  # noqa: E731
            by_count = lambda name: dict(sorted(counts.get(name, {}).items(), key=lambda kv: (-kv[1], kv[0])))  # noqa: E731
            # min and max of an indexed column are one index probe each
            first = self._execute("SELECT min(published) FROM articles")[0][0]
            last = self._execute("SELECT max(published) FROM articles")[0][0]
            return {
                "articles": total("articles"),
                "duplicates": total("duplicates"),
                "outlets": by_count("outlet"),
                "kinds": by_count("kind"),
                "date_range": [first, last],
                "enriched": total("enriched"),
                "attributions": total("attributions"),
                "anonymous_attributions": total("anonymous_attributions"),
                "entities": int(self._execute("SELECT count(*) FROM entity_stats WHERE articles > 0")[0][0]),
                "events": total("events"),
                "records": {k: int(n) for k, n in self._execute("SELECT kind, count(*) FROM records GROUP BY kind")},
            }

    # ---------------------------------------------------------------------------------------------------------------
    # enrichment

    def save_enrichments(self, items: Sequence[EnrichedArticle]) -> None:
        with self._lock, self._transaction():
            self._save_enrichments(items)

    def _save_enrichments(self, items: Sequence[EnrichedArticle]) -> None:
        items = list({e.article_id: e for e in items}.values())  # the last one given for an article wins
        ids = [e.article_id for e in items]
        texts: dict[str, str] = {}
        placed: dict[str, tuple[Any, int]] = {}  # article id -> (published, seq), copied onto its attributions
        for chunk in _chunks(ids):
            for aid, text, published, seq in self._execute(
                f"SELECT id, text, published, seq FROM articles WHERE id IN ({_marks(len(chunk))})", chunk
            ):
                texts[aid] = text
                placed[aid] = (published, seq)
        missing = [i for i in ids if i not in texts]
        if missing:
            raise StoreError(f"cannot save enrichments of articles that are not stored: {', '.join(missing[:5])}")
        # what the rows about to be replaced contributed to the aggregates, so they can be taken back out
        old_entities: list[tuple[Any, ...]] = []
        old_quotes: dict[str, int] = {}
        bumps: dict[tuple[str, str], int] = {}
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            old_entities += self._execute(
                "SELECT key, name, type, role, affiliation, mentions FROM article_entities "
                f"WHERE article_id IN ({marks})",
                chunk,
            )
            for key, n in self._execute(
                f"SELECT speaker_entity, count(*) FROM attributions WHERE article_id IN ({marks}) "
                "AND speaker_entity IS NOT NULL GROUP BY speaker_entity",
                chunk,
            ):
                old_quotes[key] = old_quotes.get(key, 0) + int(n)
            enriched, attributions, anonymous, events = self._execute(
                f"SELECT (SELECT count(*) FROM enrichments WHERE article_id IN ({marks})), "
                f"(SELECT count(*) FROM attributions WHERE article_id IN ({marks})), "
                f"(SELECT count(*) FROM attributions WHERE article_id IN ({marks}) AND speaker_kind = 'anonymous'), "
                f"(SELECT count(*) FROM events WHERE article_id IN ({marks}))",
                [*chunk, *chunk, *chunk, *chunk],
            )[0]
            for name, n in (
                ("enriched", enriched),
                ("attributions", attributions),
                ("anonymous_attributions", anonymous),
                ("events", events),
            ):
                bumps[(name, "")] = bumps.get((name, ""), 0) - int(n)
            for table in ("enrichments", "attributions", "article_entities", "events", "event_participants"):
                self._execute(f"DELETE FROM {table} WHERE article_id IN ({marks})", chunk)
        self._executemany(
            "INSERT INTO enrichments (article_id, version, data) VALUES (?, ?, ?)",
            [(e.article_id, e.version, R.enrichment_to_json(e)) for e in items],
        )
        attr_rows, ent_rows, ev_rows, part_rows = [], [], [], []
        for e in items:
            attr_rows += [(*r, *placed[e.article_id]) for r in R.attribution_rows(e, texts[e.article_id])]
            ent_rows += R.entity_rows(e)
            evs, parts = R.event_rows(e)
            ev_rows += evs
            part_rows += parts
        if attr_rows:
            self._executemany(
                "INSERT INTO attributions (article_id, position, attr_id, speaker_kind, speaker_label, speaker_name, "
                "speaker_entity, form, outlet, content_text, data, published, article_seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                attr_rows,
            )
        if ent_rows:
            self._executemany(
                "INSERT INTO article_entities (article_id, key, name, type, role, affiliation, mentions) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                ent_rows,
            )
        if ev_rows:
            self._executemany(
                "INSERT INTO events (article_id, position, event_id, type, status, earliest, latest, data) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ev_rows,
            )
        if part_rows:
            self._executemany(
                "INSERT INTO event_participants (article_id, event_id, participant) VALUES (?, ?, ?)",
                list(dict.fromkeys(part_rows)),
            )
        for name, n in (
            ("enriched", len(items)),
            ("attributions", len(attr_rows)),
            ("anonymous_attributions", sum(1 for r in attr_rows if r[3] == "anonymous")),
            ("events", len(ev_rows)),
        ):
            bumps[(name, "")] = bumps.get((name, ""), 0) + n
        self._bump_counters(bumps)
        deltas = AG.entity_deltas(old_entities, ent_rows, old_quotes.items(), (r[6] for r in attr_rows))
        self._update_entity_stats(deltas)

    def _update_entity_stats(self, deltas: dict[str, AG.EntityDelta]) -> None:
        """Apply per-key deltas to ``entity_values`` and ``entity_stats`` (inside the caller's transaction).

        The value counts of the keys whose values change are read, moved by the deltas and written back (a count that
        reaches 0 is deleted); those keys' attributes are then their modes, the other keys' stay as they are.
        """
        keys = sorted(deltas)
        current: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(keys):
            for r in self._execute(
                "SELECT key, name, type, role, affiliation, articles, mentions, quotes FROM entity_stats "
                f"WHERE key IN ({_marks(len(chunk))})",
                chunk,
            ):
                current[r[0]] = tuple(r[1:])
        changed = {k: d.values for k, d in deltas.items() if any(d.values.values())}
        attrs = self._update_entity_values(changed, known=current.keys())
        gone: list[tuple[str]] = []
        rows: list[tuple[Any, ...]] = []
        for key in keys:
            d, cur = deltas[key], current.get(key, (None,) * 4 + (0, 0, 0))
            counts = (cur[4] + d.articles, cur[5] + d.mentions, cur[6] + d.quotes)
            if counts[0] <= 0 and counts[2] <= 0:
                gone.append((key,))
            else:
                rows.append((key, *attrs.get(key, cur[:4]), *counts))
        self._delete_rows("entity_stats", _ENTITY_STATS[:1], gone)
        self._upsert("entity_stats", _ENTITY_STATS, 1, rows)

    def _update_entity_values(
        self, changes: dict[str, dict[tuple[str, str], int]], known: Collection[str]
    ) -> dict[str, tuple[Any, ...]]:
        """Move the ``entity_values`` counts of these keys by ``changes``; return each key's new attribute modes.

        ``known``: the keys ``entity_stats`` holds; only theirs can have counts to read.
        """
        keys = sorted(changes)
        counts: dict[str, dict[tuple[str, str], int]] = {k: {} for k in keys}
        for chunk in _chunks([k for k in keys if k in known]):
            for key, attr, value, n in self._execute(
                f"SELECT key, attr, value, n FROM entity_values WHERE key IN ({_marks(len(chunk))})", chunk
            ):
                counts[key][(attr, value)] = int(n)
        upserts: list[tuple[Any, ...]] = []
        deletes: list[tuple[Any, ...]] = []
        for key in keys:
            held = counts[key]
            for (attr, value), change in changes[key].items():
                if not change:
                    continue
                n = held[(attr, value)] = held.get((attr, value), 0) + change
                if n > 0:
                    upserts.append((key, attr, value, n))
                else:
                    deletes.append((key, attr, value))
        self._delete_rows("entity_values", _ENTITY_VALUES[:3], deletes)
        self._upsert("entity_values", _ENTITY_VALUES, 3, upserts)
        return {key: AG.entity_attributes((a, v, n) for (a, v), n in counts[key].items()) for key in keys}

    def get_enrichment(self, article_id: str) -> EnrichedArticle | None:
        with self._lock:
            rows = self._execute("SELECT data FROM enrichments WHERE article_id = ?", (article_id,))
        return R.json_to_enrichment(rows[0][0]) if rows else None

    def iter_enriched(
        self, *, since: str | None = None, until: str | None = None, ids: Iterable[str] | None = None
    ) -> Iterator[tuple[Article, EnrichedArticle]]:
        where, params = [], []
        if since:
            where.append("a.published >= ?")
            params.append(since[:10])
        if until:
            where.append("a.published < ?")
            params.append(R.day_after(until))
        id_list = list(dict.fromkeys(ids)) if ids is not None else None
        base = f"SELECT a.seq, {_ARTICLE_COLS_A}, e.data FROM articles a JOIN enrichments e ON e.article_id = a.id"
        if id_list is not None:
            for chunk in _chunks(id_list):
                cond = where + [f"a.id IN ({_marks(len(chunk))})"]
                with self._lock:
                    rows = self._execute(f"{base} WHERE {' AND '.join(cond)} ORDER BY a.seq", [*params, *chunk])
                for r in rows:
                    yield R.row_to_article(r[1:-1]), R.json_to_enrichment(r[-1])
            return
        last = -1
        while True:
            cond = [*where, "a.seq > ?"]
            with self._lock:
                rows = self._execute(f"{base} WHERE {' AND '.join(cond)} ORDER BY a.seq LIMIT 200", [*params, last])
            if not rows:
                return
            last = rows[-1][0]
            for r in rows:
                yield R.row_to_article(r[1:-1]), R.json_to_enrichment(r[-1])

    def unenriched_ids(self, version: str | None = None) -> list[str]:
        with self._lock:
            if version is None:
                rows = self._execute(
                    "SELECT a.id FROM articles a LEFT JOIN enrichments e ON e.article_id = a.id "
                    "WHERE e.article_id IS NULL ORDER BY a.seq"
                )
            else:
                rows = self._execute(
                    "SELECT a.id FROM articles a LEFT JOIN enrichments e ON e.article_id = a.id "
                    "WHERE e.article_id IS NULL OR e.version <> ? ORDER BY a.seq",
                    (version,),
                )
        return [r[0] for r in rows]

    def find_attributions(
        self,
        *,
        speaker: str | None = None,
        entity: str | None = None,
        anonymous: bool | None = None,
        outlet: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        text: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        where, params = [], []
        if speaker:
            if is_key(speaker):  # an entity key: one range of the (speaker_entity, published, ...) index
                where.append("s.speaker_entity = ?")
                params.append(speaker)
            else:
                where.append(
                    "(s.speaker_entity = ? OR lower(s.speaker_name) LIKE ? ESCAPE '\\' "
                    "OR lower(s.speaker_label) LIKE ? ESCAPE '\\')"
                )
                params += [speaker, R.like_pattern(speaker), R.like_pattern(speaker)]
        if entity:
            if is_key(entity):
                where.append(
                    "EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = s.article_id AND e.key = ?)"
                )
                params.append(entity)
            else:
                where.append(
                    "EXISTS (SELECT 1 FROM article_entities e WHERE e.article_id = s.article_id AND (e.key = ? "
                    "OR lower(e.name) LIKE ? ESCAPE '\\'))"
                )
                params += [entity, R.like_pattern(entity)]
        if anonymous is not None:
            where.append("s.speaker_kind = 'anonymous'" if anonymous else "s.speaker_kind <> 'anonymous'")
        if outlet:
            where.append("(lower(a.outlet) LIKE ? ESCAPE '\\' OR lower(s.outlet) LIKE ? ESCAPE '\\')")
            params += [R.like_pattern(outlet), R.like_pattern(outlet)]
        if date_from:
            where.append("s.published >= ?")
            params.append(date_from[:10])
        if date_to:
            where.append("s.published < ?")
            params.append(R.day_after(date_to))
        if text:
            where.append("lower(s.content_text) LIKE ? ESCAPE '\\'")
            params.append(R.like_pattern(text))
        sql = (
            # joined by the article's seq copied onto the row: a probe of the primary key (PostgreSQL: 1,001
            # anonymous statements 8-13 ms by id, 3-8 ms by seq; SQLite: the rowid, one b-tree instead of two)
            "SELECT a.id, a.title, a.published, a.outlet, s.data, s.content_text FROM attributions s "
            "JOIN articles a ON a.seq = s.article_seq"
            + (" WHERE " + " AND ".join(where) if where else "")
            # the article's date and seq are copied onto the row: this order is an index order (no sort)
            + " ORDER BY s.published DESC, s.article_seq, s.position LIMIT ? OFFSET ?"
        )
        with self._lock, self._index_ordered():
            rows = self._execute(sql, [*params, int(limit), int(offset)])
        return [
            {
                "article_id": r[0],
                "title": r[1],
                "published": r[2],
                "outlet": r[3],
                "attribution": json.loads(r[4]),
                "content_text": r[5],
            }
            for r in rows
        ]

    def find_entities(
        self, *, name: str | None = None, type: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[dict[str, Any]]:
        """Entities most mentioned first, from ``entity_stats`` (one row per key, kept by the writes).

        ``name``: an entity key (contains ':') matches that key exactly; anything else is a case-insensitive part of
        the entity's name or key (the key written with '-' for spaces, so "fumio" finds person:fumio-kishida).
        """
        where, params = ["articles > 0"], []
        if name:
            if is_key(name):
                where.append("key = ?")
                params.append(name)
            else:
                # a LIKE scan, but over one row per entity (thousands), not one per mention
                where.append("(lower(name) LIKE ? ESCAPE '\\' OR key LIKE ? ESCAPE '\\')")
                params += [R.like_pattern(name), R.like_pattern("-".join(name.lower().split()))]
        if type:
            where.append("lower(type) = ?")
            params.append(type.lower())
        sql = (
            "SELECT key, name, type, role, affiliation, articles, mentions, quotes FROM entity_stats WHERE "
            + " AND ".join(where)
            + " ORDER BY articles DESC, key LIMIT ? OFFSET ?"
        )
        with self._lock:
            rows = self._execute(sql, [*params, int(limit), int(offset)])
        keys = ("key", "name", "type", "role", "affiliation", "articles", "mentions", "quotes")
        return [
            {k: (int(v) if k in ("articles", "mentions", "quotes") else v) for k, v in zip(keys, r, strict=True)}
            for r in rows
        ]

    def find_events(
        self,
        *,
        entity: str | None = None,
        type: str | None = None,
        status: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        where, params = [], []
        source = "events v JOIN articles a ON a.id = v.article_id"
        by_key = bool(entity) and is_key(entity)
        if by_key:
            # start from the participant index: only this entity's events are read (then sorted by time)
            source = (
                "event_participants p JOIN events v ON v.article_id = p.article_id AND v.event_id = p.event_id "
                "JOIN articles a ON a.id = v.article_id"
            )
            where.append("p.participant = ?")
            params.append(entity)
        elif entity:
            where.append(
                "EXISTS (SELECT 1 FROM event_participants p WHERE p.article_id = v.article_id "
                "AND p.event_id = v.event_id AND (p.participant = ? OR lower(p.participant) LIKE ? ESCAPE '\\'))"
            )
            params += [entity, R.like_pattern(entity)]
        if type:
            where.append("lower(v.type) = ?")
            params.append(type.lower())
        if status:
            where.append("lower(v.status) = ?")
            params.append(status.lower())
        # an event's own time when the text gives it, else the date of the article that reports it
        when_start = "coalesce(v.latest, v.earliest, a.published)"
        when_end = "coalesce(v.earliest, v.latest, a.published)"
        if date_from:
            where.append(f"{when_start} >= ?")
            params.append(date_from[:10])
        if date_to:
            where.append(f"{when_end} < ?")
            params.append(R.day_after(date_to))
        sql = (
            f"SELECT a.id, a.title, a.published, a.outlet, v.data FROM {source}"
            + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY {when_end}, a.seq, v.position LIMIT ? OFFSET ?"
        )
        # one entity's events: a few hundred probes of the events and articles keys, not a hash of every event
        with self._lock, self._probe_plan() if by_key else nullcontext():
            rows = self._execute(sql, [*params, int(limit), int(offset)])
        return [
            {"article_id": r[0], "title": r[1], "published": r[2], "outlet": r[3], "event": json.loads(r[4])}
            for r in rows
        ]

    # ---------------------------------------------------------------------------------------------------------------
    # records

    def put_records(self, kind: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
        rows = [(kind, str(k), R.dumps(v)) for k, v in records]
        with self._lock, self._transaction():
            self._executemany(
                "INSERT INTO records (kind, key, data) VALUES (?, ?, ?) "
                "ON CONFLICT (kind, key) DO UPDATE SET data = excluded.data",
                list({r[1]: r for r in rows}.values()),
            )

    def replace_records(self, kind: str, records: Iterable[tuple[str, dict[str, Any]]]) -> None:
        rows = [(kind, str(k), R.dumps(v)) for k, v in records]
        with self._lock, self._transaction():
            self._execute("DELETE FROM records WHERE kind = ?", (kind,))
            if rows:
                self._executemany(
                    "INSERT INTO records (kind, key, data) VALUES (?, ?, ?)", list({r[1]: r for r in rows}.values())
                )

    def get_records(self, kind: str, *, keys: Iterable[str] | None = None) -> list[tuple[str, dict[str, Any]]]:
        with self._lock:
            if keys is None:
                rows = self._execute("SELECT key, data FROM records WHERE kind = ? ORDER BY key", (kind,))
            else:
                rows = []
                for chunk in _chunks(list(dict.fromkeys(keys))):
                    rows += self._execute(
                        f"SELECT key, data FROM records WHERE kind = ? AND key IN ({_marks(len(chunk))})",
                        [kind, *chunk],
                    )
                rows.sort()
        return [(k, json.loads(d)) for k, d in rows]

    def delete_records(self, kind: str, keys: Iterable[str]) -> None:
        keys = list(keys)
        with self._lock, self._transaction():
            for chunk in _chunks(keys):
                self._execute(f"DELETE FROM records WHERE kind = ? AND key IN ({_marks(len(chunk))})", [kind, *chunk])

    # ---------------------------------------------------------------------------------------------------------------
    # dump (tests, export)

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table's content in a backend-neutral, deterministic form (seq values left out): for comparisons."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        with self._lock:
            out["articles"] = [tuple(r) for r in self._execute(f"SELECT {_ARTICLE_COLS} FROM articles ORDER BY seq")]
            out["article_tags"] = [
                tuple(r)
                for r in self._execute(
                    "SELECT a.id, t.tag FROM article_tags t JOIN articles a ON a.seq = t.article_seq "
                    "ORDER BY a.seq, t.tag"
                )
            ]
            out["minhashes"] = [
                (a, bytes(s))
                for a, s in self._execute("SELECT article_id, signature FROM minhashes ORDER BY article_id")
            ]
            out["lsh_keys"] = [
                tuple(r)
                for r in self._execute(
                    "SELECT k.key, a.id FROM lsh_keys k JOIN articles a ON a.seq = k.article_seq ORDER BY k.key, a.id"
                )
            ]
            out["enrichments"] = [
                tuple(r) for r in self._execute("SELECT article_id, version, data FROM enrichments ORDER BY article_id")
            ]
            out["attributions"] = [
                tuple(r)
                for r in self._execute(
                    "SELECT article_id, position, data FROM attributions ORDER BY article_id, position"
                )
            ]
            out["records"] = [tuple(r) for r in self._execute("SELECT kind, key, data FROM records ORDER BY kind, key")]
            # the aggregates are kept by the writes: a dump comparison also checks that they stayed exact
            out["counters"] = [
                (name, value, int(n))
                for name, value, n in self._execute(
                    "SELECT name, value, n FROM counters WHERE n <> 0 ORDER BY name, value"
                )
            ]
            out["entity_values"] = [
                (key, attr, value, int(n))
                for key, attr, value, n in self._execute(
                    "SELECT key, attr, value, n FROM entity_values ORDER BY key, attr, value"
                )
            ]
            out["entity_stats"] = [
                (*r[:5], *(int(v) for v in r[5:]))
                for r in self._execute(
                    "SELECT key, name, type, role, affiliation, articles, mentions, quotes FROM entity_stats "
                    "ORDER BY key"
                )
            ]
        return out


def is_key(value: str) -> bool:
    """Whether a speaker/entity argument is an entity key (``person:fumio-kishida``), matched exactly and by index,
    rather than a part of a name."""
    return ":" in value


def _now_iso() -> str:
    import datetime as dt

    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
