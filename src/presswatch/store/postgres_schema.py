"""The PostgreSQL schema as named migrations: the SQLite schema's tables, with a generated, GIN-indexed tsvector
(title weighted above body) for full-text search. Tables are created unqualified, in the first schema of the
connection's search_path (so a test can run on a throw-away schema)."""

from __future__ import annotations

from presswatch.store.aggregates import entity_modes_statements, migration_statements
from presswatch.store.migrations import Migration

LEAD_CHARS = 1500  # characters of the text ranked (see tsv_lead): a news story's lead says what it is about
TS_CONFIG = "english"  # stemming and stop words like SQLite's porter tokenizer; used by tsvector and tsquery alike

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "0001_articles",
        (
            # small columns first: filters read published/outlet/kind without walking the overflow pages of text and raw
            f"""CREATE TABLE articles (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
                raw TEXT,
                tsv tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{TS_CONFIG}', title), 'A') ||
                    setweight(to_tsvector('{TS_CONFIG}', text), 'D')
                ) STORED,
                -- ranking reads this small vector (headline + lead) instead of detoasting the full one per match
                tsv_lead tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{TS_CONFIG}', title), 'A') ||
                    setweight(to_tsvector('{TS_CONFIG}', left(text, {LEAD_CHARS})), 'D')
                ) STORED
            )""",
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
            "CREATE INDEX articles_published ON articles (published)",
            "CREATE INDEX articles_outlet ON articles (outlet)",
            "CREATE TABLE article_tags (article_seq BIGINT NOT NULL, tag TEXT NOT NULL, "
            "PRIMARY KEY (article_seq, tag))",
            "CREATE INDEX article_tags_tag ON article_tags (tag)",
        ),
    ),
    Migration(
        "0002_dedup",
        (
            "CREATE TABLE minhashes (article_seq BIGINT PRIMARY KEY, article_id TEXT NOT NULL, "
            "signature BYTEA NOT NULL)",
            "CREATE TABLE lsh_keys (key BIGINT NOT NULL, article_seq BIGINT NOT NULL)",
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
        "0005_aggregates",
        # counters for stats(), per-entity figures for the entity pages, ordered attribution indexes; filled from the
        # rows already stored (see store/aggregates.py). COLLATE "C": the same maximum as SQLite's (code points)
        migration_statements("BIGINT", 'max({} COLLATE "C")'),
    ),
    Migration(
        "0006_kind_index",
        (
            # kind: filters are checked from indexes before a search (a filter that matches nothing answers at
            # once); most stores have no kind, so a partial index stays small
            "CREATE INDEX articles_kind_lower ON articles (lower(kind)) WHERE kind IS NOT NULL",
            "CREATE INDEX articles_outlet_lower ON articles (lower(outlet))",
        ),
    ),
    Migration(
        "0007_participant_events",
        (
            # an entity's events are found from this index alone (which events, in which articles): without it, and
            # without statistics, the planner walked the whole primary key (article_id, event_id, participant)
            "CREATE INDEX event_participants_by_participant ON event_participants (participant, article_id, event_id)",
            "DROP INDEX event_participants_participant",
        ),
    ),
    Migration(
        "0008_entity_modes",
        # an entity's name, type, role and affiliation are the most frequent among its articles, not the largest:
        # the value counts per key, filled from the rows already stored (see store/aggregates.py)
        entity_modes_statements("BIGINT", ' COLLATE "C"'),
    ),
)
