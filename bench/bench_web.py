"""Latency of the web UI and JSON API (p50 / p95 per route) on a store of synthetic articles (100,000 by default).

Usage:
    .venv/bin/python bench/bench_web.py [--articles 100000] [--db sqlite:///path.db | postgresql://...]
                                        [--requests 40] [--keep] [--only TEXT] [--store-calls]

The store is generated here (invented text from small vocabularies, with enrichment: statements by named and anonymous
speakers, entity mentions, events; plus conflict, story and watchlist records) unless ``--db`` already holds at least
``--articles`` articles. The app is served by uvicorn on a loopback port and each route is requested ``--requests``
times, one at a time, with varied parameters; the figures are wall-clock client-side latencies. Target: p95 <= 100 ms.
``--store-calls`` times the store calls behind the slowest pages directly instead (best and median of 5).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

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
from presswatch.store import open_store
from presswatch.store.base import SearchQuery
from presswatch.web.server import ServerThread
from presswatch.web.settings import WebSettings

FIRST = ["Aiko", "Boris", "Chen", "Dara", "Emil", "Fumiko", "Goran", "Hana", "Ivo", "Junko", "Kofi", "Lena", "Mateo",
         "Nadia", "Oskar", "Priya", "Quentin", "Rina", "Sven", "Tomas"]  # fmt: skip
LAST = ["Tanabe", "Orlov", "Weller", "Moreau", "Ishida", "Novak", "Kaplan", "Sato", "Berger", "Lindqvist"]
ROLES = ["Foreign Minister", "Prime Minister", "Defence Minister", "Trade Minister", "President", "spokesperson"]
COUNTRIES = ["Japan", "Russia", "Korea", "France", "Brazil", "Kenya", "Canada", "Norway", "India", "Chile"]
OUTLETS = ["Morning Ledger", "Evening Courier", "Harbor Times", "Daily Beacon", "North Star", "Capital Wire",
           "Tribune Weekly", "Sun Gazette", "Metro Post", "Coastal Herald", "Union Daily", "Signal"]  # fmt: skip
KINDS = ["Translation", "Summary", "Report", "Alert"]
ANON = ["a government source", "a senior Foreign Ministry official", "a diplomatic source", "a ruling party lawmaker",
        "an aide to the prime minister", "a defence official", "a source close to the talks"]  # fmt: skip
TOPICS = ["fishing rights", "the peace treaty", "tariffs on steel", "the border islands", "energy imports",
          "the summit agenda", "visa rules", "the trade pact", "sanctions", "the pipeline project", "rice exports",
          "the coast guard incident", "student exchanges", "the rare earth deal", "port access"]  # fmt: skip
VERBS = ["said", "told reporters", "stressed", "insisted", "warned", "noted", "claimed"]
PLACES = ["Tokyo", "Moscow", "Paris", "Ottawa", "Nairobi", "Oslo", "Delhi", "Santiago", "Seoul", "Brasilia"]
EVENT_TYPES = ["meeting", "talks", "visit", "summit", "call"]


def person(i: int) -> tuple[str, str, str, str]:
    name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
    key = "person:" + name.lower().replace(" ", "-") + f"-{i // (len(FIRST) * len(LAST))}"
    return key, name, ROLES[i % len(ROLES)], COUNTRIES[i % len(COUNTRIES)]


def make_item(n: int, rng: random.Random) -> tuple[Article, EnrichedArticle]:
    """One invented article with its enrichment; offsets are computed from the generated text."""
    speakers = [person(rng.randrange(400)) for _ in range(2)]
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    anon = rng.choice(ANON)
    day = f"20{rng.randrange(20, 31)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    quotes = [
        f"progress on {topic} was {rng.choice(['real', 'slow', 'unlikely', 'possible'])} this year",
        f"{topic} had {rng.choice(['not', 'certainly', 'briefly'])} been discussed in {place}",
        f"talks on {topic} would resume after the {rng.choice(['election', 'summer', 'budget', 'summit'])}",
    ]
    (k1, name1, role1, aff1), (k2, name2, role2, aff2) = speakers
    paragraphs = [
        f"{role1} {name1} met {name2} in {place} on {day} to discuss {topic} and item {n}.",
        f"{name1} {rng.choice(VERBS)} that {quotes[0]}.",
        f"{name2} {rng.choice(VERBS)}: “{quotes[1]}.”",
        f"According to {anon}, {quotes[2]}.",
        f"The {rng.choice(OUTLETS)} noted that {topic} has divided {aff1} and {aff2} for years.",
    ]
    title = f"{name1} and {name2} discuss {topic} in {place} ({n})"
    text, spans = paragraphs_to_text(paragraphs)
    art = Article(
        title=title,
        text=text,
        paragraph_spans=spans,
        published=f"{day}T09:00:00+00:00",
        outlet=rng.choice(OUTLETS),
        kind=rng.choice(KINDS),
        tags=[topic.split()[-1]],
        source=f"bench:{n}",
        layout="plain",
    )

    def span(needle: str, start: int = 0) -> Span:
        i = text.index(needle, start)
        return Span(i, i + len(needle), needle)

    atts = [
        Attribution("q1", Speaker("person", name1, span(name1, spans[1][0]), k1, name1, role1, aff1), None,
                    span(quotes[0]), "indirect", outlet=art.outlet, paragraph=1),
        Attribution("q2", Speaker("person", name2, span(name2, spans[2][0]), k2, name2, role2, aff2), None,
                    span(quotes[1] + "."), "direct", outlet=art.outlet, paragraph=2),
        Attribution("q3", Speaker("anonymous", anon, span(anon), None, anon.split(" ", 1)[1]), span("According to"),
                    span(quotes[2]), "indirect", outlet=art.outlet, paragraph=3),
    ]  # fmt: skip
    mentions = [
        Mention(*_at(text, name1), "PERSON", k1),
        Mention(*_at(text, name2), "PERSON", k2),
        Mention(*_at(text, place), "GPE", "gpe:" + place.lower()),
    ]
    entities = [
        Entity(k1, name1, "PERSON", role1, aff1, mentions=[0]),
        Entity(k2, name2, "PERSON", role2, aff2, mentions=[1]),
        Entity("gpe:" + place.lower(), place, "GPE", mentions=[2]),
    ]
    when = TimeRef(*_at(text, day), "date", day, day, day)
    status = "planned" if n % 7 == 0 else "held"
    event = Event("e1", rng.choice(EVENT_TYPES), span("met"), [k1, k2], place, when, status,
                  summary=f"{name1} and {name2} in {place}")  # fmt: skip
    enriched = EnrichedArticle(art.id, mentions=mentions, entities=entities, attributions=atts, times=[when],
                               events=[event], version="bench")  # fmt: skip
    return art, enriched


def _at(text: str, needle: str) -> tuple[int, int, str]:
    i = text.index(needle)
    return i, i + len(needle), needle


def generate(url: str, count: int, batch: int = 2000) -> None:
    store = open_store(url)
    try:
        have = store.count_articles()
        if have >= count:
            print(f"store: {url} already holds {have:,} articles")
            return
        rng = random.Random(have)
        start = time.perf_counter()
        n = have
        while n < count:
            items = [make_item(i, rng) for i in range(n, min(n + batch, count))]
            store.add_articles([a for a, _ in items])
            store.save_enrichments([e for _, e in items])
            n += len(items)
            if n % 20_000 < batch:
                print(f"  generated {n:,} articles ({time.perf_counter() - start:.0f} s)", flush=True)
        conflicts = []
        for i in range(500):
            a, b = person(i), person(i + 1)
            conflicts.append(
                (
                    f"c{i}",
                    {
                        "id": f"c{i}",
                        "claim_a": f"x:{i}",
                        "claim_b": f"y:{i}",
                        "reason": "polarity",
                        "confidence": 0.5 + (i % 50) / 100,
                        "topic": TOPICS[i % len(TOPICS)],
                        "speaker_a": a[0],
                        "speaker_b": b[0],
                        "speaker_name_a": a[1],
                        "speaker_name_b": b[1],
                        "date_a": "2025-01-01",
                        "date_b": "2025-01-02",
                        "topics": [],
                        "article_a": "",
                        "article_b": "",
                    },
                )  # fmt: skip
            )
        store.replace_records("conflicts", conflicts)
        store.replace_records(
            "stories",
            [(f"s{i}", {"id": f"s{i}", "title": TOPICS[i % len(TOPICS)], "articles": []}) for i in range(300)],
        )
        store.replace_records("watchlists", [("fishing", {"name": "fishing", "query": "fishing rights"})])
        print(f"store: generated {count - have:,} articles in {time.perf_counter() - start:.0f} s")
    finally:
        store.close()


def routes(rng: random.Random, article_ids: list[str]) -> dict[str, list[str]]:
    """Route name -> the request paths to time (varied parameters)."""

    def some(items: list[str], k: int) -> list[str]:
        return [rng.choice(items) for _ in range(k)]

    words = SEARCH_WORDS
    people = [person(i)[0] for i in range(0, 400, 7)]
    return {
        "page /search (hits)": [f"/search?q={w}" for w in words],
        "htmx /search/facets": [f"/search/facets?q={w}" for w in words],
        "api /api/search facets=false": [f"/api/search?q={w}&facets=false" for w in words],
        "api /api/search (facets)": [f"/api/search?q={w}" for w in words],
        "api /api/search outlet filter": [f"/api/search?q={w}&outlet=Harbor+Times&facets=false" for w in words],
        "page /articles/{id}": [f"/articles/{i}" for i in some(article_ids, 8)],
        "api /api/articles/{id}": [f"/api/articles/{i}" for i in some(article_ids, 8)],
        "page /entities/{key}": [f"/entities/{k}" for k in some(people, 8)],
        "api /api/entities": ["/api/entities", "/api/entities?type=PERSON", "/api/entities?name=tanabe"],
        "page /sources": ["/sources", "/sources?q=official", "/sources?affiliation=x"],
        "page /conflicts": ["/conflicts", "/conflicts?offset=20"],
        "page /timeline?entity": [f"/timeline?entity={k}" for k in some(people, 8)],
        "page /timeline?topic": [f"/timeline?topic={t}" for t in TOPICS[:8]],
        "page /stories": ["/stories"],
        "page /watchlists/{name}": ["/watchlists/fishing"],
        "page /digests": ["/digests"],
        "page / (stats cached)": ["/"],
    }


SEARCH_WORDS = ["fishing", "treaty", "tariffs", "islands", "pipeline", '"trade pact"', "visa OR rice", "sanction*"]


def store_calls(url: str, rounds: int = 5) -> None:
    """Time the store calls behind the slowest pages directly (best and median of ``rounds``, ms)."""
    store = open_store(url)
    key = person(0)[0]
    calls: dict[str, Callable[[], object]] = {
        "find_attributions(anonymous=True, limit=1001)": lambda: store.find_attributions(anonymous=True, limit=1001),
        'find_attributions(anonymous=True, speaker="official", limit=1001)': lambda: store.find_attributions(
            anonymous=True, speaker="official", limit=1001
        ),
        'find_attributions(outlet="Harbor Times", limit=200)': lambda: store.find_attributions(
            outlet="Harbor Times", limit=200
        ),
        "find_events(entity=key, limit=501)": lambda: store.find_events(entity=key, limit=501),
        "search, hits and facets (per word, mean of 8)": lambda: [
            store.search(SearchQuery(text=w, limit=20, facets=True)) for w in SEARCH_WORDS
        ],
        "search, facets only (per word, mean of 8)": lambda: [
            store.search(SearchQuery(text=w, limit=1, facets=True, hits=False)) for w in SEARCH_WORDS
        ],
    }
    try:
        print(f"{'store call':66} {'best ms':>8} {'median':>8}")
        for name, call in calls.items():
            per = len(SEARCH_WORDS) if name.startswith("search") else 1
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                call()
                times.append((time.perf_counter() - start) * 1000 / per)
            print(f"{name:66} {min(times):8.1f} {statistics.median(times):8.1f}", flush=True)
    finally:
        store.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_routes(url: str, articles: int, requests: int, only: str | None) -> None:
    """Serve the app over the store and print p50 / p95 / max per route (``only``: routes whose name contains it)."""
    store = open_store(url)
    ids = [a.id for a in store.iter_articles(batch_size=2000)][:: max(1, articles // 2000)]
    total = store.count_articles()
    store.close()

    rng = random.Random(7)
    settings = WebSettings(rate_limit=0)
    print(f"store: {url} ({total:,} articles); {requests} requests per route, sequential")
    print(f"{'route':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    worst = 0.0
    with ServerThread(url, settings) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        for name, paths in routes(rng, ids).items():
            if only and only not in name:
                continue
            client.get(paths[0])  # warm caches and this thread's connection
            times = []
            for i in range(requests):
                path = paths[i % len(paths)]
                start = time.perf_counter()
                r = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                if r.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {r.status_code} {r.text[:200]}")
            p95 = percentile(times, 0.95)
            worst = max(worst, p95)
            print(f"{name:32} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f}", flush=True)
    verdict = "meets" if worst <= 100 else "misses"
    print(f"worst p95: {worst:.1f} ms ({verdict} the 100 ms target)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temp folder)")
    parser.add_argument("--requests", type=int, default=40, help="requests per route")
    parser.add_argument("--keep", action="store_true", help="keep the generated temp store")
    parser.add_argument("--only", help="time only the routes whose name contains this text")
    parser.add_argument(
        "--store-calls", action="store_true", help="time the store calls behind the slowest pages instead of the routes"
    )
    args = parser.parse_args()

    tmp = None
    url = args.db
    if not url:
        tmp = Path(tempfile.mkdtemp(prefix="pw-bench-web-"))
        url = f"sqlite:///{tmp / 'bench.db'}"
    generate(url, args.articles)
    if args.store_calls:
        store_calls(url)
    else:
        time_routes(url, args.articles, args.requests, args.only)
    if tmp and not args.keep:
        for f in tmp.iterdir():
            f.unlink()
        tmp.rmdir()
    elif tmp:
        print(f"kept: {url}")


if __name__ == "__main__":
    main()
