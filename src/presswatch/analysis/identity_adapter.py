"""One place where analysis asks "which names and entity keys mean this?" ("Northern Territories" = "Kuril Islands").

Two sources, both owned by the entity engineers: the gazetteer (``enrich/aliases.py``: the packaged alias file plus the
user's, ``$PRESSWATCH_ALIAS_FILE``) and the cross-corpus identity (``analysis/identity.py``) when installed. Either
may be absent; the query itself always counts, so analysis works (with fewer aliases) in every case.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from presswatch.analysis.text import slug


def _identity() -> Any | None:
    try:
        from presswatch.analysis import identity  # type: ignore[attr-defined]
    except ImportError:  # not landed / not installed: fall back to the plain query
        return None
    return identity


def _gazetteer_names(name: str) -> tuple[set[str], set[str]]:
    """(keys, names) of the gazetteer entry that ``name`` is a form of ("Kuril Islands" -> Northern Territories)."""
    try:
        from presswatch.enrich.aliases import load_gazetteer

        gaz = load_gazetteer(os.environ.get("PRESSWATCH_ALIAS_FILE") or None)
    except Exception:  # no gazetteer, or a broken user file: aliases are optional help for a query
        return set(), set()
    entry = gaz.lookup(name)
    if entry is None:
        return set(), set()
    return {entry.key}, {entry.name.lower(), *(a.lower() for a in entry.aliases)}


def _as_keys(found: Any) -> list[str]:
    if found is None:
        return []
    if isinstance(found, str):
        return [found]
    out = []
    for item in found:
        key = (
            item
            if isinstance(item, str)
            else getattr(item, "key", None) or (item.get("key") if isinstance(item, dict) else None)
        )
        if key:
            out.append(key)
    return out


def expand(query: str, extra_aliases: Iterable[str] = ()) -> tuple[set[str], set[str]]:
    """(entity keys, lower-cased names and aliases) that ``query`` stands for; the query itself is always included."""
    names = {query.strip().lower(), *(a.strip().lower() for a in extra_aliases if a.strip())}
    keys: set[str] = set()
    if ":" in query and " " not in query:
        keys.add(query)
    for name in list(names):
        k, n = _gazetteer_names(name)
        keys |= k
        names |= n
    ident = _identity()
    if ident is not None:
        for name in list(names):
            resolve = getattr(ident, "resolve", None)
            if resolve is None:
                break
            try:
                keys.update(_as_keys(resolve(name)))
            except Exception:  # identity is optional help: a failure there must not break a query
                continue
        alias_fn = getattr(ident, "aliases", None) or getattr(ident, "aliases_of", None)
        if alias_fn is not None:
            for key in list(keys):
                try:
                    names.update(a.lower() for a in alias_fn(key) or [])
                except Exception:  # same: optional help
                    continue
    names.discard("")
    return keys, names


def matcher_for(query: str, extra_aliases: Iterable[str] = ()) -> Callable[[str | None], bool]:
    """A predicate: does an entity key, a name or a topic key stand for ``query`` (or one of its aliases)?"""
    keys, names = expand(query, extra_aliases)
    slugs = {slug(n) for n in names}

    def match(value: str | None) -> bool:
        if not value:
            return False
        if value in keys:
            return True
        tail = value.split(":")[-1] if ":" in value else slug(value)
        if tail in slugs or value.lower() in names:
            return True
        # "event:meeting:person-fumio-kishida+..." or a longer name holding the alias ("northern-territories-issue")
        return any(s and re.search(rf"(^|[-+:]){re.escape(s)}($|[-+:])", value.lower()) for s in slugs)

    return match


def text_pattern(query: str, extra_aliases: Iterable[str] = ()) -> re.Pattern[str]:
    """A case-insensitive pattern finding the query or any alias as whole words in a text."""
    _, names = expand(query, extra_aliases)
    alts = sorted((re.escape(n).replace(r"\ ", r"\s+") for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)
