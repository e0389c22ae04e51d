"""Stories: articles about the same story across outlets and days, clustered.

An article is described by a weighted set of features: the entities it mentions (keys) and the content terms of its
title and lead. Two articles are candidates when they share one of each other's rarest features (an inverted index with
a document-frequency cap, i.e. blocking), and are linked when their IDF-weighted cosine is high enough and their
dates lie within the window. Linked articles form a story (connected components: single link, so a long-running story
can chain across more days than the window).
Near-duplicates (``Article.duplicate_of``: syndicated and translated copies) join their original's story and are
counted once.

The cost is near-linear: each article looks up a bounded number of postings lists, each capped in length.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from presswatch.analysis.text import content_stems
from presswatch.analysis.unionfind import UnionFind
from presswatch.models import Article, EnrichedArticle

STORIES = "stories"

_ENTITY_SKIP = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "OUTLET"}


@dataclass(slots=True, frozen=True)
class StoryOptions:
    window_days: int = 4  # two articles more than this apart in time are not linked directly
    threshold: float = 0.2  # cosine (IDF-weighted features) at which two articles are about the same story
    lead_chars: int = 600  # how much of the body, after the title, describes the article
    probe_features: int = 8  # each article looks up this many of its rarest features
    max_postings: int = 400  # a feature in more articles than this is too common to block on


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    title: str
    day: int | None  # days since 1970-01-01, for the window
    published: str | None
    outlet: str | None
    features: dict[str, float]  # feature -> weight before IDF (entities count more than words)
    duplicate_of: str | None = None


@dataclass(slots=True)
class Story:
    id: str
    title: str
    articles: list[str]  # distinct articles, originals only (copies listed in ``copies``)
    copies: dict[str, str] = field(default_factory=dict)  # copy id -> original id
    outlets: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    entities: list[str] = field(default_factory=list)  # most shared entity keys
    terms: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.articles)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": self.articles,
            "copies": self.copies,
            "outlets": self.outlets,
            "first": self.first,
            "last": self.last,
            "entities": self.entities,
            "terms": self.terms,
            "size": self.size,
        }


def _day(published: str | None) -> int | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def describe(
    article: Article, enriched: EnrichedArticle | None, options: StoryOptions = StoryOptions()
) -> ArticleFeatures:
    """The feature set of one article: entity keys (weight 2, or 3 in the title) and title/lead stems (1, or 2)."""
    feats: dict[str, float] = {}
    lead_end = options.lead_chars
    title_stems = set(content_stems(article.title))
    for s in content_stems(article.text[:lead_end]):
        if len(s) > 2 and not s.isdigit():
            feats[f"w:{s}"] = max(feats.get(f"w:{s}", 0.0), 1.0)
    for s in title_stems:
        if len(s) > 2 and not s.isdigit():
            feats[f"w:{s}"] = 2.0
    if enriched is not None:
        title_lower = article.title.lower()
        for m in enriched.mentions:
            if m.type in _ENTITY_SKIP:
                continue
            key = m.entity or f"{m.type.lower()}:{m.text.lower()}"
            weight = 3.0 if m.text.lower() in title_lower else 2.0
            feats[f"e:{key}"] = max(feats.get(f"e:{key}", 0.0), weight)
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        day=_day(article.published),
        published=(article.published or "")[:10] or None,
        outlet=article.outlet,
        features=feats,
        duplicate_of=article.duplicate_of,
    )


def _cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float) -> float:
    """Cosine of two IDF-weighted feature vectors (given as already weighted dicts with their norms)."""
    if len(a) > len(b):
        a, b = b, a
    shared = [k for k in a if k in b]
    if len(shared) < 2:  # one shared name ("Russia") is not a story
        return 0.0
    return sum(a[k] * b[k] for k in shared) / (norm_a * norm_b or 1.0)


def cluster(docs: list[ArticleFeatures], options: StoryOptions = StoryOptions()) -> list[list[int]]:
    """Clusters of indexes into ``docs`` (copies excluded; see ``cluster_stories`` for them)."""
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.features.keys())
    idf = {k: math.log(1 + n / c) for k, c in df.items()}
    vectors = [{k: w * idf[k] for k, w in d.features.items()} for d in docs]
    norms = [math.sqrt(sum(x * x for x in v.values())) for v in vectors]
    postings: dict[str, list[int]] = defaultdict(list)
    probes: list[list[str]] = []
    for i, d in enumerate(docs):
        usable = [k for k in d.features if 2 <= df[k] <= options.max_postings]
        usable.sort(key=lambda k: (df[k], k))
        probe = usable[: options.probe_features]
        probes.append(probe)
        for k in probe:
            postings[k].append(i)
    uf = UnionFind(n)
    seen: set[tuple[int, int]] = set()
    for i, d in enumerate(docs):
        for k in probes[i]:
            for j in postings[k]:
                if j <= i:
                    continue
                pair = (i, j)
                if pair in seen:
                    continue
                seen.add(pair)
                other = docs[j]
                if d.day is not None and other.day is not None and abs(d.day - other.day) > options.window_days:
                    continue
                if _cosine(vectors[i], vectors[j], norms[i], norms[j]) >= options.threshold:
                    uf.union(i, j)
    return uf.groups()


def cluster_stories(
    items: Iterable[tuple[Article, EnrichedArticle | None]], options: StoryOptions = StoryOptions()
) -> list[Story]:
    """Stories among the given articles, biggest first; a story of one article is a story too."""
    originals: list[ArticleFeatures] = []
    copies: list[ArticleFeatures] = []
    for article, enriched in items:
        feats = describe(article, enriched, options)
        (copies if article.duplicate_of else originals).append(feats)
    index = {d.id: i for i, d in enumerate(originals)}
    clusters = cluster(originals, options)
    story_of: dict[int, int] = {}
    for s, members in enumerate(clusters):
        for i in members:
            story_of[i] = s
    copy_map: dict[int, dict[str, str]] = defaultdict(dict)
    orphans: list[ArticleFeatures] = []
    for c in copies:
        i = index.get(c.duplicate_of or "")
        if i is None:  # the original is not in this set (other date range): the copy stands for it
            orphans.append(c)
        else:
            copy_map[story_of[i]][c.id] = c.duplicate_of or ""
    stories = [_make_story([originals[i] for i in members], copy_map.get(s, {})) for s, members in enumerate(clusters)]
    # copies whose original is elsewhere: one story per original, the copies counted once
    by_original: dict[str, list[ArticleFeatures]] = defaultdict(list)
    for c in orphans:
        by_original[c.duplicate_of or c.id].append(c)
    for group in by_original.values():
        head, rest = group[0], group[1:]
        stories.append(_make_story([head], {r.id: head.id for r in rest}))
    stories.sort(key=lambda s: (-s.size, s.last or "", s.id))
    return stories


def _make_story(members: list[ArticleFeatures], copies: dict[str, str]) -> Story:
    members = sorted(members, key=lambda d: (d.published or "", d.id))
    ents: Counter[str] = Counter()
    terms: Counter[str] = Counter()
    for d in members:
        ents.update(k[2:] for k in d.features if k.startswith("e:"))
        terms.update(k[2:] for k in d.features if k.startswith("w:"))
    # the title that shares most features with the rest names the story best
    central = max(members, key=lambda d: (sum(ents[k[2:]] + terms[k[2:]] for k in d.features), -len(d.title)))
    dates = [d.published for d in members if d.published]
    ids = [d.id for d in members]
    return Story(
        id="s:" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:12],
        title=central.title,
        articles=ids,
        copies=copies,
        outlets=sorted({d.outlet for d in members if d.outlet}),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        entities=[k for k, _ in ents.most_common(5)],
        terms=[k for k, c in terms.most_common(8) if c > 1 or len(members) == 1][:5],
    )


def build_stories(
    store: Any, *, since: str | None = None, until: str | None = None, options: StoryOptions = StoryOptions()
) -> list[Story]:
    """Cluster the stored articles of the date range into stories and persist them (records of kind "stories")."""
    stories = cluster_stories(store.iter_enriched(since=since, until=until), options)
    write = store.put_records if (since or until) else store.replace_records
    write(STORIES, ((s.id, s.to_record()) for s in stories))
    return stories
