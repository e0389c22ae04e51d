"""Entities with identity inside one article: mentions from spaCy NER, the gazetteer and a few phrase rules, typed,
linked to one entity each (Kishida = Foreign Minister Fumio Kishida = Kishida's = him), with roles and affiliations
read from titles and appositions, and stable keys ("person:fumio-kishida").

Everything here works on the already parsed ``Doc``: no second spaCy pass, only regexes over the text and short walks
over the tokens around each mention, so the step costs little next to the parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from presswatch.enrich.aliases import Gazetteer, GazetteerEntry, entity_key
from presswatch.enrich.nlp import DocIndex
from presswatch.models import Entity, Mention

NER_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}

# Words that make up a title before a name. A title is one or more of these ending in a head word; a leading demonym
# ("Russian") gives the affiliation. Lower-case forms are accepted after an apposition comma ("Lavrov, the Russian
# foreign minister,").
_TITLE_MODIFIERS = (
    "Foreign|Prime|Defense|Defence|Finance|Economy|Economic|Trade|Justice|Interior|Home|Deputy|Vice|Chief|Cabinet|"
    "State|Former|Acting|Senior|Education|Health|Environment|Agriculture|Industry|Transport|Land|Internal|Affairs|"
    "Reconstruction|Revitalization|Labor|Labour|Energy|Security|Defense|Communications|Digital|Parliamentary|"
    "Opposition|Party|Executive|General|Assistant|Under|Press|Permanent|Special|Supreme|Military|Army|Navy|Air|Force|"
    "Policy|Research|Council|National|Administrative|Prefectural|Cabinet"
)
_TITLE_HEADS = (
    "Minister|President|Premier|Chancellor|Secretary|Ambassador|Governor|Mayor|Senator|Chairman|Chairwoman|Chair|"
    "Chief|Director|Spokesman|Spokeswoman|Spokesperson|Leader|Commander|Envoy|Representative|Speaker|King|Queen|"
    "Emperor|Empress|Prince|Princess|Pope|Judge|Justice|Officer|Head|Sen\\.|Rep\\.|Gov\\.|Gen\\.|Adm\\.|Col\\.|"
    "Lt\\.|Sgt\\.|Pres\\."
)
_HONORIFICS = r"Mr\.|Ms\.|Mrs\.|Dr\.|Prof\.|Sir|Dame|Lord|Lady|Mr|Ms|Mrs|Dr"
_LEADING_HONORIFIC = re.compile(rf"(?:{_HONORIFICS}|President|Premier|Prime Minister|Minister|Chancellor)\s+")
# Matched against the text just before a PERSON name (hence the \s+$ anchor).
_TITLE_BEFORE = re.compile(
    rf"(?:(?P<dem>[A-Z][a-z]+)\s+)?(?P<title>(?:(?:{_TITLE_MODIFIERS})\s+){{0,4}}(?:{_TITLE_HEADS})|{_HONORIFICS})\s+$"
)
_APPOSITION_AFTER = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?(?:(?P<aff>[A-Z][\w.]+(?:\s[A-Z]\w+)?)(?:['’]s)?\s+)?"
    r"(?P<title>(?:(?:[a-z]+|[A-Z][a-z]+)\s+){0,3}?"
    r"(?:minister|president|premier|chancellor|secretary|ambassador|governor|mayor|senator|chairman|chairwoman|"
    r"spokesman|spokeswoman|spokesperson|leader|commander|envoy|director|chief|official|head|executive|analyst|"
    r"professor|economist|lawmaker|legislator|diplomat))\b"
)
_GOVERNMENT_WORDS = r"government|side|administration|authorities|leadership|delegation|cabinet"
# "The Russian government", "the Japanese side": the country itself, as an actor.
_DEMONYM_GOVERNMENT = re.compile(rf"\b(?:[Tt]he\s+)?(?P<dem>[A-Z][a-z]+)\s+(?:{_GOVERNMENT_WORDS})\b")
# "The Abe administration": the person who heads it.
_LEADER_ADMIN = re.compile(r"\b(?:[Tt]he\s+)?(?P<name>[A-Z][a-z]+)\s+(?:administration|government|cabinet)\b")
_DATELINE = re.compile(r"\s*([A-Z][A-Z.]+(?: [A-Z][A-Z.]+){0,2}),\s")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_PRONOUNS = {"he": "subj", "she": "subj", "him": "obj", "his": "poss", "her": "obj"}
_PRONOUN_RE = re.compile(r"\b(?:[Hh]e|[Ss]he|[Hh]im|[Hh]is|[Hh]er)\b")
# Titles that are posts in a national government: an untyped one in a paper of country X is read as X's.
_STATE_BODY = re.compile(r"\b(?:Ministry|Cabinet Office|Self-Defense Forces|Diet)\b|^Ministry of")
_GOVERNMENT_TITLE = re.compile(r"Minister|Premier|Cabinet Secretary|Ambassador|Secretary|head of government")
# Words that lower-case proper nouns never start with; used to drop leading sentence words from titles.
_NOT_A_NAME = {"the", "a", "an", "however", "but", "and", "meanwhile", "also", "then", "when", "while"}


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    type: str
    name: str  # the name without title/possessive
    entry: GazetteerEntry | None = None  # gazetteer entry when the name is a known one
    role: str | None = None
    affiliation: str | None = None
    key: str | None = None
    pronoun: str | None = None  # subj | obj | poss for pronoun mentions
    extra: dict[str, str] = field(default_factory=dict)


def extract_entities(
    doc, gaz: Gazetteer, *, outlet: str | None = None, published: str | None = None
) -> tuple[list[Mention], list[Entity]]:
    """Mentions and the entities they refer to, in text order. ``outlet`` is the reporting outlet (its country is the
    default affiliation of an unqualified government title, e.g. "Foreign Minister Fumio Kishida" in Sankei);
    ``published`` (ISO date) picks the post a known person held at the time when the text names none."""
    text = DocIndex.of(doc).text  # Doc.text joins every token on each access
    cands = _candidates(doc, text, gaz)
    home = gaz.outlet_country(outlet)
    _fix_types(cands, gaz)
    trust_home = _titles_and_appositions(cands, text, gaz, home)
    _possessives(cands, text)
    _qualified_bodies(cands, text, gaz)
    cands = _drop_swallowed(cands)
    _assign_keys(cands, gaz)
    _pronouns(doc, cands)
    cands.sort(key=lambda c: c.start)
    mentions, entities = _build(cands, text)
    for ent in entities:
        if ent.type == "PERSON":
            _known_post(ent, gaz, published)
        elif ent.type == "GPE" and ent.affiliation is None:
            ent.affiliation = gaz.country_of_city(ent.name)  # a city's country
        elif ent.type == "ORG" and ent.affiliation is None:
            first = ent.name.split()[0] if ent.name else ""
            # "Russian Foreign Ministry" is Russia's; a bare "Foreign Ministry" in a Japanese paper is Japan's.
            state_body = trust_home and _STATE_BODY.search(ent.name)
            ent.affiliation = gaz.country_of_demonym(first) or (home if state_body else None)
    return mentions, entities


def _known_post(ent: Entity, gaz: Gazetteer, published: str | None) -> None:
    """Fill a known person's role and affiliation from the gazetteer's dated posts where the text gives none ("a visit
    by President Vladimir Putin" names no country; "the Abe administration" names no post)."""
    entry = gaz.person(ent.name)
    post = entry.role_on(published) if entry is not None else None
    if post is None:
        return
    if ent.role is None or ent.role == "head of government":
        ent.role = post.role
    if ent.affiliation is None:
        ent.affiliation = post.affiliation


# ---------------------------------------------------------------------------------------------------------- candidates


def _candidates(doc, text: str, gaz: Gazetteer) -> list[_Cand]:
    taken: list[tuple[int, int]] = []  # sorted, non-overlapping spans already claimed
    out: list[_Cand] = []

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(taken, (s, 10**12))
        if i and taken[i - 1][1] > s:
            return False
        return not (i < len(taken) and taken[i][0] < e)

    def claim(c: _Cand) -> None:
        bisect.insort(taken, (c.start, c.end))
        out.append(c)

    # 1. Phrase rules first: "the Russian government" is Russia as a whole, not the NORP "Russian".
    for m in _DEMONYM_GOVERNMENT.finditer(text):
        country = gaz.country_of_demonym(m.group("dem"))
        if country and free(m.start(), m.end()):
            entry = gaz.lookup(country)
            claim(_Cand(m.start(), m.end(), "GPE", country, entry))
    # 1b. A wire-copy dateline in capitals ("TOKYO, March 3 - ..."): a place spaCy does not see in upper case.
    m = _DATELINE.match(text)
    if m:
        place = m.group(1).title()
        entry = gaz.lookup(place)
        if entry is not None and entry.type == "GPE":
            claim(_Cand(m.start(1), m.end(1), "GPE", entry.name, entry))
        elif gaz.country_of_city(place):
            claim(_Cand(m.start(1), m.end(1), "GPE", place))
    # 2. Known names (user aliases, outlets, countries).
    for s, e, entry in gaz.find(text):
        if free(s, e):
            claim(_Cand(s, e, entry.type, entry.name, entry))
    # 3. spaCy's entities, trimmed to one paragraph (a name never spans a blank line) and of a leading "the".
    for ent in doc.ents:
        if ent.label_ not in NER_TYPES:
            continue
        s, e = ent.start_char, ent.end_char
        surface = text[s:e]
        cut = surface.find("\n")
        if cut >= 0:
            e = s + len(surface[:cut].rstrip())
            surface = text[s:e]
        if surface[:4].lower() == "the ":
            s += 4
            surface = surface[4:]
        if surface.endswith(("'s", "’s")):
            e -= 2
            surface = surface[:-2]
        if ent.label_ == "PERSON":
            # "Ms Roche": the honorific is a title, not part of the name (the title rule takes it back into the span).
            h = _LEADING_HONORIFIC.match(surface)
            if h and h.end() < len(surface):
                s += h.end()
                surface = surface[h.end() :]
        if e <= s or not free(s, e):
            continue
        claim(_Cand(s, e, ent.label_, surface, gaz.lookup(surface)))
    # 4. Name propagation: a person named in full is later called by one name ("Lavrov", or "Li" for "Li Wen"),
    #    which spaCy often misses or mistypes. The family name is the last word, or the first when the article never
    #    uses the last word alone (East Asian order).
    full_names = {c.name for c in out if c.type == "PERSON" and len(c.name.split()) == 2}
    short: set[str] = set()
    for name in full_names:
        first, last = name.split()
        if re.search(rf"\b{re.escape(last)}\b(?!\s+[A-Z])", text[text.find(name) + len(name) :]):
            short.add(last)
        elif len(first) <= 5:
            short.add(first)
    if short:
        alone = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(short))) + r")(?![\w-])(?!\s+[A-Z])")
        for m in alone.finditer(text):
            if free(m.start(), m.end()):
                claim(_Cand(m.start(), m.end(), "PERSON", m.group(1)))
    # 5. "The Abe administration" -> Abe: the name spaCy found grows to the whole phrase.
    by_start = {c.start: c for c in out if c.type == "PERSON"}
    for m in _LEADER_ADMIN.finditer(text):
        c = by_start.get(m.start("name"))
        if c is not None and c.end == m.end("name"):
            c.start, c.end = m.start(), m.end()
            c.role, c.extra["admin"] = "head of government", "1"
    return out


def _fix_types(cands: list[_Cand], gaz: Gazetteer) -> None:
    """Outlets are outlets, known names keep their type, and a surname the article uses for a person is a person
    wherever it appears (spaCy often tags "Lavrov" or the possessive "Kishida’s" as ORG)."""
    surnames: set[str] = set()
    family_first: set[str] = set()  # first words of two-word names, for the family-name-first order
    votes: dict[str, dict[str, int]] = {}  # single-word name -> {type: count} over the article's NER mentions
    for c in cands:
        if c.entry is None and " " not in c.name:
            votes.setdefault(c.name, {}).setdefault(c.type, 0)
            votes[c.name][c.type] += 1
    for c in cands:
        if c.entry is not None:
            c.type = c.entry.type
            c.name = c.entry.name
        elif c.type in ("ORG", "GPE", "NORP") and " " not in c.name and gaz.person(c.name) is not None:
            c.type = "PERSON"  # "Putin" or "Trump" tagged as an organisation by the small model
        elif c.type == "PERSON" and " " not in c.name:
            # The small model's usual slips: an acronym ("BAA") or a city ("Glasgow") taken for a person, or a name
            # the article tags as a place or organisation more often than as a person.
            if gaz.country_of_city(c.name):
                c.type = "GPE"
            elif c.name.isupper() and len(c.name) > 1:
                c.type = "ORG"
            elif gaz.person(c.name) is None:  # a known person ("Trump") stays one however the article tags it
                ballot = votes.get(c.name, {})
                best = max(ballot, key=lambda t: ballot[t], default="PERSON")
                if ballot.get(best, 0) > ballot.get("PERSON", 0):
                    c.type = best
        elif c.type == "PERSON":
            parts = c.name.split()
            if len(parts) >= 2:
                surnames.add(parts[-1])
            if len(parts) == 2:
                family_first.add(parts[0])
    for c in cands:
        if c.entry is None and c.type != "PERSON" and c.name in surnames:
            c.type = "PERSON"
        elif c.entry is None and c.type == "ORG" and c.name in family_first:
            # a family name written first ("Wang Jianlin" ... "Wang says"): the small model often tags it ORG
            c.type = "PERSON"


def _titles_and_appositions(cands: list[_Cand], text: str, gaz: Gazetteer, home: str | None) -> bool:
    """Roles and affiliations of people from titles and appositions; True when the outlet's country may be assumed
    for unqualified government posts in this article."""
    for c in cands:
        if c.type != "PERSON" or c.extra.get("admin"):
            continue
        before = text[max(0, c.start - 80) : c.start]
        m = _TITLE_BEFORE.search(before)
        if m and "\n" not in m.group(0):
            title = m.group("title")
            dem = m.group("dem")
            country = gaz.country_of_demonym(dem) if dem else None
            if dem and not country and dem.lower() not in _NOT_A_NAME:
                # A capitalised word that is not a demonym belongs to the title ("Economy Minister").
                title = f"{dem} {title}"
            title = _clean_title(title)
            if title:
                lead = dem is not None and (country is not None or dem.lower() not in _NOT_A_NAME)
                c.start = c.start - len(before) + (m.start("dem") if lead else m.start("title"))
                if not _is_honorific(title):
                    c.role = title
                c.affiliation = country
        after = text[c.end : c.end + 120]
        m2 = _APPOSITION_AFTER.match(after)
        if m2 and c.role is None:
            c.role = _clean_title(m2.group("title"), lower_ok=True)
            aff = m2.group("aff")
            if aff:
                c.affiliation = gaz.country_of_demonym(aff) or (gaz.lookup(aff).name if gaz.lookup(aff) else aff)
    # A paper names its own country's officials without a nationality and qualifies foreign ones ("Foreign Minister
    # Fumio Kishida and Russian Foreign Minister Sergey Lavrov" in Sankei). So an unqualified government title is read
    # as the paper's country only when the article qualifies someone with another country: where nobody is
    # qualified (a TASS story on Japan's foreign minister) the paper's country would be a guess, and none is given.
    foreign = {c.affiliation for c in cands if c.type == "PERSON" and c.affiliation and c.affiliation != home}
    trust_home = home is not None and bool(foreign)
    for c in cands:
        if c.type == "PERSON" and c.role and not c.affiliation and trust_home and _GOVERNMENT_TITLE.search(c.role):
            c.affiliation = home
    return trust_home


# A state body every country has ("Defense Ministry", "Ministry of Commerce", "the justice department"): its name alone
# does not say whose it is, so one key would join Russia's and China's defense ministries across articles.
_GENERIC_BODY = re.compile(
    r"(?:(?P<dem>[A-Z][a-z]+)\s+)?(?P<body>(?:[A-Za-z]+\s+){0,3}(?:[Mm]inistry|[Dd]epartment)|"
    r"(?:Ministry|Department) of (?:[A-Z][a-z]+|and|of|the)(?:\s(?:[A-Z][a-z]+|and|of|the)){0,4})"
)
_POSSESSOR_BEFORE = re.compile(r"(?P<owner>[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})['’]s\s+$")


def _qualified_bodies(cands: list[_Cand], text: str, gaz: Gazetteer) -> None:
    """A generic state body the text gives a country ("Russia's Defense Ministry", "the Russian Defense Ministry",
    "Seoul's defence ministry") is named and keyed with it ("Defense Ministry (Russia)"), as the gazetteer names
    "Ministry of Foreign Affairs (Japan)"; a bare one ("the Defense Ministry") is left as it is."""
    for c in cands:
        if c.type != "ORG" or c.entry is not None:
            continue
        m = _GENERIC_BODY.fullmatch(c.name)
        if m is None:
            continue
        body, dem = m.group("body"), m.group("dem")
        country = gaz.country_of_demonym(dem) if dem else None
        if dem and country is None:
            body = f"{dem} {body}"  # "Defense" in "Defense Ministry" is part of the name
        if country is None:
            before = _POSSESSOR_BEFORE.search(text[max(0, c.start - 40) : c.start])
            if before is not None:
                owner = before.group("owner")
                entry = gaz.lookup(owner)
                country = entry.name if entry is not None and entry.type == "GPE" else gaz.country_of_city(owner)
        if country is None:
            continue
        words = body.split()
        c.name = " ".join(w if w in ("of", "and", "the") else w[:1].upper() + w[1:] for w in words) + f" ({country})"
        c.affiliation = country


def _clean_title(title: str, lower_ok: bool = False) -> str | None:
    words = title.split()
    while words and words[0].lower() in _NOT_A_NAME | {"of", "and"}:
        words = words[1:]
    if not words:
        return None
    out = " ".join(words)
    return out[0].upper() + out[1:] if lower_ok else out


def _is_honorific(title: str) -> bool:
    return re.fullmatch(_HONORIFICS, title) is not None


def _drop_swallowed(cands: list[_Cand]) -> list[_Cand]:
    """Drop mentions a grown person mention now covers ("Russian" inside "Russian Foreign Minister Sergey Lavrov")."""
    people = [(c.start, c.end) for c in cands if c.type == "PERSON"]
    return [c for c in cands if c.type == "PERSON" or not any(s <= c.start and c.end <= e for s, e in people)]


def _possessives(cands: list[_Cand], text: str) -> None:
    """A person's possessive belongs to the mention ("Kishida’s statement" -> mention "Kishida’s")."""
    for c in cands:
        if c.type == "PERSON" and _POSSESSIVE.match(text[c.end : c.end + 2]):
            c.end += 2 if text[c.end + 1 : c.end + 2] == "s" else 1


# ---------------------------------------------------------------------------------------------------------- identity


def _assign_keys(cands: list[_Cand], gaz: Gazetteer) -> None:
    """One key per real-world thing: a surname alone joins the unique full name it ends with; a known person (the
    gazetteer's people) is keyed by their canonical name."""
    full: dict[str, list[str]] = {}  # family name (last word; first word as a fallback) -> full names in the article
    for c in cands:
        if c.type == "PERSON":
            parts = c.name.split()
            if len(parts) >= 2:
                names = full.setdefault(parts[-1], [])
                if c.name not in names:
                    names.append(c.name)
    for c in cands:
        if c.type == "PERSON":
            parts = c.name.split()
            if len(parts) == 2 and parts[0] not in full:
                full.setdefault("first:" + parts[0], [])
                if c.name not in full["first:" + parts[0]]:
                    full["first:" + parts[0]].append(c.name)
    for c in cands:
        if c.type == "PERSON":
            parts = c.name.split()
            if len(parts) == 1:
                matches = full.get(parts[0]) or full.get("first:" + parts[0]) or []
                if len(matches) == 1:
                    c.name = matches[0]
            # The article's own full names first ("Hifumi Abe" ... "Abe"), then the gazetteer's people.
            known = gaz.person(c.name)
            if known is not None:
                c.entry, c.name = known, known.name
            c.key = entity_key("PERSON", c.name)
        elif c.entry is not None:
            c.key = c.entry.key
        else:
            c.key = entity_key(c.type, c.name)


def _pronouns(doc, cands: list[_Cand]) -> None:
    """Resolve he/him/his/she/her to a person of the article, when the context makes it clear enough.

    A subject pronoun at a sentence start is the subject of the previous sentence when that is a person (the usual
    "X said ... . He added ..."); "X said that he ..." is X; otherwise the nearest preceding person (this sentence or
    the one before) who is not the subject of the pronoun's own clause ("Lavrov contradicted him" -> not Lavrov).
    """
    persons = sorted((c for c in cands if c.type == "PERSON" and c.key), key=lambda c: c.start)
    if not persons:
        return
    index = DocIndex.of(doc)
    text = index.text
    starts = [c.start for c in persons]
    taken = {(c.start, c.end) for c in cands}
    subj_of_sentence: dict[int, str] = {}  # sentence number -> key of its person subject
    for c in persons:
        span = doc.char_span(c.start, c.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass")):
            subj_of_sentence.setdefault(index.sentence_of(root.i), c.key)
    new: list[_Cand] = []
    for m in _PRONOUN_RE.finditer(text):
        i_tok = index.token_at(m.start())
        if i_tok is None or index.idx[i_tok] != m.start() or (m.start(), m.end()) in taken:
            continue
        tok = doc[i_tok]
        kind = _PRONOUNS[m.group(0).lower()]
        if tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
            continue
        n_sent = index.sentence_of(i_tok)
        sent_start, _ = index.sentence_tokens(n_sent)
        key: str | None = None
        if kind == "subj" and i_tok == sent_start and n_sent > 0:
            key = subj_of_sentence.get(n_sent - 1)
        if key is None and kind == "subj" and tok.head.dep_ in ("ccomp", "xcomp", "advcl", "conj"):
            # "Arakawa said that he ...": the subject of the clause that governs the pronoun's clause.
            for child in tok.head.head.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.i < i_tok:
                    key = _person_at(persons, starts, child.idx)
        if key is None:
            # The clause subject (for "him"/"her" objects) cannot be the pronoun's referent.
            clause_subj = None
            for child in tok.head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    clause_subj = child.idx
            i = bisect.bisect_left(starts, m.start()) - 1
            lo = index.idx[index.sent_starts[max(0, n_sent - 1)]]
            while i >= 0 and persons[i].start >= lo:
                p = persons[i]
                if clause_subj is not None and kind != "subj" and p.start <= clause_subj < p.end:
                    i -= 1
                    continue
                key = p.key
                break
        if key is not None:
            new.append(_Cand(m.start(), m.end(), "PERSON", m.group(0), key=key, pronoun=kind))
    cands.extend(new)


def _person_at(persons: list[_Cand], starts: list[int], char: int) -> str | None:
    i = bisect.bisect_right(starts, char) - 1
    if i >= 0 and persons[i].start <= char < persons[i].end:
        return persons[i].key
    return None


# ---------------------------------------------------------------------------------------------------------- records


def _build(cands: list[_Cand], text: str) -> tuple[list[Mention], list[Entity]]:
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    for c in cands:
        idx = len(mentions)
        mentions.append(Mention(c.start, c.end, text[c.start : c.end], c.type, c.key))
        ent = entities.get(c.key or "")
        if ent is None:
            ent = Entity(key=c.key or "", name=c.name, type=c.type)
            entities[ent.key] = ent
        if c.pronoun is None:
            # The fullest form seen names the entity; the first role/affiliation seen is kept.
            if c.type == "PERSON" and len(c.name) > len(ent.name):
                ent.name = c.name
            surface = text[c.start : c.end]
            if surface != ent.name and surface not in ent.aliases:
                ent.aliases.append(surface)
        if c.role and (ent.role is None or ent.role == "head of government"):
            ent.role = c.role
        if c.affiliation and ent.affiliation is None:
            ent.affiliation = c.affiliation
        ent.mentions.append(idx)
    return mentions, list(entities.values())
