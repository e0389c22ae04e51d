"""Pre-aggregated figures kept next to what they count, so pages never group over every derived row.

Two tables, written in the same transaction as the rows they summarise (``write_batch`` / ``save_enrichments``), so a
run killed at any moment leaves them exact and a rerun ends with the figures an uninterrupted run builds:

- ``counters (name, value, n)``: articles, duplicates, articles per outlet and per kind, enriched articles,
  attributions, anonymous attributions, events (``stats()`` reads them instead of counting 100,000 rows);
- ``entity_stats (key, name, type, role, affiliation, articles, mentions, quotes)``: one row per entity key, what
  ``find_entities`` used to compute with a GROUP BY over ``article_entities`` plus a count over ``attributions`` per
  key. ``name``/``type``/``role``/``affiliation`` are the largest value among the key's rows (in code-point order on
  both backends, as SQL ``max`` gave on SQLite), ``articles`` the articles mentioning it, ``quotes`` the statements
  whose speaker is it.

Also here: the migration statements that create and fill them for an existing store, shared by both backends.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "(unknown)"  # the outlet/kind bucket of articles without one (as stats() has always shown it)
ENTITY_ATTRS = ("name", "type", "role", "affiliation")


def migration_statements(int_type: str, text_max: str) -> tuple[str, ...]:
    """The statements creating and back-filling the aggregate tables and the attribution ordering columns.

    ``int_type`` is the backend's 64-bit integer type; ``text_max`` a format string for the max of a text column in
    code-point order (``"max({})"`` on SQLite, ``'max({} COLLATE "C")'`` on PostgreSQL).
    """
    mx = text_max.format
    return (
        f"CREATE TABLE counters (name TEXT NOT NULL, value TEXT NOT NULL, n {int_type} NOT NULL, "
        "PRIMARY KEY (name, value))",
        "INSERT INTO counters (name, value, n) SELECT 'articles', '', count(*) FROM articles",
        "INSERT INTO counters (name, value, n) SELECT 'duplicates', '', count(*) FROM articles "
        "WHERE duplicate_of IS NOT NULL",
        f"INSERT INTO counters (name, value, n) SELECT 'outlet', coalesce(outlet, '{UNKNOWN}'), count(*) "
        f"FROM articles GROUP BY coalesce(outlet, '{UNKNOWN}')",
        f"INSERT INTO counters (name, value, n) SELECT 'kind', coalesce(kind, '{UNKNOWN}'), count(*) "
        f"FROM articles GROUP BY coalesce(kind, '{UNKNOWN}')",
        "INSERT INTO counters (name, value, n) SELECT 'enriched', '', count(*) FROM enrichments",
        "INSERT INTO counters (name, value, n) SELECT 'attributions', '', count(*) FROM attributions",
        "INSERT INTO counters (name, value, n) SELECT 'anonymous_attributions', '', count(*) FROM attributions "
        "WHERE speaker_kind = 'anonymous'",
        "INSERT INTO counters (name, value, n) SELECT 'events', '', count(*) FROM events",
        f"""CREATE TABLE entity_stats (
            key TEXT PRIMARY KEY, name TEXT, type TEXT, role TEXT, affiliation TEXT,
            articles {int_type} NOT NULL DEFAULT 0, mentions {int_type} NOT NULL DEFAULT 0,
            quotes {int_type} NOT NULL DEFAULT 0
        )""",
        "INSERT INTO entity_stats (key, name, type, role, affiliation, articles, mentions) "
        f"SELECT key, {mx('name')}, {mx('type')}, {mx('role')}, {mx('affiliation')}, count(*), sum(mentions) "
        "FROM article_entities GROUP BY key",
        "INSERT INTO entity_stats (key, quotes) SELECT speaker_entity, count(*) FROM attributions "
        "WHERE speaker_entity IS NOT NULL GROUP BY speaker_entity "
        "ON CONFLICT (key) DO UPDATE SET quotes = excluded.quotes",
        # the entity list is "most mentioned first": read in index order, LIMIT stops after one page
        "CREATE INDEX entity_stats_rank ON entity_stats (articles DESC, key)",
        # statements are listed newest first: with the article's date and seq on the row, "statements of X" and
        # "anonymous statements" are one ordered index range each instead of a join and a sort of every match
        "ALTER TABLE attributions ADD COLUMN published TEXT",
        f"ALTER TABLE attributions ADD COLUMN article_seq {int_type}",
        "UPDATE attributions SET "
        "published = (SELECT a.published FROM articles a WHERE a.id = attributions.article_id), "
        "article_seq = (SELECT a.seq FROM articles a WHERE a.id = attributions.article_id)",
        "DROP INDEX attributions_speaker_entity",
        "CREATE INDEX attributions_by_speaker ON attributions (speaker_entity, published DESC, article_seq, position)",
        "CREATE INDEX attributions_by_kind ON attributions (speaker_kind, published DESC, article_seq, position)",
        "CREATE INDEX attributions_by_date ON attributions (published DESC, article_seq, position)",
    )


@dataclass
class EntityDelta:
    """What one write changes for one entity key."""

    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    new_attrs: list[tuple[Any, ...]] = field(default_factory=list)  # (name, type, role, affiliation) of new rows
    old_attrs: list[tuple[Any, ...]] = field(default_factory=list)  # ... of the rows deleted


def entity_deltas(
    old_entities: Iterable[tuple[Any, ...]],
    new_entities: Iterable[tuple[Any, ...]],
    old_quotes: Iterable[tuple[str, int]],
    new_speakers: Iterable[str | None],
) -> dict[str, EntityDelta]:
    """Per key, the change from replacing the old derived rows by the new ones.

    ``old_entities`` rows are (key, name, type, role, affiliation, mentions); ``new_entities`` are ``rows.entity_rows``
    rows (article_id, key, name, type, role, affiliation, mentions); ``old_quotes`` (speaker key, count);
    ``new_speakers`` the speaker entity of each new attribution.
    """
    out: dict[str, EntityDelta] = {}
    for key, *attrs, mentions in old_entities:
        d = out.setdefault(key, EntityDelta())
        d.articles -= 1
        d.mentions -= int(mentions or 0)
        d.old_attrs.append(tuple(attrs))
    for _, key, *attrs, mentions in new_entities:
        d = out.setdefault(key, EntityDelta())
        d.articles += 1
        d.mentions += int(mentions or 0)
        d.new_attrs.append(tuple(attrs))
    for key, n in old_quotes:
        out.setdefault(key, EntityDelta()).quotes -= int(n)
    for key in new_speakers:
        if key:
            out.setdefault(key, EntityDelta()).quotes += 1
    return out


def max_text(values: Iterable[Any]) -> Any:
    """The largest non-NULL value in code-point order (SQL ``max`` on SQLite, ``max(x COLLATE "C")`` on PostgreSQL)."""
    present = [v for v in values if v is not None]
    return max(present) if present else None


def merge_entity(current: tuple[Any, ...] | None, d: EntityDelta) -> tuple[tuple[Any, ...], bool]:
    """(the key's new (name, type, role, affiliation, articles, mentions, quotes), whether the text attributes must be
    recomputed from the table).

    Adding rows only raises a maximum, so it is merged here; a deleted row whose value *was* the maximum may leave a
    smaller one behind, which only the remaining rows can tell.
    """
    cur_attrs = tuple(current[:4]) if current else (None,) * 4
    cur_counts = tuple(current[4:]) if current else (0, 0, 0)
    recompute = any(old[i] is not None and old[i] == cur_attrs[i] for old in d.old_attrs for i in range(4))
    attrs = tuple(max_text([cur_attrs[i], *(new[i] for new in d.new_attrs)]) for i in range(4))
    counts = (cur_counts[0] + d.articles, cur_counts[1] + d.mentions, cur_counts[2] + d.quotes)
    if counts[0] <= 0:  # no article mentions it any more (a speaker key may still be quoted): no attributes left
        return ((None,) * 4 + counts), False
    return (*attrs, *counts), recompute
