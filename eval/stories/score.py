"""Score story clustering against the labelled stories of the newsarticles corpus (read in place).

    .venv/bin/python eval/stories/score.py                     # ingest + enrich into a temporary store (~3 min idle)
    .venv/bin/python eval/stories/score.py --store /tmp/n.db   # keep that store and reuse it on the next run
    .venv/bin/python eval/stories/score.py --words-only        # no enrichment: title and lead words only (~10 s)
    .venv/bin/python eval/stories/score.py --check             # fail (exit 1) below eval/floors/stories.json
    .venv/bin/python eval/stories/score.py --split dev --errors --window 4 --threshold 0.2   # tune on dev only
    .venv/bin/python eval/stories/score.py --store /tmp/n.db --split dev --merge 0.21 --join 0.08  # the averages

``stories.jsonl`` holds one labelled story a line: the dataset's ``article_id`` of every article of the corpus that
belongs to it (``articles``), the ones the labeller could not decide (``unsure``: not scored), pairs of syndicated
copies (``copies``), how the story was delimited (``delimited``), a SHA-1 prefix of its articles' texts to detect
drift in the data, and its half (``split``: a hash of the story id, or of the story it neighbours, so a story and its
hard negatives fall in the same half). A story with ``neighbour_of`` is a hard negative for that story: an article or
a few on a neighbouring but different story; ``complete: false`` says only some of its articles are listed, which is
enough because only labelled articles are scored.

The corpus goes through the product the way ``make demo`` takes it in: the real source reader and layouts
(``--preset newsarticles``, outlets from the URLs), dedup, and enrichment unless ``--words-only``. The stories are
``cluster_stories`` over what ``build_stories`` reads (the enriched articles; with ``--words-only`` every stored
article without enrichment). Enrichment is the default because ``build_stories`` clusters only enriched articles,
so the enriched figure is what users get; ``--words-only`` scores the same clustering on title and lead words, fast
enough for the test suite. All ~3,790 stored articles are clustered, so the other ~3,300 are distractors, and the
figures are computed on the labelled articles only:

- pairwise precision / recall / F1 over all pairs of labelled articles of a half (a pair is positive when both are in
  one gold story; predicted positive when both are in one product story);
- B-cubed precision / recall / F1: per labelled article, the share of its product story (restricted to labelled
  articles) that is in its gold story, and the share of its gold story that is in its product story, averaged;
- copies: of the labelled copy pairs, how many are counted once (stored once as an exact duplicate, or one listed
  among the other's story's ``copies``) and how many land in one story.

A labelled article that is not clustered (the layout rejected its row, or its enrichment failed) counts as a story of
its own. Thresholds are tuned on ``dev``; ``test`` is the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import combinations
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "eval" / "conflicts"))

from datasets import records, statement_hash  # noqa: E402

from presswatch.analysis.stories import Story, StoryOptions, cluster_stories  # noqa: E402
from presswatch.models import Article, EnrichedArticle, SourceFailure  # noqa: E402

STORIES = HERE / "stories.jsonl"
FLOORS = ROOT / "eval" / "floors" / "stories.json"
DEFAULT_DATA = ROOT.parent / "shared" / "data"
CORPUS = Path("newsarticles") / "NewsArticles.zip"
SPLITS = ("dev", "test", "all")
MEASURES = ("pairwise", "bcubed")


@dataclass(slots=True, frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def text(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f}"

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


def load_stories(path: Path = STORIES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def check_drift(stories: list[dict[str, Any]], data: Path) -> None:
    """ValueError when the corpus no longer holds the labelled articles as they were labelled."""
    texts = records(data, "newsarticles")
    for s in stories:
        missing = [a for a in s["articles"] if a not in texts]
        if missing or statement_hash("\n".join(texts[a] for a in s["articles"])) != s["sha"]:
            raise ValueError(f"story {s['id']}: its articles changed in the data (missing: {missing})")


def gold_labels(stories: list[dict[str, Any]], split: str) -> dict[str, str]:
    """article_id -> story id, for the labelled (not unsure) articles of the split ('all': both halves)."""
    return {a: s["id"] for s in stories if split in ("all", s["split"]) for a in s["articles"]}


# --- the product's side ------------------------------------------------------------------------------------------


def corpus_articles(zip_path: Path, records_of: dict[str, list[str]]) -> Iterator[Article]:
    """The corpus rows through the real source reader and layouts, as the demo reads them (the preset, the outlet
    from the URL); fills article id -> article_ids of its rows (exact duplicates share one stored article)."""
    from presswatch.demo import outlet_from_url
    from presswatch.errors import PresswatchError
    from presswatch.layouts import parse
    from presswatch.sources import SourceOptions, iter_documents

    for doc in iter_documents(str(zip_path), SourceOptions(preset="newsarticles")):
        if isinstance(doc, SourceFailure):
            continue
        if not doc.meta.get("outlet"):
            doc.meta["outlet"] = outlet_from_url(doc.meta.get("url") or doc.url)
        try:
            found = parse(doc)
        except PresswatchError:  # a row the layout cannot use (empty text): not stored, as in ingest
            continue
        for article in found:
            records_of[article.id].append(str(doc.meta["id"]))
            yield article


def stored_items(
    store_url: str, data: Path, *, enrich: bool, workers: int
) -> tuple[list[tuple[Article, EnrichedArticle | None]], dict[str, list[str]]]:
    """The articles ``build_stories`` would read, ingesting the corpus first when the store is empty, and the
    article_ids of each. With ``enrich=False`` every stored article comes without enrichment (title and lead only)."""
    from presswatch.ingest import IngestOptions, ingest_documents
    from presswatch.store import open_store

    records_of: dict[str, list[str]] = defaultdict(list)
    articles = corpus_articles(data / CORPUS, records_of)
    store = open_store(store_url)
    try:
        if store.count_articles() == 0:
            options = IngestOptions(enrich=enrich, workers=workers, watchlists=False)
            print(ingest_documents(articles, store, options).summary(), file=sys.stderr)
        else:  # a kept store: only the ids are needed
            for _ in articles:
                pass
        if enrich:
            items: list[tuple[Article, EnrichedArticle | None]] = list(store.iter_enriched())
        else:
            items = [(a, None) for a in store.iter_articles()]
        if len(items) < store.count_articles():
            print(f"{store.count_articles() - len(items)} stored articles have no enrichment", file=sys.stderr)
    finally:
        store.close()
    return items, dict(records_of)


def predicted_labels(stories: list[Story], records_of: dict[str, list[str]]) -> dict[str, int]:
    """article_id -> index of its product story (copies go with their original's story)."""
    return {
        record: n
        for n, story in enumerate(stories)
        for article_id in [*story.articles, *story.copies]
        for record in records_of.get(article_id, ())
    }


# --- the measures ------------------------------------------------------------------------------------------------


def pairwise(gold: dict[str, str], pred: dict[str, Any]) -> PRF:
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return PRF(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(gold: dict[str, str], pred: dict[str, Any]) -> PRF:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[Any, set[str]] = defaultdict(set)
    for a in gold:
        by_gold[gold[a]].add(a)
        by_pred[pred[a]].add(a)
    precision = recall = 0.0
    for a in gold:
        shared = len(by_gold[gold[a]] & by_pred[pred[a]])
        precision += shared / len(by_pred[pred[a]])
        recall += shared / len(by_gold[gold[a]])
    n = len(gold) or 1
    return PRF(precision / n, recall / n)


def score(stories: list[dict[str, Any]], predicted: dict[str, int], split: str) -> dict[str, PRF]:
    gold = gold_labels(stories, split)
    pred: dict[str, Any] = {a: predicted.get(a, ("alone", a)) for a in gold}  # not clustered: a story of its own
    return {"pairwise": pairwise(gold, pred), "bcubed": bcubed(gold, pred)}


# --- reports -----------------------------------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class CopyVerdict:
    story: str
    pair: tuple[str, str]
    together: bool  # both in one product story
    once: bool  # stored once as an exact duplicate, or one listed as the other's copy

    def text(self) -> str:
        verdict = f"{'same story' if self.together else 'SPLIT'}, counted {'once' if self.once else 'twice'}"
        return f"  {self.story}: {self.pair[0]} ~ {self.pair[1]}: {verdict}"


def copy_verdicts(
    stories: list[dict[str, Any]], found: list[Story], records_of: dict[str, list[str]]
) -> list[CopyVerdict]:
    """For each labelled copy pair: in one product story, and counted once?"""
    story_of = predicted_labels(found, records_of)
    copy_records = {r for s in found for c in s.copies for r in records_of.get(c, ())}
    stored_once = {frozenset(rs) for rs in records_of.values() if len(rs) > 1}
    verdicts = []
    for s in stories:
        for a, b in s["copies"]:
            together = a in story_of and story_of.get(a) == story_of.get(b)
            once = a in copy_records or b in copy_records or any({a, b} <= rs for rs in stored_once)
            verdicts.append(CopyVerdict(s["id"], (a, b), together, once))
    return verdicts


def error_report(stories: list[dict[str, Any]], predicted: dict[str, int], split: str) -> list[str]:
    """Per gold story, how its articles spread over product stories; then product stories that merge gold ones."""
    gold = gold_labels(stories, split)
    lines = []
    for s in stories:
        if s["id"] not in gold.values() or len(s["articles"]) < 2:
            continue
        spread = Counter(predicted.get(a, -1) for a in s["articles"])
        if len(spread) > 1:
            parts = ", ".join(f"{n}" if k >= 0 else f"{n} unclustered" for k, n in spread.most_common())
            lines.append(f"  split  {s['id']} ({len(s['articles'])}): {parts}")
    members: dict[int, Counter[str]] = defaultdict(Counter)
    for a, story in gold.items():
        if a in predicted:
            members[predicted[a]][story] += 1
    for n, golds in sorted(members.items()):
        if len(golds) > 1:
            lines.append(f"  merged product story {n}: " + ", ".join(f"{g} ({c})" for g, c in golds.most_common()))
    return lines


def check_floors(results: dict[str, dict[str, PRF]], floors: dict[str, Any]) -> list[str]:
    failures = []
    for split, measures in floors.items():
        for measure, values in measures.items():
            got = results[split][measure]
            for key, floor in values.items():
                value = getattr(got, key)
                if value + 1e-9 < floor:
                    failures.append(f"{split} {measure} {key} {value:.3f} < floor {floor}")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--store", help="store URL or SQLite path to keep (ingested on the first run, then reused)")
    parser.add_argument("--words-only", action="store_true", help="no enrichment: cluster on title and lead words")
    parser.add_argument("--workers", type=int, default=2, help="enrichment processes when ingesting")
    parser.add_argument("--split", choices=SPLITS, help="report this half only")
    parser.add_argument("--errors", action="store_true", help="list split and merged stories")
    parser.add_argument("--check", action="store_true", help=f"exit 1 when below {FLOORS.relative_to(ROOT)}")
    parser.add_argument("--window", type=int, help="StoryOptions.window_days (tuning, on dev)")
    parser.add_argument("--threshold", type=float, help="StoryOptions.threshold (tuning, on dev)")
    parser.add_argument("--merge", type=float, help="StoryOptions.merge_average (tuning, on dev)")
    parser.add_argument("--join", type=float, help="StoryOptions.join_average (tuning, on dev)")
    args = parser.parse_args(argv)

    stories = load_stories()
    check_drift(stories, args.data)
    tuned = (("window_days", args.window), ("threshold", args.threshold), ("merge_average", args.merge))
    overrides = {k: v for k, v in (*tuned, ("join_average", args.join)) if v is not None}
    options = replace(StoryOptions(), **overrides)
    mode = "words" if args.words_only else "enriched"
    with tempfile.TemporaryDirectory(prefix="presswatch-stories-") as tmp:
        url = args.store or str(Path(tmp) / "stories.db")
        items, records_of = stored_items(url, args.data, enrich=not args.words_only, workers=args.workers)
    found = cluster_stories(items, options)
    predicted = predicted_labels(found, records_of)
    labelled = gold_labels(stories, "all")
    print(
        f"{mode}: {len(items)} articles clustered into {len(found)} stories "
        f"({sum(s.size > 1 for s in found)} of two or more); {len(labelled)} labelled articles in "
        f"{len(stories)} stories, {sum(a not in predicted for a in labelled)} of them not clustered"
    )
    splits = [args.split] if args.split else list(SPLITS)
    results = {split: score(stories, predicted, split) for split in SPLITS}
    for split in splits:
        n = len(gold_labels(stories, split))
        r = results[split]
        print(f"{split:<5} n={n:<4} pairwise {r['pairwise'].text()}   B-cubed {r['bcubed'].text()}")
        if args.errors:
            print("\n".join(error_report(stories, predicted, split)))
    verdicts = copy_verdicts(stories, found, records_of)
    once = sum(v.once for v in verdicts)
    print(
        f"copies: {once} of {len(verdicts)} labelled pairs counted once, "
        f"{sum(v.together for v in verdicts)} in one story\n" + "\n".join(v.text() for v in verdicts)
    )
    if args.check:
        all_floors = json.loads(FLOORS.read_text(encoding="utf-8"))
        failures = check_floors(results, all_floors[mode])
        if once < all_floors["copies_counted_once"]:
            failures.append(f"copies counted once {once} < floor {all_floors['copies_counted_once']}")
        for failure in failures:
            print(f"below floor ({mode}): {failure}", file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
