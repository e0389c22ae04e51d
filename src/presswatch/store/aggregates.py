"""Pre-aggregated figures kept next to what they count, so pages never group over every derived row.

Three tables, written in the same transaction as the rows they summarise (``write_batch`` / ``save_enrichments``), so
a run killed at any moment leaves them exact and a rerun ends with the figures an uninterrupted run builds:

- ``counters (name, value, n)``: articles, duplicates, articles per outlet and per kind, enriched articles,
  attributions, anonymous attributions, events (``stats()`` reads them instead of counting 100,000 rows);
- ``entity_values (key, attr, value, n)``: for each entity key and attribute (name, type, role, affiliation), how
  many of the key's ``article_entities`` rows (one per article) hold each non-NULL value;
- ``entity_stats (key, name, type, role, affiliation, articles, mentions, quotes)``: one row per entity key, what
  ``find_entities`` used to compute with a GROUP BY over ``article_entities`` plus a count over ``attributions`` per
  key. ``name``/``type``/``role``/``affiliation`` are the most frequent value of ``entity_values`` (the mode over the
  key's articles; NULLs do not count; a tie goes to the value first in code-point order, on both backends), so one
  article's odd spelling ("Sergey-Lavrov") or short title ("Minister") does not name the entity; ``articles`` the
  articles mentioning it, ``quotes`` the statements whose speaker is it.

Also here: the migration statements that create and fill them for an existing store, shared by both backends.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = "(unknown)"  # the outlet/kind bucket of articles without one (as stats() has always shown it)
ENTITY_ATTRS = ("name", "type", "role", "affiliation")


def migration_statements(int_type: str, text_max: str) -> tuple[str, ...]:
    """The statements creating and back-filling the aggregate tables and the attribution ordering columns.

    ``int_type`` is the backend's 64-bit integer type; ``text_max`` a format string for the max of a text column in
    code-point order (``"max({})"`` on SQLite, ``'max({} COLLATE "C")'`` on PostgreSQL). A released migration:
    the entity attributes it fills are replaced by their modes in ``entity_modes_statements``'s migration.
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


def entity_modes_statements(int_type: str, collate: str, table_options: str = "") -> tuple[str, ...]:
    """The statements creating and back-filling ``entity_values`` and setting ``entity_stats``' attributes to its modes.

    ``int_type`` is the backend's 64-bit integer type; ``collate`` what makes a text comparison code-point order
    (``""`` on SQLite, ``' COLLATE "C"'`` on PostgreSQL), so that ties go to the same value on both backends;
    ``table_options`` ends the CREATE TABLE (SQLite: ``" WITHOUT ROWID"``, the rows kept in their key's B-tree alone).
    """

    def mode(attr: str) -> str:
        return (
            f"(SELECT v.value FROM entity_values v WHERE v.key = entity_stats.key AND v.attr = '{attr}' "
            f"ORDER BY v.n DESC, v.value{collate} LIMIT 1)"
        )

    return (
        "CREATE TABLE entity_values (key TEXT NOT NULL, attr TEXT NOT NULL, value TEXT NOT NULL, "
        f"n {int_type} NOT NULL, PRIMARY KEY (key, attr, value)){table_options}",
        *(
            f"INSERT INTO entity_values (key, attr, value, n) SELECT key, '{attr}', {attr}, count(*) "
            f"FROM article_entities WHERE {attr} IS NOT NULL GROUP BY key, {attr}"
            for attr in ENTITY_ATTRS
        ),
        "UPDATE entity_stats SET "
        + ", ".join(f"{attr} = {mode(attr)}" for attr in ENTITY_ATTRS)
        + " WHERE articles > 0",
    )


@dataclass
class EntityDelta:
    """What one write changes for one entity key."""

    articles: int = 0
    mentions: int = 0
    quotes: int = 0
    values: dict[tuple[str, str], int] = field(default_factory=dict)  # (attr, value) -> change of its row count


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

    def add(key: str, attrs: Sequence[Any], mentions: Any, sign: int) -> None:
        d = out.setdefault(key, EntityDelta())
        d.articles += sign
        d.mentions += sign * int(mentions or 0)
        for attr, value in zip(ENTITY_ATTRS, attrs, strict=True):
            if value is not None:
                d.values[(attr, value)] = d.values.get((attr, value), 0) + sign

    for key, *attrs, mentions in old_entities:
        add(key, attrs, mentions, -1)
    for _, key, *attrs, mentions in new_entities:
        add(key, attrs, mentions, +1)
    for key, n in old_quotes:
        out.setdefault(key, EntityDelta()).quotes -= int(n)
    for key in new_speakers:
        if key:
            out.setdefault(key, EntityDelta()).quotes += 1
    return out


def entity_attributes(values: Iterable[tuple[str, str, int]]) -> tuple[str | None, ...]:
    """(name, type, role, affiliation) of one key from its (attr, value, n) rows: for each attribute the value held by
    the most rows, a tie going to the first in code-point order (None: no row holds a value)."""
    best: dict[str, tuple[int, str]] = {}
    for attr, value, n in values:
        if n > 0 and (attr not in best or (-n, value) < best[attr]):
            best[attr] = (-n, value)
    return tuple(best[attr][1] if attr in best else None for attr in ENTITY_ATTRS)
