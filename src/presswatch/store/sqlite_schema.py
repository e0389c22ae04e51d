"""The SQLite schema as named migrations. Full text: an FTS5 external-content table over articles(title, text)."""

from __future__ import annotations

from presswatch.store.aggregates import entity_modes_statements, migration_statements
from presswatch.store.migrations import Migration

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        (
            # small columns first: a filter reads published/outlet/kind without walking the overflow pages of the text
            """CREATE TABLE articles (
                seq INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                published TEXT,
                outlet TEXT,
                kind TEXT,
                language TEXT,
                duplicate_of TEXT,
                author TEXT,
                url TEXT,
                title TEXT NOT NULL,
                tags TEXT NOT NULL,
                print_citation TEXT,
                source TEXT NOT NULL,
                layout TEXT NOT NULL,
                paragraph_spans TEXT NOT NULL,
                text TEXT NOT NULL,
                raw TEXT
            )""",
            "CREATE INDEX articles_published ON articles (published)",
            "CREATE INDEX articles_outlet ON articles (outlet)",
            "CREATE TABLE article_tags (article_seq INTEGER NOT NULL, tag TEXT NOT NULL, "
            "PRIMARY KEY (article_seq, tag))",
            "CREATE INDEX article_tags_tag ON article_tags (tag)",
            # porter stemming so that "islands" finds "island"; remove_diacritics so that "Tokyo" finds "Tōkyō"
            """CREATE VIRTUAL TABLE articles_fts USING fts5(
                title, text, content='articles', content_rowid='seq',
                tokenize='porter unicode61 remove_diacritics 2'
            )""",
        ),
    ),
    Migration(
        "0002_dedup",
        (
            "CREATE TABLE minhashes (article_seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL, "
            "signature BLOB NOT NULL)",
            "CREATE TABLE lsh_keys (key INTEGER NOT NULL, article_seq INTEGER NOT NULL)",
            "CREATE INDEX lsh_keys_key ON lsh_keys (key)",
        ),
    ),
    Migration(
        "0003_enrichments",
        (
            "CREATE TABLE enrichments (article_id TEXT PRIMARY KEY, version TEXT NOT NULL, data TEXT NOT NULL)",
            """CREATE TABLE attributions (
                article_id TEXT NOT NULL, position INTEGER NOT NULL, attr_id TEXT NOT NULL,
                speaker_kind TEXT, speaker_label TEXT, speaker_name TEXT, speaker_entity TEXT,
                form TEXT, outlet TEXT, content_text TEXT, data TEXT NOT NULL,
                PRIMARY KEY (article_id, position)
            )""",
            "CREATE INDEX attributions_speaker_entity ON attributions (speaker_entity)",
            """CREATE TABLE article_entities (
                article_id TEXT NOT NULL, key TEXT NOT NULL, name TEXT, type TEXT, role TEXT, affiliation TEXT,
                mentions INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (article_id, key)
            )""",
            "CREATE INDEX article_entities_key ON article_entities (key)",
            """CREATE TABLE events (
                article_id TEXT NOT NULL, position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT, status TEXT,
                earliest TEXT, latest TEXT, data TEXT NOT NULL, PRIMARY KEY (article_id, position)
            )""",
            """CREATE TABLE event_participants (
                article_id TEXT NOT NULL, event_id TEXT NOT NULL, participant TEXT NOT NULL,
                PRIMARY KEY (article_id, event_id, participant)
            )""",
            "CREATE INDEX event_participants_participant ON event_participants (participant)",
        ),
    ),
    Migration(
        "0004_records",
        ("CREATE TABLE records (kind TEXT NOT NULL, key TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (kind, key))",),
    ),
    Migration(
        "0005_filter_indexes",
        (
            # the search filters compare lower(outlet) and lower(kind): with these, a filter is answered from an
            # index instead of a scan of the (wide) articles table; see SqliteStore._filter_range
            "CREATE INDEX articles_outlet_lower ON articles (lower(outlet))",
            "CREATE INDEX articles_kind_lower ON articles (lower(kind))",
        ),
    ),
    Migration(
        "0006_filter_covering_index",
        (
            # joined to each full-text match, this narrow index answers the outlet/kind/date filters without reading
            # the article row (a page of its own, with the text): five times faster on a 20,000-article store
            "CREATE INDEX articles_filter ON articles (seq, published, lower(outlet), lower(kind))",
        ),
    ),
    Migration(
        "0007_partial_kind_index",
        (
            # most stores have no kind at all: a full index holds one value (NULL) and the planner, seeing that,
            # scans the table for kind: filters; a partial index stays small and selective
            "DROP INDEX articles_kind_lower",
            "CREATE INDEX articles_kind_lower ON articles (lower(kind)) WHERE kind IS NOT NULL",
        ),
    ),
    Migration(
        "0008_filter_index_plain_columns",
        (
            # SQLite 3.40 returns no rows for a full-text join through a covering index on *expressions* when, with
            # statistics present, it adds a Bloom filter (found by the web tests; tests/test_store.py keeps a
            # regression test): the same index on plain columns is correct and as narrow
            "DROP INDEX articles_filter",
            "CREATE INDEX articles_filter ON articles (seq, published, outlet, kind)",
        ),
    ),
    Migration(
        "0009_aggregates",
        # counters for stats(), per-entity figures for the entity pages, ordered attribution indexes; filled from the
        # rows already stored (see store/aggregates.py)
        migration_statements("INTEGER", "max({})"),
    ),
    Migration(
        "0010_entity_modes",
        # an entity's name, type, role and affiliation are the most frequent among its articles, not the largest:
        # the value counts per key, filled from the rows already stored (see store/aggregates.py)
        entity_modes_statements("INTEGER", "", " WITHOUT ROWID"),
    ),
)
