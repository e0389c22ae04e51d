"""The core records of presswatch, shared by every stage of the data flow.

sources -> RawDocument -> layouts -> Article -> enrich -> EnrichedArticle -> store -> analysis (Claim, Conflict, ...)

All records are plain dataclasses: picklable (process pools, Spark executors), convertible to and from JSON-ready dicts
with ``to_dict`` / ``from_dict``. Every extracted thing carries character offsets into ``Article.text`` so the reader
can be shown the evidence highlighted.
"""

from __future__ import annotations

import dataclasses
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def _to_dict(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _to_dict(v) for k, v in obj.items()}
    if isinstance(obj, bytes):
        return None  # raw bytes are never part of the JSON form
    return obj


class Record:
    """Mixin: ``to_dict()`` for JSON, ``from_dict()`` to rebuild (nested records are rebuilt by their field type)."""

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        # The plan (field -> how to rebuild it) is made once per class: pages and analyses rebuild tens of thousands of
        # records, and asking dataclasses.fields() each time cost three quarters of loading an enrichment.
        plan = _PLANS.get(cls) or _make_plan(cls)
        kwargs: dict[str, Any] = {}
        for name, value in data.items():
            how = plan.get(name)
            if how is None:
                continue  # a field this version does not know
            if value is not None and how is not _AS_IS:
                if how is tuple:
                    value = [tuple(v) for v in value] if isinstance(value, list) else value
                elif isinstance(value, list):
                    value = [how.from_dict(v) if isinstance(v, dict) else v for v in value]
                elif isinstance(value, dict):
                    value = how.from_dict(value)
            kwargs[name] = value
        return cls(**kwargs)


_AS_IS = object()
_PLANS: dict[type, dict[str, Any]] = {}


def _make_plan(cls: type) -> dict[str, Any]:
    plan: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        sub = _NESTED.get((cls.__name__, f.name))
        if sub is not None:
            plan[f.name] = sub
        elif f.name.endswith("_spans") or f.name == "sentences":
            plan[f.name] = tuple
        else:
            plan[f.name] = _AS_IS
    _PLANS[cls] = plan
    return plan


# --------------------------------------------------------------------------------------------------------------------
# Ingest


@dataclass(slots=True)
class RawDocument(Record):
    """One unit of input as a source yields it: bytes plus where they came from."""

    data: bytes
    location: str  # file path, URL, "feed-url#entry-id", "file.warc.gz#record-7", "file.csv:row 12", "-" for stdin
    media_type: str | None = None  # "text/html", "text/plain", "application/rss+xml", "application/x-presswatch-record"
    encoding: str | None = None  # declared encoding, if any (HTTP header, XML prolog, WARC header)
    url: str | None = None  # canonical URL when known
    fetched: str | None = None  # ISO timestamp of retrieval when known
    meta: dict[str, Any] = field(default_factory=dict)  # fields known before parsing (feed entry title, CSV columns)


@dataclass(slots=True)
class SourceFailure(Record):
    """An item that could not be read or parsed: reported with where it came from and why; the run goes on."""

    location: str
    reason: str
    stage: str = "source"  # source | layout | enrich | store


@dataclass(slots=True)
class PrintCitation(Record):
    paper: str
    date: str | None = None  # ISO date "2015-10-15"
    page: str | None = None


@dataclass(slots=True)
class Article(Record):
    """A cleaned article. ``text`` is what every offset indexes into; ``paragraph_spans`` are (start, end) in it."""

    title: str
    text: str
    paragraph_spans: list[tuple[int, int]]
    url: str | None = None
    published: str | None = None  # ISO 8601, with offset when known ("2015-10-15T15:00:00+09:00")
    outlet: str | None = None
    author: str | None = None
    kind: str | None = None  # Translation | Summary | Weeklies | Alert | Report | Feed | ...
    print_citation: PrintCitation | None = None
    language: str | None = "en"
    tags: list[str] = field(default_factory=list)
    source: str = ""  # where it came from (RawDocument.location)
    layout: str = ""  # the layout that produced it
    raw: str | None = None  # the raw document text, kept for re-processing (None when too large or not wanted)
    id: str = ""  # stable id: content hash (see content_id); filled in by __post_init__ when empty
    duplicate_of: str | None = None  # near-duplicate: id of the original it is linked to

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.title, self.text)

    @property
    def paragraphs(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraph_spans]


def normalise_for_hash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def content_id(title: str, text: str) -> str:
    """Stable article id: the same title and body (up to case, width and white space) give the same id."""
    h = hashlib.sha256()
    h.update(normalise_for_hash(title).encode())
    h.update(b"\x00")
    h.update(normalise_for_hash(text).encode())
    return h.hexdigest()[:20]


def paragraphs_to_text(paragraphs: list[str], sep: str = "\n\n") -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs into one text and return it with the paragraph spans."""
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    for i, p in enumerate(paragraphs):
        if i:
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(p)))
        parts.append(p)
        pos += len(p)
    return "".join(parts), spans


# --------------------------------------------------------------------------------------------------------------------
# Enrichment (per article, pure)


@dataclass(slots=True)
class Span(Record):
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Mention(Record):
    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | OUTLET | GPE | LOC | NORP | EVENT | ...
    entity: str | None = None  # Entity.key within the article


@dataclass(slots=True)
class Entity(Record):
    """One real-world thing. ``key`` is stable across articles: type prefix + slug of the canonical name."""

    key: str  # e.g. "person:fumio-kishida", "gpe:russia", "outlet:sankei", "loc:northern-territories"
    name: str  # canonical name: "Fumio Kishida"
    type: str
    role: str | None = None  # "Foreign Minister"
    affiliation: str | None = None  # "Japan"
    aliases: list[str] = field(default_factory=list)
    mentions: list[int] = field(default_factory=list)  # indexes into EnrichedArticle.mentions


@dataclass(slots=True)
class Speaker(Record):
    kind: str  # person | organization | anonymous | pronoun | outlet | unknown
    label: str  # how the article names it: "Lavrov", "a government source", "He"
    span: Span | None = None
    entity: str | None = None  # Entity.key when resolved ("person:sergey-lavrov")
    name: str | None = None  # canonical display name: "Sergey Lavrov", "government source"
    role: str | None = None  # "senior official"
    affiliation: str | None = None  # "Foreign Ministry"


@dataclass(slots=True)
class Attribution(Record):
    """Who said what: speaker, cue, content (and more) with offsets into Article.text."""

    id: str  # unique within the article: "q1", "q2", ...
    speaker: Speaker
    cue: Span | None
    content: Span
    form: str  # direct | indirect | mixed
    addressee: Span | None = None
    nested_in: str | None = None  # id of the attribution that reports this one
    time: str | None = None  # resolved date or interval of the statement, when the text gives it
    outlet: str | None = None  # the outlet that reported it (never the speaker)
    paragraph: int = 0


@dataclass(slots=True)
class TimeRef(Record):
    start: int
    end: int
    text: str
    kind: str  # date | month | interval | before | after | duration | vague | year | datetime
    value: str  # ISO value: "2015-10-14", "2015-09", "2015-09-21/2015-09-30", "before 2015-12-31", "P19M", "recent"
    earliest: str | None = None  # ISO date bounds for ordering: the interval the expression denotes
    latest: str | None = None


@dataclass(slots=True)
class Event(Record):
    id: str  # unique within the article: "e1", ...
    type: str  # meeting | talks | visit | summit | call | agreement | announcement | news_conference | communication
    trigger: Span
    participants: list[str] = field(default_factory=list)  # entity keys where resolved, else names
    place: str | None = None  # entity key or name
    time: TimeRef | None = None
    status: str = "held"  # held | planned | cancelled
    evidence: list[Span] = field(default_factory=list)
    summary: str = ""


@dataclass(slots=True)
class EnrichedArticle(Record):
    article_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # paragraphs or steps that failed, with the reason
    version: str = ""  # enrichment version, so stored results can be recomputed when the pipeline changes


# --------------------------------------------------------------------------------------------------------------------
# Analysis (across articles)


@dataclass(slots=True)
class Claim(Record):
    id: str  # "<article_id>:<attribution_id>"
    article_id: str
    attribution_id: str
    speaker: str  # entity key or anonymous label
    speaker_name: str
    topic: str  # topic / event key the claim is about
    proposition: str  # normalised content
    polarity: int  # +1 asserts, -1 denies
    time: str | None = None
    content: Span | None = None


@dataclass(slots=True)
class Conflict(Record):
    id: str
    claim_a: str
    claim_b: str
    reason: str  # explicit_cue | polarity | figures | dates
    confidence: float
    topic: str = ""
    evidence_a: Span | None = None
    evidence_b: Span | None = None
    article_a: str = ""
    article_b: str = ""
    cue: Span | None = None  # the explicit cue ("contradicted"), when there is one
    explanation: str = ""


_NESTED: dict[tuple[str, str], type[Record]] = {
    ("Article", "print_citation"): PrintCitation,
    ("EnrichedArticle", "mentions"): Mention,
    ("EnrichedArticle", "entities"): Entity,
    ("EnrichedArticle", "attributions"): Attribution,
    ("EnrichedArticle", "times"): TimeRef,
    ("EnrichedArticle", "events"): Event,
    ("Attribution", "speaker"): Speaker,
    ("Attribution", "cue"): Span,
    ("Attribution", "content"): Span,
    ("Attribution", "addressee"): Span,
    ("Speaker", "span"): Span,
    ("Event", "trigger"): Span,
    ("Event", "time"): TimeRef,
    ("Event", "evidence"): Span,
    ("Claim", "content"): Span,
    ("Conflict", "evidence_a"): Span,
    ("Conflict", "evidence_b"): Span,
    ("Conflict", "cue"): Span,
}
