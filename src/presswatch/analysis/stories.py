"""Stories: articles about the same story across outlets and days, clustered.

An article is described by a weighted set of features: its prominent entities (keys; see ``_entity_weights``) and the
content terms of its title and lead; a feature no other article has is left out of the vectors. Two articles are
candidates when they share one of each other's rarest features (an inverted index with
a document-frequency cap, i.e. blocking), and are linked when their IDF-weighted cosine is high enough and their
dates lie within the window. Links are taken strongest first, and a link joins the two stories its articles are in
only when those stories are close as wholes: the average cosine over all pairs of their articles must reach
``merge_average`` (average link, computed from the stories' summed unit vectors), or the lower ``join_average`` when
one of them is a single article. Single link alone chained neighbouring stories together through one article that
touched both (Tillerson in Tokyo -> the Japan-Russia talks in Tokyo); the average keeps them apart while a story still
grows across days beyond the window. Two stories that have each grown from several articles are the risk (the CBO
score of the health bill and the bill pulled a week later share every name), so they need the higher average; a
single article, already linked above the threshold to one of the story's articles, only needs not to be far from the
rest of it, which lets a big story gather its stragglers.
Copies are counted once. A near-duplicate found at ingest (``Article.duplicate_of``) joins its original's story.
Within a story, an article whose text lies mostly inside a longer one's (``copy_containment`` of its word shingles:
an edited wire copy, with a paragraph cut or added, whose Jaccard similarity stays below the near-duplicate
threshold), or a rewritten copy of it (most of its sentences and its lead found in the longer text: an outlet's own
lead on a wire story, paragraphs reworded; see ``copies_within``) is listed as that article's copy. This is decided
here, not at ingest: the story gives the few candidates to compare exactly, no article is hidden from search,
timelines or claims, and the stories page, the story API and the digests, which all show stories, all count it once.

The cost is near-linear: each article looks up a bounded number of postings lists, each capped in length; a merge
adds the smaller story's vector to the larger's (each feature moves O(log n) times), and the average between two
stories is a dot product over the smaller one's features.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import islice
from typing import Any

import numpy as np

from presswatch.analysis.text import content_stems
from presswatch.analysis.unionfind import UnionFind
from presswatch.dedup import DEFAULT_MIN_WORDS, MinHasher, containment
from presswatch.models import Article, EnrichedArticle

STORIES = "stories"

_ENTITY_SKIP = {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "OUTLET"}
_SHINGLE_BATCH = 256  # texts whose shingles are hashed in one numpy pass
_PROBE_EVERY = 4  # one shingle in this many is indexed to find candidate originals of a copy
_MIN_PROBES = 8  # with fewer usable indexed shingles, a text is compared with every original of its story
_MAX_HOLDERS = 50  # an indexed shingle of more originals is a stock phrase ("said on Monday"): it elects no one
_REWRITE_VOTES = 0.4  # a rewritten copy is looked for among originals that hold about this share of its shingles
_SENTENCE_FOUND = 0.5  # a sentence is found in another text when this share of its (normalised) shingles is there
_LEAD_SENTENCES = 2  # the lead, for ``copy_lead``
_MIN_SENTENCE_WORDS = 4  # shorter "sentences" (a dateline, "MOSCOW, March 2.", a caption) are not scored
# a sentence ends at . ! or ? (and a closing quote) before white space and a capital or an opening quote
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019]?\s+(?=[\"'\u201c\u2018]?[A-Z])")
_INITIALISM = re.compile(r"\b(\w)\.(?=\w\.)")  # "u.s." -> "us."
_WORD = re.compile(r"[^\W_]+")


@dataclass(slots=True, frozen=True)
class StoryOptions:
    window_days: int = 7  # two articles more than this apart in time are not linked directly
    threshold: float = 0.2  # cosine (IDF-weighted features) at which two articles are about the same story
    # two stories of several articles each join only when the average cosine of their articles reaches this;
    # articles without enrichment (title and lead words only: sparser vectors, lower cosines) need
    # ``merge_average_words``; a single article joins a story it links to when its average reaches ``join_average``
    merge_average: float = 0.21
    merge_average_words: float = 0.14
    join_average: float = 0.08
    lead_chars: int = 600  # how much of the body, after the title, describes the article
    probe_features: int = 24  # each article looks up this many of its rarest features (8 missed half the links)
    max_postings: int = 400  # a feature in more articles than this is too common to block on
    copy_containment: float = 0.8  # share of an article's word shingles inside a longer one of its story: a copy
    copy_min_shingles: int = DEFAULT_MIN_WORDS  # a shorter text is never judged a copy (a placeholder, a caption)
    # a rewritten copy (an outlet's edit of a wire story: its own lead, paragraphs cut, added or reworded): this share
    # of the words of a text's sentences is found in a longer text of its story (see ``SentenceProfile``) ...
    copy_sentences: float = 0.65  # (above 1: no rewritten copies)
    copy_lead: float = 0.5  # ... and this share of its lead, i.e. it reports the same news, not news put over it ...
    copy_days: int = 2  # ... and the two are published within this many days of each other


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    title: str
    day: int | None  # days since 1970-01-01, for the window
    published: str | None
    outlet: str | None
    features: dict[str, float]  # feature -> weight before IDF (entities count more than words)
    duplicate_of: str | None = None
    name_words: frozenset[str] = frozenset()  # word features that spell one of its entities' names ("w:dalsk")
    shingles: np.ndarray | None = None  # its text's word shingles (``MinHasher.shingle_sets``), to find copies
    sentences: SentenceProfile | None = None  # its sentences' shingles, to find rewritten copies


@dataclass(slots=True)
class SentenceProfile:
    """A text's sentences as shingles of normalised words (lower case, punctuation dropped, "U.S." = "US"), so that
    a lightly edited sentence ("Kim Jong Nam" / "Kim Jong-nam") still matches: the hash of every shingle in order,
    the sentence of each, and each sentence's number of words. Sentences of fewer than ``_MIN_SENTENCE_WORDS`` words
    are left out."""

    hashes: np.ndarray  # uint32, one per shingle
    sentence: np.ndarray  # int32, the sentence index of each shingle (ascending)
    words: np.ndarray  # int64, words per sentence
    _set: np.ndarray | None = None

    def shingle_set(self) -> np.ndarray:
        if self._set is None:
            self._set = np.unique(self.hashes)
        return self._set

    def found_in(self, other: SentenceProfile) -> tuple[float, float]:
        """The share of this text's words in sentences found in the other text, over all of it and over its lead."""
        total = int(self.words.sum())
        if not total:
            return 0.0, 0.0
        n = len(self.words)
        held = np.isin(self.hashes, other.shingle_set(), assume_unique=False).astype(np.float64)
        counts = np.bincount(self.sentence, minlength=n)
        found = np.bincount(self.sentence, weights=held, minlength=n) >= _SENTENCE_FOUND * np.maximum(counts, 1)
        lead = self.words[:_LEAD_SENTENCES]
        return float(self.words[found].sum()) / total, float(lead[found[:_LEAD_SENTENCES]].sum()) / int(lead.sum())


def _sentences(text: str) -> list[str]:
    """The text's sentences as normalised words joined by spaces (those of at least ``_MIN_SENTENCE_WORDS``)."""
    out = []
    for raw in _SENTENCE_END.split(text):
        words = _WORD.findall(_INITIALISM.sub(r"\1", raw.lower()))
        if len(words) >= _MIN_SENTENCE_WORDS:
            out.append(" ".join(words))
    return out


def sentence_profiles(hasher: MinHasher, texts: list[str]) -> list[SentenceProfile]:
    """The ``SentenceProfile`` of each text, hashed in one pass."""
    per_text = [_sentences(t) for t in texts]
    flat = [s for sents in per_text for s in sents]
    hashes, sentence, words = hasher.shingle_hashes(flat)
    starts = np.cumsum([0] + [len(sents) for sents in per_text])
    bounds = np.searchsorted(sentence, starts)
    return [
        SentenceProfile(
            hashes[bounds[i] : bounds[i + 1]],
            (sentence[bounds[i] : bounds[i + 1]] - starts[i]).astype(np.int32),
            words[starts[i] : starts[i + 1]],
        )
        for i in range(len(texts))
    ]


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
    """The feature set of one article: title/lead stems (1, or 2 in the title) and its prominent entities (below)."""
    feats: dict[str, float] = {}
    lead_end = options.lead_chars
    title_stems = set(content_stems(article.title))
    for s in content_stems(article.text[:lead_end]):
        if len(s) > 2 and not s.isdigit():
            feats[f"w:{s}"] = max(feats.get(f"w:{s}", 0.0), 1.0)
    for s in title_stems:
        if len(s) > 2 and not s.isdigit():
            feats[f"w:{s}"] = 2.0
    name_words: frozenset[str] = frozenset()
    if enriched is not None:
        weights, names = _entity_weights(article, enriched, lead_end)
        feats.update((f"e:{key}", weight) for key, weight in weights.items())
        name_words = frozenset(f"w:{s}" for name in names for s in content_stems(name)) & feats.keys()
    return ArticleFeatures(
        id=article.id,
        title=article.title,
        day=_day(article.published),
        published=(article.published or "")[:10] or None,
        outlet=article.outlet,
        features=feats,
        duplicate_of=article.duplicate_of,
        name_words=name_words,
    )


def _entity_weights(article: Article, enriched: EnrichedArticle, lead_end: int) -> tuple[dict[str, float], set[str]]:
    """Entity key -> weight, and the names they go by. Weight 3 when named in the title, 2 when named in the lead or
    at least twice in the text.
    An entity named once further down is left out: a long article names dozens in passing, and they hid the names
    of its story (an analysis of the health care vote shared little beyond them with the news of the vote)."""
    title_lower = article.title.lower()
    counts: Counter[str] = Counter()
    weights: dict[str, float] = {}
    names: dict[str, set[str]] = defaultdict(set)
    for m in enriched.mentions:
        if m.type in _ENTITY_SKIP:
            continue
        key = m.entity or f"{m.type.lower()}:{m.text.lower()}"
        counts[key] += 1
        names[key].add(m.text)
        if m.text.lower() in title_lower:
            weights[key] = 3.0
        elif m.start < lead_end:
            weights.setdefault(key, 2.0)
    weights.update((key, 2.0) for key, n in counts.items() if n > 1 and key not in weights)
    return weights, {name for key in weights for name in names[key]}


def _cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float, names: frozenset[str]) -> float:
    """Cosine of two IDF-weighted feature vectors (given as already weighted dicts with their norms); 0 unless they
    share two things: one shared name ("Russia") is not a story, and a name is one thing even when it is shared as
    an entity and as the words that spell it (``names``)."""
    if len(a) > len(b):
        a, b = b, a
    shared = [k for k in a if k in b]
    if sum(k not in names for k in shared) < 2:
        return 0.0
    return sum(a[k] * b[k] for k in shared) / (norm_a * norm_b or 1.0)


Link = tuple[float, int, int]  # cosine, index, index


def _links(docs: list[ArticleFeatures], options: StoryOptions) -> tuple[list[dict[str, float]], list[Link]]:
    """The articles' unit vectors and their links (cosine >= threshold, within the window), strongest first."""
    n = len(docs)
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.features.keys())
    idf = {k: math.log(1 + n / c) for k, c in df.items()}
    # a feature of one article only cannot make two articles alike; it would only lengthen that article's vector
    vectors = [{k: w * idf[k] for k, w in d.features.items() if df[k] > 1} for d in docs]
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
    links: list[Link] = []
    seen: set[tuple[int, int]] = set()
    for i, d in enumerate(docs):
        for k in probes[i]:
            for j in postings[k]:
                if j <= i or (i, j) in seen:
                    continue
                seen.add((i, j))
                other = docs[j]
                if d.day is not None and other.day is not None and abs(d.day - other.day) > options.window_days:
                    continue
                sim = _cosine(vectors[i], vectors[j], norms[i], norms[j], d.name_words | other.name_words)
                if sim >= options.threshold:
                    links.append((sim, i, j))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    units = [{k: x / (norm or 1.0) for k, x in v.items()} for v, norm in zip(vectors, norms, strict=True)]
    return units, links


class _AverageLink:
    """Stories under construction: a union-find plus, per story, the sum of its articles' unit vectors, so that the
    average cosine over all pairs of two stories' articles is one dot product of their sums."""

    def __init__(self, units: list[dict[str, float]]) -> None:
        self.sets = UnionFind(len(units))
        self.sums = dict(enumerate(units))
        self.refused: set[tuple[int, int, int, int]] = set()  # (root, root, size, size): a story only grows

    def join_if_close(self, i: int, j: int, minimum: float, join: float) -> None:
        """Join the stories of i and j when the average cosine of their articles reaches ``minimum``, or ``join``
        when one of them is a single article."""
        ri, rj = self.sets.find(i), self.sets.find(j)
        if ri == rj:
            return
        ni, nj = self.sets.size[ri], self.sets.size[rj]
        key = (ri, rj, ni, nj)
        if key in self.refused:
            return
        a, b = self.sums[ri], self.sums[rj]
        if len(a) > len(b):
            a, b = b, a
        if sum(x * b[k] for k, x in a.items() if k in b) / (ni * nj) < (join if min(ni, nj) == 1 else minimum):
            self.refused.add(key)
            return
        self.sets.union(ri, rj)
        root = self.sets.find(ri)
        merged, added = self.sums[root], self.sums.pop(rj if root == ri else ri)
        if len(merged) < len(added):  # add the smaller vector into the larger one
            merged, added = added, merged
            self.sums[root] = merged
        for k, x in added.items():
            merged[k] = merged.get(k, 0.0) + x


def cluster(docs: list[ArticleFeatures], options: StoryOptions = StoryOptions()) -> list[list[int]]:
    """Clusters of indexes into ``docs`` (copies excluded; see ``cluster_stories`` for them)."""
    units, links = _links(docs, options)
    stories = _AverageLink(units)
    enriched = any(k.startswith("e:") for d in docs for k in d.features)
    minimum = options.merge_average if enriched else options.merge_average_words
    for _, i, j in links:
        stories.join_if_close(i, j, minimum, options.join_average)
    return stories.sets.groups()


def _described(
    items: Iterable[tuple[Article, EnrichedArticle | None]], options: StoryOptions
) -> Iterator[ArticleFeatures]:
    """The features of each article, with the shingles of the originals' texts (copies from ingest need none)."""
    hasher = MinHasher()
    it = iter(items)
    while chunk := list(islice(it, _SHINGLE_BATCH)):
        feats = [describe(article, enriched, options) for article, enriched in chunk]
        originals = [(f, article.text) for f, (article, _) in zip(feats, chunk, strict=True) if not f.duplicate_of]
        sets = hasher.shingle_sets([text for _, text in originals])
        profiles = sentence_profiles(hasher, [text for _, text in originals])
        for (f, _), shingles, profile in zip(originals, sets, profiles, strict=True):
            f.shingles = shingles
            f.sentences = profile
        yield from feats


def copies_within(members: list[ArticleFeatures], options: StoryOptions = StoryOptions()) -> dict[str, str]:
    """Copy id -> original id among the articles of one story. An article is a copy of a longer one when

    - ``copy_containment`` of its shingles are inside the longer one's (an edited wire copy, a paragraph cut or
      added), or
    - it is a rewritten copy: ``copy_sentences`` of its words are in sentences found in the longer text (half a
      sentence's normalised shingles there), ``copy_lead`` of its first two sentences too, and the two appeared
      within ``copy_days`` of each other. An outlet that rewrites a wire story puts its own lead on it and cuts,
      adds or rewords paragraphs, so its shingles fall well below the containment of an edit, while most of its
      sentences are still the wire's; an article that reports new news over an earlier text (a follow-up that
      repeats the background, a live page updated with the results) has a new lead, and is not a copy.

    It is a copy of the one that holds most of it. The longest texts are originals first (then the earliest, then
    the smallest id), so a copy always points to an original and no chain forms.

    Candidates come from an index of about one shingle in four (the same ones in every text, by hash value), so a
    story of thousands of articles is not compared pair by pair; containment is then computed exactly."""
    judged = [
        (d, d.shingles) for d in members if d.shingles is not None and len(d.shingles) >= options.copy_min_shingles
    ]
    judged.sort(key=lambda pair: (-len(pair[1]), pair[0].published or "", pair[0].id))
    originals: list[tuple[ArticleFeatures, np.ndarray]] = []
    holders: dict[int, list[int]] = defaultdict(list)  # sampled shingle -> indexes of the originals with it
    copies: dict[str, str] = {}
    for d, shingles in judged:
        probes = shingles[shingles % _PROBE_EVERY == 0].tolist()
        best: tuple[float, str] | None = None
        for o in _copy_candidates(probes, holders, len(originals), options.copy_containment):
            share = containment(shingles, originals[o][1])
            if share >= options.copy_containment and (best is None or share > best[0]):
                best = (share, originals[o][0].id)
        if best is None and d.sentences is not None and options.copy_sentences <= 1.0:
            for o in _copy_candidates(probes, holders, len(originals), _REWRITE_VOTES):
                original = originals[o][0]
                if original.sentences is None or not _near_in_time(d, original, options.copy_days):
                    continue
                share, lead = d.sentences.found_in(original.sentences)
                if share >= options.copy_sentences and lead >= options.copy_lead and (best is None or share > best[0]):
                    best = (share, original.id)
        if best is not None:
            copies[d.id] = best[1]
            continue
        for h in probes:
            holders[h].append(len(originals))
        originals.append((d, shingles))
    return copies


def _near_in_time(a: ArticleFeatures, b: ArticleFeatures, days: int) -> bool:
    """Published within ``days`` of each other (or either date unknown)."""
    return a.day is None or b.day is None or abs(a.day - b.day) <= days


def _copy_candidates(probes: list[int], holders: dict[int, list[int]], n: int, threshold: float) -> Iterable[int]:
    """The originals that hold at least half the expected share of the text's usable indexed shingles."""
    usable = [h for h in probes if len(holders.get(h, ())) <= _MAX_HOLDERS]
    if len(usable) < _MIN_PROBES:
        return range(n)
    votes = Counter(o for h in usable for o in holders.get(h, ()))
    return [o for o, v in votes.items() if v >= threshold * len(usable) / 2]


def cluster_stories(
    items: Iterable[tuple[Article, EnrichedArticle | None]], options: StoryOptions = StoryOptions()
) -> list[Story]:
    """Stories among the given articles, biggest first; a story of one article is a story too."""
    originals: list[ArticleFeatures] = []
    copies: list[ArticleFeatures] = []
    for feats in _described(items, options):
        (copies if feats.duplicate_of else originals).append(feats)
    index = {d.id: i for i, d in enumerate(originals)}
    clusters = cluster(originals, options)
    copy_map: dict[int, dict[str, str]] = defaultdict(dict)
    story_of: dict[int, int] = {}
    for s, members in enumerate(clusters):
        for i in members:
            story_of[i] = s
        if len(members) > 1:
            copy_map[s].update(copies_within([originals[i] for i in members], options))
    orphans: list[ArticleFeatures] = []
    for c in copies:
        i = index.get(c.duplicate_of or "")
        if i is None:  # the original is not in this set (other date range): the copy stands for it
            orphans.append(c)
        else:
            copy_map[story_of[i]][c.id] = c.duplicate_of or ""
    stories = [
        _make_story([originals[i] for i in members if originals[i].id not in copy_map[s]], copy_map[s])
        for s, members in enumerate(clusters)
    ]
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
