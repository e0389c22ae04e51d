"""Invented sample articles with their enrichment and one conflict, for the web tests, the benchmark and screenshots.

All text here is written for presswatch (no real article is copied). The people and the dispute are fictional. One
article carries HTML and script payloads in its title, text and speaker label: it must always render inert.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from presswatch.models import (
    Article,
    Attribution,
    Conflict,
    EnrichedArticle,
    Entity,
    Event,
    Mention,
    PrintCitation,
    Span,
    Speaker,
    TimeRef,
    paragraphs_to_text,
)
from presswatch.store.base import Store

XSS_PAYLOADS = (
    "<script>window.__pwned = 1; alert('xss-script')</script>",
    "<img src=x onerror=\"window.__pwned = 2; alert('xss-img')\">",
    '"><svg onload=alert("xss-svg")>',
    "<a href=\"javascript:alert('xss-link')\">click</a>",
)

TANABE = "person:aiko-tanabe"
ORLOV = "person:boris-orlov"
ISLES = "loc:grey-isles"


def _span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def _article(title: str, paragraphs: list[str], **fields: Any) -> Article:
    text, spans = paragraphs_to_text(paragraphs)
    return Article(title=title, text=text, paragraph_spans=spans, **fields)


def _mentions(article: Article, names: list[tuple[str, str, str | None]]) -> list[Mention]:
    out = []
    for needle, type_, key in names:
        start = 0
        while (i := article.text.find(needle, start)) >= 0:
            out.append(Mention(i, i + len(needle), needle, type_, key))
            start = i + len(needle)
    return out


def _entities() -> dict[str, Entity]:
    return {
        TANABE: Entity(TANABE, "Aiko Tanabe", "PERSON", role="Foreign Minister", affiliation="Japan"),
        ORLOV: Entity(ORLOV, "Boris Orlov", "PERSON", role="Foreign Minister", affiliation="Russia"),
        ISLES: Entity(ISLES, "Grey Isles", "LOC", aliases=["the disputed isles"]),
    }


def meeting_article() -> tuple[Article, EnrichedArticle]:
    """Tanabe says the isles were discussed; Orlov contradicts her; two anonymous sources comment."""
    paragraphs = [
        "Foreign Minister Aiko Tanabe met her counterpart Boris Orlov in Vladivostok on March 3.",
        "Tanabe told reporters after the meeting that “frank talks were held” on the Grey Isles question.",
        "Orlov contradicted her at his own briefing, claiming “the Grey Isles were not on the agenda at all.”",
        "According to a senior Foreign Ministry official, the two ministers agreed to meet again before summer.",
        "A government source said the visit planned for June would go ahead whatever the outcome.",
    ]
    art = _article(
        "Ministers give clashing accounts of Vladivostok talks",
        paragraphs,
        published="2031-03-04T09:00:00+09:00",
        outlet="Morning Ledger",
        kind="Translation",
        print_citation=PrintCitation("Morning Ledger", "2031-03-04", "2"),
        tags=["diplomacy"],
        source="sample:meeting",
        layout="plain",
    )
    t = art.text
    p = [t.index(x) for x in paragraphs]
    atts = [
        Attribution(
            "q1",
            Speaker("person", "Tanabe", _span(t, "Tanabe", p[1]), TANABE, "Aiko Tanabe", "Foreign Minister", "Japan"),
            _span(t, "told", p[1]),
            _span(t, "“frank talks were held” on the Grey Isles question"),
            "mixed",
            outlet="Morning Ledger",
            paragraph=1,
        ),
        Attribution(
            "q2",
            Speaker("person", "Orlov", _span(t, "Orlov", p[2]), ORLOV, "Boris Orlov", "Foreign Minister", "Russia"),
            _span(t, "claiming"),
            _span(t, "the Grey Isles were not on the agenda at all."),
            "direct",
            outlet="Morning Ledger",
            paragraph=2,
        ),
        Attribution(
            "q3",
            Speaker(
                "anonymous",
                "a senior Foreign Ministry official",
                _span(t, "a senior Foreign Ministry official"),
                None,
                "senior Foreign Ministry official",
                "senior official",
                "Foreign Ministry",
            ),
            _span(t, "According to"),
            _span(t, "the two ministers agreed to meet again before summer"),
            "indirect",
            outlet="Morning Ledger",
            paragraph=3,
        ),
        Attribution(
            "q4",
            Speaker("anonymous", "A government source", _span(t, "A government source"), None, "government source"),
            _span(t, "said", p[4]),
            _span(t, "the visit planned for June would go ahead whatever the outcome"),
            "indirect",
            outlet="Morning Ledger",
            paragraph=4,
        ),
    ]
    ents = _entities()
    mentions = _mentions(
        art,
        [("Aiko Tanabe", "PERSON", TANABE), ("Boris Orlov", "PERSON", ORLOV), ("Grey Isles", "LOC", ISLES)],
    )
    for i, m in enumerate(mentions):
        ents[m.entity].mentions.append(i)  # type: ignore[index]
    meeting_time = TimeRef(*_offsets(t, "March 3"), "date", "2031-03-03", "2031-03-03", "2031-03-03")
    june = TimeRef(*_offsets(t, "June"), "month", "2031-06", "2031-06-01", "2031-06-30")
    events = [
        Event(
            "e1",
            "meeting",
            _span(t, "met"),
            [TANABE, ORLOV],
            "Vladivostok",
            meeting_time,
            "held",
            summary="Tanabe and Orlov meet in Vladivostok",
        ),
        Event(
            "e2", "visit", _span(t, "visit"), [ORLOV, TANABE], "Tokyo", june, "planned", summary="Planned visit in June"
        ),
    ]
    enriched = EnrichedArticle(
        art.id,
        sentences=[(s, e) for s, e in art.paragraph_spans],
        mentions=mentions,
        entities=list(ents.values()),
        attributions=atts,
        times=[meeting_time, june],
        events=events,
        version="sample",
    )
    return art, enriched


def _offsets(text: str, needle: str) -> tuple[int, int, str]:
    i = text.index(needle)
    return i, i + len(needle), needle


def followup_article() -> tuple[Article, EnrichedArticle]:
    paragraphs = [
        "Boris Orlov repeated on Friday that the Grey Isles had not been raised in Vladivostok.",
        "Aiko Tanabe, asked about his remarks, said she stood by her account of the talks.",
    ]
    art = _article(
        "Orlov repeats denial over isles talks",
        paragraphs,
        published="2031-03-08T10:00:00+09:00",
        outlet="Evening Courier",
        kind="Report",
        source="sample:followup",
        layout="plain",
    )
    t = art.text
    atts = [
        Attribution(
            "q1",
            Speaker(
                "person", "Boris Orlov", _span(t, "Boris Orlov"), ORLOV, "Boris Orlov", "Foreign Minister", "Russia"
            ),
            _span(t, "repeated"),
            _span(t, "the Grey Isles had not been raised in Vladivostok"),
            "indirect",
            outlet="Evening Courier",
        ),
        Attribution(
            "q2",
            Speaker(
                "person", "Aiko Tanabe", _span(t, "Aiko Tanabe"), TANABE, "Aiko Tanabe", "Foreign Minister", "Japan"
            ),
            _span(t, "said"),
            _span(t, "she stood by her account of the talks"),
            "indirect",
            outlet="Evening Courier",
            paragraph=1,
        ),
    ]
    ents = _entities()
    mentions = _mentions(
        art, [("Aiko Tanabe", "PERSON", TANABE), ("Boris Orlov", "PERSON", ORLOV), ("Grey Isles", "LOC", ISLES)]
    )
    for i, m in enumerate(mentions):
        ents[m.entity].mentions.append(i)  # type: ignore[index]
    return art, EnrichedArticle(
        art.id, mentions=mentions, entities=list(ents.values()), attributions=atts, version="sample"
    )


def hostile_article() -> tuple[Article, EnrichedArticle]:
    """Markup and scripts in every field a page shows: title, outlet, text, quote, speaker label."""
    script, img, svg, link = XSS_PAYLOADS
    paragraphs = [
        f"Officials met in Tokyo {img} to discuss the isles {svg}.",
        f"{script} An aide said “{link} nothing was agreed”.",
    ]
    art = _article(
        f"Hostile markup test {script}",
        paragraphs,
        published="2031-03-05T08:00:00+09:00",
        outlet=f"Outlet {img}",
        kind="Report",
        author=svg,
        tags=[f"tag{svg}"],
        url="javascript:alert('xss-url')",
        source="sample:hostile",
        layout="plain",
    )
    t = art.text
    atts = [
        Attribution(
            "q1",
            Speaker("anonymous", f"An aide {img}", _span(t, "An aide"), None, f"aide {img}", None, f"Office {svg}"),
            _span(t, "said"),
            _span(t, f"{link} nothing was agreed"),
            "direct",
            paragraph=1,
        )
    ]
    return art, EnrichedArticle(art.id, attributions=atts, version="sample")


def conflict_record(a: tuple[Article, EnrichedArticle], b_index: int = 1) -> tuple[str, dict[str, Any]]:
    """The Tanabe/Orlov conflict as the analysis stores it (Conflict fields + speakers, dates, topics)."""
    art, enriched = a
    qa, qb = enriched.attributions[0], enriched.attributions[b_index]
    conflict = Conflict(
        id="c-sample-1",
        claim_a=f"{art.id}:{qa.id}",
        claim_b=f"{art.id}:{qb.id}",
        reason="explicit_cue",
        confidence=0.92,
        topic=ISLES,
        evidence_a=qa.content,
        evidence_b=qb.content,
        article_a=art.id,
        article_b=art.id,
        cue=_span(art.text, "contradicted"),
        explanation="Orlov contradicted Tanabe: the isles were discussed vs. were not on the agenda.",
    )
    data = conflict.to_dict()
    data.update(
        speaker_a=TANABE,
        speaker_b=ORLOV,
        speaker_name_a="Aiko Tanabe",
        speaker_name_b="Boris Orlov",
        date_a="2031-03-04",
        date_b="2031-03-04",
        outlet_a="Morning Ledger",
        outlet_b="Morning Ledger",
        topics=[ISLES],
    )
    return conflict.id, data


def sample_items() -> Iterator[tuple[Article, EnrichedArticle]]:
    yield meeting_article()
    yield followup_article()
    yield hostile_article()


def populate(store: Store) -> dict[str, str]:
    """Store the sample articles, their enrichment, one conflict, one story, one watchlist and one digest.

    Returns the ids tests need: ``meeting``, ``followup``, ``hostile``, ``conflict``.
    """
    items = list(sample_items())
    store.add_articles([a for a, _ in items])
    store.save_enrichments([e for _, e in items])
    meeting, followup, hostile = items
    key, rec = conflict_record(meeting)
    store.put_records("conflicts", [(key, rec)])
    story = {
        "id": "s-grey-isles",
        "title": "Grey Isles talks",
        "articles": [meeting[0].id, followup[0].id],
        "first": "2031-03-04",
        "last": "2031-03-08",
    }
    store.put_records("stories", [(story["id"], story)])
    from presswatch.analysis import watchlists

    watchlists.add_watchlist(store, "isles", "Grey Isles", replace=True)
    watchlists.scan(store, "isles")
    digest = {  # the shape presswatch.analysis.digest.save_digest stores
        "since": "2031-03-04",
        "until": "2031-03-08",
        "watchlist": None,
        "articles": 2,
        "stories": [
            {
                **story,
                "outlets": ["Evening Courier", "Morning Ledger"],
                "headlines": [
                    {
                        "title": followup[0].title,
                        "outlet": "Evening Courier",
                        "date": "2031-03-08",
                        "article_id": followup[0].id,
                    }
                ],
                "statements": [
                    {
                        "speaker": "Boris Orlov",
                        "kind": "person",
                        "text": "the Grey Isles had not been raised",
                        "article_id": followup[0].id,
                        "outlet": "Evening Courier",
                    }
                ],
            }
        ],
        "conflicts": [rec],
        "upcoming": [],
    }
    store.put_records("digests", [("2031-03-04..2031-03-08", digest)])
    return {"meeting": meeting[0].id, "followup": followup[0].id, "hostile": hostile[0].id, "conflict": key}
