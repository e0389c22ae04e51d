"""Events from general rules: invented sentences for each type and status, and the example page's E1..E7."""

from __future__ import annotations

from pathlib import Path

from presswatch.enrich.pipeline import EnrichOptions, enrich_article
from presswatch.models import Article, paragraphs_to_text


def events_of(*paragraphs: str, date: str = "2016-03-02"):
    text, spans = paragraphs_to_text(list(paragraphs))
    article = Article(title="t", text=text, paragraph_spans=spans, published=date, outlet="Kyodo")
    result = enrich_article(article, EnrichOptions())
    for ev in result.events:
        assert text[ev.trigger.start : ev.trigger.end] == ev.trigger.text
        for span in ev.evidence:
            assert text[span.start : span.end] == span.text
    return result.events


def find(events, type_: str):
    hits = [e for e in events if e.type == type_]
    assert hits, [(e.type, e.summary) for e in events]
    return hits[0]


def test_held_meeting_with_place_and_time() -> None:
    ev = find(events_of("Prime Minister Ana Ruiz met President Omar Haddad in Madrid on Monday."), "meeting")
    assert set(ev.participants) == {"person:ana-ruiz", "person:omar-haddad"}
    assert ev.place == "gpe:madrid" and ev.status == "held"
    assert ev.time is not None and ev.time.value == "2016-02-29"


def test_planned_visit_and_its_later_mentions_merge() -> None:
    events = events_of(
        "President Omar Haddad will visit Japan in April.",
        "Officials said the prerequisite for Haddad's visit to Japan is a trade deal.",
    )
    visits = [e for e in events if e.type == "visit"]
    assert len(visits) == 1
    visit = visits[0]
    assert visit.participants == ["person:omar-haddad"] and visit.place == "gpe:japan"
    assert visit.status == "planned" and visit.time.value == "2016-04"
    assert len(visit.evidence) == 2


def test_cancelled_summit() -> None:
    ev = find(events_of("Japan and South Korea cancelled the summit in Seoul planned for May."), "summit")
    assert ev.status == "cancelled"
    assert {"gpe:japan", "gpe:south-korea"} <= set(ev.participants) and ev.place == "gpe:seoul"


def test_phone_call_news_conference_and_their_group() -> None:
    events = events_of(
        "Prime Minister Ana Ruiz and President Omar Haddad held a phone call on Tuesday.",
        "In a news conference held after the call, Ruiz said their talks had been frank.",
    )
    call = find(events, "call")
    assert set(call.participants) == {"person:ana-ruiz", "person:omar-haddad"} and call.status == "held"
    conf = find(events, "news_conference")
    assert conf.participants == ["person:ana-ruiz"] and conf.trigger.text == "news conference"


def test_agreement_announcement_and_communication_skip_outlets() -> None:
    events = events_of(
        "Spain and Morocco signed an agreement on fishing in Rabat.",
        "The Spanish government informed Morocco that it would reopen the port. A source informed Kyodo of the plan.",
    )
    agreement = find(events, "agreement")
    assert {"gpe:spain", "gpe:morocco"} <= set(agreement.participants)
    comms = [e for e in events if e.type == "communication"]
    assert len(comms) == 1 and set(comms[0].participants) == {"gpe:spain", "gpe:morocco"}


def test_generic_talk_is_no_event() -> None:
    assert events_of("Territorial talks are difficult, experts say.") == []


def test_example_events(example_path: Path) -> None:
    from test_pipeline import example_article

    result = enrich_article(example_article(example_path), EnrichOptions())

    def one(type_: str, *keys: str):
        for ev in result.events:
            if ev.type == type_ and set(keys) <= set(ev.participants):
                return ev
        raise AssertionError(f"no {type_} of {keys}: {[e.summary for e in result.events]}")

    e1 = one("meeting", "person:fumio-kishida", "person:sergey-lavrov")
    assert (e1.place, e1.time.value, e1.status) == ("gpe:moscow", "2015-09", "held")
    e2 = one("news_conference", "person:fumio-kishida")
    assert e2.status == "held"
    e3 = one("communication", "gpe:russia", "gpe:japan")
    assert e3.status == "held" and e3.time.value == "2015-10-14"  # reported on Oct. 14: conveyed by then
    e4 = one("visit", "person:dmitry-medvedev")
    assert (e4.place, e4.time.kind, e4.status) == ("loc:northern-territories", "vague", "held")
    assert any("officials" in p for p in e4.participants)
    e5 = one("meeting", "person:shinzo-abe", "person:vladimir-putin")
    assert (e5.place, e5.time.value, e5.status) == ("gpe:new-york", "2015-09-21/2015-09-30", "held")
    e6 = one("visit", "person:vladimir-putin")
    assert (e6.place, e6.time.value, e6.status) == ("gpe:japan", "before 2015-12-31", "planned")
    e7 = one("talks", "person:fumio-kishida", "person:sergey-lavrov")
    assert e7.status == "planned"
