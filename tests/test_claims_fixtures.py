"""Hand-built enriched articles for the analysis tests (texts invented for these tests; places and people fictional).

``build(...)`` finds every span by its text, so a fixture reads like the article it stands for. The helpers are
imported by the other analysis tests; the one test here checks the builder itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from presswatch.models import (
    Article,
    Attribution,
    EnrichedArticle,
    Entity,
    Event,
    Mention,
    Span,
    Speaker,
    TimeRef,
    paragraphs_to_text,
)


@dataclass
class Q:
    """An attribution: speaker text, speaker kind, entity key, cue text, content text (all found in the article)."""

    speaker: str
    kind: str
    entity: str | None
    cue: str
    content: str
    form: str = "direct"
    name: str | None = None


@dataclass
class Ev:
    type: str
    trigger: str
    participants: list[str]
    time_text: str | None = None
    value: str | None = None
    earliest: str | None = None
    latest: str | None = None
    status: str = "held"
    place: str | None = None


@dataclass
class Doc:
    title: str
    paragraphs: list[str]
    published: str
    outlet: str
    mentions: list[tuple[str, str, str]] = field(default_factory=list)  # (text, type, key): every occurrence
    quotes: list[Q] = field(default_factory=list)
    events: list[Ev] = field(default_factory=list)
    duplicate_of: str | None = None


def _find(text: str, needle: str, after: int = 0) -> Span:
    i = text.find(needle, after)
    if i < 0:
        i = text.find(needle)
    assert i >= 0, f"not in text: {needle!r}"
    return Span(i, i + len(needle), needle)


def _find_before(text: str, needle: str, before: int) -> Span:
    """The last occurrence that starts before ``before`` (a cue or speaker precedes its content), else the first."""
    i = text.rfind(needle, 0, before)
    return Span(i, i + len(needle), needle) if i >= 0 else _find(text, needle)


def build(doc: Doc) -> tuple[Article, EnrichedArticle]:
    """The (Article, EnrichedArticle) a perfect enrichment would give for ``doc``."""
    text, spans = paragraphs_to_text(doc.paragraphs)
    article = Article(
        title=doc.title,
        text=text,
        paragraph_spans=spans,
        published=doc.published,
        outlet=doc.outlet,
        kind="Report",
        duplicate_of=doc.duplicate_of,
    )
    mentions: list[Mention] = []
    entities: dict[str, Entity] = {}
    for mtext, mtype, key in doc.mentions:
        pos = 0
        while (i := text.find(mtext, pos)) >= 0:
            mentions.append(Mention(i, i + len(mtext), mtext, mtype, key))
            entities.setdefault(key, Entity(key=key, name=mtext, type=mtype)).mentions.append(len(mentions) - 1)
            pos = i + len(mtext)
    mentions.sort(key=lambda m: m.start)
    atts = []
    last = 0
    for n, q in enumerate(doc.quotes, 1):
        content = _find(text, q.content, last)
        cue = _find_before(text, q.cue, content.start)
        sp = _find_before(text, q.speaker, min(cue.start, content.start))
        atts.append(
            Attribution(
                id=f"q{n}",
                speaker=Speaker(kind=q.kind, label=q.speaker, span=sp, entity=q.entity, name=q.name or q.speaker),
                cue=cue,
                content=content,
                form=q.form,
                outlet=doc.outlet,
            )
        )
        last = content.start
    events = []
    for n, ev in enumerate(doc.events, 1):
        trig = _find(text, ev.trigger)
        tref = None
        if ev.time_text:
            ts = _find(text, ev.time_text)
            kind = (ev.value or "date").split(" ")[0] if (ev.value or "").startswith(("before", "after")) else "date"
            tref = TimeRef(ts.start, ts.end, ts.text, kind, ev.value or "", ev.earliest, ev.latest)
        events.append(
            Event(
                id=f"e{n}",
                type=ev.type,
                trigger=trig,
                participants=ev.participants,
                place=ev.place,
                time=tref,
                status=ev.status,
                evidence=[trig],
                summary=f"{ev.type} of {', '.join(ev.participants)}",
            )
        )
    sentences = []
    start = 0
    for i, ch in enumerate(text):
        if ch in ".!?" and (i + 1 == len(text) or text[i + 1] in ' \n”"'):
            end = i + 1 + (1 if i + 1 < len(text) and text[i + 1] in '”"' else 0)
            sentences.append((start, end))
            start = end
            while start < len(text) and text[start] in " \n":
                start += 1
    enriched = EnrichedArticle(
        article_id=article.id,
        sentences=sentences,
        mentions=mentions,
        entities=list(entities.values()),
        attributions=atts,
        events=events,
        version="test",
    )
    return article, enriched


# ---------------------------------------------------------------------------------------------------------------------
# An invented corpus: the Silver Islands dispute between Ostland and Ruritania, plus unrelated stories.

TANAKA = "person:akira-tanaka"
VOLKOV = "person:boris-volkov"
SILVER = "loc:silver-islands"

SILVER_MEETING = Doc(
    title="Ruritania says islands were not on the agenda",
    published="2031-03-12T09:00:00+01:00",
    outlet="Morning Ledger",
    paragraphs=[
        "Ostland Foreign Minister Akira Tanaka and Ruritanian Foreign Minister Boris Volkov held talks in Vienna in "
        "March, their first meeting in two years.",
        "At a news conference after the talks, Tanaka said that “the status of the Silver Islands was discussed in "
        "depth.” However, Volkov contradicted him, saying that “the Silver Islands were not discussed at all.” He "
        "added that “only the fisheries agreement was on the agenda,” correcting Tanaka’s account.",
        "Tanaka is expected to visit Ruritania before the end of the year.",
    ],
    mentions=[
        ("Akira Tanaka", "PERSON", TANAKA),
        ("Tanaka", "PERSON", TANAKA),
        ("Boris Volkov", "PERSON", VOLKOV),
        ("Volkov", "PERSON", VOLKOV),
        ("Silver Islands", "LOC", SILVER),
        ("Vienna", "GPE", "gpe:vienna"),
        ("Ruritania", "GPE", "gpe:ruritania"),
        ("Ostland", "GPE", "gpe:ostland"),
    ],
    quotes=[
        Q(
            "Tanaka",
            "person",
            TANAKA,
            "said",
            "the status of the Silver Islands was discussed in depth.",
            "direct",
            "Akira Tanaka",
        ),
        Q(
            "Volkov",
            "person",
            VOLKOV,
            "saying",
            "the Silver Islands were not discussed at all.",
            "direct",
            "Boris Volkov",
        ),
        Q(
            "He",
            "pronoun",
            VOLKOV,
            "added",
            "only the fisheries agreement was on the agenda,",
            "direct",
            "Boris Volkov",
        ),
    ],
    events=[
        Ev("talks", "held talks", [TANAKA, VOLKOV], "in March", "2031-03", "2031-03-01", "2031-03-31", place="Vienna"),
        Ev(
            "visit",
            "visit",
            [TANAKA],
            "before the end of the year",
            "before 2031-12-31",
            "2031-03-12",
            "2031-12-31",
            status="planned",
            place="gpe:ruritania",
        ),
    ],
)

QUOTA_A = Doc(
    title="Fishing quota raised",
    published="2031-03-14T10:00:00+00:00",
    outlet="Harbour Times",
    paragraphs=[
        "A fisheries ministry spokesperson said the Silver Islands fishing quota had been raised to 30,000 tonnes "
        "this season."
    ],
    mentions=[("Silver Islands", "LOC", SILVER)],
    quotes=[
        Q(
            "A fisheries ministry spokesperson",
            "anonymous",
            None,
            "said",
            "the Silver Islands fishing quota had been raised to 30,000 tonnes this season.",
            "indirect",
        ),
    ],
)

QUOTA_B = Doc(
    title="Fishermen question quota figures",
    published="2031-03-15T10:00:00+00:00",
    outlet="Coastal Post",
    paragraphs=[
        "Union leader Maria Keller said the Silver Islands fishing quota had been raised to only 18,000 tonnes this "
        "season."
    ],
    mentions=[("Maria Keller", "PERSON", "person:maria-keller"), ("Silver Islands", "LOC", SILVER)],
    quotes=[
        Q(
            "Union leader Maria Keller",
            "person",
            "person:maria-keller",
            "said",
            "the Silver Islands fishing quota had been raised to only 18,000 tonnes this season.",
            "indirect",
            "Maria Keller",
        ),
    ],
)

BORDER_CLAIM = Doc(
    title="Governor reports troops at the border",
    published="2031-04-02T08:00:00+00:00",
    outlet="Harbour Times",
    paragraphs=["Governor Mira Stone said that Ruritanian troops had crossed the border near Dalsk on Monday."],
    mentions=[("Mira Stone", "PERSON", "person:mira-stone"), ("Dalsk", "GPE", "gpe:dalsk")],
    quotes=[
        Q(
            "Governor Mira Stone",
            "person",
            "person:mira-stone",
            "said",
            "Ruritanian troops had crossed the border near Dalsk on Monday.",
            "indirect",
            "Mira Stone",
        ),
    ],
)

BORDER_DENIAL = Doc(
    title="Ruritania denies border crossing",
    published="2031-04-03T08:00:00+00:00",
    outlet="Morning Ledger",
    paragraphs=["Spokesman Ivan Petrov denied that Ruritanian troops had crossed the border near Dalsk."],
    mentions=[("Ivan Petrov", "PERSON", "person:ivan-petrov"), ("Dalsk", "GPE", "gpe:dalsk")],
    quotes=[
        Q(
            "Spokesman Ivan Petrov",
            "person",
            "person:ivan-petrov",
            "denied",
            "Ruritanian troops had crossed the border near Dalsk.",
            "indirect",
            "Ivan Petrov",
        ),
    ],
)

BRIDGE_A = Doc(
    title="New bridge to open in May",
    published="2031-04-05T08:00:00+00:00",
    outlet="Harbour Times",
    paragraphs=["Transport minister Olga Brandt said the Dalsk river bridge would open to traffic in May."],
    mentions=[("Olga Brandt", "PERSON", "person:olga-brandt"), ("Dalsk", "GPE", "gpe:dalsk")],
    quotes=[
        Q(
            "Transport minister Olga Brandt",
            "person",
            "person:olga-brandt",
            "said",
            "the Dalsk river bridge would open to traffic in May.",
            "indirect",
            "Olga Brandt",
        ),
    ],
)

BRIDGE_B = Doc(
    title="Engineers confirm bridge date",
    published="2031-04-06T08:00:00+00:00",
    outlet="Coastal Post",
    paragraphs=["Chief engineer Tomas Lind said the Dalsk river bridge would open to traffic in May as planned."],
    mentions=[("Tomas Lind", "PERSON", "person:tomas-lind"), ("Dalsk", "GPE", "gpe:dalsk")],
    quotes=[
        Q(
            "Chief engineer Tomas Lind",
            "person",
            "person:tomas-lind",
            "said",
            "the Dalsk river bridge would open to traffic in May as planned.",
            "indirect",
            "Tomas Lind",
        ),
    ],
)

CORPUS = [SILVER_MEETING, QUOTA_A, QUOTA_B, BORDER_CLAIM, BORDER_DENIAL, BRIDGE_A, BRIDGE_B]


def corpus() -> list[tuple[Article, EnrichedArticle]]:
    return [build(d) for d in CORPUS]


def test_builder_spans_index_the_text() -> None:
    for article, enriched in corpus():
        for att in enriched.attributions:
            assert article.text[att.content.start : att.content.end] == att.content.text
            assert article.text[att.cue.start : att.cue.end] == att.cue.text
        for m in enriched.mentions:
            assert article.text[m.start : m.end] == m.text
