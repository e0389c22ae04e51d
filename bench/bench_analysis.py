"""Time per 10,000 articles for the across-corpus analysis at two corpus sizes (near-linear growth is the target).

    .venv/bin/python bench/bench_analysis.py                  # 10,000 and 100,000 articles
    .venv/bin/python bench/bench_analysis.py --sizes 2000 20000

The articles are synthetic EnrichedArticles generated here (invented words and names; no real text): stories of 1-8
articles spread over a few days, each article with 2-5 attributions and 1-2 events, names drawn from a pool that grows
with the corpus (as a real corpus's does). They exercise the same code as real data: claim extraction, blocked claim
grouping and conflict detection, story clustering, and building one entity's timeline over the whole corpus.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from presswatch.analysis.claims import group_claims, iter_claims
from presswatch.analysis.conflicts import conflicts_among
from presswatch.analysis.stories import cluster_stories
from presswatch.analysis.timeline import build_timeline
from presswatch.models import Article, Attribution, EnrichedArticle, Event, Mention, Span, Speaker, TimeRef

SYLLABLES = "ka lo mi ra te su na vo ri pe da ko lu ma ne si to ba ge hu".split()  # noqa: SIM905
VERBS = "approved rejected discussed delayed opened closed signed announced cancelled planned".split()  # noqa: SIM905
NOUNS = "bridge treaty quota pipeline budget harbour election summit tariff reactor".split()  # noqa: SIM905


def _word(rng: random.Random, n: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def make_corpus(n: int, seed: int = 7) -> list[tuple[Article, EnrichedArticle]]:
    """``n`` synthetic enriched articles grouped in stories."""
    rng = random.Random(seed)
    pool_size = max(200, n // 5)
    people = [f"{_word(rng, 2)} {_word(rng)}" for _ in range(pool_size)]
    places = [_word(rng) for _ in range(pool_size // 2)]
    vocabulary = [_word(rng, 3).lower() for _ in range(5000)]
    out: list[tuple[Article, EnrichedArticle]] = []
    day = 0
    while len(out) < n:
        day += rng.random() < 0.02  # about 50 articles a day
        story_people = rng.sample(people, 3)
        place = rng.choice(places)
        noun, verb = rng.choice(NOUNS), rng.choice(VERBS)
        story_words = rng.sample(vocabulary, 8)
        for k in range(min(rng.randint(1, 8), n - len(out))):
            d = day + rng.randint(0, 3)
            date = f"20{20 + d // 365:02d}-{1 + (d % 365) // 31:02d}-{1 + d % 28:02d}"
            words = (story_words, vocabulary)
            out.append(_article(rng, len(out), date, story_people, place, noun, verb, k, words))
    return out


def _article(rng, i, date, people, place, noun, verb, k, words) -> tuple[Article, EnrichedArticle]:
    sents = [f"The {place} {noun} was {verb} on {date}, officials said."]
    quotes = []
    story_words, vocabulary = words
    for _ in range(rng.randint(2, 5)):
        who = rng.choice(people)
        neg = "not " if rng.random() < 0.05 else ""
        said = " ".join(rng.sample(story_words, 4) + rng.sample(vocabulary, 4))
        content = f"the {place} {noun} was {neg}{verb} because {said}"
        sents.append(f"{who} said that {content}.")
        quotes.append((who, content))
    text = " ".join(sents)
    article = Article(
        title=f"{place} {noun} {verb} ({k})",
        text=text,
        paragraph_spans=[(0, len(text))],
        published=f"{date}T08:00:00+00:00",
        outlet=rng.choice(["Ledger", "Post", "Times", "Star"]),
        id=f"a{i:07d}",
    )
    mentions, atts = [], []
    for j, (who, content) in enumerate(quotes, 1):
        s = text.find(content)
        w = text.rfind(who, 0, s)
        atts.append(
            Attribution(
                id=f"q{j}",
                speaker=Speaker(
                    "person", who, Span(w, w + len(who), who), f"person:{who.lower().replace(' ', '-')}", who
                ),
                cue=Span(w + len(who) + 1, w + len(who) + 5, "said"),
                content=Span(s, s + len(content), content),
                form="indirect",
            )
        )
        p = text.find(place, s)
        mentions.append(Mention(p, p + len(place), place, "LOC", f"loc:{place.lower()}"))
    trig = text.find(verb)
    events = [
        Event(
            "e1",
            "announcement",
            Span(trig, trig + len(verb), verb),
            [a.speaker.entity for a in atts[:2]],
            f"loc:{place.lower()}",
            TimeRef(0, 0, date, "date", date, date, date),
            "planned" if verb == "planned" else "held",
        )
    ]
    return article, EnrichedArticle(article.id, [(0, len(text))], mentions, [], atts, [], events)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of this process (the machine is shared: wall time would measure the neighbours too)."""
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = ap.parse_args()
    print(
        f"{'articles':>9} {'claims':>8} {'groups':>7} {'confl.':>7} {'stories':>8} | CPU seconds per 10,000 articles: "
        f"{'claims+conflicts':>16} {'stories':>8} {'timeline':>8}"
    )
    for n in args.sizes:
        items = make_corpus(n)
        t_claims, claims = timed(lambda items=items: list(iter_claims(items)))
        t_pairs = 0.0  # each of the two steps below blocks the claims itself (pairs are streamed, never held)
        t_group, groups = timed(lambda claims=claims: group_claims(claims))
        t_conf, found = timed(lambda claims=claims: conflicts_among(claims))
        t_story, stories = timed(lambda items=items: cluster_stories(items))
        query = items[n // 2][1].attributions[0].speaker.name
        t_tl, _ = timed(lambda items=items, query=query: build_timeline(items, query))
        per = 10_000 / n
        print(
            f"{n:>9} {len(claims):>8} {len(groups):>7} {len(found):>7} {len(stories):>8} | "
            f"{'':>33}{(t_claims + t_pairs + t_group + t_conf) * per:>16.2f} {t_story * per:>8.2f} {t_tl * per:>8.2f}"
        )


if __name__ == "__main__":
    main()
