"""Entity identity across the corpus: one person behind "person:kishida" and "person:fumio-kishida", and a user's name
or alias ("Kuril Islands", "Kishida", "Lavrov") resolved to the entity keys it stands for.

Within one article the enrichment already links "Kishida" to "Fumio Kishida". Across articles an article that only
ever says "Kishida" yields ``person:kishida``; ``EntityIndex`` merges such a surname-only entity into the unique full-
name entity it matches (and leaves it alone when two full names share the surname: two Abes are not one).

Inputs are entity rows as the Store protocol's ``find_entities`` returns them (``key``, ``name``, ``type``, ...), or
``Entity`` records from EnrichedArticles; both work.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from presswatch.enrich.aliases import load_gazetteer, slugify
from presswatch.models import EnrichedArticle, Entity


@dataclass(slots=True)
class _Row:
    key: str
    name: str
    type: str
    articles: int = 0


@dataclass(slots=True)
class EntityIndex:
    """Entities of a corpus with surname-only people merged into their full names."""

    rows: dict[str, _Row] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # key -> canonical key
    alias_file: str | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, Any] | Entity], alias_file: str | None = None) -> EntityIndex:
        index = cls(alias_file=alias_file)
        for r in rows:
            key, name, type_ = (
                (r["key"], r.get("name") or "", r.get("type") or "") if isinstance(r, dict) else (r.key, r.name, r.type)
            )
            row = index.rows.get(key)
            if row is None:
                row = index.rows[key] = _Row(key, name, type_)
            row.articles += int(r.get("articles", 1)) if isinstance(r, dict) else 1
        index._merge_surnames()
        return index

    @classmethod
    def from_enriched(cls, items: Iterable[EnrichedArticle], alias_file: str | None = None) -> EntityIndex:
        return cls.from_rows((e for item in items for e in item.entities), alias_file)

    @classmethod
    def from_store(cls, store, name: str | None = None, alias_file: str | None = None, page: int = 1000):
        """From the store's entity rows: all of them, or (``name`` given) those whose name or surname matches."""
        rows: list[dict[str, Any]] = []
        queries = [None] if name is None else list(dict.fromkeys([name, name.split()[-1]]))
        for q in queries:
            offset = 0
            while True:
                batch = store.find_entities(name=q, limit=page, offset=offset)
                rows.extend(batch)
                if len(batch) < page:
                    break
                offset += page
        return cls.from_rows(rows, alias_file)

    def _merge_surnames(self) -> None:
        by_part: dict[str, list[str]] = {}  # family-name candidate -> full-name person keys
        for row in self.rows.values():
            parts = row.name.split()
            if row.type == "PERSON" and len(parts) >= 2:
                for part in {parts[-1], parts[0]}:
                    by_part.setdefault(part.casefold(), []).append(row.key)
        for row in self.rows.values():
            parts = row.name.split()
            if row.type == "PERSON" and len(parts) == 1:
                full = by_part.get(parts[0].casefold(), [])
                last = [k for k in full if self.rows[k].name.split()[-1].casefold() == parts[0].casefold()]
                target = last if last else full  # the last name first; the first word only for East Asian order
                if len(target) == 1:
                    self.merged[row.key] = target[0]

    def canonical(self, key: str) -> str:
        """The key a (possibly surname-only) entity key is merged into."""
        return self.merged.get(key, key)

    def members(self, key: str) -> list[str]:
        """Every key merged into the canonical key of ``key`` (itself included)."""
        canon = self.canonical(key)
        return [canon, *(k for k, v in self.merged.items() if v == canon)]

    def resolve(self, query: str) -> list[str]:
        """Entity keys ``query`` stands for, canonical keys first, each with its merged surname-only keys.

        Tried in order: an entity key; a name or alias of the gazetteer; an exact name; a surname or first-word
        match of a person; the slug of the query.
        """
        q = query.strip()
        if not q:
            return []
        found: list[str] = []
        if ":" in q and " " not in q:
            found.append(q)
        entry = load_gazetteer(self.alias_file or os.environ.get("PRESSWATCH_ALIAS_FILE") or None).lookup(q)
        if entry is not None:
            found.append(entry.key)
        fold = q.casefold()
        exact = [r.key for r in self.rows.values() if r.name.casefold() == fold]
        found += sorted(exact, key=lambda k: -self.rows[k].articles)
        if " " not in q:  # a single word: also the people it is the family (or first) name of
            part = [
                r.key
                for r in self.rows.values()
                if r.type == "PERSON" and fold in {p.casefold() for p in r.name.split()[:1] + r.name.split()[-1:]}
            ]
            found += sorted(part, key=lambda k: -self.rows[k].articles)
        slug = slugify(q)
        found += [r.key for r in self.rows.values() if r.key.split(":", 1)[-1] == slug]
        out: list[str] = []
        for key in found:
            for k in self.members(key):
                if k not in out:
                    out.append(k)
        return out

    def aliases(self, key: str) -> list[str]:
        """Names the entity goes by: its own, those of merged keys, and the gazetteer's aliases."""
        names = [self.rows[k].name for k in self.members(key) if k in self.rows]
        entry = _gazetteer_entry(key, self.alias_file)
        if entry is not None:
            names += [entry.name, *entry.aliases]
        return list(dict.fromkeys(n for n in names if n))


def _gazetteer_entry(key: str, alias_file: str | None):
    gaz = load_gazetteer(alias_file or os.environ.get("PRESSWATCH_ALIAS_FILE") or None)
    for entry in gaz.entries:
        if entry.key == key:
            return entry
    return None


def resolve(name: str, store=None, alias_file: str | None = None) -> list[str]:
    """Entity keys a user's name or alias stands for (the store's entities when a store is given, else the
    gazetteer and the name's own slug keys)."""
    if store is not None:
        return EntityIndex.from_store(store, name=name, alias_file=alias_file).resolve(name)
    index = EntityIndex(alias_file=alias_file)
    keys = index.resolve(name)
    return keys


def aliases(key: str, alias_file: str | None = None) -> list[str]:
    """Names the gazetteer knows for an entity key (empty when it knows none)."""
    entry = _gazetteer_entry(key, alias_file)
    return [entry.name, *entry.aliases] if entry is not None else []
