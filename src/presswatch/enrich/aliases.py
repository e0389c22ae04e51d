"""The gazetteer: packaged and user-editable names (aliases, outlets, countries) compiled into fast matchers.

The packaged default lives in ``presswatch/data/aliases.toml`` and ``presswatch/data/countries.toml``; a user's alias
file (same format as ``aliases.toml``) is merged on top: an entry with the same canonical name replaces the default.
Everything is compiled once per process and file version into one regular expression, so matching an article costs
one regex scan instead of a Python loop per alias.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from presswatch.errors import PresswatchError

TYPE_PREFIX = {
    "PERSON": "person",
    "ORG": "org",
    "OUTLET": "outlet",
    "GPE": "gpe",
    "LOC": "loc",
    "NORP": "norp",
    "FAC": "fac",
    "EVENT": "event",
    "LAW": "law",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
}


class AliasFileError(PresswatchError):
    """The user's alias file cannot be read or is not in the expected format."""


def slugify(name: str) -> str:
    """ASCII slug of a name: "Sergey Lavrov" -> "sergey-lavrov", "Ōsaka" -> "osaka"."""
    norm = unicodedata.normalize("NFKD", name)
    ascii_ = norm.encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.replace("'", "").replace("’", "")).strip("-") or "x"


def entity_key(type_: str, name: str) -> str:
    """Stable entity key: type prefix + slug of the canonical name ("person:fumio-kishida")."""
    return f"{TYPE_PREFIX.get(type_, type_.lower())}:{slugify(name)}"


@dataclass(frozen=True, slots=True)
class RoleSpan:
    """A post a person held, and when: ``start``/``end`` are ISO dates (start inclusive, end exclusive; None: open)."""

    role: str
    affiliation: str | None = None
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    name: str
    type: str  # PERSON | ORG | OUTLET | GPE | LOC | ...
    aliases: tuple[str, ...] = ()
    country: str | None = None  # outlets: where they publish
    roles: tuple[RoleSpan, ...] = ()  # people: the posts they held, dated

    @property
    def key(self) -> str:
        return entity_key(self.type, self.name)

    def role_on(self, day: str | None) -> RoleSpan | None:
        """The post held on ``day`` (YYYY-MM-DD...); undated posts when the day is unknown; None when none fits."""
        if day:
            day = day[:10]
            return next((r for r in self.roles if r.holds_on(day)), None)
        return next((r for r in self.roles if r.start is None and r.end is None), None)


@dataclass(slots=True)
class Gazetteer:
    """Compiled names. ``match`` finds every known name in a text; lookups map a surface form to its entry."""

    entries: list[GazetteerEntry]
    demonyms: dict[str, str]  # "Russian" -> "Russia"
    city_country: dict[str, str] = field(default_factory=dict)  # "Tokyo" -> "Japan"
    by_form: dict[str, GazetteerEntry] = field(default_factory=dict)  # casefolded surface form -> entry
    exact_forms: dict[str, GazetteerEntry] = field(default_factory=dict)  # all-capital forms, matched case-sensitively
    people: dict[str, GazetteerEntry] = field(default_factory=dict)  # casefolded name -> known person
    pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                form = form.strip()
                if not form:
                    continue
                if entry.type == "PERSON":
                    # Known people are never scanned for in the text ("trump card", "the moon"): a name the parser
                    # found is looked up once the article's own full names have been tried (``person``).
                    self.people[_fold(form)] = entry
                elif _is_acronym(form):
                    self.exact_forms[form] = entry
                else:
                    self.by_form[_fold(form)] = entry
        # Longest forms first so "Kyodo News" wins over "Kyodo". Forms written with an apostrophe also match the curly
        # one. Acronyms are matched case-sensitively (AP is not "ap"), everything else ignoring case.
        # The forms are compiled as a trie (shared prefixes factored out), so the regex engine tries a handful of
        # branches per position instead of every form: about 4x faster than a flat alternation of ~500 forms.
        parts = []
        if self.exact_forms:
            parts.append("(?-i:" + _trie_regex(list(self.exact_forms)) + ")")
        if self.by_form:
            parts.append(_trie_regex(list(self.by_form)))
        if parts:
            # Word boundaries only: "Japan-Russia talks" names both countries.
            self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry a surface form names, if any ("the Southern Kurils" -> Northern Territories)."""
        s = surface.strip()
        hit = self._lookup(s)
        if hit is None and "-" in s:
            hit = self._lookup(" ".join(s.replace("-", " ").split()))  # "Southern Kuril-Islands"
        return hit

    def _lookup(self, s: str) -> GazetteerEntry | None:
        hit = self.exact_forms.get(s)
        if hit is not None:
            return hit
        f = _fold(s)
        hit = self.by_form.get(f)
        if hit is None and f.startswith("the "):
            hit = self.by_form.get(f[4:])
        return hit

    def person(self, name: str) -> GazetteerEntry | None:
        """The known person a name stands for ("Putin", "Sergei Lavrov" -> Sergey Lavrov), if any."""
        return self.people.get(_fold(name))

    def find(self, text: str) -> list[tuple[int, int, GazetteerEntry]]:
        """Every known name in ``text`` as (start, end, entry), left to right, non-overlapping."""
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            entry = self.lookup(m.group(0))
            if entry is not None:
                out.append((m.start(), m.end(), entry))
        return out

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.replace("’", "'"))

    def country_of_city(self, name: str) -> str | None:
        return self.city_country.get(name) or self.city_country.get(name.title())

    def outlet_country(self, outlet: str | None) -> str | None:
        if not outlet:
            return None
        entry = self.lookup(outlet)
        return entry.country if entry is not None and entry.type == "OUTLET" else None


def _fold(s: str) -> str:
    return " ".join(s.replace("’", "'").casefold().split())


def _is_acronym(form: str) -> bool:
    letters = [c for c in form if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _trie_regex(forms: list[str]) -> str:
    """One regex matching any of ``forms`` (longest first at each branch), built over a character trie.

    A space in a form matches any run of white space or hyphens, an apostrophe also the curly one.
    """
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in " ".join(form.split()):
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a form

    def atom(ch: str) -> str:
        if ch == " ":
            return r"[\s-]+"  # "Southern Kuril-Islands" as written in some copy
        if ch in "'’":
            return "['’]"
        return re.escape(ch)

    def build(node: dict) -> str:
        branches = []
        # Longer continuations first: the regex takes the first branch that matches, so "Kyodo News" beats "Kyodo".
        for ch in sorted((c for c in node if c), key=lambda c: (-_depth(node[c]), c)):
            branches.append(atom(ch) + build(node[ch]))
        if "" in node:
            branches.append("")
        if not branches or branches == [""]:
            return ""
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(trie)


def _depth(node: dict) -> int:
    return 1 + max((_depth(child) for ch, child in node.items() if ch), default=0)


def _read_toml(path: Path | Any, what: str) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise AliasFileError(f"{what} {path} does not exist; pass an existing TOML file or leave it out") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AliasFileError(f"{what} {path} is not valid TOML ({exc}); see presswatch/data/aliases.toml") from exc


def _entries(data: dict[str, Any], source: str) -> list[GazetteerEntry]:
    out: list[GazetteerEntry] = []
    for section, default_type in (("entity", None), ("outlet", "OUTLET")):
        for i, item in enumerate(data.get(section, [])):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise AliasFileError(f'{source}: [[{section}]] number {i + 1} has no name; write name = "..."')
            type_ = default_type or str(item.get("type", "ORG")).upper()
            aliases = item.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise AliasFileError(f"{source}: aliases of {item['name']!r} must be a list of strings")
            roles = _roles(item.get("roles", []), f"{source}: roles of {item['name']!r}")
            out.append(GazetteerEntry(item["name"], type_, tuple(aliases), item.get("country"), roles))
    return out


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _roles(items: Any, where: str) -> tuple[RoleSpan, ...]:
    """``roles = [{ role = "President", affiliation = "Russia", from = "2012-05-07" }, ...]``, validated."""
    if not isinstance(items, list):
        raise AliasFileError(f"{where} must be a list of {{ role = ..., affiliation = ..., from = ..., to = ... }}")
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("role"), str):
            raise AliasFileError(f'{where}: each role needs role = "..." (got {item!r})')
        dates = []
        for bound in ("from", "to"):
            value = item.get(bound)
            if value is not None:
                value = str(value)  # TOML dates arrive as datetime.date
                if not _ISO_DAY.fullmatch(value):
                    raise AliasFileError(f"{where}: {bound} = {value!r} is not a date; write YYYY-MM-DD")
            dates.append(value)
        affiliation = item.get("affiliation")
        out.append(RoleSpan(item["role"], str(affiliation) if affiliation else None, dates[0], dates[1]))
    return tuple(out)


_CACHE: dict[tuple[str | None, float], Gazetteer] = {}


def load_gazetteer(alias_file: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The packaged gazetteer plus the user's alias file, compiled once per process (reloaded when the file changes)."""
    path = Path(alias_file) if alias_file else None
    mtime = path.stat().st_mtime if path is not None and path.exists() else 0.0
    key = (str(path) if path else None, mtime)
    gaz = _CACHE.get(key)
    if gaz is not None:
        return gaz
    pkg = resources.files("presswatch") / "data"
    default = _read_toml(pkg / "aliases.toml", "packaged alias file")
    countries = _read_toml(pkg / "countries.toml", "packaged country file")
    entries = {e.name: e for e in _entries(default, "aliases.toml")}
    demonyms: dict[str, str] = {}
    for c in countries.get("country", []):
        entries[c["name"]] = GazetteerEntry(c["name"], "GPE", tuple(c.get("aliases", [])))
        for d in c.get("demonyms", []):
            demonyms[d] = c["name"]
    if path is not None:
        user = _read_toml(path, "alias file")
        for e in _entries(user, str(path)):
            entries[e.name] = e
    cities = {str(k): str(v) for k, v in countries.get("city", {}).items()}
    gaz = Gazetteer(list(entries.values()), demonyms, cities)
    _CACHE[key] = gaz
    return gaz
